"""Personal data: private modes, a jury's shared folder (set-group-ID, a second group, a second
juror's account), spreadsheet formulas neutralised, and no grade or name in a crash's output or
anywhere but the session and the documents asked for."""

from __future__ import annotations

import csv
import grp
import io
import json
import os
import pwd
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import DEMO_SOURCES, jury, jury_process, ok, store_names, write_csv
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_folder import GROUP, JUROR, _as, as_juror, other_account_python

from jury_tui.deliberation.rows import FORMULA_PREFIXES, neutralise
from jury_tui.documents.typography import french
from jury_tui.store import SessionFile

NAMES = ("DURAND", "Léa", "MOREAU", "Hugo", "GUÉRIN", "Inès")  # demo candidates


def mode_group(path: Path) -> tuple[int, str]:
    st_ = os.stat(path)
    return stat.S_IMODE(st_.st_mode), grp.getgrgid(st_.st_gid).gr_name


def new_session(path: Path, env: dict | None = None):
    return jury("new", path, "--regulation", "bts-mos", "--year", "2026", "--academie", "Académie de Normandie",
                "--jury", "BTS MOS — jury 2", env=env)


# ---- modes -----------------------------------------------------------------------------------------

def test_sessions_locks_and_backups_are_private_whatever_the_umask(tmp_path):
    old = os.umask(0o002)  # a permissive umask must not leak into the files
    try:
        session = tmp_path / "session.json"
        ok(new_session(session))
        ok(jury("import", "candidates", session, DEMO_SOURCES / "candidats.csv"))
        ok(jury("decide", session, "02602", "admis"))
    finally:
        os.umask(old)
    backups = SessionFile(session).backups()
    assert backups
    for path in (session, session.with_name("session.json.lock"), *backups):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


# ---- a jury's shared folder ---------------------------------------------------------------------------

def test_a_shared_folder_gives_every_file_to_the_jurys_group(shared_folder, shared_accounts):
    gid, uid = shared_accounts
    session = shared_folder / "session.json"
    ok(new_session(session))
    ok(jury("import", "members", session, DEMO_SOURCES / "membres.csv"))
    ok(jury("import", "candidates", session, DEMO_SOURCES / "candidats.csv"))
    files = [session, session.with_name("session.json.lock"), *SessionFile(session).backups()]
    for path in files:
        assert mode_group(path) == (0o660, GROUP), path
    # the second juror, with a strict umask, decides; the session stays the jury's
    done = as_juror(shared_accounts, "decide", session, "02602", "admis")
    assert done.returncode == 0, done.stderr
    assert mode_group(session) == (0o660, GROUP)
    assert os.stat(session).st_uid == uid  # the file was replaced by that juror's write...
    ok(jury("decide", session, "02603", "admis"))  # ...and the first one still writes it
    assert mode_group(session) == (0o660, GROUP)
    done = as_juror(shared_accounts, "import", "candidates", session, DEMO_SOURCES / "candidats.csv")
    assert done.returncode == 0, done.stderr
    for path in SessionFile(session).backups():
        assert mode_group(path) == (0o660, GROUP), path
    assert SessionFile(session).verify() == []
    audit = SessionFile(session).load().audit
    assert {e["utilisateur"] for e in audit} >= {JUROR}


def test_someone_outside_the_jurys_group_is_refused_in_french(shared_folder, shared_accounts):
    session = shared_folder / "session.json"
    ok(new_session(session))
    nobody = pwd.getpwnam("nobody")
    python = other_account_python(nobody.pw_uid, nobody.pw_gid)
    done = _as(nobody.pw_uid, nobody.pw_gid, [], python, "-m", "jury_tui", "results", session)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"Erreur : {session} : accès refusé (permission refusée)" in done.stderr, done.stderr


# ---- spreadsheet formulas ----------------------------------------------------------------------------

PLAIN_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["=", "+", "-", "@", "\t", "\r", ""]),
       st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))
def test_no_cell_of_the_csv_export_starts_a_formula(prefix, rest):
    text = prefix + rest
    cell = neutralise(text)
    if cell.startswith(FORMULA_PREFIXES):
        # only a plain number may start with a sign; a spreadsheet reads "-INF" or "-1_0" as a formula
        assert cell[0] in "+-" and PLAIN_NUMBER.fullmatch(cell[1:]), repr(cell)
    assert cell in (text, "'" + text)


def test_names_that_are_formulas_are_neutralised_in_the_exam_office_csv(tmp_path):
    session = tmp_path / "session.json"
    ok(new_session(session))
    names = ["=HYPERLINK(\"http://x\";\"clic\")", "+33 6 12", "-INF", "@SOMME(A1)", "-2+3+cmd|' /C calc'!A0"]
    rows = ["numero;nom;prenom;U1;U21;U22;U3;U4;U51;U52;U6"]
    rows += [f"{i:05d};MARTIN;Anne;12;12;12;12;12;12;12;12" for i in range(1, len(names) + 1)]
    ok(jury("import", "candidates", session, write_csv(tmp_path / "c.csv", rows)))
    # an import refuses such names now; a session of an earlier version may hold them
    store_names(session, {f"{i:05d}": (n, f"{n[:3]}x") for i, n in enumerate(names, 1)})
    text = ok(jury("results", session, "--format", "csv")).stdout_bytes.decode("utf-8")
    assert text.startswith("\ufeff")
    cells = [cell for row in csv.reader(io.StringIO(text[1:]), delimiter=";") for cell in row]
    assert {"'" + n for n in names} <= set(cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not PLAIN_NUMBER.fullmatch(c[1:]))]


# ---- crashes and stray copies ---------------------------------------------------------------------------

CRASH = """
import sys
import orjson
real = orjson.loads
def broken(data, *args, **kwargs):  # a bug while reading the session, its message full of data
    raw = bytes(data) if not isinstance(data, str) else data.encode()
    at = raw.find(b'"numero"')
    if at >= 0:
        raise ValueError("lecture impossible : " + raw[at:at + 3000].decode("utf-8", "replace"))
    return real(data, *args, **kwargs)
orjson.loads = broken
from jury_tui.cli import main
sys.argv = ["jury", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("command", [("results",), ("results", "--format", "json"), ("decide", "02601", "admis"),
                                     ("check",)])
def test_an_unexpected_error_shows_no_grade_and_no_name(demo, command):
    """A bug deep down (here while reading the session): the user gets a French message and
    exit 1, never a traceback (its text and locals can hold candidates' names and grades)."""
    args = [command[0], str(demo), *command[1:]]
    done = subprocess.run([sys.executable, "-c", CRASH, *args], capture_output=True, text=True, timeout=60)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    for leak in (*NAMES, "12.50", "9.50", "DISP"):
        assert leak not in output, (leak, output)
    assert "Erreur inattendue" in done.stderr and "ValueError" in done.stderr


def test_the_debug_switch_gives_the_traceback_to_whoever_asks(demo):
    done = subprocess.run([sys.executable, "-c", CRASH, "results", str(demo)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "JURY_DEBUG": "1"})
    assert done.returncode == 1
    assert "Traceback" in done.stderr


def test_refusals_print_no_traceback(demo, tmp_path):
    bad = write_csv(tmp_path / "c.csv", ["numero;nom;prenom;U1", "02601;DURAND;Léa;21"])
    for args in (("decide", demo, "02699", "admis"), ("adjust", demo, "02601", "U1", "abc", "--reason", "x"),
                 ("import", "candidates", demo, bad), ("set", demo, "02601", "U4", "1O", "--reason", "x"),
                 ("results", tmp_path / "absente.json"), ("audit", demo / "pas-un-dossier")):
        done = jury_process(*args)
        assert done.returncode in (1, 2), (args, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr


def test_nothing_is_written_outside_the_sessions_folder(demo, tmp_path):
    """A day's commands leave no log, cache or copy in HOME, TMPDIR or the working folder; the
    lock file names the holder only."""
    home, tmp, cwd = (tmp_path / n for n in ("home", "tmp", "cwd"))
    for folder in (home, tmp, cwd):
        folder.mkdir()
    env = {"HOME": str(home), "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(home / ".cache"), "PYTHONDONTWRITEBYTECODE": "1"}
    for args in (("decide", demo, "02602", "admis"), ("adjust", demo, "02605", "U1", "7", "--reason", "points"),
                 ("import", "candidates", demo, DEMO_SOURCES / "candidats.csv"), ("results", demo, "--format", "csv"),
                 ("audit", demo, "--verify"), ("check", demo)):
        done = jury_process(*args, env=env, cwd=cwd)
        assert done.returncode in (0, 1), done.stderr
    assert [p for folder in (home, tmp, cwd) for p in folder.rglob("*")] == []
    beside = sorted(p.name for p in demo.parent.iterdir())
    assert all(n == "session.json" or n == "session.json.lock" or n.endswith(".bak") for n in beside), beside
    lock = demo.with_name("session.json.lock").read_bytes()
    assert not any(name.encode() in lock for name in NAMES)


# ---- documents ------------------------------------------------------------------------------------------

def docx_text(path: Path) -> str:
    """Every text of a .docx, all its parts (body, headers, footers, properties), tags removed."""
    import html
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = [archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith((".xml", ".rels"))]
    return html.unescape(re.sub(r"<[^>]+>", " ", " ".join(parts)))


def candidate_names(session: Path) -> list[str]:
    rows = json.loads(ok(jury("results", session, "--format", "json")).stdout)["candidats"]
    return [name for row in rows for name in (row["nom"], row["prenom"])]


def test_an_anonymous_pv_holds_no_candidates_name(signed, tmp_path):
    named, anonymous = tmp_path / "pv.docx", tmp_path / "pv-anonyme.docx"
    ok(jury("export", signed, "pv", "--out", named))
    ok(jury("export", signed, "pv", "--anonymous", "--out", anonymous))
    names = candidate_names(signed)
    printed = [french(n) for n in names]  # as documents print them: « D’ALMEIDA »
    text, hidden = docx_text(named), docx_text(anonymous)
    assert all(re.search(rf"\b{re.escape(n)}\b", text) for n in printed), "the named PV has every name"
    leaks = [n for n in sorted(set(names) | set(printed)) if re.search(rf"\b{re.escape(n)}\b", hidden)]
    assert leaks == [], f"names in the anonymous PV: {leaks}"
    assert "02601" in hidden and "02662" in hidden  # the rows are there, by numero


def test_documents_are_private_or_the_jurys_like_the_session(demo, tmp_path, shared_folder):
    private = tmp_path / "documents"
    private.mkdir()
    old = os.umask(0o002)
    try:
        for folder in (private, shared_folder):
            ok(jury("export", demo, "pv", "--out", folder / "pv.docx"))
            ok(jury("export", demo, "pv", "--anonymous", "--out", folder / "pv-anonyme.docx"))
            ok(jury("export", demo, "csv", "--out", folder / "resultats.csv"))
    finally:
        os.umask(old)
    for name in ("pv.docx", "pv-anonyme.docx", "resultats.csv"):
        assert stat.S_IMODE(os.stat(private / name).st_mode) == 0o600, name
        assert mode_group(shared_folder / name) == (0o660, GROUP), name
    assert sorted(p.name for p in shared_folder.iterdir()) == ["pv-anonyme.docx", "pv.docx", "resultats.csv"]

"""Text typed at the command line, in the environment or in the app (issue cases 8 and 11): bytes
that are not UTF-8 from a Latin-1 terminal, control characters that would drive the terminal
of whoever reads the session. Each is refused where it enters, naming it, and nothing changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import CANDIDATE_HEADER, jury, refused, unchanged

from jury_tui import seams
from jury_tui.deliberation import Session, create_session
from jury_tui.errors import JuryError

ESC = "\x1b[2J\x1b]0;jury\x07"  # clears the screen and retitles the terminal
GRADES = "14/03/2005;scolaire;globale;non;non;12;11;13;10;12;11;12;13;;;;"


def run_bytes(args: list[bytes], env: dict[bytes, bytes] | None = None) -> subprocess.CompletedProcess:
    """`python -m jury_tui ARGS` as a terminal set to Latin-1 sends them: bytes, in a UTF-8 locale."""
    base = {k.encode(): v.encode() for k, v in os.environ.items() if k not in ("JURY_AS", "LC_ALL", "LANG")}
    full = {**base, b"LANG": b"C.UTF-8", b"LC_ALL": b"C.UTF-8", **(env or {})}
    return subprocess.run([sys.executable.encode(), b"-m", b"jury_tui", *args], capture_output=True, env=full, timeout=60)


# ---- 8. bytes that are not UTF-8 ---------------------------------------------------------------------


@pytest.mark.parametrize(("args", "env", "named"), [
    ([b"set", b"S", b"02601", b"U4", b"13", b"--reason", b"r\xe9ponse"], None, "option --reason : « r\\xe9ponse »"),
    ([b"--as", b"Ren\xe9", b"set", b"S", b"02601", b"U4", b"13", b"--reason", b"ok"], None, "option --as : « Ren\\xe9 »"),
    ([b"set", b"S", b"02601", b"U4", b"13", b"--reason", b"ok"], {b"JURY_AS": b"Ren\xe9"},
     "variable d'environnement JURY_AS : « Ren\\xe9 »"),
    ([b"set", b"S", b"02601", b"nom", b"DUR\xc9", b"--reason", b"ok"], None, "« DUR\\xc9 » contient l'octet \\xc9"),
    ([b"decide", b"S", b"02602", b"ajourne", b"--reason", b"\xe9chec"], None, "option --reason : « \\xe9chec »"),
    ([b"withdraw", b"S", b"02601", b"--reason", b"erreur d'import\xe9"], None, "option --reason"),
])
def test_bytes_that_are_not_utf8_are_refused_naming_the_argument(demo, args, env, named):
    args = [str(demo).encode() if a == b"S" else a for a in args]
    with unchanged(demo):
        done = run_bytes(args, env)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 1, stderr
    assert named in stderr and "qui n'est pas de l'UTF-8" in stderr
    assert "réglez-le en UTF-8" in stderr and "LANG=fr_FR.UTF-8" in stderr
    assert "Erreur inattendue" not in stderr and "Traceback" not in stderr


def test_a_file_name_that_is_not_utf8_is_refused_with_what_to_do(demo):
    latin1 = os.fsencode(demo.parent) + b"/candidats_\xe9t\xe9.csv"
    with open(latin1, "wb") as handle:
        handle.write(b"numero;nom\r\n")
    with unchanged(demo):
        done = run_bytes([b"import", b"candidates", str(demo).encode(), latin1])
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 1 and "argument FICHIER" in stderr
    assert "candidats_\\xe9t\\xe9.csv" in stderr and "renommez le fichier" in stderr


# ---- 11. control characters at every entry point ------------------------------------------------------


@pytest.mark.parametrize(("args", "named"), [
    (["set", "S", "02601", "nom", f"DUR{ESC}AND", "--reason", "erreur de saisie"], "« DUR\\x1b[2J\\x1b]0;jury\\x07AND »"),
    (["set", "S", "02601", "etablissement", f"Lycée{ESC}", "--reason", "ok"], "\\x1b"),
    (["set", "S", "02601", "U4", "13", "--reason", f"oups{ESC}"], "option --reason : « oups\\x1b"),
    (["adjust", "S", "02602", "U1", "15", "--reason", "Points de jury\x07"], "caractère de contrôle sonnerie (\\x07)"),
    (["decide", "S", "02602", "ajourne", "--reason", "avis\u202e du jury"], "inverse le sens du texte (\\u202e)"),
    (["withdraw", "S", "02601", "--reason", "doublon\nligne 2"], "tient sur plusieurs lignes"),
    (["--as", f"Anne{ESC}", "decide", "S", "02602", "admis"], "option --as : « Anne\\x1b"),
])
def test_control_characters_are_refused_at_the_command_line(demo, args, named):
    with unchanged(demo):
        stderr = refused(jury(*[demo if a == "S" else a for a in args]), named)
    assert "\x1b" not in stderr and "\x07" not in stderr


def test_control_characters_are_refused_in_the_environment(demo):
    with unchanged(demo):
        stderr = refused(jury("decide", demo, "02602", "admis", env={"JURY_AS": f"Anne{ESC}"}),
                         "variable d'environnement JURY_AS : « Anne\\x1b")
    assert "\x1b" not in stderr


@pytest.mark.parametrize("option", ["--jury", "--academie", "--lieu"])
def test_control_characters_are_refused_when_a_session_is_made(tmp_path, option):
    values = {"--jury": "BTS MOS — jury 1", "--academie": "Académie de Normandie", "--lieu": "Caen", option: f"X{ESC}"}
    args = [a for pair in values.items() for a in pair]
    refused(jury("new", tmp_path / "s.json", "--regulation", "bts-mos", "--year", "2026", *args), f"option {option}")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(JuryError, match=f"option {option}"):  # the operation itself refuses too
        create_session(tmp_path / "s.json", regulation="bts-mos", year=2026, academie=values["--academie"],
                       jury=values["--jury"], lieu=values["--lieu"])
    assert list(tmp_path.iterdir()) == []


def test_the_operations_the_app_calls_refuse_them_too(demo):
    """The app's dialogs call these operations with what was typed or pasted in them."""
    session = Session(demo)
    acts = [
        lambda: session.adjust("02602", "U1", "15", reason=f"Points de jury{ESC}"),
        lambda: session.set_field("02601", "nom", f"DUR{ESC}AND", reason="correction"),
        lambda: session.set_field("02601", "U4", "13", reason="correction\x07"),
        lambda: session.decide("02602", "ajourne", reason=f"avis{ESC}"),
        lambda: session.decide("02602", "admis", reason="unanimité\u2066"),
        lambda: session.withdraw("02601", reason=f"doublon{ESC}"),
    ]
    for act in acts:
        with unchanged(demo), pytest.raises(JuryError) as refusal:
            act()
        assert "\x1b" not in str(refusal.value) and "\x07" not in str(refusal.value)


def test_the_acting_person_is_checked_wherever_it_comes_from(demo, monkeypatch):
    monkeypatch.setenv("JURY_AS", f"Anne{ESC}")
    seams.set_identity(seams.system_identity)  # as the app runs: JURY_AS read where the act is recorded
    seams.set_acting_as(None)
    with unchanged(demo), pytest.raises(JuryError, match="la personne qui agit"):
        Session(demo).decide("02602", "admis")


def test_nothing_refused_reaches_the_exam_offices_csv(demo):
    for args in (["set", demo, "02601", "nom", f"DUR{ESC}AND", "--reason", "x"],
                 ["set", demo, "02601", "prenom", "Léa", "--reason", f"x{ESC}"]):
        refused(jury(*args))
    out = jury("results", demo, "--format", "csv").stdout_bytes
    assert b"\x1b" not in out and b"\x07" not in out


def test_a_refused_text_is_shown_escaped_and_never_raw(demo, tmp_path: Path):
    source = tmp_path / "candidats.csv"
    source.write_bytes((CANDIDATE_HEADER + "\r\n03001;DUR\x1b[2JAND;L\x9b31m\xe9a;" + GRADES + "\r\n").encode("latin-1"))
    with unchanged(demo):
        stderr = refused(jury("import", "candidates", demo, source), "\\x1b[2J")
    assert "\x1b" not in stderr and "\x9b" not in stderr

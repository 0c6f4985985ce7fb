"""A site's template that asks too much — a text or a list multiplied, a power, nested ranges,
loops over the candidates that never end or print without end, a macro calling itself, a
huge width — is refused in French within its bounds: nothing written, nothing on record, no
staging folder left (corpus/: the templates, built by make_corpus.py; expected.toml: what
each must give). The limits are made small through the environment so that each case is
quick; the refusals are asserted, never the time they took."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_helpers import jury, ok, refused, unchanged

from jury_tui.resources import templates_dir

CORPUS = Path(__file__).parent / "corpus"
CASES = [case for case in tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))["case"]
         if case["kind"] == "template"]  # fmt: skip


def test_the_corpus_has_each_kind_of_hostile_template():
    codes = {case["file"] for case in CASES}
    assert {"modele_texte_multiplie.docx", "modele_puissance.docx", "modele_range_imbriques.docx",
            "modele_boucles_sans_sortie.docx", "modele_sortie_enorme.docx", "modele_macro_recursive.docx"} <= codes


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_a_hostile_template_is_refused_in_french_and_leaves_nothing(case, demo):
    out = demo.parent / "pv.docx"
    with unchanged(demo):  # the session byte-identical (no export on record), no file beside it
        result = jury("export", demo, "pv", "--out", out, "--template", CORPUS / case["file"], env=case.get("env"))
    assert result.exit_code == 1, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert "Erreur inattendue" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    ((place, message),) = case["errors"]
    assert f"Erreur : {place} : {message}" in result.stderr, result.stderr
    assert not out.exists()


def test_verify_with_a_hostile_template_is_refused_too(signed):
    pv = signed.parent / "pv.docx"
    ok(jury("export", signed, "pv", "--tour", "1", "--out", pv))
    with unchanged(signed, pv):
        result = jury("verify", signed, pv, "--template", CORPUS / "modele_macro_en_eventail.docx",
                      env={"JURY_TEMPLATE_SECONDS": "2"})  # fmt: skip
    refused(result, "le modèle modele_macro_en_eventail.docx n'a pas fini en 2 s ; vérifiez ses boucles")


def parts(docx: Path) -> dict[str, bytes]:
    """Every part of a .docx but its properties (their dates are the export's time)."""
    with zipfile.ZipFile(docx) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_a_site_template_renders_apart_exactly_as_the_shipped_one_renders_here(demo):
    site = demo.parent.parent / "pv_site.docx"
    shutil.copy(templates_dir() / "pv.docx", site)
    ok(jury("export", demo, "pv", "--out", demo.parent / "ici.docx"))
    ok(jury("export", demo, "pv", "--out", demo.parent / "site.docx", "--template", site))
    assert parts(demo.parent / "site.docx") == parts(demo.parent / "ici.docx")


def test_a_site_template_renders_several_documents_in_order_with_progress(tmp_path):
    sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures" / "documents"))
    import documents_samples as samples
    from docx import Document

    from jury_tui.documents import render_all

    site = tmp_path / "releve_site.docx"
    shutil.copy(templates_dir() / "releve.docx", site)
    contexts = [samples.releves((i,)) for i in range(3)]
    seen = []
    paths = render_all("releves", [(tmp_path / f"r{i}.docx", c) for i, c in enumerate(contexts)], template=site,
                       properties={"title": "Relevés", "author": "Jury", "created": datetime(2026, 6, 30, tzinfo=UTC)},
                       progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    assert [p.name for p in paths] == ["r0.docx", "r1.docx", "r2.docx"]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    for path, context in zip(paths, contexts, strict=True):
        cells = [cell.text for table in Document(path).tables for row in table.rows for cell in row.cells]
        assert context.releves[0].numero in cells


def test_the_child_takes_nothing_from_the_current_folder(demo, monkeypatch):
    """A member of a shared folder plants `jinja2.py` where a colleague runs `jury export`."""
    planted = demo.parent / "jinja2.py"
    planted.write_text("import pathlib\npathlib.Path(__file__).with_name('pris').write_text('!')\n", encoding="utf-8")
    site = demo.parent.parent / "pv_site.docx"
    shutil.copy(templates_dir() / "pv.docx", site)
    monkeypatch.chdir(demo.parent)
    ok(jury("export", demo, "pv", "--out", demo.parent / "pv.docx", "--template", site))
    assert not (demo.parent / "pris").exists()


def stat(pid: int) -> list[str] | None:
    """/proc/PID/stat's fields after the command's name (state, parent…), or None when gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None


def children(pid: int) -> list[int]:
    pids = [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]
    return [p for p in pids if (fields := stat(p)) is not None and int(fields[1]) == pid]


def running(pid: int) -> bool:
    fields = stat(pid)
    return fields is not None and fields[0] not in ("Z", "X")  # a zombie has ended


def cpu_seconds(pid: int) -> float:
    fields = stat(pid)
    return 0.0 if fields is None else (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_child_does_not_outlive_its_killed_export(demo):
    """The export stopped, then killed, while its child loops: nobody is left to stop the child
    on the clock; it stops on its own limit of processor time (the clock's, plus 2 s)."""
    env = dict(os.environ, JURY_TEMPLATE_SECONDS="3")
    env.pop("JURY_AS", None)
    export = subprocess.Popen([sys.executable, "-m", "jury_tui", "export", str(demo), "pv", "--template",
                               str(CORPUS / "modele_boucles_sans_sortie.docx")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        child: list[int] = []
        while export.poll() is None and not (child and cpu_seconds(child[0]) >= 1.0):  # started, now looping
            time.sleep(0.02)
            child = child or children(export.pid)
        assert export.poll() is None, "the export ended before its child was seen looping (machine too loaded?)"
        export.send_signal(signal.SIGSTOP)  # its clock stops: it can no longer kill the child
        export.send_signal(signal.SIGKILL)
        export.wait()
        deadline = time.monotonic() + 120  # a bound for a loaded machine, not a measure
        while running(child[0]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not running(child[0]), "the child still runs after its export was killed"
    finally:
        if export.poll() is None:
            export.kill()
            export.wait()


@pytest.mark.parametrize("value", ["abc", "0", "-3", "inf"])
def test_a_limit_set_wrong_is_refused_naming_it(demo, value):
    site = demo.parent.parent / "pv_site.docx"
    shutil.copy(templates_dir() / "pv.docx", site)
    with unchanged(demo):
        result = jury("export", demo, "pv", "--template", site, env={"JURY_TEMPLATE_SECONDS": value})
    refused(result, f"JURY_TEMPLATE_SECONDS={value} : attendu un nombre de secondes, plus grand que zéro (par défaut 60)")

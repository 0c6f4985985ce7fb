"""Bad files an exam office could really produce: each refused with its exact message and place,
the session byte-identical afterwards (the corpus and what each file must give: corpus/)."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from cli_helpers import DEMO_SOURCES, jury, unchanged
from rel_support import copy_session

CORPUS = Path(__file__).parent / "corpus"
ALL_CASES = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))["case"]
OTHER_KINDS = {"session", "template"}  # test_rel_session_shape.py, test_rel_templates.py
COMMANDS = {
    "candidates": ("import", "candidates"),
    "members": ("import", "members"),
    "controle": ("import", "controle"),
    "regulation": ("regulation", "apply"),
}
CASES = [case for case in ALL_CASES if case["kind"] in COMMANDS]


def test_the_corpus_is_whole():
    listed = [case["file"] for case in ALL_CASES]
    on_disk = sorted(p.name for p in CORPUS.iterdir() if p.name not in ("expected.toml", "make_corpus.py"))
    assert len(listed) == len(set(listed)), "a file is listed twice"
    assert sorted(listed) == on_disk
    assert len(listed) >= 40
    kinds = {case["kind"] for case in ALL_CASES}
    assert kinds == set(COMMANDS) | OTHER_KINDS


def error_lines(stderr: str) -> list[tuple[str, str]]:
    """(place, message) of each « Erreur : PLACE : MESSAGE » line."""
    out = []
    for line in stderr.splitlines():
        if line.startswith("Erreur : "):
            place, _, message = line[len("Erreur : "):].partition(" : ")
            out.append((place, message))
    return out


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_a_bad_file_is_refused_with_its_place_and_changes_nothing(case, templates, tmp_path):
    session = copy_session(templates, case.get("session", "demo"), tmp_path / "jury")
    source = tmp_path / "depot" / case["file"]
    source.parent.mkdir()
    shutil.copy(CORPUS / case["file"], source)
    with unchanged(session, source):
        result = jury(*COMMANDS[case["kind"]], session, source)
    assert result.exit_code == 1, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    found = error_lines(result.stderr)
    assert len(found) == case.get("count", len(case["errors"])), result.stderr
    remaining = list(found)
    for place, fragment in case["errors"]:
        match = next((f for f in remaining if f[0] == place and fragment in f[1]), None)
        assert match is not None, f"« {place} : …{fragment}… » not in:\n{result.stderr}"
        remaining.remove(match)
    if case["kind"] != "regulation":
        assert "rien n'a été importé, la session est inchangée" in result.stderr


@pytest.mark.parametrize("case", [c for c in CASES if c["kind"] != "regulation"][::6],
                         ids=lambda c: c["file"])
def test_the_json_report_gives_the_same_places(case, templates, tmp_path):
    session = copy_session(templates, case.get("session", "demo"), tmp_path / "jury")
    with unchanged(session):
        result = jury(*COMMANDS[case["kind"]], session, CORPUS / case["file"], "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    places = [(e["lieu"], e["message"]) for e in report["erreurs"]]
    for place, fragment in case["errors"]:
        assert any(p == place and fragment in m for p, m in places), (place, places)


@pytest.mark.parametrize("case", [c for c in CASES if c["kind"] == "regulation"], ids=lambda c: c["file"])
def test_a_bad_regulation_creates_no_session(case, tmp_path):
    target = tmp_path / "nouvelle.json"
    result = jury("new", target, "--regulation", CORPUS / case["file"], "--year", "2026",
                  "--academie", "Académie de Normandie", "--jury", "BTS MOS — jury 3")
    assert result.exit_code == 1
    place, fragment = case["errors"][0]
    assert any(p == place and fragment in m for p, m in error_lines(result.stderr)), result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_dry_run_reports_the_same_and_writes_nothing(demo):
    with unchanged(demo):
        result = jury("import", "candidates", demo, CORPUS / "plusieurs_erreurs.csv", "--dry-run")
        assert result.exit_code == 1
        assert len(error_lines(result.stderr)) == 4
        good = jury("import", "candidates", demo, DEMO_SOURCES / "candidats.csv", "--dry-run")
        assert good.exit_code == 0 and good.stdout.startswith("Simulation (rien n'est écrit)")

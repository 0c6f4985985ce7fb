"""A session file that is valid JSON but wrong inside (a candidate's notes as a text, the
regulation removed…) is refused on load, naming the part, by reads, writes and the app alike,
and never written over (corpus/: the files, expected.toml: what each gives)."""

from __future__ import annotations

import asyncio
import shutil
import tomllib
from pathlib import Path

import pytest
from cli_helpers import DEMO_SOURCES, jury, unchanged

CORPUS = Path(__file__).parent / "corpus"
CASES = [case for case in tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))["case"]
         if case["kind"] == "session"]
COMMANDS = [
    ("results", "{s}"), ("check", "{s}"), ("audit", "{s}", "--verify"), ("decide", "{s}", "02650", "admis"),
    ("adjust", "{s}", "02601", "U1", "13", "--reason", "points de jury"),
    ("set", "{s}", "02650", "nom", "X", "--reason", "r"),
    ("import", "candidates", "{s}", str(DEMO_SOURCES / "candidats.csv")), ("export", "{s}", "csv"), ("sign", "{s}"),
]


def test_the_corpus_has_wrong_sessions():
    assert len(CASES) >= 6


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_a_wrong_session_is_refused_naming_the_part_and_never_written(case, tmp_path):
    folder = tmp_path / "jury"
    folder.mkdir()
    session = folder / "session.json"
    shutil.copy(CORPUS / case["file"], session)
    (place, fragment), = case["errors"]
    for command in COMMANDS:
        with unchanged(session):
            result = jury(*(str(session) if a == "{s}" else a for a in command))
        assert result.exit_code == 1, (command, result.stdout, result.stderr)
        assert "Erreur inattendue" not in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert f"Erreur : {folder}/{place} : {fragment}" in result.stderr, (command, result.stderr)
        assert "est mal formé à l'intérieur (la partie nommée ci-dessus) : il n'est ni lu ni modifié" in result.stderr


def test_the_app_refuses_a_wrong_session_and_writes_nothing(tmp_path):
    from jury_tui.tui import make_app

    session = tmp_path / "session.json"
    shutil.copy(CORPUS / "session_notes_en_texte.json", session)
    before = session.read_bytes()

    async def scenario():
        app = make_app(session, poll_interval=60)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.2)
            assert app.open_error and "candidat 02601 : champ notes" in app.open_error, app.open_error
            await pilot.press("ctrl+q")

    asyncio.run(scenario())
    assert session.read_bytes() == before

"""The app opens a session of another diploma (BTS SN IR) unchanged: its units on the sheet, a
decision taken by keys."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import press, run

from jury_tui.deliberation import Session, create_session
from jury_tui.tui import make_app
from jury_tui.tui.screens.sheet import SheetScreen

CANDIDATES = (
    "numero;nom;prenom;U1;U2;U3;U4;U5;U6.1;U6.2;EF1\n"
    "10001;ALPHA;Anne;12;11;10;13;14;12;15;\n"
    "10002;BRAVO;Bruno;9;8;7;10;11;12;10;14\n"
)


def sn_session(tmp_path: Path) -> Path:
    path = tmp_path / "sn.json"
    create_session(path, regulation="bts-sn-ir", year=2024, academie="Académie de Lyon", jury="BTS SN IR — jury 1")
    (tmp_path / "c.csv").write_text(CANDIDATES, encoding="utf-8")
    Session(path).import_file("candidates", str(tmp_path / "c.csv"))
    return path


def test_the_app_shows_and_decides_a_sn_candidate(tmp_path):
    path = sn_session(tmp_path)

    async def scenario():
        app = make_app(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await press(pilot, "2")
            pilot.app.screen.grid.select("10001")
            await press(pilot, "enter")
            sheet = app.screen
            assert isinstance(sheet, SheetScreen) and sheet.numero == "10001"
            shot = app.export_screenshot()
            for text in ("U6.2", "Projet technique", "12,96"):  # 337/26
                assert text in shot.replace("&#160;", " ")
            await press(pilot, "enter")  # confirm the proposal (admis)

    run(scenario())
    assert Session(path).view().candidate("10001").decision(1).decision == "admis"

"""Sign and write the documents from the app, by keys: where they went, what is on record,
what is refused and why (in French); one snapshot of the documents screen at 80x24."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_snapshots import SIZE, ready
from tui_helpers import decide_all_but, press, run, type_text

from jury_tui.deliberation import Session
from jury_tui.documents import pdf
from jury_tui.tui import make_app
from jury_tui.tui.screens.candidates import CandidatesScreen
from jury_tui.tui.screens.export import ExportScreen
from jury_tui.tui.screens.sign import SignScreen

sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures" / "documents"))
import session_docs  # noqa: E402


@pytest.fixture
def ready_to_sign(demo: Path) -> Path:
    """The demo with every candidate of tour 1 decided (02618's missing U52 reported first)."""
    Session(demo).set_field("02618", "U52", "11", reason="report")
    decide_all_but(demo, ())
    return demo


@pytest.fixture
def no_libreoffice(monkeypatch):
    """The same screen on every machine: LibreOffice said to be missing."""
    monkeypatch.setattr(pdf, "available", lambda: False)


def exports(path: Path) -> list[dict]:
    return [e for e in Session(path).view().audit if e["action"] == "export"]


def written_text(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-written").render())


async def finish(pilot) -> None:
    """The export thread done and its result shown."""
    await pilot.app.workers.wait_for_complete()
    for _ in range(40):
        if not pilot.app.screen.running:
            break
        await pilot.pause(0.05)
    await pilot.pause()


def test_sign_then_write_the_pv_and_the_csv_by_keys(ready_to_sign, no_libreoffice):
    folder = ready_to_sign.parent

    async def scenario():
        app = make_app(ready_to_sign)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "s")
            assert isinstance(app.screen, SignScreen) and not app.screen.blockers
            await press(pilot, "space", "enter")  # accept the warnings, sign
            assert app.screen.query("#sign-done")
            await press(pilot, "enter")  # « Documents » is offered at once
            screen = app.screen
            assert isinstance(screen, ExportScreen)
            kinds = screen.query_one("#export-kinds")
            assert kinds.checked == {"pv-1"}  # the PV of the tour just signed
            await press(pilot, *["down"] * 5, "space", "e")  # the CSV too, then write
            await finish(pilot)
            text = written_text(screen)
            for name in ("demo-pv-tour1.docx", "demo-resultats.csv"):
                assert str(folder / name) in text  # where, in full
            assert "inscrit au journal" in text
            await press(pilot, "escape")
            assert isinstance(app.screen, CandidatesScreen)

    run(scenario())
    assert (folder / "demo-pv-tour1.docx").stat().st_size > 0
    assert (folder / "demo-resultats.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    records = exports(ready_to_sign)
    assert [(e["apres"]["type"], e["apres"].get("signe")) for e in records] == [("pv", True), ("csv", None)]
    assert not Session(ready_to_sign).verify()


def test_documents_not_ready_and_a_failed_write_are_explained_in_french(ready_to_sign, no_libreoffice):
    folder = ready_to_sign.parent
    (folder / "demo-pv-tour1.docx").mkdir()  # a folder where the PV would go

    async def scenario():
        app = make_app(ready_to_sign)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "d")  # before signing: the PV is a PROJET, the relevés wait for the end
            screen = app.screen
            assert isinstance(screen, ExportScreen)
            kinds = screen.query_one("#export-kinds")
            assert "PROJET" in str(kinds.get_option("pv-1").prompt)
            await press(pilot, "down", "down")  # the relevés: why not, in full, then refused
            assert "décisions pas encore définitives" in str(screen.query_one("#export-note").render())
            await press(pilot, "space")
            assert "Relevés de notes : pas possible maintenant" in str(screen.query_one("#export-note").render())
            assert not kinds.is_checked("releves")
            await press(pilot, "home", "space", "e")  # the PV unchecked: nothing to write
            assert "Cochez au moins un document" in str(screen.query_one("#export-note").render())
            await press(pilot, "space", "tab")
            assert screen.query_one("#export-folder").has_focus
            await type_text(pilot, str(folder / "absent"))
            await press(pilot, "enter")
            assert "n'existe pas" in str(screen.query_one("#export-note").render())
            await press(pilot, *["backspace"] * len("/absent"), "enter")
            await finish(pilot)
            text = written_text(screen)
            assert "✗ Procès-verbal du tour 1" in text and "dossier" in text
            assert any("dossier" in n.text for n in app.notices.current())

    run(scenario())
    assert exports(ready_to_sign) == []  # refused before its record
    assert [p.name for p in folder.iterdir() if p.name.startswith(".demo")] == []  # no staging left


def test_once_every_tour_is_signed_the_releves_one_file_per_candidate(tmp_path, no_libreoffice):
    path = tmp_path / "demo.json"
    session_docs.closed_demo(path, tricky=False)

    async def scenario():
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "d")
            screen = app.screen
            kinds = screen.query_one("#export-kinds")
            assert kinds.checked == {"pv-2"}  # the latest signed tour, as `jury export` chooses
            assert all(item.available for key, item in kinds.items.items() if key != "pdf")
            await press(pilot, "space", "down", "down", "space")  # the relevés instead
            await press(pilot, "end", "space", "e")  # one file per candidate, then write
            await finish(pilot)
            assert screen._progress[2:] == ("documents", 62, 62)  # every relevé reported as written
            text = written_text(screen)
            assert f"{tmp_path / 'demo-releves'}/ : 62 fichiers, de releve-02601.docx à releve-02662.docx" in text

    run(scenario())
    assert len(list((tmp_path / "demo-releves").glob("releve-*.docx"))) == 62
    [record] = [e for e in Session(path).view().audit if e["action"] == "export"]
    assert record["apres"]["type"] == "releves" and record["apres"]["dossier"] == "demo-releves"


def test_documents_from_the_palette_and_not_in_read_only(ready_to_sign, no_libreoffice):
    async def from_the_palette():
        app = make_app(ready_to_sign)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "ctrl+p")
            await type_text(pilot, "Documents")
            await press(pilot, "enter")
            await pilot.pause(0.2)
            return isinstance(app.screen, ExportScreen)

    async def read_only():
        app = make_app(ready_to_sign, read_only=True)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "d")  # a follower writes nothing, not even an export's record
            return isinstance(app.screen, ExportScreen)

    assert run(from_the_palette())
    assert not run(read_only())


class TestDocuments80x24:
    def test_documents_after_signing_tour_1(self, snap_compare, ready_to_sign, no_libreoffice):
        keys = ["s", "space", "enter", "enter"]
        assert snap_compare(make_app(ready_to_sign), terminal_size=SIZE, run_before=ready, press=keys)

"""A jury deliberates demo candidates end to end, by keys alone; the file on disk shows it."""

from __future__ import annotations

import pytest
from tui_helpers import press, run, type_text

from jury_tui.deliberation import Session
from jury_tui.tui import make_app
from jury_tui.tui.screens.candidates import CandidatesScreen
from jury_tui.tui.screens.dialogs import ConfirmDialog
from jury_tui.tui.screens.sheet import SheetScreen
from jury_tui.tui.screens.sign import SignScreen


def actions(path, numero):
    return [e["action"] for e in Session(path).view().history(numero)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_whole_deliberation_by_keys(nearly_decided, size):
    run(_deliberate(nearly_decided, size))
    _check_file(nearly_decided)


async def _deliberate(path, size):
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        await press(pilot, "2")
        assert isinstance(app.screen, CandidatesScreen)
        # filter: « non décidés » (second option)
        await press(pilot, "f", "down", "enter")
        grid = app.screen.grid
        assert grid.order == ["02605", "02607", "02608", "02609", "02618"]
        await press(pilot, "enter")
        sheet = app.screen
        assert isinstance(sheet, SheetScreen) and sheet.numero == "02605"
        # 02605: proposed ajourné, livret supplied: Entrée, then confirm the livret: two keys
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "o")
        assert app.screen is sheet and sheet.numero == "02607"
        # 02607: adjust U3 (fourth unit) with a reason, then decide contrôle (livret examined)
        await press(pilot, "e", "down", "down", "down", "enter")
        await type_text(pilot, "7,5")
        await press(pilot, "enter")
        await type_text(pilot, "revu")
        await press(pilot, "enter")
        assert "Ajuster U3 : 6,50 → 7,50" in str(app.screen.query_one("#confirm-line").render())
        await press(pilot, "o")  # the line names the change: one key confirms it
        assert app.screen is sheet
        await press(pilot, "c")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "o")
        assert sheet.numero == "02607"
        # next, decide contrôle by confirming the proposal; then 02609 without a livret
        await press(pilot, "plus", "enter", "o")
        assert sheet.numero == "02609"
        await press(pilot, "enter")
        assert sheet.numero == "02618"
        # 02618 is incomplete: correct the missing U52 (preselected), then confirm the proposal
        await press(pilot, "m", "enter")
        await type_text(pilot, "11")
        await press(pilot, "enter")
        await type_text(pilot, "report")
        await press(pilot, "enter", "o", "enter")
        # sign tour 1: accept the warnings, sign, see the fingerprint
        await press(pilot, "s")
        assert isinstance(app.screen, SignScreen)
        assert not app.screen.blockers
        await press(pilot, "space", "enter")
        assert app.screen.query("#sign-done")
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, CandidatesScreen)
        assert app.model.view.current_tour == 2
        # tour 2: the contrôle candidates; 02607 sits U1 (9) and U3 (11)
        await press(pilot, "f", "down", "down", "down", "enter")  # from « non décidés » to « contrôle »
        assert app.screen.grid.order[0] == "02607"
        await press(pilot, "enter", "o")
        await type_text(pilot, "9")
        await press(pilot, "enter", "enter", "enter")
        await type_text(pilot, "11")
        await press(pilot, "enter")
        assert "U1 : — → 9,00 · U3 : — → 11,00" in str(app.screen.query_one("#confirm-line").render())
        await press(pilot, "o")
        await press(pilot, "enter")  # tour 2 proposal: admis
        assert app.screen.numero == "02608"


def _check_file(path):
    view = Session(path).view()
    assert view.signature(1) and view.signature(1)["empreinte"]
    c = view.candidate("02607")
    assert c.decision(1).decision == "controle" and c.livret_examine
    assert [(a.unite, str(a.apres), a.motif) for a in c.ajustements] == [("U3", "7.50", "revu")]
    assert {u: str(v) for u, v in c.controle.items()} == {"U1": "9.00", "U3": "11.00"}
    assert c.decision(2).decision == "admis"
    assert view.candidate("02605").decision(1).decision == "ajourne"
    assert view.candidate("02608").decision(1).decision == "controle"
    assert view.candidate("02609").decision(1).decision == "controle"
    assert view.candidate("02618").decision(1).decision == view.result("02618", 1).proposition
    assert "ajustement" in actions(path, "02607") and actions(path, "02607").count("decision") == 2
    assert actions(path, "02618")[:2] == ["correction", "decision"]
    assert [e["action"] for e in view.audit].count("signature") == 1
    assert not Session(path).verify()

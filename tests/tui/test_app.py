"""The app around the deliberation: refusals shown in French, integrity, read-only, palette, help."""

from __future__ import annotations

import json

from textual.command import CommandPalette
from tui_helpers import decide_all_but, press, run, type_text

from jury_tui.deliberation import Session
from jury_tui.tui import make_app
from jury_tui.tui.screens.candidates import CandidatesScreen
from jury_tui.tui.screens.dialogs import ConfirmDialog, MessageDialog, ReasonDialog
from jury_tui.tui.screens.help import HelpScreen
from jury_tui.tui.screens.sheet import SheetScreen


def messages(app) -> list[str]:
    return [n.text for n in app.notices.current()]


async def wait_until(pilot, condition, timeout: float = 3.0) -> bool:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def test_a_refused_decision_is_explained_in_french_and_changes_nothing(demo):
    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "2", "enter", "n")  # 02601 is proposed admis: « non délivré » refused
            assert isinstance(app.screen, SheetScreen)
            assert any("non délivré" in m and "D643-24" in m for m in messages(app))
            await press(pilot, "j")  # against the proposal: the livret first, then a reason
            assert isinstance(app.screen, ConfirmDialog)
            await press(pilot, "o")
            assert isinstance(app.screen, ReasonDialog)
            await press(pilot, "enter")  # empty reason: refused in the dialog
            assert isinstance(app.screen, ReasonDialog)
            await press(pilot, "escape")
            assert isinstance(app.screen, SheetScreen)

    run(scenario())
    assert Session(demo).view().candidate("02601").decision(1) is None


def test_a_session_whose_audit_does_not_verify_opens_with_a_warning(demo):
    data = json.loads(demo.read_text(encoding="utf-8"))
    doc = next(d for d in data["candidates"].values() if d["numero"] == "02602")
    doc["notes"]["U1"] = "20.00"  # a grade edited by hand
    demo.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=(80, 24)) as pilot:
            assert await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog))
            assert app.screen.title_text == "Intégrité du journal"
            assert app.integrity_problems
            await press(pilot, "enter")
            assert not isinstance(app.screen, MessageDialog)

    run(scenario())


def test_read_only_by_choice_writes_nothing_and_offers_nothing(demo):
    async def scenario():
        app = make_app(demo, read_only=True, poll_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            assert not app.model.writable
            assert "LECTURE SEULE" in app.bar_texts()[1]
            await press(pilot, "2", "enter", "enter")
            await pilot.pause(0.3)
            assert not isinstance(app.screen, ConfirmDialog)
            assert Session(demo).holder() is None

    run(scenario())
    assert Session(demo).view().candidate("02601").decision(1) is None


def test_search_help_and_command_palette(demo):
    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "2", "slash")
            await type_text(pilot, "guer")
            screen = app.screen
            assert isinstance(screen, CandidatesScreen) and screen.grid.order == ["02613"]
            await press(pilot, "enter", "escape")
            assert len(screen.grid.order) == 62
            await press(pilot, "enter", "2")  # « 2 » from a sheet: back to the table
            assert app.screen is screen
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            await press(pilot, "escape", "ctrl+p")
            assert isinstance(app.screen, CommandPalette)
            titles = [c.title for c in app.get_system_commands(screen)]
            assert "Signer le tour" in titles and "Filtre : non décidés" in titles and "Quitter" in titles
            await type_text(pilot, "zzzz")
            await pilot.pause(0.8)
            assert "Aucune commande ne correspond" in str(app.screen.query_one("CommandList").get_option_at_index(0).prompt.renderable)
            await press(pilot, "escape")

    run(scenario())


def test_reopen_a_signed_tour_from_the_palette_with_a_reason(demo):
    session = Session(demo)
    session.set_field("02618", "U52", "11", reason="report")
    decide_all_but(demo, ())
    session.sign()

    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.bar_texts()[0].endswith("tour 2")
            await press(pilot, "ctrl+p")
            await type_text(pilot, "Rouvrir")
            await press(pilot, "enter")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReasonDialog))
            await type_text(pilot, "erreur de saisie")
            await press(pilot, "enter")
            assert isinstance(app.screen, ConfirmDialog) and app.screen.danger
            await press(pilot, "o")
            assert app.bar_texts()[0].endswith("tour 1")

    run(scenario())
    view = Session(demo).view()
    assert view.signature(1) is None
    assert view.audit[-1]["action"] == "reouverture" and view.audit[-1]["motif"] == "erreur de saisie"


def test_a_session_that_cannot_be_read_is_explained_in_the_app(tmp_path):
    from jury_tui.tui.screens.error import OpenErrorScreen

    bad = tmp_path / "session.json"
    bad.write_text("pas une session", encoding="utf-8")

    async def scenario():
        app = make_app(bad)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, OpenErrorScreen)
            assert "illisible" in app.open_error
            await press(pilot, "2", "s", "question_mark")  # nothing to show, nothing breaks
            await press(pilot, "ctrl+q")

    run(scenario())

"""Tour 2 in the app: a candidate absent at an épreuve de contrôle is recorded ABS in the contrôle
dialog; the first grade stays (policy absence_controle, default « note_initiale »)."""

from __future__ import annotations

from tui_helpers import decide_all_but, press, run, type_text

from jury_tui.deliberation import Session
from jury_tui.tui import make_app
from jury_tui.tui.screens.grade_dialogs import ControleDialog
from jury_tui.tui.screens.sheet import SheetScreen


def test_abs_typed_in_the_controle_dialog_keeps_the_first_grade(demo):
    Session(demo).set_field("02618", "U52", "11", reason="report")
    decide_all_but(demo, ())
    Session(demo).sign()

    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "2")
            app.screen.grid.select("02607")
            await press(pilot, "enter")
            assert isinstance(app.screen, SheetScreen)
            await press(pilot, "o")
            dialog = app.screen
            assert isinstance(dialog, ControleDialog)
            await type_text(pilot, "9")  # U1
            await press(pilot, "enter", "enter", "enter")  # to U3
            await type_text(pilot, "ABS")
            await press(pilot, "enter")
            assert "U3 : — → ABS" in str(dialog.query_one("#confirm-line").render())
            await press(pilot, "o")
            assert isinstance(app.screen, SheetScreen)

    run(scenario())
    view = Session(demo).view()
    assert {u: str(v) for u, v in view.candidate("02607").controle.items()} == {"U1": "9.00", "U3": "ABS"}
    # U1 9 (better than 8), U3 the first 6.5: (9×4 + 10×2 + 11×2 + 6.5×6 + 11×8 + 10.5×5 + 10×5 + 11.5×6) / 38 = 376.5/38
    assert view.result("02607", 2).points == 37650 and view.result("02607", 2).moyenne == 990

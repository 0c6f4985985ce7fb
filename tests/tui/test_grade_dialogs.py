"""The dialogs that change grades, driven by keys at 80x24: they never wrap to another unit,
show the change they will make, and make it only once its line is confirmed with `o`."""

from __future__ import annotations

from tui_helpers import press, run, type_text

from jury_tui.deliberation import Session
from jury_tui.tui import make_app
from jury_tui.tui.screens.grade_dialogs import ControleDialog, UnitFormDialog
from jury_tui.tui.screens.sheet import SheetScreen

SIZE = (80, 24)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def open_sheet(pilot, numero: str) -> SheetScreen:
    await press(pilot, "2")
    grid = pilot.app.screen.grid
    grid.select(numero)
    await press(pilot, "enter")
    sheet = pilot.app.screen
    assert isinstance(sheet, SheetScreen) and sheet.numero == numero
    return sheet


def test_down_past_the_last_unit_stays_on_it_and_never_changes_u1(demo):
    """02618 (U52 empty): `m` preselects U52; six ↓ went back to U1, and U1 was changed."""

    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=SIZE) as pilot:
            sheet = await open_sheet(pilot, "02618")
            await press(pilot, "m")
            dialog = app.screen
            assert isinstance(dialog, UnitFormDialog) and dialog.unit.code == "U52"
            assert text_of(dialog, "#unit-change") == "U52 : — → ?"
            await press(pilot, *["down"] * 6)  # U6, UF1 … UF4, and once more: stays on UF4
            assert dialog.unit.code == "UF4"
            await press(pilot, *["down"] * 6)
            assert dialog.unit.code == "UF4"
            await press(pilot, *["up"] * 20)  # nor does ↑ wrap to the last
            assert dialog.unit.code == "U1"
            await press(pilot, *["down"] * 6)  # back to U52 by keys
            assert dialog.unit.code == "U52"
            await press(pilot, "enter")
            await type_text(pilot, "11")
            assert text_of(dialog, "#unit-change") == "U52 : — → 11,00"
            await press(pilot, "enter")
            await type_text(pilot, "report")
            await press(pilot, "enter")
            assert dialog.stage == "confirm"  # nothing done yet: the line waits for `o`
            assert "Corriger U52 : — → 11,00" in text_of(dialog, "#confirm-line")
            assert Session(demo).view().candidate("02618").notes.get("U52") is None
            await press(pilot, "o")
            assert app.screen is sheet
            assert any("U52 : — → 11,00" in n.text for n in app.notices.current())

    run(scenario())
    c = Session(demo).view().candidate("02618")
    assert str(c.notes["U52"]) == "11.00" and str(c.notes["U1"]) == "10.00"


def test_a_refusal_goes_when_it_no_longer_applies_and_escape_goes_back_before_it_leaves(demo):
    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=SIZE) as pilot:
            await open_sheet(pilot, "02618")
            await press(pilot, "m", "enter")
            dialog = app.screen
            assert dialog.focused.id == "value"
            assert "Tapez" not in text_of(dialog, "#problem")
            await press(pilot, "enter")  # nothing typed
            assert "Tapez la nouvelle valeur" in text_of(dialog, "#problem")
            await type_text(pilot, "1")
            assert text_of(dialog, "#problem") == ""
            await type_text(pilot, "1")
            await press(pilot, "enter", "enter")  # no reason
            assert text_of(dialog, "#problem") == "Le motif est obligatoire."
            await type_text(pilot, "r")
            assert text_of(dialog, "#problem") == ""
            await press(pilot, "enter")
            assert dialog.stage == "confirm"
            assert [k for _, k, _ in dialog.footer_keys()] == ["o", "Échap"]  # the dialog's keys, not the sheet's
            await press(pilot, "escape")  # back to the fields, still filled
            assert dialog.stage == "fields" and app.screen is dialog
            assert dialog.query_one("#value").value == "11"
            await press(pilot, "escape")  # leaves, nothing changed
            assert isinstance(app.screen, SheetScreen)

    run(scenario())
    assert Session(demo).view().candidate("02618").notes.get("U52") is None
    assert [e for e in Session(demo).view().audit if e["action"] == "correction"] == []


def test_a_refusal_of_the_session_is_said_in_the_dialog_which_keeps_what_was_typed(demo):
    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=SIZE) as pilot:
            await open_sheet(pilot, "02618")
            await press(pilot, "m", "enter")
            await type_text(pilot, "NP")  # NP exists only in the progressive form (D643-14)
            await press(pilot, "enter")
            await type_text(pilot, "report")
            await press(pilot, "enter", "o")
            dialog = app.screen
            assert isinstance(dialog, UnitFormDialog) and dialog.stage == "fields"
            assert "forme progressive" in text_of(dialog, "#problem")
            assert dialog.query_one("#value").value == "NP" and dialog.focused.id == "value"
            await press(pilot, "backspace", "backspace")
            assert text_of(dialog, "#problem") == ""

    run(scenario())
    assert Session(demo).view().candidate("02618").notes.get("U52") is None


def test_adjust_and_revert_name_the_change_and_wait_for_o(demo):
    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=SIZE) as pilot:
            await open_sheet(pilot, "02607")
            await press(pilot, "e", "down", "down", "down")
            dialog = app.screen
            assert dialog.unit.code == "U3" and text_of(dialog, "#unit-change") == "U3 : 6,50 → ?"
            await press(pilot, "enter")
            await type_text(pilot, "7,5")
            await press(pilot, "enter")
            await type_text(pilot, "revu")
            await press(pilot, "enter")
            assert "Ajuster U3 : 6,50 → 7,50" in text_of(dialog, "#confirm-line")
            await press(pilot, "o")
            assert isinstance(app.screen, SheetScreen)
            await press(pilot, "r")  # revert: only the adjusted unit is listed
            dialog = app.screen
            assert [u.code for u in dialog.units] == ["U3"]
            assert text_of(dialog, "#unit-change") == "U3 : 7,50 → 6,50"
            await press(pilot, "enter")
            await type_text(pilot, "erreur")
            await press(pilot, "enter", "o")
            assert isinstance(app.screen, SheetScreen)

    run(scenario())
    c = Session(demo).view().candidate("02607")
    assert c.ajustements == () and [e["action"] for e in Session(demo).view().history("02607")][-2:] == [
        "ajustement",
        "ajustement_annule",
    ]


def test_controle_grades_name_each_change_and_wait_for_o(demo):
    from tui_helpers import decide_all_but

    Session(demo).set_field("02618", "U52", "11", reason="report")
    decide_all_but(demo, ())
    Session(demo).sign()

    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=SIZE) as pilot:
            await open_sheet(pilot, "02607")
            await press(pilot, "o")
            dialog = app.screen
            assert isinstance(dialog, ControleDialog)
            await type_text(pilot, "9")
            assert text_of(dialog, "#change-U1") == "— → 9,00"
            await press(pilot, "enter", "enter", "enter")
            await type_text(pilot, "11")
            await press(pilot, "enter")
            assert "contrôle U1 : — → 9,00 · U3 : — → 11,00" in text_of(dialog, "#confirm-line")
            assert Session(demo).view().candidate("02607").controle == {}
            await press(pilot, "o")
            assert isinstance(app.screen, SheetScreen)

    run(scenario())
    assert {u: str(v) for u, v in Session(demo).view().candidate("02607").controle.items()} == {"U1": "9.00", "U3": "11.00"}

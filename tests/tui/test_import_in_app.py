"""The exam office's contrôle file imported from the app (`jury import` is refused while it is
open): checked first with its errors placed, then imported with `o`, all or nothing."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import decide_all_but, press, run, type_text

from jury_tui.deliberation import Session
from jury_tui.tui import make_app
from jury_tui.tui.screens.import_file import ImportDialog

DEMO_CONTROLE = Path(__file__).parents[2] / "sessions" / "demo" / "controle.csv"


def signed_tour_1(demo: Path) -> Path:
    Session(demo).set_field("02618", "U52", "11", reason="report")
    decide_all_but(demo, ())
    Session(demo).sign()
    return demo


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def test_a_bad_file_is_refused_with_its_line_and_a_good_one_imported_after_o(demo):
    signed_tour_1(demo)
    good = demo.parent / "controle.csv"
    good.write_text(DEMO_CONTROLE.read_text(encoding="utf-8"), encoding="utf-8")
    bad = demo.parent / "controle-faux.csv"
    lines = good.read_text(encoding="utf-8").splitlines()
    lines[4] = "02608;U21;5,555"  # line 5: three decimals
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")

    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "2", "i")
            dialog = app.screen
            assert isinstance(dialog, ImportDialog) and dialog.kind == "controle"
            assert dialog.query_one("#path").value == str(demo.parent.resolve()) + "/"
            await type_text(pilot, bad.name)  # relative to the session's folder, shown
            await press(pilot, "enter")
            problem = text_of(dialog, "#problem")
            assert "controle-faux.csv, ligne 5, colonne note" in problem and "deux décimales" in problem
            assert [k for _, k, _ in dialog.footer_keys()] == ["⏎", "Échap"]  # nothing to import
            assert dialog.check_action("confirm", ()) is False  # nothing checked, nothing to import
            await press(pilot, *["backspace"] * len("-faux.csv"))
            assert text_of(dialog, "#problem") == ""
            await type_text(pilot, ".csv")
            await press(pilot, "enter")
            assert "12 notes de contrôle, 6 candidats mis à jour" in text_of(dialog, "#import-summary")
            assert Session(demo).view().candidate("02607").controle == {}  # checked, not written
            await press(pilot, "o")
            assert app.screen is not dialog
            assert any("12 notes de contrôle" in n.text for n in app.notices.current())

    run(scenario())
    view = Session(demo).view()
    assert {u: str(v) for u, v in view.candidate("02607").controle.items()} == {"U3": "11.00", "U1": "9.00"}
    assert view.result("02607", 2).proposition == "admis"


def test_import_is_offered_only_to_the_writer(demo):
    async def scenario():
        app = make_app(demo, read_only=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "2", "i")
            assert not isinstance(app.screen, ImportDialog)

    run(scenario())

"""Notices under the work, the footer's words, the bars at 80 columns (and 60)."""

from __future__ import annotations

from tui_helpers import press, run

from jury_tui.deliberation import Session
from jury_tui.tui import make_app
from jury_tui.tui.screens.sheet import SheetScreen
from jury_tui.tui.widgets.candidates.grid import CandidateGrid
from jury_tui.tui.widgets.key_bar import KeyBar
from jury_tui.tui.widgets.notice_bar import NoticeBar
from jury_tui.tui.widgets.session_bar import BarText, fit

SIZE = (80, 24)


def footer(screen) -> str:
    return str(screen.query_one(KeyBar).render())


def test_a_refusal_repeated_by_the_same_key_is_said_once(demo):
    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "enter", "n", "n", "n")  # 02601 proposed admis: « non délivré » refused
            refusals = [n for n in app.notices.current() if n.severity == "error"]
            assert len(refusals) == 1 and "D643-24" in refusals[0].text
            await press(pilot, "x")  # another refusal takes its place
            refusals = [n for n in app.notices.current() if n.severity == "error"]
            assert len(refusals) == 1 and "aucune décision à effacer" in refusals[0].text

    run(scenario())


def test_the_start_up_notices_cover_no_row_of_the_table(demo):
    async def scenario():
        app = make_app(demo, announce_path=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            screen = app.screen
            bar = screen.query_one(NoticeBar)
            assert bar.display and "Session ouverte" in str(bar.render())
            grid = screen.query_one(CandidateGrid)
            assert grid.region.bottom <= bar.region.y  # the table is shorter, not covered
            assert "Décision" in str(grid.render_line(0).text)

    run(scenario())


def test_entree_on_an_incomplete_candidate_goes_on_and_says_why(demo):
    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            app.screen.grid.select("02618")
            await press(pilot, "enter")
            sheet = app.screen
            assert isinstance(sheet, SheetScreen) and sheet.numero == "02618"
            assert "⏎ Suivant" in footer(sheet) and "Valider" not in footer(sheet)
            assert "valider la proposition" not in str(sheet.query_one("#sheet-decision").render())
            await press(pilot, "enter")
            assert sheet.numero == "02619"
            assert any("02618 reste sans décision" in n.text for n in app.notices.current())
            assert "⏎ Valider" in footer(sheet)

    run(scenario())
    assert Session(demo).view().candidate("02618").decision(1) is None


def test_the_sheet_header_keeps_the_name_and_the_last_decision_at_80_columns(demo):
    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2", "enter", "enter")  # 02601 admis, then 02602
            sheet = app.screen
            head = str(sheet.query_one("#sheet-title").render())
            assert "02602  MOREAU Hugo" in head and head.rstrip().endswith("✓ 02601 admis")

    run(scenario())


def test_the_top_bar_keeps_the_tour_the_file_and_who_writes():
    bar = BarText("BTS MOS — jury 1", "session 2026", "tour 1", "BTS-MOS-2026-Normandie-jury-1.json", "écriture")
    left, right = fit(bar, 80)
    assert left == "BTS MOS — jury 1 · tour 1" and right == "BTS-MOS-2026-Normandie-jury-1.json · écriture"
    left, right = fit(bar, 60)
    assert left == "tour 1" and right.endswith(" · écriture") and len(left) + len(right) + 4 <= 60


def test_names_are_shown_whole_at_80_columns_and_narrowed_at_60(demo):
    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            grid = app.screen.grid
            assert grid.name_width == len("LEFÈVRE-DUPONT Camille") and grid.visible_units == 2
            assert "LEFÈVRE-DUPONT Camille " in grid.render_line(5).text
        async with make_app(demo).run_test(size=(60, 20)) as pilot:
            await press(pilot, "2")
            grid = pilot.app.screen.grid
            assert grid.visible_units == 0 and "Décision" in grid.render_line(0).text

    run(scenario())


def test_without_colour_the_cursor_the_highlighted_line_and_a_ticked_box_still_show(demo, monkeypatch):
    from tui_helpers import decide_all_but

    Session(demo).set_field("02618", "U52", "11", reason="report")
    decide_all_but(demo, ())
    monkeypatch.setenv("NO_COLOR", "1")

    async def scenario():
        app = make_app(demo)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "2")
            cursor_row = list(app.screen.grid.render_line(1))
            assert all(segment.style.reverse for segment in cursor_row)  # not only a background colour
            await press(pilot, "f")
            highlighted = list(app.screen.query_one("OptionList").render_line(0))
            assert highlighted[0].style.underline and not list(app.screen.query_one("OptionList").render_line(1))[0].style.underline
            await press(pilot, "escape", "s", "space")
            accept = app.screen.query_one("#accept")
            assert accept.is_checked("accept") and "[x] Le jury a pris connaissance" in str(accept.get_option_at_index(0).prompt)

    run(scenario())

"""SVG snapshots at 80x24 (16 colours of the terminal's theme), clock and identity fixed.

The demo session is built in tmp_path and only its file name is shown. Update a snapshot
only after looking at it: `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from jury_tui.tui import make_app

SIZE = (80, 24)


async def ready(pilot) -> None:
    """Wait until the integrity check is done and the overview's figures are computed; the
    notifications of the opening (the jury's composition) are dismissed."""
    app = pilot.app
    for _ in range(100):
        if app.integrity_problems is not None:
            break
        await pilot.pause(0.05)
    await app.workers.wait_for_complete()
    app.notices.clear()
    app.notices_changed.publish(None)
    await pilot.pause()


def overview_ready(pilot):
    async def run(pilot):
        await pilot.press("1")
        await ready(pilot)

    return run(pilot)


class TestScreens80x24:
    def test_overview(self, snap_compare, demo):
        assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=overview_ready)

    def test_candidates_table_filtered_and_sorted(self, snap_compare, demo):
        keys = ["2", "f", "down", "down", "enter", "t", "down", "down", "enter", "right"]
        assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=ready, press=keys)

    def test_sheet_with_adjustment_kept_and_dispensed_grades(self, snap_compare, demo):
        assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=ready, press=["2", "enter"])

    def test_sheet_what_is_missing(self, snap_compare, demo):
        keys = ["2", "down", "down", "down", "down", "down", "down", "enter"]
        assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=ready, press=keys)

    def test_jury(self, snap_compare, demo):
        assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=ready, press=["3"])


def on_sheet(numero: str, *keys: str):
    """Ready, on the sheet of `numero`, then `keys` pressed one by one."""

    async def run(pilot):
        await ready(pilot)
        await pilot.press("2")
        await pilot.pause()
        pilot.app.screen.grid.select(numero)
        for key in ("enter", *keys):
            await pilot.press(key)
            await pilot.pause()

    return run


def signed_tour_1(demo):
    from tui_helpers import decide_all_but

    from jury_tui.deliberation import Session

    Session(demo).set_field("02618", "U52", "11", reason="report")
    decide_all_but(demo, ())
    Session(demo).sign()
    return demo


class TestDialogs80x24:
    def test_correction_waits_for_its_line_to_be_confirmed(self, snap_compare, demo):
        keys = ["m", "enter", "1", "1", "enter", *"report", "enter"]
        assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=on_sheet("02618", *keys))

    def test_adjustment_refused_in_the_dialog(self, snap_compare, demo):
        keys = ["e", "down", "down", "down", "enter", "2", "5", "enter"]  # 25 is not a grade
        assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=on_sheet("02607", *keys))

    def test_controle_grades(self, snap_compare, demo):
        keys = ["o", "9", "enter", "enter", "enter", "1", "1", "enter"]
        assert snap_compare(make_app(signed_tour_1(demo)), terminal_size=SIZE, run_before=on_sheet("02607", *keys))

    def test_reason_required(self, snap_compare, demo):
        keys = ["a", "enter"]  # 02607 proposed contrôle: « admis » needs a reason, none typed
        assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=on_sheet("02607", *keys))

    def test_sign_with_the_warnings_accepted(self, snap_compare, demo):
        from tui_helpers import decide_all_but

        from jury_tui.deliberation import Session

        Session(demo).set_field("02618", "U52", "11", reason="report")
        decide_all_but(demo, ())
        assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=ready, press=["s", "space"])

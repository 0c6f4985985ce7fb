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
    app.clear_notifications()
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

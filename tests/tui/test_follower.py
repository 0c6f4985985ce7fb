"""A second app on the same session follows the writer, read-only, and may take it when free."""

from __future__ import annotations

from tui_helpers import press, run

from jury_tui.tui import make_app
from jury_tui.tui.screens.candidates import CandidatesScreen
from jury_tui.tui.screens.dialogs import ConfirmDialog
from jury_tui.tui.screens.sheet import SheetScreen


async def _wait_for(pilot, condition, timeout: float = 3.0) -> bool:
    waited = 0.0
    while not condition() and waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05
    return condition()


async def _follow(path):
    writer = make_app(path, poll_interval=0.1)
    follower = make_app(path, poll_interval=0.1)
    async with writer.run_test(size=(80, 24)) as wp:
        async with follower.run_test(size=(80, 24)) as fp:
            assert writer.model.writable
            assert not follower.model.writable
            left, right, read_only = follower.bar_texts()
            assert read_only and "LECTURE SEULE" in right and "secretariat" in right
            await press(fp, "2")
            assert isinstance(follower.screen, CandidatesScreen)
            assert follower.screen.grid.line("02601").decision is None
            # the writer decides 02601 (proposed admis) by confirming the proposal
            await press(wp, "2", "enter", "enter")
            assert writer.model.view.candidate("02601").decision(1).decision == "admis"
            # the follower sees it, in place, without a key
            assert await _wait_for(fp, lambda: follower.screen.grid.line("02601").decision == "admis")
            # and cannot write
            await press(fp, "enter")
            assert isinstance(follower.screen, SheetScreen)
            await press(fp, "j")
            assert follower.model.view.candidate("02602").decision(1) is None
        # another follower sees the writer leave, and is offered the session
        follower2 = make_app(path, poll_interval=0.1)
        async with follower2.run_test(size=(80, 24)) as fp2:
            assert not follower2.model.writable
            writer.exit()
            assert await _wait_for(fp2, lambda: isinstance(follower2.screen, ConfirmDialog))
            await press(fp2, "o")
            assert follower2.model.writable
            assert "écriture" in follower2.bar_texts()[1]


def test_follower_sees_the_writers_changes_and_takes_the_session_when_free(demo):
    run(_follow(demo))

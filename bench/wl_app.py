"""The app, headless (`App.run_test`): open a 5,000-candidate session; a keypress in its table.

A key is sent as the terminal would send it, then the app's queues are drained (every
message the key caused, and the messages those caused) and the screen's pending update is
composed, as the next frame would be: no fixed sleeps (Pilot.press() sleeps 20 ms at least
twice per key, which would hide what the key costs).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
from pathlib import Path
from time import perf_counter

from app_probe import SIZE, drain, key, table
from common import Skip, Workload, build_session


def _app_modules():
    try:
        from jury_tui.tui import make_app
        from jury_tui.tui.widgets.candidates.grid import CandidateGrid
    except Exception as exc:  # noqa: BLE001 - the app is being written: say why and skip
        raise Skip(f"the app is not usable yet ({type(exc).__name__}: {exc})") from exc
    return make_app, CandidateGrid


def _probe(spawner, *args: str) -> tuple[float, str, int]:
    """A cold start in a fresh process: (seconds until ready, first row, peak RSS bytes)."""
    answer = spawner.run([sys.executable, str(Path(__file__).with_name("app_probe.py")), *args])
    ready, _, text = answer["out"].strip().partition("\t")
    return float(ready) - answer["start"], text, answer["maxrss"]


class OpenApp(Workload):
    """Cold start, as `jury open` gives it: Python, imports, reading the session, drawing."""

    def __init__(self):
        super().__init__(
            "open",
            "open 5,000-candidate session: table drawn, keys answer",
            "empty Textual app, same keys",
            2.0,
            kind="processes",
        )

    def setup(self, folder: Path, quick: bool) -> None:
        _app_modules()
        self.path = build_session(folder, 5000)

    def ours(self, i: int):
        elapsed, self.first_row, peak = _probe(self.spawner, str(self.path))
        return {"time": elapsed, "peak": peak}

    def baseline(self, i: int):
        elapsed, _, peak = _probe(self.spawner, "--empty")
        return {"time": elapsed, "peak": peak}

    def check(self) -> str:
        import synth

        first = synth.candidate_rows(1)[0]
        assert first[1] in self.first_row and first[0][:4] in self.first_row, self.first_row
        return f"first row drawn: {self.first_row.strip()[:40]}"


class Keypress(Workload):
    presses = 30

    def __init__(self):
        super().__init__(
            "keypress",
            "keypress moving the cursor, 5,000-candidate table",
            "same, 50-candidate table",
            1.5,
        )

    def setup(self, folder: Path, quick: bool) -> None:
        self.make_app, self.grid_type = _app_modules()
        self.big = build_session(folder, 5000)
        self.small = build_session(folder, 50)

    def ours(self, i: int):
        return asyncio.run(self._presses(self.big))

    def baseline(self, i: int):
        return asyncio.run(self._presses(self.small))

    async def _presses(self, path: Path) -> float:
        app = self.make_app(path)
        times = []
        async with app.run_test(size=SIZE) as pilot:
            await drain(pilot)
            grid = await table(pilot, self.grid_type)
            await drain(pilot)
            for _ in range(self.presses):
                before = grid.cursor
                start = perf_counter()
                await key(pilot, "down")
                times.append(perf_counter() - start)
                assert grid.cursor == before + 1
        return statistics.median(times)

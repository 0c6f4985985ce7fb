"""One cold start of the app (or of an empty Textual app), headless, in a fresh process.

    python bench/app_probe.py SESSION     # the jury's app on SESSION
    python bench/app_probe.py --empty     # an empty Textual app, the same keys

Prints the monotonic clock (seconds, system-wide on Linux) at the moment the candidates
table's first screenful is drawn and a key has been answered; the caller took the clock
before starting this process, so the difference covers Python's start, the imports, reading
the session and drawing.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZE = (80, 24)


async def drain(pilot) -> None:
    """Every queued message processed (and those they posted), then the frame composed."""
    app = pilot.app
    for _ in range(50):
        await pilot._wait_for_screen()
        nodes = [app, *app.screen.walk_children(with_self=True)]
        if all(node._message_queue.empty() for node in nodes):
            break
    app.screen._on_timer_update()


async def key(pilot, name: str) -> None:
    from textual import events

    pilot.app._driver.send_message(events.Key(name, None))
    await drain(pilot)


async def table(pilot, grid_type):
    """Show the candidates table ("2") and wait until its rows are there."""
    await key(pilot, "2")
    for _ in range(500):
        grids = pilot.app.screen.query(grid_type)
        if grids and grids.first().row_count:
            return grids.first()
        await asyncio.sleep(0)
        await drain(pilot)
    raise AssertionError("the candidates table never showed rows")


def row_text(grid, line: int) -> str:
    return "".join(segment.text for segment in grid.render_line(line))


async def jury_app(path: Path) -> tuple[float, str]:
    from jury_tui.tui import make_app
    from jury_tui.tui.widgets.candidates.grid import CandidateGrid

    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await drain(pilot)
        grid = await table(pilot, CandidateGrid)
        before = grid.cursor
        await key(pilot, "down")
        ready = time.monotonic()
        assert grid.cursor == before + 1, (before, grid.cursor)
        return ready, row_text(grid, 1)


async def empty_app() -> tuple[float, str]:
    from textual.app import App

    class EmptyApp(App):
        pass

    app = EmptyApp()
    async with app.run_test(size=SIZE) as pilot:
        await drain(pilot)
        await key(pilot, "2")
        await key(pilot, "down")
        return time.monotonic(), ""


def main() -> None:
    if sys.argv[1] == "--empty":
        ready, text = asyncio.run(empty_app())
    else:
        ready, text = asyncio.run(jury_app(Path(sys.argv[1])))
    print(f"{ready!r}\t{text}", flush=True)


if __name__ == "__main__":
    main()

"""Helpers of the app's tests (imported by name: tests/ is not a package)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from jury_tui.deliberation import Session

# Left undecided for the tests to deliberate by keys: an ajourné with a livret, three
# contrôle (two with a livret), the incomplete candidate.
BY_KEYS = ("02605", "02607", "02608", "02609", "02618")


def decide_all_but(path: Path, keep: tuple[str, ...]) -> None:
    """Decide every other candidate as proposed (livret examined), through the session."""
    session = Session(path)
    view = session.view()
    for numero in view.numeros:
        if numero in keep:
            continue
        proposition = view.result(numero).proposition
        if proposition != "incomplet":
            session.decide(numero, proposition, livret_examine=True)


async def press(pilot, *keys: str, delay: float = 0.0) -> None:
    """Press keys one by one, letting screens switch and dialogs open in between."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause(delay)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


def run(coro):
    """Run one async scenario (the suite has no asyncio plugin)."""
    return asyncio.run(coro)

"""What the app says in passing (refusals, information), kept apart from the screens.

A notice has a key: a new notice replaces the one with the same key instead of piling up
on it. Every refusal shares one key, so a key pressed three times says its refusal once;
the newest notice comes last; each goes after its timeout. Textual-free.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

ERROR, WARNING, INFORMATION = "error", "warning", "information"
REFUSAL = "refus"  # the key every refusal shares
MOST = 3  # notices shown at once: the newest


@dataclass(frozen=True)
class Notice:
    text: str
    title: str
    severity: str
    key: str
    until: float  # on the clock below


class Notices:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._items: dict[str, Notice] = {}

    def say(self, text: str, *, title: str = "", severity: str = INFORMATION, key: str | None = None,
            timeout: float = 6.0) -> Notice:  # fmt: skip
        """Add a notice (replacing the one with the same key) and return it."""
        if key is None:
            key = REFUSAL if severity == ERROR else title or text
        self._items.pop(key, None)  # re-inserted last: the newest
        notice = Notice(text, title, severity, key, self._clock() + timeout)
        self._items[key] = notice
        return notice

    def current(self) -> list[Notice]:
        """The notices still to show, oldest first (at most MOST)."""
        now = self._clock()
        for key in [k for k, n in self._items.items() if n.until <= now]:
            del self._items[key]
        return list(self._items.values())[-MOST:]

    def forget(self, key: str) -> bool:
        """Remove the notice with this key; whether there was one."""
        return self._items.pop(key, None) is not None

    def forget_news(self) -> bool:
        """Remove the notices that only told what happened (a dialog opens: the user moved on)."""
        news = [k for k, n in self._items.items() if n.severity == INFORMATION]
        for key in news:
            del self._items[key]
        return bool(news)

    def clear(self) -> None:
        self._items.clear()

"""The one-line bar at the top of every screen: which session, which tour, who writes.

What gives way when the terminal is narrow, in this order: the session's year, then the
jury's name (cut); the tour, the session file's name and who writes stay, and the file's
name is cut (in its middle) only when nothing else is left to give way.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget


@dataclass(frozen=True)
class BarText:
    jury: str
    year: str  # « session 2026 »
    tour: str  # « tour 1 », « session close »
    name: str  # the session file's name
    state: str  # « écriture », « LECTURE SEULE · tenue par anne depuis 10:12 »
    short_state: str = ""  # « LECTURE SEULE », when the state is too long to stay whole


def cut_end(text: str, room: int) -> str:
    return text if len(text) <= room else text[: max(0, room - 1)] + "…"


def cut_middle(text: str, room: int) -> str:
    if len(text) <= room:
        return text
    head = max(0, (room - 1) // 2)
    return text[:head] + "…" + text[len(text) - max(0, room - 1 - head) :]


def fit(bar: BarText, width: int) -> tuple[str, str]:
    """(left, right) for a bar of `width` columns (one space at each end, two at least between)."""
    room = width - 4
    states = [bar.state] + ([bar.short_state] if bar.short_state else [])
    for state in states:
        right = f"{bar.name} · {state}"
        for left in (f"{bar.jury} · {bar.year} · {bar.tour}", f"{bar.jury} · {bar.tour}"):
            if len(left) + len(right) <= room:
                return left, right
        jury_room = room - len(right) - len(f" · {bar.tour}")
        if jury_room >= 8:
            return f"{cut_end(bar.jury, jury_room)} · {bar.tour}", right
    state = states[-1]
    if len(bar.tour) + len(f"{bar.name} · {state}") <= room:
        return bar.tour, f"{bar.name} · {state}"
    name_room = room - len(bar.tour) - len(f" · {state}")
    return bar.tour, cut_end(f"{cut_middle(bar.name, max(5, name_room))} · {state}", max(0, room - len(bar.tour)))


class SessionBar(Widget):
    DEFAULT_CSS = """
    SessionBar {
        dock: top;
        height: 1;
        background: $primary;
        color: $foreground;
        text-style: bold;
    }
    SessionBar.-read-only {
        background: $warning;
        color: $background;
    }
    """

    def __init__(self, *, id=None):
        super().__init__(id=id)
        self._bar: BarText | None = None

    def show(self, bar: BarText | None, *, read_only: bool) -> None:
        self._bar = bar
        self.set_class(read_only, "-read-only")
        self.refresh()

    def render(self) -> Text:
        if self._bar is None:
            return Text("")
        width = self.size.width
        left, right = fit(self._bar, width)
        return Text(f" {left}" + " " * max(2, width - len(left) - len(right) - 2) + right + " ")

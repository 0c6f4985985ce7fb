"""The one-line bar at the top of every screen: which session, which tour, who writes."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


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

    def __init__(self, title: str = "", *, id=None):
        super().__init__(id=id)
        self._left = ""
        self._right = ""
        self._title = title

    def show(self, left: str, right: str, *, read_only: bool) -> None:
        self._left, self._right = left, right
        self.set_class(read_only, "-read-only")
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        right = self._right
        left_room = max(0, width - len(right) - 3)
        left = f" {self._title}{self._left}"
        if len(left) > left_room:
            left = left[: max(0, left_room - 1)] + "…"
        return Text(left + " " * max(1, width - len(left) - len(right) - 1) + right + " ")

"""The lines above the footer where the app's notices are said (tui/notices.py).

Full width, under the work rather than over it: while a notice is shown the screen's body
is that much shorter, nothing of it is covered (a toast in the corner hid the Décision
column). A mark says the kind without colour: « ✗ » refused, « ! » warning, « · » news.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.widget import Widget

from jury_tui.tui.notices import ERROR, WARNING
from jury_tui.tui.widgets.key_bar import KeyBar

MARKS = {ERROR: "✗", WARNING: "!"}


class NoticeBar(Widget):
    DEFAULT_CSS = """
    NoticeBar {
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $boost;
        display: none;
    }
    NoticeBar.-shown {
        display: block;
    }
    NoticeBar > .notice-bar--error { color: $text-error; text-style: bold; }
    NoticeBar > .notice-bar--warning { color: $text-warning; text-style: bold; }
    NoticeBar > .notice-bar--information { text-style: bold; }
    """

    COMPONENT_CLASSES = {"notice-bar--error", "notice-bar--warning", "notice-bar--information"}

    def on_mount(self) -> None:
        self.app.notices_changed.subscribe(self, self._changed)
        self._changed(None)

    def _changed(self, _payload) -> None:
        self.set_class(bool(self.app.notices.current()), "-shown")
        self.refresh(layout=True)

    def render(self) -> Text:
        t = Text(end="")
        for i, notice in enumerate(self.app.notices.current()):
            if i:
                t.append("\n")
            style = self.get_component_rich_style(f"notice-bar--{notice.severity}")
            t.append(f"{MARKS.get(notice.severity, '·')} ", style)
            if notice.title:
                t.append(f"{notice.title} : ", style)
            t.append(notice.text)
        return t


class BottomBars(Vertical):
    """The notices, then the footer, at the bottom of a screen or a dialog."""

    DEFAULT_CSS = """
    BottomBars {
        dock: bottom;
        height: auto;
    }
    """

    def __init__(self, *, show_command_palette: bool):
        super().__init__(NoticeBar(), KeyBar(show_command_palette=show_command_palette))

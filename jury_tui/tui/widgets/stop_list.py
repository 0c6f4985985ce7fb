"""A list whose ↑ ↓ stop at its ends.

Textual's OptionList wraps around: on a list of twelve units of which seven fit on the
screen, a sixth ↓ past the last line went silently back to the first, and the grade typed
next changed that unit. Here ↓ on the last line stays there (with the terminal's bell), and
so does ↑ on the first.
"""

from __future__ import annotations

from textual.widgets import OptionList


class StopList(OptionList):
    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self.highlighted is None:
            (self.action_first if direction > 0 else self.action_last)()
            return
        index = self.highlighted + direction
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
            index += direction
        self.app.bell()  # at the end: nothing moves

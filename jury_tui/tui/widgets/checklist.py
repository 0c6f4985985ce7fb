"""A list of lines to check with the keyboard: ↑ ↓ move (and stop at the ends), Espace or
Entrée checks.

Marks are plain text (« [x] », « [ ] »), readable in 16 colours and in any font. A line
that cannot be checked now can still be reached: checking it posts `Refused` with its
reason, so that the screen says why (never a silent no).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from jury_tui.tui.widgets.stop_list import StopList


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    available: bool = True
    tag: str | None = None  # a few words after the label: « PROJET », « pas encore »
    note: str | None = None  # said in full when the line is highlighted (why not, what it will be)


class CheckList(StopList):
    DEFAULT_CSS = """
    CheckList { height: auto; }
    """

    BINDINGS = [Binding("space", "toggle", "Cocher", show=False)]

    @dataclass
    class Changed(Message):
        checklist: CheckList
        key: str
        checked: bool

        @property
        def control(self) -> CheckList:
            return self.checklist

    @dataclass
    class Refused(Message):
        checklist: CheckList
        item: Item

        @property
        def control(self) -> CheckList:
            return self.checklist

    def __init__(self, groups: list[list[Item]], checked: set[str], *, id: str | None = None):
        self.items = {item.key: item for group in groups for item in group}
        self.checked = {key for key in checked if key in self.items and self.items[key].available}
        content: list[Option | None] = []
        for i, group in enumerate(groups):
            if i and group:
                content.append(None)
            content.extend(Option(self._prompt(item), id=item.key) for item in group)
        super().__init__(*content, id=id, compact=True)

    def _prompt(self, item: Item) -> Text:
        on_ = item.key in self.checked
        t = Text("[x] " if on_ else "[ ] ", style="bold" if on_ else "")
        t.append(item.label, style="" if item.available else "dim")
        if item.tag:
            t.append(" ")
            t.append(f"— {item.tag}", "dim italic" if not item.available else "dim")
        return t

    @property
    def current(self) -> Item | None:
        if self.highlighted is None:
            return None
        return self.items.get(self.get_option_at_index(self.highlighted).id)

    def is_checked(self, key: str) -> bool:
        return key in self.checked

    def set_checked(self, key: str, value: bool) -> None:
        item = self.items[key]
        if value and not item.available:
            self.post_message(self.Refused(self, item))
            return
        if value == (key in self.checked):
            return
        (self.checked.add if value else self.checked.discard)(key)
        self.replace_option_prompt(key, self._prompt(item))
        self.post_message(self.Changed(self, key, value))

    def action_toggle(self) -> None:
        item = self.current
        if item is not None:
            self.set_checked(item.key, item.key not in self.checked)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Entrée (or a click) checks as Espace does."""
        if event.option_list is self:
            event.stop()
            self.action_toggle()

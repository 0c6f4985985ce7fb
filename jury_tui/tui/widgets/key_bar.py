"""The footer: the screen's keys (a dialog's own, not those of the screen under it), one
line, one widget.

Textual's Footer builds a widget per key and rebuilds them all whenever the bindings change
(focus, screen, mode): three times while the app opens. This bar draws the same line as
text and is only redrawn. Keys shown as Textual shows them (` ^q Quitter `), bindings of a
group together (` p v a Présence `), a disabled key dim, the command palette's key on the
right; a click on a key presses it.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--palette {
        color: $foreground 20%;
    }
    """

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--palette"}
    ALLOW_SELECT = False

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None):
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self._places: list[tuple[int, int, str]] = []  # (start, end, key) of each key drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        self.refresh()

    def _items(self) -> tuple[list[tuple[list[tuple[str, str, bool]], str]], tuple[str, str, str] | None]:
        """([(keys [(key, display, enabled)], description)], palette (key, display, description)).

        A screen whose keys depend on where the user is (a dialog's field, its confirmation)
        says them itself: `footer_keys()` returns [(key, display, description)], or None for
        its bindings."""
        app = self.app
        own = getattr(self.screen, "footer_keys", None)
        said = own() if own is not None else None
        if said is not None:
            return [([(key, display, True)], description) for key, display, description in said], None
        describe = getattr(self.screen, "key_description", None)  # a key whose effect depends on the row
        by_action: dict[str, list] = {}
        palette = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action == "command_palette" and self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
                palette = (binding.key, app.get_key_display(binding), binding.description)
            if binding.show:
                by_action.setdefault(binding.action, []).append((binding, enabled))
        items: list[tuple[list[tuple[str, str, bool]], str]] = []
        groups: dict[object, int] = {}
        for entries in by_action.values():
            binding, enabled = entries[0]
            key = (binding.key, app.get_key_display(binding), enabled)
            group = binding.group
            if group is not None and sum(1 for e in by_action.values() if e[0][0].group is group) > 1:
                if group in groups:
                    items[groups[group]][0].append(key)
                    continue
                groups[group] = len(items)
                items.append(([key], group.description))
                continue
            items.append(([key], (describe(binding.action) if describe else None) or binding.description))
        return items, palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        dim = Style(dim=True)
        items, palette = self._items()
        line = Text(no_wrap=True, overflow="crop", end="")
        self._places = []
        for keys, description in items:
            for i, (key, display, enabled) in enumerate(keys):
                start = len(line)
                line.append(" " + display + (" " if i == len(keys) - 1 else ""), key_style + (dim if not enabled else Style()))
                self._places.append((start, len(line), key))
            line.append(description + " ", description_style)
        width = self.size.width
        if palette is not None:
            key, display, description = palette
            tail = Text(no_wrap=True, end="")
            tail.append("▏", self.get_component_rich_style("key-bar--palette"))
            tail.append(display, key_style)
            tail.append(" " + description + " ", description_style)
            room = width - len(tail)
            line.truncate(max(0, room), pad=True)
            self._places.append((room, width, key))
            line.append_text(tail)
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._places:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return

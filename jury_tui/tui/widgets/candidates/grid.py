"""The candidates table: a virtual grid that draws only the rows on screen.

Rows are keyed by numero; a row's cells are computed when the row is first drawn and
kept until `refresh_numeros` says that candidate changed, which redraws that row in
place. Sorting, filtering and searching replace the order of the keys, never the rows.
Five columns (numero, name, moyenne, proposition, decision) stay; the units scroll
sideways one column at a time. The name column is as wide as the longest name, as long as
one unit column still fits beside it (20 at least): a name is cut only where nothing else
would give way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from jury_tui.deliberation.app_support import CandidateLine
from jury_tui.tui import format as fmt
from jury_tui.tui.messages import CandidateChosen, SortRequested

GAP = 1
UNIT_WIDTH = 6  # "12,50*", "B13,00", "11,00c": an adjusted or contrôle value is a plain grade
SEPARATOR = "│"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    right: bool = False


FIXED = (
    Column("numero", "N°", 5),
    Column("nom", "Nom", 20),
    Column("moyenne", "Moyenne", 8, right=True),
    Column("proposition", "Proposition", 11),
    Column("decision", "Décision", 12),
)
NAME = 1  # the name column's index: its width follows the names (`name_width`)
OTHERS_WIDTH = 1 + sum(c.width + GAP for c in FIXED if c.key != "nom") + GAP  # padding, the other columns, gaps
MIN_NAME = 8


SHORT = {"moyenne": "Moy.", "proposition": "Propos.", "decision": "Décision"}


def _header_label(key: str, label: str, width: int, arrow: str) -> str:
    """A column's label with the sort arrow, shortened to fit."""
    text = f"{label}{arrow}"
    if len(text) > width:
        text = f"{SHORT.get(key, label)}{arrow}"
    return text


def _fit(text: str, width: int, right: bool = False) -> str:
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.rjust(width) if right else text.ljust(width)


class CandidateGrid(ScrollView, can_focus=True):
    """Rows of candidates; Entrée opens one, arrows move, ←/→ scroll the units."""

    DEFAULT_CSS = """
    CandidateGrid {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        background: $background;
    }
    CandidateGrid > .grid--header { text-style: bold; color: $text-accent; background: $boost; }
    CandidateGrid > .grid--sorted { text-style: bold underline; color: $text-accent; }
    CandidateGrid > .grid--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    CandidateGrid > .grid--cursor-blurred { background: $block-cursor-blurred-background; text-style: none; }
    CandidateGrid > .grid--admis { color: $text-success; }
    CandidateGrid > .grid--ajourne { color: $text-error; }
    CandidateGrid > .grid--controle { color: $text-warning; }
    CandidateGrid > .grid--non_delivre { color: $text-error; text-style: bold; }
    CandidateGrid > .grid--incomplet { color: $text-muted; text-style: italic; }
    CandidateGrid > .grid--adjusted { color: $text-warning; text-style: bold; }
    CandidateGrid > .grid--revoir { color: $text-warning; text-style: bold reverse; }
    CandidateGrid > .grid--separator { color: $text-muted; }
    CandidateGrid > .grid--empty { color: $text-muted; text-style: italic; }
    """

    COMPONENT_CLASSES = {
        "grid--header",
        "grid--sorted",
        "grid--cursor",
        "grid--cursor-blurred",
        "grid--admis",
        "grid--ajourne",
        "grid--controle",
        "grid--non_delivre",
        "grid--incomplet",
        "grid--adjusted",
        "grid--revoir",
        "grid--separator",
        "grid--empty",
    }

    BINDINGS = [
        Binding("up", "cursor_up", "Haut", show=False),
        Binding("down", "cursor_down", "Bas", show=False),
        Binding("pageup", "page_up", "Page précédente", show=False),
        Binding("pagedown", "page_down", "Page suivante", show=False),
        Binding("home", "first", "Premier", show=False),
        Binding("end", "last", "Dernier", show=False),
        Binding("left", "units_left", "Unités à gauche", show=False),
        Binding("right", "units_right", "Unités à droite", show=False),
        Binding("enter", "choose", "Fiche", show=True, key_display="⏎"),
    ]

    cursor: reactive[int] = reactive(0, init=False, always_update=True)
    first_unit: reactive[int] = reactive(0, init=False)

    def __init__(self, line_for: Callable[[str], CandidateLine], units: list[str], *, empty: str = "", id=None):
        super().__init__(id=id)
        self._line_for = line_for
        self.units = list(units)
        self._order: list[str] = []
        self._index: dict[str, int] = {}
        self._lines: dict[str, CandidateLine] = {}
        self._strips: dict[str, tuple[CandidateLine, tuple, Strip]] = {}  # numero -> (line, how, row)
        self.sort_column = "numero"
        self.sort_reverse = False
        self.empty_text = empty
        self.longest_name = FIXED[NAME].width  # set by the screen, from the names of the session

    # ---- data -------------------------------------------------------------------------------
    def line(self, numero: str) -> CandidateLine:
        hit = self._lines.get(numero)
        if hit is None:
            hit = self._lines[numero] = self._line_for(numero)
        return hit

    @property
    def order(self) -> list[str]:
        return list(self._order)

    @property
    def row_count(self) -> int:
        return len(self._order)

    @property
    def current(self) -> str | None:
        return self._order[self.cursor] if 0 <= self.cursor < len(self._order) else None

    def set_order(self, numeros: list[str], *, keep: str | None = None) -> None:
        """Show these rows in this order; the cursor stays on `keep` (or the current row)."""
        keep = keep or self.current
        self._order = list(numeros)
        self._index = {n: i for i, n in enumerate(self._order)}
        self.virtual_size = Size(self.size.width, len(self._order) + 1)
        target = self._index.get(keep, 0) if keep else 0
        self.cursor = min(target, max(0, len(self._order) - 1))
        self.refresh()

    def refresh_numeros(self, numeros) -> None:
        """These candidates changed: recompute their rows and redraw those on screen."""
        for numero in numeros:
            self._lines.pop(numero, None)
            index = self._index.get(numero)
            if index is not None:
                self._refresh_index(index)

    def invalidate(self) -> None:
        """Every row may have changed (a tour signed): recompute rows as they are drawn."""
        self._lines.clear()
        self._strips.clear()
        self.refresh()

    def select(self, numero: str) -> None:
        index = self._index.get(numero)
        if index is not None:
            self.cursor = index

    # ---- geometry ---------------------------------------------------------------------------
    @property
    def visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    @property
    def name_width(self) -> int:
        room = self.scrollable_content_region.width - OTHERS_WIDTH - 1  # the separator
        with_a_unit = room - (UNIT_WIDTH + GAP)
        return max(MIN_NAME, min(self.longest_name, max(min(FIXED[NAME].width, room), with_a_unit)))

    def width_of(self, col: Column) -> int:
        return self.name_width if col.key == "nom" else col.width

    @property
    def visible_units(self) -> int:
        room = self.scrollable_content_region.width - OTHERS_WIDTH - self.name_width - 1
        return max(0, room // (UNIT_WIDTH + GAP))

    def _refresh_index(self, index: int) -> None:
        y = index - int(self.scroll_y) + 1
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._order) + 1)
        self.first_unit = min(self.first_unit, self._max_first_unit())
        self._scroll_cursor_into_view()

    def _max_first_unit(self) -> int:
        return max(0, len(self.units) - self.visible_units)

    # ---- cursor -----------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._order) - 1)) if self._order else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_index(old)
        self._refresh_index(new)
        self._scroll_cursor_into_view()

    def watch_first_unit(self) -> None:
        self.refresh()

    def _scroll_cursor_into_view(self) -> None:
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self.visible_rows:
            self.scroll_to(y=self.cursor - self.visible_rows + 1, animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self.visible_rows

    def action_page_down(self) -> None:
        self.cursor += self.visible_rows

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._order) - 1

    def action_units_left(self) -> None:
        self.first_unit = max(0, self.first_unit - 1)

    def action_units_right(self) -> None:
        self.first_unit = min(self._max_first_unit(), self.first_unit + 1)

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(CandidateChosen(self.current))

    def on_focus(self) -> None:
        self._refresh_index(self.cursor)

    def on_blur(self) -> None:
        self._refresh_index(self.cursor)

    # ---- mouse --------------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            column = self._column_at(event.x)
            if column:
                self.post_message(SortRequested(column))
            return
        index = int(self.scroll_y) + event.y - 1
        if 0 <= index < len(self._order):
            if index == self.cursor or event.chain > 1:
                self.cursor = index
                self.action_choose()
            else:
                self.cursor = index

    def _column_at(self, x: int) -> str | None:
        pos = 1
        for col in FIXED:
            if pos <= x < pos + self.width_of(col) + GAP:
                return col.key
            pos += self.width_of(col) + GAP
        pos += 1  # separator
        for code in self.units[self.first_unit :]:
            if pos <= x < pos + UNIT_WIDTH + GAP:
                return code
            pos += UNIT_WIDTH + GAP
        return None

    # ---- drawing ----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        index = int(self.scroll_y) + y - 1
        if not self._order:
            if y == 1 and self.empty_text:
                style = base + self.get_component_rich_style("grid--empty")
                return Strip([Segment(" " + self.empty_text, style)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        if index >= len(self._order):
            return Strip.blank(width, base)
        return self._row(index, width, base)

    def _header(self, width: int, base: Style) -> Strip:
        head = base + self.get_component_rich_style("grid--header")
        sorted_style = head + self.get_component_rich_style("grid--sorted")
        arrow = " ▼" if self.sort_reverse else " ▲"
        segments = [Segment(" ", head)]
        for col in FIXED:
            room = self.width_of(col)
            text = _header_label(col.key, col.label, room, arrow) if col.key == self.sort_column else col.label
            style = sorted_style if col.key == self.sort_column else head
            segments += [Segment(_fit(text, room, col.right), style), Segment(" " * GAP, head)]
        left_more = self.first_unit > 0
        segments.append(Segment("◀" if left_more else SEPARATOR, head))
        shown = self.units[self.first_unit : self.first_unit + self.visible_units]
        more_right = self.first_unit + len(shown) < len(self.units)
        for i, code in enumerate(shown):
            text = code + (arrow if code == self.sort_column else "")
            if more_right and i == len(shown) - 1:
                text = f"{code} ▶"
            style = sorted_style if code == self.sort_column else head
            segments += [Segment(" " * GAP, head), Segment(_fit(text, UNIT_WIDTH, True), style)]
        return Strip(segments).adjust_cell_length(width, head)

    def _row(self, index: int, width: int, base: Style) -> Strip:
        """A row, drawn again only when what it shows changed (a screen is drawn several times
        while the app opens, and each key redraws the rows it moves between)."""
        numero = self._order[index]
        line = self.line(numero)
        at_cursor = index == self.cursor
        how = (at_cursor, at_cursor and self.has_focus, self.first_unit, self.visible_units, self.name_width, width, base)
        hit = self._strips.get(numero)
        if hit is not None and hit[0] is line and hit[1] == how:
            return hit[2]
        strip = self._draw_row(line, at_cursor, width, base)
        self._strips[numero] = (line, how, strip)
        return strip

    def _draw_row(self, line: CandidateLine, at_cursor: bool, width: int, base: Style) -> Strip:
        cursor_style = None
        if at_cursor:
            cursor_style = self.get_component_rich_style("grid--cursor" if self.has_focus else "grid--cursor-blurred")
        row = base + cursor_style if cursor_style else base

        def styled(kind: str | None) -> Style:
            if kind is None:
                return row
            style = base + self.get_component_rich_style(kind)
            return style + cursor_style if cursor_style else style

        name = f"{line.nom} {line.prenom}".strip()
        decision = fmt.label(line.decision)
        if line.a_revoir:
            decision = (decision or "—") + " !"
        cells = [
            (line.numero, FIXED[0], None),
            (name, FIXED[1], None),
            (fmt.moyenne(line.moyenne), FIXED[2], None),
            (fmt.label(line.proposition), FIXED[3], f"grid--{line.proposition}"),
            (decision, FIXED[4], "grid--revoir" if line.a_revoir else (f"grid--{line.decision}" if line.decision else None)),
        ]
        segments = [Segment(" ", row)]
        for text, col, kind in cells:
            segments += [Segment(_fit(text, self.width_of(col), col.right), styled(kind)), Segment(" " * GAP, row)]
        segments.append(Segment(SEPARATOR, styled("grid--separator")))
        by_code = {cell.code: cell for cell in line.units}
        for code in self.units[self.first_unit : self.first_unit + self.visible_units]:
            cell = by_code.get(code)
            text, kind = "", None
            if cell is not None:
                text = fmt.cell(cell.value)
                if cell.adjusted:
                    text, kind = text + "*", "grid--adjusted"
                elif cell.controle:
                    text, kind = text + "c", "grid--adjusted"
            segments += [Segment(" " * GAP, row), Segment(_fit(text, UNIT_WIDTH, True), styled(kind))]
        return Strip(segments).adjust_cell_length(width, row)

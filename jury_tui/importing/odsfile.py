"""ODS workbooks (LibreOffice Calc's own format), read with the standard library.

An .ods file is a zip whose content.xml holds the sheets (`table:table`), their rows
(`table:table-row`, repeated `table:number-rows-repeated` times) and cells (`table:table-cell`,
repeated `table:number-columns-repeated` times; `table:covered-table-cell` under a merged
cell). A cell's value is in its attributes, as the spreadsheet computed it at the last save:
`office:value` (a decimal text, read exactly, with no binary float in between),
`office:date-value`, `office:boolean-value`, `office:time-value`, or else its text.
LibreOffice marks a formula whose result is an error with `calcext:value-type="error"` (its
text is what the cell shows: #DIV/0!). A formula cell without a value type holds an empty
result (`=""`): LibreOffice computes every formula when it saves.

content.xml is parsed as a stream, one row at a time: a sheet costs what its rows hold, and
the empty rows and columns a spreadsheet repeats to the sheet's end cost nothing. Why this
reader rather than a library: README, « Input files ».
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import ParseError, iterparse

from jury_tui.errors import JuryError, Place, Problem
from jury_tui.importing import limits
from jury_tui.importing.tables import Table, ValueCell, normalize_key, number_to_text
from jury_tui.importing.workbook import cell_error, check_archive, choose_sheet, sheet_table

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"

SHEET, ROW = _TABLE + "table", _TABLE + "table-row"
CELL, COVERED = _TABLE + "table-cell", _TABLE + "covered-table-cell"
ROWS_REPEATED, COLUMNS_REPEATED = _TABLE + "number-rows-repeated", _TABLE + "number-columns-repeated"
VALUE_TYPE, CALC_TYPE = _OFFICE + "value-type", _CALCEXT + "value-type"
VALUE, DATE, BOOLEAN, TIME = _OFFICE + "value", _OFFICE + "date-value", _OFFICE + "boolean-value", _OFFICE + "time-value"
PARAGRAPH, SPACES, TAB, LINE_BREAK = _TEXT + "p", _TEXT + "s", _TEXT + "tab", _TEXT + "line-break"
_NUMBERS = frozenset(("float", "percentage", "currency"))

MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # LibreOffice's largest sheet: beyond, not a real sheet
_UNREADABLE = "fichier ODS illisible (tronqué ou d'un autre format)"
_TOO_LARGE = "feuille plus grande que ce qu'un tableur enregistre ({what}) : ce n'est pas un vrai classeur"
_DURATION = re.compile(r"-?PT?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")


def read_ods(data: bytes, source: str, *, sheet: str | None = None) -> Table:
    check_archive(data, source, "content.xml")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as content:
            title, sheets, chosen = _read(content, source, sheet)
    except JuryError:
        raise
    except (zipfile.BadZipFile, KeyError, ParseError, OSError, ValueError, EOFError):
        raise JuryError(Problem(_UNREADABLE, Place(file=source))) from None
    return sheet_table(source, "ods", title, sheets, chosen.rows, chosen.numbers_at)


def _read(content, source: str, wanted: str | None):
    """(title, every sheet's name, its _Sheet) of the sheet `choose_sheet` picks.

    A sheet's rows are read as they come and kept, once its end gives its name, only if it
    may be the one picked: without --sheet, the first sheet and the first visible one; with
    it, the sheets whose name matches loosely."""
    hidden_styles: set[str] = set()
    names: list[str] = []
    visible: list[bool] = []
    kept: dict[int, list] = {}
    reading = _Sheet(source)
    for _, element in iterparse(content):  # "end" events: an element is whole when it comes
        tag = element.tag
        if tag == ROW:
            reading.add(element)
            element.clear()
        elif tag == SHEET:
            names.append(element.get(_TABLE + "name") or "")
            visible.append(element.get(_TABLE + "style-name") not in hidden_styles)
            if _may_pick(wanted, names, visible):
                kept[len(names) - 1] = reading
            reading = _Sheet(source)
            element.clear()
        elif tag == _STYLE + "style" and _hides_a_sheet(element):
            hidden_styles.add(element.get(_STYLE + "name"))  # the styles come before the sheets
    if not names:
        raise JuryError(Problem("le classeur ne contient aucune feuille de données", Place(file=source)))
    index = choose_sheet(names, visible, source, wanted)
    return names[index], names, kept[index]


def _may_pick(wanted: str | None, names: list[str], visible: list[bool]) -> bool:
    if wanted is not None:
        return normalize_key(names[-1]) == normalize_key(wanted)
    first_visible = visible[-1] and not any(visible[:-1])
    return len(names) == 1 or first_visible


def _hides_a_sheet(style) -> bool:
    if style.get(_STYLE + "family") != "table":
        return False
    properties = style.find(_STYLE + "table-properties")
    return properties is not None and properties.get(_TABLE + "display") == "false"


class _Sheet:
    """The non-empty rows of one sheet, numbered as the spreadsheet shows them."""

    __slots__ = ("source", "rows", "line", "cells", "numbers", "numbers_at")

    def __init__(self, source: str):
        self.source = source
        self.rows: list[tuple[int, list[ValueCell]]] = []
        self.line = 0  # the last row number seen
        self.cells = 0  # the cells of the rows kept
        self.numbers: dict[str, ValueCell] = {}  # office:value -> its cell: grades repeat
        self.numbers_at: dict[int, list[int]] = {}  # column -> the rows where it holds a number

    def add(self, row) -> None:
        repeated = int(row.get(ROWS_REPEATED) or 1)
        values = self._cells(row)
        if values:
            if self.line + repeated > MAX_ROWS:
                raise JuryError(Problem(_TOO_LARGE.format(what=f"plus de {MAX_ROWS} lignes"),
                                        Place(file=self.source)))  # fmt: skip
            self.cells += len(values) * repeated
            limits.check_row(self.source, None, self.line + 1, len(values), len(self.rows) + repeated, self.cells)
            # a row repeated is the same row several times (LibreOffice writes identical rows once)
            self.rows.extend((self.line + k + 1, values) for k in range(repeated))
        self.line += repeated

    def _cells(self, row) -> list[ValueCell]:
        values: list[ValueCell] = []
        empty = 0  # empty cells not written yet: only those before a value are
        for cell in row:
            tag = cell.tag
            if tag != CELL and tag != COVERED:
                continue
            repeated = int(cell.get(COLUMNS_REPEATED) or 1)
            value = _value(cell, self.numbers) if tag == CELL and (len(cell) or cell.attrib) else _EMPTY
            if value == _EMPTY:
                empty += repeated
                continue
            if len(values) + empty + repeated > MAX_COLUMNS:
                raise JuryError(Problem(_TOO_LARGE.format(what=f"plus de {MAX_COLUMNS} colonnes"),
                                        Place(file=self.source)))  # fmt: skip
            if empty:
                values.extend([_EMPTY] * empty)
                empty = 0
            if cell.get(VALUE_TYPE) in _NUMBERS:
                self.numbers_at.setdefault(len(values), []).append(self.line + 1)
            values.extend([value] * repeated)
        return values


_EMPTY: ValueCell = (None, None)


def _value(cell, numbers: dict[str, ValueCell]) -> ValueCell:
    kind = cell.get(VALUE_TYPE)
    if cell.get(CALC_TYPE) == "error":
        return None, cell_error(_text(cell) or "#ERREUR")
    if kind in _NUMBERS:
        shown = cell.get(VALUE) or ""
        value = numbers.get(shown)
        if value is None:
            value = numbers[shown] = number_to_text(_decimal(shown), shown)
        return value
    if kind == "date":
        return (cell.get(DATE) or "")[:10] or None, None  # a date and time: its date, as from XLSX
    if kind == "boolean":
        return ("oui" if cell.get(BOOLEAN) == "true" else "non"), None
    if kind == "time":
        return _time(cell.get(TIME) or ""), None
    text = _text(cell).strip()
    return (text or None), None


def _decimal(text: str):
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal("NaN")  # refused by number_to_text as « pas un nombre valide »


def _time(duration: str) -> str | None:
    """PT12H30M00S -> 12:30:00, as a time read from XLSX."""
    match = _DURATION.match(duration)
    if not match:
        return duration or None
    hours, minutes, seconds = (float(x or 0) for x in match.groups())
    return f"{int(hours):02d}:{int(minutes):02d}:{int(seconds):02d}"


def _text(cell) -> str:
    """The text of a cell: its paragraphs, one a line, with their spaces, tabs and breaks."""
    return "\n".join("".join(_inline(p)) for p in cell.iter(PARAGRAPH))


def _inline(element):
    if element.text:
        yield element.text
    for child in element:
        tag = child.tag
        if tag == SPACES:
            yield " " * int(child.get(_TEXT + "c") or 1)
        elif tag == TAB:
            yield "\t"
        elif tag == LINE_BREAK:
            yield "\n"
        else:  # a span, a link, a field: its text
            yield from _inline(child)
        if child.tail:
            yield child.tail

"""The raw table layer: a CSV, XLSX or JSON file as rows of text cells, each with its place.

This layer knows nothing of grades, dates or roles: it reads cells as text and says exactly
where each one is, so that the importers above it can name the place of every error. Reading
problems that concern a single value (an XLSX float with too many decimals, a formula without
a computed value) are carried by the cell and raised only by an importer that uses it; problems
that concern the file (encoding, separators, headers, shape) are raised here, all at once.

    table = read_table("candidats.csv")
    for row in table.rows:
        cell = row.cells["u4"]          # keyed by normalize_key(header)
        cell.text, cell.place           # "12,5", Place(file="candidats.csv", line=87, column="U4")
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jury_tui.domain.text import text_problem, unsafe_at
from jury_tui.errors import JuryError, Place, Problem, os_cause
from jury_tui.importing import limits

if TYPE_CHECKING:
    from decimal import Decimal

# The records of this module but Cell (a value) are plain slotted classes: a dataclass's
# generated methods cost a fraction of a millisecond each at import, and every import command
# pays for them.


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell's text and place (a value: compared and hashed by its fields)."""

    text: str | None  # None = empty cell; stripped text otherwise
    place: Place
    error: str | None = None  # a reading problem, to raise only if the cell is used


class Row:
    """A record: where it starts, and its cells keyed by normalized header (every header of
    the table has a cell).

    A row keeps its texts by column position (a JSON object's fields too, each at the position
    of its key) and builds its Cells, each with its Place, only when asked: an import of
    thousands of rows places the cells at fault, not the others. `get(key)` reads a cell's
    (text, error) without building it. Its layout says where it is: a line of a grid (CSV,
    sheet), or an index in a JSON list (ListLayout).
    """

    __slots__ = ("_place", "_cells", "_line", "_texts", "_errors", "_layout")

    def __init__(self, layout: _Layout, line: int, texts: list, errors: list | None):
        self._place = self._cells = None
        self._line, self._texts, self._errors, self._layout = line, texts, errors, layout

    @property
    def place(self) -> Place:
        if self._place is None:
            self._place = self._layout.row_place(self._line)
        return self._place

    @property
    def cells(self) -> dict[str, Cell]:
        if self._cells is None:
            cells = {}
            for key, position in self._layout.positions.items():
                text, error = self._value(position)
                cells[key] = Cell(text, self.place_of(key), error)
            self._cells = cells
        return self._cells

    def _value(self, position: int) -> tuple[str | None, str | None]:
        texts = self._texts
        if position >= len(texts):
            return None, None
        return texts[position] or None, (self._errors[position] if self._errors is not None else None)

    def grid(self) -> tuple[dict[str, int], list, list | None]:
        """(column position by key, texts by position, errors by position or None). The texts
        list may be shorter than the header: missing positions are empty cells, as are None
        and "" texts."""
        return self._layout.positions, self._texts, self._errors

    def get(self, key: str) -> tuple[str | None, str | None] | None:
        """The (text, error) of the cell under `key`; None when the table has no such column."""
        position = self._layout.positions.get(key)
        return None if position is None else self._value(position)

    def values(self, keys: list[str]) -> tuple[list[str | None], list[str | None] | None]:
        """The texts of the cells under `keys` (columns of the table), as `get` gives them, and
        their errors (None when no cell of the row has one), in one call: an import reads
        thousands of rows."""
        positions, texts, errors = self._layout.positions, self._texts, self._errors
        at = [positions[key] for key in keys]
        width = len(texts)
        found = [(texts[p] or None) if p < width else None for p in at]
        return found, None if errors is None else [errors[p] if p < width else None for p in at]

    def place_of(self, key: str) -> Place:
        """The place of the cell under `key` (a column of the table)."""
        return self._layout.cell_place(self._line, key)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Row):
            return NotImplemented
        return (self.place, self.cells) == (other.place, other.cells)

    def __repr__(self) -> str:
        return f"Row(place={self.place!r}, cells={self.cells!r})"


class _Layout:
    """Where a grid's cells are: the file, the sheet, each key's position and header."""

    __slots__ = ("source", "sheet", "positions", "headers")

    def __init__(self, source: str, sheet: str | None, positions: dict[str, int], headers: dict[str, str]):
        self.source, self.sheet = source, sheet
        self.positions = positions  # normalized header -> column position
        self.headers = headers  # normalized -> as written

    def row_place(self, line: int) -> Place:
        return Place(file=self.source, sheet=self.sheet, line=line)

    def cell_place(self, line: int, key: str) -> Place:
        return Place(self.source, self.sheet, line, self.headers[key])


class ListLayout(_Layout):
    """Where the cells of a JSON list's objects are: a row's « line » is its index in the list,
    a cell's place its path inside the object (« candidats[12].notes.U4 »)."""

    __slots__ = ("list_key", "paths", "odd_paths")

    def __init__(self, source: str, list_key: str, positions: dict[str, int], headers: dict[str, str],
                 paths: dict[str, str], odd_paths: dict[tuple[int, str], str]):  # fmt: skip
        super().__init__(source, None, positions, headers)
        self.list_key = list_key
        self.paths = paths  # normalized -> path inside an object, as first seen (".notes.U4")
        self.odd_paths = odd_paths  # (index, normalized) -> the path of an object that differs

    def row_place(self, line: int) -> Place:
        return Place(file=self.source, pointer=f"{self.list_key}[{line}]")

    def cell_place(self, line: int, key: str) -> Place:
        path = self.odd_paths.get((line, key), self.paths[key])
        return Place(file=self.source, pointer=f"{self.list_key}[{line}]{path}")


class Table:
    """A file read as rows of cells under normalized headers."""

    __slots__ = ("source", "kind", "headers", "rows", "details")

    def __init__(self, source: str, kind: str, headers: dict[str, str], rows: list[Row], details: dict | None = None):
        self.source = source  # the file's name, as shown in errors
        self.kind = kind  # "csv" | "xlsx" | "ods" | "json"
        self.headers = headers  # normalized -> as written, in file order
        self.rows = rows
        self.details = {} if details is None else details  # encoding, delimiter, sheet... for reports

    def __repr__(self) -> str:
        return f"Table(source={self.source!r}, kind={self.kind!r}, headers={self.headers!r}, rows=<{len(self.rows)}>)"


# --- Normalization -------------------------------------------------------------------------

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_SEPARATORS = re.compile(r"[\s\-_]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub("_", bare.casefold().translate(_LIGATURES))


def normalize_key(text: str) -> str:
    """A header or field name, case- and accent-insensitive: "Date naissance" -> "date_naissance"."""
    return _fold(text)


def normalize_value(text: str) -> str:
    """An enumerated value, folded like keys: "Présent" -> "present", "ia-ipr" -> "ia_ipr"."""
    return _fold(text)


# --- Numbers stored as numbers (XLSX, JSON) ------------------------------------------------

_EXACT_FLOAT_LIMIT = 2**53  # beyond, a binary float no longer holds every integer


def _french(shown: str) -> str:
    return shown.replace(".", ",")


def number_to_text(value: int | float | Decimal, shown: str | None = None) -> tuple[str | None, str | None]:
    """(text, error) for a number a spreadsheet or a JSON file stored.

    An integer gives its digits ("2601"); a value within 1e-6 of a two-decimal value gives that
    value with a dot and two decimals ("12.50" for 12.4999999999, "10.00" for 9.999999999);
    anything else gives no text and an error to show if the cell is used. `shown` is how to
    print the value in that error (the JSON literal); floats are read exactly once, here.
    """
    if isinstance(value, bool):
        return ("oui" if value else "non"), None
    if isinstance(value, int):
        return str(value), None
    from decimal import Decimal  # imported here: CSV files store no numbers

    if shown is None:
        shown = repr(value) if isinstance(value, float) else str(value)
        if "e" in shown.lower() and isinstance(value, float) and value == value:
            shown = format(Decimal(shown), "f")
    number = value if isinstance(value, Decimal) else _float_decimal(value)
    if number is None or not number.is_finite():
        return None, f"valeur « {shown} » : ce n'est pas un nombre valide"
    limit = _EXACT_FLOAT_LIMIT if isinstance(value, float) else Decimal(10) ** 30
    if abs(number) >= limit:
        return None, (
            f"valeur « {_french(shown)} » : nombre trop grand pour être lu exactement ; "
            "saisissez-le comme texte"
        )
    return _decimal_text(number, shown)


def _float_decimal(value: float) -> Decimal | None:
    from decimal import Decimal

    if value != value or value in (float("inf"), float("-inf")):
        return None
    return Decimal(value)  # exact binary value


def _decimal_text(number: Decimal, shown: str) -> tuple[str | None, str | None]:
    from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext

    with localcontext(Context(prec=80)):
        if number == number.to_integral_value():
            return str(int(number)), None
        rounded = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
        if abs(number - rounded) > Decimal("0.000001"):
            return None, (
                f"valeur {_french(shown)} : plus de deux décimales ; arrondissez dans le tableur"
            )
        return f"{abs(rounded) if rounded == 0 else rounded:.2f}", None


# --- Grids (CSV and XLSX): headers and rows --------------------------------------------------

ValueCell = tuple[str | None, str | None]  # (text, error)
Record = tuple[int, list, "list | None"]  # (line, texts by column position, errors by position or None)


class Grid:
    """What a CSV or a sheet holds before it becomes a Table: header line, headers, records."""

    __slots__ = ("source", "header_line", "header_texts", "records", "column_label", "sheet")

    def __init__(
        self,
        source: str,
        header_line: int,
        header_texts: list[str | None],
        records: Iterable[Record],  # texts stripped, None or "" when empty; errors None when there are none
        column_label: Callable[[int], str],  # position (0-based) -> "colonne 3" / "colonne C"
        sheet: str | None = None,
    ):
        self.source, self.header_line, self.header_texts = source, header_line, header_texts
        self.records, self.column_label, self.sheet = records, column_label, sheet


def build_grid(grid: Grid) -> tuple[dict[str, str], list[Row], list[Problem]]:
    """Headers, non-empty rows and the problems of a grid (duplicates, values without header)."""
    headers, columns, problems = _grid_headers(grid)
    layout = _Layout(grid.source, grid.sheet, {key: position for position, key in columns}, headers)
    rows: list[Row] = []
    width = len(grid.header_texts)
    empty_headers = [i for i, written in enumerate(grid.header_texts) if written is None]
    unheaded: dict[int, int] = {}  # position -> first line with a value under an empty header
    repeated = _RepeatedHeader(grid.header_texts, columns)
    for line, texts, errors in grid.records:
        if not any(texts) and (errors is None or not any(errors)):
            continue
        if repeated.is_header(texts):
            problems.append(Problem(
                f"en-tête répété ligne {line} : les en-têtes de la ligne {grid.header_line} "
                "reviennent ici (deux fichiers mis bout à bout ?) ; supprimez cette ligne",
                Place(file=grid.source, sheet=grid.sheet, line=line),
            ))
            continue
        if empty_headers or len(texts) > width:
            for position in [*empty_headers, *range(width, len(texts))]:
                if position < len(texts) and (
                    texts[position] or (errors is not None and errors[position] is not None)
                ):
                    unheaded.setdefault(position, line)
        rows.append(Row(layout, line, texts, errors))
    for position, line in sorted(unheaded.items()):
        problems.append(Problem(
            f"la {grid.column_label(position)} n'a pas d'en-tête mais contient des valeurs "
            f"(ligne {line}) : donnez-lui un en-tête ou videz-la ; la première ligne non vide "
            "doit être celle des en-têtes",
            Place(file=grid.source, sheet=grid.sheet, line=grid.header_line),
        ))
    return headers, rows, problems


class _RepeatedHeader:
    """Tells a data row that repeats the header (files put end to end): every value of the row
    is its column's header, and they are most of the headers. The first headed column's text
    is looked at first: a row of data is told apart by its first letter or its length, with
    no folding of accents."""

    def __init__(self, header_texts: list[str | None], columns: list[tuple[int, str]]):
        self.keys = {position: key for position, key in columns}
        self.first = columns[0][0] if columns else None
        self.first_key = columns[0][1] if columns else ""

    def is_header(self, texts: list) -> bool:
        first, key = self.first, self.first_key
        if first is None or first >= len(texts) or not texts[first]:
            return False
        text = texts[first].casefold()
        if text != key and (text[:1] != key[:1] or abs(len(text) - len(key)) > 3 or normalize_key(text) != key):
            return False
        same = 0
        for position, text in enumerate(texts):
            if not text:
                continue
            if normalize_key(text) != self.keys.get(position):
                return False
            same += 1
        return same * 2 > len(self.keys)


def mark_unsafe(records: list[Record], text: str | None = None) -> list[Record]:
    """The records, each value holding a character no text may hold (domain/text.py) made an
    error cell, raised only where the cell is used. `text` (the whole file) is searched first,
    in one pass: a file without such characters (line ends aside, unless quoted) is kept as is."""
    if text is not None and '"' not in text and unsafe_at(text.replace("\r", "").replace("\n", "")) is None:
        return records
    marked: list[Record] = []
    for record in records:
        line, texts, errors = record
        if unsafe_at("".join(filter(None, texts))) is not None:
            texts, errors = list(texts), (list(errors) if errors is not None else [None] * len(texts))
            for position, value in enumerate(texts):
                if value and unsafe_at(value) is not None:
                    texts[position], errors[position] = None, text_problem(value)
            record = (line, texts, errors)
        marked.append(record)
    return marked


def _grid_headers(grid: Grid) -> tuple[dict[str, str], list[tuple[int, str]], list[Problem]]:
    headers: dict[str, str] = {}
    first_position: dict[str, int] = {}
    columns: list[tuple[int, str]] = []
    problems: list[Problem] = []
    for position, written in enumerate(grid.header_texts):
        if written is None:
            continue
        written = " ".join(written.split())  # a header typed on two lines reads on one
        unsafe = text_problem(written)
        if unsafe:
            problems.append(Problem(
                f"en-tête illisible : {unsafe}",
                Place(file=grid.source, sheet=grid.sheet, line=grid.header_line, column=grid.column_label(position)),
            ))
            continue
        key = normalize_key(written)
        if key in headers:
            problems.append(Problem(
                f"en-tête en double : « {written} » ({grid.column_label(position)}) et "
                f"« {headers[key]} » ({grid.column_label(first_position[key])}) désignent la "
                "même colonne (majuscules et accents ne comptent pas) ; gardez-en une seule",
                Place(file=grid.source, sheet=grid.sheet, line=grid.header_line, column=written),
            ))
            continue
        headers[key] = written
        first_position[key] = position
        columns.append((position, key))
    return headers, columns, problems


# --- Entry point ----------------------------------------------------------------------------

_KINDS = {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods", ".json": "json"}


def read_table(
    path: str | os.PathLike, *, sheet: str | None = None, json_key: str | None = None,
    encoding: str | None = None,
) -> Table:
    """Read a .csv, .xlsx/.xlsm, .ods or .json file into a Table; every file problem is a JuryError.

    `encoding`: a CSV's encoding, as `--encoding` names it (importing/encodings.py)."""
    path = Path(path)
    source = path.name
    kind = _kind_of(path, source)
    if sheet is not None and kind not in ("xlsx", "ods"):
        raise JuryError(Problem(
            "le choix d'une feuille (--sheet) ne vaut que pour un classeur .xlsx ou .ods", Place(file=source)
        ))
    if encoding is not None and kind != "csv":
        raise JuryError(Problem(
            "le choix de l'encodage (--encoding) ne vaut que pour un fichier .csv : un classeur ou "
            "un fichier JSON dit lui-même le sien", Place(file=source),
        ))
    data = _read_bytes(path, source)
    if kind == "csv":
        from jury_tui.importing.csvfile import read_csv

        return read_csv(data, source, encoding=encoding)
    if kind == "xlsx":
        from jury_tui.importing.xlsxfile import read_xlsx

        return read_xlsx(data, source, sheet=sheet)
    if kind == "ods":
        from jury_tui.importing.odsfile import read_ods

        return read_ods(data, source, sheet=sheet)
    from jury_tui.importing.jsonfile import read_json

    return read_json(data, source, json_key=json_key)


def _kind_of(path: Path, source: str) -> str:
    suffix = path.suffix.lower()
    if suffix in _KINDS:
        return _KINDS[suffix]
    if suffix in (".xls", ".xlsb"):
        hint = f"le format {suffix} n'est pas lu : enregistrez le classeur au format .xlsx ou .ods"
    else:
        shown = f"« {suffix} »" if suffix else "sans extension"
        hint = f"type de fichier non reconnu ({shown}) : formats acceptés .csv, .xlsx, .ods, .json"
    raise JuryError(Problem(hint, Place(file=source)))


def _read_bytes(path: Path, source: str) -> bytes:
    """The file's bytes, refused beyond limits.MAX_BYTES: read no further, whatever the file
    says its size is (a device or a pipe says nothing true)."""
    try:
        # not blocking: a pipe would wait for a writer before it could be told from a file
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise JuryError(Problem(f"« {path} » n'est pas un fichier ordinaire", Place(file=source)))
            data = handle.read(limits.MAX_BYTES + 1)
        if len(data) > limits.MAX_BYTES:
            raise JuryError(limits.too_many_bytes(source, _size_of(path)))
        return data
    except FileNotFoundError:
        message = f"fichier introuvable ({path}) : vérifiez le nom et le dossier"
    except IsADirectoryError:
        message = f"« {path} » est un dossier, pas un fichier"
    except PermissionError:
        message = f"lecture refusée ({path}) : vérifiez les droits sur le fichier"
    except OSError as exc:
        message = f"lecture impossible ({path}) : {os_cause(exc)}"
    raise JuryError(Problem(message, Place(file=source)))


def _size_of(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def line_of_offset(data: bytes | str, offset: int) -> int:
    """The physical line (1-based; \\r\\n, \\r and \\n end a line) holding `offset`."""
    head = data[:offset]
    if isinstance(head, bytes):
        return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1

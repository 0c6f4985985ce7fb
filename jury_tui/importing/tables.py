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
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from pathlib import Path
from typing import Callable, Iterable

from jury_tui.errors import JuryError, Place, Problem


@dataclass(frozen=True)
class Cell:
    text: str | None  # None = empty cell; stripped text otherwise
    place: Place
    error: str | None = None  # a reading problem, to raise only if the cell is used


@dataclass
class Row:
    place: Place  # where the record starts
    cells: dict[str, Cell]  # key = normalized header; every header of the table has a cell


@dataclass
class Table:
    source: str  # the file's name, as shown in errors
    kind: str  # "csv" | "xlsx" | "json"
    headers: dict[str, str]  # normalized -> as written, in file order
    rows: list[Row]
    details: dict = field(default_factory=dict)  # encoding, delimiter, sheet... for reports


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

_HUNDREDTH = Decimal("0.01")
_TOLERANCE = Decimal("0.000001")
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
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return Decimal(value)  # exact binary value


def _decimal_text(number: Decimal, shown: str) -> tuple[str | None, str | None]:
    with localcontext(Context(prec=80)):
        if number == number.to_integral_value():
            return str(int(number)), None
        rounded = number.quantize(_HUNDREDTH, rounding=ROUND_HALF_EVEN)
        if abs(number - rounded) > _TOLERANCE:
            return None, (
                f"valeur {_french(shown)} : plus de deux décimales ; arrondissez dans le tableur"
            )
        return f"{abs(rounded) if rounded == 0 else rounded:.2f}", None


# --- Grids (CSV and XLSX): headers and rows --------------------------------------------------

ValueCell = tuple[str | None, str | None]  # (text, error)


@dataclass
class Grid:
    """What a CSV or a sheet holds before it becomes a Table: header line, headers, records."""

    source: str
    header_line: int
    header_texts: list[str | None]
    records: Iterable[tuple[int, list[ValueCell]]]  # (line, values by column position)
    column_label: Callable[[int], str]  # position (0-based) -> "colonne 3" / "colonne C"
    sheet: str | None = None


def build_grid(grid: Grid) -> tuple[dict[str, str], list[Row], list[Problem]]:
    """Headers, non-empty rows and the problems of a grid (duplicates, values without header)."""
    headers, columns, problems = _grid_headers(grid)
    rows: list[Row] = []
    width = len(grid.header_texts)
    empty_headers = [i for i, written in enumerate(grid.header_texts) if written is None]
    unheaded: dict[int, int] = {}  # position -> first line with a value under an empty header
    for line, values in grid.records:
        if all(text is None and error is None for text, error in values):
            continue
        for position in [*empty_headers, *range(width, len(values))]:
            if position < len(values) and values[position] != (None, None):
                unheaded.setdefault(position, line)
        place = Place(file=grid.source, sheet=grid.sheet, line=line)
        cells = {}
        for position, key in columns:
            text, error = values[position] if position < len(values) else (None, None)
            cells[key] = Cell(text, Place(grid.source, grid.sheet, line, headers[key]), error)
        rows.append(Row(place, cells))
    for position, line in sorted(unheaded.items()):
        problems.append(Problem(
            f"la {grid.column_label(position)} n'a pas d'en-tête mais contient des valeurs "
            f"(ligne {line}) : donnez-lui un en-tête ou videz-la ; la première ligne non vide "
            "doit être celle des en-têtes",
            Place(file=grid.source, sheet=grid.sheet, line=grid.header_line),
        ))
    return headers, rows, problems


def _grid_headers(grid: Grid) -> tuple[dict[str, str], list[tuple[int, str]], list[Problem]]:
    headers: dict[str, str] = {}
    first_position: dict[str, int] = {}
    columns: list[tuple[int, str]] = []
    problems: list[Problem] = []
    for position, written in enumerate(grid.header_texts):
        if written is None:
            continue
        written = " ".join(written.split())  # a header typed on two lines reads on one
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

_KINDS = {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".json": "json"}


def read_table(
    path: str | os.PathLike, *, sheet: str | None = None, json_key: str | None = None
) -> Table:
    """Read a .csv, .xlsx/.xlsm or .json file into a Table; every file problem is a JuryError."""
    path = Path(path)
    source = path.name
    kind = _kind_of(path, source)
    if sheet is not None and kind != "xlsx":
        raise JuryError(Problem(
            "le choix d'une feuille (--sheet) ne vaut que pour un classeur .xlsx", Place(file=source)
        ))
    data = _read_bytes(path, source)
    if kind == "csv":
        from jury_tui.importing.csvfile import read_csv

        return read_csv(data, source)
    if kind == "xlsx":
        from jury_tui.importing.xlsxfile import read_xlsx

        return read_xlsx(data, source, sheet=sheet)
    from jury_tui.importing.jsonfile import read_json

    return read_json(data, source, json_key=json_key)


def _kind_of(path: Path, source: str) -> str:
    suffix = path.suffix.lower()
    if suffix in _KINDS:
        return _KINDS[suffix]
    if suffix in (".xls", ".ods"):
        hint = f"le format {suffix} n'est pas lu : enregistrez le classeur au format .xlsx"
    else:
        shown = f"« {suffix} »" if suffix else "sans extension"
        hint = f"type de fichier non reconnu ({shown}) : formats acceptés .csv, .xlsx, .json"
    raise JuryError(Problem(hint, Place(file=source)))


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        message = f"fichier introuvable ({path}) : vérifiez le nom et le dossier"
    except IsADirectoryError:
        message = f"« {path} » est un dossier, pas un fichier"
    except PermissionError:
        message = f"lecture refusée ({path}) : vérifiez les droits sur le fichier"
    except OSError as exc:
        message = f"lecture impossible ({path}) : {exc.strerror or exc}"
    raise JuryError(Problem(message, Place(file=source)))


def line_of_offset(data: bytes | str, offset: int) -> int:
    """The physical line (1-based; \\r\\n, \\r and \\n end a line) holding `offset`."""
    head = data[:offset]
    if isinstance(head, bytes):
        return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1

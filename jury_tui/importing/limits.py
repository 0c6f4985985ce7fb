"""How large an imported file may be: limits no real exam office reaches, that bound memory.

An académie's largest BTS specialty has a few thousand candidates a year; the limits leave
ten times that room and more. They are checked before the file is parsed, from what costs
nothing to count (its size, its line breaks, a workbook's table of contents and the size
its sheet declares), and again while it is read where those counts could lie, so that a
file beyond them is refused in a fraction of a second, however it was made:

- MAX_BYTES: the file itself (CSV, JSON, XLSX), read no further than that;
- MAX_ROWS: rows of data (CSV lines after the header, sheet rows, objects of the JSON list);
- MAX_COLUMNS: columns of the header;
- MAX_CELLS: rows x columns, what the rows take in memory;
- MAX_UNZIPPED: an XLSX's parts once decompressed (a 1.5 MB workbook can unzip to 1.5 GB),
  as the workbook's table of contents declares them; the decompression stops at the declared
  size (the zip reader checks each part against it), so a lying declaration only makes the
  file unreadable; MAX_PARTS bounds that table of contents.

An import of 20,000 candidates stays under 300 MB of memory (bench/import_memory.py prints it).
"""

from __future__ import annotations

from jury_tui.errors import Place, Problem

MAX_BYTES = 32 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000
MAX_UNZIPPED = 128 * 1024 * 1024
MAX_PARTS = 1_000

_SPLIT = "découpez-le en plusieurs fichiers, importés l'un après l'autre"


def _number(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _mib(n: int) -> str:
    mib = n / (1024 * 1024)
    return (f"{mib:.0f}" if mib == int(mib) else f"{mib:.1f}".replace(".", ",")) + " Mio"


def check_row(source: str, sheet: str | None, line: int, width: int, rows: int, cells: int) -> None:
    """A sheet's row as it is read (`rows` and `cells` kept so far, this one's included)."""
    from jury_tui.errors import JuryError

    if rows > MAX_ROWS + 1:  # the header's row, then the rows of data
        raise JuryError(too_many_rows(source, sheet=sheet))
    if width > MAX_COLUMNS:
        raise JuryError(too_many_columns(source, width, sheet=sheet, line=line))
    if cells > MAX_CELLS:
        raise JuryError(too_many_cells(source, rows, width, sheet=sheet))


def too_many_bytes(source: str, size: int | None = None) -> Problem:
    shown = f"{_mib(size)}, " if size is not None else "plus de "
    return Problem(
        f"fichier trop grand ({shown}au plus {_mib(MAX_BYTES)} ; {_number(MAX_ROWS)} candidats en "
        f"CSV tiennent en moins de 10 Mio) : est-ce bien le bon fichier ? Sinon, {_SPLIT}",
        Place(file=source),
    )


def too_many_rows(source: str, rows: int | None = None, *, sheet: str | None = None) -> Problem:
    shown = f"{_number(rows)} lignes de données" if rows is not None else f"plus de {_number(MAX_ROWS)} lignes de données"
    return Problem(
        f"trop de lignes : {shown}, pour {_number(MAX_ROWS)} au plus par fichier ; est-ce bien le "
        f"bon fichier ? Sinon, {_SPLIT}",
        Place(file=source, sheet=sheet),
    )


def too_many_columns(source: str, columns: int, *, sheet: str | None = None, line: int | None = None) -> Problem:
    return Problem(
        f"trop de colonnes ({_number(columns)} ; au plus {_number(MAX_COLUMNS)}) : supprimez les "
        "colonnes inutiles",
        Place(file=source, sheet=sheet, line=line),
    )


def too_many_cells(source: str, rows: int, columns: int, *, sheet: str | None = None) -> Problem:
    return Problem(
        f"fichier trop grand : {_number(rows)} lignes de {_number(columns)} colonnes, au plus "
        f"{_number(MAX_CELLS)} cases en tout ; supprimez les colonnes inutiles, ou {_SPLIT}",
        Place(file=source, sheet=sheet),
    )


def too_many_values(source: str) -> Problem:
    return Problem(
        f"fichier trop grand : plus de {_number(MAX_CELLS)} valeurs (au plus {_number(MAX_ROWS)} "
        f"lignes de données) ; est-ce bien le bon fichier ? Sinon, {_SPLIT}",
        Place(file=source),
    )


def too_large_unzipped(source: str, size: int) -> Problem:
    return Problem(
        f"classeur trop grand une fois décompressé ({_mib(size)} ; au plus {_mib(MAX_UNZIPPED)}) : "
        f"est-ce bien le bon fichier ? Sinon, {_SPLIT}",
        Place(file=source),
    )


def too_many_parts(source: str) -> Problem:
    return Problem(
        f"classeur illisible : plus de {_number(MAX_PARTS)} parties dans l'archive, ce n'est pas "
        "un classeur de tableur ordinaire ; enregistrez-le à nouveau depuis le tableur",
        Place(file=source),
    )


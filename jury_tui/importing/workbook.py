"""What the XLSX and ODS readers share: choosing a sheet, naming a cell's error, and turning a
sheet's rows into a Table (the header row is the first non-empty one).

A sheet's rows come as [(row number, [(text, error) by column])], as `tables.number_to_text`
and the readers give them. Columns are named by letter in places (« colonne C ») until the
header row names them.
"""

from __future__ import annotations

import io

from jury_tui.errors import JuryError, Place, Problem
from jury_tui.importing import limits
from jury_tui.importing.tables import Grid, Table, ValueCell, build_grid, mark_unsafe, normalize_key

FORMULA_WITHOUT_VALUE = "formule sans valeur calculée : ouvrez le classeur dans le tableur et enregistrez-le"


def check_archive(data: bytes, source: str, sheets_prefix: str) -> int:
    """A workbook's table of contents (a zip's) against the limits, before anything is
    decompressed: its count of parts (from the archive's last record, before the zip reader
    lists them all), then the size each part declares (the zip reader stops at that size and
    checks it). Returns the declared size of the parts whose name starts with `sheets_prefix`."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0:
        return 0  # not a zip archive: the reader says it is unreadable
    if int.from_bytes(data[end + 10:end + 12], "little") > limits.MAX_PARTS:
        raise JuryError(limits.too_many_parts(source))
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return 0
    unzipped = sum(info.file_size for info in parts)
    if unzipped > limits.MAX_UNZIPPED:
        raise JuryError(limits.too_large_unzipped(source, unzipped))
    return sum(info.file_size for info in parts if info.filename.startswith(sheets_prefix))


def cell_error(shown: str) -> str:
    """The problem of a cell whose formula gives an error (#DIV/0!, #N/A...)."""
    return f"la cellule affiche l'erreur « {shown} » : corrigez-la dans le tableur"


def choose_sheet(names: list[str], visible: list[bool], source: str, sheet: str | None) -> int:
    """The position of the sheet to read: the first visible one, or the one named `sheet`
    (exactly, else ignoring case and surrounding spaces, else as headers are compared)."""
    if not names:
        raise JuryError(Problem("le classeur ne contient aucune feuille de données", Place(file=source)))
    if sheet is None:
        return next((i for i, shown in enumerate(visible) if shown), 0)
    for same in (
        lambda name: name == sheet,
        lambda name: name.strip().casefold() == sheet.strip().casefold(),
        lambda name: normalize_key(name) == normalize_key(sheet),
    ):
        found = [i for i, name in enumerate(names) if same(name)]
        if len(found) == 1:
            return found[0]
    listed = ", ".join(f"« {name} »" for name in names)
    raise JuryError(Problem(f"feuille « {sheet} » introuvable ; feuilles du classeur : {listed}", Place(file=source)))


def column_letter(position: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column's name in a spreadsheet."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_table(source: str, kind: str, title: str, sheets: list[str], rows: list[tuple[int, list[ValueCell]]],
                numbers: dict[int, list[int]] | None = None) -> Table:  # fmt: skip
    """The Table of a sheet's non-empty rows (`kind`: "xlsx" or "ods"); `numbers` gives, by
    column, the rows where the cell holds a number (not a text)."""
    header_index = next(
        (i for i, (_, values) in enumerate(rows)
         if any(text is not None or error is not None for text, error in values)),
        None,
    )  # fmt: skip
    if header_index is None:
        raise JuryError(Problem(
            "feuille vide : sa première ligne non vide doit donner les en-têtes des colonnes",
            Place(file=source, sheet=title),
        ))  # fmt: skip
    header_row, header_values = rows[header_index]
    problems = [
        Problem(f"en-tête illisible : {error}",
                Place(file=source, sheet=title, line=header_row, column=column_letter(position)))
        for position, (_, error) in enumerate(header_values) if error is not None
    ]  # fmt: skip
    grid = Grid(
        source=source,
        header_line=header_row,
        header_texts=[text for text, _ in header_values],
        records=mark_unsafe([_record(line, values) for line, values in rows[header_index + 1:]]),
        column_label=lambda position: f"colonne {column_letter(position)}",
        sheet=title,
    )
    headers, table_rows, grid_problems = build_grid(grid)
    problems += grid_problems
    if problems:
        raise JuryError(problems)
    details = {"sheet": title, "sheets": sheets, "header_line": header_row}
    numero = next((i for i, (text, _) in enumerate(header_values) if text and normalize_key(text) == "numero"), None)
    stored_as_numbers = [line for line in (numbers or {}).get(numero, ()) if line > header_row]
    if stored_as_numbers:  # numéros typed in a column that is not « Texte »: their zeros are gone
        details["numeros_nombres"] = stored_as_numbers
    return Table(source=source, kind=kind, headers=headers, rows=table_rows, details=details)


def _record(line: int, values: list[ValueCell]) -> tuple[int, list, list | None]:
    texts = [text for text, _ in values]
    errors = [error for _, error in values]
    return line, texts, (errors if any(errors) else None)

"""XLSX (and XLSM) workbooks, read with openpyxl in read-only mode.

The header row is the first non-empty row of the sheet. Cells are read as the spreadsheet
computed them (cached values); a second, formula-aware read tells which empty cells are
formulas that were never computed (a file written by a program, not saved by a spreadsheet).
"""

from __future__ import annotations

import io
import warnings
from datetime import date, datetime, time, timedelta

from jury_tui.errors import JuryError, Place, Problem
from jury_tui.importing import limits
from jury_tui.importing.tables import Table, ValueCell, number_to_text
from jury_tui.importing.workbook import FORMULA_WITHOUT_VALUE, cell_error, check_archive, choose_sheet, sheet_table

_UNREADABLE = "fichier XLSX illisible (tronqué ou d'un autre format)"
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"
_TEXT_TYPES = ("s", "str", "inlineStr")  # a formula whose cached value is an empty string


def read_xlsx(data: bytes, source: str, *, sheet: str | None = None) -> Table:
    if data.startswith(_OLD_EXCEL):
        raise JuryError(Problem(
            "classeur à l'ancien format Excel 97-2003 (.xls) : enregistrez-le au format .xlsx",
            Place(file=source),
        ))
    sheets_size = check_archive(data, source, "xl/worksheets/")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (styles...)
            title, sheets, rows, numbers = _read_sheet(data, source, sheet, sheets_size)
    except JuryError:
        raise
    except Exception:  # openpyxl, zipfile and XML parsers raise many types on a damaged file
        raise JuryError(Problem(_UNREADABLE, Place(file=source))) from None
    return sheet_table(source, "xlsx", title, sheets, rows, numbers)


def _open(data: bytes, *, data_only: bool):
    from openpyxl import load_workbook  # imported here: CSV and JSON imports do not pay for it

    return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)


def _read_sheet(data: bytes, source: str, sheet: str | None, sheets_size: int):
    """(sheet title, sheet names, [(row number, values)], {column: rows holding a number}) of
    the chosen sheet."""
    formulas_book = _open(data, data_only=False)
    try:
        worksheet = _choose_sheet(formulas_book, source, sheet)
        title, sheets = worksheet.title, list(formulas_book.sheetnames)
        _check_dimension(worksheet, source, sheets_size)
        formulas = _formula_cells(worksheet, source)
    finally:
        formulas_book.close()
    values_book = _open(data, data_only=True)
    try:
        worksheet = values_book[title]
        worksheet.reset_dimensions()  # some writers store a wrong size: read what is there
        rows, numbers = [], {}
        cells_read = 0
        for number, cells in _bounded_rows(worksheet, source):
            values = [_cell_value(cell, (number, position + 1) in formulas)
                      for position, cell in enumerate(cells)]
            while values and values[-1] == (None, None):  # formatted but empty cells go
                values.pop()
            if not values:  # and so do formatted but empty rows
                continue
            cells_read += len(values)
            limits.check_row(source, title, number, len(values), len(rows) + 1, cells_read)
            rows.append((number, values))
            for position, cell in enumerate(cells):
                if type(cell.value) in (int, float):
                    numbers.setdefault(position, []).append(number)
    finally:
        values_book.close()
    return title, sheets, rows, numbers


# The least a row or a cell with a value takes in a sheet's XML: <row><c><v>1</v></c></row>.
_ROW_BYTES, _CELL_BYTES = 25, 15


def _check_dimension(worksheet, source: str, sheets_size: int) -> None:
    """The size the sheet declares (its <dimension>) against the limits, before it is read.

    A declaration too large is believed only when the sheets are large enough to hold it: a
    single formatted cell far away makes a sheet declare a million rows it does not have."""
    rows, columns = worksheet.max_row, worksheet.max_column  # None when the sheet declares none
    if rows is None or columns is None:
        return
    if rows > limits.MAX_ROWS + 1 and sheets_size > (limits.MAX_ROWS + 1) * _ROW_BYTES:
        raise JuryError(limits.too_many_rows(source, rows - 1, sheet=worksheet.title))
    if rows * columns > limits.MAX_CELLS and sheets_size > limits.MAX_CELLS * _CELL_BYTES:
        raise JuryError(limits.too_many_cells(source, rows, columns, sheet=worksheet.title))


def _bounded_rows(worksheet, source: str):
    """(row number, cells) of the sheet as they are read, stopped beyond limits.MAX_ROWS rows
    holding a value: what the sheet declares may be missing or false."""
    rows_read = 0
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        if any(cell.value is not None for cell in cells):
            rows_read += 1
            if rows_read > limits.MAX_ROWS + 1:  # the header's row, then the rows of data
                raise JuryError(limits.too_many_rows(source, sheet=worksheet.title))
        yield number, cells


def _choose_sheet(book, source: str, sheet: str | None):
    worksheets = list(book.worksheets)  # chart sheets are left out
    names = [ws.title for ws in worksheets]
    visible = [ws.sheet_state == "visible" for ws in worksheets]
    return worksheets[choose_sheet(names, visible, source, sheet)]


def _formula_cells(worksheet, source: str) -> set[tuple[int, int]]:
    worksheet.reset_dimensions()
    found: set[tuple[int, int]] = set()
    for number, cells in _bounded_rows(worksheet, source):
        for position, cell in enumerate(cells):
            if getattr(cell, "data_type", None) == "f":
                found.add((number, position + 1))
    return found


def _cell_value(cell, is_formula: bool) -> ValueCell:
    value = cell.value
    if cell.data_type == "e":
        return None, cell_error(value)
    if value is None:
        if is_formula and cell.data_type not in _TEXT_TYPES:
            return None, FORMULA_WITHOUT_VALUE
        return None, None
    if isinstance(value, str):
        return (value.strip() or None), None
    if isinstance(value, datetime):
        return value.date().isoformat(), None
    if isinstance(value, (date, time)):
        return value.isoformat(), None
    if isinstance(value, timedelta):
        return str(value), None
    if isinstance(value, (bool, int, float)):
        return number_to_text(value)
    return (str(value).strip() or None), None

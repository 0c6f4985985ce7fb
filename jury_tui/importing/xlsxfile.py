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
from jury_tui.importing.tables import Table, ValueCell, number_to_text
from jury_tui.importing.workbook import FORMULA_WITHOUT_VALUE, cell_error, choose_sheet, sheet_table

_UNREADABLE = "fichier XLSX illisible (tronqué ou d'un autre format)"
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"
_TEXT_TYPES = ("s", "str", "inlineStr")  # a formula whose cached value is an empty string


def read_xlsx(data: bytes, source: str, *, sheet: str | None = None) -> Table:
    if data.startswith(_OLD_EXCEL):
        raise JuryError(Problem(
            "classeur à l'ancien format Excel 97-2003 (.xls) : enregistrez-le au format .xlsx",
            Place(file=source),
        ))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (styles...)
            title, sheets, rows, numbers = _read_sheet(data, source, sheet)
    except JuryError:
        raise
    except Exception:  # openpyxl, zipfile and XML parsers raise many types on a damaged file
        raise JuryError(Problem(_UNREADABLE, Place(file=source))) from None
    return sheet_table(source, "xlsx", title, sheets, rows, numbers)


def _open(data: bytes, *, data_only: bool):
    from openpyxl import load_workbook  # imported here: CSV and JSON imports do not pay for it

    return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)


def _read_sheet(data: bytes, source: str, sheet: str | None):
    """(sheet title, sheet names, [(row number, values)], {column: rows holding a number}) of
    the chosen sheet."""
    formulas_book = _open(data, data_only=False)
    try:
        worksheet = _choose_sheet(formulas_book, source, sheet)
        title, sheets = worksheet.title, list(formulas_book.sheetnames)
        formulas = _formula_cells(worksheet)
    finally:
        formulas_book.close()
    values_book = _open(data, data_only=True)
    try:
        worksheet = values_book[title]
        worksheet.reset_dimensions()  # some writers store a wrong size: read what is there
        rows, numbers = [], {}
        for number, cells in enumerate(worksheet.iter_rows(), start=1):
            values = [_cell_value(cell, (number, position + 1) in formulas)
                      for position, cell in enumerate(cells)]
            if any(value != (None, None) for value in values):  # formatted but empty rows go
                rows.append((number, values))
                for position, cell in enumerate(cells):
                    if type(cell.value) in (int, float):
                        numbers.setdefault(position, []).append(number)
    finally:
        values_book.close()
    return title, sheets, rows, numbers


def _choose_sheet(book, source: str, sheet: str | None):
    worksheets = list(book.worksheets)  # chart sheets are left out
    names = [ws.title for ws in worksheets]
    visible = [ws.sheet_state == "visible" for ws in worksheets]
    return worksheets[choose_sheet(names, visible, source, sheet)]


def _formula_cells(worksheet) -> set[tuple[int, int]]:
    worksheet.reset_dimensions()
    found: set[tuple[int, int]] = set()
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
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

"""XLSX workbooks read into raw tables: cell conversions, formulas, sheets, damaged files."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill

from jury_tui.errors import JuryError, Place
from jury_tui.importing.tables import read_table

TOO_MANY_DECIMALS = "valeur 12,3333 : plus de deux décimales ; arrondissez dans le tableur"
NO_CACHED_VALUE = "formule sans valeur calculée : ouvrez le classeur dans le tableur et enregistrez-le"


def workbook(path: Path, *sheets: tuple[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def set_cached_values(path: Path, values: dict[str, tuple[str | None, str]], sheet: int = 1) -> None:
    """Give formula cells the value a spreadsheet would have stored (openpyxl computes none).

    values: coordinate -> (cell type attribute or None, cached text), e.g. {"C2": (None, "12.5"),
    "D2": ("str", ""), "E2": ("e", "#DIV/0!")}.
    """
    member = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    xml = re.sub(r"<v\s*/>", "<v></v>", contents[member].decode())
    for coordinate, (kind, text) in values.items():
        pattern = re.compile(rf'<c r="{coordinate}"([^>]*)>(<f>.*?</f>)<v></v></c>')
        attribute = f' t="{kind}"' if kind else ""
        xml, count = pattern.subn(lambda m: f'<c r="{coordinate}"{m[1]}{attribute}>{m[2]}<v>{text}</v></c>', xml)
        assert count == 1, coordinate
    contents[member] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


def refusal(path: Path, **options) -> JuryError:
    with pytest.raises(JuryError) as caught:
        read_table(path, **options)
    return caught.value


def texts(table) -> list[dict[str, str | None]]:
    return [{key: cell.text for key, cell in row.cells.items()} for row in table.rows]


class TestCellValues:
    @pytest.fixture
    def table(self, tmp_path):
        path = workbook(tmp_path / "candidats.xlsx", ("Feuil1", [
            ["Numéro", "Nom", "U1", "U4", "Date naissance", "Livret", "U6"],
            [2601, "  DURAND ", 12.499999999, 12.3333, date(2005, 3, 14), True, 9.999999999],
            [2602.0, "MARTIN", 12.5, 13, datetime(2004, 11, 2, 0, 0), False, "12,5"],
            [2603, "", None, 0.1 + 0.2, "14/03/2005", "oui", -0.0],
        ]))
        return read_table(path)

    def test_conversions_to_text(self, table):
        assert table.kind == "xlsx" and table.source == "candidats.xlsx"
        assert texts(table) == [
            {"numero": "2601", "nom": "DURAND", "u1": "12.50", "u4": None,
             "date_naissance": "2005-03-14", "livret": "oui", "u6": "10.00"},
            {"numero": "2602", "nom": "MARTIN", "u1": "12.50", "u4": "13",
             "date_naissance": "2004-11-02", "livret": "non", "u6": "12,5"},
            {"numero": "2603", "nom": None, "u1": None, "u4": "0.30",
             "date_naissance": "14/03/2005", "livret": "oui", "u6": "0"},
        ]

    def test_a_float_with_too_many_decimals_is_a_cell_error(self, table):
        cell = table.rows[0].cells["u4"]
        assert cell.text is None and cell.error == TOO_MANY_DECIMALS
        assert all(c.error is None for row in table.rows for k, c in row.cells.items() if (row, k) != (table.rows[0], "u4"))

    def test_places_are_sheet_row_and_header(self, table):
        assert table.rows[0].place == Place(file="candidats.xlsx", sheet="Feuil1", line=2)
        assert table.rows[0].cells["u4"].place == Place(
            file="candidats.xlsx", sheet="Feuil1", line=2, column="U4"
        )
        assert str(table.rows[2].cells["date_naissance"].place) == (
            "candidats.xlsx, feuille Feuil1, ligne 4, colonne Date naissance"
        )
        assert table.details == {"sheet": "Feuil1", "sheets": ["Feuil1"], "header_line": 1, "numeros_nombres": [2, 3, 4]}


class TestLayout:
    def test_header_is_the_first_non_empty_row_and_empty_rows_are_skipped(self, tmp_path):
        path = workbook(tmp_path / "c.xlsx", ("Feuil1", [
            [], [None, None], ["numero", "nom"], ["1", "A"], [], [None, "  "], ["2", "B"], [],
        ]))
        table = read_table(path)
        assert table.details["header_line"] == 3
        assert [row.place.line for row in table.rows] == [4, 7]

    def test_formatting_and_empty_trailing_cells_are_ignored(self, tmp_path):
        path = tmp_path / "c.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["numero", "nom"])
        sheet.append([1, "A"])
        for coordinate in ("C1", "D5", "A30", "Z2"):
            sheet[coordinate].fill = PatternFill("solid", fgColor="FFFF00")
            sheet[coordinate].font = Font(bold=True)
        sheet["E3"] = ""  # an emptied cell
        book.save(path)
        table = read_table(path)
        assert list(table.headers) == ["numero", "nom"] and texts(table) == [{"numero": "1", "nom": "A"}]

    def test_values_without_header_and_duplicate_headers(self, tmp_path):
        path = workbook(tmp_path / "c.xlsx", ("Notes", [
            ["numero", "U1", None, "u1", None],
            [1, 12, None, 13, None],
            [2, 12, "note", 13, None],
        ]))
        error = refusal(path)
        assert [str(p) for p in error.problems] == [
            "c.xlsx, feuille Notes, ligne 1, colonne u1 : en-tête en double : « u1 » (colonne D) et "
            "« U1 » (colonne B) désignent la même colonne (majuscules et accents ne comptent pas) ; "
            "gardez-en une seule",
            "c.xlsx, feuille Notes, ligne 1 : la colonne C n'a pas d'en-tête mais contient des valeurs "
            "(ligne 3) : donnez-lui un en-tête ou videz-la ; la première ligne non vide doit être "
            "celle des en-têtes",
        ]

    def test_header_typed_on_two_lines(self, tmp_path):
        path = workbook(tmp_path / "c.xlsx", ("Feuil1", [["Numéro", "Date\nnaissance"], [1, "14/03/2005"]]))
        table = read_table(path)
        assert table.headers == {"numero": "Numéro", "date_naissance": "Date naissance"}

    def test_styled_cells_far_away_are_ignored(self, tmp_path):
        path = tmp_path / "c.xlsx"
        book = openpyxl.Workbook()
        book.active.append(["numero"])
        book.active.append([1])
        book.active["A1048576"].fill = PatternFill("solid", fgColor="FFFF00")
        book.save(path)
        assert texts(read_table(path)) == [{"numero": "1"}]

    def test_empty_sheet(self, tmp_path):
        error = refusal(workbook(tmp_path / "c.xlsx", ("Feuil1", [])))
        assert error.problems[0].place == Place(file="c.xlsx", sheet="Feuil1")

    def test_xlsm_extension(self, tmp_path):
        path = workbook(tmp_path / "c.xlsm", ("Feuil1", [["numero"], [2601]]))
        assert texts(read_table(path)) == [{"numero": "2601"}]


class TestFormulas:
    def test_cached_values_are_read(self, tmp_path):
        path = workbook(tmp_path / "c.xlsx", ("Feuil1", [
            ["numero", "U1", "U4", "moyenne", "mention"],
            [2601, 12, 13, "=(B2+C2)/2", '=IF(D2>=12,"AB","")'],
            [2602, 9, 10, "=(B3+C3)/3", '=IF(D3>=12,"AB","")'],
        ]))
        set_cached_values(path, {
            "D2": (None, "12.5"), "E2": ("str", "AB"), "D3": (None, "6.333333333333333"), "E3": ("str", ""),
        })
        rows = read_table(path).rows
        assert [(c.text, c.error) for c in rows[0].cells.values()] == [
            ("2601", None), ("12", None), ("13", None), ("12.50", None), ("AB", None),
        ]
        assert rows[1].cells["moyenne"].error == (
            "valeur 6,333333333333333 : plus de deux décimales ; arrondissez dans le tableur"
        )
        assert (rows[1].cells["mention"].text, rows[1].cells["mention"].error) == (None, None)

    def test_formula_without_cached_value_is_a_cell_error(self, tmp_path):
        path = workbook(tmp_path / "c.xlsx", ("Feuil1", [["numero", "U1"], [2601, "=10+2.5"], [2602, 11]]))
        table = read_table(path)
        cell = table.rows[0].cells["u1"]
        assert (cell.text, cell.error) == (None, NO_CACHED_VALUE)
        assert cell.place == Place(file="c.xlsx", sheet="Feuil1", line=2, column="U1")
        assert table.rows[1].cells["u1"].error is None

    def test_a_row_of_uncomputed_formulas_is_kept_with_its_errors(self, tmp_path):
        path = workbook(tmp_path / "c.xlsx", ("Feuil1", [["numero", "U1"], ["=A1", "=B1"]]))
        (row,) = read_table(path).rows
        assert [c.error for c in row.cells.values()] == [NO_CACHED_VALUE, NO_CACHED_VALUE]

    def test_cached_spreadsheet_error(self, tmp_path):
        path = workbook(tmp_path / "c.xlsx", ("Feuil1", [["numero", "moyenne"], [2601, "=1/0"]]))
        set_cached_values(path, {"B2": ("e", "#DIV/0!")})
        cell = read_table(path).rows[0].cells["moyenne"]
        assert cell.text is None and "#DIV/0!" in cell.error


class TestSheets:
    @pytest.fixture
    def path(self, tmp_path):
        return workbook(
            tmp_path / "classeur.xlsx",
            ("Candidats", [["numero"], [1]]),
            ("Contrôle", [["numero", "unite", "note"], [1, "U1", 12]]),
        )

    def test_first_sheet_by_default(self, path):
        table = read_table(path)
        assert table.details["sheet"] == "Candidats" and texts(table) == [{"numero": "1"}]

    def test_named_sheet(self, path):
        table = read_table(path, sheet="Contrôle")
        assert texts(table) == [{"numero": "1", "unite": "U1", "note": "12"}]
        assert table.rows[0].place == Place(file="classeur.xlsx", sheet="Contrôle", line=2)

    def test_sheet_name_without_case_or_accents(self, path):
        assert read_table(path, sheet="controle").details["sheet"] == "Contrôle"

    def test_unknown_sheet_lists_the_sheets(self, path):
        error = refusal(path, sheet="Feuil3")
        assert str(error) == (
            "classeur.xlsx : feuille « Feuil3 » introuvable ; feuilles du classeur : "
            "« Candidats », « Contrôle »"
        )

    def test_hidden_first_sheet_is_passed_over(self, tmp_path):
        book = openpyxl.Workbook()
        book.active.title = "Paramètres"
        book.active.append(["x"])
        book.active.sheet_state = "hidden"
        book.create_sheet("Candidats").append(["numero"])
        book.save(tmp_path / "c.xlsx")
        assert read_table(tmp_path / "c.xlsx").details["sheet"] == "Candidats"


class TestDamagedFiles:
    def test_truncated_file(self, tmp_path):
        path = workbook(tmp_path / "c.xlsx", ("Feuil1", [["numero"], *[[n] for n in range(200)]]))
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        assert str(refusal(path)) == "c.xlsx : fichier XLSX illisible (tronqué ou d'un autre format)"

    def test_text_file_named_xlsx(self, tmp_path):
        path = tmp_path / "c.xlsx"
        path.write_text("numero;nom\n1;A\n")
        assert "illisible" in str(refusal(path))

    def test_zip_that_is_not_a_workbook(self, tmp_path):
        path = tmp_path / "c.xlsx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "bonjour")
        assert "illisible" in str(refusal(path))

    def test_old_excel_format(self, tmp_path):
        path = tmp_path / "c.xlsx"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
        assert "97-2003" in str(refusal(path))

"""The raw table layer's shared parts: normalization, numbers, file types and missing files."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jury_tui.errors import JuryError, Place
from jury_tui.importing.tables import normalize_key, normalize_value, number_to_text, read_table


@pytest.mark.parametrize("written, key", [
    ("Présence", "presence"),
    ("Date naissance", "date_naissance"),
    ("  date-naissance ", "date_naissance"),
    ("DATE  -  NAISSANCE", "date_naissance"),
    ("Numéro", "numero"),
    ("Qualité", "qualite"),
    ("U4", "u4"),
    ("Attestation\u00a0SHG", "attestation_shg"),
    ("ŒUVRE", "oeuvre"),
])
def test_normalize_key(written, key):
    assert normalize_key(written) == key


@pytest.mark.parametrize("written, value", [
    ("Présent", "present"),
    ("enseignant-chercheur", "enseignant_chercheur"),
    ("IA-IPR", "ia_ipr"),
    ("Président", "president"),
    ("formation continue", "formation_continue"),
    (" VISIO ", "visio"),
])
def test_normalize_value(written, value):
    assert normalize_value(written) == value


@pytest.mark.parametrize("stored, text", [
    (2601, "2601"),
    (2601.0, "2601"),
    (12.5, "12.50"),
    (12.4999999999, "12.50"),
    (12.499999999, "12.50"),
    (9.999999999, "10.00"),
    (0.1 + 0.2, "0.30"),
    (10.25, "10.25"),
    (-0.0, "0"),
    (-1e-9, "0.00"),
    (True, "oui"),
    (False, "non"),
    (Decimal("13.0"), "13"),
    (Decimal("12.500"), "12.50"),
])
def test_numbers_read_as_text(stored, text):
    assert number_to_text(stored) == (text, None)


def test_number_with_too_many_decimals():
    assert number_to_text(12.3333) == (
        None, "valeur 12,3333 : plus de deux décimales ; arrondissez dans le tableur"
    )
    assert number_to_text(12.001)[0] is None
    assert number_to_text(Decimal("12.3333"), shown="12.3333")[1].startswith("valeur 12,3333 :")


@pytest.mark.parametrize("stored", [float("nan"), float("inf"), 1e16, 2.0**60])
def test_numbers_that_cannot_be_read_exactly(stored):
    text, error = number_to_text(stored)
    assert text is None and error


class TestFiles:
    def test_unknown_extension(self, tmp_path):
        path = tmp_path / "candidats.txt"
        path.write_text("numero\n1\n")
        with pytest.raises(JuryError) as caught:
            read_table(path)
        assert str(caught.value) == (
            "candidats.txt : type de fichier non reconnu (« .txt ») : formats acceptés .csv, .xlsx, .ods, .json"
        )

    def test_old_excel_extension(self, tmp_path):
        with pytest.raises(JuryError, match="format .xlsx"):
            read_table(tmp_path / "candidats.xls")

    def test_missing_file(self, tmp_path):
        with pytest.raises(JuryError) as caught:
            read_table(tmp_path / "absent.csv")
        (problem,) = caught.value.problems
        assert problem.place == Place(file="absent.csv")
        assert problem.message.startswith("fichier introuvable")

    def test_directory(self, tmp_path):
        (tmp_path / "dossier.csv").mkdir()
        with pytest.raises(JuryError, match="est un dossier"):
            read_table(tmp_path / "dossier.csv")

    def test_upper_case_extension_and_str_path(self, tmp_path):
        path = tmp_path / "CANDIDATS.CSV"
        path.write_text("numero\n1\n")
        assert read_table(str(path)).source == "CANDIDATS.CSV"

    def test_sheet_option_is_for_workbooks_only(self, tmp_path):
        path = tmp_path / "c.csv"
        path.write_text("numero\n1\n")
        with pytest.raises(JuryError, match="--sheet"):
            read_table(path, sheet="Feuil1")

"""JSON files read into raw tables: the three shapes, flattened grades, pointers, wrong shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jury_tui.errors import JuryError, Place
from jury_tui.importing.tables import read_table


def write(tmp_path: Path, content, name: str = "candidats.json") -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path, **options) -> JuryError:
    with pytest.raises(JuryError) as caught:
        read_table(path, **options)
    return caught.value


def texts(table) -> list[dict[str, str | None]]:
    return [{key: cell.text for key, cell in row.cells.items()} for row in table.rows]


CANDIDATES = """{"candidats": [
  {"numero": "02601", "nom": "DURAND", "prénom": "Léa", "livret": true,
   "notes": {"U1": "12,5", "U4": 12.5, "U51": "DISP", "U6": 12.4999999999}},
  {"numero": 2602, "nom": " MARTIN ", "Date naissance": null,
   "notes": {"U1": 11, "U4": 12.3333, "UF2": 1e1}}
]}"""


class TestCandidates:
    @pytest.fixture
    def table(self, tmp_path):
        return read_table(write(tmp_path, CANDIDATES), json_key="candidats")

    def test_fields_and_flattened_grades(self, table):
        assert table.kind == "json" and table.details == {"key": "candidats"}
        assert table.headers == {
            "numero": "numero", "nom": "nom", "prenom": "prénom", "livret": "livret", "u1": "U1",
            "u4": "U4", "u51": "U51", "u6": "U6", "date_naissance": "Date naissance", "uf2": "UF2",
        }
        first, second = texts(table)
        assert first == {
            "numero": "02601", "nom": "DURAND", "prenom": "Léa", "livret": "oui", "u1": "12,5",
            "u4": "12.50", "u51": "DISP", "u6": "12.50", "date_naissance": None, "uf2": None,
        }
        assert second["numero"] == "2602" and second["nom"] == "MARTIN"
        assert second["u1"] == "11" and second["uf2"] == "10" and second["prenom"] is None

    def test_pointers(self, table):
        first, second = table.rows
        assert first.place == Place(file="candidats.json", pointer="candidats[0]")
        assert second.cells["u4"].place == Place(file="candidats.json", pointer="candidats[1].notes.U4")
        assert str(second.cells["u4"].place) == "candidats.json, candidats[1].notes.U4"
        # fields an object leaves out are empty cells, placed where they would be
        assert first.cells["uf2"].place.pointer == "candidats[0].notes.UF2"
        assert second.cells["prenom"].place.pointer == "candidats[1].prénom"
        assert first.cells["date_naissance"].place.pointer == 'candidats[0]["Date naissance"]'

    def test_float_with_too_many_decimals_is_a_cell_error(self, table):
        cell = table.rows[1].cells["u4"]
        assert cell.text is None
        assert cell.error == "valeur 12,3333 : plus de deux décimales ; arrondissez dans le tableur"

    def test_key_found_without_json_key(self, tmp_path):
        assert read_table(write(tmp_path, CANDIDATES)).details["key"] == "candidats"


class TestOtherShapes:
    def test_members(self, tmp_path):
        path = write(tmp_path, {"membres": [
            {"nom": "MARTIN", "prenom": "Anne", "role": "président", "qualite": "ia-ipr", "presence": "présent"},
        ]}, "jury.json")
        table = read_table(path, json_key="membres")
        assert texts(table) == [{"nom": "MARTIN", "prenom": "Anne", "role": "président",
                                 "qualite": "ia-ipr", "presence": "présent"}]
        assert table.rows[0].cells["role"].place.pointer == "membres[0].role"

    def test_controle_with_an_accented_key(self, tmp_path):
        path = write(tmp_path, {"contrôle": [{"numero": "02601", "unite": "U1", "note": 9.5}]})
        table = read_table(path)
        assert table.details["key"] == "contrôle"
        assert texts(table) == [{"numero": "02601", "unite": "U1", "note": "9.50"}]

    def test_notes_are_not_flattened_outside_candidates(self, tmp_path):
        path = write(tmp_path, {"membres": [{"nom": "A", "notes": {"U1": 1}}]})
        error = refusal(path, json_key="membres")
        assert error.problems[0].place.pointer == "membres[0].notes"

    def test_empty_list(self, tmp_path):
        table = read_table(write(tmp_path, {"candidats": []}), json_key="candidats")
        assert table.rows == [] and table.headers == {}

    def test_other_top_level_keys_are_ignored(self, tmp_path):
        table = read_table(write(tmp_path, {"session": 2026, "candidats": [{"numero": "1"}]}))
        assert texts(table) == [{"numero": "1"}]


class TestWrongShapes:
    @pytest.mark.parametrize("content", [[{"numero": "1"}], "12", '"candidats"', "null"])
    def test_not_an_object(self, tmp_path, content):
        content = content if isinstance(content, str) else json.dumps(content)
        error = refusal(write(tmp_path, content), json_key="candidats")
        assert 'un objet de la forme {"candidats": [...]}' in str(error)

    def test_missing_list(self, tmp_path):
        error = refusal(write(tmp_path, {"membres": []}), json_key="candidats")
        assert str(error) == 'candidats.json : liste attendue absente : le fichier doit être de la forme {"candidats": [...]}'

    def test_no_known_list(self, tmp_path):
        assert "candidats" in str(refusal(write(tmp_path, {"eleves": []})))

    def test_two_known_lists_without_json_key(self, tmp_path):
        assert "plusieurs listes" in str(refusal(write(tmp_path, {"candidats": [], "membres": []})))

    def test_list_that_is_not_a_list(self, tmp_path):
        error = refusal(write(tmp_path, {"candidats": {"numero": "1"}}))
        assert error.problems[0].place == Place(file="candidats.json", pointer="candidats")

    def test_every_misplaced_value_is_reported(self, tmp_path):
        path = write(tmp_path, {"candidats": [
            {"numero": "1", "nom": ["A", "B"]},
            "02602",
            {"numero": "3", "notes": ["12"]},
            {"numero": "4", "notes": {"U1": {"note": 12}}},
            {"numero": "5", "Nom": "A", "nom": "B", "notes": {"numero": "5"}},
        ]})
        error = refusal(path)
        assert [p.place.pointer for p in error.problems] == [
            "candidats[0].nom", "candidats[1]", "candidats[2].notes", "candidats[3].notes.U1",
            "candidats[4].nom", "candidats[4].notes.numero",
        ]
        assert "trouvé une liste" in error.problems[0].message
        assert "trouvé un texte" in error.problems[1].message
        assert "champ en double" in error.problems[4].message

    def test_key_repeated_in_an_object(self, tmp_path):
        error = refusal(write(tmp_path, '{"candidats": [{"numero": "1", "numero": "2"}]}'))
        assert error.problems[0].place.pointer == "candidats[0].numero"
        assert "plusieurs fois" in error.problems[0].message


class TestInvalidJson:
    def test_syntax_error_names_line_and_character(self, tmp_path):
        error = refusal(write(tmp_path, '{"candidats": [\n  {"numero": "1"}\n  {"numero": "2"}\n]}'))
        (problem,) = error.problems
        assert problem.place == Place(file="candidats.json", line=3)
        assert problem.message == "JSON invalide au caractère 3 : virgule attendue"

    def test_truncated(self, tmp_path):
        error = refusal(write(tmp_path, '{"candidats": [{"numero": "1"'))
        assert "JSON invalide" in str(error) and error.problems[0].place.line == 1

    def test_not_utf8(self, tmp_path):
        path = tmp_path / "c.json"
        path.write_bytes('{"candidats": [\n{"nom": "Zoé"}]}'.encode("cp1252"))
        error = refusal(path)
        assert error.problems[0].place.line == 2 and "UTF-8" in error.problems[0].message

    def test_utf8_bom_is_accepted(self, tmp_path):
        path = tmp_path / "c.json"
        path.write_bytes(b"\xef\xbb\xbf" + b'{"candidats": [{"numero": "1"}]}')
        assert texts(read_table(path)) == [{"numero": "1"}]

    def test_nan_and_huge_numbers_are_cell_errors(self, tmp_path):
        path = write(tmp_path, '{"candidats": [{"numero": NaN, "nom": 1e400, "prenom": 123456789012345678901234567890123456789012}]}')
        cells = read_table(path).rows[0].cells
        assert all(cell.text is None and cell.error for cell in cells.values())

    def test_deep_nesting(self, tmp_path):
        assert "JSON invalide" in str(refusal(write(tmp_path, "[" * 100_000)))


def test_a_cell_is_placed_where_its_own_object_wrote_it(tmp_path):
    """Cells are placed from one layout for the whole list; an object that writes a field
    elsewhere than the first one did (a unit beside « notes ») keeps its own path."""
    table = read_table(write(tmp_path, {"candidats": [
        {"numero": "1", "notes": {"U4": "12"}},
        {"numero": "2", "U4": 21},
        {"numero": "3"},
    ]}))
    first, second, third = table.rows
    assert first.cells["u4"].place == Place(file="candidats.json", pointer="candidats[0].notes.U4")
    assert second.cells["u4"].place == Place(file="candidats.json", pointer="candidats[1].U4")
    assert (second.cells["u4"].text, third.cells["u4"].text) == ("21", None)
    assert third.cells["u4"].place == Place(file="candidats.json", pointer="candidats[2].notes.U4")
    assert third.place == Place(file="candidats.json", pointer="candidats[2]")

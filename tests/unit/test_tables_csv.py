"""CSV files read into raw tables: encodings, separators, quoting, line numbers, errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jury_tui.domain.text import unsafe_at
from jury_tui.errors import JuryError, Place
from jury_tui.importing.tables import line_of_offset, normalize_key, read_table

FIXTURES = Path(__file__).parent.parent / "fixtures" / "tables"


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "candidats.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def refusal(path: Path, **options) -> JuryError:
    with pytest.raises(JuryError) as caught:
        read_table(path, **options)
    return caught.value


def texts(table) -> list[dict[str, str | None]]:
    return [{key: cell.text for key, cell in row.cells.items()} for row in table.rows]


class TestExcelFrench:
    def test_windows_1252_semicolons_as_excel_writes_them(self):
        table = read_table(FIXTURES / "candidats_excel_fr.csv")
        assert table.kind == "csv" and table.source == "candidats_excel_fr.csv"
        assert table.details["encoding"] == "cp1252" and table.details["delimiter"] == ";"
        assert list(table.headers)[:8] == [
            "numero", "nom", "prenom", "date_naissance", "statut", "forme", "livret", "attestation_shg",
        ]
        assert table.headers["numero"] == "Numéro"
        assert table.headers["date_naissance"] == "Date naissance"
        assert [row.place.line for row in table.rows] == [2, 3, 4, 6]  # line 5 is empty
        first, second, third, fourth = texts(table)
        assert first["numero"] == "02601" and first["prenom"] == "Léa" and first["u1"] == "12,5"
        assert first["u52"] == "B2024:13" and first["uf1"] is None and first["uf2"] == "14"
        assert second["nom"] == "LEFÈVRE" and second["prenom"] == "François" and second["u21"] == "10,25"
        assert third["nom"] == "CŒUR" and third["statut"] == "formation-continue"
        assert fourth["nom"] == 'N\'GUESSAN; dit "Kofi"' and fourth["prenom"] == "Éloïse"

    def test_cell_places_name_line_and_header_as_written(self):
        table = read_table(FIXTURES / "candidats_excel_fr.csv")
        cell = table.rows[1].cells["u4"]
        assert cell.place == Place(file="candidats_excel_fr.csv", line=3, column="U4")
        assert str(table.rows[3].cells["date_naissance"].place) == (
            "candidats_excel_fr.csv, ligne 6, colonne Date naissance"
        )
        assert cell.error is None

    def test_utf8_with_bom(self, tmp_path):
        path = tmp_path / "c.csv"
        path.write_bytes(b"\xef\xbb\xbf" + "numéro;nom\n1;Chloé\n".encode())
        table = read_table(path)
        assert table.details["encoding"] == "utf-8-sig"
        assert table.headers == {"numero": "numéro", "nom": "nom"}
        assert texts(table) == [{"numero": "1", "nom": "Chloé"}]

    def test_utf8_without_bom(self, tmp_path):
        table = read_table(write(tmp_path, "Présence;Qualité\nPrésent;IA-IPR\n"))
        assert table.details["encoding"] == "utf-8"
        assert texts(table) == [{"presence": "Présent", "qualite": "IA-IPR"}]

    def test_excel_separator_line(self, tmp_path):
        table = read_table(write(tmp_path, "sep=,\nnumero,nom\n1,A\n"))
        assert table.details == {"encoding": "utf-8", "delimiter": ",", "header_line": 2}
        assert table.rows[0].place.line == 3


class TestSeparatorsAndQuotes:
    def test_commas_with_quoted_decimal_commas(self, tmp_path):
        table = read_table(write(tmp_path, 'numero,U1,U4\n02601,"12,5","9,75"\n02602,11,"14"\n'))
        assert table.details["delimiter"] == ","
        assert texts(table) == [
            {"numero": "02601", "u1": "12,5", "u4": "9,75"},
            {"numero": "02602", "u1": "11", "u4": "14"},
        ]

    def test_quoted_newlines_keep_the_physical_line_of_each_record(self, tmp_path):
        text = (
            "numero;nom;observation\n"
            '1;A;"deux\nlignes"\n'
            '2;B;"trois\r\nlignes\rici"\n'
            "3;C;simple\n"
            "\n"
            "4;D;fin\n"
        )
        table = read_table(write(tmp_path, text))
        assert [row.place.line for row in table.rows] == [2, 4, 7, 9]
        assert table.rows[2].cells["numero"].place.line == 7
        # A value on several lines is a cell in error: a name, a grade, a reason hold one line.
        cell = table.rows[1].cells["observation"]
        assert cell.text is None and "tient sur plusieurs lignes" in cell.error

    def test_separators_inside_quoted_headers_do_not_count(self, tmp_path):
        table = read_table(write(tmp_path, 'numero;"Nom, prénom"\n1;"DURAND, Léa"\n'))
        assert table.headers == {"numero": "numero", "nom,_prenom": "Nom, prénom"}

    def test_mixed_separators_in_the_header(self, tmp_path):
        error = refusal(write(tmp_path, "numero;nom,prenom\n1;A,B\n"))
        assert len(error.problems) == 1
        assert error.problems[0].place == Place(file="candidats.csv", line=1)
        assert "à la fois des « ; » et des « , »" in error.problems[0].message

    def test_tab_separated_file_is_refused_with_a_hint(self, tmp_path):
        error = refusal(write(tmp_path, "numero\tnom\n1\tA\n"))
        assert "tabulations" in str(error)

    def test_single_column(self, tmp_path):
        assert texts(read_table(write(tmp_path, "numero\n1\n2\n"))) == [{"numero": "1"}, {"numero": "2"}]

    def test_unclosed_quote_names_the_line_where_the_record_starts(self, tmp_path):
        error = refusal(write(tmp_path, 'numero;nom\n1;A\n2;"B\n3;C\n'))
        assert error.problems[0].place.line == 3
        assert "jamais fermé" in error.problems[0].message

    def test_text_after_a_closing_quote(self, tmp_path):
        error = refusal(write(tmp_path, 'numero;nom\n1;"A"B\n'))
        assert error.problems[0].place.line == 2


class TestRowShapes:
    def _rows(self, separator: str, count: int = 90) -> list[str]:
        lines = [separator.join(["numero", "nom", "U1"])]
        lines += [separator.join([f"{n:05d}", f"NOM{n}", "12"]) for n in range(2, count + 1)]
        return lines

    def test_too_many_values_on_line_87_with_a_decimal_comma_hint(self, tmp_path):
        lines = self._rows(",")
        lines[86] = "00087,NOM87,12,5"  # physical line 87: an unquoted decimal comma
        lines[89] = "00090,NOM90,9,5"
        error = refusal(write(tmp_path, "\n".join(lines) + "\n"))
        assert [p.place for p in error.problems] == [
            Place(file="candidats.csv", line=87), Place(file="candidats.csv", line=90),
        ]
        message = error.problems[0].message
        assert message.startswith("4 valeurs pour 3 colonnes d'en-tête")
        assert 'entre guillemets ("12,5")' in message
        assert str(error.problems[0]).startswith("candidats.csv, ligne 87 : 4 valeurs")

    def test_too_many_values_with_semicolons(self, tmp_path):
        lines = self._rows(";", 5)
        lines[2] = "00003;NOM;12;;"
        error = refusal(write(tmp_path, "\n".join(lines)))
        assert error.problems[0].place.line == 3
        assert "« ; » en trop en fin de ligne" in error.problems[0].message

    def test_too_many_values_with_an_unquoted_semicolon(self, tmp_path):
        error = refusal(write(tmp_path, "numero;nom;U1\n1;N'GUESSAN; dit Kofi;12\n"))
        assert error.problems[0].message == (
            "4 valeurs pour 3 colonnes d'en-tête : une valeur contient-elle un « ; » sans guillemets ?"
        )

    def test_fewer_values_are_empty_cells(self, tmp_path):
        table = read_table(write(tmp_path, "numero;nom;U1;U4\n1;A\n2;B;12\n"))
        assert texts(table) == [
            {"numero": "1", "nom": "A", "u1": None, "u4": None},
            {"numero": "2", "nom": "B", "u1": "12", "u4": None},
        ]
        assert table.rows[0].cells["u4"].place == Place(file="candidats.csv", line=2, column="U4")

    def test_empty_rows_are_skipped_and_values_stripped(self, tmp_path):
        text = "\n\nnumero;nom\n\n ; \n;;\n 1 ; A \n\r\n2;B"
        table = read_table(write(tmp_path, text))
        assert table.details["header_line"] == 3
        assert [row.place.line for row in table.rows] == [7, 9]
        assert texts(table) == [{"numero": "1", "nom": "A"}, {"numero": "2", "nom": "B"}]

    def test_header_only(self, tmp_path):
        table = read_table(write(tmp_path, "numero;nom\n"))
        assert table.rows == [] and list(table.headers) == ["numero", "nom"]

    def test_trailing_empty_columns_are_ignored(self, tmp_path):
        table = read_table(write(tmp_path, "numero;nom;;\n1;A;;\n"))
        assert list(table.headers) == ["numero", "nom"]
        assert texts(table) == [{"numero": "1", "nom": "A"}]


class TestHeaderErrors:
    @pytest.mark.parametrize("text", ["", "\n\n", " ; ;\r\n", "\ufeff"])
    def test_empty_file(self, tmp_path, text):
        error = refusal(write(tmp_path, text))
        assert error.problems[0].place == Place(file="candidats.csv", line=1)
        assert "fichier vide" in error.problems[0].message

    def test_duplicate_headers_after_normalization(self, tmp_path):
        error = refusal(write(tmp_path, "nom;Présence;role;presence;ROLE\nA;present;x;y;z\n"))
        assert [p.place for p in error.problems] == [
            Place(file="candidats.csv", line=1, column="presence"),
            Place(file="candidats.csv", line=1, column="ROLE"),
        ]
        assert "« presence » (colonne n° 4) et « Présence » (colonne n° 2)" in error.problems[0].message

    def test_empty_header_with_values_under_it(self, tmp_path):
        error = refusal(write(tmp_path, "numero;;nom\n1;;A\n2;x;B\n"))
        (problem,) = error.problems
        assert problem.place == Place(file="candidats.csv", line=1)
        assert "colonne n° 2 n'a pas d'en-tête" in problem.message and "(ligne 3)" in problem.message

    def test_every_error_of_the_file_is_reported(self, tmp_path):
        error = refusal(write(tmp_path, "numero;Nom;NOM;\n1;A;B;C\n2;A;B\n3;A;B;C;D\n"))
        lines = [p.place.line for p in error.problems]
        assert lines == [1, 1, 4]


class TestEncodingErrors:
    def test_undecodable_bytes_name_their_lines(self, tmp_path):
        path = tmp_path / "c.csv"
        path.write_bytes(b"numero;nom\r\n1;A\x81\r\n2;B\r\n3;\x8dC\x90\r\n")
        error = refusal(path)
        assert [p.place.line for p in error.problems] == [2, 4]
        assert "ni UTF-8 ni Windows-1252" in error.problems[0].message

    def test_mixed_utf8_and_windows_1252(self, tmp_path):
        path = tmp_path / "c.csv"
        path.write_bytes("numero;nom\n1;Léa\n".encode() + "2;Zoé\n".encode("cp1252"))
        error = refusal(path)
        assert error.problems[0].place.line == 3
        assert "mélange deux encodages" in error.problems[0].message

    def test_utf16_file(self, tmp_path):
        error = refusal(write(tmp_path, "\ufeffnumero\tnom\r\n", encoding="utf-16-le"))
        assert "UTF-16" in str(error)

    def test_nul_characters(self, tmp_path):
        path = tmp_path / "c.csv"
        path.write_bytes(b"numero;nom\n1;A\n2;\x00B\n")
        assert refusal(path).problems[0].place.line == 3

    def test_workbook_renamed_as_csv(self, tmp_path):
        path = tmp_path / "c.csv"
        path.write_bytes(b"PK\x03\x04rest of a zip")
        assert "classeur Excel" in str(refusal(path))


# --- Properties ----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | st.lists(
    st.sampled_from([b"a", b";", b",", b'"', b"\n", b"\r", b"\xe9", b"\xc3\xa9", b"\x81", b" ", b"sep="]),
    max_size=60,
).map(b"".join))
def test_any_bytes_give_a_table_or_a_jury_error(tmp_path, data):
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    try:
        table = read_table(path)
    except JuryError as error:
        assert error.problems and all(p.message for p in error.problems)
    else:
        assert all(set(row.cells) == set(table.headers) for row in table.rows)


cell_text = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(cell_text, cell_text, cell_text).filter(
           lambda row: [normalize_key(v) for v in row] != ["numero", "nom", "u4"]),  # the header again
       max_size=12), delimiter=st.sampled_from([";", ","]))
def test_what_the_csv_module_writes_reads_back_with_its_lines(tmp_path, rows, delimiter):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["numero", "nom", "U4"])
    offsets = []
    for row in rows:
        offsets.append(buffer.tell())
        writer.writerow(row)
    text = buffer.getvalue()
    path = tmp_path / "x.csv"
    path.write_bytes(text.encode("utf-8"))
    table = read_table(path)
    expected = [  # a value holding a control character (a line break...) is a cell in error
        (line_of_offset(text, offset), [None if unsafe_at(v.strip()) is not None else v.strip() or None for v in row],
         [unsafe_at(v.strip()) is not None for v in row])
        for offset, row in zip(offsets, rows)
        if any(value.strip() for value in row)
    ]
    got = [(row.place.line, [cell.text for cell in row.cells.values()], [cell.error is not None for cell in row.cells.values()])
           for row in table.rows]
    assert got == expected

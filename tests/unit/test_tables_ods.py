"""The ODS reader on content.xml written by hand: every way a cell holds a value, repeated and
merged cells, hidden sheets, errors in their place."""

from __future__ import annotations

import io
import zipfile

import pytest

from jury_tui.errors import JuryError
from jury_tui.importing.odsfile import read_ods

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)


def ods(*sheets: str, styles: str = "") -> bytes:
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES}>'
               f"<office:automatic-styles>{styles}</office:automatic-styles>"
               f"<office:body><office:spreadsheet>{''.join(sheets)}</office:spreadsheet></office:body>"
               "</office:document-content>")  # fmt: skip
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def sheet(name: str, *rows: str, style: str = "") -> str:
    styled = f' table:style-name="{style}"' if style else ""
    return f'<table:table table:name="{name}"{styled}>{"".join(rows)}</table:table>'


def row(*cells: str, repeated: int = 1) -> str:
    times = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    return f"<table:table-row{times}>{''.join(cells)}</table:table-row>"


def text(value: str, repeated: int = 1) -> str:
    times = f' table:number-columns-repeated="{repeated}"' if repeated > 1 else ""
    return f'<table:table-cell office:value-type="string"{times}><text:p>{value}</text:p></table:table-cell>'


def number(value: str) -> str:
    return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'


EMPTY = "<table:table-cell/>"
HEADER = row(text("numero"), text("nom"), text("U1"))


def cells(table) -> list[tuple[int, dict]]:
    return [(r.place.line, {k: (c.text, c.error) for k, c in r.cells.items()}) for r in table.rows]


def test_values_as_the_spreadsheet_computed_them():
    data = ods(sheet("Candidats", row(text("numero"), text("nom"), text("U1"), text("U21"), text("date"), text("livret")),
        row(text("02601"), text("DURAND"), number("12.4999999999"), number("9.999999999"),
            '<table:table-cell office:value-type="date" office:date-value="2005-03-14T00:00:00"/>',
            '<table:table-cell office:value-type="boolean" office:boolean-value="true"/>'),
        row(number("2602"), '<table:table-cell office:value-type="string"><text:p>DE<text:s text:c="2"/>LA'
            '<text:span> ROCHE</text:span></text:p></table:table-cell>',
            '<table:table-cell table:formula="of:=[.A1]/0" office:value-type="string" office:string-value="" '
            'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>',
            '<table:table-cell table:formula="of:=&quot;&quot;"><text:p/></table:table-cell>',
            number("12.555"), '<table:table-cell office:value-type="percentage" office:value="0.5"/>'),
    ))  # fmt: skip
    table = read_ods(data, "c.ods")
    assert table.kind == "ods" and table.details["sheet"] == "Candidats"
    assert cells(table) == [
        (2, {"numero": ("02601", None), "nom": ("DURAND", None), "u1": ("12.50", None), "u21": ("10.00", None),
             "date": ("2005-03-14", None), "livret": ("oui", None)}),
        (3, {"numero": ("2602", None), "nom": ("DE  LA ROCHE", None),
             "u1": (None, "la cellule affiche l'erreur « #DIV/0! » : corrigez-la dans le tableur"),
             "u21": (None, None), "date": (None, "valeur 12,555 : plus de deux décimales ; arrondissez dans le tableur"),
             "livret": ("0.50", None)}),
    ]  # fmt: skip
    assert str(table.rows[1].place_of("u1")) == "c.ods, feuille Candidats, ligne 3, colonne U1"


def test_repeated_rows_and_cells_and_merged_cells():
    data = ods(sheet("F", row(EMPTY, repeated=3), HEADER,
        row(text("02601"), text("A"), number("12")), row(text("02602"), text("B"), number("12"), repeated=2),
        row(text("02604", repeated=1), '<table:table-cell office:value-type="string" table:number-columns-spanned="2">'
            "<text:p>fusion</text:p></table:table-cell>", "<table:covered-table-cell/>"),
        row(EMPTY, repeated=1_048_000), row(text("non", repeated=3), '<table:table-cell table:number-columns-repeated="16000"/>'),
    ))  # fmt: skip
    table = read_ods(data, "c.ods")
    assert table.details["header_line"] == 4
    assert [(line, c["numero"][0], c["nom"][0], c["u1"][0]) for line, c in cells(table)] == [
        (5, "02601", "A", "12"), (6, "02602", "B", "12"), (7, "02602", "B", "12"), (8, "02604", "fusion", None),
        (1_048_009, "non", "non", "non"),
    ]  # fmt: skip


def test_the_first_visible_sheet_or_the_one_named():
    styles = ('<style:style style:name="ta2" style:family="table">'
              '<style:table-properties table:display="false"/></style:style>')  # fmt: skip
    data = ods(sheet("Cachée", HEADER, row(text("1"), text("X"), number("1")), style="ta2"),
               sheet("Notes", HEADER, row(text("02601"), text("A"), number("12"))),
               sheet("Autre", HEADER, row(text("02609"), text("Z"), number("8"))), styles=styles)  # fmt: skip
    assert cells(read_ods(data, "c.ods"))[0][1]["numero"] == ("02601", None)
    assert cells(read_ods(data, "c.ods", sheet="autre"))[0][1]["numero"] == ("02609", None)
    assert cells(read_ods(data, "c.ods", sheet="Cachée"))[0][1]["numero"] == ("1", None)
    with pytest.raises(JuryError) as caught:
        read_ods(data, "c.ods", sheet="Jury")
    assert str(caught.value) == "c.ods : feuille « Jury » introuvable ; feuilles du classeur : « Cachée », « Notes », « Autre »"


@pytest.mark.parametrize("data, message", [
    (b"plain text", "c.ods : fichier ODS illisible (tronqué ou d'un autre format)"),
    (ods(sheet("F")), "c.ods, feuille F : feuille vide : sa première ligne non vide doit donner les en-têtes des colonnes"),
    (ods(), "c.ods : le classeur ne contient aucune feuille de données"),
    (ods(sheet("F", HEADER, row(text("x"), repeated=1_048_576))), "c.ods : feuille plus grande que ce qu'un tableur"),
])  # fmt: skip
def test_files_that_are_not_sheets(data, message):
    with pytest.raises(JuryError) as caught:
        read_ods(data, "c.ods")
    assert str(caught.value).startswith(message)


def test_a_truncated_file_is_refused():
    data = ods(sheet("F", HEADER, row(text("02601"), text("A"), number("12"))))
    with pytest.raises(JuryError, match="fichier ODS illisible"):
        read_ods(data[: len(data) // 2], "c.ods")

"""Reading a rendered PV back: what `jury verify` compares with the session."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from jury_tui.documents import read_pv, render
from jury_tui.documents.readback import differences, expected_rows, find_candidates_table
from jury_tui.errors import JuryError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
import documents_samples as samples  # noqa: E402

PROPS = {"title": "PV", "author": "BTS MOS — jury 1", "created": datetime(2026, 6, 20, 14, 5, tzinfo=UTC)}


@pytest.mark.parametrize("anonymous", [False, True])
@pytest.mark.parametrize("signed", [False, True])
def test_round_trip(tmp_path, signed, anonymous):
    context = samples.pv(signed=signed, anonymous=anonymous)
    reading = read_pv(render("pv", context, tmp_path / "pv.docx", properties=PROPS))
    assert reading.lignes == expected_rows(context)
    assert reading.tour == "1" and reading.anonyme is anonymous
    assert reading.signe is signed and reading.projet is not signed
    if signed:
        assert reading.empreinte == samples.FINGERPRINT
        assert (reading.signe_par, reading.signe_le) == ("MARTIN Anne (président du jury)", "20/06/2026 à 16:02")
    else:
        assert reading.empreinte is None and reading.signe_par is None
    assert reading.doublons == []


def test_tour_two(tmp_path):
    reading = read_pv(render("pv", samples.pv(tour=2, signed=True), tmp_path / "pv.docx", properties=PROPS))
    assert reading.tour == "2"


def test_fourteen_units_and_a_long_table(tmp_path):
    context = samples.pv(unit_count=14, copies=5)
    reading = read_pv(render("pv", context, tmp_path / "pv.docx", properties=PROPS))
    assert len(reading.lignes) == 60 and reading.lignes == expected_rows(context)
    assert reading.colonnes[-6:] == ["UF4", "UF5", "UF6", "Moyenne", "Décision", "Observations"]


def test_a_row_edited_in_word_is_seen(tmp_path):
    path = render("pv", samples.pv(signed=True), tmp_path / "pv.docx", properties=PROPS)
    document = Document(path)
    table = find_candidates_table(document)
    cell = table.rows[1].cells[-3]  # Moyenne of 02601
    cell.paragraphs[0].runs[0].text = "12,57"
    document.save(path)
    assert differences(read_pv(path), samples.pv(signed=True)) == {
        "02601": ["Moyenne : « 12,57 » dans le document, « 11,57 » dans la session"]
    }


def test_differences_name_missing_extra_and_duplicate_rows(tmp_path):
    context = samples.pv()
    shown = type(context)(**{**context.__dict__, "candidats": context.candidats[1:] + context.candidats[2:3]})
    reading = read_pv(render("pv", shown, tmp_path / "pv.docx", properties=PROPS))
    session = type(context)(**{**context.__dict__, "candidats": context.candidats[:-1]})
    assert differences(reading, session) == {
        "02601": ["ligne absente du document"],
        "02603": ["numéro présent sur plusieurs lignes"],
        "02612": ["candidat absent de la session pour ce tour"],
    }


def test_an_anonymous_pv_is_checked_on_numeros_against_the_named_session(tmp_path):
    reading = read_pv(render("pv", samples.pv(anonymous=True), tmp_path / "pv.docx", properties=PROPS))
    assert differences(reading, samples.pv()) == {}


def test_spacing_edited_in_word_is_no_difference(tmp_path):
    context = samples.pv()
    path = render("pv", context, tmp_path / "pv.docx", properties=PROPS)
    document = Document(path)
    cell = find_candidates_table(document).rows[6].cells[-1]  # 02606: two observations
    text = cell.text.replace("\n", " ")
    for paragraph in cell.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    cell.paragraphs[0].text = text
    document.save(path)
    assert differences(read_pv(path), context) == {}


def test_duplicate_numero_is_reported(tmp_path):
    context = samples.pv()
    context = type(context)(**{**context.__dict__, "candidats": context.candidats + context.candidats[:1]})
    reading = read_pv(render("pv", context, tmp_path / "pv.docx", properties=PROPS))
    assert reading.doublons == ["02601"]


def test_not_a_pv(tmp_path):
    path = render("admis", samples.admis(), tmp_path / "admis.docx", properties=PROPS)
    with pytest.raises(JuryError, match="n'est pas un procès-verbal"):
        read_pv(path)
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(JuryError, match="pas un document Word"):
        read_pv(junk)
    with pytest.raises(JuryError, match="introuvable"):
        read_pv(tmp_path / "absent.docx")


def test_table_found_by_its_headers_when_the_caption_is_lost(tmp_path):
    """LibreOffice drops tables' alt-text titles when it saves a .docx: the headers suffice."""
    context = samples.pv(signed=True)
    path = render("pv", context, tmp_path / "pv.docx", properties=PROPS)
    document = Document(path)
    for caption in list(document.element.body.iter(qn("w:tblCaption"))):
        caption.getparent().remove(caption)
    document.save(path)
    assert read_pv(path).lignes == expected_rows(context)

"""`jury verify` checks every part of a signed PV, not only its candidate rows: each part the
fingerprint covers is edited here as someone would in Word, and verify must name it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from cli_helpers import jury, ok
from docx import Document

from jury_tui.documents.typography import comparable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
import session_docs as sd  # noqa: E402


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(session, PV of tour 1, PV of tour 2), the demo's two tours signed, exported once."""
    folder = tmp_path_factory.mktemp("verify")
    session = sd.build_once(folder, sd.closed_demo)
    pv1, pv2 = folder / "pv1.docx", folder / "pv2.docx"
    ok(jury("export", session, "pv", "--tour", "1", "--out", pv1))
    ok(jury("export", session, "pv", "--tour", "2", "--out", pv2))
    return session, pv1, pv2


def retype(cell, text: str) -> None:
    """What someone does in Word: select a cell's text and type another."""
    first, *others = cell.paragraphs
    runs = first.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""
    for paragraph in others:
        paragraph._p.getparent().remove(paragraph._p)


def row_of(document, caption: str, *starts: str):
    table = sd.table(document, caption)
    return next(r for r in table.rows if [c.text for c in r.cells[: len(starts)]] == list(starts))


def retype_paragraph(paragraphs, old: str, new: str) -> None:
    paragraph = next(p for p in paragraphs if old in p.text)
    text = paragraph.text.replace(old, new)
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = text


def attendance(d):
    retype(row_of(d, "membres", "Professionnel", "DUBOIS").cells[4], "Absent")


def member_name(d):
    retype(row_of(d, "membres", "Enseignant", "LEROY").cells[1], "LEROI")


def member_removed(d):
    tr = row_of(d, "membres", "Professionnel", "MOULIN")._tr
    tr.getparent().remove(tr)


def coefficient(d):
    retype(row_of(d, "coefficients", "U4").cells[4], "6")


def total(d):
    retype(row_of(d, "totaux", "Admis").cells[1], "45")


def composition_sentence(d):
    cell = row_of(d, "composition", "Conclusion").cells[1]
    retype(cell, "Le jury, tel que nommé comme parmi les membres présents, est régulièrement composé.")


def composition_warning_removed(d):
    tr = row_of(d, "composition", "Avertissement")._tr
    tr.getparent().remove(tr)


def date(d):
    table = sd.table(d, "entete")
    row = next(r for r in table.rows if r.cells[2].text == "Date")
    retype(row.cells[3], "1er juillet 2026")


def signatory(d):
    retype(row_of(d, "signatures", "Membre du jury", "LOPEZ Marc").cells[1], "LOPES Marc")


def fait(d):
    retype_paragraph(d.paragraphs, "Fait à Caen", "Fait à Rouen")


def title(d):
    retype_paragraph(d.paragraphs, "Première délibération (tour 1)", "Seconde délibération (tour 1)")


def page_header(d):
    for section in d.sections:
        for table in section.header.tables:
            for paragraph in table.rows[0].cells[0].paragraphs:
                if "Normandie" in paragraph.text:
                    retype_paragraph([paragraph], "Normandie", "Bretagne")


def page_footer(d):
    for section in d.sections:
        retype_paragraph(section.footer.paragraphs, "session 2026", "session 2025")


EDITS = [
    (attendance, "composition du jury (membres et présences) : ligne Professionnel DUBOIS, Présence : « Absent » dans "
                 "le document, « Présent » dans la session"),
    (member_name, "composition du jury (membres et présences) : ligne Enseignant LEROY, Nom : « LEROI » dans le document"),
    (member_removed, "composition du jury (membres et présences) : ligne « Professionnel MOULIN Fatima Salarié Absent » "
                     "absente du document"),
    (coefficient, "unités et coefficients : ligne U4, Coefficient : « 6 » dans le document, « 8 » dans la session"),
    (total, "totaux : ligne Admis, Nombre : « 45 » dans le document, « 40 » dans la session"),
    (composition_sentence, "contrôle de la composition du jury : ligne Conclusion, Constat : « Le jury, tel que nommé "
                           "comme parmi les membres présents, est régulièrement composé. » dans le document"),
    (composition_warning_removed, "contrôle de la composition du jury : ligne « Avertissement 4 enseignants"),
    (date, "tableau d'en-tête (académie, session, diplôme, jury, date, lieu) : Date : « 1er juillet 2026 » dans le "
           "document, « 30 juin 2026 » dans la session"),
    (signatory, "signataires : ligne Membre du jury LOPEZ Marc, Nom : « LOPES Marc » dans le document"),
    (fait, "« Fait à Rouen, le 30 juin 2026. » dans le document, « Fait à Caen, le 30 juin 2026. » dans la session"),
    (title, "textes du procès-verbal (titre, bilan, « Fait à … ») : « Seconde délibération (tour 1) » dans le document"),
    (page_header, "en-tête des pages : « Académie de Bretagne » dans le document, « Académie de Normandie » dans la "
                  "session"),
    (page_footer, "pied des pages : « Procès-verbal — BTS MOS — jury 1 — session 2025 — tour 1"),
]


@pytest.mark.parametrize("edit, named", EDITS, ids=[e.__name__ for e, _ in EDITS])
def test_an_edited_part_is_named(signed, tmp_path, edit, named):
    session, pv1, _ = signed
    pv = Path(shutil.copy(pv1, tmp_path / "pv.docx"))
    document = Document(pv)
    edit(document)
    document.save(pv)
    result = jury("verify", session, pv)
    assert result.exit_code == 1, result.stdout
    said = comparable(result.stderr)
    assert comparable(named) in said, result.stderr
    assert comparable("Procès-verbal NON conforme à la session : 1 partie différente") in said
    assert "conforme" not in result.stdout
    assert "ligne du candidat" not in said  # the rows were not touched


def test_the_outcome_of_the_session_on_the_pv_of_tour_2_is_checked(signed, tmp_path):
    session, _, pv2 = signed
    pv = Path(shutil.copy(pv2, tmp_path / "pv.docx"))
    document = Document(pv)
    retype_paragraph(document.paragraphs, "43 admis", "48 admis")
    document.save(pv)
    said = comparable(jury("verify", session, pv).stderr)
    assert comparable("« Résultats de la session à l'issue des deux délibérations : 48 admis sur") in said
    assert comparable("« Résultats de la session à l'issue des deux délibérations : 43 admis sur") in said


def test_an_untouched_pv_is_conforme_and_says_what_was_checked(signed):
    session, pv1, pv2 = signed
    for pv, rows in ((pv1, 64), (pv2, 6)):
        out = comparable(ok(jury("verify", session, pv)).stdout)
        assert comparable(
            "et il montre ce que la session donne pour : en-tête des pages, textes du procès-verbal (titre, bilan, "
            "« Fait à … »), tableau d'en-tête (académie, session, diplôme, jury, date, lieu), composition du jury "
            "(membres et présences), contrôle de la composition du jury, unités et coefficients, totaux, "
            f"signataires, pied des pages, et les {rows} lignes de candidats."
        ) in out


def test_a_pv_written_with_a_site_template_is_verified_against_that_template(signed, tmp_path):
    session, _, _ = signed
    from jury_tui.documents.render import default_template

    site = Path(shutil.copy(default_template("pv"), tmp_path / "pv_normandie.docx"))
    document = Document(site)
    retype_paragraph(document.paragraphs, "5. Signatures", "5. Émargement des membres du jury")
    document.save(site)
    pv = tmp_path / "pv.docx"
    ok(jury("export", session, "pv", "--tour", "1", "--template", site, "--out", pv))
    said = comparable(jury("verify", session, pv).stderr)
    assert comparable("« 5. Émargement des membres du jury » dans le document, « 5. Signatures » dans la session") in said
    assert "--template" in said  # the hint: give the site's template
    ok(jury("verify", session, pv, "--template", site))

"""The demo's documents as a rectorat reads them: French typography everywhere, one date for the
deliberation, the exam office's corrections on the PV, a key that explains only what is shown."""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document

from jury_tui import seams
from jury_tui.deliberation import Session
from jury_tui.deliberation.docs import export
from jury_tui.documents.typography import french as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
import session_docs as sd  # noqa: E402


@pytest.fixture(scope="module")
def closed_source(tmp_path_factory) -> Path:
    return sd.build_once(tmp_path_factory.mktemp("closed"), sd.closed_demo)


@pytest.fixture
def closed(closed_source, tmp_path) -> Session:
    return Session(sd.copy_session(closed_source, tmp_path / "session"))


def texts(path: Path) -> str:
    document = Document(path)
    return "\n".join([sd.body_text(document), sd.header_text(document), sd.footer_text(document)])


def test_every_document_follows_french_typography(closed, tmp_path):
    paths = [
        *export(closed, "pv", tmp_path / "pv1.docx", tour=1),
        *export(closed, "pv", tmp_path / "pv2.docx", tour=2),
        *export(closed, "releves", tmp_path / "releves.docx"),
        *export(closed, "attestations", tmp_path / "attestations.docx"),
        *export(closed, "admis", tmp_path / "admis.docx"),
    ]
    for path in paths:
        text = texts(path)
        assert "'" not in text, path.name  # typographic apostrophes (names included: O’Brien)
        assert not re.search(r"(?<!\u00a0):(?!\d)", text), path.name  # NBSP before a colon (a time keeps 16:05)
        assert not re.search(r"(?<!\u202f)[;!?]", text), path.name  # narrow NBSP before ; ! ?
        assert not re.search(r"(?<!\u00a0)%", text), path.name
        assert not re.search(r"«(?!\u00a0)|(?<!\u00a0)»", text), path.name  # NBSP inside guillemets
        assert "(s)" not in text and "(e)" not in text, path.name  # counts are written out
    assert "Fait à Caen, le 30 juin 2026." in texts(paths[2])


def test_counts_are_in_the_right_number(closed, tmp_path):
    (pv2,) = export(closed, "pv", tmp_path / "pv2.docx", tour=2)
    assert F("43 admis sur 64 présents (67,18 %), 18 ajournés, 3 non délivrés.") in sd.body_text(Document(pv2))
    (pv1,) = export(closed, "pv", tmp_path / "pv1.docx", tour=1)
    conclusion = sd.rows(sd.table(Document(pv1), "composition"))[1][1]
    assert F("Parmi les membres présents, 1 avertissement ;") in conclusion
    assert F("4 enseignants pour 3 professionnels") in sd.rows(sd.table(Document(pv1), "composition"))[2][1]


def _at(*when):
    moment = datetime(*when, tzinfo=UTC)
    seams.set_clock(lambda: moment)


def test_the_projet_and_the_signed_pv_state_the_same_deliberation_date(tmp_path):
    """The session's date (jury new --date) is the deliberation's; a tour signed on another day
    says so beside it, and « Fait à … » dates the signed minutes on the day they were signed."""
    try:
        _at(2026, 6, 29, 16, 0)
        session = sd.demo(tmp_path / "demo.json")
        (projet,) = export(session, "pv", tmp_path / "projet.docx")
        sd.decide_all(session, 1)
        _at(2026, 7, 3, 9, 30)
        session.sign()
        (signed,) = export(session, "pv", tmp_path / "signe.docx", tour=1)
    finally:
        seams.reset()

    def date_cell(path):
        rows = sd.rows(sd.table(Document(path), "entete"))
        return next(row[3] for row in rows if row[2] == "Date")

    assert date_cell(projet) == "30 juin 2026"
    assert date_cell(signed) == "30 juin 2026 (tour signé le 3 juillet 2026)"
    assert "Fait à Caen, le 30 juin 2026." in sd.body_text(Document(projet))
    assert "Fait à Caen, le 3 juillet 2026." in sd.body_text(Document(signed))


def test_the_pv_says_which_grades_were_corrected_after_the_import(tmp_path):
    session = sd.demo(tmp_path / "demo.json")  # 02618's U52 set to 12 after the import
    session.set_field("02605", "U1", "9", reason="erreur de report")  # 6,00 at the import
    session.set_field("02605", "U1", "9,5", reason="copie revue")
    session.set_field("02606", "U1", "15", reason="essai")  # 12,00 at the import
    session.set_field("02606", "U1", "12", reason="annulé")
    session.set_field("02606", "nom", "NUNEZ", reason="orthographe")
    (path,) = export(session, "pv", tmp_path / "pv.docx")
    rows = sd.keyed_rows(sd.table(Document(path), "candidats"))
    assert F("Note corrigée après l'import en U52 : — → 12,00 (note reçue du centre d'examen)") in rows["02618"]["Observations"]
    corrected = [line for line in rows["02605"]["Observations"].splitlines() if "corrigée" in line]
    assert corrected == [F("Note corrigée après l'import en U1 : 6,00 → 9,50 (erreur de report ; copie revue)")]
    assert "corrigée" not in rows["02606"]["Observations"]  # back to its first value; a name is no grade


def test_a_releve_explains_only_the_codes_of_its_candidate(closed, tmp_path):
    (path,) = export(closed, "releves", tmp_path / "releves.docx")
    paragraphs = [p.text for p in Document(path).paragraphs]
    starts = [i for i, text in enumerate(paragraphs) if text == "RELEVÉ DE NOTES"]
    releves = [paragraphs[a:b] for a, b in zip(starts, starts[1:] + [len(paragraphs)])]
    by_numero = {}
    for releve, table in zip(releves, sd.tables(Document(path), "candidat")):
        by_numero[sd.rows(table)[0][3]] = [line for line in releve if line.startswith("Lecture")]
    (durand,) = by_numero["02601"]  # VAE, a grade kept from 2024, a jury adjustment
    assert durand == F("Lecture : « 9,50 → 10,00 » note modifiée par le jury (avant → après) ; VAE validation des "
                       "acquis de l'expérience ; « B2024 : 13,00 » note conservée de la session 2024.")
    assert by_numero["02602"] == []  # grades only: no key
    (absent,) = by_numero["02613"]
    assert "ABS absence" in absent and "VAE" not in absent and "B20" not in absent

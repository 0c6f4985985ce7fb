"""`jury export` and `jury verify` on real session files: exit codes, messages, a PV edited in Word."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from cli_helpers import jury, ok, refused, unchanged, usage_error
from docx import Document

import jury_tui.cli.document_cmds as document_cmds

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
import session_docs as sd  # noqa: E402


@pytest.fixture(scope="module")
def closed_source(tmp_path_factory) -> Path:
    return sd.build_once(tmp_path_factory.mktemp("closed"), sd.closed_demo)


@pytest.fixture
def closed(closed_source, tmp_path) -> Path:
    """The demo with both tours decided as proposed and signed (a copy for each test)."""
    return sd.copy_session(closed_source, tmp_path / "session")


def edit_cell(path: Path, numero: str, column: str, text: str) -> None:
    """What someone does by hand in Word: retype one cell of the results table."""
    document = Document(path)
    table = sd.table(document, "candidats")
    header = [cell.text.split("\n")[0] for cell in table.rows[0].cells]
    row = next(r for r in table.rows if r.cells[0].text == numero)
    cell = row.cells[header.index(column)]
    cell.paragraphs[0].runs[0].text = text
    for run in cell.paragraphs[0].runs[1:]:
        run.text = ""
    document.save(path)


def test_export_then_verify_an_untouched_pv(closed):
    out = ok(jury("export", closed, "pv", "--tour", "1", "--out", closed.with_name("pv1.docx"))).stdout
    assert out.strip() == f"Écrit : {closed.with_name('pv1.docx')}"
    result = ok(jury("verify", closed, closed.with_name("pv1.docx")))
    assert "procès-verbal du tour 1, 64 lignes de candidats" in result.stdout
    assert "Procès-verbal conforme" in result.stdout and result.stderr == ""


def test_a_grade_edited_in_word_is_caught_and_its_row_named(closed):
    pv = closed.with_name("pv1.docx")
    ok(jury("export", closed, "pv", "--tour", "1", "--out", pv))
    edit_cell(pv, "02605", "U4", "17,00")
    stderr = refused(jury("verify", closed, pv), "ligne du candidat 02605",
                     "U4 : « 17,00 » dans le document, « 7,00 » dans la session")  # fmt: skip
    assert "NON conforme à la session : 1 ligne de candidat différente (02605)." in stderr
    assert "02606" not in stderr


def test_an_anonymous_pv_is_verified_on_numeros(closed):
    pv = closed.with_name("anonyme.docx")
    ok(jury("export", closed, "pv", "--tour", "1", "--anonymous", "--out", pv))
    assert "(version anonyme)" in ok(jury("verify", closed, pv)).stdout
    edit_cell(pv, "02613", "Décision", "Admis")
    refused(jury("verify", closed, pv), "ligne du candidat 02613", "Décision : « Admis » dans le document")


def test_the_pv_of_a_reopened_tour_fails_and_says_which_signature_was_voided(closed):
    pv = closed.with_name("pv2.docx")
    ok(jury("export", closed, "pv", "--tour", "2", "--out", pv))
    ok(jury("reopen", closed, "--reason", "erreur de saisie d'une note de contrôle"))
    stderr = refused(jury("verify", closed, pv), "le tour 2 a été rouvert le",
                     "(motif : erreur de saisie d'une note de contrôle)", "est annulée",
                     "depuis, le tour 2 n'a pas été signé de nouveau")  # fmt: skip
    assert "NON conforme" in stderr
    ok(jury("sign", closed))
    refused(jury("verify", closed, pv), "est annulée", "depuis, le tour 2 a été signé de nouveau (signature en vigueur",
            "exportez à nouveau le procès-verbal")
    fresh = closed.with_name("pv2-nouveau.docx")
    ok(jury("export", closed, "pv", "--tour", "2", "--out", fresh))
    ok(jury("verify", closed, fresh))


def test_a_projet_or_an_edited_fingerprint_does_not_verify(tmp_path):
    session = tmp_path / "demo.json"
    sd.demo(session)
    projet = tmp_path / "projet.docx"
    ok(jury("export", session, "pv", "--out", projet))
    refused(jury("verify", session, projet), "document non signé (PROJET")
    closed = tmp_path / "closed" / "demo.json"
    closed.parent.mkdir()
    sd.signed_tour1(closed)
    pv = closed.with_name("pv.docx")
    ok(jury("export", closed, "pv", "--out", pv))
    document = Document(pv)
    for section in document.sections:
        for paragraph in section.footer.paragraphs:
            for run in paragraph.runs:
                if "empreinte" in run.text:
                    run.text = run.text[:-4] + "0000"
    document.save(pv)
    refused(jury("verify", closed, pv), "ne correspond à aucune signature du tour 1")


def test_a_session_altered_after_signing_no_longer_gives_its_fingerprint(closed):
    pv = closed.with_name("pv1.docx")
    ok(jury("export", closed, "pv", "--tour", "1", "--out", pv))
    data = json.loads(closed.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    assert '"U1": "14.00"' in text
    closed.write_text(text.replace('"U1": "14.00"', '"U1": "04.00"', 1), encoding="utf-8")
    refused(jury("verify", closed, pv), "ne donne plus l'empreinte de la signature du tour 1")


def test_verify_refuses_a_document_that_is_not_a_pv(closed):
    ok(jury("export", closed, "admis", "--out", closed.with_name("admis.docx")))
    refused(jury("verify", closed, closed.with_name("admis.docx")), "n'est pas un procès-verbal")
    refused(jury("verify", closed, closed.with_name("absent.docx")), "document introuvable")


def test_final_documents_are_refused_before_signing_and_nothing_is_written(tmp_path):
    session = tmp_path / "demo.json"
    sd.demo(session)
    with unchanged(session):
        refused(jury("export", session, "releves", "--out", tmp_path / "releves.docx"),
                "ce document donne les décisions définitives du jury", "le tour 1 n'est pas signé")  # fmt: skip


def test_usage_errors(closed):
    usage_error(jury("export", closed, "bulletin"))
    usage_error(jury("export", closed, "pv", "--tour", "3"))
    refused(jury("export", closed, "admis", "--anonymous"), "--anonymous ne s'applique qu'au procès-verbal")


def test_default_out_split_and_audit(closed):
    assert ok(jury("export", closed, "admis")).stdout.strip() == f"Écrit : {closed.with_name('demo-admis.docx')}"
    out = ok(jury("export", closed, "attestations", "--split")).stdout
    assert out.strip() == f"15 document(s) écrit(s) dans {closed.with_name('demo-attestations')}"
    entries = json.loads(ok(jury("audit", closed, "--format", "json")).stdout)["entrees"]
    assert [e["apres"]["type"] for e in entries if e["action"] == "export"] == ["admis", "attestations"]
    assert ok(jury("audit", closed, "--verify")).exit_code == 0


def test_progress_shows_on_a_terminal_only(closed, monkeypatch):
    quiet = ok(jury("export", closed, "attestations", "--out", closed.with_name("a.docx"))).stdout
    assert "Documents" not in quiet
    monkeypatch.setattr(document_cmds, "on_terminal", lambda: True)
    shown = ok(jury("export", closed, "attestations", "--out", closed.with_name("b.docx"))).stdout
    assert "Documents" in shown  # one bar while the 15 attestations are rendered into one file

"""What stays together on a page, and relevés that number their own pages (documents.pagination).

LibreOffice lays the pages out in test_documents_pdf.py; here the rendered XML is checked."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from jury_tui.documents import render

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
import documents_samples as samples  # noqa: E402
import session_docs as sd  # noqa: E402

PROPS = {"title": "PV", "author": "BTS MOS — jury 1", "created": datetime(2026, 6, 20, 14, 5, tzinfo=UTC)}


def kept(row) -> bool:
    """Every paragraph of the row keeps with the next: the row stays with the one after it."""
    return all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)


def test_no_candidate_row_and_no_final_sentence_alone_on_a_page(tmp_path):
    context = samples.pv(copies=3)
    rows = sd.table(Document(render("pv", context, tmp_path / "a.docx", properties=PROPS)), "candidats").rows
    assert kept(rows[0]) and kept(rows[1])  # the header with the first two rows
    assert not any(kept(r) for r in rows[2:-2])  # the rows between break freely
    assert kept(rows[-2]) and not kept(rows[-1])  # the last two together; a heading follows, not a sentence
    bilan = replace(context, bilan="Délibération en cours : 3 candidats sans décision, 0 à revoir.")
    document = Document(render("pv", bilan, tmp_path / "b.docx", properties=PROPS))
    assert kept(sd.table(document, "candidats").rows[-1])  # the last row with the sentence under it
    (sentence,) = [p for p in document.paragraphs if p.text.startswith("Délibération en cours")]
    assert not sentence.paragraph_format.keep_with_next


def test_each_releve_of_a_combined_file_counts_its_own_pages(tmp_path):
    document = Document(render("releves", samples.releves(), tmp_path / "r.docx", properties=PROPS))
    sections = document.sections
    assert len(sections) == 4
    footers = {id(s.footer.part) for s in sections}
    assert len(footers) == 4  # one footer each, pointing at its own section's end
    bookmarks = {b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))}
    for number, section in enumerate(sections, 1):
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        fields = [t.text for t in section.footer._element.iter(qn("w:instrText"))]
        assert fields == [" PAGE ", f" PAGEREF _SectionEnd{number} \\h "]
        assert f"_SectionEnd{number}" in bookmarks
    # the bookmark of a section is in its last paragraph: the one that ends it
    ends = [p for p in document.element.body.iterchildren(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    assert [p.find(qn("w:bookmarkStart")).get(qn("w:name")) for p in ends] == ["_SectionEnd1", "_SectionEnd2", "_SectionEnd3"]


def test_one_releve_alone_keeps_its_header_and_footer(tmp_path):
    document = Document(render("releves", samples.releves((0,)), tmp_path / "r.docx", properties=PROPS))
    (section,) = document.sections
    assert "RÉPUBLIQUE FRANÇAISE" in sd.header_text(document)
    assert [t.text for t in section.footer._element.iter(qn("w:instrText"))] == [" PAGE ", " PAGEREF _SectionEnd1 \\h "]

"""Rendering through `documents.template.Template` gives the bytes docxtpl's own DocxTemplate
gives, followed by `docx_kit.fit_tables` (the way documents were rendered before)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docxtpl import DocxTemplate
from lxml import etree

from jury_tui.documents import docx_kit
from jury_tui.documents.context import as_template_context
from jury_tui.documents.render import default_template, environment
from jury_tui.documents.template import Template

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
import documents_samples as samples  # noqa: E402


def parts(tpl) -> list[bytes]:
    """The body, and each header and footer, as XML bytes."""
    out = [etree.tostring(tpl.docx.element.body)]
    for rel in tpl.docx.part.rels.values():
        if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI):
            out.append(rel.target_part.blob)
    return out


def both(kind: str, context) -> tuple[list[bytes], list[bytes]]:
    reference = DocxTemplate(str(default_template(kind)))
    reference.render(as_template_context(context), jinja_env=environment())
    docx_kit.fit_tables(reference.docx.element.body)
    ours = Template(str(default_template(kind)))
    ours.render(as_template_context(context), jinja_env=environment())
    return parts(ours), parts(reference)


CASES = [
    ("pv", lambda: samples.pv()),
    ("pv", lambda: samples.pv(signed=True)),
    ("pv", lambda: samples.pv(anonymous=True)),
    ("pv", lambda: samples.pv(unit_count=14)),
    ("pv", lambda: samples.pv(unit_count=8)),
    ("releves", lambda: samples.releves()),
    ("attestations", lambda: samples.attestations()),
    ("admis", lambda: samples.admis()),
]


@pytest.mark.parametrize("kind, make", CASES)
def test_same_bytes_as_docxtpl_then_fitting(kind, make):
    ours, reference = both(kind, make())
    assert ours == reference


def test_line_breaks_and_tabs_in_values_are_resolved_the_same():
    context = samples.pv()
    rows = [
        type(row)(**{**row.__dict__, "observations": "Livret examiné\nU6 : 9,50 → 10,00\tmotif\fpage"})
        for row in context.candidats
    ]
    context = type(context)(**{**context.__dict__, "candidats": rows})
    ours, reference = both("pv", context)
    assert ours == reference and b"<w:br/>" in ours[0] and b"<w:tab/>" in ours[0]


@pytest.mark.parametrize("xml", [
    "",
    "<w:body>no paragraph\there</w:body>",
    "<w:p><w:r><w:t>a\nb</w:t></w:r></w:p>\t<w:p>x</w:p><w:p w:rsidR=\"1\"><w:r><w:t>c\fd\te</w:t></w:r></w:p>",
    # a paragraph inside a text box: docxtpl's pattern ends at the inner `</w:p>`
    "<w:p><w:r><w:txbxContent><w:p><w:r><w:t>in\nner</w:t></w:r></w:p></w:txbxContent><w:t>out\ter</w:t></w:r></w:p>",
    "<w:p><w:pPr/><w:r><w:t>one</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>two\nlines</w:t></w:r></w:p>"
    "</w:tc></w:tr></w:tbl><w:p><w:r><w:t>\a</w:t></w:r></w:p>\n",
])
def test_listing_resolved_in_the_paragraphs_docxtpl_resolves(xml):
    ours = Template(str(default_template("admis")))
    reference = DocxTemplate(str(default_template("admis")))
    assert ours.resolve_listing(xml) == reference.resolve_listing(xml)


def test_the_rendered_document_takes_the_place_of_the_template():
    tpl = Template(str(default_template("pv")))
    tpl.render(as_template_context(samples.pv()), jinja_env=environment())
    body = tpl.docx.element.body
    assert tpl.docx.part.element is tpl.docx.element and body.getparent() is tpl.docx.element
    assert type(body).__name__ == "CT_Body" and tpl.docx.tables  # python-docx's own classes


def test_a_body_that_needs_recovering_is_parsed_as_docxtpl_parses_it():
    ours = Template(str(default_template("admis")))
    ours.init_docx()
    xml = ours.get_xml().replace("</w:body>", "<w:p><w:r><w:t>x</w:t></w:r></w:body>")  # unclosed paragraph
    reference = DocxTemplate(str(default_template("admis")))
    reference.init_docx()
    ours.map_tree(ours.fix_tables(xml))
    reference.map_tree(reference.fix_tables(xml))
    docx_kit.fit_tables(reference.docx.element.body)
    assert etree.tostring(ours.docx.element) == etree.tostring(reference.docx.element)

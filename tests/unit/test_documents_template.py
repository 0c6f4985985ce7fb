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

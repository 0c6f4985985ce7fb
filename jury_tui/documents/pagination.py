"""Pages: what stays together, and page numbers that count each relevé on its own.

Built into the default templates (scripts/build_templates.py):
- `section_break`: in a `{%p for %}` loop, each relevé (or attestation) is a section whose
  page numbers start again at 1, and whose footer says « page 1 / 1 » with Word's
  SECTIONPAGES field.

Done on every rendered document (`finish`, called by `render`):
- the ends of each table keep together: its header rows with its first two rows, its last
  two rows with each other, and its last row with a closing sentence right after it (a
  paragraph that is not itself kept with the next: not a heading); so that no candidate row
  and no final sentence is left alone on a page (Word and LibreOffice both honour « keep
  with next » on a row's paragraphs);
- SECTIONPAGES becomes a PAGEREF to a bookmark at the end of its section, in a copy of the
  footer (or header) for each section: LibreOffice does not compute SECTIONPAGES (it prints
  the value saved in the file), while both compute PAGEREF, which gives the page number of
  the section's last page, that is its page count since the numbering restarts.
"""

from __future__ import annotations

import re
from copy import deepcopy

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.text.paragraph import Paragraph

from jury_tui.documents.docx_kit import set_child

# Schema order of CT_SectPr's children (ECMA-376).
SECTPR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
    "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)  # fmt: skip
_P, _PPR, _SECTPR, _TBL, _TR, _TRPR = (qn(f"w:{t}") for t in ("p", "pPr", "sectPr", "tbl", "tr", "trPr"))
_HEADER_ROW, _KEEP_NEXT = qn("w:tblHeader"), qn("w:keepNext")
_INSTR, _FLD_SIMPLE = qn("w:instrText"), qn("w:fldSimple")
_R_ID, _R_EMBED, _R_LINK = qn("r:id"), qn("r:embed"), qn("r:link")
_SECTIONPAGES = re.compile(r"\bSECTIONPAGES\b")
_REFERENCES = {"headerReference": (HeaderPart, RT.HEADER), "footerReference": (FooterPart, RT.FOOTER)}


# --------------------------------------------------------------------------- building templates


def restart_page_numbers(sect_pr) -> None:
    """Page numbers of this section start at 1."""
    set_child(sect_pr, "pgNumType", SECTPR_ORDER, start="1")


def section_break(document):
    """A paragraph that ends a section like the document's last one (same page, header and
    footer, numbering restarted): in a loop, each item then starts a new page numbered 1."""
    body_sect_pr = document.element.body.find(_SECTPR)
    restart_page_numbers(body_sect_pr)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = 0
    paragraph._p.get_or_add_pPr().append(deepcopy(body_sect_pr))
    return paragraph


# --------------------------------------------------------------------------- after rendering


def finish(document) -> None:
    """The rendered document's pagination (see the module's docstring)."""
    body = document.element.body
    for tbl in body.iterchildren(_TBL):
        keep_table_ends(tbl)
    count_section_pages(document)


def _keep_with_next(tr) -> None:
    for p in tr.iter(_P):
        Paragraph(p, None).paragraph_format.keep_with_next = True


def _kept(p) -> bool:
    ppr = p.find(_PPR)
    keep = None if ppr is None else ppr.find(_KEEP_NEXT)
    return keep is not None and keep.get(qn("w:val")) not in ("0", "false")


def keep_table_ends(tbl) -> None:
    rows = list(tbl.iterchildren(_TR))
    heads = [tr for tr in rows if tr.find(_TRPR) is not None and tr.find(_TRPR).find(_HEADER_ROW) is not None]
    body = [tr for tr in rows if tr not in heads]
    if body:
        for tr in heads:
            _keep_with_next(tr)
    if len(body) >= 3:
        _keep_with_next(body[0])
    if len(body) >= 2:
        _keep_with_next(body[-2])
    after = tbl.getnext()
    if body and after is not None and after.tag == _P and not _kept(after) and "".join(after.itertext()).strip():
        _keep_with_next(body[-1])


def count_section_pages(document) -> None:
    """SECTIONPAGES as a PAGEREF to the end of its section, section by section."""
    body = document.element.body
    ends = [p for p in body.iterchildren(_P) if p.find(_PPR) is not None and p.find(_PPR).find(_SECTPR) is not None]
    sect_prs = [p.find(_PPR).find(_SECTPR) for p in ends] + [body.find(_SECTPR)]
    ends.append(next((p for p in reversed(body) if p.tag == _P), None))
    in_force: dict[tuple[str, str], str] = {}  # (reference kind, type) -> rId: a section without its own inherits
    counts: dict[str, bool] = {}  # rId -> whether that part holds SECTIONPAGES
    bookmark_id = _next_bookmark_id(body)
    for index, (sect_pr, end) in enumerate(zip(sect_prs, ends), 1):
        if sect_pr is None or end is None:
            continue
        for kind in _REFERENCES:
            for ref in sect_pr.iterchildren(qn(f"w:{kind}")):
                in_force[(kind, ref.get(qn("w:type")) or "default")] = ref.get(_R_ID)
        for rid in in_force.values():
            if rid not in counts:
                counts[rid] = _has_sectionpages(document.part.rels[rid].target_part)
        counted = [(key, rid) for key, rid in in_force.items() if counts[rid]]
        if not counted:
            continue
        name = f"_SectionEnd{index}"
        _bookmark(end, name, bookmark_id)
        bookmark_id += 1
        for (kind, ref_type), rid in counted:
            _set_reference(sect_pr, kind, ref_type, _copy_part(document.part, rid, kind, name))


def _has_sectionpages(part) -> bool:
    element = part.element
    return any(_SECTIONPAGES.search(t.text or "") for t in element.iter(_INSTR)) or any(
        _SECTIONPAGES.search(f.get(qn("w:instr")) or "") for f in element.iter(_FLD_SIMPLE)
    )


def _next_bookmark_id(body) -> int:
    ids = [int(b.get(qn("w:id"))) for b in body.iter(qn("w:bookmarkStart")) if (b.get(qn("w:id")) or "").isdigit()]
    return max(ids, default=0) + 1


def _bookmark(p, name: str, bookmark_id: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    p.append(start)
    p.append(end)


def _copy_part(document_part, rid: str, kind: str, bookmark: str) -> str:
    """A copy of the header or footer part `rid`, its SECTIONPAGES pointing at `bookmark`; its rId."""
    part_class, reltype = _REFERENCES[kind]
    source = document_part.rels[rid].target_part
    copy = part_class.new(document_part.package)
    element = copy.element
    for child in list(element):
        element.remove(child)
    for child in source.element:
        element.append(deepcopy(child))
    pageref = f"PAGEREF {bookmark} \\h"

    def point(text: str) -> str:
        return _SECTIONPAGES.sub(lambda _: pageref, text)

    for t in element.iter(_INSTR):
        t.text = point(t.text or "")
    for f in element.iter(_FLD_SIMPLE):
        f.set(qn("w:instr"), point(f.get(qn("w:instr")) or ""))
    _copy_relationships(source, copy)
    return document_part.relate_to(copy, reltype)


def _copy_relationships(source, copy) -> None:
    """The copy's pictures and links point where the source's do."""
    mapping = {}
    for old_rid, rel in source.rels.items():
        if rel.is_external:
            mapping[old_rid] = copy.relate_to(rel.target_ref, rel.reltype, is_external=True)
        else:
            mapping[old_rid] = copy.relate_to(rel.target_part, rel.reltype)
    for element in copy.element.iter():
        for attribute in (_R_ID, _R_EMBED, _R_LINK):
            value = element.get(attribute)
            if value in mapping:
                element.set(attribute, mapping[value])


def _set_reference(sect_pr, kind: str, ref_type: str, rid: str) -> None:
    """Point the section's `kind` reference of `ref_type` at `rid` (references come first)."""
    for ref in list(sect_pr.iterchildren(qn(f"w:{kind}"))):
        if (ref.get(qn("w:type")) or "default") == ref_type:
            sect_pr.remove(ref)
    ref = OxmlElement(f"w:{kind}")
    ref.set(qn("w:type"), ref_type)
    ref.set(_R_ID, rid)
    rank = SECTPR_ORDER.index(kind)
    for position, child in enumerate(sect_pr):
        name = child.tag.rsplit("}", 1)[-1]
        if name not in SECTPR_ORDER or SECTPR_ORDER.index(name) > rank:
            sect_pr.insert(position, ref)
            return
    sect_pr.append(ref)

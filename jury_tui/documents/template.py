"""docxtpl's DocxTemplate with its post-processing passes done in less time, same output.

A procès-verbal of a thousand candidates renders to some 6 MB of WordprocessingML. Two of
docxtpl's passes over it dominate the rendering, and both do most of their work for nothing:

- `resolve_listing` turns tabs, line breaks and page breaks typed in a value into Word
  elements, paragraph by paragraph, with nested regular expressions; here only the
  paragraphs that hold such a character go through docxtpl's own code, each found from
  the nearest paragraph end before it, the others are left as they are (docxtpl would
  leave them unchanged too).
- `map_tree` moves the parsed body, node by node, into the template's document: here the
  body is parsed inside the document's own text, and that document takes the template's
  place (the same tree, see `_parse`).
- `fix_tables` counts each row's cells through ElementPath searches; here the same counts
  come from direct child iteration. Our own column fitting (`docx_kit.fit_tables`) runs in
  the same pass, on the freshly parsed tree.
- `fix_docpr_ids` walks the whole body for pictures' ids: only when the body has any.
- `render_xml_part` marks and unmarks paragraphs with plain replacements instead of regular
  expressions over the whole part.

tests/documents/test_documents_template.py renders with both and compares the bytes.
"""

from __future__ import annotations

import re

from docx.document import Document as DocumentObject
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from jinja2 import Template as JinjaTemplate
from jinja2 import TemplateError
from lxml import etree

from jury_tui.documents.docx_kit import fit_tables

_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # docxtpl's own paragraph pattern


def _positions(text: str, char: str):
    """Every position of `char` in `text` (str.find: far faster than a regular expression
    over a long text that holds it a few times)."""
    i = text.find(char)
    while i >= 0:
        yield i
        i = text.find(char, i + 1)


class Template(DocxTemplate):
    """A DocxTemplate whose rendered body also has its table grids fitted to its cells."""

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        # docxtpl's, with its two regular expressions over the whole part written as plain
        # replacements (the same text), and its escaped braces restored only when present.
        src_xml = src_xml.replace("<w:p ", "\n<w:p ").replace("<w:p>", "\n<w:p>")
        try:
            self.current_rendering_part = part
            if jinja_env is None:
                dst_xml = JinjaTemplate(src_xml).render(context)
            else:  # ours (documents/render.py): its output counted against its budget as it is made
                dst_xml = jinja_env.render_part(jinja_env.from_string(src_xml), context)
        except TemplateError as exc:
            if hasattr(exc, "lineno") and exc.lineno is not None:
                line_number = max(exc.lineno - 4, 0)
                exc.docx_context = map(
                    lambda x: re.sub(r"<[^>]+>", "", x), src_xml.splitlines()[line_number : (line_number + 7)]
                )
            raise exc
        dst_xml = dst_xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        for escaped, brace in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
            if escaped in dst_xml:
                dst_xml = dst_xml.replace(escaped, brace)
        return self.resolve_listing(dst_xml)

    def resolve_listing(self, xml: str) -> str:
        hits = sorted(i for char in "\t\a\n\f" for i in _positions(xml, char))
        if not hits:
            return xml
        resolve = super().resolve_listing
        out: list[str] = []
        last = 0  # where the text not yet copied starts: never inside one of docxtpl's matches
        for hit in hits:
            if hit < last:
                continue  # in the paragraph just resolved
            # Right after a `</w:p>` no match of docxtpl's pattern is under way (a match ends at
            # the first `</w:p>` after its start): searching from there finds the matches a
            # scan from the start would find, without going through every paragraph before.
            end = xml.rfind("</w:p>", last, hit)
            match = _PARAGRAPH.search(xml, last if end < 0 else end + 6)
            if match is None:
                break
            start, end = match.span()
            if start <= hit < end:  # this paragraph holds a tab, a line or page break, a bell
                out.append(xml[last:start])
                out.append(resolve(match.group(0)))
                last = end
        out.append(xml[last:])
        return "".join(out)

    def _parse(self, xml: str):
        """The rendered body parsed as docxtpl parses it (recovering), inside its document
        when that gives the same tree (`_in_document`): then `map_tree` puts the whole
        document in place of the template's instead of moving every node of the body into it."""
        self._whole = self._in_document(xml)
        if self._whole is not None:
            return self._whole.body
        return etree.fromstring(xml, parser=etree.XMLParser(recover=True))

    def _in_document(self, xml: str):
        """The template's document with the rendered body in place of its own, parsed; None
        when that would not be the tree docxtpl builds.

        docxtpl's body is serialised on its own, declaring the namespaces in scope; once
        moved into the document, lxml drops those the document declares. When the body
        declares only namespaces the document declares with the same prefixes, and nothing
        else, the document's text with the body's start tag bare parses to that same tree
        (when well-formed: a body that needs recovering is parsed on its own, as docxtpl does).
        """
        root = self.docx._element
        start_tag = xml[: xml.find(">") + 1]
        document = etree.tostring(root, encoding="unicode")
        head, tail = document.find("<w:body>"), document.rfind("</w:body>")
        if not start_tag.startswith("<w:body ") or start_tag.endswith("/>") or not 0 <= head < tail:
            return None
        try:
            bare = etree.fromstring(start_tag + "</w:body>")
        except etree.XMLSyntaxError:
            return None
        if bare.tag != root.body.tag or bare.attrib or not bare.nsmap.items() <= root.nsmap.items():
            return None
        whole = document[:head] + "<w:body>" + xml[len(start_tag) :] + document[tail + len("</w:body>") :]
        parser = etree.XMLParser()  # well-formed: what recovering would give; else docxtpl's way
        parser.set_element_class_lookup(element_class_lookup)
        try:
            return etree.fromstring(whole, parser=parser)
        except etree.XMLSyntaxError:
            return None

    def map_tree(self, tree) -> None:
        whole = getattr(self, "_whole", None)
        if whole is None or tree.getparent() is not whole:
            super().map_tree(tree)
            return
        part = self.docx.part
        part._element = whole
        self.docx = DocumentObject(whole, part)  # a new proxy: none keeps the former body
        self._whole = None

    def fix_docpr_ids(self, tree) -> None:
        if getattr(self, "_docpr", True):  # else no picture: nothing to renumber
            super().fix_docpr_ids(tree)

    def fix_tables(self, xml: str):
        self._docpr = "docPr" in xml  # read by fix_docpr_ids, which docxtpl calls next
        tree = self._parse(xml)
        ns = "{" + tree.nsmap["w"] + "}"
        tbl, tbl_grid, grid_col, tr, tc = (ns + t for t in ("tbl", "tblGrid", "gridCol", "tr", "tc"))
        tc_pr, grid_span, w, val = ns + "tcPr", ns + "gridSpan", ns + "w", ns + "val"
        names = {"w": ns[1:-1]}
        count_cells = etree.XPath("count(w:tc)", namespaces=names)
        spanned = etree.XPath("boolean(.//w:tr/w:tc/w:tcPr/w:gridSpan)", namespaces=names)
        for t in tree.iter(tbl):
            grid = next(t.iterchildren(tbl_grid), None)
            columns = list(grid.iterchildren(grid_col))
            rows = list(t.iter(tr))
            counts = [int(count_cells(r)) for r in rows]  # each row's cells, none built
            to_add = 0
            for count in counts:  # a row with more cells than the grid has columns
                if (len(columns) + to_add) < count:
                    to_add = count - len(columns)
            if to_add > 0:  # docxtpl's scaling, unchanged
                width = 0.0
                for c in columns:
                    if c.get(w) is not None:
                        width += float(c.get(w))
                if width > 0:
                    old_average = width / len(columns)
                    new_average = width / (len(columns) + to_add)
                    for c in columns:
                        c.set(w, str(int(float(c.get(w)) * new_average / old_average)))
                    for _ in range(to_add):
                        etree.SubElement(grid, grid_col, {w: str(int(new_average))})
            columns = list(grid.iterchildren(grid_col))
            cells_len_max = max(counts, default=0)  # no merged cell: a row spans its count
            if spanned(t):
                cells_len_max = 0
                for r in rows:
                    count = 0
                    for cell in r.iterchildren(tc):
                        pr = next(cell.iterchildren(tc_pr), None)
                        span = None if pr is None else next(pr.iterchildren(grid_span), None)
                        count += 1 if span is None else int(span.get(val))
                    cells_len_max = max(cells_len_max, count)
            to_remove = len(columns) - cells_len_max
            if to_remove > 0:  # docxtpl's removal of extra columns, unchanged
                removed_width = 0.0
                for c in columns[-to_remove:]:
                    removed_width += float(c.get(w))
                    grid.remove(c)
                columns_left = list(grid.iterchildren(grid_col))
                extra_space = int(removed_width / len(columns_left)) if columns_left else 0
                for c in columns_left:
                    c.set(w, str(int(float(c.get(w)) + extra_space)))
        fit_tables(tree)
        return tree

"""Layout primitives for building the default templates with python-docx.

Used by scripts/build_templates.py, which holds the four documents' designs. Every tag is
typed as plain text in one run, as a person would type it in Word.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from jury_tui.documents import docx_kit as kit
from jury_tui.documents.typography import template_text

FONT = "Arial"
GREY = "D9D9D9"
LIGHT = "F2F2F2"
BLUE = RGBColor(0x00, 0x00, 0x91)  # the République's blue, for the header block
RED = RGBColor(0xC0, 0x00, 0x00)
FIXED = datetime(2026, 1, 1, tzinfo=UTC)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)

# --------------------------------------------------------------------------- building blocks


def new_document(*, landscape: bool):
    doc = Document()
    _clean_package(doc)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True  # no line of a paragraph alone at a page's top or foot
    r_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        r_fonts.set(qn(f"w:{attr}"), FONT)
    _set_language(doc, "fr-FR")
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(10)
        section.top_margin, section.bottom_margin = Mm(36), Mm(16)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin, section.bottom_margin = Mm(34), Mm(18)
    section.header_distance, section.footer_distance = Mm(8), Mm(7)
    for paragraph in doc.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    return doc


def _clean_package(doc) -> None:
    """No thumbnail of a blank page, no 'python-docx' or foreign application in the properties."""
    package = doc.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[key]
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = part.blob.replace(b"Microsoft Macintosh Word", b"jury-tui")


def _set_language(doc, language: str) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def text(container, content: str = "", *, size=None, bold=False, italic=False, align=None,
         color=None, after=3, before=0, keep_next=False, page_break=False):  # fmt: skip
    """A paragraph with one run (a tag stays whole in its run)."""
    p = container.add_paragraph()
    if content:
        run = p.add_run(template_text(content))
        # Only what differs from the style: no explicit "not bold", "not italic".
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    if before:
        fmt.space_before = Pt(before)
    if keep_next:
        fmt.keep_with_next = True
    if page_break:
        fmt.page_break_before = True
    if align:
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    return p


def tag(container, content: str):
    """A paragraph that only holds a {%p ... %} tag (removed when rendered)."""
    return text(container, content, size=6, after=0)


def heading(container, content: str, *, page_break=False):
    return text(container, content, size=12, bold=True, color=BLUE, before=8, after=4,
                keep_next=True, page_break=page_break)  # fmt: skip


ALIGNMENTS = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
ALIGNED_NAMES = {"center": "centre", "right": "droite"}


def cell_style(doc, size, align=None):
    """The paragraph style of table cells in `size` points (no spacing), defined once per document;
    with `align`, the same aligned ("center", "right"), based on it."""
    name = f"Cellule {size:g}".replace(".", ",") + (f" {ALIGNED_NAMES[align]}" if align else "")
    styles = doc.styles
    if name in [s.name for s in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.quick_style = False
    if align:
        style.base_style = cell_style(doc, size)
        style.paragraph_format.alignment = ALIGNMENTS[align]
        return style
    style.base_style = styles["Normal"]
    style.font.size = Pt(size)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    return style


def cell_size(style) -> Pt:
    """The font size a cell style gives (its own or its base's)."""
    while style.font.size is None and style.base_style is not None:
        style = style.base_style
    return style.font.size


def fill_cell(cell, lines: list[str], *, size=9, bold=False, align=None, fill=None, style=None) -> None:
    """Cell text, one paragraph per line; a line may be (text, size, bold).

    With `style` (a cell_style), the paragraphs take it and carry only what differs from it.
    """
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for line in lines:
        content, line_size, line_bold = line if isinstance(line, tuple) else (line, size, bold)
        if style is None:
            text(cell, content, size=line_size, bold=line_bold, align=align, after=0)
            continue
        p = cell.add_paragraph(style=style)
        if content:
            run = p.add_run(template_text(content))
            if line_bold:
                run.bold = True
            if line_size and Pt(line_size) != cell_size(style):
                run.font.size = Pt(line_size)
        if align and style.paragraph_format.alignment != ALIGNMENTS[align]:
            p.alignment = ALIGNMENTS[align]
    kit.set_vertical_alignment(cell)
    if fill:
        kit.shade(cell, fill)


def grid(container, widths_mm, header, body_rows, *, caption, size=9, repeat=True, total_mm=None,
         keep_together=False):  # fmt: skip
    """A bordered table: a shaded header row (repeated on each page) and template rows.

    `keep_together`: every row keeps with the next, so a short table moves whole to the next page.
    """
    table = container.add_table(rows=1 + len(body_rows), cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    style = cell_style(container, size)
    for cell, line in zip(table.rows[0].cells, header):
        fill_cell(cell, line if isinstance(line, list) else [line], size=size, bold=True, fill=GREY, align="center",
                  style=cell_style(container, size, "center"))  # fmt: skip
    for row, cells in zip(table.rows[1:], body_rows):
        for cell, line in zip(row.cells, cells):
            fill_cell(cell, line if isinstance(line, list) else [line], size=size, style=style)
        kit.keep_row_together(row)
    if keep_together:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    if repeat:
        kit.repeat_as_header(table.rows[0])
    kit.keep_row_together(table.rows[0])
    kit.set_borders(table, size=4, color="808080")
    kit.set_cell_margins(table, left=kit.mm(1.2), right=kit.mm(1.2), top=kit.mm(0.4), bottom=kit.mm(0.4))
    kit.set_fixed_layout(table)
    kit.set_column_widths(table, [kit.mm(w) for w in widths_mm])
    if total_mm:
        kit.set_table_width(table, kit.mm(total_mm))
    kit.set_caption(table, caption)
    return table


def label_table(container, pairs, widths_mm, *, caption, size=9):
    """Label / value pairs side by side (labels shaded), no header row."""
    columns = len(widths_mm)
    rows = [pairs[i : i + columns // 2] for i in range(0, len(pairs), columns // 2)]
    table = container.add_table(rows=len(rows), cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, row_pairs in zip(table.rows, rows):
        for i, (label, value) in enumerate(row_pairs):
            fill_cell(row.cells[2 * i], [label], size=size, bold=True, fill=LIGHT)
            fill_cell(row.cells[2 * i + 1], [value], size=size)
    kit.set_borders(table, size=4, color="A6A6A6")
    kit.set_cell_margins(table, left=kit.mm(1.5), right=kit.mm(1.5), top=kit.mm(0.5), bottom=kit.mm(0.5))
    kit.set_fixed_layout(table)
    kit.set_column_widths(table, [kit.mm(w) for w in widths_mm])
    kit.set_caption(table, caption)
    return table


def page_header(section, right_lines: list[str], width_mm: float, *, projet: bool = False) -> None:
    """République française block on the left, the document's identity on the right."""
    header = section.header
    header.paragraphs[0]._p.getparent().remove(header.paragraphs[0]._p)
    table = header.add_table(rows=1, cols=2, width=Mm(width_mm))
    left, right = table.rows[0].cells
    fill_cell(left, [("RÉPUBLIQUE FRANÇAISE", 10, True)])
    text(left, "Liberté\nÉgalité\nFraternité", size=7, italic=True, after=2)
    text(left, "{{ entete.academie }}", size=9, bold=True, after=0)
    fill_cell(right, [(line, 8.5, i == 0) for i, line in enumerate(right_lines)], align="right")
    left.paragraphs[0].runs[0].font.color.rgb = BLUE
    kit.no_borders(table)
    kit.set_fixed_layout(table)
    kit.set_column_widths(table, [kit.mm(width_mm * 0.45), kit.mm(width_mm * 0.55)])
    if projet:
        tag(header, "{%p if not signe %}")
        text(header, "PROJET — procès-verbal non signé, sans valeur officielle", size=13, bold=True,
             color=RED, align="center", before=2, after=0)  # fmt: skip
        tag(header, "{%p endif %}")
    text(header, "", size=4, after=0)  # a header ends with a paragraph, whatever the tags leave


def page_footer(section, left: str, width_mm: float, extra: list[str] = (), count: str = "NUMPAGES") -> None:
    """A small footer: optional lines, then `left` and « page X / Y » on the right; Y is the
    document's page count, or the section's with `count="SECTIONPAGES"`."""
    footer = section.footer
    footer.paragraphs[0]._p.getparent().remove(footer.paragraphs[0]._p)
    for line in extra:
        text(footer, line, size=7, after=0)
    p = text(footer, left, size=7.5, after=0)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(width_mm), WD_TAB_ALIGNMENT.RIGHT)
    run = p.add_run("\tpage ")
    run.font.size = Pt(7.5)
    kit.add_field(p, "PAGE")
    p.add_run(" / ").font.size = Pt(7.5)
    kit.add_field(p, count)


def save(doc, path: Path, title: str) -> Path:
    """Write a template with neutral, fixed properties and fixed zip timestamps."""
    props = doc.core_properties
    props.title, props.author, props.comments = title, "jury-tui", ""
    props.last_modified_by, props.keywords, props.subject = "", "", ""
    props.language, props.revision = "fr-FR", 1
    props.created = props.modified = FIXED.replace(tzinfo=None)
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(_normalised_zip(buffer.getvalue()))
    return path


def _normalised_zip(data: bytes) -> bytes:
    """Same entries, same order, fixed timestamps: a reproducible file."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()

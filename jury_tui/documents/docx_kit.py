"""Low-level WordprocessingML helpers shared by the template builder, the renderer and readback.

python-docx covers paragraphs and runs; tables need a few properties it does not expose
(width, fixed layout, header row repeated, alt-text caption, cell margins, shading), page
numbers need field codes, and column loops need the grid recomputed after rendering.
Word is strict about the order of property elements, so every insertion here respects the
schema's sequence.
"""

from __future__ import annotations

from collections.abc import Iterable
from copy import deepcopy

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.table import Table
from lxml import etree

# Schema order of the children we touch (ECMA-376, CT_TblPr / CT_TrPr / CT_TcPr).
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
    "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
    "tblLook", "tblCaption", "tblDescription",
)  # fmt: skip
TRPR_ORDER = (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
    "tblHeader", "tblCellSpacing", "jc", "hidden",
)  # fmt: skip
TCPR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark",
)  # fmt: skip

TWIPS_PER_MM = 1440 / 25.4


def mm(value: float) -> int:
    """Millimetres to twentieths of a point (dxa)."""
    return round(value * TWIPS_PER_MM)


def set_child(parent, tag: str, order: tuple[str, ...], **attrs: str):
    """Replace (or add) parent's child `w:tag`, placed where the schema wants it."""
    for old in parent.findall(qn(f"w:{tag}")):
        parent.remove(old)
    element = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    rank = order.index(tag)
    for position, sibling in enumerate(parent):
        name = sibling.tag.rsplit("}", 1)[-1]
        if name in order and order.index(name) > rank:
            parent.insert(position, element)
            return element
    parent.append(element)
    return element


# --------------------------------------------------------------------------- fields


def add_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """Append a field (PAGE, NUMPAGES...) to a python-docx paragraph, in its last run's style."""
    model = paragraph.runs[-1]._r.find(qn("w:rPr")) if paragraph.runs else None

    def run_with(child) -> None:
        run = paragraph.add_run()
        if model is not None:
            run._r.insert(0, deepcopy(model))
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    text = OxmlElement("w:t")
    text.text = placeholder
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# --------------------------------------------------------------------------- tables


def table_properties(table: Table):
    return table._tbl.tblPr


def set_table_width(table: Table, width: int) -> None:
    set_child(table_properties(table), "tblW", TBLPR_ORDER, w=width, type="dxa")


def set_fixed_layout(table: Table) -> None:
    set_child(table_properties(table), "tblLayout", TBLPR_ORDER, type="fixed")


def set_caption(table: Table, caption: str) -> None:
    """The table's alt-text title: Word keeps it when a site edits the template."""
    set_child(table_properties(table), "tblCaption", TBLPR_ORDER, val=caption)


def caption_of(tbl_element) -> str | None:
    tbl_pr = tbl_element.find(qn("w:tblPr"))
    caption = None if tbl_pr is None else tbl_pr.find(qn("w:tblCaption"))
    return None if caption is None else caption.get(qn("w:val"))


def set_cell_margins(table: Table, *, left: int, right: int, top: int = 0, bottom: int = 0) -> None:
    margins = set_child(table_properties(table), "tblCellMar", TBLPR_ORDER)
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)


def set_borders(table: Table, size: int = 4, color: str = "000000", inner: bool = True) -> None:
    """Single-line borders, `size` in eighths of a point; no inner lines when `inner` is False."""
    borders = set_child(table_properties(table), "tblBorders", TBLPR_ORDER)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        visible = inner or side not in ("insideH", "insideV")
        element.set(qn("w:val"), "single" if visible else "nil")
        element.set(qn("w:sz"), str(size))
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), color)
        borders.append(element)


def no_borders(table: Table) -> None:
    borders = set_child(table_properties(table), "tblBorders", TBLPR_ORDER)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)


def set_column_widths(table: Table, widths: list[int]) -> None:
    """Grid and every cell's width (dxa); the table's width is their sum."""
    grid = table._tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for width in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    for row in table._tbl.tr_lst:
        _set_row_widths(row, widths)
    set_table_width(table, sum(widths))


def shade(cell, fill: str) -> None:
    set_child(cell._tc.get_or_add_tcPr(), "shd", TCPR_ORDER, val="clear", color="auto", fill=fill)


def set_vertical_alignment(cell, value: str = "center") -> None:
    set_child(cell._tc.get_or_add_tcPr(), "vAlign", TCPR_ORDER, val=value)


def repeat_as_header(row) -> None:
    """Repeat this row at the top of each page the table runs onto."""
    set_child(row._tr.get_or_add_trPr(), "tblHeader", TRPR_ORDER)


def keep_row_together(row) -> None:
    set_child(row._tr.get_or_add_trPr(), "cantSplit", TRPR_ORDER)


def set_row_height(row, height: int, rule: str = "atLeast") -> None:
    set_child(row._tr.get_or_add_trPr(), "trHeight", TRPR_ORDER, val=height, hRule=rule)


# --------------------------------------------------------------------------- after rendering


_TR, _TC, _TCPR, _TCW, _GRIDSPAN, _TBLGRID = (qn(f"w:{t}") for t in ("tr", "tc", "tcPr", "tcW", "gridSpan", "tblGrid"))
_VAL, _W, _TYPE = qn("w:val"), qn("w:w"), qn("w:type")
_TCW_RANK = TCPR_ORDER.index("tcW")
_AFTER_TCW = frozenset(TCPR_ORDER[_TCW_RANK + 1 :])


def _child(element, tag: str):
    """`element.find(tag)` for a direct child, without ElementPath."""
    return next(element.iterchildren(tag), None)


def _span(tc) -> int:
    tc_pr = _child(tc, _TCPR)
    span = None if tc_pr is None else _child(tc_pr, _GRIDSPAN)
    return 1 if span is None else int(span.get(_VAL))


def _width(tc) -> int | None:
    tc_pr = _child(tc, _TCPR)
    tc_w = None if tc_pr is None else _child(tc_pr, _TCW)
    if tc_w is None or tc_w.get(_TYPE) not in (None, "dxa"):
        return None
    value = tc_w.get(_W)
    return int(float(value)) if value else None


def _set_row_widths(tr, widths: list[int], cells=None, spans=None) -> None:
    column = 0
    cells = list(tr.iterchildren(_TC)) if cells is None else cells
    for tc, span in zip(cells, spans or [_span(tc) for tc in cells]):
        _set_cell_width(_tc_pr(tc), sum(widths[column : column + span]))
        column += span


def _set_cell_width(tc_pr, width: int) -> None:
    """`set_child(tc_pr, "tcW", TCPR_ORDER, w=width, type="dxa")`, done in place when the
    cell's one tcW already stands where set_child would put it (rows repeated by a template
    loop): the XML is the same, without rebuilding the element."""
    found = list(tc_pr.iterchildren(_TCW))
    if len(found) == 1 and found[0].text is None and found[0].tail is None and not len(found[0]):
        tc_w = found[0]
        following = tc_w.getnext()
        if (following is None or _after_tcw(following)) and not any(
            _after_tcw(sibling) for sibling in tc_w.itersiblings(preceding=True)
        ):
            tc_w.attrib.clear()
            tc_w.set(_W, str(width))
            tc_w.set(_TYPE, "dxa")
            return
    set_child(tc_pr, "tcW", TCPR_ORDER, w=width, type="dxa")


def _after_tcw(element) -> bool:
    """An element set_child places after tcW (it compares local names, in schema order)."""
    return isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] in _AFTER_TCW


def _tc_pr(tc):
    tc_pr = _child(tc, _TCPR)
    if tc_pr is None:
        tc_pr = OxmlElement("w:tcPr")
        tc.insert(0, tc_pr)
    return tc_pr


def fit_table(tbl) -> None:
    """Recompute a table's grid from its cells after column loops, keeping its width.

    docxtpl's column loops repeat a cell; the grid then no longer matches the cells. The
    widest row without merged cells gives each column's relative width, scaled so that the
    table keeps the width the template gave it.
    """
    if _fit_uniform(tbl):
        return
    rows = list(tbl.iterchildren(_TR))
    cells = [list(r.iterchildren(_TC)) for r in rows]
    spans = [[_span(tc) for tc in row] for row in cells]
    plain = [i for i, row in enumerate(spans) if all(span == 1 for span in row)]
    if not plain:
        return
    reference = max(plain, key=lambda i: len(cells[i]))
    widths = [_width(tc) for tc in cells[reference]]
    if not widths or any(w is None or w <= 0 for w in widths):
        return
    if any(sum(row) != len(widths) for row in spans):
        return
    scaled = _set_grid(tbl, widths)
    for tr, row_cells, row_spans in zip(rows, cells, spans):
        _set_row_widths(tr, scaled, row_cells, row_spans)


_X = {"w": nsmap["w"]}
_ANY_SPAN = etree.XPath("boolean(./w:tr/w:tc/w:tcPr/w:gridSpan)", namespaces=_X)
_CELLS_IN_ROW = etree.XPath("count(w:tc)", namespaces=_X)
_TCWS = etree.XPath("./w:tr/w:tc/w:tcPr/w:tcW", namespaces=_X)
# A cell whose tcW set_child would not simply overwrite: no tcPr or several, several tcW, a
# tcW that is not the first child (stricter than set_child: then fit_table's own way), text
# or comments among the properties, a tcW with content, or followed by an element set_child
# would not put after it. Namespace-aware tests are stricter than set_child's local names.
_NOT_IN_PLACE = etree.XPath(
    "boolean(./w:tr/w:tc[count(w:tcPr) != 1]"
    " | ./w:tr/w:tc/w:tcPr[count(w:tcW) != 1 or not(*[1][self::w:tcW]) or text() or comment()"
    "   or processing-instruction()"
    "   or *[2][not(" + " or ".join(f"self::w:{n}" for n in TCPR_ORDER[_TCW_RANK + 1 :]) + ")]]"
    " | ./w:tr/w:tc/w:tcPr/w:tcW[node()])",
    namespaces=_X,
)


def _fit_uniform(tbl) -> bool:
    """`fit_table` for a table without merged cells whose every cell has its one tcW where
    set_child would put it (a template's rows repeated): the same result, each width set in
    place, the cells found by XPath. False (nothing done) when the table is not like that."""
    if _ANY_SPAN(tbl):
        return False
    rows = list(tbl.iterchildren(_TR))
    counts = [int(_CELLS_IN_ROW(r)) for r in rows]
    if not rows or not max(counts):
        return False
    n = max(counts)
    widths = [_width(tc) for tc in rows[counts.index(n)].iterchildren(_TC)]
    if any(w is None or w <= 0 for w in widths) or any(count != n for count in counts):
        return True  # what fit_table does then: nothing
    if _NOT_IN_PLACE(tbl):
        return False
    scaled = _set_grid(tbl, widths)
    wanted = [[(_W, str(width)), (_TYPE, "dxa")] for width in scaled]
    for k, tc_w in enumerate(_TCWS(tbl)):
        items = tc_w.items()
        want = wanted[k % n]
        if items != want:
            if len(items) != 2 or items[0][0] != _W or items[1] != want[1]:
                # Not w:w then w:type="dxa": fit_table's own way, from the start. The widths
                # set so far are those it sets, and it reads them back as they are.
                return False
            tc_w.set(*want[0])  # in place: w:w stays first
    return True


def _set_grid(tbl, widths: list[int]) -> list[int]:
    """Give the table's grid one column per width, scaled so that the table keeps the width
    the template gave it (the last column takes the rounding); the scaled widths."""
    target = _table_target_width(tbl) or sum(widths)
    scaled = [w * target // sum(widths) for w in widths]
    scaled[-1] += target - sum(scaled)
    grid = _child(tbl, _TBLGRID)
    for col in list(grid):
        grid.remove(col)
    for width in scaled:
        col = OxmlElement("w:gridCol")
        col.set(_W, str(width))
        grid.append(col)
    return scaled


def _table_target_width(tbl) -> int | None:
    tbl_pr = tbl.find(qn("w:tblPr"))
    tbl_w = None if tbl_pr is None else tbl_pr.find(qn("w:tblW"))
    if tbl_w is None or tbl_w.get(qn("w:type")) != "dxa":
        return None
    value = int(float(tbl_w.get(qn("w:w")) or 0))
    return value or None


def fit_tables(body) -> None:
    for tbl in list(body.iter(qn("w:tbl"))):
        fit_table(tbl)


def tables_with_caption(body, caption: str) -> Iterable:
    return [tbl for tbl in body.iter(qn("w:tbl")) if caption_of(tbl) == caption]

"""`jury results` as a table that fits the terminal (80 columns when it is not a terminal).

Every column has its header; averages are right-aligned, so that their decimal commas line up
(they all have two decimals). When the names do not fit, the nom and prénom columns share
what is left and a cut name ends with « … »; on a narrow terminal the prénom column goes.
The full names are in `--format csv|json` and in the xlsx export.
"""

from __future__ import annotations

HEADERS = ("numéro", "nom", "prénom", "moyenne", "proposition", "décision", "à revoir")
RIGHT = {3}  # moyenne
NOM, PRENOM = 1, 2
GAP = "  "
MIN_NOM, MIN_PRENOM = 8, 5  # below these, a name is no longer recognisable
ELLIPSIS = "…"


def render(rows: list[tuple[str, ...]], width: int) -> str:
    """The table of `rows` (one tuple of cell texts per candidate, in HEADERS' order) in at
    most `width` columns."""
    if not rows:
        return "Aucun candidat dans la session."
    widths = [max(len(header), *(len(row[i]) for row in rows)) for i, header in enumerate(HEADERS)]
    columns = _fit(widths, width)
    lines = [_line(HEADERS, columns, widths), _line(tuple("-" * w for w in widths), columns, widths)]
    lines += [_line(row, columns, widths) for row in rows]
    return "\n".join(lines)


def _fit(widths: list[int], width: int) -> list[int]:
    """The columns shown (positions), with `widths` narrowed in place to fit `width`."""
    columns = list(range(len(HEADERS)))
    others = sum(w for i, w in enumerate(widths) if i not in (NOM, PRENOM)) + len(GAP) * (len(columns) - 1)
    room = width - others  # for nom, the gap between them, and prénom
    if widths[NOM] + len(GAP) + widths[PRENOM] <= room:
        return columns
    if room - len(GAP) >= MIN_NOM + MIN_PRENOM:
        names = room - len(GAP)
        prenom = min(widths[PRENOM], max(MIN_PRENOM, names * 2 // 5))
        widths[NOM] = min(widths[NOM], names - prenom)
        widths[PRENOM] = names - widths[NOM]  # what the nom leaves
        return columns
    columns.remove(PRENOM)
    widths[NOM] = min(widths[NOM], max(room, len(HEADERS[NOM]) + 1))  # below that, lines wrap
    return columns


def _line(cells: tuple[str, ...], columns: list[int], widths: list[int]) -> str:
    parts = []
    for i in columns:
        text = _cut(cells[i], widths[i])
        parts.append(text.rjust(widths[i]) if i in RIGHT else text.ljust(widths[i]))
    return GAP.join(parts).rstrip()


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + ELLIPSIS

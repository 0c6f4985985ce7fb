"""Compare every part of a procès-verbal with the same template rendered from the session.

`jury verify` renders the minutes the session gives now (without candidate rows, which
`readback.differences` compares row by row) and reads both documents with the same reader
(`readback.Parts`): what differs is then what was edited, whatever the template. Each part
is named as a reader of the minutes knows it; texts are compared as
`typography.comparable` gives them, and the edition time (« édité le … ») is ignored.
"""

from __future__ import annotations

import difflib
import re

from jury_tui.documents.readback import Parts, quote
from jury_tui.documents.typography import comparable

# Captions of the default PV template's tables -> what they are, for the reader.
TABLE_NAMES = {
    "entete": "tableau d'en-tête (académie, session, diplôme, jury, date, lieu)",
    "membres": "composition du jury (membres et présences)",
    "composition": "contrôle de la composition du jury",
    "coefficients": "unités et coefficients",
    "totaux": "totaux",
    "signatures": "signataires",
}
LABEL_TABLES = {"entete"}  # label / value pairs side by side, no header row
PARAGRAPHS = "textes du procès-verbal (titre, bilan, « Fait à … »)"
HEADERS = "en-tête des pages"
FOOTERS = "pied des pages"
_EDITED = re.compile(r"édité le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}")
_SIGNATURE_LINE = re.compile(r"sign[ée]\s+par|empreinte\s+SHA-256", re.IGNORECASE)  # checked on their own


def _text(text: str) -> str:
    return comparable(_EDITED.sub("édité le …", text))


def part_names(expected: Parts) -> list[str]:
    """The parts a comparison with `expected` checks, in the document's order."""
    return [HEADERS, PARAGRAPHS] + [TABLE_NAMES.get(c, f"tableau « {c} »") for c in expected.tables] + [FOOTERS]


def compare(shown: Parts, expected: Parts) -> dict[str, list[str]]:
    """{part: [what differs]} for the parts that differ (French)."""
    out: dict[str, list[str]] = {}

    def add(part: str, items: list[str]) -> None:
        if items:
            out.setdefault(part, []).extend(items)

    add(HEADERS, _sequence(shown.headers, expected.headers))
    add(PARAGRAPHS, _sequence(shown.paragraphs, expected.paragraphs))
    for caption, rows in expected.tables.items():
        name = TABLE_NAMES.get(caption, f"tableau « {caption} »")
        if caption not in shown.tables:
            add(name, ["tableau absent du document (son texte de remplacement « " + caption + " » a-t-il changé ?)"])
        else:
            add(name, _table(shown.tables[caption], rows, caption in LABEL_TABLES))
    for caption in shown.tables.keys() - expected.tables.keys():
        add(f"tableau « {caption} »", ["tableau en plus dans le document"])
    footers = [line for line in shown.footers if not _SIGNATURE_LINE.search(line)]
    add(FOOTERS, _sequence(footers, [line for line in expected.footers if not _SIGNATURE_LINE.search(line)]))
    return out


def _sequence(shown: list[str], expected: list[str]) -> list[str]:
    """Lines or paragraphs in order: what was changed, removed or added."""
    a, b = [_text(x) for x in shown], [_text(x) for x in expected]
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            out.extend(f"{quote(shown[i])} dans le document, {quote(expected[j])} dans la session"
                       for i, j in zip(range(i1, i2), range(j1, j2)))  # fmt: skip
            continue
        out.extend(f"{quote(expected[j])} absent du document" for j in range(j1, j2))
        out.extend(f"{quote(shown[i])} en plus dans le document" for i in range(i1, i2))
    return out


def _row_name(row: list[str], rows: list[list[str]]) -> str:
    """The shortest start of a row that no other row shares: « Professionnel DUBOIS Sylvain »."""
    for width in (1, 2, 3):
        start = [_text(c) for c in row[:width]]
        if sum(1 for other in rows if [_text(c) for c in other[:width]] == start) == 1:
            break
    return " ".join(cell for cell in row[:width] if cell) or "(vide)"


def _table(shown: list[list[str]], expected: list[list[str]], labels: bool) -> list[str]:
    """Row by row (aligned on their texts); each differing cell named by its column's header,
    or in a label table by the label before it."""
    header = [] if labels else expected[0] if expected else []
    key = [[_text(c) for c in row] for row in shown], [[_text(c) for c in row] for row in expected]
    out = []
    matcher = difflib.SequenceMatcher(None, [tuple(r) for r in key[0]], [tuple(r) for r in key[1]], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2)):
                out.extend(_cells(shown[i], expected[j], header, labels, _row_name(expected[j], expected)))
            continue
        out.extend(f"ligne {quote(' '.join(expected[j]))} absente du document" for j in range(j1, j2))
        out.extend(f"ligne {quote(' '.join(shown[i]))} en plus dans le document" for i in range(i1, i2))
    return out


def _cells(shown: list[str], expected: list[str], header: list[str], labels: bool, row: str) -> list[str]:
    if len(shown) != len(expected):
        return [f"ligne {row} : {len(shown)} colonnes dans le document, {len(expected)} dans la session"]
    out = []
    for index, (a, b) in enumerate(zip(shown, expected)):
        if _text(a) == _text(b):
            continue
        if labels:
            column = expected[index - 1] if index % 2 else "libellé"
            out.append(f"{column} : {quote(a)} dans le document, {quote(b)} dans la session")
        else:
            column = header[index] if index < len(header) else f"colonne {index + 1}"
            out.append(f"ligne {row}, {column.splitlines()[0] if column else 'colonne'} : {quote(a)} dans le "
                       f"document, {quote(b)} dans la session")  # fmt: skip
    return out

"""Results as rows: the JSON objects and the Excel-FR CSV of `jury results` (DESIGN.md §2)."""

from __future__ import annotations

import csv
import io
import re

from jury_tui.domain import grades
from jury_tui.domain.grades import french, plain

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def result_row(view, numero: str) -> dict:
    c = view.candidate(numero)
    r = view.result(numero)
    no_average = r.moyenne is None
    return {
        "numero": c.numero,
        "nom": c.nom,
        "prenom": c.prenom,
        "moyenne": None if no_average else plain(r.moyenne),
        "points": None if no_average else plain(r.points),
        "coefficients": None if no_average else str(r.coefficients),
        "proposition": r.proposition,
        "decision": c.latest_decision.decision if c.latest_decision else None,
        "decisions": [
            {"tour": d.tour, "decision": d.decision, "motif": d.motif, "par": d.par, "le": d.le}
            for _, d in sorted(c.decisions.items())
        ],
        "a_revoir": c.a_revoir,
        "livret": c.livret,
        "livret_examine": c.livret_examine,
        "unites_acquises": list(r.unites_acquises),
        "blocs_acquis": list(r.blocs_acquis),
        "ajustements": [
            {"unite": a.unite, "avant": _text(a.avant), "apres": _text(a.apres), "motif": a.motif, "par": a.par, "le": a.le}
            for a in c.ajustements
        ],
        "controle": {u: _text(v) for u, v in c.controle.items()},
        "carte_professionnelle": r.carte_professionnelle,
    }


def _text(value) -> str:
    """Grades as "12.50" (JSON form); codes as themselves."""
    if value is None:
        return ""
    if value.kind == grades.NOTE:
        return plain(value.hundredths)
    return str(value)


def neutralise(text):
    """A cell a spreadsheet would run as a formula is prefixed with an apostrophe; a cell that
    is not a text (a name stored as null) is left to the writer."""
    if isinstance(text, str) and text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def _is_number(text: str) -> bool:
    """A plain decimal number. Not float()'s grammar: a spreadsheet runs "-INF", "-1_0" or
    "\t0" as formulas (or errors), so they are neutralised like any other text."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def csv_text(view) -> str:
    """The results for Excel-FR (DESIGN.md §2): UTF-8 with BOM, `;`, decimal comma, one column
    per unit, every cell a spreadsheet would run as a formula neutralised."""
    units = [u.code for u in view.regulation.units]
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow([
        "numero", "nom", "prenom", *units, "moyenne", "points", "coefficients", "proposition", "decision",
        "a_revoir", "livret", "livret_examine", "unites_acquises", "blocs_acquis", "carte_professionnelle",
    ])  # fmt: skip
    for c in view.active:
        r = view.result(c.numero)
        d = c.latest_decision
        average = r.moyenne is not None
        cells = [
            c.numero,
            c.nom,
            c.prenom,
            *(grades.display(r.effective.get(u)) for u in units),
            french(r.moyenne) if average else "",
            french(r.points) if average else "",
            str(r.coefficients) if average else "",
            r.proposition,
            d.decision if d else "",
            _yes_no(c.a_revoir),
            _yes_no(c.livret),
            _yes_no(c.livret_examine),
            " ".join(r.unites_acquises),
            " ".join(r.blocs_acquis),
            _yes_no(r.carte_professionnelle),
        ]
        writer.writerow([neutralise(cell) for cell in cells])
    return buf.getvalue()


def _yes_no(flag) -> str:
    return "oui" if flag else "non"

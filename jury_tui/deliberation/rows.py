"""Results as rows: the JSON objects and the Excel-FR CSV of `jury results` (DESIGN.md §2)."""

from __future__ import annotations

import csv
import io
import re

from jury_tui.domain import grades
from jury_tui.domain.grades import plain

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_PREFIXES)  # `neutralise`, inline


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


def neutralise(text: str) -> str:
    """A cell a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if text and text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def _is_number(text: str) -> bool:
    """A plain decimal number. Not float()'s grammar: a spreadsheet runs "-INF", "-1_0" or
    "\t0" as formulas (or errors), so they are neutralised like any other text."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def csv_text(view) -> str:
    """UTF-8 with BOM, `;`, decimal comma, one column per unit, formulas neutralised."""
    reg = view.regulation
    units = [u.code for u in reg.units]
    header = ["numero", "nom", "prenom", *units, "moyenne", "points", "coefficients", "proposition", "decision"]
    header += ["a_revoir", "livret", "livret_examine", "unites_acquises", "blocs_acquis", "carte_professionnelle"]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(header)
    active = view.active
    view.compute_many(active)
    shown: dict[int, tuple] = {}  # id(value) -> (value, its display): a session shares its Values
    for c in active:
        r = view.result(c.numero)
        d = c.latest_decision
        cells = [c.numero, c.nom, c.prenom]
        effective = r.effective
        for u in units:
            v = effective.get(u)
            hit = shown.get(id(v))
            if hit is None or hit[0] is not v:
                hit = shown[id(v)] = (v, grades.display(v))
            cells.append(hit[1])
        held, blocs = r.acquis
        cells += [
            "" if r.moyenne is None else grades.french(r.moyenne),
            "" if r.moyenne is None else grades.french(r.points),
            "" if r.moyenne is None else str(r.coefficients),
            r.proposition,
            d.decision if d else "",
            _yn(c.a_revoir),
            _yn(c.livret),
            _yn(c.livret_examine),
            " ".join(held),
            " ".join(blocs),
            _yn(r.carte_professionnelle),
        ]
        w.writerow([("'" + x) if x and x[0] in _FORMULA_FIRST and not _is_number(x) else x for x in cells])
    return "\ufeff" + buf.getvalue()


def _yn(flag: bool) -> str:
    return "oui" if flag else "non"

"""Results as rows: the JSON objects and the Excel-FR CSV of `jury results` (DESIGN.md §2)."""

from __future__ import annotations

import csv
import io
import re
from operator import itemgetter

from jury_tui.domain import grades
from jury_tui.domain.grades import french, plain

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
    """UTF-8 with BOM, `;`, decimal comma, one column per unit, formulas neutralised.

    The rows are joined here rather than by a csv.writer, each cell rendered once per distinct
    value where it can: a cell that could need quoting or neutralising goes through `_Fields`,
    which writes it as the writer would, neutralised (the names only when some name is not a
    plain text); numbers need neither (`grades.french`). tests/unit/test_rows_fast.py holds the
    whole against a csv.writer row of neutralised cells per candidate."""
    reg = view.regulation
    units = [u.code for u in reg.units]
    header = ["numero", "nom", "prenom", *units, "moyenne", "points", "coefficients", "proposition", "decision"]
    header += ["a_revoir", "livret", "livret_examine", "unites_acquises", "blocs_acquis", "carte_professionnelle"]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerow(header)
    active = view.active
    results = view.results_of(active)
    field = _Fields()
    numeros, noms, prenoms = [c.numero for c in active], [c.nom for c in active], [c.prenom for c in active]
    if not _plain_texts(numeros + noms + prenoms):
        numeros, noms, prenoms = ([field.render(x) for x in column] for column in (numeros, noms, prenoms))
    shown = _Shown(field)
    blank = dict.fromkeys(units)
    values_of = _getter(units)
    cell_of = shown.__getitem__
    acquis_plain = _plain_texts([*units, *(u.bloc or "" for u in reg.units)])
    lines = ["\ufeff", buf.getvalue()]
    append = lines.append
    for c, r, numero, nom, prenom in zip(active, results, numeros, noms, prenoms):
        shown.row = values = values_of(blank | r.effective)
        grade_cells = ";".join(map(cell_of, map(id, values)))
        average = ";;" if r.moyenne is None else f"{french(r.moyenne)};{french(r.points)};{r.coefficients}"
        if acquis_plain:  # the units' codes and blocs are plain texts, and so are their lists
            held = ";".join(map(" ".join, (r.unites_acquises, r.blocs_acquis)))
        else:
            held = ";".join([field[" ".join(x)] for x in (r.unites_acquises, r.blocs_acquis)])
        d = c.latest_decision
        decision = "" if d is None else field[d.decision] if type(d.decision) is str else field.render(d.decision)
        append(
            f"{numero};{nom};{prenom};{grade_cells};{average};{field[r.proposition]};{decision};"
            f"{'oui' if c.a_revoir else 'non'};{'oui' if c.livret else 'non'};{'oui' if c.livret_examine else 'non'};"
            f"{held};{'oui' if r.carte_professionnelle else 'non'}\r\n"
        )
    return "".join(lines)


def _getter(units: list[str]):
    """A mapping holding every unit -> its values, in the units' order (a tuple)."""
    if len(units) == 1:
        return lambda mapping: (mapping[units[0]],)
    return itemgetter(*units) if units else lambda mapping: ()


# What makes csv.writer (`;`, `"`, QUOTE_MINIMAL) quote a cell, and more: a cell without
# any of these is written as it is (tests/unit/test_rows_fast.py checks every character).
_CSV_SPECIAL = re.compile(r'[;"\x00-\x1f\x7f]')
_FORMULA_LINE = re.compile(r"^[=+\-@]", re.MULTILINE)  # \t and \r are special already


def _plain_texts(cells: list) -> bool:
    """No cell needs quoting nor neutralising: each is written as it is."""
    try:
        if _CSV_SPECIAL.search("".join(cells)):
            return False
    except TypeError:  # not a text: `_Fields.render` writes it as the writer would
        return False
    return _FORMULA_LINE.search("\n".join(cells)) is None  # one line a cell: no cell holds a newline


class _Shown(dict):
    """id(value) -> the value's cell: a session shares its Values, so a cell is rendered once
    per distinct value, when first met in `row` (the values of the row being written). The
    values met are kept, so that no id is reused meanwhile."""

    __slots__ = ("row", "_field", "_kept")

    def __init__(self, field: _Fields):
        super().__init__({id(None): ""})
        self.row: tuple = ()
        self._field = field
        self._kept: list = []

    def __missing__(self, key: int) -> str:
        try:
            value = self.row[list(map(id, self.row)).index(key)]
        except ValueError:
            raise KeyError(key) from None
        self._kept.append(value)
        out = self[key] = self._field.render(grades.display(value))
        return out


class _Fields(dict):
    """A cell's text -> the cell as csv.writer writes it, neutralised: rendered once per text."""

    __slots__ = ("_buf", "_writer")

    def __init__(self):
        super().__init__()
        self._buf = io.StringIO()
        self._writer = csv.writer(self._buf, delimiter=";", lineterminator="\r\n")  # (it quotes its characters)

    def __missing__(self, text):
        out = self[text] = self.render(text)
        return out

    def render(self, text) -> str:
        if type(text) is str and text[:1] not in _FORMULA_FIRST and _CSV_SPECIAL.search(text) is None:
            return text  # as it is
        x = ("'" + text) if text and text[0] in _FORMULA_FIRST and not _is_number(text) else text
        if x is None or x == "":
            return ""  # (a row of this one cell would be written as "")
        buf = self._buf
        buf.seek(0)
        buf.truncate()
        self._writer.writerow([x])
        return buf.getvalue()[:-2]

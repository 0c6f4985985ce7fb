"""The one pass behind `results.compute` and `results.compute_all` (RULES.md §3, §4, §7).

It walks the regulation's units once, from a table built once per regulation (each unit's
coefficient, nature, bonus weight and bloc; the thresholds; the reasons that do not depend
on the candidate; the pass itself, written out for the regulation's mandatory units) and
kept on the Regulation object, so that a session's or an académie's results cost little
more than the sums themselves. Import `results`, not this module: it is
the engine's inside, and its Results are built straight from their tuple.
"""

from __future__ import annotations

import itertools
import linecache
from collections.abc import Iterable

from jury_tui.domain import grades
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.grades import ABJ, ABS, NP, Value
from jury_tui.domain.regulation import Regulation
from jury_tui.domain.results import (
    ADMIS,
    AJOURNE,
    CONTROLE,
    INCOMPLET,
    NON_DELIVRE,
    Result,
    _Context,
    effective_values,  # noqa: F401 - called by the generated pass only
    held_units,
)

_new_result = tuple.__new__


class Table:
    """What `compute` needs of a regulation, prepared once (kept on the Regulation object)."""

    __slots__ = (
        "units", "mandatory", "general", "professional", "general_coefs", "professional_coefs", "optional", "index", "abs_zero", "absent_optional", "admis", "controle",
        "controle_pro", "reasons", "carte", "compute",
    )  # fmt: skip

    def __init__(self, reg: Regulation):
        # (code, coefficient, professional, optional, bonus weight, bloc)
        self.units = tuple(
            (u.code, u.coefficient, u.professional, u.optional, u.bonus_weight, u.bloc) for u in reg.units
        )
        self.mandatory = tuple((u.code, u.coefficient, u.professional) for u in reg.units if not u.optional)
        self.general = tuple((u.code, u.coefficient) for u in reg.units if not u.optional and not u.professional)
        self.professional = tuple((u.code, u.coefficient) for u in reg.units if u.professional)
        self.general_coefs = sum(coefficient for _, coefficient in self.general)
        self.professional_coefs = sum(coefficient for _, coefficient in self.professional)
        self.optional = tuple((u.code, u.bonus_weight) for u in reg.units if u.optional)
        self.index = {u.code: i for i, u in enumerate(reg.units)}
        self.abs_zero = reg.policies.abs_moyenne_affichee == "zero"
        self.absent_optional = reg.policies.absence_facultative == "non_delivre"
        self.admis, self.controle, self.controle_pro = reg.admis, reg.controle, reg.controle_pro
        self.carte = tuple(u.code for u in reg.units if u.carte_professionnelle)
        admis, controle, pro = (grades.french(x) for x in (reg.admis, reg.controle, reg.controle_pro))
        self.reasons = {
            "dispenses": "toutes les unités obligatoires sont acquises par dispense ou VAE",
            ADMIS: f"moyenne d'au moins {admis} (D643-22)",
            "tour2": f"moyenne inférieure à {admis} après les épreuves de contrôle (D643-22)",
            CONTROLE: (
                f"moyenne entre {controle} et {admis} et moyenne des unités "
                f"professionnelles d'au moins {pro} : épreuves de contrôle (D643-22)"
            ),
            "pro": (
                f"moyenne entre {controle} et {admis} mais moyenne des unités "
                f"professionnelles inférieure à {pro} : pas de contrôle (D643-22)"
            ),
            AJOURNE: f"moyenne inférieure à {controle} (D643-22)",
        }
        self.compute = _specialise(self, reg)


def table_of(reg: Regulation) -> Table:
    table = reg.__dict__.get("_results_table")
    if table is None:
        table = Table(reg)
        object.__setattr__(reg, "_results_table", table)  # frozen: a cache, like its units by code
    return table


def compute_many(cands: Iterable[Candidate], reg: Regulation, tour: int) -> list[Result]:
    """The Result of each candidate, in order (`results.compute_all` pauses the collector around it)."""
    table = reg.__dict__.get("_results_table") or table_of(reg)
    return table.compute(table, cands, reg, tour)


# The pass over the candidates, written once for every regulation: `_specialise` replaces the
# marker lines by the regulation's units, one after the other (`_UNIT` for a mandatory one,
# `_OPTIONAL` for an optional one, each code and number a literal), and the names in braces by
# the regulation's numbers. No loop over the units is left inside the loop over the candidates,
# where an académie's results spend their time. The codes are written with repr(), the numbers are ints: nothing else goes in.
_LOOP = """\
def compute(table, cands, reg, tour):
    admis, controle, controle_pro = table.admis, table.controle, table.controle_pro
    absent_optional, reasons = table.absent_optional, table.reasons
    reason_admis, reason_ajourne = reasons[ADMIS], reasons["tour2" if tour >= 2 else AJOURNE]
    reason_controle, reason_pro = reasons[CONTROLE], reasons["pro"]
    # Without a code at a mandatory unit, the coefficients are the regulation's: the
    # thresholds in points are known before the first candidate.
    admis_at, controle_at = admis * {coefs_total!r}, controle * {coefs_total!r}
    controle_pro_at = controle_pro * {professional_coefs!r}
    late = tour >= 2  # the contrôle's grades count
    shared = _Context(tour, table)
    out = []
    append, new, result = out.append, _new_result, Result
    for c in cands:
        values = c.notes  # without adjustment or contrôle grades, the grades as they are
        if late and c.controle:
            values = effective_values(c, reg, tour)
        elif c.ajustements:
            values = _adjusted(c, tour)
        # Each mandatory unit, general then professional. A grade counts its hundredths ×
        # coefficient (a Value holds hundredths exactly when it is a grade, kept or not); a
        # code goes to `_code`. A unit without a value raises KeyError (AttributeError for None).
        points = pro_points = 0
        coefs, pro_coefs = {general_coefs!r}, {professional_coefs!r}
        absent = not_presented = ()
        rare = {always_rare!r}  # a code, an absence: the proposal takes the long way
        try:
            # general units
            # professional units
        except (KeyError, AttributeError):
            missing = tuple(code for code, _, _ in table.mandatory if values.get(code) is None)
            if not missing:
                raise
            append(_incomplete(c, reg, table, tour, values, missing))
            continue
        points += pro_points
        coefs += pro_coefs
        extra = len(values) - {mandatory_count!r}  # optional values (or units the regulation does not have)
        if extra:
            # optional units
            if extra:  # values of units the regulation does not have: they never count
                values = {code: v for code, *_ in table.units if (v := values.get(code)) is not None}
        # RULES.md §4, in its order (D643-24, D643-23, D643-22, D643-15 2°)
        if rare:
            proposition, reason = _propose(table, tour, points, coefs, pro_points, pro_coefs, absent, not_presented)
            if not coefs:
                points = coefs = None
            if not pro_coefs:
                pro_points = pro_coefs = None
        elif points >= admis_at:
            proposition, reason = ADMIS, reason_admis
        elif late or points < controle_at:
            proposition, reason = AJOURNE, reason_ajourne
        elif pro_points >= controle_pro_at:
            proposition, reason = CONTROLE, reason_controle
        else:
            proposition, reason = AJOURNE, reason_pro
        context = shared
        if (c.attestation_shg and _carte(c, tour, proposition, values, table)) or (late and c.controle):
            context = _rare_context(c, reg, table, tour, proposition, values)
        append(new(result, (c.numero, proposition, reason, points, coefs, pro_points, pro_coefs, values, context)))
    return out
"""

_specialised = itertools.count(1)

_OPTIONAL = """\
            if extra and (v := values.get({code!r})) is not None:
                h = v.hundredths
                if h is not None:
                    if h > 1000:
                        points += (h - 1000) * {weight!r}  # D643-22: only points above 10
                elif absent_optional and v.kind == ABS:
                    absent += ({code!r},)
                    rare = True
                extra -= 1
"""

_UNIT = """\
            h = values[{code!r}].hundredths
            if h is not None:
                {points} += h * {coefficient!r}
            else:
                counted, absent, not_presented = _code(values[{code!r}], {code!r}, table, absent, not_presented)
                rare = True
                if not counted:
                    {coefs} -= {coefficient!r}
"""


def _specialise(table: Table, reg: Regulation):
    """`compute` for this regulation: `_LOOP` with its mandatory units written out."""
    general = "".join(
        _UNIT.format(code=code, coefficient=int(coefficient), points="points", coefs="coefs")
        for code, coefficient in table.general
    )  # fmt: skip
    professional = "".join(
        _UNIT.format(code=code, coefficient=int(coefficient), points="pro_points", coefs="pro_coefs")
        for code, coefficient in table.professional
    )  # fmt: skip
    total = table.general_coefs + table.professional_coefs
    source = _LOOP
    for name, value in (
        ("coefs_total", int(total)),
        ("general_coefs", int(table.general_coefs)),
        ("professional_coefs", int(table.professional_coefs)),
        ("mandatory_count", len(table.mandatory)),
        # no coefficient at all, or none professional: every candidate takes the long way
        ("always_rare", not total or not table.professional_coefs),
    ):
        source = source.replace("{" + name + "!r}", repr(value))
    # The units last: a code is any text, and nothing is replaced inside it afterwards.
    optional = "".join(_OPTIONAL.format(code=code, weight=int(weight)) for code, weight in table.optional)
    source = source.replace("            # optional units\n", optional)
    source = source.replace("            # general units\n", general or "            pass\n")
    source = source.replace("            # professional units\n", professional)
    filename = f"<results_table: {reg.id}, {next(_specialised)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)  # tracebacks show it
    namespace = dict(globals())
    exec(compile(source, filename, "exec"), namespace)
    return namespace["compute"]


def _adjusted(c: Candidate, tour: int) -> dict[str, Value]:
    """The grades with the jury's adjustments in force at `tour` (`Candidate.value`, every unit)."""
    values = c.notes.copy()
    best: dict[str, int] = {}
    for adj in c.ajustements:  # per unit, the first of the latest tour <= tour
        if adj.tour <= tour and (adj.unite not in best or adj.tour > best[adj.unite]):
            best[adj.unite] = adj.tour
            values[adj.unite] = adj.apres
    return values


def _rare_context(c: Candidate, reg: Regulation, table: Table, tour: int, proposition: str, values) -> _Context:
    """The carte professionnelle of a candidate with the attendance certificate; the units
    held before the contrôle when the regulation says the contrôle does not make them held."""
    carte = _carte(c, tour, proposition, values, table) if c.attestation_shg else False
    held = None
    if tour >= 2 and c.controle and not reg.policies.controle_acquiert:
        held = _held_before_controle(values, c, reg, tour)
    return _Context(tour, table, (), carte, held)


def _code(v: Value, code: str, table: Table, absent: tuple, not_presented: tuple) -> tuple[bool, tuple, tuple]:
    """A mandatory unit holding a code: (whether its coefficient counts, absent, not presented)."""
    kind = v.kind
    if kind == ABJ:  # D643-24: ABJ counts 0
        return True, absent, not_presented
    if kind == NP:  # D643-14
        return False, absent, not_presented + (code,)
    if kind == ABS:  # D643-24 (the average shown counts it 0 under policy abs_moyenne_affichee = zero)
        return table.abs_zero, absent + (code,), not_presented
    return False, absent, not_presented  # DISP, VAE: D643-17, D643-18 (interpretation: left out)


def _held_before_controle(values, c: Candidate, reg: Regulation, tour: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Policy controle_acquiert = false: a unit is held on its grade before the contrôle."""
    units = held_units(values, c, reg, tour)
    return units, tuple(reg.unit(u).bloc for u in units if reg.unit(u).bloc)


def _incomplete(c: Candidate, reg: Regulation, table: Table, tour: int, values, missing) -> Result:
    """A mandatory unit has no value: incomplet (RULES.md §4), no average."""
    values = {code: v for code, *_ in table.units if (v := values.get(code)) is not None}
    context = _rare_context(c, reg, table, tour, INCOMPLET, values)
    context.missing = missing
    reason = f"note manquante : {', '.join(missing)}"
    return _new_result(Result, (c.numero, INCOMPLET, reason, None, None, None, None, values, context))


def _propose(table: Table, tour, points, coefs, pro_points, pro_coefs, absent, not_presented) -> tuple[str, str]:
    """RULES.md §4, in its order (a candidate with a mandatory unit missing is incomplet, before)."""
    if absent:  # D643-24
        absent = tuple(sorted(absent, key=table.index.__getitem__))  # mandatory and optional units
        return NON_DELIVRE, f"absence non justifiée ({', '.join(absent)}) : le diplôme ne peut être délivré (D643-24)"
    if not_presented:  # D643-23, D643-14
        not_presented = tuple(sorted(not_presented, key=table.index.__getitem__))
        return AJOURNE, f"unité non présentée ({', '.join(not_presented)}) : ajourné pour cette session (D643-23)"
    reasons = table.reasons
    if coefs == 0:
        return ADMIS, reasons["dispenses"]
    if points >= table.admis * coefs:  # D643-22: « égale ou supérieure à 10 »
        return ADMIS, reasons[ADMIS]
    if tour >= 2:
        return AJOURNE, reasons["tour2"]
    if points >= table.controle * coefs:  # D643-15 2°, D643-22
        if pro_coefs and pro_points >= table.controle_pro * pro_coefs:
            return CONTROLE, reasons[CONTROLE]
        return AJOURNE, reasons["pro"]
    return AJOURNE, reasons[AJOURNE]


def _carte(c: Candidate, tour: int, proposition: str, values, table: Table) -> bool:
    """Seed, « Références juridiques »: admitted, >= 10 at the unit, attendance certificate."""
    decision = c.decisions.get(tour)  # RULES.md §7: the jury's decision once taken, the proposal until then
    if (decision.decision if decision else proposition) != ADMIS:
        return False
    for code in table.carte:
        v = values.get(code)
        if v is not None and v.is_grade and v.hundredths >= 1000:
            return True
    return False

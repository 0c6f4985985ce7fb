"""The average, the professional average and the proposal (RULES.md §3, §4, §6, §7).

All arithmetic is in integers: a grade is hundredths, points are hundredths × coefficient,
and an average is compared as `points >= threshold × coefficients`, so 10.00 is never 9.999….

`compute` walks the regulation's units once, from a table built once per regulation (each
unit's coefficient, nature, bonus weight and bloc; the thresholds; the reasons that do not
depend on the candidate), so that a session's or an académie's results cost little more
than the sums themselves.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING

from jury_tui.domain import grades
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.grades import ABJ, ABS, DISP, NP, VAE, Value
from jury_tui.domain.regulation import Regulation

if TYPE_CHECKING:
    from fractions import Fraction

ADMIS = "admis"
AJOURNE = "ajourne"
CONTROLE = "controle"
NON_DELIVRE = "non_delivre"
INCOMPLET = "incomplet"
PROPOSITIONS = (ADMIS, AJOURNE, CONTROLE, NON_DELIVRE, INCOMPLET)

LABELS = {
    ADMIS: "admis",
    AJOURNE: "ajourné",
    CONTROLE: "contrôle",
    NON_DELIVRE: "non délivré",
    INCOMPLET: "incomplet",
}

_FIELDS = (
    "numero", "tour", "proposition", "reason", "points", "coefficients", "pro_points", "pro_coefficients",
    "unites_acquises", "blocs_acquis", "effective", "missing", "carte_professionnelle",
)  # fmt: skip


class Result(tuple):
    """Everything the engine proposes for one candidate at one tour; immutable.

    numero, tour, proposition, reason (French: why the engine proposes this), points (Σ
    hundredths × coefficient, + optional bonus; None if no average), coefficients,
    pro_points, pro_coefficients, unites_acquises, blocs_acquis, effective (the values that
    counted, after adjustments and contrôle; read-only), missing (mandatory units without a
    value), carte_professionnelle.

    A tuple underneath, built in one step and never changed: (numero, proposition, reason,
    points, coefficients, pro_points, pro_coefficients, values, context), the context
    holding the tour, the regulation's table and what is rarely set (missing units, carte
    professionnelle, units held before the contrôle); results of one batch share it. The
    units held and their blocs are derived from the values when read: the sums and the
    proposal do not need them. The values are the candidate's own grades when nothing
    adjusted them: a Candidate is never changed in place (operations replace it).
    """

    __slots__ = ()

    def __new__(
        cls,
        numero: str,
        tour: int,
        proposition: str,
        reason: str,
        points: int | None,
        coefficients: int | None,
        pro_points: int | None,
        pro_coefficients: int | None,
        unites_acquises: tuple[str, ...],
        blocs_acquis: tuple[str, ...],
        effective: dict[str, Value],
        missing: tuple[str, ...] = (),
        carte_professionnelle: bool = False,
    ) -> "Result":
        context = _Context(tour, None, tuple(missing), carte_professionnelle, (tuple(unites_acquises), tuple(blocs_acquis)))
        return tuple.__new__(cls, (
            numero, proposition, reason, points, coefficients, pro_points, pro_coefficients, dict(effective), context,
        ))  # fmt: skip

    numero = property(itemgetter(0))
    proposition = property(itemgetter(1))
    reason = property(itemgetter(2))
    points = property(itemgetter(3))
    coefficients = property(itemgetter(4))
    pro_points = property(itemgetter(5))
    pro_coefficients = property(itemgetter(6))

    @property
    def tour(self) -> int:
        return self[8].tour

    @property
    def missing(self) -> tuple[str, ...]:
        return self[8].missing

    @property
    def carte_professionnelle(self) -> bool:
        return self[8].carte

    @property
    def effective(self) -> MappingProxyType:
        return MappingProxyType(self[7])

    @property
    def acquis(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(unites_acquises, blocs_acquis), derived together."""
        context = self[8]
        return context.held or _held(self[7], context.table)

    @property
    def unites_acquises(self) -> tuple[str, ...]:
        """Units held: graded or kept >= 10, DISP, VAE (RULES.md §2, D643-15)."""
        context = self[8]
        return (context.held or _held(self[7], context.table))[0]

    @property
    def blocs_acquis(self) -> tuple[str, ...]:
        context = self[8]
        return (context.held or _held(self[7], context.table))[1]

    @property
    def moyenne(self) -> int | None:
        """Hundredths, truncated (9.996 -> 999): what is shown never contradicts the decision."""
        if self[3] is None or not self[4]:
            return None
        return self[3] // self[4]

    @property
    def exact(self) -> Fraction | None:
        if self[3] is None or not self[4]:
            return None
        from fractions import Fraction  # rarely read: not imported with the engine

        return Fraction(self[3], self[4] * 100)

    @property
    def moyenne_pro(self) -> int | None:
        if self[5] is None or not self[6]:
            return None
        return self[5] // self[6]

    def _public(self) -> tuple:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        return self._public() == other._public()

    def __ne__(self, other) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # like the frozen record it replaces: it holds a mapping

    def __repr__(self) -> str:
        return "Result(" + ", ".join(f"{name}={value!r}" for name, value in zip(_FIELDS, self._public())) + ")"

    def __reduce__(self):
        public = dict(zip(_FIELDS, self._public()))
        public["effective"] = dict(public["effective"])
        return (_rebuild, (public,))


class _Context:
    """What results share: the tour, the table; and what is rarely set."""

    __slots__ = ("tour", "table", "missing", "carte", "held")

    def __init__(self, tour: int, table, missing: tuple = (), carte: bool = False, held=None):
        self.tour, self.table, self.missing, self.carte, self.held = tour, table, missing, carte, held


def _rebuild(public: dict) -> Result:
    return Result(**public)


def _held(values: dict, table: "_Table") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(units held, their blocs) among the values that counted, in the regulation's order:
    graded or kept >= 10, DISP, VAE (a Value holds hundredths exactly when it is a grade)."""
    held = []
    blocs = []
    for code, _, _, _, _, bloc in table.units:
        v = values.get(code)
        if v is None:
            continue
        h = v.hundredths
        if (h >= 1000) if h is not None else (v.kind == DISP or v.kind == VAE):
            held.append(code)
            if bloc:
                blocs.append(bloc)
    return tuple(held), tuple(blocs)


_new_result = tuple.__new__


class _Table:
    """What `compute` needs of a regulation, prepared once (kept on the Regulation object)."""

    __slots__ = (
        "units", "mandatory", "general", "professional", "general_coefs", "professional_coefs", "optional", "index", "abs_zero", "absent_optional", "admis", "controle",
        "controle_pro", "reasons", "carte",
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


def _table(reg: Regulation) -> _Table:
    table = reg.__dict__.get("_results_table")
    if table is None:
        table = _Table(reg)
        object.__setattr__(reg, "_results_table", table)  # frozen: a cache, like its units by code
    return table


def _with_controle(first: Value | None, ctrl: Value | None, policy: str) -> Value | None:
    """RULES.md §6 (interpretation, policy note_controle): the better grade, or the contrôle's."""
    if ctrl is None:
        return first
    if policy == "controle" or first is None or not first.is_grade:
        return ctrl
    return ctrl if ctrl.hundredths > first.hundredths else first


def _dispensed(v: Value | None) -> bool:
    return v is not None and v.kind in (DISP, VAE)


def effective_values(c: Candidate, reg: Regulation, tour: int) -> dict[str, Value]:
    out: dict[str, Value] = {}
    policy = reg.policies.note_controle
    eligible = reg.controle_units
    for unit in reg.units:
        v = c.value(unit.code, tour)
        if tour >= 2 and unit.code in c.controle and unit.code in eligible and not _dispensed(v):
            v = _with_controle(v, c.controle[unit.code], policy)
        if v is not None:
            out[unit.code] = v
    return out


def compute(c: Candidate, reg: Regulation, tour: int = 1) -> Result:
    """Everything the engine proposes for one candidate at one tour."""
    return _compute_many((c,), reg, tour)[0]


def compute_all(cands: Iterable[Candidate], reg: Regulation, tour: int = 1) -> list[Result]:
    """`compute` of each candidate, in one pass. The cycle collector is paused meanwhile: a
    result holds no cycle, and the collector would walk every candidate in memory for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compute_many(cands, reg, tour)
    finally:
        if enabled:
            gc.enable()


def _compute_many(cands: Iterable[Candidate], reg: Regulation, tour: int) -> list[Result]:
    table = reg.__dict__.get("_results_table") or _table(reg)
    general, professional, optional = table.general, table.professional, table.optional
    general_coefs, professional_coefs = table.general_coefs, table.professional_coefs
    absent_optional, admis, controle, controle_pro = table.absent_optional, table.admis, table.controle, table.controle_pro
    mandatory_count, reasons = len(table.mandatory), table.reasons
    reason_admis, reason_ajourne = reasons[ADMIS], reasons["tour2" if tour >= 2 else AJOURNE]
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
        coefs, pro_coefs = general_coefs, professional_coefs
        absent = not_presented = ()
        try:
            for code, coefficient in general:
                h = values[code].hundredths
                if h is not None:
                    points += h * coefficient
                else:
                    counted, absent, not_presented = _code(values[code], code, table, absent, not_presented)
                    if not counted:
                        coefs -= coefficient
            for code, coefficient in professional:
                h = values[code].hundredths
                if h is not None:
                    pro_points += h * coefficient
                else:
                    counted, absent, not_presented = _code(values[code], code, table, absent, not_presented)
                    if not counted:
                        pro_coefs -= coefficient
        except (KeyError, AttributeError):
            missing = tuple(code for code, _, _ in table.mandatory if values.get(code) is None)
            if not missing:
                raise
            append(_incomplete(c, reg, table, tour, values, missing))
            continue
        points += pro_points
        coefs += pro_coefs
        extra = len(values) - mandatory_count  # optional values (or units the regulation does not have)
        if extra:
            for code, weight in optional:
                v = values.get(code)
                if v is None:
                    continue
                h = v.hundredths
                if h is not None:
                    if h > 1000:
                        points += (h - 1000) * weight  # D643-22: only points above 10
                elif absent_optional and v.kind == ABS:
                    absent += (code,)
                extra -= 1
                if not extra:
                    break
            else:  # values of units the regulation does not have: they never count
                values = {code: v for code, *_ in table.units if (v := values.get(code)) is not None}
        # RULES.md §4, in its order (D643-24, D643-23, D643-22, D643-15 2°)
        if absent or not_presented or not coefs or not pro_coefs:
            proposition, reason = _propose(table, tour, points, coefs, pro_points, pro_coefs, absent, not_presented)
            if not coefs:
                points = coefs = None
            if not pro_coefs:
                pro_points = pro_coefs = None
        elif points >= admis * coefs:
            proposition, reason = ADMIS, reason_admis
        elif late or points < controle * coefs:
            proposition, reason = AJOURNE, reason_ajourne
        elif pro_points >= controle_pro * pro_coefs:
            proposition, reason = CONTROLE, reasons[CONTROLE]
        else:
            proposition, reason = AJOURNE, reasons["pro"]
        context = shared
        if (c.attestation_shg and _carte(c, tour, proposition, values, table)) or (late and c.controle):
            context = _rare_context(c, reg, table, tour, proposition, values)
        append(new(result, (c.numero, proposition, reason, points, coefs, pro_points, pro_coefs, values, context)))
    return out


def _adjusted(c: Candidate, tour: int) -> dict[str, Value]:
    """The grades with the jury's adjustments in force at `tour` (`Candidate.value`, every unit)."""
    values = c.notes.copy()
    best: dict[str, int] = {}
    for adj in c.ajustements:  # per unit, the first of the latest tour <= tour
        if adj.tour <= tour and (adj.unite not in best or adj.tour > best[adj.unite]):
            best[adj.unite] = adj.tour
            values[adj.unite] = adj.apres
    return values


def _rare_context(c: Candidate, reg: Regulation, table: "_Table", tour: int, proposition: str, values) -> _Context:
    """The carte professionnelle of a candidate with the attendance certificate; the units
    held before the contrôle when the regulation says the contrôle does not make them held."""
    carte = _carte(c, tour, proposition, values, table) if c.attestation_shg else False
    held = None
    if tour >= 2 and c.controle and not reg.policies.controle_acquiert:
        held = _held_before_controle(values, c, reg, tour)
    return _Context(tour, table, (), carte, held)


def _code(v: Value, code: str, table: "_Table", absent: tuple, not_presented: tuple) -> tuple[bool, tuple, tuple]:
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


def _incomplete(c: Candidate, reg: Regulation, table: "_Table", tour: int, values, missing) -> Result:
    """A mandatory unit has no value: incomplet (RULES.md §4), no average."""
    values = {code: v for code, *_ in table.units if (v := values.get(code)) is not None}
    context = _rare_context(c, reg, table, tour, INCOMPLET, values)
    context.missing = missing
    reason = f"note manquante : {', '.join(missing)}"
    return _new_result(Result, (c.numero, INCOMPLET, reason, None, None, None, None, values, context))


def _propose(table: _Table, tour, points, coefs, pro_points, pro_coefs, absent, not_presented) -> tuple[str, str]:
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


def held_units(values: dict[str, Value], c: Candidate, reg: Regulation, tour: int) -> tuple[str, ...]:
    """Units held: graded or kept >= 10, DISP, VAE (RULES.md §2, D643-15)."""
    held = []
    for unit in reg.units:
        v = values.get(unit.code)
        if v is None:
            continue
        if tour >= 2 and unit.code in c.controle and not reg.policies.controle_acquiert:
            v = c.value(unit.code, tour)  # policy: the contrôle does not make a unit held
            if v is None:
                continue
        if v.kind in (DISP, VAE) or (v.is_grade and v.hundredths >= 1000):
            held.append(unit.code)
    return tuple(held)


def _carte(c: Candidate, tour: int, proposition: str, values, table: _Table) -> bool:
    """Seed, « Références juridiques »: admitted, >= 10 at the unit, attendance certificate."""
    decision = c.decisions.get(tour)  # RULES.md §7: the jury's decision once taken, the proposal until then
    if (decision.decision if decision else proposition) != ADMIS:
        return False
    for code in table.carte:
        v = values.get(code)
        if v is not None and v.is_grade and v.hundredths >= 1000:
            return True
    return False


def display_average(hundredths: int | None) -> str:
    """French display: '11,57', '—' when there is no average."""
    return "—" if hundredths is None else grades.french(hundredths)

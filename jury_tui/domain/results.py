"""The average, the professional average and the proposal (RULES.md §3, §4, §6, §7).

All arithmetic is in integers: a grade is hundredths, points are hundredths × coefficient,
and an average is compared as `points >= threshold × coefficients`, so 10.00 is never 9.999….
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from jury_tui.domain import grades
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.grades import ABJ, ABS, DISP, NP, VAE, Value
from jury_tui.domain.regulation import Regulation

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


@dataclass(frozen=True, slots=True)
class Result:
    numero: str
    tour: int
    proposition: str
    reason: str  # French: why the engine proposes this
    points: int | None  # Σ hundredths × coefficient (+ optional bonus); None if no average
    coefficients: int | None
    pro_points: int | None
    pro_coefficients: int | None
    unites_acquises: tuple[str, ...]
    blocs_acquis: tuple[str, ...]
    effective: dict[str, Value]  # the values that counted, after adjustments and contrôle
    missing: tuple[str, ...] = ()  # mandatory units without a value
    carte_professionnelle: bool = False

    @property
    def moyenne(self) -> int | None:
        """Hundredths, truncated (9.996 -> 999): what is shown never contradicts the decision."""
        if self.points is None or not self.coefficients:
            return None
        return self.points // self.coefficients

    @property
    def exact(self) -> Fraction | None:
        if self.points is None or not self.coefficients:
            return None
        return Fraction(self.points, self.coefficients * 100)

    @property
    def moyenne_pro(self) -> int | None:
        if self.pro_points is None or not self.pro_coefficients:
            return None
        return self.pro_points // self.pro_coefficients


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
    values = effective_values(c, reg, tour)
    points = coefs = pro_points = pro_coefs = 0
    missing: list[str] = []
    absent: list[str] = []
    not_presented: list[str] = []
    abs_zero = reg.policies.abs_moyenne_affichee == "zero"
    for unit in reg.units:
        v = values.get(unit.code)
        if unit.optional:
            if v is not None and v.is_grade and v.hundredths > 1000:
                points += (v.hundredths - 1000) * unit.bonus_weight  # D643-22: only points above 10
            elif v is not None and v.kind == ABS and reg.policies.absence_facultative == "non_delivre":
                absent.append(unit.code)
            continue
        if v is None:
            missing.append(unit.code)
            continue
        kind = v.kind
        if kind in (DISP, VAE):  # D643-17, D643-18 (interpretation: left out)
            continue
        if kind == NP:  # D643-14
            not_presented.append(unit.code)
            continue
        if kind == ABS:  # D643-24
            absent.append(unit.code)
            if not abs_zero:
                continue
            h = 0
        else:
            h = 0 if kind == ABJ else v.hundredths  # D643-24: ABJ counts 0
        points += h * unit.coefficient
        coefs += unit.coefficient
        if unit.professional:
            pro_points += h * unit.coefficient
            pro_coefs += unit.coefficient
    held = held_units(values, c, reg, tour)
    proposition, reason = _propose(reg, tour, points, coefs, pro_points, pro_coefs, missing, absent, not_presented)
    incomplete = proposition == INCOMPLET
    result = Result(
        numero=c.numero,
        tour=tour,
        proposition=proposition,
        reason=reason,
        points=None if incomplete or coefs == 0 else points,
        coefficients=None if incomplete or coefs == 0 else coefs,
        pro_points=None if incomplete or pro_coefs == 0 else pro_points,
        pro_coefficients=None if incomplete or pro_coefs == 0 else pro_coefs,
        unites_acquises=held,
        blocs_acquis=tuple(reg.unit(u).bloc for u in held if reg.unit(u).bloc),
        effective=values,
        missing=tuple(missing),
    )
    return _with_carte(result, c, reg, values)


def _propose(reg, tour, points, coefs, pro_points, pro_coefs, missing, absent, not_presented) -> tuple[str, str]:
    """RULES.md §4, in its order."""
    if missing:
        return INCOMPLET, f"note manquante : {', '.join(missing)}"
    if absent:  # D643-24
        return NON_DELIVRE, f"absence non justifiée ({', '.join(absent)}) : le diplôme ne peut être délivré (D643-24)"
    if not_presented:  # D643-23, D643-14
        return AJOURNE, f"unité non présentée ({', '.join(not_presented)}) : ajourné pour cette session (D643-23)"
    if coefs == 0:
        return ADMIS, "toutes les unités obligatoires sont acquises par dispense ou VAE"
    if points >= reg.admis * coefs:  # D643-22: « égale ou supérieure à 10 »
        return ADMIS, f"moyenne d'au moins {grades.french(reg.admis)} (D643-22)"
    if tour >= 2:
        return AJOURNE, f"moyenne inférieure à {grades.french(reg.admis)} après les épreuves de contrôle (D643-22)"
    if points >= reg.controle * coefs:  # D643-15 2°, D643-22
        if pro_coefs and pro_points >= reg.controle_pro * pro_coefs:
            return CONTROLE, (
                f"moyenne entre {grades.french(reg.controle)} et {grades.french(reg.admis)} et moyenne des unités "
                f"professionnelles d'au moins {grades.french(reg.controle_pro)} : épreuves de contrôle (D643-22)"
            )
        return AJOURNE, (
            f"moyenne entre {grades.french(reg.controle)} et {grades.french(reg.admis)} mais moyenne des unités "
            f"professionnelles inférieure à {grades.french(reg.controle_pro)} : pas de contrôle (D643-22)"
        )
    return AJOURNE, f"moyenne inférieure à {grades.french(reg.controle)} (D643-22)"


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


def _with_carte(result: Result, c: Candidate, reg: Regulation, values: dict[str, Value]) -> Result:
    """Seed, « Références juridiques »: admitted, >= 10 at the unit, attendance certificate."""
    if not c.attestation_shg:
        return result
    decision = c.decision(result.tour)  # RULES.md §7: the jury's decision once taken, the proposal until then
    admitted = decision.decision == ADMIS if decision else result.proposition == ADMIS
    if not admitted:
        return result
    for unit in reg.units:
        v = values.get(unit.code)
        if unit.carte_professionnelle and v is not None and v.is_grade and v.hundredths >= 1000:
            return replace(result, carte_professionnelle=True)
    return result


def display_average(hundredths: int | None) -> str:
    """French display: '11,57', '—' when there is no average."""
    return "—" if hundredths is None else grades.french(hundredths)

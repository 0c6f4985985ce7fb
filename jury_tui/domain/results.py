"""The average, the professional average and the proposal (RULES.md §3, §4, §6, §7).

All arithmetic is in integers: a grade is hundredths, points are hundredths × coefficient,
and an average is compared as `points >= threshold × coefficients`, so 10.00 is never 9.999….

Each rule is written once, where it is applied:
- the values that count (a jury's adjustment, the better contrôle grade, an absence at the
  contrôle): `effective_values`, `_with_controle`;
- the sums of the average and of the professional average, with the optional bonus: `_sums`;
- the proposal, in the order of RULES.md §4: `_propose`;
- the units held, the blocs acquired and the carte professionnelle: `held_units`,
  `bloc_acquired`, `_carte`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from jury_tui.domain import grades
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.grades import ABJ, ABS, DISP, NP, VAE, Value
from jury_tui.domain.regulation import Regulation
from jury_tui.domain.results_table import Table, table_of

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

TEN = 1000  # 10.00 in hundredths: a unit is held from 10 (D643-15); an optional unit counts above 10 (D643-22)


@dataclass(frozen=True, slots=True)
class Result:
    """Everything the engine proposes for one candidate at one tour."""

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
    effective: Mapping[str, Value]  # the values that counted, after adjustments and contrôle (read-only)
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


@dataclass(frozen=True, slots=True)
class _Sums:
    """The average's and the professional average's points and coefficients (RULES.md §3),
    and the units that decide the proposal whatever the average (rules 2 and 3 of §4)."""

    points: int
    coefficients: int
    pro_points: int
    pro_coefficients: int
    absent: list[str]
    not_presented: list[str]


def compute(c: Candidate, reg: Regulation, tour: int = 1) -> Result:
    """Everything the engine proposes for one candidate at one tour."""
    table = table_of(reg)
    values = effective_values(c, reg, tour)
    missing = tuple(code for code in table.mandatory if code not in values)
    sums = _sums(values, table, reg, tour)
    proposition, reason = _propose(missing, sums, reg, tour)
    average = not missing and sums.coefficients > 0  # none when incomplete, or every unit DISP or VAE
    pro_average = not missing and sums.pro_coefficients > 0  # none: not eligible for the contrôle
    held = held_units(values, c, reg, tour)
    return Result(
        numero=c.numero,
        tour=tour,
        proposition=proposition,
        reason=reason,
        points=sums.points if average else None,
        coefficients=sums.coefficients if average else None,
        pro_points=sums.pro_points if pro_average else None,
        pro_coefficients=sums.pro_coefficients if pro_average else None,
        unites_acquises=held,
        blocs_acquis=tuple(table.blocs[code] for code in held if code in table.blocs and bloc_acquired(values[code])),
        effective=MappingProxyType(values),
        missing=missing,
        carte_professionnelle=_carte(c, tour, proposition, values, table),
    )


def compute_all(cands: Iterable[Candidate], reg: Regulation, tour: int = 1) -> list[Result]:
    """`compute` of each candidate, in order."""
    return [compute(c, reg, tour) for c in cands]


def effective_values(c: Candidate, reg: Regulation, tour: int) -> dict[str, Value]:
    """The value that counts for each unit of the regulation at `tour`, in its order: the
    jury's adjustment in force (RULES.md §5), then, at tour 2, the contrôle grade (§6)."""
    controle = c.controle if tour >= 2 else {}
    out: dict[str, Value] = {}
    for code in table_of(reg).codes:
        v = c.value(code, tour)
        if code in controle and code in reg.controle_units:
            v = _with_controle(v, controle[code], reg.policies)
        if v is not None:
            out[code] = v
    return out


def _with_controle(first: Value | None, ctrl: Value, policies) -> Value | None:
    """RULES.md §6 (interpretation, policy note_controle): the better of the first grade and
    the contrôle grade (« meilleure »), or the contrôle grade (« controle »). A unit dispensed
    or validated keeps DISP or VAE.

    Absent at the épreuve de contrôle (ABS, ABJ), policy absence_controle: « note_initiale », the
    first grade stays (there is no contrôle grade to take the better of; D643-24 speaks of the
    épreuves obligatoires); « zero », the contrôle counts 0 and note_controle decides."""
    if first is not None and first.kind in (DISP, VAE):
        return first
    if ctrl.kind in (ABS, ABJ):
        if policies.absence_controle == "note_initiale":
            return first
        ctrl = grades.note(0)
    if policies.note_controle == "controle" or first is None or not first.is_grade:
        return ctrl
    return ctrl if ctrl.hundredths > first.hundredths else first


def _sums(values: dict[str, Value], table: Table, reg: Regulation, tour: int) -> _Sums:
    """RULES.md §3: moyenne = (Σ grade × coef + Σ max(0, optional − 10) × weight) / Σ coef, over
    the mandatory units that count; the professional average over the professional units,
    without bonus. Units are met in the regulation's order, and so are the absences listed.
    At tour 2 the bonus counts unless policy bonus_controle = exclure (RULES.md §6)."""
    policies = reg.policies
    bonus = tour < 2 or policies.bonus_controle == "inclure"
    points = coefficients = pro_points = pro_coefficients = 0
    absent: list[str] = []
    not_presented: list[str] = []
    for unit in table.units:
        v = values.get(unit.code)
        if v is None:
            continue  # a mandatory unit: incomplet (RULES.md §4, rule 1); an optional one: not taken
        if unit.optional:
            if v.is_grade and bonus:
                points += max(0, v.hundredths - TEN) * unit.bonus_weight  # D643-22: the part above 10, never in the divisor
            elif v.kind == ABS and policies.absence_facultative == "non_delivre":
                absent.append(unit.code)  # policy: by default an absence from an optional unit has no effect
            continue
        if v.kind in (DISP, VAE):  # D643-17, D643-18 (interpretation): left out of the points and the divisor
            continue
        if v.kind == NP:  # D643-14: not presented this session (progressive form), left out
            not_presented.append(unit.code)
            continue
        if v.kind == ABS:  # D643-24; the average shown counts it 0 under policy abs_moyenne_affichee = zero
            absent.append(unit.code)
            if policies.abs_moyenne_affichee != "zero":
                continue
            grade = 0
        elif v.kind == ABJ:  # D643-24: absent for force majeure, counts 0
            grade = 0
        else:
            grade = v.hundredths
        points += grade * unit.coefficient
        coefficients += unit.coefficient
        if unit.professional:
            pro_points += grade * unit.coefficient
            pro_coefficients += unit.coefficient
    return _Sums(points, coefficients, pro_points, pro_coefficients, absent, not_presented)


def _propose(missing: tuple[str, ...], sums: _Sums, reg: Regulation, tour: int) -> tuple[str, str]:
    """RULES.md §4, in its order: (proposition, why, in French)."""
    if missing:  # 1. no proposal possible: the exam office fills the unit, with ABS or ABJ if need be
        return INCOMPLET, f"note manquante : {', '.join(missing)}"
    if sums.absent:  # 2. D643-24, whatever the average
        return NON_DELIVRE, f"absence non justifiée ({', '.join(sums.absent)}) : le diplôme ne peut être délivré (D643-24)"
    if sums.not_presented:  # 3. D643-23, D643-14: the units held are kept
        return AJOURNE, f"unité non présentée ({', '.join(sums.not_presented)}) : ajourné pour cette session (D643-23)"
    if sums.coefficients == 0:  # RULES.md §3: every mandatory unit held by DISP or VAE
        return ADMIS, "toutes les unités obligatoires sont acquises par dispense ou VAE"
    admis = grades.french(reg.admis)
    if sums.points >= reg.admis * sums.coefficients:  # 4. D643-22: « égale ou supérieure à 10 »
        return ADMIS, f"moyenne d'au moins {admis} (D643-22)"
    if tour >= 2:  # RULES.md §6: the second deliberation decides admis or ajourné
        return AJOURNE, f"moyenne inférieure à {admis} après les épreuves de contrôle (D643-22)"
    controle, pro = grades.french(reg.controle), grades.french(reg.controle_pro)
    if sums.points >= reg.controle * sums.coefficients:  # 5. D643-15 2°, D643-22
        if sums.pro_coefficients and sums.pro_points >= reg.controle_pro * sums.pro_coefficients:
            return CONTROLE, (
                f"moyenne entre {controle} et {admis} et moyenne des unités "
                f"professionnelles d'au moins {pro} : épreuves de contrôle (D643-22)"
            )
        return AJOURNE, (
            f"moyenne entre {controle} et {admis} mais moyenne des unités "
            f"professionnelles inférieure à {pro} : pas de contrôle (D643-22)"
        )
    return AJOURNE, f"moyenne inférieure à {controle} (D643-22)"  # 6.


def held_units(values: dict[str, Value], c: Candidate, reg: Regulation, tour: int) -> tuple[str, ...]:
    """Units held (RULES.md §2, §7; D643-15): graded or kept at 10 or more, DISP, VAE. Under
    policy controle_acquiert = false, a unit is held on its grade before the contrôle (§6)."""
    before_controle = c.controle if tour >= 2 and not reg.policies.controle_acquiert else {}
    held = []
    for code, v in values.items():
        if code in before_controle:
            v = c.value(code, tour)
        if v is not None and (v.kind in (DISP, VAE) or (v.is_grade and v.hundredths >= TEN)):
            held.append(code)
    return tuple(held)


def bloc_acquired(v: Value) -> bool:
    """Whether a unit held gives its bloc de compétences (D643-15: « les blocs de compétences
    correspondant aux unités auxquelles ils ont obtenu une note égale ou supérieure à 10 sur 20 »,
    and those « qu'ils ont validées » by VAE): a grade or kept grade of 10 or more, or VAE; not
    DISP, a unit the candidate did not sit. The one definition the results and documents read."""
    return v.kind != DISP


def _carte(c: Candidate, tour: int, proposition: str, values: dict[str, Value], table: Table) -> bool:
    """Carte professionnelle (seed, « Références juridiques »; RULES.md §7): the attendance
    certificate, admitted (the jury's decision once taken, the proposal until then), and 10 or
    more at the unit. It never changes the diploma decision."""
    if not c.attestation_shg:
        return False
    decision = c.decision(tour)
    if (decision.decision if decision else proposition) != ADMIS:
        return False
    return any((v := values.get(code)) is not None and v.is_grade and v.hundredths >= TEN for code in table.carte)


def display_average(hundredths: int | None) -> str:
    """French display: '11,57', '—' when there is no average."""
    return "—" if hundredths is None else grades.french(hundredths)

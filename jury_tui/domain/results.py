"""The average, the professional average and the proposal (RULES.md §3, §4, §6, §7).

All arithmetic is in integers: a grade is hundredths, points are hundredths × coefficient,
and an average is compared as `points >= threshold × coefficients`, so 10.00 is never 9.999….

This module is the engine's public face: the propositions and their labels, `Result`,
`compute` and `compute_all`, the values that count (`effective_values`, `held_units`) and
`display_average`. The one-pass computation behind `compute` is in `results_table`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING

from jury_tui.domain import grades
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.grades import DISP, VAE, Value
from jury_tui.domain.regulation import Regulation

if TYPE_CHECKING:
    from fractions import Fraction

    from jury_tui.domain.results_table import Table

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
    ) -> Result:
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


def _held(values: dict, table: Table) -> tuple[tuple[str, ...], tuple[str, ...]]:
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
    return results_table.compute_many((c,), reg, tour)[0]


def compute_all(cands: Iterable[Candidate], reg: Regulation, tour: int = 1) -> list[Result]:
    """`compute` of each candidate, in one pass. The cycle collector is paused meanwhile: a
    result holds no cycle, and the collector would walk every candidate in memory for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return results_table.compute_many(cands, reg, tour)
    finally:
        if enabled:
            gc.enable()


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


def display_average(hundredths: int | None) -> str:
    """French display: '11,57', '—' when there is no average."""
    return "—" if hundredths is None else grades.french(hundredths)


# Last: results_table builds Result objects, so it imports this module's names at its top;
# imported here, once they exist, it works whichever of the two modules is imported first.
from jury_tui.domain import results_table  # noqa: E402

"""What is missing to reach 10 (RULES.md §5), in exact integers."""

from __future__ import annotations

from dataclasses import dataclass

from jury_tui.domain.grades import MAX, ceil_div
from jury_tui.domain.regulation import Regulation
from jury_tui.domain.results import INCOMPLET, NON_DELIVRE, Result


@dataclass(frozen=True, slots=True)
class UnitNeed:
    """The grade one unit alone would need for the average to reach the threshold."""

    unit: str
    grade: int | None  # the smallest two-decimal grade (hundredths) that alone reaches the threshold; None = impossible


@dataclass(frozen=True, slots=True)
class Missing:
    """What an average lacks to reach the threshold, overall and unit by unit."""

    average_points: int  # hundredths of average missing, rounded up (never understated)
    units: tuple[UnitNeed, ...]


def missing_to_pass(result: Result, reg: Regulation) -> Missing | None:
    """For a candidate with an average below the threshold: what would bring it there.

    Deficit D = threshold × C − points (in hundredths × coefficient). A mandatory unit of
    coefficient c graded x needs x + D / c; an optional unit of weight w, currently giving
    bonus b = max(0, y − 10) × w, needs 10 + (b + D) / w. Both rounded up to the hundredth.
    """
    if result.points is None or not result.coefficients or result.proposition in (INCOMPLET, NON_DELIVRE):
        return None
    target = reg.admis * result.coefficients
    deficit = target - result.points
    if deficit <= 0:
        return None
    needs = []
    for unit in reg.units:
        v = result.effective.get(unit.code)
        if v is None or not v.is_grade:
            continue  # DISP, VAE, NP, ABS, ABJ, not taken: no figure
        if unit.optional:
            if unit.bonus_weight <= 0:
                continue
            bonus = max(0, v.hundredths - 1000) * unit.bonus_weight
            grade = 1000 + ceil_div(bonus + deficit, unit.bonus_weight)
        else:
            grade = v.hundredths + ceil_div(deficit, unit.coefficient)
        needs.append(UnitNeed(unit.code, grade if grade <= MAX else None))
    return Missing(average_points=ceil_div(deficit, result.coefficients), units=tuple(needs))

"""What the results engine reads of a regulation, worked out once per regulation (RULES.md §1).

The engine looks at the same units for every candidate: their order, which are mandatory,
their blocs, the unit of the carte professionnelle. `table_of(reg)` prepares them when a
regulation is first used and keeps them on the Regulation object (a frozen record: the same
regulation always gives the same table).
"""

from __future__ import annotations

from dataclasses import dataclass

from jury_tui.domain.regulation import Regulation, Unit


@dataclass(frozen=True, slots=True)
class Row:
    """What the average needs of one unit."""

    code: str
    coefficient: int  # 0 for an optional unit
    professional: bool
    optional: bool
    bonus_weight: int  # an optional unit: the weight of its points above 10


@dataclass(frozen=True, slots=True)
class Table:
    units: tuple[Row, ...]  # every unit, in the regulation's order
    codes: tuple[str, ...]  # their codes, in that order
    mandatory: tuple[str, ...]  # the general and professional units' codes: they make the divisor
    blocs: dict[str, str]  # unit code -> its bloc de compétences, for the units that have one
    carte: tuple[str, ...]  # the units whose grade counts for the carte professionnelle


def _row(unit: Unit) -> Row:
    return Row(unit.code, unit.coefficient, unit.professional, unit.optional, unit.bonus_weight)


def table_of(reg: Regulation) -> Table:
    table = reg.__dict__.get("_results_table")
    if table is None:
        table = Table(
            units=tuple(_row(u) for u in reg.units),
            codes=tuple(u.code for u in reg.units),
            mandatory=tuple(u.code for u in reg.units if not u.optional),
            blocs={u.code: u.bloc for u in reg.units if u.bloc},
            carte=tuple(u.code for u in reg.units if u.carte_professionnelle),
        )
        object.__setattr__(reg, "_results_table", table)  # frozen: derived data, like its units by code
    return table

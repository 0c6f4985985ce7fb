"""Grades and the codes of a grade cell (RULES.md §2), in integer hundredths.

A grade is stored as an int of hundredths of a point (12.5 -> 1250): exact, and fast.
A cell holds a `Value`: a grade, a kept grade, a code, or None (not taken).
The canonical text of a value (what the session file stores) is `str(value)`:
"12.50", "B2024:13.00", "ABS", "ABJ", "DISP", "VAE", "NP".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX = 2000  # 20.00
NOTE = "note"
KEPT = "B"
ABS = "ABS"  # absent, no justification (D643-24)
ABJ = "ABJ"  # absent for force majeure: counts 0 (D643-24)
DISP = "DISP"  # dispensed (D643-17)
VAE = "VAE"  # validated through VAE (D643-18)
NP = "NP"  # not presented this session, progressive form (D643-14)
CODES = (ABS, ABJ, DISP, VAE, NP)

_NUMBER = re.compile(r"^([0-9]{1,3})(?:[.,]([0-9]+))?$")
_KEPT = re.compile(r"^B\s*([0-9]{4})\s*:\s*(.+)$", re.IGNORECASE)


class GradeError(ValueError):
    """A cell that is not a grade; the message is French and says what to do."""


@dataclass(frozen=True, slots=True)
class Value:
    """What a grade cell holds: a grade, a kept grade or a code."""

    kind: str  # NOTE, KEPT or one of CODES
    hundredths: int | None = None  # for NOTE and KEPT
    year: int | None = None  # for KEPT: the session the grade was obtained in

    def __str__(self) -> str:
        if self.kind == NOTE:
            return plain(self.hundredths)
        if self.kind == KEPT:
            return f"B{self.year}:{plain(self.hundredths)}"
        return self.kind

    @property
    def is_grade(self) -> bool:
        """A number that counts: a grade of this session or a kept one."""
        return self.kind in (NOTE, KEPT)


def note(hundredths: int) -> Value:
    return Value(NOTE, hundredths)


def plain(hundredths: int) -> str:
    """12.50 (dot, two decimals): the storage and JSON form."""
    if hundredths < 0:
        return "-%d.%02d" % divmod(-hundredths, 100)
    return "%d.%02d" % divmod(hundredths, 100)


def french(hundredths: int) -> str:
    """12,50 (decimal comma): the users' and documents' form (a results CSV writes thousands)."""
    if hundredths < 0:
        return "-%d,%02d" % divmod(-hundredths, 100)
    return "%d,%02d" % divmod(hundredths, 100)


def parse_number(text: str) -> int:
    """'12,5' -> 1250. Trailing zeros allowed, at most two significant decimals, 0 to 20."""
    t = text.strip()
    m = _NUMBER.match(t)
    if not m:
        raise GradeError(_not_a_grade(text))
    whole, decimals = m.group(1), m.group(2) or ""
    if len(decimals) > 2 and decimals[2:].strip("0"):
        raise GradeError(f"« {text.strip()} » : une note a au plus deux décimales ; arrondissez-la")
    decimals = (decimals + "00")[:2]
    value = int(whole) * 100 + int(decimals)
    if value > MAX:
        raise GradeError(f"« {text.strip()} » : une note va de 0 à 20")
    return value


def _not_a_grade(text: str) -> str:
    t = text.strip()
    if t.startswith("-"):
        return f"« {t} » : une note va de 0 à 20"
    if re.search(r"\d[oO]|[oO]\d", t):
        return f"« {t} » : ce n'est pas une note (la lettre O à la place du chiffre 0 ?)"
    return (
        f"« {t} » : ce n'est pas une note ; attendu un nombre de 0 à 20 (12,5), "
        "ABS, ABJ, DISP, VAE, NP, B<année>:<note> ou une case vide"
    )


def parse(text: str | None) -> Value | None:
    """Parse a cell, case-insensitively. Empty -> None. Raises GradeError."""
    if text is None:
        return None
    t = text.strip()
    if not t:
        return None
    upper = t.upper()
    if upper in CODES:
        return Value(upper)
    m = _KEPT.match(t)
    if m:
        return Value(KEPT, parse_number(m.group(2)), int(m.group(1)))
    if upper.startswith("B") and ":" in upper:
        raise GradeError(f"« {t} » : une note conservée s'écrit B<année>:<note>, par exemple B2024:13,5")
    return note(parse_number(t))


def display(value: Value | None) -> str:
    """French display of a cell: '12,50', 'B2024 : 13,00', 'ABS', '' for not taken."""
    if value is None:
        return ""
    if value.kind == NOTE:
        return french(value.hundredths)
    if value.kind == KEPT:
        return f"B{value.year} : {french(value.hundredths)}"
    return value.kind


def check_in_context(
    value: Value | None,
    *,
    optional: bool,
    forme: str,
    session_year: int,
    validity_years: int,
) -> str | None:
    """Why this value cannot stand in this cell, or None. French, actionable."""
    if value is None:
        return None
    if optional and value.kind in (DISP, VAE):
        return f"{value.kind} n'est pas possible sur une unité facultative (laissez la case vide)"
    if optional and value.kind == NP:
        return "NP n'est pas possible sur une unité facultative (laissez la case vide)"
    if value.kind == NP and forme != "progressive":
        # D643-14: NP exists only in the progressive form
        return "NP (non présenté) n'existe que pour la forme progressive"
    if value.kind == KEPT:
        return _check_kept(value, forme=forme, session_year=session_year, validity_years=validity_years)
    return None


def _check_kept(value: Value, *, forme: str, session_year: int, validity_years: int) -> str | None:
    # D643-15: a grade obtained at session Y serves sessions Y+1 to Y+5
    if value.year >= session_year:
        return f"note conservée de {value.year} : l'année doit précéder la session {session_year}"
    if session_year - value.year > validity_years:
        last = value.year + validity_years
        return f"note conservée de {value.year} : valable jusqu'à la session {last}, périmée en {session_year}"
    # D643-23: in the globale form only grades >= 10 may be kept
    if forme != "progressive" and value.hundredths < 1000:
        return (
            f"note conservée {french(value.hundredths)} : en forme globale seules les notes "
            "d'au moins 10 peuvent être conservées"
        )
    return None


def truncate(numerator: int, denominator: int) -> int:
    """Hundredths of numerator/denominator, truncated toward zero (9.996 -> 999)."""
    return numerator // denominator


def ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)

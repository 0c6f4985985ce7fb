"""French formatting for the document contexts: grades, averages, dates, labels, order.

Whoever builds a context from a session formats with these, so every document writes a
grade, a date or a decision the same way. Grades are integer hundredths, as in
`jury_tui.domain.grades`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, tzinfo

from jury_tui.domain import grades

NBSP = "\u00a0"
ARROW = "→"
NONE = "—"

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip

DECISIONS = {
    "admis": "Admis",
    "ajourne": "Ajourné",
    "controle": "Contrôle",
    "non_delivre": "Non délivré",
    "incomplet": "Incomplet",
}
"""Decision (or proposal) codes -> the word the documents print."""

TOUR_LABELS = {
    1: "Première délibération",
    2: "Seconde délibération (épreuves de contrôle)",
}


# The key of the minutes' and relevés' codes, in the order it is read; each document prints
# only the codes it shows (`legend`).
ADJUSTED, CONTROLE, EMPTY = "ajustee", "controle", "vide"
LEGEND = {
    ADJUSTED: "« 9,50 → 10,00 » note modifiée par le jury (avant → après)",
    CONTROLE: "« C 11,00 » note de l'épreuve de contrôle (tour 2)",
    grades.DISP: "DISP dispense",
    grades.VAE: "VAE validation des acquis de l'expérience",
    grades.ABS: "ABS absence",
    grades.ABJ: "ABJ absence justifiée (comptée 0)",
    grades.NP: "NP non présentée (forme progressive)",
    grades.KEPT: "« B{year} : 13,00 » note conservée de la session {year}{others}",
    EMPTY: "case vide : unité facultative non passée",
}


def legend(codes: set[str], years: set[int] = frozenset()) -> str:
    """The key of the codes a document shows, in a fixed order; « » when it shows none."""
    out = []
    for code, text in LEGEND.items():
        if code == grades.KEPT and years:
            first, *rest = sorted(years)
            others = f" (de même {', '.join(f'B{year}' for year in rest)})" if rest else ""
            out.append(text.format(year=first, others=others))
        elif code in codes:
            out.append(text)
    return " ; ".join(out)


def grade(hundredths: int) -> str:
    """1250 -> « 12,50 »."""
    return grades.french(hundredths)


def cell(value: grades.Value | None) -> str:
    """A unit cell: « 12,50 », « B2024 : 13,00 », « DISP », « ABS » ; « » when not taken."""
    return grades.display(value)


def adjusted(before: grades.Value | None, after: grades.Value | None) -> str:
    """A jury adjustment: « 9,50 → 10,00 » (or « ABS → ABJ »)."""
    return f"{cell(before)} {ARROW} {cell(after)}"


def moyenne(hundredths: int | None) -> str:
    """An average already truncated to hundredths: « 11,57 » ; « — » when there is none."""
    return NONE if hundredths is None else grade(hundredths)


def decision(code: str | None) -> str:
    """« Admis », « Ajourné »… ; « — » when undecided."""
    if not code:
        return NONE
    return DECISIONS.get(code, code)


def or_dash(text: str | None) -> str:
    """The text, or « — » when it is empty."""
    return text.strip() if text and text.strip() else NONE


def date_long(day: date) -> str:
    """« 20 juin 2026 », « 1er juillet 2026 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def date_short(day: date) -> str:
    """« 14/03/2005 »."""
    return day.strftime("%d/%m/%Y")


def datetime_short(moment: datetime, tz: tzinfo | None = None) -> str:
    """« 20/06/2026 à 16:05 », in the session's time zone when given."""
    local = moment.astimezone(tz) if tz is not None else moment
    return f"{local:%d/%m/%Y} à {local:%H:%M}"


# The first word of a place that names a building, not a town (« Lycée Jean-Rostand »).
_BUILDINGS = frozenset(
    "lycee college universite rectorat cfa campus centre iut ecole institut maison salle site batiment".split()
)


def ville(lieu: str | None) -> str:
    """The town of a place written « établissement, ville — précision »:
    « Lycée Jean-Rostand, Caen — salle des délibérations » -> « Caen »; « 14000 Caen » -> « Caen »;
    « » when the place names no town (« Lycée Jean-Rostand »)."""
    first = (lieu or "").split(" — ")[0].split(" – ")[0].strip()
    town = first.rsplit(",", 1)[-1].strip()
    town = re.sub(r"^\d{5}\s+|\s+\d{5}$", "", town).strip()
    if not town or _fold(town).split()[0] in _BUILDINGS:
        return ""
    return town


def fait(town: str, day: date) -> str:
    """The line that dates a document: « Fait à Caen, le 30 juin 2026 » ; « Fait le 30 juin 2026 »
    without a town."""
    return f"Fait à {town}, le {date_long(day)}" if town else f"Fait le {date_long(day)}"


def percent(numerator: int, denominator: int) -> str:
    """« 61,29 % » (truncated to two decimals) ; « — » when the denominator is 0."""
    if denominator <= 0:
        return NONE
    hundredths = numerator * 10000 // denominator
    return f"{grade(hundredths)}{NBSP}%"


def academie(text: str) -> str:
    """« Normandie » -> « Académie de Normandie », « Amiens » -> « Académie d'Amiens »."""
    name = text.strip()
    if _fold(name).startswith("academie") or _fold(name).startswith("region academique"):
        return name
    if name[:1] and _fold(name[0]) in "aeiouy":
        return f"Académie d'{name}"
    return f"Académie de {name}"


def diplome(code: str) -> str:
    """« BTS » -> « Brevet de technicien supérieur » ; other texts as they are."""
    return "Brevet de technicien supérieur" if code.strip().upper() == "BTS" else code.strip()


def lines(items: list[str]) -> str:
    """Observations, one per line (a line break inside the cell)."""
    return "\n".join(item for item in items if item)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def name_sort_key(nom: str, prenom: str) -> tuple[str, str, str, str]:
    """Alphabetical order as a reader expects it: accents and case ignored first, then kept."""
    return (_fold(nom), _fold(prenom), nom, prenom)

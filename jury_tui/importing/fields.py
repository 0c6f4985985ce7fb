"""The meaning of each field of the input files (DESIGN.md §3), shared by imports and `jury set`.

Each parser takes the text of one cell and returns the stored value, or raises JuryError
with the place it was given and a French message saying what to write instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date

from jury_tui.domain import grades
from jury_tui.domain import text as text_rules
from jury_tui.domain.candidate import FORMES, STATUTS, Candidate
from jury_tui.domain.regulation import Regulation, Unit
from jury_tui.errors import JuryError, Place, Problem

YES = {"oui", "o", "yes", "y", "1", "vrai", "true", "x"}
NO = {"non", "n", "no", "0", "faux", "false", ""}
TEXT_FIELDS = ("nom", "prenom", "ine", "etablissement")
KNOWN_FIELDS = ("numero", "nom", "prenom", "date_naissance", "statut", "forme", "livret", "attestation_shg", "ine", "etablissement")
SETTABLE = (*TEXT_FIELDS, "date_naissance", "statut", "forme", "livret", "attestation_shg", "livret_examine")
_SEPARATORS = re.compile(r"[\s\-]+")
_FRENCH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOWHERE = Place()
NUMERO = re.compile(r"[0-9A-Za-z_\-]{1,32}")  # what a numero is made of, whole


def fold(text: str) -> str:
    """Case- and accent-insensitive, '-' and spaces as '_' ("Présent" -> "present")."""
    t = unicodedata.normalize("NFKD", text.strip().lower())
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return _SEPARATORS.sub("_", t)


def _fail(message: str, place: Place):
    raise JuryError(Problem(message, place))


def grade_for(text: str | None, unit: Unit, forme: str, year: int, reg: Regulation, place: Place) -> grades.Value | None:
    """A unit cell: the grammar of RULES.md §2, then what this unit and form allow."""
    try:
        value = grades.parse(text)
    except grades.GradeError as exc:
        _fail(str(exc), place)
    problem = grade_problem(value, unit, forme, year, reg)
    if problem:
        _fail(problem, place)
    return value


def grade_problem(value: grades.Value | None, unit: Unit, forme: str, year: int, reg: Regulation) -> str | None:
    """Why a value read in a unit cell cannot stand in this unit and form, or None."""
    if value is not None and value.kind == grades.DISP and not unit.optional and not unit.dispensable:
        # the regulation says which units can be dispensed (arrêté du 24 juin 2005, annex II b)
        return f"DISP : l'unité {unit.code} ne peut pas être dispensée ({reg.dispense_text})"
    return grades.check_in_context(
        value, optional=unit.optional, forme=forme, session_year=year, validity_years=reg.policies.validite_benefice
    )


def optional_overflow(codes, reg: Regulation) -> str | None:
    """Why a candidate presenting the units `codes` presents too many optional units, or None."""
    counted = reg.optional_overflow(codes)
    if counted is None:
        return None
    n = len(counted)
    return (
        f"{n} unités facultatives ({', '.join(counted)}) pour {reg.optional_max} au plus "
        f"({reg.optional_max_source or 'D643-13'}) ; videz la case de celles que le candidat ne présente pas"
    )


def adjustment_conflict(c: Candidate, unit: str, new: grades.Value | None) -> str | None:
    """Why `new` cannot lie under the jury's adjustment of `unit` (RULES.md §5), or None.

    An adjustment stays when the grade under it changes (its `avant` follows), as long as the
    new value is one the jury could have adjusted that way: a grade under a grade, ABS under
    ABJ. A cleared cell, DISP, VAE or NP under an adjustment is refused: revert it first.
    """
    for a in c.ajustements:
        if a.unite != unit:
            continue
        fits = new is not None and (
            (new.is_grade and a.apres.kind == grades.NOTE)
            or (new.kind == grades.ABS and a.apres.kind == grades.ABJ)
        )
        if not fits:
            shown = "une case vide" if new is None else grades.display(new)
            return (
                f"le jury a ajusté cette note ({grades.display(a.avant)} → {grades.display(a.apres)}, tour {a.tour}) : "
                f"{shown} ne peut pas "
                "rester sous cet ajustement ; annulez-le d'abord (« jury adjust … revert »)"
            )
    return None


def controle_grade(
    text: str, unit_code: str, reg: Regulation, place: Place, first: grades.Value | None = None,
    unit_place: Place | None = None,
) -> grades.Value:
    """A contrôle grade: a plain grade of an eligible unit not held by DISP or VAE, or ABS / ABJ
    for a candidate absent at that épreuve (what it does: policy absence_controle) (RULES.md §6).

    `place` is where the grade is; `unit_place` where the unit is named (default: `place`)."""
    where = unit_place or place
    if unit_code not in reg.controle_units:
        _fail(f"unité {unit_code} hors contrôle ; unités possibles : {', '.join(reg.controle_units)}", where)
    if first is not None and first.kind in (grades.DISP, grades.VAE):
        _fail(f"l'unité {unit_code} est acquise par {first.kind} : pas d'épreuve de contrôle possible", where)
    try:
        value = grades.parse(text)
    except grades.GradeError as exc:
        _fail(str(exc), place)
    if value is None or value.kind not in (grades.NOTE, grades.ABS, grades.ABJ):
        _fail("une note de contrôle est une note de 0 à 20, ou ABS / ABJ pour un candidat absent à l'épreuve", place)
    return value


def yes_no(text: str | None, place: Place) -> bool:
    t = fold(text or "")
    if t in YES:
        return True
    if t in NO:
        return False
    _fail(f"« {text} » : attendu oui ou non", place)


def birth_date(text: str | None, place: Place) -> str | None:
    t = (text or "").strip()
    if not t:
        return None
    try:
        if len(t) == 10 and t[2] == t[5] == "/" and t.isascii() and (t[:2] + t[3:5] + t[6:]).isdigit():
            # jj/mm/aaaa, as nearly every file writes it: its ISO form is made of its own digits
            iso = f"{t[6:]}-{t[3:5]}-{t[:2]}"
            date.fromisoformat(iso)  # a date that exists
            return iso
        m = _FRENCH_DATE.fullmatch(t)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        if _ISO_DATE.fullmatch(t):
            return date.fromisoformat(t).isoformat()
    except ValueError:
        pass
    _fail(f"« {t} » : date attendue jj/mm/aaaa ou aaaa-mm-jj", place)


def choice(text: str | None, allowed: tuple[str, ...], what: str, place: Place, *, default=None) -> str | None:
    t = fold(text or "")
    if not t:
        return default
    if t in allowed:
        return t
    _fail(f"« {text} » : {what} possibles : {', '.join(allowed)}", place)


def numero(text: str | None, place: Place) -> str:
    t = (text or "").strip()
    if not t:
        _fail("numéro manquant", place)
    if not NUMERO.fullmatch(t):
        _fail(f"« {t} » : un numéro est fait de chiffres et de lettres, sans espace", place)
    return t


def person_name(text: str | None, what: str, place: Place, *, required: bool = True) -> str:
    """A nom or a prénom: what domain/text.py allows a name to hold ("" when empty and not
    required). A refusal carries the code NOM: the import of a CSV read in the wrong encoding
    says how another would read it."""
    t = (text or "").strip()
    if not t:
        if required:
            _fail(f"{what} manquant", place)
        return t
    problem = text_rules.name_problem(t)
    if problem:
        raise JuryError(Problem(problem, place, code="NOM"))
    return t


def free_text(text: str | None, place: Place = _NOWHERE, *, what: str | None = None) -> str | None:
    """A text stored as written (a reason, an établissement, the jury's name...), stripped;
    None when empty. Refused when it holds what no text may (domain/text.py); `what` names
    it in the refusal (« motif »)."""
    t = (text or "").strip()
    problem = text_rules.text_problem(t)
    if problem:
        _fail(f"{what} : {problem}" if what else problem, place)
    return t or None


def set_attribute(c: Candidate, field: str, value: str, reg: Regulation, year: int) -> tuple[Candidate, object, object]:
    """`jury set NUMERO FIELD VALUE` on a non-grade field: (updated, before, after)."""
    name = fold(field)
    place = Place(candidate=c.numero, key=field)
    if name not in SETTABLE:
        _fail(f"champ « {field} » inconnu ; champs possibles : {', '.join(SETTABLE)} ou une unité", place)
    before = getattr(c, name)
    if name in ("nom", "prenom"):
        after = person_name(value, name, place)
    elif name in ("ine", "etablissement"):
        after = free_text(value, place)
    elif name == "date_naissance":
        after = birth_date(value, place)
    elif name == "statut":
        after = choice(value, STATUTS, "statuts", place)
    elif name == "forme":
        after = choice(value, FORMES, "formes", place, default="globale")
        _recheck_grades(c, after, reg, year)
    else:
        after = yes_no(value, place)
    if after == before:
        _fail("valeur identique : rien à changer", place)
    return replace(c, **{name: after}), before, after


def _recheck_grades(c: Candidate, forme: str, reg: Regulation, year: int) -> None:
    problems = []
    for unit in reg.units:
        v = c.notes.get(unit.code)
        why = grade_problem(v, unit, forme, year, reg)
        if why:
            problems.append(Problem(f"en forme {forme} : {why}", Place(candidate=c.numero, unit=unit.code)))
    if problems:
        raise JuryError(problems)

"""The rows of a candidates file read into candidates, every problem placed (DESIGN.md §3).

A file holds thousands of rows but few distinct texts: each distinct text of a field (and,
for a grade, of a unit in a form) is read once per import, and what it gives — its value,
or why it is refused — is remembered for the next rows. A row's places are built only for
its cells at fault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from jury_tui.domain import candidate as cand_mod
from jury_tui.domain.candidate import FORMES, STATUTS, Candidate
from jury_tui.domain.regulation import Regulation
from jury_tui.errors import JuryError, Place, Problem
from jury_tui.importing import fields

_NOWHERE = Place()  # the place a field is read at; each problem is placed at its cell afterwards
_REFUSED = object()  # what a field reads as when it is refused (its problems are reported)

# Each field and how its text is read (`fields`), the text and a place given.
_READERS: dict[str, Callable] = {
    "nom": lambda text, place: fields.person_name(text, "nom", place),
    "prenom": lambda text, place: fields.person_name(text, "prénom", place),
    "date_naissance": fields.birth_date,
    "statut": lambda text, place: fields.choice(text, STATUTS, "statuts", place),
    "forme": lambda text, place: fields.choice(text, FORMES, "formes", place, default="globale"),
    "livret": fields.yes_no,
    "attestation_shg": fields.yes_no,
    "ine": fields.free_text,  # kept as written (stripped), None when empty
    "etablissement": fields.free_text,
}


class _Column:
    """A column of the file, how its texts are read (`read(text, place)`), and what each
    distinct text read as: (value, []) or (_REFUSED, its problems)."""

    __slots__ = ("key", "read", "readings")

    def __init__(self, key: str, read: Callable):
        self.key, self.read = key, read
        self.readings: dict[str | None, tuple[object, list[Problem]]] = {}

    def value(self, row, text: str | None, error: str | None, problems: list[Problem]):
        """The cell's value, each distinct text read once; _REFUSED when the cell is refused,
        its problems placed at the cell and added to `problems`."""
        if error is None:
            found = self.readings.get(text)
            if found is None:
                found = self.readings[text] = _reading(self.read, text)
            value, refusals = found
            if not refusals:
                return value
        else:
            refusals = [Problem(error)]
        place = row.place_of(self.key)
        problems.extend(replace(p, place=place) for p in refusals)
        return _REFUSED


class CandidateReader:
    """Reads the rows of one candidates file against one session (its regulation, its year)."""

    def __init__(self, mapping: dict[str, str], reg: Regulation, year: int):
        self.key_of = {name: key for key, name in mapping.items()}  # field or unit -> the file's column
        self.reg, self.year = reg, year
        self.units = [u for u in reg.units if u.code in self.key_of]
        self._numero = _Column(self.key_of["numero"], fields.numero)
        self._fields = {name: _Column(self.key_of[name], read) for name, read in _READERS.items() if name in self.key_of}
        self._grades: dict[str, list[_Column]] = {}  # form -> a column per unit of `self.units`
        # The columns a row is read under, in this order: numero, the fields, the units.
        self._keys = [self._numero.key, *(c.key for c in self._fields.values()), *(self.key_of[u.code] for u in self.units)]
        self._first_unit = 1 + len(self._fields)  # the position of the first unit in `_keys`
        self._no_errors = [None] * len(self._keys)

    def _grade_columns(self, forme: str) -> list[_Column]:
        """The unit columns as read for a candidate of that form (RULES.md §2)."""
        columns = self._grades.get(forme)
        if columns is None:
            columns = self._grades[forme] = [_Column(self.key_of[u.code], self._grade_reader(u, forme)) for u in self.units]
        return columns

    def _grade_reader(self, unit, forme: str) -> Callable:
        return lambda text, place: fields.grade_for(text, unit, forme, self.year, self.reg, place)

    def read(self, row, state: dict, seen: dict, problems: list[Problem]) -> Candidate | None:
        """The row's candidate: a new one, or the session's own with the row's cells read over
        it. None when the row is refused, its problems added to `problems`. `seen` holds the
        rows read so far by numero."""
        n_before = len(problems)
        # The row's texts and errors under each of the reader's columns, taken in one call
        # rather than one a cell: a file has thousands of rows.
        texts, errors = row.values(self._keys)
        errors = errors or self._no_errors
        numero = self._numero.value(row, texts[0], errors[0], problems)
        if numero is _REFUSED:
            numero = None  # the rest of the row is read all the same, for its problems
        elif numero in seen:
            first = seen[numero].place_of(self._numero.key)
            problems.append(Problem(f"numéro {numero} en double (déjà ligne {first.line or first})",
                                    row.place_of(self._numero.key)))
        else:
            seen[numero] = row
        old = state["candidates"].get(numero) if numero else None
        base = cand_mod.from_dict(old) if old else None
        if old and old.get("retire"):
            problems.append(Problem("candidat retiré de la session : il ne peut être réimporté",
                                    Place(file=row.place.file, line=row.place.line, candidate=numero)))
        present = {}  # the fields the file has, read
        for i, (name, column) in enumerate(self._fields.items(), 1):
            present[name] = column.value(row, texts[i], errors[i], problems)
        forme = present.get("forme")
        if forme is None or forme is _REFUSED:
            forme = base.forme if base else "globale"
        notes = dict(base.notes) if base else {}
        for i, (unit, column) in enumerate(zip(self.units, self._grade_columns(forme)), self._first_unit):
            value = column.value(row, texts[i], errors[i], problems)
            if value is None:
                notes.pop(unit.code, None)  # an empty cell: the unit is not taken
            elif value is not _REFUSED:
                notes[unit.code] = value
        if len(problems) > n_before:
            return None
        if base is None:  # new to the session: the defaults, then the file's
            return Candidate(numero=numero, notes=notes, **present)
        return replace(base, numero=numero, notes=notes, **present)


def _reading(read: Callable, text: str | None) -> tuple[object, list[Problem]]:
    """(value, []) of a text `read(text, place)` accepts; (_REFUSED, its problems) of
    one it refuses. A cell's problems do not depend on where it is: they are placed when
    reported."""
    try:
        return read(text, _NOWHERE), []
    except JuryError as exc:
        return _REFUSED, exc.problems

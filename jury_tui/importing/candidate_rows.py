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


class CandidateReader:
    """Reads the rows of one candidates file against one session (its regulation, its year)."""

    def __init__(self, mapping: dict[str, str], reg: Regulation, year: int):
        self.key_of = {name: key for key, name in mapping.items()}  # field or unit -> the file's column
        self.reg, self.year = reg, year
        self.units = [u for u in reg.units if u.code in self.key_of]
        self._fields: dict[str, dict] = {name: {} for name in self.key_of}  # field -> text -> (value, problems)
        self._grades: dict[tuple[str, str], dict] = {}  # (unit, form) -> text -> (value, problems)

    def read(self, row, state: dict, seen: dict, problems: list[Problem]) -> Candidate | None:
        """The row's candidate: a new one, or the session's own with the row's cells read over
        it. None when the row is refused, its problems added to `problems`. `seen` holds the
        rows read so far by numero."""
        n_before = len(problems)
        numero = self._field(row, "numero", fields.numero, problems)
        if numero is _REFUSED:
            numero = None  # the rest of the row is read all the same, for its problems
        elif numero in seen:
            first = seen[numero].place_of(self.key_of["numero"])
            problems.append(Problem(f"numéro {numero} en double (déjà ligne {first.line or first})",
                                    row.place_of(self.key_of["numero"])))
        else:
            seen[numero] = row
        old = state["candidates"].get(numero) if numero else None
        base = cand_mod.from_dict(old) if old else None
        if old and old.get("retire"):
            problems.append(Problem("candidat retiré de la session : il ne peut être réimporté",
                                    Place(file=row.place.file, line=row.place.line, candidate=numero)))
        present = {}  # the fields the file has, read
        for name, read in _READERS.items():
            if name in self.key_of:
                present[name] = self._field(row, name, read, problems)
        forme = present.get("forme")
        if forme is None or forme is _REFUSED:
            forme = base.forme if base else "globale"
        notes = dict(base.notes) if base else {}
        for unit in self.units:
            value = self._grade(row, unit, forme, problems)
            if value is None:
                notes.pop(unit.code, None)  # an empty cell: the unit is not taken
            elif value is not _REFUSED:
                notes[unit.code] = value
        if len(problems) > n_before:
            return None
        if base is None:  # new to the session: the defaults, then the file's
            return Candidate(numero=numero, notes=notes, **present)
        return replace(base, numero=numero, notes=notes, **present)

    def _field(self, row, name: str, read: Callable, problems: list[Problem]):
        """The field `name` of `row` read by `read(text, place)`, each distinct text once."""
        key = self.key_of[name]
        text, error = row.get(key)
        if error is not None:
            return self._refused(row, key, [Problem(error)], problems)
        read_before = self._fields[name]
        found = read_before.get(text)
        if found is None:
            found = read_before[text] = _reading(read, text)
        value, refusals = found
        return self._refused(row, key, refusals, problems) if refusals else value

    def _grade(self, row, unit, forme: str, problems: list[Problem]):
        """The grade of `unit` in `row` for a candidate of that form (RULES.md §2), each
        distinct text once per unit and form."""
        key = self.key_of[unit.code]
        text, error = row.get(key)
        if error is not None:
            return self._refused(row, key, [Problem(error)], problems)
        read_before = self._grades.setdefault((unit.code, forme), {})
        found = read_before.get(text)
        if found is None:
            found = read_before[text] = _reading(fields.grade_for, text, unit, forme, self.year, self.reg)
        value, refusals = found
        return self._refused(row, key, refusals, problems) if refusals else value

    @staticmethod
    def _refused(row, key: str, refusals: list[Problem], problems: list[Problem]):
        """A cell refused: its problems, placed at the cell, added to `problems`."""
        place = row.place_of(key)
        problems.extend(replace(p, place=place) for p in refusals)
        return _REFUSED


def _reading(read: Callable, text: str | None, *args) -> tuple[object, list[Problem]]:
    """(value, []) of a text `read(text, *args, place)` accepts; (_REFUSED, its problems) of
    one it refuses. A cell's problems do not depend on where it is: they are placed when
    reported."""
    try:
        return read(text, *args, _NOWHERE), []
    except JuryError as exc:
        return _REFUSED, exc.problems

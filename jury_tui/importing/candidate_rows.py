"""One candidate row read fast when every cell in it is valid, the usual case.

An exam office's file holds thousands of rows but few distinct cell texts: each distinct
text is read once per import and field ("12,5" in a mandatory unit of a globale candidate),
and a valid row builds no Cell, no Place and no Problem. At the first doubt (a cell in
error, a value the rules refuse, a duplicate or withdrawn numero) the row goes back to the
importer's full reading, which reports every problem with its place: for a valid row both
readings give the same candidate (tests/unit/test_import_rows.py holds them to it).
"""

from __future__ import annotations

from dataclasses import replace

from jury_tui.domain import candidate as cand_mod
from jury_tui.domain.candidate import FORMES, STATUTS, Candidate
from jury_tui.domain.regulation import Regulation
from jury_tui.errors import JuryError, Place
from jury_tui.importing import fields

_NOWHERE = Place()
_NOT_READ = object()


class _Refused:
    """A memoised refusal: the full reading will report it with its place."""


def _required(what: str):
    return lambda text: fields.required_text(text, what, _NOWHERE)


_READERS = {
    "nom": _required("nom"),
    "prenom": _required("prénom"),
    "date_naissance": lambda text: fields.birth_date(text, _NOWHERE),
    "statut": lambda text: fields.choice(text, STATUTS, "statuts", _NOWHERE),
    "forme": lambda text: fields.choice(text, FORMES, "formes", _NOWHERE, default="globale"),
    "livret": lambda text: fields.yes_no(text, _NOWHERE),
    "attestation_shg": lambda text: fields.yes_no(text, _NOWHERE),
}
_PLAIN = ("ine", "etablissement")  # kept as written (stripped), None when empty
_FRESH = ("ajustements", "controle", "decisions")  # containers each stored candidate owns


def _memoised(read, text):
    try:
        return read(text)
    except JuryError:
        return _Refused


class _Binding:
    """Where each field's text is in the list of texts `RowReader._read` receives."""

    def __init__(self, at: dict[str, int], reg: Regulation, memos: dict[str, dict]):
        self.numero = at["numero"]
        self.fields = [(name, at[name], memos[name], _READERS[name]) for name in _READERS if name in at]
        self.plain = [(name, at[name]) for name in _PLAIN if name in at]
        self.units = [(u, u.code, at[u.code]) for u in reg.units if u.code in at]
        self.width = max(at.values()) + 1
        self.grade_memos: dict[str, list[dict]] = {}  # forme -> a memo per unit (see RowReader)


class RowReader:
    """Reads the valid rows of one candidates file against one session (its regulation, its year)."""

    def __init__(self, mapping: dict[str, str], reg: Regulation, year: int):
        self.key_of = {name: key for key, name in mapping.items()}
        self.reg, self.year = reg, year
        self._memos: dict[str, dict] = {name: {} for name in _READERS}
        self._grades: dict[tuple[bool, str], dict] = {}  # (optional, forme) -> {text: Value | None}
        self._by_name = _Binding({name: i for i, name in enumerate(self.key_of)}, reg, self._memos)
        self._grid: tuple[dict, _Binding] | None = None  # a grid's positions and their binding
        self._blank = cand_mod.to_dict(Candidate("", "", ""))  # a new candidate's stored defaults

    def read(self, row, state: dict, seen: dict) -> Candidate | dict | None:
        """The row's candidate: in its stored form (`candidate.to_dict`) when it is new to the
        session, as a Candidate merged with the stored one otherwise; None when the full
        reading must decide (and report)."""
        grid = row.grid()
        if grid is None:  # a JSON row: its cells one by one
            texts = []
            for key in self.key_of.values():
                text, error = row.get(key)
                if error is not None:
                    return None
                texts.append(text)
            return self._read(texts, self._by_name, state, seen)
        positions, texts, errors = grid
        if errors is not None:
            return None
        if self._grid is None or self._grid[0] is not positions:
            at = {name: positions[key] for name, key in self.key_of.items()}
            self._grid = (positions, _Binding(at, self.reg, self._memos))
        binding = self._grid[1]
        if len(texts) < binding.width:
            texts = [*texts, *([None] * (binding.width - len(texts)))]
        return self._read(texts, binding, state, seen)

    def _read(self, texts: list, at: _Binding, state: dict, seen: dict) -> Candidate | dict | None:
        try:
            numero = fields.numero(texts[at.numero], _NOWHERE)
        except JuryError:
            return None
        if numero in seen:
            return None
        old = state["candidates"].get(numero)
        if old is not None and old.get("retire"):
            return None
        present = {}  # the fields whose column the file has, read
        for name, position, memo, read in at.fields:
            text = texts[position]
            value = memo.get(text, _NOT_READ)
            if value is _NOT_READ:
                value = memo[text] = _memoised(read, text)
            if value is _Refused:
                return None
            present[name] = value
        for name, position in at.plain:
            text = texts[position]
            present[name] = (text.strip() or None) if text else None
        memos_of = at.grade_memos
        if old is None:  # a new candidate, in its stored form: the defaults, then the file's
            forme = present.get("forme") or "globale"
            memos = memos_of.get(forme) or self._grade_memos(at, forme)
            notes = {}
            for (unit, code, position), memo in zip(at.units, memos):
                text = texts[position]
                read = memo.get(text, _NOT_READ)
                if read is _NOT_READ:
                    read = memo[text] = self._grade(text, unit, forme)
                if read is not None:
                    if read is _Refused:
                        return None
                    notes[code] = read[1]
            stored = self._blank.copy()
            for key in _FRESH:
                stored[key] = type(stored[key])()
            stored.update(present)
            stored["numero"] = numero
            stored["notes"] = notes
            return stored
        base = cand_mod.from_dict(old)
        forme = present.get("forme") or base.forme
        notes = dict(base.notes)
        memos = memos_of.get(forme) or self._grade_memos(at, forme)
        for (unit, code, position), memo in zip(at.units, memos):
            text = texts[position]
            read = memo.get(text, _NOT_READ)
            if read is _NOT_READ:
                read = memo[text] = self._grade(text, unit, forme)
            if read is None:
                notes.pop(code, None)
            elif read is _Refused:
                return None
            else:
                notes[code] = read[0]
        return replace(base, numero=numero, notes=notes, **present)

    def _grade_memos(self, at: _Binding, forme: str) -> list[dict]:
        """For each unit of the binding, the memo of the texts read in it for this form."""
        memos = at.grade_memos.get(forme)
        if memos is None:
            memos = at.grade_memos[forme] = [
                self._grades.setdefault((unit.optional, forme), {}) for unit, _, _ in at.units
            ]
        return memos

    def _grade(self, text: str | None, unit, forme: str):
        """(value, its stored text), None for an empty cell, or _Refused."""
        try:
            value = fields.grade_for(text, unit, forme, self.year, self.reg, _NOWHERE)
        except JuryError:
            return _Refused
        return None if value is None else (value, str(value))

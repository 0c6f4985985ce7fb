"""One candidate row read fast when every cell in it is valid, the usual case.

An exam office's file holds thousands of rows but few distinct cell texts: each distinct
text is read once per import and field ("12,5" in a mandatory unit of a globale candidate),
and a valid row builds no Cell, no Place and no Problem. At the first doubt (a cell in
error, a value the rules refuse, a duplicate or withdrawn numero) the row goes back to the
importer's full reading, which reports every problem with its place: for a valid row both
readings give the same candidate (tests/unit/test_import_rows.py holds them to it).

The cells of a new candidate are looked up in their memos all at once (`map` over the row's
texts): a text already read costs a dict lookup, and no Python code runs for it.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import compress
from operator import getitem, itemgetter

from jury_tui.domain import candidate as cand_mod
from jury_tui.domain import grades
from jury_tui.domain.candidate import FORMES, STATUTS, Candidate
from jury_tui.domain.regulation import Regulation
from jury_tui.errors import JuryError, Place
from jury_tui.importing import fields

_NOWHERE = Place()
_IS_NUMERO = fields.NUMERO.fullmatch
_PLAIN = ("ine", "etablissement")  # kept as written (stripped), None when empty


# Each reads a field's text into the (field, value) pair the stored dict is updated with.
_READERS = {
    "nom": lambda text: ("nom", fields.person_name(text, "nom", _NOWHERE)),
    "prenom": lambda text: ("prenom", fields.person_name(text, "prénom", _NOWHERE)),
    "date_naissance": lambda text: ("date_naissance", fields.birth_date(text, _NOWHERE)),
    "statut": lambda text: ("statut", fields.choice(text, STATUTS, "statuts", _NOWHERE)),
    "forme": lambda text: ("forme", fields.choice(text, FORMES, "formes", _NOWHERE, default="globale")),
    "livret": lambda text: ("livret", fields.yes_no(text, _NOWHERE)),
    "attestation_shg": lambda text: ("attestation_shg", fields.yes_no(text, _NOWHERE)),
}


class _Refused(Exception):
    """A text refused where it is: its row goes to the full reading, which says why."""


def _parse(text: str | None):
    """A grade cell's text: (value, its stored text), or None when empty."""
    try:
        value = grades.parse(text)
    except grades.GradeError:
        raise _Refused from None
    return None if value is None else (value, str(value))


class _Memo(dict):
    """text -> what it gives. A text not yet read is read by `read` and remembered; a text
    refused raises the JuryError (or _Refused) of `read` and is not remembered (its row goes
    to the full reading, which reports it)."""

    __slots__ = ("read",)

    def __init__(self, read):
        super().__init__()
        self.read = read

    def __missing__(self, text):
        value = self[text] = self.read(text)
        return value


def _picker(positions: list[int]):
    """texts -> the tuple of the texts at `positions`, in that order."""
    if len(positions) == 1:
        only = positions[0]
        return lambda texts: (texts[only],)
    return itemgetter(*positions) if positions else lambda texts: ()


class _Binding:
    """Where each field's text is in the list of texts `RowReader._read` receives, and the
    memos of a new candidate's cells (its fields, then its units) for each form text."""

    def __init__(self, at: dict[str, int], reg: Regulation):
        self.at = at
        self.numero = at["numero"]
        self.names = tuple(name for name in _READERS if name in at)
        self.plain = [(name, at[name]) for name in _PLAIN if name in at]
        self.units = tuple(u for u in reg.units if u.code in at)
        self.codes = tuple(u.code for u in self.units)
        self.pick = _picker([at[name] for name in self.names] + [at[code] for code in self.codes])
        self.forme = at.get("forme")  # the position of the form's text, when the file has it
        self.width = max(at.values()) + 1
        self.memos: dict = {}  # form text -> the memo of each picked cell; None: not a form


class RowReader:
    """Reads the valid rows of one candidates file against one session (its regulation, its year)."""

    def __init__(self, mapping: dict[str, str], reg: Regulation, year: int):
        self.key_of = {name: key for key, name in mapping.items()}
        self.reg, self.year = reg, year
        self._fields = {name: _Memo(read) for name, read in _READERS.items()}  # name -> {text: (name, value)}
        self._parsed = _Memo(_parse)  # {text: (Value, text) | None}
        self._grades: dict[tuple[bool, str], _Memo] = {}  # (optional, forme) -> {text: (Value, text) | None}
        self._texts: dict[tuple[bool, str], _Memo] = {}  # (optional, forme) -> {text: stored text | None}
        self._by_name = _Binding({name: i for i, name in enumerate(self.key_of)}, reg)
        self._positions: dict | None = None  # a grid's positions,
        self._binding: _Binding | None = None  # and their binding
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
        if positions is not self._positions:
            self._positions = positions
            self._binding = _Binding({name: positions[key] for name, key in self.key_of.items()}, self.reg)
        binding = self._binding
        if len(texts) < binding.width:
            texts = [*texts, *([None] * (binding.width - len(texts)))]
        return self._read(texts, binding, state, seen)

    def _read(self, texts: list, at: _Binding, state: dict, seen: dict) -> Candidate | dict | None:
        numero = texts[at.numero]
        if numero is None:
            return None
        numero = numero.strip()
        if not _IS_NUMERO(numero) or numero in seen:
            return None
        old = state["candidates"].get(numero)
        if old is not None:
            return None if old.get("retire") else self._merged(old, numero, texts, at)
        # A new candidate, in its stored form: the defaults, then the file's.
        forme_text = texts[at.forme] if at.forme is not None else None
        memos = at.memos.get(forme_text, False)
        if memos is False:
            memos = at.memos[forme_text] = self._memos(at, forme_text)
        if memos is None:
            return None
        try:
            cells = list(map(getitem, memos, at.pick(texts)))
        except (JuryError, _Refused):
            return None
        n = len(at.names)
        stored = self._blank.copy()
        stored.update(cells[:n])
        for name, position in at.plain:
            text = texts[position]
            stored[name] = (text.strip() or None) if text else None
        stored["numero"] = numero
        in_units = cells[n:]
        stored["notes"] = dict(compress(zip(at.codes, in_units), in_units))  # the units not empty
        stored["ajustements"], stored["controle"], stored["decisions"] = [], {}, {}  # its own
        return stored

    def _memos(self, at: _Binding, forme_text: str | None) -> list[_Memo] | None:
        """The memo of each picked cell of a new candidate whose form is written `forme_text`;
        None when that is not a form."""
        forme = "globale"
        if at.forme is not None:
            try:
                forme = self._fields["forme"][forme_text][1] or forme
            except (JuryError, _Refused):
                return None
        memos = [self._fields[name] for name in at.names]
        return memos + [self._stored_texts(unit, forme) for unit in at.units]

    def _grade_memo(self, unit, forme: str) -> _Memo:
        """A unit's cell read: (value, its stored text), or None when empty. Shared by the
        units of its kind (optional or not, dispensable or not) in this form: what a unit allows
        depends on that kind, the form and the session (regulation, year) only."""
        kind = (unit.optional, unit.dispensable, forme)
        memo = self._grades.get(kind)
        if memo is None:
            parsed, year, reg = self._parsed, self.year, self.reg

            def read(text):
                found = parsed[text]
                if found is not None and fields.grade_problem(found[0], unit, forme, year, reg):
                    raise _Refused
                return found

            memo = self._grades[kind] = _Memo(read)
        return memo

    def _stored_texts(self, unit, forme: str) -> _Memo:
        """`_grade_memo`'s reading, its stored text only, remembered apart: a cell already
        read costs one lookup."""
        kind = (unit.optional, unit.dispensable, forme)
        memo = self._texts.get(kind)
        if memo is None:
            grade = self._grade_memo(unit, forme)
            memo = self._texts[kind] = _Memo(
                lambda text: None if (found := grade[text]) is None else found[1]
            )
        return memo

    def _merged(self, old: dict, numero: str, texts: list, at: _Binding) -> Candidate | None:
        """A candidate of the session read again, merged with the stored one."""
        try:
            present = dict(self._fields[name][texts[at.at[name]]] for name in at.names)
        except (JuryError, _Refused):
            return None
        for name, position in at.plain:
            text = texts[position]
            present[name] = (text.strip() or None) if text else None
        base = cand_mod.from_dict(old)
        forme = present.get("forme") or base.forme
        notes = dict(base.notes)
        for unit in at.units:
            try:
                read = self._grade_memo(unit, forme)[texts[at.at[unit.code]]]
            except (JuryError, _Refused):
                return None
            if read is None:
                notes.pop(unit.code, None)
            else:
                notes[unit.code] = read[0]
        return replace(base, numero=numero, notes=notes, **present)

"""A read-only view of a session: what the CLI prints and the app shows.

Built from a state dict (see jury_tui.store). Candidates are parsed lazily and results
computed lazily, each cached: a 5,000-candidate session costs only what is looked at.
Parsed candidates are shared between successive views while their stored dict is the
same object, so a view after one decision re-parses one candidate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from jury_tui.domain import candidate as cand_mod
from jury_tui.domain import grades, tours
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.composition import Finding, Member
from jury_tui.domain.grades import Value, plain
from jury_tui.domain.regulation import Regulation, parse_regulation
from jury_tui.domain.results import Result, compute, compute_all
from jury_tui.errors import JuryError

if TYPE_CHECKING:
    from jury_tui.domain.missing import Missing

_REGULATIONS: dict[str, Regulation] = {}
_PARSED: dict[int, tuple[dict, Candidate]] = {}


def regulation_of(state: dict) -> Regulation:
    """The session's own regulation, parsed once per distinct text."""
    reg = state["regulation"]
    text = reg["toml"]
    cached = _REGULATIONS.get(text)
    if cached is None:
        cached = parse_regulation(text, reg.get("source") or "règlement de la session")
        if len(_REGULATIONS) > 16:
            _REGULATIONS.clear()
        _REGULATIONS[text] = cached
    return cached


def parse_candidate(raw: dict) -> Candidate:
    """Parse a stored candidate, reusing the parse while the stored dict is the same object."""
    return parse_candidates([raw])[0]


def parse_candidates(raws: list[dict]) -> list[Candidate]:
    """`parse_candidate` of each, in one loop."""
    if len(_PARSED) + len(raws) > 400_000:
        _PARSED.clear()
    out = []
    append, parsed = out.append, _PARSED.get
    for raw in raws:
        hit = parsed(id(raw))
        if hit is not None and hit[0] is raw:
            append(hit[1])
        else:
            c = from_stored(raw)
            _PARSED[id(raw)] = (raw, c)
            append(c)
    return out


class _Grades(dict):
    """A grade's stored text -> its Value (frozen: shared safely), parsed when first seen."""

    __slots__ = ()

    def __missing__(self, text):
        value = grades.parse(text)  # a GradeError propagates, as from_dict's; so does a non-text's error
        if type(text) is str and len(self) < 50_000:
            self[text] = value
        return value


_VALUES = _Grades()


def _values(raw: dict | None) -> dict[str, Value]:
    """`candidate._parse_map`, each distinct text parsed once per process."""
    if not raw:
        return {}
    try:
        return {unit: value for unit, text in raw.items() if (value := _VALUES[text]) is not None}
    except TypeError:  # an unhashable cell: refused as from_dict refuses it
        return {unit: value for unit, text in raw.items() if (value := grades.parse(text)) is not None}


def from_stored(raw: dict) -> Candidate:
    """`candidate.from_dict`, each distinct grade text parsed once per process: a session's
    thousands of grades are a few hundred distinct texts."""
    return cand_mod.from_dict(raw, _values)


def members_of(state: dict) -> list[Member]:
    return [
        Member(m["nom"], m.get("prenom") or "", m["role"], m.get("qualite"), m.get("presence") or "present")
        for m in state.get("members") or ()
    ]


def tour_state(state: dict, tour: int) -> dict:
    return (state.get("tours") or {}).get(str(tour)) or {}


def signature(state: dict, tour: int) -> dict | None:
    return tour_state(state, tour).get("signature")


def current_tour(state: dict, cands) -> int | None:
    """1 until tour 1 is signed; 2 while candidates decided `controle` await; None when closed.

    `cands` may be a callable returning the active candidates: it is called only once
    tour 1 is signed, so that the open tour 1 costs no parsing."""
    if not signature(state, 1):
        return 1
    if callable(cands):
        cands = cands()
    if any(tours.in_tour(c, 2) for c in cands):
        return None if signature(state, 2) else 2
    return None


@dataclass(frozen=True)
class CheckReport:
    errors: list[Finding]
    warnings: list[Finding]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class SessionView:
    state: dict
    audit: list[dict] = field(default_factory=list)
    _results: dict = field(default_factory=dict, repr=False)

    @cached_property
    def regulation(self) -> Regulation:
        return regulation_of(self.state)

    @property
    def header(self) -> dict:
        return self.state["header"]

    @cached_property
    def members(self) -> list[Member]:
        return members_of(self.state)

    @cached_property
    def numeros(self) -> list[str]:
        """Every numero (withdrawn included), ordered as text."""
        return sorted(self.state["candidates"])

    def candidate(self, numero: str) -> Candidate:
        raw = self.state["candidates"].get(numero)
        if raw is None:
            raise JuryError(f"candidat {numero} inconnu dans cette session")
        return parse_candidate(raw)

    @property
    def candidates(self) -> list[Candidate]:
        stored = self.state["candidates"]
        raws = [stored[n] for n in self.numeros]
        if None in raws:  # a candidate stored as null: refused as `candidate` refuses it
            return [self.candidate(n) for n in self.numeros]
        return parse_candidates(raws)

    @property
    def active(self) -> list[Candidate]:
        return [c for c in self.candidates if not c.withdrawn]

    @cached_property
    def current_tour(self) -> int | None:
        return current_tour(self.state, lambda: self.active)

    @property
    def closed(self) -> bool:
        return self.current_tour is None

    def signature(self, tour: int) -> dict | None:
        return signature(self.state, tour)

    def tour_of(self, c: Candidate) -> int:
        """The tour whose result describes this candidate now."""
        return 2 if self.signature(1) and tours.in_tour(c, 2) else 1

    def result(self, numero: str, tour: int | None = None) -> Result:
        c = self.candidate(numero)
        t = tour or self.tour_of(c)
        key = (numero, t)
        hit = self._results.get(key)
        if hit is None or hit[0] is not c:
            hit = (c, compute(c, self.regulation, t))
            self._results[key] = hit
        return hit[1]

    def results(self, tour: int) -> dict[str, Result]:
        cands = [c for c in self.active if tours.in_tour(c, tour)]
        self.compute_many(cands, tour)
        return {c.numero: self.result(c.numero, tour) for c in cands}

    def compute_many(self, cands: list[Candidate], tour: int | None = None) -> None:
        """Compute in one pass the results not computed yet (each at its own tour by default),
        so that reading them one by one afterwards costs a lookup."""
        self.results_of(cands, tour)

    def results_of(self, cands: list[Candidate], tour: int | None = None) -> list[Result]:
        """`result` of each candidate (at its own tour by default), in order; those not
        computed yet are computed in one pass."""
        if tour:
            keys = [(c.numero, tour) for c in cands]
        elif self.signature(1):
            keys = [(c.numero, 2 if tours.in_tour(c, 2) else 1) for c in cands]
        else:
            keys = [(c.numero, 1) for c in cands]
        todo: dict[int, list[Candidate]] = {}
        results = self._results
        for c, key in zip(cands, keys):
            hit = results.get(key)
            if hit is None or hit[0] is not c:
                todo.setdefault(key[1], []).append(c)
        for t, group in todo.items():
            for c, r in zip(group, compute_all(group, self.regulation, t)):
                results[(c.numero, t)] = (c, r)
        return [hit[1] if (hit := results[key])[0] is c else self.result(*key) for c, key in zip(cands, keys)]

    def missing(self, numero: str, tour: int | None = None) -> Missing | None:
        from jury_tui.domain.missing import missing_to_pass  # loaded when first asked for

        return missing_to_pass(self.result(numero, tour), self.regulation)

    def totals(self, tour: int) -> tours.Totals:
        """Counts of the jury's decisions: no result needs computing."""
        return tours.totals([c for c in self.active if tours.in_tour(c, tour)], tour)

    @cached_property
    def session_date(self) -> date | None:
        d = self.header.get("date")
        return date.fromisoformat(d) if d else None

    def composition(self) -> tuple[list[Finding], list[Finding]]:
        """(errors, warnings) of the jury's composition (RULES.md §8), under the regulation's
        policy on defections (D643-31)."""
        from jury_tui.domain.composition import check_composition

        return check_composition(self.members, self.regulation.policies.defection_toleree)

    def check(self) -> CheckReport:
        self.compute_many(self.active, 1)
        results = [self.result(c.numero, 1) for c in self.active]
        from jury_tui.domain import checks  # loaded when first asked for

        errors, warnings = checks.check_all(self.members, self.regulation, self.session_date, results, year=self.header.get("annee"))
        return CheckReport(errors, warnings)

    def sign_blockers(self, tour: int | None = None) -> list[str]:
        """Why the tour cannot be signed now (French), empty when it can."""
        t = tour or self.current_tour
        if t is None:
            return ["la session est close : tous les tours sont signés"]
        out = [f"{f.message} [{f.article}]" for f in self.check().errors]
        self.compute_many([c for c in self.active if tours.in_tour(c, t)], t)
        for c in self.active:
            if not tours.in_tour(c, t):
                continue
            r = self.result(c.numero, t)
            if r.proposition == "incomplet":
                out.append(f"candidat {c.numero} incomplet : note manquante en {', '.join(r.missing)}")
            elif c.decision(t) is None:
                out.append(f"candidat {c.numero} sans décision")
            elif c.a_revoir:
                out.append(f"candidat {c.numero} à revoir : une note a changé sous sa décision")
        return out

    def local_time(self, iso: str | None) -> str:
        """An audit time (UTC) shown in the session's time zone: 20/06/2026 10:12."""
        if not iso:
            return ""
        from zoneinfo import ZoneInfo

        t = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        return t.astimezone(ZoneInfo(self.header.get("tz") or "Europe/Paris")).strftime("%d/%m/%Y %H:%M")

    def history(self, numero: str) -> list[dict]:
        return [e for e in self.audit if e.get("cible") == numero]

    def row(self, numero: str) -> dict:
        """The JSON object of `jury results --format json` (DESIGN.md §2), keys stable."""
        from jury_tui.deliberation.rows import result_row

        return result_row(self, numero)


def moyenne_text(r: Result) -> str | None:
    return None if r.moyenne is None else plain(r.moyenne)

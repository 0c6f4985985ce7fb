"""A read-only view of a session: what the CLI prints and the app shows.

Built from a state dict (see jury_tui.store). Candidates are parsed and results computed
when first asked for, each kept in the view: a 5,000-candidate session costs only what is
looked at. What a session has parsed (`Parsed`) is shared by its successive views, so that
a view after one decision parses one candidate again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from jury_tui.domain import candidate as cand_mod
from jury_tui.domain import grades, tours
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.composition import Finding, Member
from jury_tui.domain.grades import Value
from jury_tui.domain.regulation import Regulation, parse_regulation
from jury_tui.domain.results import Result, compute
from jury_tui.errors import JuryError, Place, Problem

if TYPE_CHECKING:
    from jury_tui.domain.missing import Missing


def regulation_of(state: dict) -> Regulation:
    """The session's own regulation, as stored in its state."""
    reg = state["regulation"]
    return parse_regulation(reg["toml"], reg.get("source") or "règlement de la session")


class Parsed:
    """What a session has parsed of its stored state, kept from one view to the next (the
    `Session` holds one): its regulation while its text is the same; each candidate while its
    stored dict is the same object (a reload keeps the dicts of the candidates that did not
    change); each distinct grade text (a session's thousands of grades are a few hundred
    texts). A candidate is never changed in place: an operation stores a new dict."""

    def __init__(self) -> None:
        self._regulation: tuple[str, Regulation] | None = None
        self._candidates: dict[str, tuple[dict, Candidate]] = {}
        self._grades: dict[str, Value | None] = {}

    def regulation(self, state: dict) -> Regulation:
        text = state["regulation"]["toml"]
        if self._regulation is None or self._regulation[0] != text:
            self._regulation = (text, regulation_of(state))
        return self._regulation[1]

    def candidate(self, numero: str, raw: dict) -> Candidate:
        """The stored candidate `raw` (stored under `numero`), parsed as `candidate.from_dict`."""
        hit = self._candidates.get(numero)
        if hit is None or hit[0] is not raw:
            hit = self._candidates[numero] = (raw, cand_mod.from_dict(raw, self._grade_map))
        return hit[1]

    def _grade_map(self, raw: dict | None) -> dict[str, Value]:
        """A stored map of grade texts (notes, contrôle grades) parsed, each distinct text once."""
        out = {}
        for unit, text in (raw or {}).items():
            value = self._grade(text)
            if value is not None:
                out[unit] = value
        return out

    def _grade(self, text) -> Value | None:
        if not isinstance(text, str):
            return grades.parse(text)  # refused, as `candidate.from_dict` refuses it
        if text not in self._grades:
            self._grades[text] = grades.parse(text)  # a GradeError propagates, and nothing is kept
        return self._grades[text]


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
    parsed: Parsed = field(default_factory=Parsed, repr=False)  # the session's, shared by its views
    _results: dict = field(default_factory=dict, repr=False)  # (numero, tour) -> (its Candidate, Result)

    @cached_property
    def regulation(self) -> Regulation:
        return self.parsed.regulation(self.state)

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
        return self.parsed.candidate(numero, raw)

    @property
    def candidates(self) -> list[Candidate]:
        return [self.candidate(n) for n in self.numeros]

    @property
    def active(self) -> list[Candidate]:
        return [c for c in self.candidates if not c.withdrawn]

    @cached_property
    def current_tour(self) -> int | None:
        return current_tour(self.state, lambda: self.active)

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
        """The result at `tour` of each candidate of that tour, by numero."""
        return {c.numero: self.result(c.numero, tour) for c in self.active if tours.in_tour(c, tour)}

    def keep_results(self, previous: SessionView, changed: set[str]) -> None:
        """Take over the results `previous` computed, but those of the candidates `changed`
        (a reload: an unchanged candidate is the same parsed object, its results still hold)."""
        for key, hit in previous._results.items():
            if key[0] not in changed:
                self._results[key] = hit

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
        results = [self.result(c.numero, 1) for c in self.active]
        from jury_tui.domain import checks  # loaded when first asked for

        errors, warnings = checks.check_all(self.members, self.regulation, self.session_date, results, year=self.header.get("annee"))
        return CheckReport(errors, warnings)

    def sign_blockers(self, tour: int | None = None) -> list[str]:
        """Why the tour cannot be signed now (French), empty when it can."""
        return [str(p) for p in self.sign_problems(tour)]

    def sign_problems(self, tour: int | None = None) -> list[Problem]:
        """`sign_blockers` as problems, each candidate's in its place, with a code (SIGN_JURY,
        SIGN_INCOMPLET, SIGN_SANS_DECISION, SIGN_A_REVOIR, SIGN_CLOS): a long list can be summed up."""
        t = tour or self.current_tour
        if t is None:
            return [Problem("la session est close : tous les tours sont signés", code="SIGN_CLOS")]
        out = [Problem(f"{f.message} [{f.article}]", code="SIGN_JURY") for f in self.check().errors]
        for c in self.active:
            if not tours.in_tour(c, t):
                continue
            r = self.result(c.numero, t)
            place = Place(candidate=c.numero)
            if r.proposition == "incomplet":
                out.append(Problem(f"incomplet, note manquante en {', '.join(r.missing)}", place, "SIGN_INCOMPLET"))
            elif c.decision(t) is None:
                out.append(Problem("sans décision", place, "SIGN_SANS_DECISION"))
            elif c.a_revoir:
                out.append(Problem("à revoir, une note a changé sous sa décision", place, "SIGN_A_REVOIR"))
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


def change_text(entry: dict, show: Callable[[object], str] = str) -> str:
    """What an audit entry changed, on one line (`jury audit`, the app's history):
    « U6 9.50 → U6 10.00 », « membres 0 → membres 9 », « admis ». `show` writes each stored
    value (the app writes grades and decisions in French)."""
    before, after = entry.get("avant"), entry.get("apres")
    if before is None and after is None:
        return ""
    if before is None:
        return _short(after, show)
    return f"{_short(before, show)} → {_short(after, show)}"


def _short(value, show: Callable[[object], str]) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{key} {_short(v, show)}" for key, v in value.items())
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return ", ".join(_short(v, show) for v in value)
    return show(value)


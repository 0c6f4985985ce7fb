"""What the deliberation app shows, asked of the session view (the app holds no rule).

- `reload_view`: a fresh view of the file that reuses what did not change (parsed
  candidates, computed results) and says which candidates changed;
- `candidate_line`: one row of the candidates table;
- `FILTERS`, `matches`, `sort_key`, `search_matches`: choosing and ordering rows;
- `statistics`: counts per proposal and decision, success rate; `average_histogram`;
- `plan_decision`: whether a decision needs a reason or the livret examined first;
- `unit_rows`, `controle_units`: the candidate sheet's grades.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from jury_tui.deliberation.session import Session
from jury_tui.deliberation.view import SessionView
from jury_tui.domain import grades, tours
from jury_tui.domain.grades import Value
from jury_tui.domain.results import ADMIS, AJOURNE, CONTROLE, INCOMPLET, NON_DELIVRE, PROPOSITIONS

_SESSION_KEYS = ("header", "members", "tours", "regulation")


# ---- reloading ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Changes:
    """What differs between two views of a session."""

    numeros: frozenset[str] = frozenset()  # candidates added, removed or changed
    session: bool = False  # header, members, tours (signatures) or regulation
    audit: bool = False  # new audit entries (an export, a take-over...)
    everything: bool = False  # no previous view, or another regulation: recompute all

    @property
    def any(self) -> bool:
        return bool(self.numeros) or self.session or self.audit or self.everything


def reload_view(session: Session, previous: SessionView | None = None) -> tuple[SessionView, tuple, Changes]:
    """(view, file version, changes) of the session as stored now.

    Unchanged candidates keep their stored dict (so their parse is reused) and their
    computed results, so a reload after one decision costs one candidate's computation.
    """
    snap = session.store.load(audit=False)  # the audit parsed when first read
    state = snap.state
    view = SessionView(state, snap.audit, session.parsed)
    if previous is None:
        return view, snap.version, Changes(everything=True)
    old_state = previous.state
    session_changed = any(state.get(k) != old_state.get(k) for k in _SESSION_KEYS)
    if state.get("regulation") != old_state.get("regulation"):
        return view, snap.version, Changes(session=True, audit=True, everything=True)
    old_cands, new_cands = old_state["candidates"], state["candidates"]
    changed = set(old_cands.keys() - new_cands.keys())
    for numero, raw in new_cands.items():
        old = old_cands.get(numero)
        if old is not None and (old is raw or old == raw):
            new_cands[numero] = old
        else:
            changed.add(numero)
    view.keep_results(previous, changed)
    audit_changed = len(snap.audit) != len(previous.audit)
    return view, snap.version, Changes(frozenset(changed), session_changed, audit_changed)


def open_tour(view: SessionView) -> int | None:
    """`view.current_tour`, without parsing every candidate while tour 1 is not signed."""
    if not view.signature(1):
        return 1
    return view.current_tour


def active_numeros(view: SessionView) -> list[str]:
    """Numeros of the candidates not withdrawn, as text order, without parsing them."""
    cands = view.state["candidates"]
    return [n for n in view.numeros if not cands[n].get("retire")]


def read_grade(text: str) -> tuple[Value | None, str | None]:
    """What a grade typed in a dialog is: (the value, None), (None, why it is not one, in
    French), or (None, None) for nothing typed. The act itself checks it in its context."""
    try:
        return grades.parse(text), None
    except grades.GradeError as exc:
        return None, str(exc)


def longest_name(view: SessionView) -> int:
    """The length of the longest « NOM Prénom » of the candidates not withdrawn, without parsing them."""
    cands = view.state["candidates"]
    names = (f"{cands[n].get('nom') or ''} {cands[n].get('prenom') or ''}".strip() for n in active_numeros(view))
    return max(map(len, names), default=0)


# ---- one row of the table -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class UnitCell:
    code: str
    value: Value | None  # the value that counts now (adjusted, contrôle applied)
    adjusted: bool  # a jury adjustment is in force
    controle: bool  # the contrôle grade is the one that counts


@dataclass(frozen=True, slots=True)
class CandidateLine:
    numero: str
    nom: str
    prenom: str
    tour: int  # the tour whose result describes the candidate now
    moyenne: int | None  # hundredths, truncated
    proposition: str
    decision: str | None  # the decision of that tour
    a_revoir: bool
    livret: bool
    livret_examine: bool
    units: tuple[UnitCell, ...]


def candidate_line(view: SessionView, numero: str) -> CandidateLine:
    c = view.candidate(numero)
    tour = view.tour_of(c)
    r = view.result(numero, tour)
    units = []
    for unit in view.regulation.units:
        code = unit.code
        value = r.effective.get(code)
        adjusted = c.adjustment(code, tour) is not None if c.ajustements else False
        from_controle = tour >= 2 and code in c.controle and value is c.controle[code]
        units.append(UnitCell(code, value, adjusted, from_controle))
    d = c.decision(tour)
    return CandidateLine(
        numero=c.numero,
        nom=c.nom,
        prenom=c.prenom,
        tour=tour,
        moyenne=r.moyenne,
        proposition=r.proposition,
        decision=d.decision if d else None,
        a_revoir=c.a_revoir,
        livret=c.livret,
        livret_examine=c.livret_examine,
        units=tuple(units),
    )


# ---- filters, search, sort ------------------------------------------------------------------
def _whole(hundredths: int) -> str:
    return str(hundredths // 100) if hundredths % 100 == 0 else grades.french(hundredths)


def filter_labels(view: SessionView) -> dict[str, str]:
    """The table's filters and their French names (thresholds from the regulation)."""
    reg = view.regulation
    return {
        "tous": "Tous les candidats",
        "non_decides": "Non décidés",
        "limites": f"Limites ({_whole(reg.controle)} à {_whole(reg.admis)})",
        "a_revoir": "À revoir",
        "controle": "Contrôle",
        "non_delivre": "Non délivré",
    }


FILTERS = ("tous", "non_decides", "limites", "a_revoir", "controle", "non_delivre")


def matches(view: SessionView, line: CandidateLine, name: str) -> bool:
    """Whether a row belongs to the filter `name`."""
    if name == "tous":
        return True
    if name == "non_decides":
        return line.decision is None
    if name == "limites":
        reg = view.regulation
        return line.moyenne is not None and reg.controle <= line.moyenne < reg.admis
    if name == "a_revoir":
        return line.a_revoir
    if name == "controle":
        return line.tour == 2 or CONTROLE in (line.proposition, line.decision)
    if name == "non_delivre":
        return NON_DELIVRE in (line.proposition, line.decision)
    raise ValueError(f"unknown filter {name!r}")


def fold(text: str) -> str:
    """Lower case without accents, for searching and sorting names."""
    t = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in t if not unicodedata.combining(ch))


def search_matches(line: CandidateLine, query: str) -> bool:
    """Incremental search: every word of the query in the numero or the names."""
    words = fold(query).split()
    if not words:
        return True
    hay = f"{line.numero} {fold(line.nom)} {fold(line.prenom)}"
    return all(w in hay for w in words)


_PROPOSITION_ORDER = {p: i for i, p in enumerate((ADMIS, CONTROLE, AJOURNE, NON_DELIVRE, INCOMPLET))}


def _value_key(value: Value | None) -> tuple:
    if value is None:
        return (2, 0)
    if value.is_grade:
        return (0, value.hundredths)
    return (1, value.kind)


def sort_key(line: CandidateLine, column: str):
    """The key sorting rows by `column` (numero, nom, moyenne, proposition, decision, a unit)."""
    if column == "numero":
        return line.numero
    if column == "nom":
        return (fold(line.nom), fold(line.prenom), line.numero)
    if column == "moyenne":
        return (line.moyenne is None, line.moyenne or 0, line.numero)
    if column == "proposition":
        return (_PROPOSITION_ORDER.get(line.proposition, 9), line.numero)
    if column == "decision":
        return (line.decision is None, _PROPOSITION_ORDER.get(line.decision or "", 9), line.numero)
    for cell in line.units:
        if cell.code == column:
            return (*_value_key(cell.value), line.numero)
    raise ValueError(f"unknown column {column!r}")


# ---- statistics -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Statistics:
    tour: int
    totals: tours.Totals
    proposals: dict[str, int]  # per proposal, every candidate of the tour
    decisions: dict[str, int]  # per decision taken
    controle: int  # the regulation's thresholds, hundredths
    admis: int


def statistics(view: SessionView, tour: int) -> Statistics:
    totals = view.totals(tour)
    proposals = {p: 0 for p in PROPOSITIONS}
    decisions = {d: 0 for d in (ADMIS, AJOURNE, CONTROLE, NON_DELIVRE)}
    for c in view.active:
        if not tours.in_tour(c, tour):
            continue
        r = view.result(c.numero, tour)
        proposals[r.proposition] = proposals.get(r.proposition, 0) + 1
        d = c.decision(tour)
        if d:
            decisions[d.decision] = decisions.get(d.decision, 0) + 1
    reg = view.regulation
    return Statistics(tour, totals, proposals, decisions, reg.controle, reg.admis)


def average_histogram(view: SessionView) -> tuple[tuple[int, ...], int]:
    """(averages per point [0,1) … [19,20], candidates without one), every candidate not
    withdrawn at the tour that describes them now (tour 2 for those who sat the contrôle)."""
    bins = [0] * 20
    without = 0
    for numero in active_numeros(view):
        moyenne = view.result(numero).moyenne
        if moyenne is None:
            without += 1
        else:
            bins[min(19, moyenne // 100)] += 1
    return tuple(bins), without


def tours_to_show(view: SessionView) -> list[int]:
    """Tour 1, and tour 2 once tour 1 is signed and some candidates sit the contrôle."""
    out = [1]
    if view.signature(1) and any(tours.in_tour(c, 2) for c in view.active):
        out.append(2)
    return out


# ---- deciding -------------------------------------------------------------------------------
@dataclass(frozen=True)
class DecisionPlan:
    allowed: bool  # possible now, possibly after a reason / the livret examined
    needs_reason: bool = False  # against the proposal: a reason is mandatory
    needs_livret: bool = False  # the livret must be recorded as examined first (D643-26)
    message: str | None = None  # why not, in French
    tour: int | None = None
    proposition: str | None = None


def plan_decision(view: SessionView, numero: str, decision: str) -> DecisionPlan:
    """What the jury must supply for `decision` to be taken (RULES.md §5), or why it cannot."""
    tour = open_tour(view)
    if tour is None:
        return DecisionPlan(False, message="la session est close : tous les tours sont signés")
    c = view.candidate(numero)
    if c.withdrawn:
        return DecisionPlan(False, message="candidat retiré de la session")
    if not tours.in_tour(c, tour):
        d = c.decision(1)
        done = f" (décision du tour 1 : {d.decision})" if d else ""
        return DecisionPlan(False, message=f"candidat non concerné par le tour {tour}{done}")
    from jury_tui.domain.decisions import check_decision  # the sheet's, not the table's: imported when used

    r = view.result(numero, tour)
    verdict = check_decision(c, r, decision, reason=None, tour=tour)
    needs_livret = False
    if not verdict.allowed and not verdict.needs_reason and c.livret and not c.livret_examine:
        examined = check_decision(replace(c, livret_examine=True), r, decision, reason=None, tour=tour)
        if examined.allowed or examined.needs_reason:
            verdict, needs_livret = examined, True
    if verdict.allowed or verdict.needs_reason:
        return DecisionPlan(True, verdict.needs_reason, needs_livret, verdict.message, tour, r.proposition)
    return DecisionPlan(False, message=verdict.message, tour=tour, proposition=r.proposition)


# ---- the candidate sheet --------------------------------------------------------------------
@dataclass(frozen=True)
class UnitRow:
    code: str
    epreuve: str
    intitule: str
    optional: bool
    coefficient: int  # 0 for an optional unit
    bonus_weight: int
    original: Value | None  # as imported
    value: Value | None  # what counts now (adjusted, contrôle applied)
    adjustment: object | None  # the Adjustment in force at the candidate's tour
    controle: Value | None  # the contrôle grade (tour 2)
    held: bool  # unit acquired


def unit_rows(view: SessionView, numero: str) -> list[UnitRow]:
    c = view.candidate(numero)
    tour = view.tour_of(c)
    r = view.result(numero, tour)
    held = set(r.unites_acquises)
    rows = []
    for u in view.regulation.units:
        rows.append(
            UnitRow(
                code=u.code,
                epreuve=u.epreuve,
                intitule=u.intitule,
                optional=u.optional,
                coefficient=u.coefficient,
                bonus_weight=u.bonus_weight,
                original=c.notes.get(u.code),
                value=r.effective.get(u.code),
                adjustment=c.adjustment(u.code, tour),
                controle=c.controle.get(u.code),
                held=u.code in held,
            )
        )
    return rows


def controle_units(view: SessionView) -> tuple[str, ...]:
    """The units a contrôle grade may be entered for, and how many per candidate."""
    return view.regulation.controle_units


def controle_count(view: SessionView) -> int:
    return view.regulation.controle_count


def in_current_tour(view: SessionView, numero: str) -> bool:
    tour = open_tour(view)
    return tour is not None and tours.in_tour(view.candidate(numero), tour)


def composition_check(view: SessionView):
    """(errors, warnings) of the jury's composition alone (RULES.md §8), for the jury screen."""
    return view.composition()


def attendance_frozen(view: SessionView) -> bool:
    """Attendance can change until tour 1 is signed."""
    return view.signature(1) is not None

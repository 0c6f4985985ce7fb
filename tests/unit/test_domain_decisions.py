"""What the jury may decide and adjust (RULES.md §5): the decision table, livret, adjustments."""

from __future__ import annotations

import pytest

from jury_tui import regulations
from jury_tui.domain import grades
from jury_tui.domain.candidate import Candidate, Decision
from jury_tui.domain.decisions import check_adjustment, check_decision
from jury_tui.domain.results import ADMIS, AJOURNE, CONTROLE, INCOMPLET, LABELS, NON_DELIVRE, compute

REG = regulations.load("bts-mos")
MANDATORY = ("U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6")
GENERAL = ("U1", "U21", "U22", "U3")
PROFESSIONAL = ("U4", "U51", "U52", "U6")
DECISIONS = (ADMIS, AJOURNE, CONTROLE, NON_DELIVRE)


def candidate(**cells: str) -> Candidate:
    notes = {u: v for u, v in ((u, grades.parse(t)) for u, t in cells.items()) if v is not None}
    return Candidate(numero="00001", nom="NOM", prenom="Prénom", notes=notes)


def for_proposal(proposal: str) -> Candidate:
    if proposal == ADMIS:  # 12 everywhere: 12.00
        cells = {u: "12" for u in MANDATORY}
    elif proposal == CONTROLE:  # general 9, professional 10: (900×14 + 1000×24)/38 = 36600/38 = 9.63
        cells = {u: "9" for u in GENERAL} | {u: "10" for u in PROFESSIONAL}
    elif proposal == AJOURNE:  # 7 everywhere: 7.00 < 8
        cells = {u: "7" for u in MANDATORY}
    elif proposal == NON_DELIVRE:  # ABS on U4
        cells = {u: "12" for u in MANDATORY} | {"U4": "ABS"}
    else:  # U52 empty
        cells = {u: "12" for u in MANDATORY if u != "U52"}
    c = candidate(**cells)
    assert compute(c, REG).proposition == proposal
    return c


YES, REASON, NO = "yes", "reason", "forbidden"
# RULES.md §5: rows are the proposal, columns the decision
TABLE = {
    ADMIS: {ADMIS: YES, AJOURNE: REASON, CONTROLE: NO, NON_DELIVRE: NO},
    CONTROLE: {CONTROLE: YES, ADMIS: REASON, AJOURNE: REASON, NON_DELIVRE: NO},
    AJOURNE: {AJOURNE: YES, ADMIS: REASON, CONTROLE: NO, NON_DELIVRE: NO},
    NON_DELIVRE: {NON_DELIVRE: YES, ADMIS: NO, AJOURNE: NO, CONTROLE: NO},
    INCOMPLET: {ADMIS: NO, AJOURNE: NO, CONTROLE: NO, NON_DELIVRE: NO},
}
CELLS = [(p, d, TABLE[p][d]) for p in TABLE for d in DECISIONS]


@pytest.mark.parametrize("proposal, decision, rule", CELLS)
def test_decision_table_without_reason(proposal, decision, rule):
    c = for_proposal(proposal)
    v = check_decision(c, compute(c, REG), decision, reason=None, tour=1)
    assert v.allowed is (rule == YES), v.message
    if rule == YES:
        assert not v.against_proposal
    if rule == REASON:
        assert v.needs_reason and v.against_proposal
        assert "motif" in v.message
    if rule == NO:
        assert v.message


@pytest.mark.parametrize("proposal, decision, rule", CELLS)
def test_decision_table_with_reason(proposal, decision, rule):
    c = for_proposal(proposal)
    v = check_decision(c, compute(c, REG), decision, reason="travail régulier dans l'année", tour=1)
    assert v.allowed is (rule in (YES, REASON)), v.message
    if v.allowed:  # a decision against the proposal is flagged for the minutes
        assert v.against_proposal is (rule == REASON)


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_a_blank_reason_is_no_reason(reason):
    c = for_proposal(ADMIS)
    v = check_decision(c, compute(c, REG), AJOURNE, reason=reason, tour=1)
    assert not v.allowed and v.needs_reason


def test_incomplete_candidate_names_the_missing_unit():
    c = for_proposal(INCOMPLET)
    v = check_decision(c, compute(c, REG), ADMIS, reason="x", tour=1)
    assert not v.allowed and "U52" in v.message


def test_non_delivre_refusal_points_to_abj():
    c = for_proposal(NON_DELIVRE)
    v = check_decision(c, compute(c, REG), ADMIS, reason="x", tour=1)
    assert not v.allowed and "ABJ" in v.message


def test_non_delivre_becomes_decidable_once_abs_is_turned_into_abj():
    c = for_proposal(NON_DELIVRE)
    c.notes["U4"] = grades.parse("ABJ")
    # (12 × 30 + 0 × 8) / 38 = 9.47 ; professional (0×8 + 12×16)/24 = 8 < 10 -> ajourne
    r = compute(c, REG)
    assert r.proposition == AJOURNE
    assert check_decision(c, r, ADMIS, reason="force majeure admise", tour=1).allowed


@pytest.mark.parametrize("decision", ["admise", "", "clear", "ADMIS"])
def test_unknown_decision_is_refused(decision):
    c = for_proposal(ADMIS)
    assert not check_decision(c, compute(c, REG), decision, reason="x", tour=1).allowed


# --- tour 2 ----------------------------------------------------------------------------------


def tour_two(ctrl_u1: str) -> Candidate:
    # general 9, professional 10 -> contrôle at tour 1, decided so
    c = for_proposal(CONTROLE)
    c.decisions = {1: Decision(1, CONTROLE, None, "MARTIN", "2026-06-20T08:00:01+00:00")}
    c.controle = {"U1": grades.parse(ctrl_u1), "U3": grades.parse("5")}
    return c


def test_tour_two_proposals():
    # U1 max(9, 18) = 18: 36600 + (1800-900)×4 = 40200 ; /38 = 10.57 -> admis
    assert compute(tour_two("18"), REG, tour=2).proposition == ADMIS
    # U1 max(9, 11) = 11: 36600 + 200×4 = 37400 ; /38 = 9.84 -> ajourne (no contrôle at tour 2)
    assert compute(tour_two("11"), REG, tour=2).proposition == AJOURNE


@pytest.mark.parametrize("decision", [CONTROLE, NON_DELIVRE])
def test_tour_two_decision_is_admis_or_ajourne_only(decision):
    c = tour_two("18")
    v = check_decision(c, compute(c, REG, tour=2), decision, reason="x", tour=2)
    assert not v.allowed


@pytest.mark.parametrize(
    "ctrl, decision, rule",
    [
        ("18", ADMIS, YES),
        ("18", AJOURNE, REASON),
        ("11", AJOURNE, YES),
        ("11", ADMIS, REASON),
    ],
)
def test_tour_two_decisions_against_the_recomputed_proposal(ctrl, decision, rule):
    c = tour_two(ctrl)
    r = compute(c, REG, tour=2)
    without = check_decision(c, r, decision, reason=None, tour=2)
    with_reason = check_decision(c, r, decision, reason="motif", tour=2)
    assert without.allowed is (rule == YES)
    assert with_reason.allowed
    assert with_reason.against_proposal is (rule == REASON)


# --- livret (D643-26) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "proposal, decision", [(AJOURNE, AJOURNE), (CONTROLE, CONTROLE), (ADMIS, AJOURNE), (CONTROLE, AJOURNE)]
)
def test_no_ajourne_nor_controle_before_the_livret_is_examined(proposal, decision):
    c = for_proposal(proposal)
    c.livret = True
    r = compute(c, REG)
    v = check_decision(c, r, decision, reason="motif", tour=1)
    assert not v.allowed and "livret" in v.message
    assert f"avant de décider « {LABELS[decision]} »" in v.message  # « ajourner » would misname a contrôle
    c.livret_examine = True
    assert check_decision(c, r, decision, reason="motif", tour=1).allowed


@pytest.mark.parametrize(
    "proposal, decision", [(ADMIS, ADMIS), (CONTROLE, ADMIS), (AJOURNE, ADMIS), (NON_DELIVRE, NON_DELIVRE)]
)
def test_favourable_decisions_need_no_livret_examination(proposal, decision):
    c = for_proposal(proposal)
    c.livret = True
    assert check_decision(c, compute(c, REG), decision, reason="motif", tour=1).allowed


def test_livret_rule_holds_at_tour_two():
    c = tour_two("11")
    c.livret = True
    r = compute(c, REG, tour=2)
    assert not check_decision(c, r, AJOURNE, reason=None, tour=2).allowed
    c.livret_examine = True
    assert check_decision(c, r, AJOURNE, reason=None, tour=2).allowed


def test_no_livret_no_examination_needed():
    c = for_proposal(AJOURNE)
    assert check_decision(c, compute(c, REG), AJOURNE, reason=None, tour=1).allowed


# --- adjustments ----------------------------------------------------------------------------


def _p(text):
    return grades.parse(text)


@pytest.mark.parametrize(
    "current, new",
    [
        ("9,5", "10"),  # raised
        ("12", "11,5"),  # lowered: the deliberation is sovereign
        ("0", "0,5"),
        ("B2024:13", "14"),  # a kept grade is a grade
        ("ABS", "ABJ"),  # force majeure accepted
    ],
)
def test_allowed_adjustments(current, new):
    assert check_adjustment(_p(current), _p(new)) is None


@pytest.mark.parametrize(
    "current, new",
    [
        ("ABS", "10"),  # ABS turns into ABJ only
        ("ABS", "ABS"),
        ("ABS", "DISP"),
        ("DISP", "10"),
        ("VAE", "10"),
        ("NP", "10"),
        ("NP", "ABJ"),
        ("ABJ", "10"),
        ("12", "ABJ"),  # a grade is adjusted to a grade
        ("12", "ABS"),
        ("12", "DISP"),
        ("12", "B2024:14"),
        ("12", "12,00"),  # nothing changes
    ],
)
def test_refused_adjustments(current, new):
    assert check_adjustment(_p(current), _p(new))


def test_nothing_to_adjust_on_an_empty_unit():
    assert check_adjustment(None, _p("12"))

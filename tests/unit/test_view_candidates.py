"""A session view reads its stored candidates as `candidate.from_dict` does, refuses what it
refuses, and the app's next view of a session parses again only the candidates that changed."""

from __future__ import annotations

import copy

import pytest

from jury_tui.deliberation import Session
from jury_tui.deliberation.app_support import reload_view
from jury_tui.deliberation.view import SessionView
from jury_tui.demo import build_demo
from jury_tui.domain import candidate as cand_mod
from jury_tui.domain import grades, tours
from jury_tui.domain.candidate import Adjustment, Candidate, Decision
from jury_tui.domain.grades import GradeError
from jury_tui.domain.results import compute
from jury_tui.errors import JuryError


@pytest.fixture(scope="module")
def tour2(tmp_path_factory) -> dict:
    """The demo at tour 2: a withdrawal, an adjustment, decisions, contrôle grades."""
    session = Session(build_demo(tmp_path_factory.mktemp("demo") / "demo.json"))
    session.withdraw("02605", reason="erreur d'import")
    session.adjust("02606", "U4", "10", reason="points de jury")
    session.set_field("02618", "U52", "12", reason="note reçue")
    view = session.view()
    for c in view.active:
        session.decide(c.numero, view.result(c.numero).proposition, livret_examine=True)
    session.sign()
    session.set_controle_grade("02607", "U3", "11,5")
    session.set_controle_grade("02609", "U1", "6")
    return copy.deepcopy(session.view().state)


ODD = [
    {"numero": "1"},
    {"numero": "2", "notes": None, "nom": None, "forme": "", "livret": "oui", "decisions": None, "ajustements": None},
    {"numero": "3", "notes": {"U1": "", "U3": " 12.5 ", "U4": "abs", "U5": "b2024 : 13,5"}, "controle": {"U1": "14"}},
    {"numero": "4", "decisions": {"2": {"decision": "admis"}}, "ajustements": [{"unite": "U1", "avant": "9", "apres": "10"}]},
]


def test_a_candidate_reads_back_from_its_stored_form():
    c = Candidate(
        "N", "NOM", "Prénom", {"U1": grades.parse("12")}, "progressive", "2001-02-03", "apprenti", True, False,
        True, "INE", "Lycée", (Adjustment("U3", grades.parse("8"), grades.parse("9"), "m", "p", "l", 2),),
        {"U3": grades.parse("11")}, {1: Decision(1, "controle", None, "p", "l")}, True, {"motif": "x"},
    )  # fmt: skip
    assert cand_mod.from_dict(cand_mod.to_dict(c)) == c


def test_the_view_reads_the_stored_candidates(tour2):
    state = copy.deepcopy(tour2)
    state["candidates"].update({raw["numero"]: raw for raw in ODD})
    view = SessionView(state)
    for numero, raw in state["candidates"].items():
        assert view.candidate(numero) == cand_mod.from_dict(raw)
    assert view.candidate("3").notes == {"U3": grades.note(1250), "U4": grades.Value("ABS"),
                                         "U5": grades.Value("B", 1350, 2024)}


@pytest.mark.parametrize(("raw", "error"), [
    ({"nom": "X"}, KeyError),
    ({"numero": "1", "notes": {"U1": "21"}}, GradeError),
    ({"numero": "1", "notes": {"U1": 12}}, AttributeError),
    ({"numero": "1", "notes": {"U1": ["12"]}}, AttributeError),
    ({"numero": "1", "notes": ["U1"]}, AttributeError),
    ({"numero": "1", "decisions": {"x": {"decision": "admis"}}}, ValueError),
])  # fmt: skip
def test_a_bad_stored_candidate_is_refused_as_from_dict_refuses_it(raw, error):
    with pytest.raises(error):
        cand_mod.from_dict(raw)
    with pytest.raises(error):
        SessionView({"candidates": {"1": raw}}).candidate("1")


def test_a_candidate_stored_as_null_is_refused(tour2):
    state = copy.deepcopy(tour2)
    state["candidates"]["00000"] = None
    with pytest.raises(JuryError, match="00000"):
        _ = SessionView(state).candidates


def test_results_at_each_tour_are_the_engine_s(tour2):
    view = SessionView(tour2)
    for tour in (1, 2):
        expected = {c.numero: compute(c, view.regulation, tour) for c in view.active if tours.in_tour(c, tour)}
        assert view.results(tour) == expected
    assert {view.result(c.numero).tour for c in view.active} == {1, 2}  # each at the tour that describes it now


def test_a_view_after_one_decision_parses_that_candidate_only(tmp_path):
    """As the app reloads its view after each act (`reload_view`)."""
    session = Session(build_demo(tmp_path / "demo.json"))
    before, _, _ = reload_view(session)
    kept, decided = before.candidate("02602"), before.candidate("02601")
    session.decide("02601", "admis")
    after, _, _ = reload_view(session, before)
    assert after.candidate("02602") is kept
    assert after.candidate("02601") is not decided and after.candidate("02601").decision(1).decision == "admis"

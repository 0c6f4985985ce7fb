"""A session view parses stored candidates as `candidate.from_dict` does (each distinct grade
text once), and computes many results in one pass as it would one by one."""

from __future__ import annotations

import pytest

from jury_tui.deliberation import Session
from jury_tui.deliberation.view import SessionView, from_stored
from jury_tui.demo import build_demo
from jury_tui.domain import candidate as cand_mod
from jury_tui.domain.grades import GradeError
from jury_tui.domain.results import compute


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = build_demo(tmp_path_factory.mktemp("demo") / "demo.json")
    session = Session(path)
    for numero in ("02602", "02603", "02607"):
        session.decide(numero, session.view().result(numero).proposition, livret_examine=True)
    return session


def test_stored_candidates_parse_as_from_dict(demo):
    stored = demo.view().state["candidates"]
    odd = [
        {"numero": "1", "notes": None},
        {"numero": "2", "notes": {"U1": "", "U3": " 12.5 "}, "controle": {"U1": "14.00"}},
        {"numero": "3", "nom": "X", "notes": {"U1": "B2024:13.00", "U4": "abs"}},
    ]
    for raw in [*stored.values(), *odd]:
        assert from_stored(raw) == cand_mod.from_dict(raw)


def test_a_bad_grade_is_refused_as_from_dict_refuses_it():
    for text in ("21", "x"):
        with pytest.raises(GradeError):
            from_stored({"numero": "1", "notes": {"U1": text}})
    with pytest.raises(AttributeError):
        from_stored({"numero": "1", "notes": {"U1": 12}})


def test_many_results_at_once_are_those_computed_one_by_one(demo):
    view = demo.view()
    view.compute_many(view.active)
    fresh = SessionView(view.state)
    for c in view.active:
        assert view.result(c.numero) == compute(c, view.regulation, fresh.tour_of(c))
    assert view.results(1) == {c.numero: compute(c, view.regulation, 1) for c in view.active}

"""The stored candidates are parsed in one step each (`candidate.from_dict`, positional) and
many at once (`view.parse_candidates`): held here against the keyword-by-keyword reading
they replace, and the view's results read many at once against those read one by one."""

from __future__ import annotations

import copy
from dataclasses import fields

import pytest

from jury_tui.deliberation import Session
from jury_tui.deliberation import view as view_mod
from jury_tui.deliberation.view import SessionView, from_stored, parse_candidate, parse_candidates
from jury_tui.demo import build_demo
from jury_tui.domain import candidate as cand_mod
from jury_tui.domain import grades, tours
from jury_tui.domain.candidate import Adjustment, Candidate, Decision
from jury_tui.domain.grades import GradeError
from jury_tui.errors import JuryError


def reference_from_dict(d: dict) -> Candidate:
    """The stored form read key by key, as `candidate.from_dict` read it before."""

    def grades_of(raw):
        return {u: v for u, t in (raw or {}).items() if (v := grades.parse(t)) is not None}

    return Candidate(
        numero=d["numero"],
        nom=d.get("nom", ""),
        prenom=d.get("prenom", ""),
        notes=grades_of(d.get("notes")),
        forme=d.get("forme") or "globale",
        date_naissance=d.get("date_naissance"),
        statut=d.get("statut"),
        livret=bool(d.get("livret")),
        livret_examine=bool(d.get("livret_examine")),
        attestation_shg=bool(d.get("attestation_shg")),
        ine=d.get("ine"),
        etablissement=d.get("etablissement"),
        ajustements=tuple(
            Adjustment(
                unite=a["unite"],
                avant=grades.parse(a["avant"]),
                apres=grades.parse(a["apres"]),
                motif=a.get("motif") or "",
                par=a.get("par") or "",
                le=a.get("le") or "",
                tour=int(a.get("tour", 1)),
            )
            for a in d.get("ajustements") or ()
        ),
        controle=grades_of(d.get("controle")),
        decisions={
            int(t): Decision(int(t), x["decision"], x.get("motif"), x.get("par") or "", x.get("le") or "")
            for t, x in (d.get("decisions") or {}).items()
        },
        a_revoir=bool(d.get("a_revoir")),
        retire=d.get("retire"),
    )


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


def test_the_fields_are_given_in_the_order_of_the_stored_keys():
    assert cand_mod._KEYS == tuple(f.name for f in fields(Candidate))
    c = Candidate(
        "N", "NOM", "Prénom", {"U1": grades.parse("12")}, "progressive", "2001-02-03", "apprenti", True, False,
        True, "INE", "Lycée", (Adjustment("U3", grades.parse("8"), grades.parse("9"), "m", "p", "l", 2),),
        {"U3": grades.parse("11")}, {1: Decision(1, "controle", None, "p", "l")}, True, {"motif": "x"},
    )  # fmt: skip
    assert cand_mod.from_dict(cand_mod.to_dict(c)) == c


def test_stored_candidates_read_as_key_by_key(tour2):
    for raw in [*tour2["candidates"].values(), *ODD]:
        expected = reference_from_dict(raw)
        assert cand_mod.from_dict(raw) == expected
        assert from_stored(raw) == expected


def test_bad_cells_are_refused_as_key_by_key():
    for raw, error in [
        ({"nom": "X"}, KeyError),
        ({"numero": "1", "notes": {"U1": "21"}}, GradeError),
        ({"numero": "1", "notes": {"U1": 12}}, AttributeError),
        ({"numero": "1", "notes": {"U1": ["12"]}}, AttributeError),  # not even hashable
        ({"numero": "1", "notes": ["U1"]}, AttributeError),
        ({"numero": "1", "decisions": {"x": {"decision": "admis"}}}, ValueError),
    ]:
        for parse in (reference_from_dict, cand_mod.from_dict, from_stored):
            with pytest.raises(error):
                parse(raw)


def test_many_at_once_are_those_parsed_one_by_one_and_shared(tour2):
    raws = list(tour2["candidates"].values())
    view_mod._PARSED.clear()
    many = parse_candidates(raws)
    assert many == [reference_from_dict(raw) for raw in raws]
    assert all(a is b for a, b in zip(many, map(parse_candidate, raws)))
    assert all(a is b for a, b in zip(many, parse_candidates(raws)))
    with pytest.raises(GradeError):
        parse_candidates([*raws, {"numero": "X", "notes": {"U1": "vingt"}}])


def test_a_candidate_stored_as_null_is_refused_as_before(tour2):
    state = copy.deepcopy(tour2)
    state["candidates"]["00000"] = None
    with pytest.raises(JuryError, match="00000"):
        _ = SessionView(state).candidates


@pytest.mark.parametrize("tour", [None, 1, 2])
def test_results_read_many_at_once_are_those_read_one_by_one(tour2, tour):
    view = SessionView(tour2)
    cands = view.active if tour is None else [c for c in view.active if tours.in_tour(c, tour)]
    many = view.results_of(cands, tour)
    fresh = SessionView(tour2)
    assert many == [fresh.result(c.numero, tour) for c in cands]
    assert all(a is view.result(c.numero, tour) for a, c in zip(many, cands))
    assert {r.tour for r in many} == ({1, 2} if tour is None else {tour})

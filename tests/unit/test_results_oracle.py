"""The results engine gives, field by field, what it gave as first written (the oracle).

Every public field of `Result` is compared: proposition, reason, points and coefficients
(general and professional), units held and their blocs, the values that counted, missing
units, carte professionnelle; on the demo session at both tours, and on random candidates
under random regulations (coefficients, weights, every policy), adjustments and contrôle
grades included.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jury_tui.deliberation import Session
from jury_tui.demo import build_demo
from jury_tui.domain import grades
from jury_tui.domain.candidate import Adjustment, Candidate, Decision
from jury_tui.domain.grades import ABJ, ABS, DISP, KEPT, NP, VAE, Value
from jury_tui.domain.results import compute, compute_all
from jury_tui.regulations import load

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
import results_reference as oracle  # noqa: E402

REG = load("bts-mos")
FIELDS = ("numero", "tour", "proposition", "reason", "points", "coefficients", "pro_points", "pro_coefficients",
          "unites_acquises", "blocs_acquis", "missing", "carte_professionnelle", "moyenne", "exact", "moyenne_pro")


def same(c: Candidate, reg, tour: int) -> None:
    new, old = compute(c, reg, tour), oracle.compute(c, reg, tour)
    for name in FIELDS:
        assert getattr(new, name) == getattr(old, name), (name, c, tour)
    assert dict(new.effective) == old.effective
    assert compute_all([c, c], reg, tour) == [new, new]


@pytest.fixture(scope="module")
def demo_view(tmp_path_factory):
    path = build_demo(tmp_path_factory.mktemp("demo") / "demo.json")
    session = Session(path)
    view = session.view()
    for numero in view.numeros:
        proposition = view.result(numero, 1).proposition
        if proposition != "incomplet":
            session.decide(numero, proposition, livret_examine=True)
    return session.view()


def test_the_demo_at_both_tours(demo_view):
    view = demo_view
    cands = view.candidates
    assert any(c.ajustements for c in cands) and any(c.attestation_shg for c in cands)
    for c in cands:
        for tour in (1, 2):
            same(c, view.regulation, tour)
    with_controle = [replace(c, controle={"U1": grades.note(1450), "U3": grades.note(600)}) for c in cands]
    for policies in ({}, {"note_controle": "controle"}, {"controle_acquiert": False}):
        reg = replace(REG, policies=replace(REG.policies, **policies))
        for c in with_controle:
            same(c, reg, 2)


def test_a_result_reads_like_the_record_it_replaces():
    c = Candidate("02601", "DURAND", "Léa", notes={"U1": grades.note(1250)})
    r = compute(c, REG)
    with pytest.raises(TypeError):
        r.effective["U1"] = grades.note(2000)  # read-only
    with pytest.raises(AttributeError):
        r.proposition = "admis"  # immutable
    assert r == compute(c, REG) and r != compute(replace(c, numero="02602"), REG)
    assert "proposition='incomplet'" in repr(r)
    import pickle

    assert pickle.loads(pickle.dumps(r)) == r


# ---- random candidates under random regulations ---------------------------------------------

hundredths = st.integers(0, 2000)
grade = hundredths.map(grades.note)
kept = st.builds(lambda h, y: Value(KEPT, h, y), hundredths, st.integers(2021, 2025))
codes = st.sampled_from([Value(ABS), Value(ABJ), Value(DISP), Value(VAE), Value(NP), Value("abs".upper())])
cell = st.one_of(grade, grade, grade, kept, codes, st.none())


@st.composite
def regulations(draw):
    units = tuple(
        replace(u, bonus_weight=draw(st.integers(0, 3))) if u.optional else replace(u, coefficient=draw(st.integers(1, 9)))
        for u in REG.units
    )
    if draw(st.booleans()):  # the regulation's order need not put the optional units last
        units = tuple(draw(st.permutations(units)))
    policies = replace(
        REG.policies,
        abs_moyenne_affichee=draw(st.sampled_from(["exclure", "zero"])),
        absence_facultative=draw(st.sampled_from(["sans_effet", "non_delivre"])),
        note_controle=draw(st.sampled_from(["meilleure", "controle"])),
        controle_acquiert=draw(st.booleans()),
    )
    return replace(REG, units=units, policies=policies)


@st.composite
def candidates(draw):
    notes = {}
    for unit in REG.units:
        v = draw(cell)
        if v is not None:
            notes[unit.code] = v
    if draw(st.integers(0, 9)) == 0:
        notes["U9"] = grades.note(1500)  # a unit the regulation does not have
    adjustments = []
    for code, v in notes.items():
        if v.is_grade and draw(st.integers(0, 3)) == 0:
            adjustments.append(Adjustment(code, v, draw(grade), "points de jury", "jury", "", draw(st.sampled_from([1, 2]))))
    controle = {code: draw(grade) for code in draw(st.lists(st.sampled_from(REG.controle_units), max_size=2, unique=True))}
    decisions = {}
    for tour in (1, 2):
        choice = draw(st.sampled_from([None, "admis", "ajourne", "controle"]))
        if choice:
            decisions[tour] = Decision(tour, choice, None, "jury", "")
    return Candidate("02601", "DURAND", "Léa", notes=notes, forme=draw(st.sampled_from(["globale", "progressive"])),
                     attestation_shg=draw(st.booleans()), ajustements=tuple(adjustments), controle=controle,
                     decisions=decisions)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(candidates(), regulations(), st.sampled_from([1, 2]))
def test_random_candidates_under_random_regulations(c, reg, tour):
    same(c, reg, tour)

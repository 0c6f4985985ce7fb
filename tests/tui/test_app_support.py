"""What the app asks of the deliberation layer (jury_tui.deliberation.app_support)."""

from __future__ import annotations

import subprocess
import sys

from jury_tui.deliberation import Session
from jury_tui.deliberation.app_support import (
    active_numeros,
    average_histogram,
    candidate_line,
    filter_labels,
    matches,
    open_tour,
    plan_decision,
    reload_view,
    search_matches,
    sort_key,
    statistics,
)


def test_reload_view_names_the_changed_candidates_and_reuses_the_rest(demo):
    session = Session(demo)
    first, version, changes = reload_view(session)
    assert changes.everything
    first.result("02602")
    session.decide("02601", "admis")
    second, version2, changes = reload_view(session, first)
    assert changes.numeros == {"02601"} and changes.audit and not changes.session
    assert version2 != version
    assert second.state["candidates"]["02602"] is first.state["candidates"]["02602"]
    assert second._results[("02602", 1)] is first._results[("02602", 1)]
    session.set_presence(8, "present")
    third, _, changes = reload_view(session, second)
    assert changes.session and not changes.numeros


def test_open_tour_does_not_need_every_candidate(demo):
    view = Session(demo).view()
    assert open_tour(view) == 1 == view.current_tour


def test_plan_decision_says_what_the_jury_must_supply(demo):
    view = Session(demo).view()
    assert plan_decision(view, "02602", "admis").allowed  # as proposed
    against = plan_decision(view, "02601", "ajourne")  # proposed admis, livret not examined
    assert against.allowed and against.needs_reason and against.needs_livret
    controle = plan_decision(view, "02607", "controle")  # as proposed, but livret first
    assert controle.allowed and controle.needs_livret and not controle.needs_reason
    forbidden = plan_decision(view, "02613", "admis")  # ABS: non délivré (D643-24)
    assert not forbidden.allowed and "ABJ" in forbidden.message
    assert not plan_decision(view, "02618", "admis").allowed  # incomplete


def test_filters_follow_the_regulation_thresholds(demo):
    view = Session(demo).view()
    lines = {n: candidate_line(view, n) for n in active_numeros(view)}
    borderline = {n for n, line in lines.items() if matches(view, line, "limites")}
    assert {"02610", "02609", "02606"} <= borderline  # 8,00 exactly; 9,99 (9,996…)
    assert "02627" not in borderline and "02632" not in borderline  # 10,00 exactly; 7,99
    assert {n for n, line in lines.items() if matches(view, line, "non_delivre")} == {"02613", "02614", "02615"}
    assert all(matches(view, line, "non_decides") for line in lines.values())
    assert filter_labels(view)["limites"] == "Limites (8 à 10)"


def test_search_and_sort(demo):
    view = Session(demo).view()
    lines = [candidate_line(view, n) for n in active_numeros(view)]
    assert [line.numero for line in lines if search_matches(line, "guer")] == ["02613"]
    assert [line.numero for line in lines if search_matches(line, "0261 inès")] == ["02613"]
    by_average = sorted(lines, key=lambda line: sort_key(line, "moyenne"))
    assert by_average[-1].moyenne is None  # the incomplete candidate last
    assert by_average[0].moyenne <= by_average[1].moyenne


def test_candidate_line_marks_adjusted_grades(demo):
    view = Session(demo).view()
    line = candidate_line(view, "02601")
    u6 = next(cell for cell in line.units if cell.code == "U6")
    assert u6.adjusted and str(u6.value) == "10.00"
    assert line.moyenne == 1157 and line.proposition == "admis" and line.decision is None


def test_statistics_count_proposals_decisions_and_averages(demo):
    session = Session(demo)
    session.decide("02602", "admis")
    view = session.view()
    stats = statistics(view, 1)
    assert sum(stats.proposals.values()) == stats.totals.inscrits == 62
    assert stats.decisions["admis"] == 1 == stats.totals.admis
    bins, without = average_histogram(view)  # what the overview draws
    assert sum(bins) + without == 62
    assert (stats.controle, stats.admis) == (800, 1000)


def test_the_deliberation_layer_does_not_import_textual():
    code = "import sys, jury_tui.deliberation.app_support; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

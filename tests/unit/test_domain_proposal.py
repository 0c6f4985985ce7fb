"""The professional average, the proposal in the order of RULES.md §4, tour 2 (§6), carte (§7)."""

from __future__ import annotations

import pytest
from domain_helpers import REG, candidate, every, variant

from jury_tui.domain import grades
from jury_tui.domain.candidate import Candidate, Decision
from jury_tui.domain.results import ADMIS, AJOURNE, CONTROLE, INCOMPLET, NON_DELIVRE, compute

GENERAL = ("U1", "U21", "U22", "U3")  # coefficients 4 + 2 + 2 + 6 = 14
PROFESSIONAL = ("U4", "U51", "U52", "U6")  # coefficients 8 + 5 + 5 + 6 = 24


def split(general: str, professional: str, **over: str) -> dict[str, str]:
    return {u: general for u in GENERAL} | {u: professional for u in PROFESSIONAL} | over


# --- professional average ----------------------------------------------------------------


def test_professional_average_with_abj_counting_zero():
    # U4 ABJ, the rest 12. Professional: (0×8 + 12×5 + 12×5 + 12×6) / 24 = 192/24 = 8.00
    # Overall: 12 × 30 / 38 = 360/38 = 9.47: between 8 and 10 but professional < 10 -> ajourne
    r = compute(candidate(**every("12", U4="ABJ")), REG)
    assert (r.pro_points, r.pro_coefficients) == (1200 * 16, 24)
    assert r.moyenne_pro == 800
    assert r.moyenne == 1200 * 30 // 38 == 947
    assert r.proposition == AJOURNE


def test_professional_average_has_no_optional_bonus():
    # general 9; professional 10 but U51 9.99: (8000 + 4995 + 5000 + 6000) / 24 = 23995/24 < 10
    # UF2 20 adds (2000-1000) = 1000 to the overall points only:
    # (900×14 + 23995 + 1000) / 38 = 37595/38 = 989.3 -> between 8 and 10
    r = compute(candidate(**split("9", "10", U51="9,99"), UF2="20"), REG)
    assert r.points == 900 * 14 + 23995 + 1000
    assert (r.pro_points, r.pro_coefficients) == (23995, 24)
    assert r.moyenne_pro == 999
    assert r.proposition == AJOURNE


def test_professional_average_leaves_disp_out():
    # U4 DISP; U51, U52, U6 at 10: 16000/16 = 10.00 ; overall (900×14 + 16000) / 30 = 28600/30 = 953.3
    r = compute(candidate(**split("9", "10", U4="DISP")), REG)
    assert (r.pro_points, r.pro_coefficients, r.moyenne_pro) == (1000 * 16, 16, 1000)
    assert (r.points, r.coefficients) == (900 * 14 + 1000 * 16, 30)
    assert r.proposition == CONTROLE


def test_no_professional_unit_counting_means_no_contrôle():
    # every professional unit VAE; general 9: 900 × 14 / 14 = 9.00
    r = compute(candidate(**split("9", "VAE")), REG)
    assert (r.pro_points, r.pro_coefficients, r.moyenne_pro) == (None, None, None)
    assert r.moyenne == 900
    assert r.proposition == AJOURNE


# --- the order of §4 -------------------------------------------------------------------------


def test_incomplete_beats_abs():
    cells = every("15", U4="ABS")
    del cells["U52"]
    r = compute(candidate(**cells), REG)
    assert r.proposition == INCOMPLET
    assert r.missing == ("U52",)


def test_abs_beats_np():
    r = compute(candidate("progressive", **every("15", U4="ABS", U3="NP")), REG)
    assert r.proposition == NON_DELIVRE


def test_abs_beats_an_admitting_average():
    # U4 ABS, the rest 15: shown average 15 × 30 / 30 = 15.00, but the diploma cannot be delivered
    r = compute(candidate(**every("15", U4="ABS")), REG)
    assert r.moyenne == 1500
    assert r.proposition == NON_DELIVRE


def test_np_beats_the_average_and_keeps_the_units_held():
    # progressive: U3 NP, U4 kept at 8 (allowed in progressive), the rest 15:
    # (1500×24 + 800×8) / 32 = (36000 + 6400) / 32 = 42400/32 = 13.25 -> still ajourne
    r = compute(candidate("progressive", **every("15", U3="NP", U4="B2023:8")), REG)
    assert (r.points, r.coefficients) == (1500 * 24 + 800 * 8, 32)
    assert r.moyenne == 1325
    assert r.proposition == AJOURNE
    assert r.unites_acquises == ("U1", "U21", "U22", "U51", "U52", "U6")


def test_an_empty_optional_unit_is_not_incomplete():
    assert compute(candidate(**every("12")), REG).proposition == ADMIS


# --- thresholds: 10 and 8 inclusive ------------------------------------------------------


def test_exactly_ten_is_admitted():
    r = compute(candidate(**every("10")), REG)
    assert (r.points, r.moyenne, r.proposition) == (1000 * 38, 1000, ADMIS)


def test_exactly_eight_with_professional_exactly_ten_is_controle():
    # general U1 4 (×4=16), U21 6 (×2=12), U22 6 (×2=12), U3 4 (×6=24) = 64 ; professional 10 × 24 = 240
    # (64 + 240) / 38 = 304/38 = 8 exactly ; professional 240/24 = 10 exactly
    cells = split("0", "10", U1="4", U21="6", U22="6", U3="4")
    r = compute(candidate(**cells), REG)
    assert r.points == 400 * 4 + 600 * 2 + 600 * 2 + 400 * 6 + 1000 * 24 == 304 * 100
    assert r.coefficients == 38
    assert (r.moyenne, r.moyenne_pro) == (800, 1000)
    assert r.proposition == CONTROLE


def test_one_hundredth_below_eight_is_ajourne():
    # as above with U1 3.99: 30400 - 1×4 = 30396 ; 30396/38 = 799.89
    cells = split("0", "10", U1="3,99", U21="6", U22="6", U3="4")
    r = compute(candidate(**cells), REG)
    assert r.points == 30400 - 4
    assert r.moyenne == 799
    assert r.proposition == AJOURNE


def test_eight_with_professional_just_below_ten_is_ajourne():
    # U4 9.99 (-1×8) compensated by U1 4.02 (+2×4): overall still 30400/38 = 8
    # professional (999×8 + 1000×16) / 24 = 23992/24 = 999.67 < 1000
    cells = split("0", "10", U1="4,02", U21="6", U22="6", U3="4", U4="9,99")
    r = compute(candidate(**cells), REG)
    assert r.points == 30400
    assert r.pro_points == 999 * 8 + 1000 * 16 == 23992
    assert r.moyenne_pro == 999
    assert r.proposition == AJOURNE


def test_below_eight_is_ajourne_even_with_a_strong_professional_average():
    # general 0, professional 12: 1200 × 24 / 38 = 28800/38 = 757.8
    r = compute(candidate(**split("0", "12")), REG)
    assert r.moyenne == 757
    assert r.moyenne_pro == 1200
    assert r.proposition == AJOURNE


def test_9_996_with_professional_ten_is_controle():
    # U1 9.98, U3 10, U51 10, U52 10, the rest DISP: 19992/20 = 9.996 ; professional 10000/10 = 10
    r = compute(candidate(**every("DISP", U1="9,98", U3="10", U51="10", U52="10")), REG)
    assert (r.moyenne, r.moyenne_pro) == (999, 1000)
    assert r.proposition == CONTROLE


def test_thresholds_come_from_the_regulation():
    reg12 = variant(('admis = "10"', 'admis = "12"'))
    r = compute(candidate(**every("11")), reg12)  # 11 < 12, professional 11 >= 10 -> contrôle
    assert r.proposition == CONTROLE


# --- tour 2 (§6) -----------------------------------------------------------------------------


def controle_candidate(**ctrl: str) -> Candidate:
    # U1 7 (4), U21 10 (2), U22 10 (2), U3 8 (6), professional 10 (24):
    # 2800 + 2000 + 2000 + 4800 + 24000 = 35600 ; 35600/38 = 936.8 -> contrôle
    c = candidate(**split("10", "10", U1="7", U3="8"))
    c.decisions = {1: Decision(1, CONTROLE, None, "MARTIN", "2026-06-20T08:00:01+00:00")}
    c.controle = {u: grades.parse(t) for u, t in ctrl.items()}
    return c


def test_tour_one_proposal_is_controle():
    r = compute(controle_candidate(), REG)
    assert r.points == 35600 and r.moyenne == 936
    assert r.proposition == CONTROLE


def test_tour_two_takes_the_better_grade_and_holds_the_unit():
    c = controle_candidate(U1="14", U3="6")
    r = compute(c, REG, tour=2)
    # U1 max(7, 14) = 14 ; U3 max(8, 6) = 8 : 5600 + 2000 + 2000 + 4800 + 24000 = 38400 ; /38 = 1010.5
    assert str(r.effective["U1"]) == "14.00" and str(r.effective["U3"]) == "8.00"
    assert r.points == 38400
    assert r.moyenne == 1010
    assert r.proposition == ADMIS
    assert "U1" in r.unites_acquises and "U3" not in r.unites_acquises
    # tour 1 is unchanged by the contrôle grades
    assert compute(c, REG, tour=1).points == 35600


def test_tour_two_proposes_ajourne_not_controle():
    # U1 max(7, 9) = 9 ; U3 max(8, 7) = 8 : 3600 + 2000 + 2000 + 4800 + 24000 = 36400 ; /38 = 957.8
    # 8 <= 9.57 < 10 with professional 10 would be a contrôle at tour 1; at tour 2 it is ajourne
    r = compute(controle_candidate(U1="9", U3="7"), REG, tour=2)
    assert r.points == 36400
    assert r.proposition == AJOURNE
    assert "U1" not in r.unites_acquises


def test_tour_two_policy_controle_grade_replaces_the_first():
    reg2 = variant(('note_controle = "meilleure"', 'note_controle = "controle"'))
    # U1 14, U3 6 (lower than 8, but the contrôle grade counts): 5600+2000+2000+3600+24000 = 37200 ; /38 = 978.9
    r = compute(controle_candidate(U1="14", U3="6"), reg2, tour=2)
    assert r.points == 37200
    assert r.proposition == AJOURNE


def test_tour_two_policy_controle_does_not_hold_units():
    reg2 = variant(("controle_acquiert = true", "controle_acquiert = false"))
    r = compute(controle_candidate(U1="14", U3="6"), reg2, tour=2)
    assert r.points == 38400 and r.proposition == ADMIS  # the grade counts in the average
    assert "U1" not in r.unites_acquises  # but the unit is not held through the contrôle


# --- carte professionnelle (§7) --------------------------------------------------------------


def carte_candidate(uf2: str = "12", attestation: bool = True, base: str = "12") -> Candidate:
    c = candidate(**every(base), UF2=uf2)
    c.attestation_shg = attestation
    return c


def test_carte_when_admitted_with_uf2_ten_and_certificate():
    assert compute(carte_candidate("12"), REG).carte_professionnelle is True
    assert compute(carte_candidate("10"), REG).carte_professionnelle is True
    assert compute(carte_candidate("B2025:12"), REG).carte_professionnelle is True


def test_no_carte_without_certificate_or_below_ten_or_not_taken():
    assert compute(carte_candidate("12", attestation=False), REG).carte_professionnelle is False
    assert compute(carte_candidate("9,99"), REG).carte_professionnelle is False
    assert compute(carte_candidate(""), REG).carte_professionnelle is False
    assert compute(carte_candidate("ABS"), REG).carte_professionnelle is False


def test_no_carte_when_not_admitted():
    # mandatory 7 + UF2 16 bonus 600: (700×38 + 600) / 38 = 27200/38 = 715 -> ajourne
    r = compute(carte_candidate("16", base="7"), REG)
    assert r.proposition == AJOURNE
    assert r.carte_professionnelle is False


def test_carte_follows_the_decision_once_taken():
    c = carte_candidate("12")
    c.decisions = {1: Decision(1, AJOURNE, "motif", "MARTIN", "2026-06-20T08:00:01+00:00")}
    r = compute(c, REG)
    assert r.proposition == ADMIS and r.carte_professionnelle is False
    c = carte_candidate("16", base="7")
    c.decisions = {1: Decision(1, ADMIS, "motif", "MARTIN", "2026-06-20T08:00:01+00:00")}
    r = compute(c, REG)
    assert r.proposition == AJOURNE and r.carte_professionnelle is True


def test_carte_at_tour_two_follows_the_tour_two_proposal_until_decided():
    # tour 1: 35600 + UF2 (1200-1000) = 35800 ; 35800/38 = 942 -> contrôle, decided contrôle
    # tour 2: U1 14 -> 38400 + 200 = 38600 ; 38600/38 = 1015 -> proposal admis, not yet decided
    c = controle_candidate(U1="14", U3="6")
    c.notes["UF2"] = grades.parse("12")
    c.attestation_shg = True
    assert compute(c, REG, tour=1).carte_professionnelle is False  # at tour 1 the decision is contrôle
    r2 = compute(c, REG, tour=2)
    assert r2.proposition == ADMIS
    assert r2.carte_professionnelle is True  # the jury's tour-2 decision is not taken: the proposal counts
    c.decisions[2] = Decision(2, AJOURNE, "motif", "MARTIN", "2026-06-20T09:00:01+00:00")
    assert compute(c, REG, tour=2).carte_professionnelle is False
    c.decisions[2] = Decision(2, ADMIS, None, "MARTIN", "2026-06-20T09:00:01+00:00")
    assert compute(c, REG, tour=2).carte_professionnelle is True


def test_carte_never_changes_the_proposal():
    with_cert = compute(carte_candidate("12"), REG)
    without = compute(carte_candidate("12", attestation=False), REG)
    assert (with_cert.proposition, with_cert.points) == (without.proposition, without.points)


@pytest.mark.parametrize("tour", [1, 2])
def test_proposal_is_one_of_the_known_values(tour):
    r = compute(controle_candidate(U1="14", U3="6"), REG, tour=tour)
    assert r.proposition in (ADMIS, AJOURNE, CONTROLE, NON_DELIVRE, INCOMPLET)

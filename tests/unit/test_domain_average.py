"""The average (RULES.md §3), exact; the DESIGN.md §2 example (candidate 02601).

Expectations are computed by hand below, in integers (hundredths of a point × coefficient)
or Fractions; `Result.points` is Σ hundredths × coefficient (+ optional bonus in hundredths).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from domain_helpers import MANDATORY, REG, candidate, every, variant

from jury_tui.domain import grades
from jury_tui.domain.candidate import Adjustment, Candidate
from jury_tui.domain.results import ADMIS, AJOURNE, CONTROLE, INCOMPLET, NON_DELIVRE, compute, display_average

COEF = {"U1": 4, "U21": 2, "U22": 2, "U3": 6, "U4": 8, "U51": 5, "U52": 5, "U6": 6}


# --- exactness ---------------------------------------------------------------------------


def test_exact_ten_where_binary_floats_give_less_than_ten():
    cells = {"U1": "10", "U21": "10,2", "U22": "11,1", "U3": "10,2",
             "U4": "10", "U51": "9,7", "U52": "10,5", "U6": "9,2"}
    # 10×4 + 10.2×2 + 11.1×2 + 10.2×6 + 10×8 + 9.7×5 + 10.5×5 + 9.2×6
    # = 40 + 20.4 + 22.2 + 61.2 + 80 + 48.5 + 52.5 + 55.2 = 380 ; 380 / 38 = 10 exactly
    exact = sum(Fraction(cells[u].replace(",", ".")) * COEF[u] for u in MANDATORY)
    assert exact == 380 and exact / 38 == 10
    naive = 0.0
    for u in MANDATORY:
        naive += float(cells[u].replace(",", ".")) * COEF[u]
    assert naive < 380 and naive / 38 < 10  # 379.99999999999994: binary floats would refuse
    r = compute(candidate(**cells), REG)
    assert r.exact == 10
    assert (r.points, r.coefficients) == (380 * 100, 38)
    assert r.moyenne == 10 * 100
    assert display_average(r.moyenne) == "10,00"
    assert r.proposition == ADMIS


def test_exact_ten_with_two_decimal_grades():
    cells = {"U1": "9,04", "U21": "12,16", "U22": "11,23", "U3": "11,96",
             "U4": "10,65", "U51": "11,24", "U52": "10,54", "U6": "5,2"}
    # in hundredths: 904×4 + 1216×2 + 1123×2 + 1196×6 + 1065×8 + 1124×5 + 1054×5 + 520×6
    points = 904 * 4 + 1216 * 2 + 1123 * 2 + 1196 * 6 + 1065 * 8 + 1124 * 5 + 1054 * 5 + 520 * 6
    assert points == 38000
    naive = sum(float(cells[u].replace(",", ".")) * COEF[u] for u in MANDATORY) / sum(COEF.values())
    assert naive < 10
    r = compute(candidate(**cells), REG)
    assert (r.points, r.coefficients, r.moyenne) == (38000, 38, 1000)
    assert r.proposition == ADMIS


def test_9_996_shows_9_99_and_is_not_admitted():
    # U1 9.98 (4), U3 10 (6), U51 10 (5), U52 10 (5), other mandatory units DISP:
    # (998×4 + 1000×6 + 1000×5 + 1000×5) / (4+6+5+5) = (3992+6000+5000+5000)/20 = 19992/20 = 999.6 hundredths
    c = candidate(**every("DISP", U1="9,98", U3="10", U51="10", U52="10"))
    r = compute(c, REG)
    assert (r.points, r.coefficients) == (19992, 20)
    assert r.exact == Fraction(9996, 1000)
    assert r.moyenne == 999  # truncated, not rounded to 1000
    assert display_average(r.moyenne) == "9,99"
    assert r.proposition != ADMIS


def test_one_hundredth_below_ten_is_not_admitted():
    # all 10 but U21 9.99: (38000 - 1×2) / 38 = 37998/38 = 999.947... -> 9,99
    r = compute(candidate(**every("10", U21="9,99")), REG)
    assert r.points == 38000 - 2
    assert r.moyenne == 999
    assert r.proposition == CONTROLE  # 8 <= 9.99 < 10 and professional units all at 10


# --- optional units: only the part above 10, added to the points -------------------------


def test_optional_bonus_adds_to_points_never_to_divisor():
    base = every("9")  # 900 × 38 = 34200
    r0 = compute(candidate(**base), REG)
    assert (r0.points, r0.coefficients) == (900 * 38, 38)
    # UF2 14: + (1400 - 1000) × 1 = 400 ; UF1 9.5: below 10, nothing (never negative)
    r = compute(candidate(**base, UF2="14", UF1="9,5"), REG)
    assert (r.points, r.coefficients) == (900 * 38 + 400, 38)
    # (34200 + 400) / 38 = 910.5... -> 9,10
    assert r.moyenne == (34200 + 400) // 38 == 910


def test_optional_at_exactly_ten_gives_nothing():
    r = compute(candidate(**every("9"), UF3="10"), REG)
    assert r.points == 900 * 38


def test_optional_bonus_turns_an_ajourne_into_admis():
    # mandatory all 9.9: 990 × 38 = 37620 ; missing 38000 - 37620 = 380
    # UF3 13.8 gives (1380-1000) = 380 -> 38000/38 = 10.00
    r = compute(candidate(**every("9,9"), UF3="13,8"), REG)
    assert r.points == 990 * 38 + 380 == 38000
    assert r.proposition == ADMIS
    r2 = compute(candidate(**every("9,9"), UF3="13,79"), REG)
    # one hundredth short: 37999/38 < 10, and the professional average 9.90 < 10 rules out the contrôle
    assert r2.points == 37999 and r2.proposition == AJOURNE


def test_optional_bonus_weight_is_a_regulation_setting():
    reg2 = variant(("poids_bonus = 1\n", "poids_bonus = 2\n"))
    # UF2 14 with weight 2: (1400-1000) × 2 = 800
    r = compute(candidate(**every("9"), UF2="14"), reg2)
    assert (r.points, r.coefficients) == (900 * 38 + 800, 38)
    reg3 = variant(('nature = "facultative"\nbloc = "RNCP35393BC06"\n',
                    'nature = "facultative"\nbloc = "RNCP35393BC06"\npoids_bonus = 3\n'))
    # UF3 12.5 with its own weight 3: (1250-1000) × 3 = 750 ; UF2 14 keeps weight 1: 400
    r = compute(candidate(**every("9"), UF2="14", UF3="12,5"), reg3)
    assert r.points == 900 * 38 + 750 + 400


def test_kept_grade_on_an_optional_unit_gives_its_bonus():
    r = compute(candidate(**every("9"), UF2="B2025:12"), REG)
    assert r.points == 900 * 38 + (1200 - 1000)


def test_abs_or_abj_on_an_optional_unit_has_no_effect():
    for code in ("ABS", "ABJ"):
        r = compute(candidate(**every("12"), UF1=code), REG)
        assert (r.points, r.coefficients, r.proposition) == (1200 * 38, 38, ADMIS)


def test_abs_on_optional_unit_under_the_non_delivre_policy():
    reg2 = variant(('absence_facultative = "sans_effet"', 'absence_facultative = "non_delivre"'))
    assert compute(candidate(**every("12"), UF1="ABS"), reg2).proposition == NON_DELIVRE


# --- codes in the average ------------------------------------------------------------------


@pytest.mark.parametrize("code", ["DISP", "VAE"])
def test_disp_and_vae_are_left_out_of_numerator_and_denominator(code):
    # U4 left out: 38 - 8 = 30 coefficients; 12 × 30 = 360 points
    r = compute(candidate(**every("12", U4=code)), REG)
    assert (r.points, r.coefficients) == (1200 * 30, 30)
    assert r.moyenne == 1200
    assert "U4" in r.unites_acquises


def test_abj_counts_zero():
    # U21 ABJ: (12 × 36 + 0 × 2) / 38 = 432/38 = 11.368... -> 11,36
    r = compute(candidate(**every("12", U21="ABJ")), REG)
    assert (r.points, r.coefficients) == (1200 * 36 + 0 * 2, 38)
    assert r.moyenne == 1200 * 36 // 38 == 1136
    assert r.proposition == ADMIS
    assert "U21" not in r.unites_acquises


def test_abs_is_left_out_of_the_average_shown_for_a_non_delivre_candidate():
    # U4 ABS, the rest 12: 12 × 30 / 30 = 12.00, yet non_delivre
    r = compute(candidate(**every("12", U4="ABS")), REG)
    assert r.proposition == NON_DELIVRE
    assert (r.points, r.coefficients, r.moyenne) == (1200 * 30, 30, 1200)


def test_abs_counted_zero_under_the_other_display_policy():
    reg2 = variant(('abs_moyenne_affichee = "exclure"', 'abs_moyenne_affichee = "zero"'))
    # (12 × 30 + 0 × 8) / 38 = 360/38 = 9.473... -> 9,47
    r = compute(candidate(**every("12", U4="ABS")), reg2)
    assert r.proposition == NON_DELIVRE
    assert (r.points, r.coefficients, r.moyenne) == (1200 * 30, 38, 947)


def test_np_units_are_left_out():
    # progressive, U3 NP: 12 × 32 / 32
    r = compute(candidate("progressive", **every("12", U3="NP")), REG)
    assert (r.points, r.coefficients) == (1200 * 32, 32)
    assert r.proposition == AJOURNE


def test_kept_grade_counts_like_a_grade():
    # U52 kept at 13 (5), the rest 9: (900 × 33 + 1300 × 5) / 38 = (29700 + 6500) / 38 = 36200/38 = 952.6 -> 9,52
    r = compute(candidate(**every("9", U52="B2024:13")), REG)
    assert r.points == 900 * 33 + 1300 * 5 == 36200
    assert r.moyenne == 952


def test_incomplete_candidate_has_no_average():
    cells = every("12")
    del cells["U52"]
    r = compute(candidate(**cells, UF2="15"), REG)
    assert r.proposition == INCOMPLET
    assert r.missing == ("U52",)
    assert (r.points, r.coefficients, r.moyenne, r.exact) == (None, None, None, None)
    assert (r.pro_points, r.pro_coefficients, r.moyenne_pro) == (None, None, None)
    assert display_average(r.moyenne) == "—"


def test_every_mandatory_unit_dispensed_or_vae_means_no_average_and_admis():
    cells = every("DISP", U4="VAE", U6="VAE")
    r = compute(candidate(**cells, UF2="15"), REG)
    assert (r.points, r.coefficients, r.moyenne) == (None, None, None)
    assert r.proposition == ADMIS
    assert r.unites_acquises == ("U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6", "UF2")


# --- DESIGN.md §2: candidate 02601 ----------------------------------------------------------

CELLS_02601 = {
    "U1": "12,5", "U21": "11", "U22": "14", "U3": "9,5", "U4": "12",
    "U51": "DISP", "U52": "B2024:13", "U6": "9,5", "UF2": "14",
}


def durand() -> Candidate:
    c = candidate(**CELLS_02601)
    c.numero, c.nom, c.prenom, c.livret = "02601", "DURAND", "Léa", True
    return c


def test_design_example_before_adjustment():
    r = compute(durand(), REG)
    # 12.5×4 + 11×2 + 14×2 + 9.5×6 + 12×8 + 13×5 + 9.5×6 + (14-10) = 50+22+28+57+96+65+57+4 = 379
    points = 1250 * 4 + 1100 * 2 + 1400 * 2 + 950 * 6 + 1200 * 8 + 1300 * 5 + 950 * 6 + (1400 - 1000)
    assert points == 379 * 100
    coefficients = 4 + 2 + 2 + 6 + 8 + 5 + 6  # U51 DISP left out
    assert coefficients == 33
    assert (r.points, r.coefficients) == (points, coefficients)
    assert r.exact == Fraction(379, 33)
    assert grades.plain(r.moyenne) == "11.48"  # 379/33 = 11.4848...
    assert r.proposition == ADMIS
    assert r.unites_acquises == ("U1", "U21", "U22", "U4", "U51", "U52", "UF2")
    # U51 is held as dispensed, but its bloc is not acquired: D643-15 attests the blocs of the
    # units graded 10 or more and of those validated by VAE (one definition, the documents read it)
    assert r.blocs_acquis == ("RNCP35393BC01", "RNCP35393BC03", "RNCP35393BC05")
    assert r.carte_professionnelle is False  # no attendance certificate


def test_design_example_after_raising_u6_to_ten():
    c = durand()
    raised = Adjustment(
        "U6", grades.parse("9,50"), grades.parse("10,00"), "points de jury", "MARTIN", "2026-06-20T08:00:01+00:00", 1
    )
    c.ajustements = (raised,)
    r = compute(c, REG)
    # (379 - 9.5×6 + 10×6) = 379 + 3 = 382 ; 382/33 = 11.5757...
    assert r.points == 379 * 100 + (1000 - 950) * 6 == 38200
    assert r.exact == Fraction(382, 33)
    assert grades.plain(r.moyenne) == "11.57"
    assert grades.plain(r.points) == "382.00"
    assert str(r.coefficients) == "33"
    assert r.proposition == ADMIS
    assert list(r.unites_acquises) == ["U1", "U21", "U22", "U4", "U51", "U52", "U6", "UF2"]
    assert list(r.blocs_acquis) == [  # not BC02: U51 is DISP (D643-15)
        "RNCP35393BC01", "RNCP35393BC03", "RNCP35393BC04", "RNCP35393BC05",
    ]
    # the original grade stays beside the adjusted one
    assert str(c.notes["U6"]) == "9.50" and str(r.effective["U6"]) == "10.00"

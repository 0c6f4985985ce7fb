"""What is missing to reach 10 (RULES.md §5), computed by hand.

Deficit D = 10 × C − points (hundredths × coefficient). A mandatory unit of coefficient c
graded x needs x + D / c; an optional unit of weight w graded y needs 10 + (max(0, y−10)·w + D) / w;
both rounded up to the hundredth, « impossible » (None) above 20.
"""

from __future__ import annotations

from domain_helpers import REG, TEXT, candidate, every

from jury_tui.domain import grades
from jury_tui.domain.missing import UnitNeed, missing_to_pass
from jury_tui.domain.regulation import parse_regulation
from jury_tui.domain.results import ADMIS, AJOURNE, compute


def needs(m) -> dict[str, int | None]:
    return {n.unit: n.grade for n in m.units}


def test_each_unit_alone_and_the_optional_through_its_bonus():
    # mandatory 9.80, UF2 12: points 980×38 + (1200−1000) = 37240 + 200 = 37440 ; D = 38000 − 37440 = 560
    c = candidate(**every("9,8"), UF2="12")
    r = compute(c, REG)
    assert r.points == 37440
    m = missing_to_pass(r, REG)
    assert m.average_points == 15  # 560 / 38 = 14.74 -> 0,15 (rounded up, never understated)
    assert needs(m) == {
        "U1": 980 + 560 // 4,  # 980 + 140 = 1120 -> 11,20
        "U21": 980 + 560 // 2,  # 1260
        "U22": 980 + 560 // 2,
        "U3": 980 + 94,  # 560 / 6 = 93.33 -> 94: 10,74
        "U4": 980 + 560 // 8,  # 1050
        "U51": 980 + 560 // 5,  # 1092
        "U52": 980 + 560 // 5,
        "U6": 980 + 94,
        "UF2": 1000 + (200 + 560) // 1,  # 17,60
    }


def test_rounding_up_to_the_hundredth_is_the_smallest_grade_that_suffices():
    c = candidate(**every("9,8"), UF2="12")
    deficit = 38000 - 37440
    # U3 (coefficient 6) at 10.74 gives (1074 − 980) × 6 = 564 >= 560, at 10.73 only 558
    assert (1074 - 980) * 6 >= deficit > (1073 - 980) * 6
    assert needs(missing_to_pass(compute(c, REG), REG))["U3"] == 1074
    # and it really admits
    c.notes["U3"] = grades.parse("10,74")
    assert compute(c, REG).proposition == ADMIS
    c.notes["U3"] = grades.parse("10,73")
    assert compute(c, REG).proposition != ADMIS


def test_optional_unit_with_a_bonus_weight_of_three():
    reg3 = parse_regulation(TEXT.replace("poids_bonus = 1\n", "poids_bonus = 3\n"), "copie.toml")
    # mandatory 9.80, UF2 12 weighing 3: 37240 + 200×3 = 37840 ; D = 160
    r = compute(candidate(**every("9,8"), UF2="12"), reg3)
    assert r.points == 37840
    m = missing_to_pass(r, reg3)
    assert m.average_points == 5  # 160/38 = 4.21 -> 0,05
    got = needs(m)
    # UF2: 10 + (600 + 160) / 3 = 10 + 253.33 -> 1254 (12,54): (1254−1000)×3 = 762 >= 760 > (1253−1000)×3 = 759
    assert got["UF2"] == 1254
    assert got["U1"] == 980 + 160 // 4 == 1020
    assert got["U3"] == 980 + 27  # 160/6 = 26.67 -> 27


def test_impossible_when_even_twenty_would_not_do():
    # general 9, U51, U52, U6 at 9, U4 at 4: 900×30 + 400×8 = 30200 ; D = 7800
    r = compute(candidate(**every("9", U4="4")), REG)
    assert r.points == 30200
    m = missing_to_pass(r, REG)
    assert m.average_points == 206  # 7800/38 = 205.26 -> 2,06
    assert needs(m) == {
        "U1": None,  # 900 + 7800/4 = 2850 > 2000
        "U21": None,  # 900 + 3900
        "U22": None,
        "U3": None,  # 900 + 1300 = 2200
        "U4": 400 + 7800 // 8,  # 400 + 975 = 1375: the only unit that can do it alone
        "U51": None,  # 900 + 1560 = 2460
        "U52": None,
        "U6": None,  # 2200
    }
    assert UnitNeed("U4", 1375) in m.units


def test_exactly_twenty_is_possible_one_hundredth_more_is_not():
    # U21 10; U1, U22, U3, U51, U52, U6 at 10; U4 7.5:
    # 2000 + 4000 + 2000 + 6000 + 750×8 + 5000 + 5000 + 6000 = 36000 ; D = 2000 ; U21: 1000 + 2000/2 = 2000
    r = compute(candidate(**every("10", U4="7,5")), REG)
    assert r.points == 36000
    assert needs(missing_to_pass(r, REG))["U21"] == 2000
    # U4 7.49: 35992, D = 2008 ; U21: 1000 + 1004 = 2004 > 2000
    r = compute(candidate(**every("10", U4="7,49")), REG)
    assert r.points == 35992
    assert needs(missing_to_pass(r, REG))["U21"] is None


def test_disp_vae_np_and_abj_units_have_no_figure():
    # progressive: U1 DISP, U21 VAE, U3 NP (left out), U22 ABJ (0 × 2), professional 9:
    # coefficients 2 + 24 = 26 ; points 0 + 900×24 = 21600 ; D = 26000 − 21600 = 4400
    c = candidate("progressive", **every("9", U1="DISP", U21="VAE", U3="NP", U22="ABJ"))
    r = compute(c, REG)
    assert (r.points, r.coefficients, r.proposition) == (21600, 26, AJOURNE)
    m = missing_to_pass(r, REG)
    assert m.average_points == 4400 // 26 + 1  # 169.2 -> 170
    assert needs(m) == {
        "U4": 900 + 4400 // 8,  # 1450
        "U51": 900 + 4400 // 5,  # 1780
        "U52": 900 + 4400 // 5,
        "U6": 900 + 734,  # 4400/6 = 733.33 -> 734
    }


def test_a_kept_grade_has_a_figure():
    # U52 kept at 9 (progressive), the rest 9.5: 950×33 + 900×5 = 31350 + 4500 = 35850 ; D = 2150
    r = compute(candidate("progressive", **every("9,5", U52="B2024:9")), REG)
    assert r.points == 35850
    assert needs(missing_to_pass(r, REG))["U52"] == 900 + 2150 // 5  # 430 -> 1330


def test_nothing_missing_at_or_above_ten_or_without_an_average():
    assert missing_to_pass(compute(candidate(**every("10")), REG), REG) is None
    assert missing_to_pass(compute(candidate(**every("15")), REG), REG) is None
    incomplete = every("8")
    del incomplete["U4"]
    assert missing_to_pass(compute(candidate(**incomplete), REG), REG) is None
    assert missing_to_pass(compute(candidate(**every("DISP")), REG), REG) is None


def test_9_996_misses_one_hundredth():
    # U1 9.98, U3 10, U51 10, U52 10, the rest DISP: 19992 / 20 ; D = 20000 − 19992 = 8
    r = compute(candidate(**every("DISP", U1="9,98", U3="10", U51="10", U52="10")), REG)
    m = missing_to_pass(r, REG)
    assert m.average_points == 1  # 8/20 = 0.4 hundredth -> 0,01
    assert needs(m) == {"U1": 998 + 2, "U3": 1000 + 2, "U51": 1000 + 2, "U52": 1000 + 2}  # 8/4 = 2 ; 8/6, 8/5 -> 2

"""Grade grammar (RULES.md §2): codes, numbers, kept grades, the cell's context, display."""

from __future__ import annotations

import pytest

from jury_tui import regulations
from jury_tui.domain import grades
from jury_tui.domain.grades import KEPT, NOTE, GradeError, Value

SESSION = 2026


# --- codes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, code",
    [
        ("ABS", "ABS"),
        ("abs", "ABS"),
        ("Abs", "ABS"),
        ("Abj", "ABJ"),
        ("abj", "ABJ"),
        ("disp", "DISP"),
        ("Disp", "DISP"),
        ("vae", "VAE"),
        ("VaE", "VAE"),
        ("np", "NP"),
        ("nP", "NP"),
        ("  abs  ", "ABS"),
    ],
)
def test_codes_are_read_case_insensitively(text, code):
    value = grades.parse(text)
    assert value == Value(code)
    assert str(value) == code
    assert not value.is_grade


@pytest.mark.parametrize("text", [None, "", "   ", "\t"])
def test_empty_cell_is_not_taken(text):
    assert grades.parse(text) is None
    assert grades.display(None) == ""


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, hundredths",
    [
        ("12,5", 12 * 100 + 50),
        ("12.5", 12 * 100 + 50),
        ("12,50", 12 * 100 + 50),
        ("12,500", 12 * 100 + 50),
        ("12.500", 12 * 100 + 50),
        ("12", 12 * 100),
        ("0", 0),
        ("0,01", 1),
        ("9,99", 9 * 100 + 99),
        ("20", 20 * 100),
        ("20,00", 20 * 100),
        ("20,000", 20 * 100),
        (" 7,25 ", 7 * 100 + 25),
    ],
)
def test_numbers_with_comma_or_dot_and_trailing_zeros(text, hundredths):
    value = grades.parse(text)
    assert value == Value(NOTE, hundredths)
    assert value.is_grade


@pytest.mark.parametrize(
    "text, hint",
    [
        ("12,555", "deux décimales"),  # three significant decimals
        ("12,501", "deux décimales"),
        ("21", "de 0 à 20"),
        ("20,01", "de 0 à 20"),
        ("100", "de 0 à 20"),
        ("-1", "de 0 à 20"),
        ("-0,5", "de 0 à 20"),
        ("1O", "lettre O"),  # a letter O typed for the digit 0
        ("O5", "lettre O"),
        ("abc", "ce n'est pas une note"),
        ("12,", "ce n'est pas une note"),
        ("12,5,5", "ce n'est pas une note"),
        ("douze", "ce n'est pas une note"),
        ("ABSENT", "ce n'est pas une note"),
    ],
)
def test_refused_numbers_say_why(text, hint):
    with pytest.raises(GradeError) as info:
        grades.parse(text)
    assert hint in str(info.value)


# --- kept grades ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, year, hundredths",
    [
        ("B2024:13", 2024, 13 * 100),
        ("b2021:12,5", 2021, 12 * 100 + 50),
        ("B2025:8.5", 2025, 8 * 100 + 50),
        ("B2023:12,50", 2023, 12 * 100 + 50),
        ("B 2022 : 9", 2022, 9 * 100),
    ],
)
def test_kept_grades(text, year, hundredths):
    value = grades.parse(text)
    assert value == Value(KEPT, hundredths, year)
    assert value.is_grade


@pytest.mark.parametrize("text", ["B2024:", "b2024:", "B24:13", "B2024:abc", "B2024:21", "B2024:12,555", "Bxxxx:12"])
def test_malformed_kept_grades_are_refused(text):
    with pytest.raises(GradeError):
        grades.parse(text)


# --- canonical text round trip -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("12,5", "12.50"),
        ("12.500", "12.50"),
        ("0", "0.00"),
        ("0,05", "0.05"),
        ("20", "20.00"),
        ("b2021:12,5", "B2021:12.50"),
        ("B2024:13", "B2024:13.00"),
        ("abs", "ABS"),
        ("abj", "ABJ"),
        ("disp", "DISP"),
        ("vae", "VAE"),
        ("np", "NP"),
    ],
)
def test_canonical_text_round_trip(text, canonical):
    value = grades.parse(text)
    assert str(value) == canonical
    assert grades.parse(canonical) == value
    assert str(grades.parse(str(value))) == canonical


def test_every_hundredth_round_trips():
    for h in range(0, 20 * 100 + 1):
        value = grades.note(h)
        assert grades.parse(str(value)) == value
        assert grades.parse(grades.french(h)) == value


# --- French display ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, shown",
    [
        ("12.5", "12,50"),
        ("9,99", "9,99"),
        ("0,05", "0,05"),
        ("20", "20,00"),
        ("B2024:13", "B2024 : 13,00"),
        ("ABS", "ABS"),
        ("VAE", "VAE"),
    ],
)
def test_french_display(text, shown):
    assert grades.display(grades.parse(text)) == shown


def test_plain_and_french_forms_of_hundredths():
    assert grades.plain(1157) == "11.57"
    assert grades.french(1157) == "11,57"
    assert grades.french(999) == "9,99"
    assert grades.plain(38200) == "382.00"


def test_truncation_never_rounds_up():
    # 9.996 = 19992 / 2000 (hundredths over coefficients 20): truncated to 9.99, not 10.00
    assert grades.truncate(19992, 20) == 999
    # 382/33 = 11.5757... -> 11.57
    assert grades.truncate(38200, 33) == 1157
    # ceil_div rounds up to the next integer: 3800 / 6 = 633.33 -> 634
    assert grades.ceil_div(3800, 6) == 634
    assert grades.ceil_div(3600, 6) == 600


# --- a value in its cell: kept-grade validity, form, optional units ------------------------


def _check(text, *, optional=False, forme="globale", session_year=SESSION, validity_years=5):
    return grades.check_in_context(
        grades.parse(text), optional=optional, forme=forme, session_year=session_year, validity_years=validity_years
    )


def test_validity_comes_from_the_shipped_regulation():
    assert regulations.load("bts-mos").policies.validite_benefice == 5


@pytest.mark.parametrize(
    "year, ok",
    [
        (2020, False),  # 2026 - 2020 = 6 > 5: served sessions 2021..2025 only
        (2021, True),  # 2026 - 2021 = 5: the oldest still valid (serves 2022..2026)
        (2022, True),
        (2025, True),  # the previous session
        (2026, False),  # not before the session
        (2027, False),  # after the session
    ],
)
def test_kept_grade_validity_at_the_edges_of_five_years(year, ok):
    problem = _check(f"B{year}:12")
    assert (problem is None) is ok, problem


def test_validity_years_is_a_parameter_not_a_constant():
    # with a three-year validity, a 2022 grade (2026 - 2022 = 4 > 3) is out of date
    assert _check("B2022:12", validity_years=3) is not None
    assert _check("B2023:12", validity_years=3) is None


@pytest.mark.parametrize(
    "text, forme, ok",
    [
        ("B2024:10", "globale", True),  # >= 10: carried in either form
        ("B2024:9,99", "globale", False),  # < 10: globale refuses
        ("B2024:0", "globale", False),
        ("B2024:9,99", "progressive", True),  # progressive accepts grades below 10 (D643-23)
        ("B2024:0", "progressive", True),
        ("B2024:15", "progressive", True),
    ],
)
def test_kept_grade_below_ten_only_in_progressive_form(text, forme, ok):
    problem = _check(text, forme=forme)
    assert (problem is None) is ok, problem


@pytest.mark.parametrize("text", ["DISP", "VAE", "NP"])
@pytest.mark.parametrize("forme", ["globale", "progressive"])
def test_disp_vae_np_refused_on_an_optional_unit(text, forme):
    assert _check(text, optional=True, forme=forme) is not None


@pytest.mark.parametrize("text", ["12,5", "0", "ABS", "ABJ", "B2024:13", ""])
def test_optional_unit_accepts_grade_abs_abj_kept_or_empty(text):
    assert _check(text, optional=True) is None


@pytest.mark.parametrize("text", ["12,5", "ABS", "ABJ", "DISP", "VAE", "B2024:13"])
@pytest.mark.parametrize("forme", ["globale", "progressive"])
def test_mandatory_unit_accepts_every_code_but_np_in_globale(text, forme):
    assert _check(text, forme=forme) is None


def test_np_only_in_progressive_form():
    assert _check("NP", forme="progressive") is None
    assert "progressive" in _check("NP", forme="globale")

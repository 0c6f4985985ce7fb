"""The regulation as the texts have it (issue: dispenses, optional units, sessions, defections).

- a unit says whether it can be dispensed (arrêté du 24 juin 2005, art. 1; annex II b);
- a candidate presents at most N optional units besides « engagement étudiant » (D643-13;
  N = 2 until 2026, 1 from 2027, décret 2024-788);
- a regulation says which sessions it is valid for: `jury new --year` picks the edition,
  `jury check` warns when the session's year is outside it;
- an old session keeps its own copy (format 1) and recomputes as it did.
Expected averages are computed here with exact fractions.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest
from cli_helpers import CANDIDATE_HEADER, DEMO_SOURCES, jury, ok, refused, results_json, unchanged

FORMAT1 = Path(__file__).parents[1] / "fixtures" / "regulations" / "bts-mos-format1.toml"
MANDATORY_12 = "12;12;12;12;12;12;12;12"  # U1 U21 U22 U3 U4 U51 U52 U6, coefficients 4 2 2 6 8 5 5 6 = 38


def new(path: Path, regulation: str, year: int) -> Path:
    ok(jury("new", path, "--regulation", regulation, "--year", year, "--academie", "Académie de Normandie",
            "--jury", "BTS MOS — jury 3", "--date", f"{year}-06-30"))
    return path


def csv(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([CANDIDATE_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def row(numero: str, mandatory: str = MANDATORY_12, optional: str = ";;;") -> str:
    nom = "NOM" + numero.translate(str.maketrans("0123456789", "ABCDEFGHIJ"))  # a name holds no digit
    return f"{numero};{nom};Prénom;14/03/2005;scolaire;globale;non;non;{mandatory};{optional}"


def truncated(f: Fraction) -> str:
    """Two decimals, truncated (RULES.md §3): the JSON's `moyenne`."""
    hundredths = f.numerator * 100 // f.denominator
    return f"{hundredths // 100}.{hundredths % 100:02d}"


# --- dispenses ------------------------------------------------------------------------------------


def test_disp_on_a_professional_unit_is_refused_naming_line_column_and_text(tmp_path):
    s = new(tmp_path / "s.json", "bts-mos", 2026)
    data = csv(tmp_path / "c.csv", row("00001"), row("00002", "12;12;12;12;DISP;12;12;12"))
    with unchanged(s):
        refused(jury("import", "candidates", s, data), "c.csv, ligne 3, colonne U4",
                "l'unité U4 ne peut pas être dispensée", "arrêté du 24 juin 2005", "annexe II b")


def test_disp_on_a_general_unit_is_accepted_and_left_out_of_the_average(tmp_path):
    s = new(tmp_path / "s.json", "bts-mos", 2026)
    ok(jury("import", "candidates", s, csv(tmp_path / "c.csv", row("00001", "DISP;12;12;11;12;12;12;12"))))
    r = results_json(s)["00001"]
    # U1 (4) left out: (12×2 + 12×2 + 11×6 + 12×(8 + 5 + 5 + 6)) / 34
    assert r["moyenne"] == truncated(Fraction(12 * 2 + 12 * 2 + 11 * 6 + 12 * 24, 34)) == "11.82"
    assert r["coefficients"] == "34"


def test_set_disp_on_a_professional_unit_is_refused(tmp_path):
    s = new(tmp_path / "s.json", "bts-mos", 2026)
    ok(jury("import", "candidates", s, csv(tmp_path / "c.csv", row("00001"))))
    with unchanged(s):
        refused(jury("set", s, "00001", "U6", "disp", "--reason", "dispense"), "candidat 00001, unité U6",
                "ne peut pas être dispensée")
    ok(jury("set", s, "00001", "U21", "DISP", "--reason", "titulaire d'un BTS"))


def test_an_old_session_keeps_accepting_disp_where_its_own_copy_did(tmp_path):
    s = new(tmp_path / "s.json", str(FORMAT1), 2026)
    ok(jury("import", "candidates", s, csv(tmp_path / "c.csv", row("00001", "12;12;12;12;DISP;12;12;12"))))
    r = results_json(s)["00001"]
    assert r["moyenne"] == truncated(Fraction(12 * 30, 30)) == "12.00" and r["coefficients"] == "30"


# --- how many optional units -------------------------------------------------------------------------


def test_until_2026_two_optional_units_besides_engagement_etudiant(tmp_path):
    s = new(tmp_path / "s.json", "bts-mos", 2026)
    ok(jury("import", "candidates", s, csv(tmp_path / "c.csv", row("00001", optional="14;15;;17"))))
    # UF1 14 (+4), UF2 15 (+5), UF4 17 (+7, outside the maximum): (12×38 + 4 + 5 + 7) / 38
    r = results_json(s)["00001"]
    assert r["moyenne"] == truncated(Fraction(12 * 38 + 4 + 5 + 7, 38)) == "12.42"
    too_many = csv(tmp_path / "d.csv", row("00002", optional="14;15;16;"))
    with unchanged(s):
        refused(jury("import", "candidates", s, too_many),
                "d.csv, ligne 2, candidat 00002", "3 unités facultatives (UF1, UF2, UF3) pour 2 au plus", "D643-13")


def test_from_2027_one_optional_unit_besides_engagement_etudiant(tmp_path):
    s = new(tmp_path / "s.json", "bts-mos", 2027)
    ok(jury("import", "candidates", s, csv(tmp_path / "c.csv", row("00001", optional=";15;;17"))))
    r = results_json(s)["00001"]
    assert r["moyenne"] == truncated(Fraction(12 * 38 + 5 + 7, 38)) == "12.31"  # UF2 +5, UF4 +7
    too_many = csv(tmp_path / "d.csv", row("00001", optional="14;15;;17"))
    with unchanged(s):
        refused(jury("import", "candidates", s, too_many),
                "candidat 00001", "2 unités facultatives (UF1, UF2) pour 1 au plus", "décret 2024-788")


def test_set_an_optional_unit_beyond_the_maximum_is_refused_naming_the_candidate(tmp_path):
    s = new(tmp_path / "s.json", "bts-mos", 2027)
    ok(jury("import", "candidates", s, csv(tmp_path / "c.csv", row("00001", optional="14;;;"))))
    with unchanged(s):
        refused(jury("set", s, "00001", "UF3", "ABS", "--reason", "inscrit"), "candidat 00001, unité UF3", "pour 1 au plus")
    ok(jury("set", s, "00001", "UF4", "16", "--reason", "engagement étudiant validé"))  # outside the maximum


def test_an_old_session_keeps_counting_every_optional_unit(tmp_path):
    # what sessions created before the maximum computed (the issue's « +8 points in one case »)
    s = new(tmp_path / "s.json", str(FORMAT1), 2026)
    ok(jury("import", "candidates", s, csv(tmp_path / "c.csv", row("00001", optional="14;15;16;17"))))
    r = results_json(s)["00001"]
    assert r["moyenne"] == truncated(Fraction(12 * 38 + 4 + 5 + 6 + 7, 38)) == "12.57"


# --- which regulation for which session ---------------------------------------------------------------


def _copy_id(session: Path) -> str:
    state = json.loads(session.read_text(encoding="utf-8"))
    audit = state["audit"]
    return audit[min(audit, key=int)]["apres"]["reglement"]


@pytest.mark.parametrize("year, edition", [(2022, "bts-mos"), (2026, "bts-mos"), (2027, "bts-mos-2027"), (2031, "bts-mos-2027")])
def test_new_picks_the_edition_valid_for_the_year(tmp_path, year, edition):
    assert _copy_id(new(tmp_path / "s.json", "bts-mos", year)) == edition


def test_new_refuses_a_year_no_edition_fits_listing_them(tmp_path):
    refused(jury("new", tmp_path / "s.json", "--regulation", "bts-mos", "--year", "2021", "--academie", "A", "--jury", "J"),
            "aucun règlement « bts-mos » ne vaut pour la session 2021", "bts-mos (sessions 2022 à 2026)",
            "bts-mos-2027 (sessions 2027 et suivantes)")
    refused(jury("new", tmp_path / "s.json", "--regulation", "bts-mos-2027", "--year", "2026", "--academie", "A", "--jury", "J"),
            "vaut pour les sessions 2027 et suivantes, pas pour 2026", "valables pour 2026 : bts-mos (sessions 2022 à 2026)")
    assert not (tmp_path / "s.json").exists()


def test_check_warns_when_the_session_year_is_outside_its_regulation(tmp_path):
    s = new(tmp_path / "s.json", "bts-mos", 2026)
    ok(jury("regulation", "export", "bts-mos-2027", tmp_path / "r2027.toml"))
    ok(jury("regulation", "apply", s, tmp_path / "r2027.toml"))
    out = jury("check", s, "--format", "json").stdout
    warnings = {w["code"]: w["message"] for w in json.loads(out)["avertissements"]}
    assert "REG_SESSION" in warnings and "2027 et suivantes" in warnings["REG_SESSION"] and "2026" in warnings["REG_SESSION"]
    s2 = new(tmp_path / "s2.json", "bts-mos", 2026)
    assert "REG_SESSION" not in jury("check", s2).stdout


def test_regulation_show_prints_dispenses_sessions_and_the_optional_maximum():
    out = ok(jury("regulation", "show", "bts-mos")).stdout
    assert "Sessions : 2022 à 2026" in out
    assert "Unités facultatives par candidat : 2 au plus" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line[:2] in ("U1", "U2", "U3", "U4", "U5", "U6", "UF")}
    assert lines["U1"].endswith(" possible") and lines["U3"].endswith(" possible")
    assert re.search(r"\snon\s+RNCP35393BC01$", lines["U4"]) and re.search(r"\snon\s+RNCP35393BC04$", lines["U6"])
    assert "hors maximum" in lines["UF4"] and "hors maximum" not in lines["UF1"]
    out = ok(jury("regulation", "show", "bts-mos-2027")).stdout
    assert "Sessions : 2027 et suivantes" in out and "Unités facultatives par candidat : 1 au plus" in out
    old = ok(jury("regulation", "show", str(FORMAT1))).stdout
    assert "Sessions : toutes" in old and "sans maximum" in old


# --- composition after a defection (D643-31) -------------------------------------------------------


def _members(tmp_path: Path, *absent: str) -> Path:
    lines = (DEMO_SOURCES / "membres.csv").read_text(encoding="utf-8").splitlines()
    lines = [line.replace(";present", ";absent") if line.split(";")[0] in absent else line for line in lines]
    path = tmp_path / "m.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_parity_lost_by_a_defection_lets_the_jury_deliberate(demo, tmp_path):
    # the demo: the employee MOULIN absent, 4 teachers for 3 professionals present
    data = json.loads(jury("check", demo, "--format", "json").stdout)
    assert data["ok"] is True and "JURY_PARITE_PRESENTS" in {w["code"] for w in data["avertissements"]}


def test_no_employee_left_after_defections_is_an_error_that_blocks_the_signature(demo, tmp_path):
    ok(jury("import", "members", demo, _members(tmp_path, "DUBOIS")))  # both employees gone
    r = jury("check", demo, "--format", "json")
    data = json.loads(r.stdout)
    assert r.exit_code == 1 and data["ok"] is False
    assert {e["code"] for e in data["erreurs"]} == {"JURY_SALARIE_PRESENTS"}
    assert "JURY_PARITE_PRESENTS" in {w["code"] for w in data["avertissements"]}
    refused(jury("sign", demo), "aucun salarié parmi les professionnels (membres présents)", "n'excuse que la perte de la parité")


def test_an_old_session_keeps_that_as_a_warning(tmp_path):
    s = new(tmp_path / "s.json", str(FORMAT1), 2026)
    ok(jury("import", "members", s, _members(tmp_path, "DUBOIS")))
    data = json.loads(jury("check", s, "--format", "json").stdout)
    assert data["ok"] is True and "JURY_SALARIE_PRESENTS" in {w["code"] for w in data["avertissements"]}

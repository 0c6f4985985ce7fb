"""Tour 2 completely, and results that say why (the regulation issue).

- a candidate absent at an épreuve de contrôle (ABS, ABJ), by `jury controle` and `import
  controle`: policy absence_controle (default « note_initiale »: the first grade stays);
- whether the optional bonus counts at tour 2: policy bonus_controle;
- `results` JSON and CSV: each unit's grade as used, the professional average, the reason, what
  is missing to reach 10;
- one definition of the blocs acquired (D643-15): the results and the relevé agree.
Expected averages are computed here with exact fractions.
"""

from __future__ import annotations

import csv
import io
import sys
from fractions import Fraction
from pathlib import Path

from cli_helpers import CANDIDATE_HEADER, decide_all, jury, ok, results_json, write_csv
from docx import Document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
import session_docs as sd  # noqa: E402

FORMAT1 = Path(__file__).parents[1] / "fixtures" / "regulations" / "bts-mos-format1.toml"
COEF = {"U1": 4, "U21": 2, "U22": 2, "U3": 6, "U4": 8, "U51": 5, "U52": 5, "U6": 6}
MEMBERS = ["nom;prenom;role;qualite", "MARTIN;Anne;president;ia-ipr", "LEROY;P;enseignant;enseignant-chercheur",
           "BERNARD;S;enseignant;enseignant_public", "LOPEZ;M;professionnel;employeur", "DUBOIS;S;professionnel;salarie"]
BENALI = {"U1": "8", "U21": "10", "U22": "11", "U3": "6.5", "U4": "11", "U51": "10.5", "U52": "10", "U6": "11.5"}  # 02607


def average(grades: dict[str, str], bonus: str = "0") -> Fraction:
    return (sum(Fraction(g) * COEF[u] for u, g in grades.items()) + Fraction(bonus)) / sum(COEF[u] for u in grades)


def shown(f: Fraction) -> str:
    h = f.numerator * 100 // f.denominator
    return f"{h // 100}.{h % 100:02d}"


def test_absent_at_a_controle_epreuve_keeps_the_first_grade(signed_demo):
    assert shown(average(BENALI)) == "9.80"  # 372.5/38: contrôle at tour 1
    ok(jury("controle", signed_demo, "02607", "U1", "9"))
    ok(jury("controle", signed_demo, "02607", "U3", "ABS"))
    r = results_json(signed_demo)["02607"]
    # U1: the better of 8 and 9; U3: absent, the first 6.5 stays: (9×4 + ... + 6.5×6 ...) / 38
    expected = average({**BENALI, "U1": "9"})
    assert expected == Fraction(3765, 380) and r["moyenne"] == shown(expected) == "9.90"
    assert r["proposition"] == "ajourne" and r["controle"] == {"U1": "9.00", "U3": "ABS"}
    assert r["notes"]["U3"] == {"initiale": "6.50", "ajustee": None, "controle": "ABS", "retenue": "6.50"}
    assert r["notes"]["U1"] == {"initiale": "8.00", "ajustee": None, "controle": "9.00", "retenue": "9.00"}
    ok(jury("controle", signed_demo, "02607", "U3", "11"))  # then present after all: 403.5/38
    assert results_json(signed_demo)["02607"]["moyenne"] == shown(average({**BENALI, "U1": "9", "U3": "11"})) == "10.61"


def test_absences_imported_keep_the_first_grades(signed_demo, tmp_path):
    data = write_csv(tmp_path / "controle.csv", ["numero;unite;note", "02607;U3;ABJ", "02607;U1;abs"])
    ok(jury("import", "controle", signed_demo, data))
    r = results_json(signed_demo)["02607"]
    assert r["controle"] == {"U1": "ABS", "U3": "ABJ"} and r["moyenne"] == shown(average(BENALI)) == "9.80"


def _policies(session: Path, tmp_path: Path, **changes: str) -> None:
    """Export the shipped regulation, change policies, apply it to the session (before any decision)."""
    path = tmp_path / "reglement.toml"
    ok(jury("regulation", "export", "bts-mos", path))
    text = path.read_text(encoding="utf-8")
    for key, value in changes.items():
        old = next(line for line in text.splitlines() if line.startswith(f"{key} = "))
        text = text.replace(old, f'{key} = "{value}"')
    path.write_text(text, encoding="utf-8")
    ok(jury("regulation", "apply", session, path))


def _to_tour_2(session: Path, tmp_path: Path, row: str, controle: list[str]) -> dict:
    ok(jury("import", "members", session, write_csv(tmp_path / "m.csv", MEMBERS)))
    ok(jury("import", "candidates", session, write_csv(tmp_path / "c.csv", [CANDIDATE_HEADER, row])))
    decide_all(session)
    ok(jury("sign", session))
    ok(jury("import", "controle", session, write_csv(tmp_path / "k.csv", ["numero;unite;note", *controle])))
    return results_json(session)


def test_policy_zero_with_the_controle_grade_counting(session, tmp_path):
    _policies(session, tmp_path, absence_controle="zero", note_controle="controle")
    rows = _to_tour_2(session, tmp_path, "00001;A;B;;scolaire;globale;non;non;8;10;11;6,5;11;10,5;10;11,5;;;;",
                      ["00001;U1;9", "00001;U3;ABJ"])
    # U3: the absence counts 0 and, under note_controle = controle, replaces 6.5: (372.5 + 4 − 39)/38
    assert rows["00001"]["moyenne"] == shown(average({**BENALI, "U1": "9", "U3": "0"})) == "8.88"


MIDDLE = "00001;A;B;;scolaire;globale;non;non;9;9;9;9;10;10;10;10;;12;;"  # UF2 12: +2


def test_the_optional_bonus_counts_at_tour_2_by_default(session, tmp_path):
    tour1 = average({u: ("9" if u in ("U1", "U21", "U22", "U3") else "10") for u in COEF}, bonus="2")
    assert tour1 == Fraction(368, 38)  # 9.68: contrôle (professional 10)
    rows = _to_tour_2(session, tmp_path, MIDDLE, ["00001;U1;10", "00001;U3;10,5"])
    # (10×4 + 9×2 + 9×2 + 10.5×6 + 10×24 + 2) / 38 = 381/38
    assert rows["00001"]["moyenne"] == shown(Fraction(381, 38)) == "10.02" and rows["00001"]["proposition"] == "admis"


def test_policy_bonus_controle_exclure_leaves_it_out_at_tour_2_only(session, tmp_path):
    _policies(session, tmp_path, bonus_controle="exclure")
    assert results_json(session) == {}
    ok(jury("import", "candidates", session, write_csv(tmp_path / "c.csv", [CANDIDATE_HEADER, MIDDLE])))
    assert results_json(session)["00001"]["moyenne"] == shown(Fraction(368, 38))  # tour 1: the bonus counts
    ok(jury("import", "members", session, write_csv(tmp_path / "m.csv", MEMBERS)))
    decide_all(session)
    ok(jury("sign", session))
    ok(jury("import", "controle", session, write_csv(tmp_path / "k.csv", ["numero;unite;note", "00001;U1;10", "00001;U3;10,5"])))
    r = results_json(session)["00001"]
    assert r["moyenne"] == shown(Fraction(379, 38)) == "9.97" and r["proposition"] == "ajourne"


def test_results_say_why_in_json_and_csv(demo):
    r = results_json(demo)["02609"]  # 9.99, contrôle
    assert r["moyenne_professionnelle"] == "10.36" and "épreuves de contrôle" in r["motif"]
    # deficit 10×38 − 379.85 = 0.15 points: 0.01 of average; U3 (coef 6) alone: 8 + 0.15/6 → 8.03
    assert r["manque"]["moyenne"] == "0.01" and r["manque"]["unites"]["U3"] == "8.03"
    assert r["manque"]["unites"]["U1"] == "9.29"  # 9.25 + 0.15/4 = 9.2875, rounded up
    durand = results_json(demo)["02601"]
    assert durand["manque"] is None
    assert durand["notes"]["U6"] == {"initiale": "9.50", "ajustee": "10.00", "controle": None, "retenue": "10.00"}
    rows = {row["numero"]: row for row in csv.DictReader(io.StringIO(ok(jury("results", demo, "--format", "csv")).stdout.lstrip("\ufeff")), delimiter=";")}
    assert rows["02601"]["notes_modifiees"] == "U6 : 9,50 → 10,00 (jury)"
    assert rows["02609"]["moyenne_professionnelle"] == "10,36" and rows["02609"]["manque_moyenne"] == "0,01"
    assert rows["02609"]["manque_par_unite"].startswith("U1 9,29 ; U21 10,58")


def test_one_definition_of_the_blocs_acquired(tmp_path):
    """An old session (format 1) still accepts DISP on U51: its bloc BC02 is not acquired, in the
    results as on the relevé (D643-15), while U51 stays held (as dispensed)."""
    s = tmp_path / "s.json"
    ok(jury("new", s, "--regulation", str(FORMAT1), "--year", "2026", "--academie", "Académie de Normandie",
            "--jury", "J", "--date", "2026-06-30"))
    ok(jury("import", "candidates", s, write_csv(tmp_path / "c.csv", [
        CANDIDATE_HEADER, "02601;DURAND;Léa;14/03/2005;scolaire;globale;non;non;12,5;11;14;9,5;12;DISP;B2024:13;10;;14;;"])))
    r = results_json(s)["02601"]
    assert "U51" in r["unites_acquises"] and "RNCP35393BC02" not in r["blocs_acquis"]
    assert r["blocs_acquis"] == ["RNCP35393BC01", "RNCP35393BC03", "RNCP35393BC04", "RNCP35393BC05"]
    ok(jury("decide", s, "02601", "admis"))
    ok(jury("import", "members", s, write_csv(tmp_path / "m.csv", MEMBERS)))
    ok(jury("sign", s))
    ok(jury("export", s, "releves", "--out", tmp_path / "r.docx"))
    document = Document(tmp_path / "r.docx")
    on_paper = [row[0] for t in sd.tables(document, "blocs") for row in sd.rows(t)[1:]]
    assert on_paper == r["blocs_acquis"]

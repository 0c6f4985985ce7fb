"""A second diploma is a file: a small BTS « Systèmes numériques » (option IR) session, end to end.

The regulation `bts-sn-ir` (arrêté du 15 novembre 2013, annexe IIc) has other units than MOS
(U1 3, U2 2, U3 3, U4 5, U5 5, U6.1 2, U6.2 6; EF1), codes with a dot, no RNCP code: the same
commands, engine and documents serve it. Expected averages are computed here in fractions.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

from cli_helpers import jury, ok, refused, results_json, unchanged, write_csv
from docx import Document

COEF = {"U1": 3, "U2": 2, "U3": 3, "U4": 5, "U5": 5, "U6.1": 2, "U6.2": 6}
PRO = ("U4", "U5", "U6.1", "U6.2")
HEADER = "numero;nom;prenom;livret;U1;U2;U3;U4;U5;U6.1;U6.2;EF1"
ROWS = [
    "10001;ALPHA;Anne;non;12;11;10;13;14;12;15;",
    "10002;BRAVO;Bruno;non;9;8;7;10;11;12;10;14",
    "10003;CHARLIE;Chloé;non;DISP;10;9;8;9;10;8;",
]
MEMBERS = [
    "nom;prenom;role;qualite;presence",
    "RENAUD;Claire;president;enseignant-chercheur;present",
    "MARCHAND;Paul;enseignant;enseignant-chercheur;present",
    "ROUX;Julie;enseignant;enseignant_public;present",
    "GIRARD;Marc;professionnel;employeur;present",
    "BONNET;Sarah;professionnel;salarie;present",
]


def average(grades: dict[str, float], bonus: float = 0) -> Fraction:
    counted = {u: Fraction(str(g)) for u, g in grades.items() if g is not None}
    points = sum(g * COEF[u] for u, g in counted.items()) + Fraction(str(bonus))
    return points / sum(COEF[u] for u in counted)


def shown(f: Fraction) -> str:
    hundredths = f.numerator * 100 // f.denominator
    return f"{hundredths // 100}.{hundredths % 100:02d}"


ALPHA = {"U1": 12, "U2": 11, "U3": 10, "U4": 13, "U5": 14, "U6.1": 12, "U6.2": 15}
BRAVO = {"U1": 9, "U2": 8, "U3": 7, "U4": 10, "U5": 11, "U6.1": 12, "U6.2": 10}
CHARLIE = {"U1": None, "U2": 10, "U3": 9, "U4": 8, "U5": 9, "U6.1": 10, "U6.2": 8}  # U1 DISP: left out


def test_a_small_sn_session_from_creation_to_the_documents(tmp_path: Path):
    s = tmp_path / "sn2024.json"
    ok(jury("new", s, "--regulation", "bts-sn-ir", "--year", "2024", "--academie", "Académie de Lyon",
            "--jury", "BTS SN IR — jury 1", "--date", "2024-06-28", "--lieu", "Lyon"))
    ok(jury("import", "members", s, write_csv(tmp_path / "membres.csv", MEMBERS)))
    # a professional unit cannot be dispensed (annexe IIb lists U1, U2, U3 only)
    bad = write_csv(tmp_path / "bad.csv", [HEADER, "10009;X;Y;non;12;12;12;DISP;12;12;12;"])
    with unchanged(s):
        refused(jury("import", "candidates", s, bad), "bad.csv, ligne 2, colonne U4", "ne peut pas être dispensée")
    ok(jury("import", "candidates", s, write_csv(tmp_path / "candidats.csv", [HEADER, *ROWS])))

    rows = results_json(s)
    # 337/26; (253 + 4 bonus)/26 with a professional average of 189/18; U1 left out: 200/23
    assert average(ALPHA) == Fraction(337, 26) and rows["10001"]["moyenne"] == shown(Fraction(337, 26)) == "12.96"
    assert average(BRAVO, bonus=14 - 10) == Fraction(257, 26) and rows["10002"]["moyenne"] == "9.88"
    assert rows["10002"]["proposition"] == "controle"  # 8 <= 9.88 < 10 and 189/18 = 10.50 >= 10
    assert sum(BRAVO[u] * COEF[u] for u in PRO) == 189
    assert average(CHARLIE) == Fraction(200, 23) and rows["10003"]["moyenne"] == "8.69"
    assert rows["10003"]["proposition"] == "ajourne"  # professional 153/18 = 8.50 < 10
    assert rows["10003"]["coefficients"] == "23" and "U1" in rows["10003"]["unites_acquises"]
    assert rows["10001"]["blocs_acquis"] == [
        "Étude d'un système numérique et d'information",
        "Intervention sur un système numérique et d'information",
        "Épreuve professionnelle de synthèse : rapport d'activité en entreprise",
        "Épreuve professionnelle de synthèse : projet technique",
    ]

    check = json.loads(jury("check", s, "--format", "json").stdout)
    assert check["ok"] is True and check["avertissements"] == []  # official, in its sessions, lawful jury

    for numero, decision in (("10001", "admis"), ("10002", "controle"), ("10003", "ajourne")):
        ok(jury("decide", s, numero, decision))
    ok(jury("sign", s))
    controle = write_csv(tmp_path / "controle.csv", ["numero;unite;note", "10002;U1;12", "10002;U3;6"])
    ok(jury("import", "controle", s, controle))
    after = results_json(s)["10002"]
    # the better of the two grades: U1 12 (contrôle), U3 7 (first): (262 + 4) / 26
    assert average({**BRAVO, "U1": 12}, bonus=4) == Fraction(266, 26) and after["moyenne"] == "10.23"
    assert after["proposition"] == "admis"
    ok(jury("decide", s, "10002", "admis"))
    ok(jury("sign", s))

    for kind, tour in (("pv", "1"), ("pv", "2"), ("releves", None)):
        out = tmp_path / f"{kind}{tour or ''}.docx"
        ok(jury("export", s, kind, "--out", out, *(("--tour", tour) if tour else ())))
        text = "\n".join(p.text for p in Document(out).paragraphs) + "\n".join(
            cell.text for table in Document(out).tables for row in table.rows for cell in row.cells)
        assert "Systèmes numériques" in text and "U6.2" in text and "BRAVO" in text
    ok(jury("verify", s, tmp_path / "pv2.docx"))

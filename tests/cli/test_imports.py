"""`jury import` on real exam-office files: Excel-FR CSV, XLSX made with openpyxl, JSON.

A file is imported whole or not at all; every error is reported with its place; a refused
import leaves the session byte-identical and no backup behind.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from cli_helpers import (
    CANDIDATE_HEADER,
    DEMO_SOURCES,
    audit_entries,
    jury,
    ok,
    refused,
    results_json,
    unchanged,
    write_csv,
)

EXCEL_HEADER = "Numéro;Nom;Prénom;Date naissance;Statut;Forme;Livret;Attestation SHG;U1;U21;U22;U3;U4;U51;U52;U6;UF1;UF2;UF3;UF4"
MANDATORY = ["U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6"]


def excel_rows(count: int) -> list[str]:
    """`count` candidates as Excel-FR writes them: accents, decimal commas, mixed case values."""
    names = [("LEFÈVRE", "François"), ("NÚÑEZ", "Adrián"), ("ÇELIK", "Emre"), ("D'ALMEIDA", "Sofia"), ("GUÉRIN", "Inès")]
    rows = []
    for i in range(count):
        nom, prenom = names[i % len(names)]
        rows.append(f"0{3001 + i};{nom};{prenom};14/03/2005;Scolaire;Globale;Oui;non;12,5;11;14;9,5;12;13,25;10;9,5;;14;;")
    return rows


def backups(session: Path) -> list[Path]:
    return sorted(session.parent.glob(session.name + ".*.bak"))


# --- CSV ---------------------------------------------------------------------------------------


def test_windows_1252_csv_with_a_bad_cell_on_line_87(session, tmp_path):
    lines = [EXCEL_HEADER, *excel_rows(99)]
    lines[86] = lines[86].replace(";12;13,25;", ";21;13,25;")  # line 87 of the file, column U4
    lines[90] = lines[90].replace(";14;9,5;12;", ";14;9,5;12,555;")  # line 91: three decimals
    csv = write_csv(tmp_path / "candidats.csv", lines, encoding="cp1252")
    with unchanged(session):
        err = refused(jury("import", "candidates", session, csv),
                      "candidats.csv, ligne 87, colonne U4 : « 21 » : une note va de 0 à 20",
                      "candidats.csv, ligne 91, colonne U4",
                      "12,555",
                      "rien n'a été importé")
        assert err.count("Erreur :") == 2
        r = jury("import", "candidates", session, csv, "--format", "json")
    assert r.exit_code == 1 and "Import refusé (2 erreurs)" in r.stderr
    report = json.loads(r.stdout)
    assert report["ok"] is False and report["type"] == "candidats"
    first = report["erreurs"][0]
    assert first["lieu"] == "candidats.csv, ligne 87, colonne U4"
    assert (first["fichier"], first["ligne"], first["colonne"]) == ("candidats.csv", 87, "U4")
    assert "« 21 »" in first["message"]
    assert [e["ligne"] for e in report["erreurs"]] == [87, 91]
    assert backups(session) == []

    lines[86] = lines[86].replace(";21;13,25;", ";12;13,25;")
    lines[90] = lines[90].replace(";12,555;", ";12,55;")
    write_csv(csv, lines, encoding="cp1252")
    out = ok(jury("import", "candidates", session, csv)).stdout
    assert "99 créé(s)" in out
    rows = results_json(session)
    assert len(rows) == 99
    row = rows["03001"]
    assert (row["nom"], row["prenom"], row["livret"]) == ("LEFÈVRE", "François", True)
    assert rows["03002"]["nom"] == "NÚÑEZ" and rows["03004"]["nom"] == "D'ALMEIDA"
    # 12.5×4 + 11×2 + 14×2 + 9.5×6 + 12×8 + 13.25×5 + 10×5 + 9.5×6 + 4 = 430.25 over 38
    assert (row["points"], row["coefficients"], row["moyenne"]) == ("430.25", "38", "11.32")
    entry = audit_entries(session)[-1]
    assert entry["action"] == "import_candidats" and entry["fichier"] == "candidats.csv"
    assert entry["apres"]["crees"] == 99
    assert len(backups(session)) == 1


def test_utf8_bom_and_comma_separated_with_quoted_decimals(session, tmp_path):
    csv = tmp_path / "c.csv"
    csv.write_bytes(b"\xef\xbb\xbf" + "numero,nom,prenom,U1,U21,U22,U3,U4,U51,U52,U6\r\n"
                    '7,"MARTIN","Zoé","12,5",11,14,"9,5",12,VAE,B2024:13,"9,5"\r\n'.encode())
    ok(jury("import", "candidates", session, csv))
    row = results_json(session)["7"]
    assert row["prenom"] == "Zoé" and row["points"] == "375.00" and row["coefficients"] == "33"


def test_dry_run_reports_and_writes_nothing(session, tmp_path):
    csv = write_csv(tmp_path / "candidats.csv", [EXCEL_HEADER, *excel_rows(5)], encoding="cp1252")
    with unchanged(session):
        out = ok(jury("import", "candidates", session, csv, "--dry-run")).stdout
        report = json.loads(ok(jury("import", "candidates", session, csv, "--dry-run", "--format", "json")).stdout)
    assert "Simulation" in out and "5 créé(s)" in out
    assert report["ok"] is True and report["simulation"] is True and report["crees"] == 5
    real = json.loads(ok(jury("import", "candidates", session, csv, "--format", "json")).stdout)
    assert real["simulation"] is False
    assert {k: v for k, v in real.items() if k != "simulation"} == {k: v for k, v in report.items() if k != "simulation"}
    bad = write_csv(tmp_path / "bad.csv", [EXCEL_HEADER, excel_rows(1)[0].replace(";12,5;", ";abc;")])
    with unchanged(session):
        r = jury("import", "candidates", session, bad, "--dry-run", "--format", "json")
    assert r.exit_code == 1 and json.loads(r.stdout)["erreurs"][0]["colonne"] == "U1"


def test_known_and_unknown_columns(session, tmp_path):
    header = CANDIDATE_HEADER + ";INE;Établissement;Remarque"
    line = "02601;DURAND;Léa;14/03/2005;scolaire;globale;oui;non;12,5;11;14;9,5;12;VAE;B2024:13;9,5;;14;;;123456789AB;Lycée Jean-Rostand;à surveiller"
    csv = write_csv(tmp_path / "c.csv", [header, line])
    with unchanged(session):
        refused(jury("import", "candidates", session, csv), "c.csv, ligne 1, colonne Remarque", "--ignore-unknown-columns")
    out = ok(jury("import", "candidates", session, csv, "--ignore-unknown-columns")).stdout
    assert "Colonnes ignorées : Remarque" in out
    report = json.loads(ok(jury("import", "candidates", session, csv, "--ignore-unknown-columns", "--format", "json")).stdout)
    assert report["colonnes_ignorees"] == ["Remarque"]
    # INE and établissement are known fields: accepted without the flag too
    csv2 = write_csv(tmp_path / "c2.csv", [CANDIDATE_HEADER + ";INE", line.rsplit(";", 2)[0]])
    ok(jury("import", "candidates", session, csv2))


def test_a_misspelt_header_gets_a_suggestion(session, tmp_path):
    csv = write_csv(tmp_path / "c.csv", [EXCEL_HEADER.replace("Date naissance", "Date de naissance").replace(";U4;", ";U04;")],
                    encoding="cp1252")
    with unchanged(session):
        refused(jury("import", "candidates", session, csv),
                "c.csv, ligne 1, colonne Date de naissance : colonne « Date de naissance » inconnue (vouliez-vous dire « date_naissance » ?)",
                "c.csv, ligne 1, colonne U04 : colonne « U04 » inconnue (vouliez-vous dire « U4 » ?)")


def test_missing_required_columns_and_duplicate_numeros(session, tmp_path):
    csv = write_csv(tmp_path / "c.csv", ["numero;nom;U1;U21;U22;U3;U4;U51;U52", "1;A;10;10;10;10;10;10;10"])
    with unchanged(session):
        refused(jury("import", "candidates", session, csv), "2 colonnes obligatoires absentes : « prenom », « U6 »")
    csv = write_csv(tmp_path / "d.csv", [CANDIDATE_HEADER, *excel_rows(2), excel_rows(1)[0]])
    with unchanged(session):
        refused(jury("import", "candidates", session, csv), "d.csv, ligne 4", "03001 en double")


def test_every_kind_of_cell_error_is_reported(session, tmp_path):
    row = excel_rows(1)[0]
    lines = [
        EXCEL_HEADER,
        row.replace("14/03/2005", "31/02/2005"),
        row.replace("03001", "03002").replace("Scolaire", "retraité"),
        row.replace("03001", "03003").replace("Oui", "peut-être"),
        row.replace("03001", "03004").replace(";9,5;;14;;", ";9,5;DISP;14;;"),
        row.replace("03001", "03005").replace(";13,25;", ";;"),
        row.replace("03001", "03006").replace(";DURAND", "").replace("LEFÈVRE", ""),
    ]
    csv = write_csv(tmp_path / "c.csv", lines, encoding="cp1252")
    with unchanged(session):
        err = refused(jury("import", "candidates", session, csv))
    assert "ligne 2, colonne Date naissance" in err
    assert "ligne 3, colonne Statut" in err
    assert "ligne 4, colonne Livret" in err
    assert "ligne 5, colonne UF1" in err
    assert "ligne 7, colonne Nom" in err
    assert err.count("Erreur :") == 5  # an empty mandatory unit (line 6) is allowed: incomplete


# --- XLSX ----------------------------------------------------------------------------------------


def _workbook(path: Path, sheets: list[tuple[str, list[list]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


XLSX_HEADER = ["Numéro", "Nom", "Prénom", "Date naissance", "Statut", "Livret", *MANDATORY, "UF2"]


def test_xlsx_floats_numbers_and_dates(session, tmp_path):
    rows = [
        XLSX_HEADER,
        [2601, "DURAND", "Léa", datetime(2005, 3, 14), "scolaire", "oui", 12.499999999, 11, 14, 9.5, 12, "VAE", "B2024:13", 9.5, 14],
        ["02602", "MOREAU", "Hugo", "02/07/2005", "apprenti", "non", 14, 13.5, 15, 12, 15.5, 14, 13, 14.5, None],
    ]
    xlsx = _workbook(tmp_path / "candidats.xlsx", [("Notes", rows)])
    ok(jury("import", "candidates", session, xlsx))
    got = results_json(session)
    assert sorted(got) == ["02602", "2601"]  # a numero stored as a number: its integer digits
    assert (got["2601"]["points"], got["2601"]["moyenne"]) == ("379.00", "11.48")  # 12.4999… read 12.50
    assert got["02602"]["points"] == "531.00"
    csv = ok(jury("results", session, "--format", "csv")).stdout
    assert "2601;DURAND;Léa;12,50;" in csv


def test_xlsx_too_many_decimals_refused_with_its_place(session, tmp_path):
    rows = [
        XLSX_HEADER,
        ["1", "A", "B", None, None, "non", 12, 12, 12, 12, 12.3333, 12, 12, 12, None],
        ["2", "C", "D", None, None, "non", 12, 12, 12, 12, 12, 12, 12, 12, 25],
    ]
    xlsx = _workbook(tmp_path / "c.xlsx", [("Feuil1", rows)])
    with unchanged(session):
        err = refused(jury("import", "candidates", session, xlsx),
                      "c.xlsx, feuille Feuil1, ligne 2, colonne U4", "arrondissez dans le tableur",
                      "c.xlsx, feuille Feuil1, ligne 3, colonne UF2")
    assert "12,3333" in err


def test_xlsx_second_sheet_and_extra_column(session, tmp_path):
    first = [["Liste", "des", "candidats"], ["rien", "ici", ""]]
    second = [
        [*XLSX_HEADER, "INE", "Observations"],
        ["10", "MARTIN", "Paul", None, None, "non", 10, 10, 10, 10, 10, 10, 10, 10, None, "1234567890A", "RAS"],
    ]
    xlsx = _workbook(tmp_path / "c.xlsx", [("Accueil", first), ("Candidats 2026", second)])
    with unchanged(session):
        refused(jury("import", "candidates", session, xlsx), "feuille Accueil", "colonnes obligatoires absentes")
        refused(jury("import", "candidates", session, xlsx, "--sheet", "Candidats 2026"),
                "feuille Candidats 2026, ligne 1, colonne Observations")
        refused(jury("import", "candidates", session, xlsx, "--sheet", "Absente"), "Absente", "Candidats 2026")
    out = ok(jury("import", "candidates", session, xlsx, "--sheet", "Candidats 2026", "--ignore-unknown-columns")).stdout
    assert "Colonnes ignorées : Observations" in out
    assert results_json(session)["10"]["moyenne"] == "10.00"
    csv = write_csv(tmp_path / "c.csv", [CANDIDATE_HEADER])
    with unchanged(session):
        refused(jury("import", "candidates", session, csv, "--sheet", "X"), ".xlsx")


# --- JSON ----------------------------------------------------------------------------------------


def _candidates_json(count: int) -> list[dict]:
    return [
        {"numero": f"0{4000 + i}", "nom": "NOM", "prenom": "Prénom", "livret": i % 2 == 0,
         "notes": {"U1": "12,5", "U21": 11, "U22": 14.5, "U3": 9.5, "U4": 12, "U51": "VAE", "U52": "B2024:13", "U6": "9,5"}}
        for i in range(count)
    ]


def test_json_candidates_with_pointer_places(session, tmp_path):
    cands = _candidates_json(15)
    cands[12]["notes"]["U4"] = 25
    cands[3]["notes"]["U3"] = 12.333
    cands[5]["statut"] = "chômeur"
    path = tmp_path / "candidats.json"
    path.write_text(json.dumps({"candidats": cands}, ensure_ascii=False), encoding="utf-8")
    with unchanged(session):
        err = refused(jury("import", "candidates", session, path),
                      "candidats.json, candidats[12].notes.U4 : « 25 » : une note va de 0 à 20",
                      "candidats[3].notes.U3", "candidats[5].statut")
        r = jury("import", "candidates", session, path, "--format", "json")
    assert err.count("Erreur :") == 3
    pointers = [e["pointeur"] for e in json.loads(r.stdout)["erreurs"]]
    assert sorted(pointers) == ["candidats[12].notes.U4", "candidats[3].notes.U3", "candidats[5].statut"]
    cands[12]["notes"]["U4"] = 12
    cands[3]["notes"]["U3"] = 12.33
    del cands[5]["statut"]
    path.write_text(json.dumps({"candidats": cands}), encoding="utf-8")
    ok(jury("import", "candidates", session, path))
    rows = results_json(session)
    assert len(rows) == 15 and rows["04000"]["points"] == "376.00" and rows["04000"]["livret"] is True
    assert rows["04001"]["livret"] is False


def test_json_members_and_wrong_shapes(session, tmp_path):
    members = {"membres": [
        {"nom": "MARTIN", "prenom": "Anne", "role": "Président", "qualite": "IA-IPR", "presence": "Présent"},
        {"nom": "LEROY", "prenom": "Paul", "role": "enseignant", "qualite": "enseignant-chercheur"},
        {"nom": "BERNARD", "prenom": "Lise", "role": "enseignant", "qualite": "enseignant_public"},
        {"nom": "LOPEZ", "prenom": "Marc", "role": "professionnel", "qualite": "employeur"},
        {"nom": "DUBOIS", "prenom": "Sylvain", "role": "professionnel", "qualite": "salarie", "presence": "visio"},
    ]}
    path = tmp_path / "membres.json"
    path.write_text(json.dumps(members, ensure_ascii=False), encoding="utf-8")
    assert "5 membres" in ok(jury("import", "members", session, path)).stdout
    assert json.loads(ok(jury("check", session, "--format", "json")).stdout)["ok"] is True
    members["membres"][3]["qualite"] = "enseignant_public"
    path.write_text(json.dumps(members, ensure_ascii=False), encoding="utf-8")
    wrong = tmp_path / "w.json"
    wrong.write_text('{"candidats": [', encoding="utf-8")
    with unchanged(session):
        refused(jury("import", "members", session, path), "membres[3].qualite", "professionnel")
        refused(jury("import", "candidates", session, path), '{"candidats": [...]}')
        refused(jury("import", "candidates", session, wrong), "w.json, ligne 1", "JSON invalide")


def test_json_controle_with_pointer_places(signed_demo, tmp_path):
    path = tmp_path / "controle.json"
    rows = [{"numero": "02607", "unite": "U3", "note": 11}, {"numero": "02607", "unite": "U1", "note": "9"},
            {"numero": "02602", "unite": "U1", "note": 12}, {"numero": "02608", "unite": "U4", "note": 12},
            {"numero": "02609", "unite": "U3", "note": 21}]
    path.write_text(json.dumps({"controle": rows}), encoding="utf-8")
    with unchanged(signed_demo):
        refused(jury("import", "controle", signed_demo, path),
                "controle[2].numero : candidat 02602 non concerné", "controle[3]", "U4 hors contrôle",
                "controle[4].note")
    path.write_text(json.dumps({"controle": rows[:2]}), encoding="utf-8")
    ok(jury("import", "controle", signed_demo, path))
    assert results_json(signed_demo)["02607"]["controle"] == {"U3": "11.00", "U1": "9.00"}


# --- re-import -----------------------------------------------------------------------------------


def _demo_lines(*numeros: str) -> list[str]:
    lines = (DEMO_SOURCES / "candidats.csv").read_text(encoding="utf-8").splitlines()
    return [lines[0], *(x for x in lines[1:] if x.split(";")[0] in numeros)]


def test_reimport_marks_decided_or_adjusted_candidates_a_revoir(demo, tmp_path):
    ok(jury("decide", demo, "02602", "admis"))
    lines = _demo_lines("02601", "02602", "02603")
    lines[1] = lines[1].replace(";9,5;;14;;", ";9;;14;;")  # 02601: U6 under the jury's adjustment
    lines[2] = lines[2].replace(";14;13,5;15;", ";14,5;13,5;15;")  # 02602: U1 under a decision
    lines[3] = lines[3].replace(";13;12;11,5;", ";13,5;12;11,5;")  # 02603: no decision, no adjustment
    csv = write_csv(tmp_path / "maj.csv", lines)
    report = json.loads(ok(jury("import", "candidates", demo, csv, "--dry-run", "--format", "json")).stdout)
    assert (report["crees"], report["mis_a_jour"], report["notes_modifiees"]) == (0, 3, 3)
    assert report["a_revoir"] == ["02601", "02602"]
    out = ok(jury("import", "candidates", demo, csv)).stdout
    assert "À revoir (une note a changé sous une décision ou un ajustement) : 02601, 02602" in out
    rows = results_json(demo)
    assert rows["02601"]["a_revoir"] and rows["02602"]["a_revoir"] and not rows["02603"]["a_revoir"]
    [adj] = rows["02601"]["ajustements"]
    assert (adj["avant"], adj["apres"]) == ("9.00", "10.00")
    assert rows["02601"]["moyenne"] == "11.57"
    assert rows["02602"]["decision"] == "admis" and rows["02602"]["points"] == "533.00"
    assert rows["02604"]["a_revoir"] is False
    err = refused(jury("sign", demo))
    assert "candidat 02602 : à revoir" in err
    ok(jury("decide", demo, "02602", "admis"))
    assert results_json(demo)["02602"]["a_revoir"] is False


def test_reimport_leaves_absent_columns_and_other_candidates(demo, tmp_path):
    csv = write_csv(tmp_path / "maj.csv", ["numero;nom;prenom;U1;U21;U22;U3;U4;U51;U52;U6",
                                          "02602;MOREAU;Hugo;14;13,5;15;12;15,5;14;13;16"])
    before = results_json(demo)
    out = ok(jury("import", "candidates", demo, csv)).stdout
    assert "1 mis à jour" in out
    after = results_json(demo)
    assert after["02602"]["livret"] is True  # the livret column is absent: kept
    assert after["02602"]["points"] == "540.00"
    assert {n: r for n, r in after.items() if n != "02602"} == {n: r for n, r in before.items() if n != "02602"}


def test_reimport_under_an_adjustment_refuses_what_cannot_be_adjusted(demo, tmp_path):
    lines = _demo_lines("02601")
    lines[1] = lines[1].replace(";9,5;;14;;", ";VAE;;14;;")
    csv = write_csv(tmp_path / "maj.csv", lines)
    with unchanged(demo):
        refused(jury("import", "candidates", demo, csv), "maj.csv, ligne 2, colonne U6", "revert")


def test_reimport_of_a_withdrawn_candidate_is_refused(demo, tmp_path):
    ok(jury("withdraw", demo, "02603", "--reason", "erreur"))
    csv = write_csv(tmp_path / "maj.csv", _demo_lines("02603"))
    with unchanged(demo):
        refused(jury("import", "candidates", demo, csv), "maj.csv, ligne 2", "retiré")


# --- members ---------------------------------------------------------------------------------------


def test_members_with_impossible_role_or_qualite(session, tmp_path):
    csv = write_csv(tmp_path / "membres.csv", [
        "nom;prenom;role;qualite;presence",
        "MARTIN;Anne;Président;IA-IPR;Présent",
        "DUPONT;Paul;professionnel;enseignant_public;present",
        "ROUX;Léa;president;salarie;present",
        "X;Y;chef;;present",
        "Z;W;enseignant;enseignant_public;peut-être",
    ], encoding="cp1252")
    with unchanged(session):
        err = refused(jury("import", "members", session, csv),
                      "membres.csv, ligne 3, colonne qualite", "professionnel",
                      "membres.csv, ligne 4, colonne qualite",
                      "membres.csv, ligne 5, colonne role", "« chef »",
                      "membres.csv, ligne 6, colonne presence")
    assert err.count("Erreur :") == 4


def test_members_import_replaces_the_list_on_record(demo, tmp_path):
    lines = (DEMO_SOURCES / "membres.csv").read_text(encoding="utf-8").splitlines()
    csv = write_csv(tmp_path / "membres.csv", [lines[0], *lines[1:4], lines[6], lines[8]])
    assert "5 membres" in ok(jury("import", "members", demo, csv)).stdout
    entry = audit_entries(demo)[-1]
    assert entry["action"] == "import_membres" and entry["avant"] == {"membres": 10} and entry["apres"] == {"membres": 5}
    data = json.loads(jury("check", demo, "--format", "json").stdout)
    assert data["ok"] is True  # 2 teachers (one EC), employer + employee


# --- backups -------------------------------------------------------------------------------------


def test_one_backup_per_import_pruned_at_ten(session, tmp_path):
    csv = write_csv(tmp_path / "c.csv", [EXCEL_HEADER, *excel_rows(3)], encoding="cp1252")
    for i in range(12):
        ok(jury("import", "candidates", session, csv))
        assert len(backups(session)) == min(i + 1, 10)
    assert all(p.parent == session.parent for p in backups(session))
    assert all(".import-candidates.bak" in p.name for p in backups(session))
    listing = ok(jury("restore", session)).stdout
    assert sum(1 for line in listing.splitlines() if ".bak" in line) == 10
    bad = write_csv(tmp_path / "bad.csv", [EXCEL_HEADER, excel_rows(1)[0].replace(";12,5;", ";x;")])
    with unchanged(session):
        refused(jury("import", "candidates", session, bad))
    with unchanged(session):
        ok(jury("import", "candidates", session, csv, "--dry-run"))


def test_restore_brings_back_the_grades_before_an_import(session, tmp_path):
    v1 = write_csv(tmp_path / "v1.csv", [CANDIDATE_HEADER, "1;A;B;;;;;;10;10;10;10;10;10;10;10;;;;"])
    v2 = write_csv(tmp_path / "v2.csv", [CANDIDATE_HEADER, "1;A;B;;;;;;15;10;10;10;10;10;10;10;;;;"])
    ok(jury("import", "candidates", session, v1))
    ok(jury("import", "candidates", session, v2))
    assert results_json(session)["1"]["moyenne"] == "10.52"
    before_v2 = max(backups(session), key=lambda p: p.name)
    ok(jury("restore", session, before_v2, "--yes"))
    assert results_json(session)["1"]["moyenne"] == "10.00"
    actions = [e["action"] for e in audit_entries(session)]
    assert actions == ["creation", "import_candidats", "import_candidats", "restauration"]
    ok(jury("audit", session, "--verify"))


@pytest.mark.parametrize("name", ["candidats.xls", "candidats.ods", "candidats.txt"])
def test_unreadable_formats_are_named(session, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0whatever")
    with unchanged(session):
        refused(jury("import", "candidates", session, path), name)
    with unchanged(session):
        refused(jury("import", "candidates", session, tmp_path / "absent.csv"), "absent.csv", "introuvable")


def test_numeros_that_lost_their_leading_zeros_are_refused(demo, tmp_path):
    rows = [XLSX_HEADER, [2601, "DURAND", "Léa", None, None, "oui", 12.5, 11, 14, 9.5, 12, "VAE", "B2024:13", 9.5, 14]]
    xlsx = _workbook(tmp_path / "export.xlsx", [("Feuil1", rows)])
    with unchanged(demo):
        refused(jury("import", "candidates", demo, xlsx),
                "export.xlsx, feuille Feuil1, ligne 2, colonne Numéro", "numéro 2601", "02601", "zéros en tête")
    csv = write_csv(tmp_path / "c.csv", [CANDIDATE_HEADER, *excel_rows(1), excel_rows(1)[0].replace("03001", "3001")])
    with unchanged(demo):
        refused(jury("import", "candidates", demo, csv), "c.csv, ligne 3", "numéro 3001", "03001")

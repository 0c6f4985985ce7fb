"""Refusals that say what to do next, and long refusals summed up (details in --format json)."""

from __future__ import annotations

import json

from cli_helpers import CANDIDATE_HEADER, DEMO_SOURCES, decide_all, jury, ok, refused, unchanged, write_csv
from openpyxl import Workbook


def test_the_livret_refusal_gives_the_option(demo):
    with unchanged(demo):
        refused(jury("decide", demo, "02605", "ajourné"), "candidat 02605", "D643-26",
                f"« jury decide {demo} 02605 ajourne --livret-examine »")  # fmt: skip
    ok(jury("decide", demo, "02605", "ajourné", "--livret-examine"))


def test_controle_grades_before_the_signature_say_to_sign(demo):
    with unchanged(demo):
        refused(jury("import", "controle", demo, DEMO_SOURCES / "controle.csv"), "le tour 1 n'est pas signé", "jury sign")


def test_a_members_file_with_an_extra_column_names_the_members_columns(demo, tmp_path):
    members = write_csv(tmp_path / "m.csv", ["nom;prenom;role;qualite;presence;telephone",
                                             "MARTIN;Anne;president;ia-ipr;present;0600000000"])  # fmt: skip
    with unchanged(demo):
        err = refused(jury("import", "members", demo, members), "m.csv, ligne 1, colonne telephone",
                      "les colonnes de ce fichier sont nom, prenom, role, qualite, presence")  # fmt: skip
    assert "--ignore-unknown-columns" not in err and "unité" not in err


def test_a_file_given_to_the_wrong_import_is_named_for_what_it_is(demo, tmp_path):
    with unchanged(demo):
        err = refused(jury("import", "candidates", demo, DEMO_SOURCES / "membres.csv"),
                      "membres.csv, ligne 1 : ce fichier est la liste des membres du jury", "jury import members")  # fmt: skip
        assert err.count("Erreur :") == 1
        err = refused(jury("import", "members", demo, DEMO_SOURCES / "candidats.csv"),
                      "ce fichier est une liste de candidats", "jury import candidates")  # fmt: skip
        assert err.count("Erreur :") == 1
        refused(jury("import", "candidates", demo, DEMO_SOURCES / "controle.csv"),
                "ce fichier est des notes d'épreuves de contrôle", "jury import controle")  # fmt: skip


def test_a_signature_refused_for_many_candidates_is_summed_up(demo):
    with unchanged(demo):
        r = jury("sign", demo)
        err = refused(r, "61 candidats sans décision : 02601, 02602, 02603, 02604, 02605 et 56 autres",
                      "candidat 02618 : incomplet, note manquante en U52", "Signature refusée : 62 points à régler")  # fmt: skip
        assert len(err.splitlines()) == 3
        data = json.loads(jury("sign", demo, "--format", "json").stdout)
    assert data["format"] == 2 and data["ok"] is False and len(data["erreurs"]) == 62
    assert data["erreurs"][0] == {"message": "sans décision", "lieu": "candidat 02601", "candidat": "02601",
                                  "code": "SIGN_SANS_DECISION"}  # fmt: skip
    ok(jury("set", demo, "02618", "U52", "12", "--reason", "note reçue"))
    decide_all(demo, skip=("02601", "02602"))
    err = refused(jury("sign", demo), "candidat 02601 : sans décision", "candidat 02602 : sans décision")
    ok(jury("decide", demo, "02601", "admis"))
    ok(jury("decide", demo, "02602", "admis"))
    signed = json.loads(ok(jury("sign", demo, "--format", "json")).stdout)
    assert signed["ok"] is True and signed["tour"] == 1 and len(signed["empreinte"]) == 64


def test_verify_on_a_projet_sums_up_the_rows_that_differ(demo, tmp_path):
    projet = tmp_path / "projet.docx"
    ok(jury("export", demo, "pv", "--out", projet))
    ok(jury("set", demo, "02618", "U52", "12", "--reason", "note reçue"))
    decide_all(demo)
    ok(jury("sign", demo))
    err = refused(jury("verify", demo, projet), "document non signé (PROJET", "ligne du candidat 02601 : Décision",
                  "et 57 autres lignes de candidats différentes", "--format json")  # fmt: skip
    assert len(err.splitlines()) <= 10
    data = json.loads(jury("verify", demo, projet, "--format", "json").stdout)
    assert data["ok"] is False and len(data["ecarts"]) == 62 and data["problemes"]
    assert list(data) == ["format", "ok", "document", "tour", "anonyme", "empreinte", "signe_par", "signe_le",
                          "lignes", "problemes", "parties", "verifie", "ecarts"]  # fmt: skip


def _workbook(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "Candidats"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_numeros_stored_as_numbers_are_warned_about(session, tmp_path):
    header = CANDIDATE_HEADER.split(";")
    grades = [12, 11, 14, 9.5, 12, 11, 13, 9.5, None, None, None, None]
    book = _workbook(tmp_path / "c.xlsx", [header, [2701, "DURAND", "Léa", None, None, None, None, None, *grades],
                                           ["02702", "MOREAU", "Hugo", None, None, None, None, None, *grades]])  # fmt: skip
    r = ok(jury("import", "candidates", session, book))
    assert "Avertissement : c.xlsx, feuille Candidats, ligne 1, colonne numero : des numéros sont des nombres dans " \
           "le classeur (ligne 2) : un numéro qui commençait par 0 l'a perdu (2601 pour 02601)" in r.stderr
    report = json.loads(ok(jury("import", "candidates", session, book, "--dry-run", "--format", "json")).stdout)
    assert [w["colonne"] for w in report["avertissements"]] == ["numero"]
    text = write_csv(tmp_path / "t.csv", [CANDIDATE_HEADER, "02703;LAMBERT;Chloé;;;;;;12;11;14;9,5;12;11;13;9,5;;;;"])
    assert "Avertissement" not in ok(jury("import", "candidates", session, text)).stderr

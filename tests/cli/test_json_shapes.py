"""The JSON of every `--format json`: French keys, a version, the shapes the README documents.

Scripts read these keys (DESIGN.md §2): each test holds one command's keys, in order, so that
renaming one is a deliberate change of `format` and of the README, never an accident.
"""

from __future__ import annotations

import json

from cli_helpers import CANDIDATE_HEADER, DEMO_SOURCES, decide_all, jury, ok, write_csv

ROW_KEYS = [
    "numero", "nom", "prenom", "moyenne", "points", "coefficients", "proposition", "decision", "decisions",
    "a_revoir", "livret", "livret_examine", "unites_acquises", "blocs_acquis", "ajustements", "controle",
    "carte_professionnelle", "moyenne_professionnelle", "motif", "notes", "manque",
]
DECISION_KEYS = ["tour", "decision", "motif", "par", "le"]
ADJUSTMENT_KEYS = ["unite", "avant", "apres", "motif", "par", "le"]
FINDING_KEYS = ["code", "message", "article"]
IMPORT_KEYS = [
    "format", "type", "fichier", "ok", "simulation", "crees", "mis_a_jour", "inchanges", "notes_modifiees",
    "a_revoir", "colonnes_ignorees", "membres", "erreurs", "avertissements",
]
IMPORT_REFUSED_KEYS = ["format", "type", "fichier", "ok", "simulation", "erreurs"]


def as_json(*args) -> dict:
    result = jury(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_results(demo):
    data = as_json("results", demo)
    assert list(data) == ["format", "candidats"] and data["format"] == 2
    durand = data["candidats"][0]
    assert list(durand) == ROW_KEYS
    assert list(durand["ajustements"][0]) == ADJUSTMENT_KEYS
    ok(jury("decide", demo, durand["numero"], "admis"))
    decided = as_json("results", demo)["candidats"][0]
    assert list(decided["decisions"][0]) == DECISION_KEYS


def test_check(demo, session):
    data = as_json("check", demo)
    assert list(data) == ["format", "ok", "erreurs", "avertissements"] and data["format"] == 2
    assert list(data["avertissements"][0]) == FINDING_KEYS
    failed = as_json("check", session)
    assert failed["ok"] is False and list(failed["erreurs"][0]) == FINDING_KEYS


def test_audit(demo):
    assert list(as_json("audit", demo)) == ["format", "entrees"]
    verified = as_json("audit", demo, "--verify")
    assert list(verified) == ["format", "entrees", "ok", "problemes"]
    entry = verified["entrees"][0]
    assert {"seq", "le", "par", "action", "cible", "avant", "apres", "motif", "precedent", "etat", "empreinte"} <= set(entry)


def test_import_of_each_kind(demo, session):
    report = as_json("import", "candidates", session, DEMO_SOURCES / "candidats.csv", "--dry-run")
    assert list(report) == IMPORT_KEYS
    assert (report["format"], report["type"], report["ok"], report["simulation"]) == (2, "candidats", True, True)
    members = as_json("import", "members", session, DEMO_SOURCES / "membres.csv")
    assert list(members) == IMPORT_KEYS and members["type"] == "membres" and members["membres"] == 10
    ok(jury("set", demo, "02618", "U52", "12", "--reason", "note reçue"))
    decide_all(demo)
    ok(jury("sign", demo))
    controle = as_json("import", "controle", demo, DEMO_SOURCES / "controle.csv")
    assert list(controle) == IMPORT_KEYS and controle["type"] == "controle"


def test_a_refused_import(session, tmp_path):
    bad = write_csv(tmp_path / "bad.csv", [CANDIDATE_HEADER, "02601;DURAND;Léa;;;;;;21;11;14;9,5;12;;;9,5;;;;"])
    report = as_json("import", "candidates", session, bad)
    assert list(report) == IMPORT_REFUSED_KEYS and report["ok"] is False
    error = report["erreurs"][0]
    assert list(error) == ["message", "lieu", "fichier", "ligne", "colonne"]
    assert (error["ligne"], error["colonne"]) == (2, "U1")


def test_sign_refused_and_signed(demo):
    refused = as_json("sign", demo)
    assert list(refused) == ["format", "ok", "erreurs"] and refused["ok"] is False
    assert list(refused["erreurs"][0]) == ["message", "lieu", "candidat", "code"]
    ok(jury("set", demo, "02618", "U52", "12", "--reason", "note reçue"))
    decide_all(demo)
    signed = as_json("sign", demo)
    assert list(signed) == ["format", "ok", "tour", "par", "signataire", "le", "empreinte"] and signed["ok"] is True


def test_verify(demo, tmp_path):
    ok(jury("set", demo, "02618", "U52", "12", "--reason", "note reçue"))
    decide_all(demo)
    ok(jury("sign", demo))
    pv = tmp_path / "pv.docx"
    ok(jury("export", demo, "pv", "--out", pv))
    report = as_json("verify", demo, pv)
    assert list(report) == ["format", "ok", "document", "tour", "anonyme", "empreinte", "signe_par", "signe_le",
                            "lignes", "problemes", "parties", "verifie", "ecarts"]  # fmt: skip
    assert (report["ok"], report["tour"], report["lignes"], report["problemes"], report["ecarts"]) == (True, 1, 62, [], {})

"""Every `jury` command on real session files: output, exit code, and nothing changed on refusal."""

from __future__ import annotations

import json
import re

from cli_helpers import (
    audit_entries,
    jury,
    jury_process,
    ok,
    refused,
    results_json,
    unchanged,
    usage_error,
    write_csv,
)

from jury_tui import __version__

# --- new ---------------------------------------------------------------------------------------


def test_new_creates_a_session_on_record(tmp_path):
    path = tmp_path / "s.json"
    r = ok(jury("new", path, "--regulation", "bts-mos", "--year", "2026", "--academie", "Académie de Normandie",
                "--jury", "BTS MOS — jury 1", "--date", "2026-06-30", "--lieu", "Caen", "--tz", "Europe/Paris"))
    assert f"Session créée : {path}" in r.stdout
    assert path.is_file()
    entries = audit_entries(path)
    assert [e["action"] for e in entries] == ["creation"]
    assert entries[0]["apres"] == {"reglement": "bts-mos", "annee": 2026}
    assert json.loads(ok(jury("results", path, "--format", "json")).stdout) == {"format": 2, "candidats": []}


def test_new_refuses_an_existing_file(session):
    with unchanged(session):
        refused(jury("new", session, "--regulation", "bts-mos", "--year", "2026", "--academie", "A", "--jury", "J"),
                "existe déjà")


def test_new_reports_every_bad_option_and_writes_nothing(tmp_path):
    path = tmp_path / "s.json"
    err = refused(jury("new", path, "--regulation", "bts-mos", "--year", "26", "--academie", " ", "--jury", "J",
                       "--date", "2026-13-01", "--tz", "Mars/Olympus"),
                  "--year", "--date", "« 2026-13-01 »", "Mars/Olympus", "--academie")
    assert err.count("Erreur :") == 4
    assert list(tmp_path.iterdir()) == []


def test_new_unknown_regulation_and_missing_option(tmp_path):
    refused(jury("new", tmp_path / "s.json", "--regulation", "bts-inconnu", "--year", "2026", "--academie", "A", "--jury", "J"),
            "bts-inconnu", "introuvable")
    usage_error(jury("new", tmp_path / "s.json", "--regulation", "bts-mos", "--year", "2026", "--academie", "A"))
    usage_error(jury("new", tmp_path / "s.json", "--regulation", "bts-mos", "--year", "deux-mille", "--academie", "A", "--jury", "J"))
    assert list(tmp_path.iterdir()) == []


def test_new_in_a_missing_folder(tmp_path):
    refused(jury("new", tmp_path / "absent" / "s.json", "--regulation", "bts-mos", "--year", "2026", "--academie", "A",
                 "--jury", "J"), "le dossier", "absent", "n'existe pas")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_session_is_named(tmp_path):
    for args in (("results",), ("check",), ("audit",), ("sign",), ("decide", "02601", "admis")):
        refused(jury(args[0], tmp_path / "absente.json", *args[1:]), "absente.json", "jury new")
    assert list(tmp_path.iterdir()) == []


# --- regulation --------------------------------------------------------------------------------


def test_regulation_show_prints_units_coefficients_and_settings():
    out = ok(jury("regulation", "show", "bts-mos")).stdout
    assert "RNCP35393" in out and "À VÉRIFIER" in out
    u4 = next(line for line in out.splitlines() if line.startswith("U4 "))
    assert " 8 " in u4 and "RNCP35393BC01" in u4
    assert "seuil d'admission" in out
    refused(jury("regulation", "show", "bts-rien"), "bts-rien")


def test_regulation_export_then_apply_changes_the_averages(session, tmp_path):
    toml = tmp_path / "reglement.toml"
    out = ok(jury("regulation", "export", "bts-mos", toml)).stdout
    assert "jury regulation apply" in out
    with unchanged(toml):
        refused(jury("regulation", "export", "bts-mos", toml), "existe déjà")
    text = toml.read_text(encoding="utf-8")
    u4 = text.index('code = "U4"')
    start = text.index("coefficient = 8", u4)
    toml.write_text(text[:start] + "coefficient = 9" + text[start + len("coefficient = 8"):], encoding="utf-8")

    csv = write_csv(tmp_path / "c.csv", [
        "numero;nom;prenom;U1;U21;U22;U3;U4;U51;U52;U6",
        "1;A;B;10;10;10;10;20;10;10;10",
    ])
    ok(jury("import", "candidates", session, csv))
    assert results_json(session)["1"]["coefficients"] == "38"
    ok(jury("regulation", "apply", session, toml))
    row = results_json(session)["1"]
    assert (row["coefficients"], row["points"], row["moyenne"]) == ("39", "480.00", "12.30")
    entry = audit_entries(session)[-1]
    assert entry["action"] == "reglement" and entry["avant"]["sha256"] != entry["apres"]["sha256"]


def test_regulation_export_into_a_missing_folder_is_refused_in_french(tmp_path):
    refused(jury("regulation", "export", "bts-mos", tmp_path / "absent" / "reglement.toml"),
            "Écriture impossible", "rien n'a été modifié")
    assert not (tmp_path / "absent").exists()


def test_regulation_export_is_written_with_the_session_files_mode(tmp_path):
    toml = tmp_path / "reglement.toml"
    ok(jury("regulation", "export", "bts-mos", toml))
    assert toml.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["reglement.toml"]  # no temp file left


def test_regulation_apply_refused_when_a_unit_in_use_disappears(demo, tmp_path):
    toml = tmp_path / "r.toml"
    ok(jury("regulation", "export", "bts-mos", toml))
    text = toml.read_text(encoding="utf-8")
    start = text.index('[[unites]]\ncode = "UF3"')
    end = text.index("[[unites]]", start + 1)
    toml.write_text(text[:start] + text[end:], encoding="utf-8")
    with unchanged(demo):
        err = refused(jury("regulation", "apply", demo, toml), "unité UF3 absente du nouveau règlement", "candidat 02629")
    assert "U1 " not in err


def test_regulation_apply_refused_after_a_decision_or_when_broken(demo, tmp_path):
    toml = tmp_path / "r.toml"
    ok(jury("regulation", "export", "bts-mos", toml))
    ok(jury("decide", demo, "02602", "admis"))
    with unchanged(demo):
        refused(jury("regulation", "apply", demo, toml), "décisions sont déjà prises")
    broken = tmp_path / "cassé.toml"
    broken.write_text("[diplome\n", encoding="utf-8")
    ok(jury("decide", demo, "02602", "clear"))
    with unchanged(demo):
        refused(jury("regulation", "apply", demo, broken), "cassé.toml")


# --- set, withdraw -----------------------------------------------------------------------------


def test_set_a_grade_and_a_field_on_record(demo):
    out = ok(jury("set", demo, "02618", "U52", "12,5", "--reason", "note reçue du centre")).stdout
    assert "02618 : U52 = 12,5" in out
    row = results_json(demo)["02618"]
    assert row["proposition"] != "incomplet" and row["moyenne"] is not None
    ok(jury("set", demo, "02618", "nom", "LEGRAND-MARTIN", "--reason", "état civil"))
    assert results_json(demo)["02618"]["nom"] == "LEGRAND-MARTIN"
    ok(jury("set", demo, "02618", "livret", "oui", "--reason", "livret reçu"))
    assert results_json(demo)["02618"]["livret"] is True
    last = audit_entries(demo)[-3:]
    assert [e["action"] for e in last] == ["correction"] * 3
    assert last[0]["avant"] == {"U52": None} and last[0]["apres"] == {"U52": "12.50"}
    assert last[0]["motif"] == "note reçue du centre" and last[0]["cible"] == "02618"


def test_set_refusals_change_nothing(demo):
    cases = [
        (("02602", "U1", "14"), "valeur identique"),
        (("02602", "U1", "21"), "une note va de 0 à 20"),
        (("02602", "UF1", "DISP"), "facultative"),
        (("02602", "couleur", "bleu"), "champ « couleur » inconnu"),
        (("02602", "date_naissance", "31/02/2005"), "jj/mm/aaaa"),
        (("02602", "statut", "retraité"), "statuts possibles"),
        (("99999", "U1", "12"), "candidat 99999"),
    ]
    for args, message in cases:
        with unchanged(demo):
            refused(jury("set", demo, *args, "--reason", "correction"), message)
    with unchanged(demo):
        refused(jury("set", demo, "02602", "U1", "12", "--reason", "  "), "motif est obligatoire")
    with unchanged(demo):
        usage_error(jury("set", demo, "02602", "U1", "12"))


def test_set_under_an_adjustment_keeps_it_and_follows_its_avant(demo):
    ok(jury("set", demo, "02601", "U6", "9", "--reason", "erreur de report"))
    row = results_json(demo)["02601"]
    assert row["ajustements"][0]["avant"] == "9.00" and row["ajustements"][0]["apres"] == "10.00"
    assert row["a_revoir"] is True
    assert row["moyenne"] == "11.57"  # the jury's 10.00 still counts


def test_set_a_value_that_cannot_be_adjusted_under_an_adjustment_is_refused(demo):
    for value in ("VAE", ""):  # DISP: U6 cannot be dispensed at all (tests/cli/test_regulation_rules.py)
        with unchanged(demo):
            refused(jury("set", demo, "02601", "U6", value, "--reason", "erreur"),
                    "candidat 02601, unité U6", "9,50 → 10,00", "revert")
    ok(jury("adjust", demo, "02601", "U6", "revert", "--reason", "annulé"))
    ok(jury("set", demo, "02601", "U6", "VAE", "--reason", "validation retrouvée"))


def test_withdraw_takes_a_candidate_out_of_results(demo):
    out = ok(jury("withdraw", demo, "02662", "--reason", "importé par erreur")).stdout
    assert "02662 retiré" in out
    rows = results_json(demo)
    assert "02662" not in rows and len(rows) == 61
    assert "02662" not in ok(jury("results", demo, "--format", "csv")).stdout
    assert "02662" not in ok(jury("results", demo)).stdout
    entry = audit_entries(demo)[-1]
    assert (entry["action"], entry["cible"], entry["motif"]) == ("retrait", "02662", "importé par erreur")
    for args, message in [
        (("withdraw", demo, "02662", "--reason", "encore"), "déjà retiré"),
        (("decide", demo, "02662", "admis"), "retiré"),
        (("set", demo, "02662", "U1", "12", "--reason", "x"), "retiré"),
        (("adjust", demo, "02662", "U1", "12", "--reason", "x"), "retiré"),
    ]:
        with unchanged(demo):
            refused(jury(*args), "candidat 02662", message)
    with unchanged(demo):
        usage_error(jury("withdraw", demo, "02661"))


# --- check ---------------------------------------------------------------------------------------


def test_check_demo_passes_with_warnings(demo):
    with unchanged(demo):
        r = ok(jury("check", demo))
        data = json.loads(ok(jury("check", demo, "--format", "json")).stdout)
    assert "Contrôle réussi." in r.stdout
    assert "JURY_PARITE_PRESENTS" in r.stdout and "CAND_INCOMPLET" in r.stdout
    assert list(data) == ["format", "ok", "erreurs", "avertissements"]
    assert data["ok"] is True and data["erreurs"] == []
    codes = {w["code"] for w in data["avertissements"]}
    assert {"JURY_PARITE_PRESENTS", "REG_PROVISOIRE", "REG_RNCP_ECHU", "CAND_INCOMPLET"} <= codes
    incomplete = next(w for w in data["avertissements"] if w["code"] == "CAND_INCOMPLET")
    assert "02618" in incomplete["message"] and "U52" in incomplete["message"]
    assert all(set(w) >= {"code", "message"} for w in data["avertissements"])


def test_check_fails_without_a_lawful_jury(session, tmp_path):
    with unchanged(session):
        r = jury("check", session)
        refused(r, "ERREUR [JURY_VIDE]", "Contrôle en échec")
        r = jury("check", session, "--format", "json")
    assert r.exit_code == 1 and "Contrôle en échec" in r.stderr
    data = json.loads(r.stdout)
    assert data["ok"] is False and data["erreurs"][0]["code"] == "JURY_VIDE"
    members = write_csv(tmp_path / "m.csv", [
        "nom;prenom;role;qualite;presence",
        "MARTIN;Anne;president;ia-ipr;present",
        "LEROY;Paul;enseignant;enseignant_public;present",
        "LOPEZ;Marc;professionnel;employeur;present",
    ])
    ok(jury("import", "members", session, members))
    data = json.loads(jury("check", session, "--format", "json").stdout)
    assert data["ok"] is False
    assert all(e["message"] for e in data["erreurs"])


# --- decide, adjust ------------------------------------------------------------------------------


def test_decide_change_clear_with_reason_and_livret(demo):
    assert "02602 : admis" in ok(jury("decide", demo, "02602", "admis")).stdout
    row = results_json(demo)["02602"]
    assert row["decision"] == "admis"
    assert [(d["tour"], d["decision"], d["motif"], d["par"]) for d in row["decisions"]] == [(1, "admis", None, "secretariat")]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["decisions"][0]["le"])

    ok(jury("decide", demo, "02602", "ajourne", "--livret-examine", "--reason", "comportement en stage"))
    row = results_json(demo)["02602"]
    assert row["decision"] == "ajourne" and row["livret_examine"] is True
    assert row["decisions"][0]["motif"] == "comportement en stage"

    assert "décision effacée" in ok(jury("decide", demo, "02602", "clear")).stdout
    row = results_json(demo)["02602"]
    assert row["decision"] is None and row["decisions"] == []
    with unchanged(demo):
        refused(jury("decide", demo, "02602", "clear"), "candidat 02602", "aucune décision à effacer")
    actions = [e["action"] for e in audit_entries(demo)[-3:]]
    assert actions == ["decision", "decision", "decision_effacee"]
    with unchanged(demo):
        usage_error(jury("decide", demo, "02602", "reçu"))


def test_adjust_and_revert_on_record(demo):
    assert "02602 U1 : 14,5" in ok(jury("adjust", demo, "02602", "u1", "14,5", "--reason", "copie revue")).stdout
    row = results_json(demo)["02602"]
    adj = row["ajustements"][-1]
    assert {k: adj[k] for k in ("unite", "avant", "apres", "motif", "par")} == {
        "unite": "U1", "avant": "14.00", "apres": "14.50", "motif": "copie revue", "par": "secretariat"}
    assert row["points"] == "533.00"
    ok(jury("adjust", demo, "02602", "U1", "revert", "--reason", "erreur de saisie"))
    row = results_json(demo)["02602"]
    assert row["ajustements"] == [] and row["points"] == "531.00"
    entries = audit_entries(demo)[-2:]
    assert [e["action"] for e in entries] == ["ajustement", "ajustement_annule"]
    assert entries[0]["avant"] == {"U1": "14.00"} and entries[0]["apres"] == {"U1": "14.50"}
    with unchanged(demo):
        refused(jury("adjust", demo, "02602", "U1", "revert", "--reason", "x"), "candidat 02602, unité U1", "aucun ajustement")


def test_adjust_refusals_change_nothing(demo):
    cases = [
        (("02601", "U51", "12"), "unité U51", "VAE ne peut pas être ajustée"),
        (("02602", "U1", "21"), "unité U1", "0 à 20"),
        (("02602", "U1", "14"), "unité U1", "égale"),
        (("02602", "U9", "12"), "candidat 02602", "U9"),
        (("02613", "U4", "12"), "unité U4", "ABJ"),
        (("02602", "UF1", "12"), "unité UF1", "pas de note"),
        (("02623", "U4", "12"), "unité U4", "NP"),
    ]
    for args, *messages in cases:
        with unchanged(demo):
            refused(jury("adjust", demo, *args, "--reason", "points de jury"), *messages)
    with unchanged(demo):
        refused(jury("adjust", demo, "02602", "U1", "15", "--reason", ""), "motif est obligatoire")
    with unchanged(demo):
        usage_error(jury("adjust", demo, "02602", "U1", "15"))


def test_abs_turned_into_abj_lifts_non_delivre(demo):
    assert results_json(demo)["02615"]["proposition"] == "non_delivre"
    ok(jury("adjust", demo, "02615", "U22", "ABJ", "--reason", "certificat médical accepté"))
    row = results_json(demo)["02615"]
    assert row["proposition"] != "non_delivre"
    assert row["ajustements"][0]["avant"] == "ABS" and row["ajustements"][0]["apres"] == "ABJ"


# --- audit ---------------------------------------------------------------------------------------


def test_audit_lists_and_verifies(demo):
    ok(jury("decide", demo, "02602", "admis"))
    with unchanged(demo):
        out = ok(jury("audit", demo)).stdout
        verified = ok(jury("audit", demo, "--verify"))
        data = json.loads(ok(jury("audit", demo, "--format", "json", "--verify")).stdout)
    assert "import_candidats" in out and "ajustement" in out and "U6 9.50 → U6 10.00" in out
    # audit times are shown in the session's time zone: 08:00 UTC is 10:00 in Paris in June
    assert "20/06/2026 10:00" in out
    assert "Journal intègre." in verified.stdout
    assert data["ok"] is True and data["problemes"] == []
    actions = [e["action"] for e in data["entrees"]]
    assert actions == ["creation", "import_membres", "import_candidats", "ajustement", "decision"]
    assert [e["seq"] for e in data["entrees"]] == [1, 2, 3, 4, 5]
    for previous, entry in zip(data["entrees"], data["entrees"][1:]):
        assert entry["precedent"] == previous["empreinte"]
    assert all(e["le"].endswith("Z") for e in data["entrees"])


def test_audit_verify_detects_a_grade_edited_by_hand(demo):
    raw = demo.read_bytes()
    assert raw.count(b'"U4":"15.50"') == 1
    demo.write_bytes(raw.replace(b'"U4":"15.50"', b'"U4":"17.50"'))
    r = jury("audit", demo, "--verify")
    assert r.exit_code == 1
    assert "Journal NON intègre." in r.stdout and "INTÉGRITÉ" in r.stderr
    data = json.loads(jury("audit", demo, "--format", "json", "--verify").stdout)
    assert data["ok"] is False and data["problemes"]


def test_acting_person_from_as_and_env(demo):
    ok(jury("--as", "MARTIN Anne", "decide", demo, "02602", "admis"))
    ok(jury("decide", demo, "02603", "admis", env={"JURY_AS": "LEROY Philippe"}))
    ok(jury("adjust", demo, "02604", "U1", "15", "--reason", "revue"))
    entries = audit_entries(demo)[-3:]
    assert [e["par"] for e in entries[:2]] == ["MARTIN Anne", "LEROY Philippe"]
    assert all(e["utilisateur"] == "secretariat" for e in entries[:2])
    rows = results_json(demo)
    assert rows["02602"]["decisions"][0]["par"] == "MARTIN Anne"
    assert rows["02603"]["decisions"][0]["par"] == "LEROY Philippe"
    assert "MARTIN Anne" in ok(jury("audit", demo)).stdout


def test_acting_person_in_a_real_process(demo):
    p = jury_process("decide", demo, "02602", "admis", env={"JURY_AS": "BERNARD Sophie"})
    assert p.returncode == 0, p.stderr
    p = jury_process("--as", "PETIT Karim", "decide", demo, "02603", "admis")
    assert p.returncode == 0, p.stderr
    entries = audit_entries(demo)[-2:]
    assert [e["par"] for e in entries] == ["BERNARD Sophie", "PETIT Karim"]


# --- restore -------------------------------------------------------------------------------------


def test_restore_lists_and_brings_back_earlier_grades(demo, tmp_path):
    csv = write_csv(tmp_path / "maj.csv", ["numero;nom;prenom;U1;U21;U22;U3;U4;U51;U52;U6", "02602;MOREAU;Hugo;6;13,5;15;12;15,5;14;13;14,5"])
    ok(jury("import", "candidates", demo, csv))
    assert results_json(demo)["02602"]["points"] != "531.00"
    listing = ok(jury("restore", demo)).stdout
    backups = sorted(demo.parent.glob("demo.json.*.bak"))
    newest = max(backups, key=lambda p: p.name)
    assert "import-candidates" in listing and newest.name in listing
    with unchanged(demo):
        r = jury("restore", demo, newest, input="n\n")
        assert r.exit_code == 1
    out = ok(jury("restore", demo, newest, "--yes")).stdout
    assert "Session restaurée" in out
    assert results_json(demo)["02602"]["points"] == "531.00"
    entry = audit_entries(demo)[-1]
    assert entry["action"] == "restauration" and entry["apres"] == {"sauvegarde": newest.name}
    assert any("restauration" in p.name for p in demo.parent.glob("demo.json.*.bak"))
    ok(jury("audit", demo, "--verify"))


def test_restore_with_confirmation(demo, tmp_path):
    ok(jury("import", "candidates", demo, write_csv(tmp_path / "m.csv", ["numero;nom;prenom;U1;U21;U22;U3;U4;U51;U52;U6", "02602;MOREAU;Hugo;6;13,5;15;12;15,5;14;13;14,5"])))
    newest = max(demo.parent.glob("demo.json.*.import-candidates.bak"), key=lambda p: p.name)
    ok(jury("restore", demo, newest, input="y\n"))
    assert results_json(demo)["02602"]["points"] == "531.00"


def test_restore_refusals(demo, signed_demo, tmp_path):
    other = tmp_path / "autre.json"
    ok(jury("demo", other))
    foreign = next(tmp_path.glob("autre.json.*.bak"))
    own = next(signed_demo.parent.glob("demo.json.*.bak"))
    with unchanged(signed_demo):
        refused(jury("restore", signed_demo, own, "--yes"), "signé")
        refused(jury("restore", signed_demo, tmp_path / "rien.bak", "--yes"), "rien.bak", "introuvable")
    ok(jury("reopen", signed_demo, "--reason", "restauration demandée"))
    with unchanged(signed_demo):
        refused(jury("restore", signed_demo, foreign, "--yes"), "pas une sauvegarde de cette session")


def test_restore_without_backups(session):
    assert "Aucune sauvegarde." in ok(jury("restore", session)).stdout


# --- demo, version, help ---------------------------------------------------------------------------


def test_demo_builds_a_session(demo):
    rows = results_json(demo)
    assert len(rows) == 62 and min(rows) == "02601" and max(rows) == "02662"
    actions = [e["action"] for e in audit_entries(demo)]
    assert actions == ["creation", "import_membres", "import_candidats", "ajustement"]
    with unchanged(demo):
        refused(jury("demo", demo), "existe déjà")


def test_demo_without_path_in_the_current_folder(tmp_path):
    p = jury_process("demo", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    built = list(tmp_path.glob("jury-demo-*.json"))
    assert len(built) == 1 and built[0].name in p.stdout


def test_open_needs_an_existing_session(tmp_path):
    refused(jury("open", tmp_path / "absente.json"), "absente.json", "session introuvable")
    assert list(tmp_path.iterdir()) == []


def test_version_and_help():
    assert ok(jury("--version")).stdout.strip() == f"jury, version {__version__}"
    out = ok(jury("--help")).stdout
    for name in ("new", "import", "set", "withdraw", "results", "check", "decide", "adjust", "sign",
                 "reopen", "audit", "restore", "demo", "regulation", "open"):
        assert re.search(rf"^\s+{name}\b", out, re.M), name
    assert "--as NOM" in out
    assert "SESSION FICHIER" in ok(jury("import", "candidates", "--help")).stdout
    assert "--ignore-unknown-columns" in ok(jury("import", "candidates", "--help")).stdout
    usage_error(jury("inconnue"))
    usage_error(jury("decide"))


def test_the_installed_entry_point_as_a_process(tmp_path):
    p = jury_process("--version")
    assert p.returncode == 0 and p.stdout.strip() == f"jury, version {__version__}"
    p = jury_process("--help")
    assert p.returncode == 0 and "regulation" in p.stdout and "import" in p.stdout
    p = jury_process("results", tmp_path / "absente.json")
    assert p.returncode == 1 and "absente.json" in p.stderr and p.stdout == ""
    p = jury_process("decide", tmp_path / "absente.json")
    assert p.returncode == 2

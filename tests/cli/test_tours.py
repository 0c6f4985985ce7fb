"""Tours, signatures and the contrôle (DESIGN.md §5) through the command line."""

from __future__ import annotations

import json
import re

from cli_helpers import (
    CONTROLE_NUMEROS,
    DEMO_SOURCES,
    EXPECTED,
    audit_entries,
    decide_all,
    jury,
    ok,
    refused,
    results_json,
    unchanged,
    write_csv,
)


def fingerprint(stdout: str) -> str:
    m = re.search(r"Empreinte : ([0-9a-f]{64})", stdout)
    assert m, stdout
    return m.group(1)


# --- what blocks signing --------------------------------------------------------------------------


def test_sign_refused_while_candidates_are_undecided_or_incomplete(demo):
    with unchanged(demo):
        err = refused(jury("sign", demo), "61 candidats sans décision : 02601", "candidat 02618 : incomplet", "U52",
                      "Signature refusée")  # fmt: skip
    assert err.count("sans décision") == 1
    decide_all(demo)
    with unchanged(demo):
        err = refused(jury("sign", demo), "candidat 02618 : incomplet, note manquante en U52")
    assert "sans décision" not in err
    ok(jury("set", demo, "02618", "U52", "ABJ", "--reason", "absence justifiée"))
    decide_all(demo)
    ok(jury("sign", demo))


def test_sign_refused_while_a_candidate_is_a_revoir(demo):
    ok(jury("set", demo, "02618", "U52", "12", "--reason", "note reçue"))
    decide_all(demo)
    ok(jury("set", demo, "02602", "U3", "13", "--reason", "erreur de report"))
    assert results_json(demo)["02602"]["a_revoir"] is True
    with unchanged(demo):
        err = refused(jury("sign", demo), "candidat 02602 : à revoir")
    assert err.count("Erreur :") == 1
    ok(jury("decide", demo, "02602", "admis"))  # the jury confirms its decision
    ok(jury("sign", demo))


def test_sign_refused_when_the_jury_as_appointed_is_unlawful(demo, tmp_path):
    members = write_csv(tmp_path / "membres.csv", [
        "nom;prenom;role;qualite;presence",
        "MARTIN;Anne;president;ia-ipr;present",
        "LEROY;Philippe;enseignant;enseignant-chercheur;present",
        "BERNARD;Sophie;enseignant;enseignant_public;present",
        "LOPEZ;Marc;professionnel;employeur;present",
        "CARON;Nathalie;professionnel;employeur;present",
    ])
    ok(jury("import", "members", demo, members))
    ok(jury("set", demo, "02618", "U52", "12", "--reason", "note reçue"))
    decide_all(demo)
    with unchanged(demo):
        err = refused(jury("sign", demo), "D643-31")
    assert "sans décision" not in err
    assert json.loads(jury("check", demo, "--format", "json").stdout)["ok"] is False
    ok(jury("import", "members", demo, DEMO_SOURCES / "membres.csv"))
    ok(jury("sign", demo))


def test_president_absent_is_an_error(demo, tmp_path):
    lines = (DEMO_SOURCES / "membres.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(";present", ";visio")
    ok(jury("import", "members", demo, write_csv(tmp_path / "m.csv", lines)))
    data = json.loads(jury("check", demo, "--format", "json").stdout)
    assert data["ok"] is False and data["erreurs"]


# --- a signed tour is frozen ------------------------------------------------------------------------


def test_a_signed_tour_refuses_every_change(signed_demo, tmp_path):
    candidates = write_csv(tmp_path / "c.csv", (DEMO_SOURCES / "candidats.csv").read_text(encoding="utf-8").splitlines()[:3])
    refusals = [
        (("decide", signed_demo, "02602", "ajourne", "--livret-examine", "--reason", "x"), "candidat 02602"),
        (("decide", signed_demo, "02602", "clear"), "candidat 02602"),
        (("adjust", signed_demo, "02602", "U1", "15", "--reason", "x"), "candidat 02602"),
        (("set", signed_demo, "02602", "U1", "15", "--reason", "x"), "tour 1 est signé"),
        (("set", signed_demo, "02602", "nom", "MOREL", "--reason", "x"), "tour 1 est signé"),
        (("withdraw", signed_demo, "02602", "--reason", "x"), "tour 1 est signé"),
        (("import", "candidates", signed_demo, candidates), "tour 1 est signé"),
        (("import", "members", signed_demo, DEMO_SOURCES / "membres.csv"), "tour 1 est signé"),
        (("regulation", "apply", signed_demo, tmp_path / "r.toml"), "règlement"),
        (("sign", signed_demo), "sans décision"),
    ]
    ok(jury("regulation", "export", "bts-mos", tmp_path / "r.toml"))
    for args, message in refusals:
        with unchanged(signed_demo):
            refused(jury(*args), message)
    # reading still works
    with unchanged(signed_demo):
        ok(jury("results", signed_demo))
        ok(jury("check", signed_demo))
        ok(jury("audit", signed_demo, "--verify"))


def test_reopen_voids_the_fingerprint_and_a_new_signature_gives_a_new_one(demo):
    ok(jury("set", demo, "02618", "U52", "12", "--reason", "note reçue"))
    decide_all(demo)
    first = fingerprint(ok(jury("sign", demo)).stdout)
    entry = audit_entries(demo)[-1]
    assert entry["action"] == "signature" and entry["tour"] == 1
    assert entry["apres"] == {"empreinte": first, "signataire": "MARTIN Anne (président du jury)"}
    with unchanged(demo):
        refused(jury("reopen", demo, "--reason", " "), "motif est obligatoire")
    out = ok(jury("reopen", demo, "--reason", "erreur sur 02602")).stdout
    assert "empreinte est annulée" in out
    entry = audit_entries(demo)[-1]
    assert (entry["action"], entry["avant"], entry["motif"]) == ("reouverture", {"empreinte": first}, "erreur sur 02602")
    with unchanged(demo):
        refused(jury("reopen", demo, "--reason", "encore"), "aucun tour signé")
    second = fingerprint(ok(jury("sign", demo)).stdout)  # nothing changed, maybe the same second
    assert second != first
    ok(jury("reopen", demo, "--reason", "correction"))
    ok(jury("adjust", demo, "02606", "U4", "13", "--reason", "points de jury"))
    ok(jury("decide", demo, "02606", "admis"))
    third = fingerprint(ok(jury("sign", demo)).stdout)
    assert len({first, second, third}) == 3
    ok(jury("audit", demo, "--verify"))


# --- tour 2 -------------------------------------------------------------------------------------------


def test_controle_import_needs_tour_1_signed(demo):
    with unchanged(demo):
        refused(jury("import", "controle", demo, DEMO_SOURCES / "controle.csv"), "controle.csv", "tour 1 n'est pas signé", "jury sign")


def test_tour_2_on_the_demo(signed_demo):
    demo = signed_demo
    rows = results_json(demo)
    assert sorted(n for n, r in rows.items() if r["decision"] == "controle") == list(CONTROLE_NUMEROS)
    # tour 2 is open: only the contrôle candidates are deliberated
    with unchanged(demo):
        refused(jury("decide", demo, "02602", "admis"), "candidat 02602", "tour 2")
        refused(jury("sign", demo), "6 candidats sans décision : 02607, 02608, 02609, 02610, 02611, 02612")
    with unchanged(demo):
        out = ok(jury("import", "controle", demo, DEMO_SOURCES / "controle.csv", "--dry-run")).stdout
    assert out.startswith("Simulation")
    out = ok(jury("import", "controle", demo, DEMO_SOURCES / "controle.csv")).stdout
    assert "6 mis à jour" in out and "12 note(s) modifiée(s)" in out
    assert audit_entries(demo)[-1]["action"] == "import_controle"

    rows = results_json(demo)
    for numero in CONTROLE_NUMEROS:
        expected, row = EXPECTED[numero], rows[numero]
        assert row["proposition"] == expected["proposition_tour2"], numero
        assert row["moyenne"] == expected["moyenne_tour2"], numero
        assert row["points"] == expected["points_tour2"], numero
        assert row["unites_acquises"] == expected["unites_acquises_tour2"], numero
        assert len(row["controle"]) == 2
    assert rows["02607"]["controle"] == {"U3": "11.00", "U1": "9.00"}

    with unchanged(demo):
        refused(jury("decide", demo, "02607", "controle"), "candidat 02607", "tour 2")
        refused(jury("decide", demo, "02607", "ajourne"), "candidat 02607", "motif est obligatoire")
    for numero in CONTROLE_NUMEROS:
        ok(jury("decide", demo, numero, EXPECTED[numero]["proposition_tour2"]))
    out = ok(jury("sign", demo)).stdout
    assert "Tour 2 signé" in out
    sig2 = fingerprint(out)
    entry = audit_entries(demo)[-1]
    assert (entry["action"], entry["cible"], entry["tour"]) == ("signature", "tour 2", 2)

    rows = results_json(demo)
    for numero in CONTROLE_NUMEROS:
        row = rows[numero]
        assert row["decision"] == EXPECTED[numero]["proposition_tour2"], numero
        assert [(d["tour"], d["decision"]) for d in row["decisions"]] == [(1, "controle"), (2, row["decision"])]
    assert sorted(n for n in CONTROLE_NUMEROS if rows[n]["decision"] == "admis") == ["02607", "02609", "02611"]
    # the others keep their tour-1 outcome
    for numero, row in rows.items():
        if numero not in CONTROLE_NUMEROS:
            assert row["decision"] == EXPECTED[numero]["proposition"] or numero == "02618", numero
    table = ok(jury("results", demo)).stdout
    assert re.search(r"^02607 .*10,61 +admis +admis", table, re.M)
    assert re.search(r"^02608 .*9,55 +ajourné +ajourné", table, re.M)

    # the session is closed
    with unchanged(demo):
        refused(jury("decide", demo, "02607", "ajourne", "--reason", "x"), "session close")
        refused(jury("import", "controle", demo, DEMO_SOURCES / "controle.csv"), "controle.csv")
        refused(jury("sign", demo), "close")
    # reopening tour 1 needs tour 2 reopened and its decisions cleared
    ok(jury("reopen", demo, "--reason", "erreur de note de contrôle"))
    assert len(sig2) == 64
    with unchanged(demo):
        refused(jury("decide", demo, "02602", "admis"), "candidat 02602")
    ok(jury("decide", demo, "02607", "admis"))
    for numero in CONTROLE_NUMEROS:
        ok(jury("decide", demo, numero, "clear"))
    ok(jury("reopen", demo, "--reason", "tour 1 à revoir"))
    ok(jury("decide", demo, "02602", "ajourne", "--livret-examine", "--reason", "fraude constatée"))
    ok(jury("audit", demo, "--verify"))


def test_controle_grades_changed_under_a_tour_2_decision_mark_a_revoir(signed_demo, tmp_path):
    demo = signed_demo
    ok(jury("import", "controle", demo, DEMO_SOURCES / "controle.csv"))
    for numero in CONTROLE_NUMEROS:
        ok(jury("decide", demo, numero, EXPECTED[numero]["proposition_tour2"]))
    fix = write_csv(tmp_path / "controle2.csv", ["numero;unite;note", "02608;U3;12"])
    report = json.loads(ok(jury("import", "controle", demo, fix, "--format", "json")).stdout)
    assert report["a_revoir"] == ["02608"]
    row = results_json(demo)["02608"]
    assert row["a_revoir"] is True and row["controle"]["U3"] == "12.00"
    with unchanged(demo):
        refused(jury("sign", demo), "candidat 02608 : à revoir")
    proposal = row["proposition"]
    ok(jury("decide", demo, "02608", proposal, *([] if proposal == "ajourne" else ["--reason", "x"])))
    ok(jury("sign", demo))


def test_controle_import_errors(signed_demo, tmp_path):
    bad = write_csv(tmp_path / "controle.csv", [
        "numero;unite;note",
        "02607;U3;11",
        "02607;U1;9",
        "02607;U22;12",
        "02602;U1;12",
        "02608;U4;12",
        "02609;U3;21",
        "99999;U3;10",
    ])
    with unchanged(signed_demo):
        err = refused(jury("import", "controle", signed_demo, bad),
                      "candidat 02602 non concerné", "controle.csv, ligne 5",
                      "U4 hors contrôle", "controle.csv, ligne 6",
                      "controle.csv, ligne 7, colonne note", "candidat 99999 inconnu",
                      "02607", "2 au plus")
    assert err.count("Erreur :") == 5

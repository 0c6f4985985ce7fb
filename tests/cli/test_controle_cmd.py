"""`jury controle`: one contrôle grade entered, corrected or cleared at tour 2."""

from __future__ import annotations

from cli_helpers import audit_entries, jury, ok, refused, results_json, unchanged


def test_enter_correct_and_clear_one_controle_grade(signed_demo):
    ok(jury("controle", signed_demo, "02607", "U3", "11,5"))
    assert results_json(signed_demo)["02607"]["controle"] == {"U3": "11.50"}
    ok(jury("controle", signed_demo, "02607", "u3", "12", "--reason", "erreur de saisie"))
    assert results_json(signed_demo)["02607"]["controle"] == {"U3": "12.00"}
    entry = audit_entries(signed_demo)[-1]
    assert (entry["action"], entry["cible"], entry["apres"], entry["motif"]) == ("note_controle", "02607", {"U3": "12.00"}, "erreur de saisie")
    ok(jury("controle", signed_demo, "02607", "U3", "clear"))
    assert results_json(signed_demo)["02607"]["controle"] == {}


def test_refusals_leave_the_session_unchanged(signed_demo):
    with unchanged(signed_demo):
        refused(jury("controle", signed_demo, "02607", "U4", "12"), "hors contrôle")  # not an eligible unit
        refused(jury("controle", signed_demo, "02607", "U3", "DISP"), "note de 0 à 20", "ABS / ABJ")  # ABS: an absence
        refused(jury("controle", signed_demo, "02602", "U3", "12"), "tour 2")  # decided admis at tour 1
        refused(jury("controle", signed_demo, "02612", "U1", "12"), "DISP")  # U1 held by DISP


def test_refused_before_tour_1_is_signed(demo):
    with unchanged(demo):
        refused(jury("controle", demo, "02607", "U3", "12"), "tour 1")

"""Tours, totals and the fingerprint of a signed tour (DESIGN.md §5)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

from jury_tui import regulations
from jury_tui.domain import grades
from jury_tui.domain.candidate import Adjustment, Candidate, Decision
from jury_tui.domain.results import compute
from jury_tui.domain.tours import fingerprint, fingerprint_payload, in_tour, present, totals

REG = regulations.load("bts-mos")
MANDATORY = ("U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6")
LE = "2026-06-20T08:00:01+00:00"


def candidate(numero: str, decision1: str | None = None, decision2: str | None = None, **cells: str) -> Candidate:
    notes = {u: grades.parse(t) for u, t in cells.items()}
    c = Candidate(numero=numero, nom=f"NOM{numero}", prenom="Prénom", notes=notes)
    if decision1:
        c.decisions[1] = Decision(1, decision1, None, "MARTIN", LE)
    if decision2:
        c.decisions[2] = Decision(2, decision2, None, "MARTIN", LE)
    return c


def every(text: str, **over: str) -> dict[str, str]:
    return {u: text for u in MANDATORY} | over


def session() -> list[Candidate]:
    a = candidate("02601", "admis", **every("12"))
    a.a_revoir = True
    b = candidate("02602", "ajourne", **every("6"))
    c = candidate("02603", "controle", "admis", **every("9", U4="10", U51="10", U52="10", U6="10"))
    d = candidate("02604", "non_delivre", **every("12", U4="ABS"))
    e = candidate("02605", None, **every("11"))  # undecided
    f = candidate("02606", "admis", **every("15"))
    f.retire = {"motif": "importé par erreur", "par": "secretariat", "le": LE}  # withdrawn: out of everything
    g = candidate("02607", None, **every("DISP", U4="B2024:12", U6="VAE"))  # nothing graded this session
    h = candidate("02608", None, **every("ABJ"))  # absent everywhere
    return [a, b, c, d, e, f, g, h]


def test_who_is_in_each_tour():
    cands = {c.numero: c for c in session()}
    tour_one = ["02601", "02602", "02603", "02604", "02605", "02607", "02608"]  # 02606 withdrawn
    assert [n for n, c in cands.items() if in_tour(c, 1)] == tour_one
    assert [n for n, c in cands.items() if in_tour(c, 2)] == ["02603"]


def test_present_means_a_grade_of_this_session():
    cands = {c.numero: c for c in session()}
    assert present(cands["02604"])  # ABS on U4 but graded elsewhere
    assert not present(cands["02607"])  # DISP, VAE and a kept grade only
    assert not present(cands["02608"])  # ABJ only


def test_totals_of_tour_one():
    cands = session()
    t = totals(cands, 1)
    # inscrits: 8 − 1 withdrawn = 7 ; présents: 7 − 02607 − 02608 = 5
    assert (t.inscrits, t.presents) == (7, 5)
    assert (t.admis, t.ajournes, t.controle, t.non_delivres) == (1, 1, 1, 1)
    assert (t.decides, t.a_decider, t.a_revoir) == (4, 7 - 4, 1)
    assert t.taux == (1, 5)  # success rate = admis / présents


def test_totals_of_tour_two():
    cands = session()
    t = totals(cands, 2)
    assert (t.inscrits, t.presents, t.admis, t.ajournes, t.controle, t.non_delivres) == (1, 1, 1, 0, 0, 0)
    assert (t.decides, t.a_decider) == (1, 0)


# --- fingerprint ---------------------------------------------------------------------------------

HEADER = {"academie": "Normandie", "annee": 2026, "jury": "BTS MOS — jury 1", "date": "2026-06-20"}
MEMBERS = [{"nom": "MARTIN", "prenom": "Anne", "role": "president", "qualite": "ia_ipr", "presence": "present"}]
SIGNATURE = {"par": "MARTIN", "le": "2026-06-20T15:00:00+00:00"}


def fp(
    cands: list[Candidate], signature: dict = SIGNATURE, tour: int = 1, header: dict = HEADER, members: list = MEMBERS
) -> str:
    results = {c.numero: compute(c, REG, tour) for c in cands if in_tour(c, tour)}
    return fingerprint(fingerprint_payload(header, REG.sha256, members, cands, results, tour, signature))


def test_fingerprint_is_sha256_of_canonical_json():
    cands = session()
    results = {c.numero: compute(c, REG) for c in cands if in_tour(c, 1)}
    payload = fingerprint_payload(HEADER, REG.sha256, MEMBERS, cands, results, 1, SIGNATURE)
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert fingerprint(payload) == hashlib.sha256(canonical).hexdigest()
    numeros = ["02601", "02602", "02603", "02604", "02605", "02607", "02608"]
    assert [row["numero"] for row in payload["candidats"]] == numeros
    row = payload["candidats"][0]
    assert row["moyenne"] == "12.00" and row["decision"] == "admis"
    assert payload["signature"] == {"par": "MARTIN", "le": "2026-06-20T15:00:00+00:00", "tour": 1, "rang": 1}


def test_fingerprint_is_stable_and_order_free():
    assert fp(session()) == fp(session())
    assert fp(list(reversed(session()))) == fp(session())


def test_fingerprint_changes_with_a_grade():
    cands = session()
    cands[1].notes["U3"] = grades.parse("6,01")
    assert fp(cands) != fp(session())


def test_fingerprint_changes_with_an_adjustment():
    cands = session()
    cands[1].ajustements = (Adjustment("U3", grades.parse("6"), grades.parse("7"), "points de jury", "MARTIN", LE, 1),)
    assert fp(cands) != fp(session())


def test_fingerprint_changes_with_a_decision():
    cands = session()
    cands[4].decisions[1] = Decision(1, "admis", None, "MARTIN", LE)
    assert fp(cands) != fp(session())
    cands2 = session()
    cands2[1].decisions[1] = Decision(1, "admis", "motif", "MARTIN", LE)  # ajourne -> admis
    assert fp(cands2) != fp(session())


def test_fingerprint_changes_with_the_signature_time_signer_or_tour():
    base = fp(session())
    assert fp(session(), {**SIGNATURE, "le": "2026-06-20T15:00:01+00:00"}) != base
    assert fp(session(), {**SIGNATURE, "par": "DUBOIS"}) != base
    assert fp(session(), tour=2) != base


def test_fingerprint_changes_with_header_names_or_attendance():
    base = fp(session())
    assert fp(session(), header={**HEADER, "date": "2026-06-21"}) != base
    cands = session()
    cands[0] = replace(cands[0], prenom="Léa")
    assert fp(cands) != base
    assert fp(session(), members=[{**MEMBERS[0], "presence": "visio"}]) != base


def test_withdrawn_candidate_is_outside_the_fingerprint():
    cands = session()
    cands[5].notes["U1"] = grades.parse("3")  # 02606 is withdrawn
    assert fp(cands) == fp(session())

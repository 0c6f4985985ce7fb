"""The audit chain: verification and detection of hand edits."""

from __future__ import annotations

import json

import pytest

from jury_tui.store import SessionFile


def new_state() -> dict:
    return {
        "schema": 1,
        "header": {"academie": "Lyon", "annee": 2026, "jury": "MOS-1", "date": None, "lieu": None,
                   "tz": "Europe/Paris"},
        "regulation": {"source": "bts-mos", "toml": ""},
        "members": [],
        "candidates": {n: {"numero": n, "nom": "NOM", "notes": {"U1": "12.50"}} for n in ("02601", "02602")},
        "tours": {"1": {}},
    }


@pytest.fixture
def session(tmp_path) -> SessionFile:
    """A session with four entries: creation, two decisions, an export."""
    session = SessionFile.create(tmp_path / "demo.json", new_state())
    for numero, decision in (("02601", "admis"), ("02602", "ajourne")):
        with session.transaction() as tx:
            tx.state["candidates"][numero]["decision"] = decision
            tx.record("decision", target=numero, after=decision)
    with session.transaction() as tx:
        tx.record("export", target="pv")
    return session


def edit(session: SessionFile, change) -> None:
    """Edit the file by hand, as someone with a text editor would."""
    data = json.loads(session.path.read_text(encoding="utf-8"))
    change(data)
    session.path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def codes(session: SessionFile) -> list[str]:
    return [p.code for p in SessionFile(session.path).verify()]


def test_an_untouched_chain_verifies(session):
    assert session.verify() == []
    assert [e["seq"] for e in session.load().audit] == [1, 2, 3, 4]


def test_reformatting_the_file_is_not_a_change(session):
    edit(session, lambda data: None)
    assert codes(session) == []


def test_a_grade_edited_by_hand_is_detected(session):
    def raise_grade(data):
        data["candidates"]["1"]["notes"]["U1"] = "15.00"
    edit(session, raise_grade)
    problems = SessionFile(session.path).verify()
    assert [p.code for p in problems] == ["AUDIT_STATE_MISMATCH"]
    message = str(problems[0])
    assert str(session.path) in message
    assert "ne correspond pas à la dernière entrée du journal" in message
    assert "journal, entrée 4 (export, 20/06/2026 10:00:" in message  # shown in Europe/Paris time


def test_an_edited_entry_is_detected(session):
    def change_reason(data):
        data["audit"]["2"]["apres"] = "ajourne"
    edit(session, change_reason)
    problems = SessionFile(session.path).verify()
    assert [p.code for p in problems] == ["AUDIT_ENTRY_ALTERED"]
    assert str(problems[0]).split(" : ", 1)[1].startswith("Entrée 2 (decision, ")


def test_an_edited_entry_with_its_hash_recomputed_breaks_the_next_link(session):
    from jury_tui.store import entry_hash

    def forge(data):
        entry = data["audit"]["2"]
        entry["motif"] = "falsifié"
        entry["empreinte"] = entry_hash(entry)
    edit(session, forge)
    assert codes(session) == ["AUDIT_CHAIN"]


def test_a_removed_entry_is_detected(session):
    def remove(data):
        del data["audit"]["2"]
    edit(session, remove)
    problems = SessionFile(session.path).verify()
    assert [p.code for p in problems] == ["AUDIT_SEQUENCE", "AUDIT_CHAIN"]
    assert "Entrée 3 (decision, 20/06/2026 10:00:" in str(problems[0])
    assert "numérotée 3 au lieu de 2 : une entrée a été supprimée, insérée ou déplacée" in str(problems[0])


def test_a_removed_last_state_change_is_detected(session):
    def remove_last_two(data):
        del data["audit"]["4"], data["audit"]["3"]
    edit(session, remove_last_two)
    assert codes(session) == ["AUDIT_STATE_MISMATCH"]


def test_reordered_entries_are_detected(session):
    def swap(data):
        audit = data["audit"]
        audit["2"], audit["3"] = audit["3"], audit["2"]
    edit(session, swap)
    assert "AUDIT_SEQUENCE" in codes(session) and "AUDIT_CHAIN" in codes(session)


def test_renumbered_reordered_entries_are_detected(session):
    def swap_and_renumber(data):
        audit = data["audit"]
        audit["2"], audit["3"] = audit["3"], audit["2"]
        audit["2"]["seq"], audit["3"]["seq"] = 2, 3
    edit(session, swap_and_renumber)
    assert set(codes(session)) == {"AUDIT_CHAIN", "AUDIT_ENTRY_ALTERED"}


def test_a_hand_edit_stays_on_record_after_the_next_write(session):
    def raise_grade(data):
        data["candidates"]["1"]["notes"]["U1"] = "15.00"
    edit(session, raise_grade)
    later = SessionFile(session.path)
    with later.transaction() as tx:
        tx.state["candidates"]["02602"]["decision"] = "admis"
        tx.record("decision", target="02602", after="admis")
    actions = [e["action"] for e in later.load().audit]
    assert actions[-2:] == ["modification_externe", "decision"]
    problems = later.verify()
    assert [p.code for p in problems] == ["AUDIT_EXTERNAL_CHANGE"]
    assert "modifiée hors de jury-tui" in str(problems[0])


def test_an_empty_journal_is_a_problem(session):
    def empty(data):
        data["audit"] = {}
    edit(session, empty)
    assert codes(session) == ["AUDIT_EMPTY"]


def test_a_hand_edit_is_located_by_the_seals_of_the_last_acts(session):
    def raise_grade(data):
        data["candidates"]["2"]["notes"]["U1"] = "15.00"
    edit(session, raise_grade)
    (problem,) = SessionFile(session.path).verify()
    assert "modifié hors de jury-tui : candidat 02602. Comparez-le" in str(problem)


def test_seals_name_the_jury_and_a_candidate_removed_by_hand(session):
    def change(data):
        data["session"]["1"]["members"] = [{"nom": "X", "role": "enseignant"}]
        del data["candidates"]["1"]
    edit(session, change)
    (problem,) = SessionFile(session.path).verify()
    assert ": membres du jury, candidat 02601 supprimé." in str(problem)


def test_a_session_without_seals_is_sealed_whole_at_its_first_write(session):
    # rewrite the chain without seals, as a file written before they existed
    data = json.loads(session.path.read_text(encoding="utf-8"))
    from jury_tui.store import entry_hash
    previous = "0" * 64
    for key in sorted(data["audit"], key=int):
        entry = data["audit"][key]
        entry.pop("sceaux", None)
        entry["precedent"] = previous
        entry["empreinte"] = previous = entry_hash(entry)
    session.path.write_text(json.dumps(data), encoding="utf-8")
    fresh = SessionFile(session.path)
    assert fresh.verify() == []
    with fresh.transaction() as tx:
        tx.record("export", target="pv")
    seals = fresh.load().audit[-1]["sceaux"]
    assert set(seals["candidats"]) == {"02601", "02602"}
    assert set(seals["parties"]) == {"header", "members", "regulation", "schema", "tours"}

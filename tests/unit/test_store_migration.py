"""Schema 0 (pre-release) files: migrated in memory on reading, on disk at the first write."""

from __future__ import annotations

import json

import orjson
import pytest
from tinydb import TinyDB

from jury_tui.store import SCHEMA_VERSION, SessionFile, SessionStorage, entry_hash, state_hash
from jury_tui.store.canonical import ZERO_HASH


def schema0_file(path) -> bytes:
    """Write a valid schema-0 session (no "schema", no header "tz", entries without "ssh")."""
    session_doc = {"header": {"academie": "Lyon", "annee": 2025, "jury": "MOS-1", "date": None, "lieu": None},
                   "regulation": {"source": "bts-mos", "toml": ""}, "members": [], "tours": {"1": {}}}
    candidates = {"02601": {"numero": "02601", "nom": "DURAND", "notes": {"U1": "12.50"}}}
    etat = state_hash(dict(session_doc, candidates=candidates))
    audit, previous = {}, ZERO_HASH
    for seq, action in ((1, "creation"), (2, "import")):
        entry = {"seq": seq, "le": f"2025-06-20T08:00:0{seq}Z", "par": "anne", "utilisateur": "anne",
                 "hote": "serveur", "action": action, "cible": None, "avant": None, "apres": None,
                 "motif": None, "precedent": previous, "etat": etat}
        entry["empreinte"] = previous = entry_hash(entry)
        audit[str(seq)] = entry
    raw = json.dumps({"session": {"1": session_doc}, "candidates": {"1": candidates["02601"]},
                      "audit": audit}).encode()
    path.write_bytes(raw)
    return raw


@pytest.fixture
def old(tmp_path):
    path = tmp_path / "ancienne.json"
    return SessionFile(path), schema0_file(path)


def test_an_old_file_is_migrated_in_memory_and_never_written_by_reading(old):
    session, raw = old
    snap = session.load()
    assert (snap.schema_found, snap.migrated) == (0, True)
    assert snap.state["schema"] == SCHEMA_VERSION
    assert snap.state["header"]["tz"] == "Europe/Paris"
    assert all(entry["ssh"] is None for entry in snap.audit)
    assert session.verify() == []  # checked as stored
    assert session.path.read_bytes() == raw
    assert session.backups() == []


def test_an_old_file_edited_by_hand_is_detected_before_migration(old):
    session, raw = old
    session.path.write_bytes(raw.replace(b'"motif": null', b'"motif": "x"', 1))
    assert [p.code for p in SessionFile(session.path).verify()] == ["AUDIT_ENTRY_ALTERED"]


def test_a_transaction_without_entry_does_not_migrate(old):
    session, raw = old
    with session.transaction() as tx:
        assert [e["action"] for e in tx.audit] == ["creation", "import", "migration"]
    assert session.path.read_bytes() == raw
    assert session.backups() == []


def test_the_first_write_backs_up_then_migrates_on_record(old):
    session, raw = old
    with session.transaction() as tx:
        tx.state["candidates"]["02601"]["decision"] = "admis"
        tx.record("decision", target="02601", after="admis")
    [backup] = session.backups()
    assert backup.read_bytes() == raw and ".migration.bak" in backup.name
    data = orjson.loads(session.path.read_bytes())
    assert data["session"]["1"]["schema"] == SCHEMA_VERSION
    assert data["session"]["1"]["header"]["tz"] == "Europe/Paris"
    assert all("ssh" in entry for entry in data["audit"].values())
    snap = SessionFile(session.path).load()
    assert (snap.schema_found, snap.migrated) == (SCHEMA_VERSION, False)
    migration = snap.audit[2]
    assert (migration["action"], migration["avant"], migration["apres"]) == ("migration", 0, SCHEMA_VERSION)
    assert snap.audit[3]["action"] == "decision"
    assert SessionFile(session.path).verify() == []
    db = TinyDB(session.path, storage=SessionStorage)
    assert db.table("audit").get(doc_id=1)["ssh"] is None


def test_a_pre_migration_entry_edited_after_migration_is_detected(old):
    session, _ = old
    with session.transaction() as tx:
        tx.record("export", target="pv")
    data = orjson.loads(session.path.read_bytes())
    data["audit"]["1"]["ssh"] = "10.0.0.9"
    session.path.write_bytes(orjson.dumps(data))
    assert [p.code for p in SessionFile(session.path).verify()] == ["AUDIT_ENTRY_ALTERED"]


def test_a_failed_first_write_can_be_retried(old, monkeypatch):
    from jury_tui.store import atomic

    session, raw = old

    def no_space(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_fsync", no_space)
    with pytest.raises(Exception, match="plus de place"):
        with session.transaction() as tx:
            tx.record("export")
    monkeypatch.undo()
    assert session.path.read_bytes() == raw
    with session.transaction() as tx:
        tx.record("export")
    assert [e["action"] for e in session.load().audit] == ["creation", "import", "migration", "export"]
    assert session.verify() == []

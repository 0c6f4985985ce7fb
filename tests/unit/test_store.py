"""The session store: create, load, transactions, layout, hashes."""

from __future__ import annotations

import os

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from jury_tui.errors import JuryError
from jury_tui.store import SCHEMA_VERSION, SessionFile, SessionStorage, canonical, state_hash
from jury_tui.store.canonical import ZERO_HASH, split_state


def new_state(n: int = 3) -> dict:
    return {
        "schema": SCHEMA_VERSION,
        "header": {"academie": "Lyon", "annee": 2026, "jury": "MOS-1", "date": "2026-06-20", "lieu": "Lyon",
                   "tz": "Europe/Paris"},
        "regulation": {"source": "bts-mos", "toml": "[diplome]\ncode = \"MOS\"\n"},
        "members": [{"nom": "MARTIN", "prenom": "Anne", "role": "president"}],
        "candidates": {f"026{i:02d}": {"numero": f"026{i:02d}", "nom": f"NOM{i}", "prenom": "Léa",
                                       "notes": {"U1": "12.50", "U4": "9.00"}} for i in range(n)},
        "tours": {"1": {"signe": False}},
    }


@pytest.fixture
def session(tmp_path) -> SessionFile:
    return SessionFile.create(tmp_path / "demo.json", new_state())


def decide(session: SessionFile, numero: str, decision: str) -> dict:
    with session.transaction() as tx:
        cand = tx.state["candidates"][numero]
        before = cand.get("decision")
        cand["decision"] = decision
        return tx.record("decision", target=numero, before=before, after=decision, reason="vu")


def test_create_then_load_round_trip(session):
    snap = session.load()
    assert snap.state == new_state()
    assert (snap.schema_found, snap.migrated) == (SCHEMA_VERSION, False)
    [entry] = snap.audit
    assert entry["seq"] == 1 and entry["action"] == "creation"
    assert (entry["par"], entry["utilisateur"], entry["hote"], entry["ssh"]) == (
        "secretariat", "secretariat", "serveur-examens", None)
    assert entry["le"].startswith("2026-06-20T08:00:") and entry["le"].endswith("Z")
    assert entry["precedent"] == ZERO_HASH
    assert entry["etat"] == state_hash(new_state())
    assert session.lock_path.name == "demo.json.lock"


def test_load_gives_a_fresh_copy_each_time(session):
    first = session.load()
    first.state["candidates"]["02600"]["nom"] = "CHANGÉ"
    first.audit.clear()
    second = session.load()
    assert second.state["candidates"]["02600"]["nom"] == "NOM0"
    assert len(second.audit) == 1


def test_tinydb_reads_the_file_with_our_storage_and_its_own(session):
    decide(session, "02601", "admis")
    for db in (TinyDB(session.path, storage=SessionStorage), TinyDB(session.path, access_mode="r")):
        assert db.tables() == {"session", "candidates", "audit"}
        assert db.table("session").get(doc_id=1)["header"]["jury"] == "MOS-1"
        numeros = {doc.doc_id: doc["numero"] for doc in db.table("candidates").all()}
        assert numeros == {1: "02600", 2: "02601", 3: "02602"}
        assert [doc.doc_id for doc in db.table("audit").all()] == [1, 2]
        assert [doc["seq"] for doc in db.table("audit").all()] == [1, 2]
        db.close()


def test_our_tinydb_storage_refuses_writes(session):
    db = TinyDB(session.path, storage=SessionStorage)
    with pytest.raises(JuryError, match="passez par"):
        db.table("audit").insert({"x": 1})


def test_file_is_compact_json(session):
    raw = session.path.read_bytes()
    assert b": " not in raw and b"\n" not in raw.replace(b"\\n", b"")
    assert orjson.loads(raw)["session"]["1"]["schema"] == SCHEMA_VERSION


def test_create_refuses_an_existing_file(session):
    before = session.path.read_bytes()
    with pytest.raises(JuryError, match="existe déjà") as caught:
        SessionFile.create(session.path, new_state(1))
    assert str(session.path) in str(caught.value)
    assert session.path.read_bytes() == before


def test_transaction_persists_and_seals_entries(session):
    entry = decide(session, "02601", "admis")
    assert entry["seq"] == 2 and len(entry["empreinte"]) == 64
    snap = SessionFile(session.path).load()
    assert snap.state["candidates"]["02601"]["decision"] == "admis"
    assert snap.audit[-1] == entry
    assert entry["precedent"] == snap.audit[0]["empreinte"]
    assert entry["etat"] == state_hash(snap.state)


def test_record_keeps_extra_fields_and_protects_reserved_ones(session):
    with session.transaction() as tx:
        tx.state["tours"]["1"]["export"] = 1
        tx.record("export", target="pv", extra={"fichier": "pv.docx"})
        with pytest.raises(ValueError):
            tx.record("export", extra={"etat": "x"})
    assert session.load().audit[-1]["fichier"] == "pv.docx"


def test_audit_view_is_read_only_and_sees_pending_entries(session):
    with session.transaction() as tx:
        tx.state["tours"]["1"]["x"] = 1
        tx.record("a")
        tx.record("b")
        assert len(tx.audit) == 3
        assert [e["action"] for e in tx.audit] == ["creation", "a", "b"]
        assert tx.audit[-1]["action"] == "b" and [e["seq"] for e in tx.audit[1:]] == [2, 3]
        assert not hasattr(tx.audit, "append")


def test_an_export_without_state_change_is_recorded(session):
    etat = session.load().audit[-1]["etat"]
    with session.transaction() as tx:
        tx.record("export", target="pv")
    audit = session.load().audit
    assert [e["action"] for e in audit] == ["creation", "export"]
    assert audit[-1]["etat"] == etat
    assert session.verify() == []


def test_candidate_doc_ids_are_stable(session):
    with session.transaction() as tx:
        del tx.state["candidates"]["02600"]
        tx.state["candidates"]["02699"] = {"numero": "02699", "nom": "NOUVEAU"}
        tx.record("import")
    table = orjson.loads(session.path.read_bytes())["candidates"]
    assert {doc["numero"]: doc_id for doc_id, doc in table.items()} == {"02601": "2", "02602": "3", "02699": "4"}
    with session.transaction() as tx:
        tx.state["candidates"]["02700"] = {"numero": "02700", "nom": "AUTRE"}
        tx.record("import")
    table = orjson.loads(SessionFile(session.path).path.read_bytes())["candidates"]
    assert table["5"]["numero"] == "02700" and table["4"]["numero"] == "02699"


def test_a_mismatched_numero_is_refused_and_nothing_written(session):
    before = session.path.read_bytes()
    with pytest.raises(ValueError):
        with session.transaction() as tx:
            tx.state["candidates"]["02601"]["numero"] = "99999"
            tx.record("set")
    assert session.path.read_bytes() == before


def test_an_exception_writes_nothing_and_drops_the_cache(session):
    before = session.path.read_bytes()
    with pytest.raises(RuntimeError):
        with session.transaction() as tx:
            tx.state["candidates"]["02601"]["decision"] = "admis"
            tx.record("decision", target="02601")
            raise RuntimeError("boom")
    assert session.path.read_bytes() == before
    with session.transaction() as tx:
        assert "decision" not in tx.state["candidates"]["02601"]
        assert len(tx.audit) == 1


def test_a_transaction_without_entry_writes_nothing(session):
    before, stat_before = session.path.read_bytes(), os.stat(session.path)
    with session.transaction() as tx:
        tx.state["candidates"]["02601"]["decision"] = "admis"  # forgotten record
    assert session.path.read_bytes() == before
    assert os.stat(session.path).st_ino == stat_before.st_ino
    with session.transaction() as tx:
        assert "decision" not in tx.state["candidates"]["02601"]


def test_a_change_by_another_writer_is_seen(session):
    saved = session.path.read_bytes()
    other = SessionFile(session.path)
    decide(other, "02601", "admis")
    assert session.load().state["candidates"]["02601"]["decision"] == "admis"
    # someone restores the old bytes (same size class, new inode): re-read, not the cache
    tmp = session.path.with_name("restore.tmp")
    tmp.write_bytes(saved)
    os.replace(tmp, session.path)
    with session.transaction() as tx:
        assert "decision" not in tx.state["candidates"]["02601"]


def test_a_transaction_re_reads_only_a_changed_file(session, monkeypatch):
    from jury_tui.store import session_file

    reads = []
    real_parse = session_file.parse
    monkeypatch.setattr(session_file, "parse", lambda *a: reads.append(1) or real_parse(*a))
    decide(session, "02600", "admis")
    decide(SessionFile(session.path), "02601", "admis")  # another object of this process: same cache
    assert reads == []
    data = orjson.loads(session.path.read_bytes())
    session.path.write_bytes(orjson.dumps(data) + b" ")  # changed outside: size and mtime differ
    decide(session, "02602", "admis")
    assert reads == [1]
    assert session.verify() == []


def test_version_tells_a_follower_when_to_reload(session):
    snap = session.load()
    assert session.version() == snap.version
    decide(SessionFile(session.path), "02600", "ajourne")
    assert session.version() != snap.version


def test_a_missing_file_is_named(tmp_path):
    path = tmp_path / "absente.json"
    with pytest.raises(JuryError, match="n'existe pas") as caught:
        SessionFile(path).load()
    assert str(path) in str(caught.value)


def test_a_transaction_on_a_missing_file_leaves_no_lock_file_behind(tmp_path):
    path = tmp_path / "absente.json"
    with pytest.raises(JuryError, match="n'existe pas"):
        with SessionFile(path).transaction():
            pass
    assert list(tmp_path.iterdir()) == []


def test_create_in_a_missing_folder_is_explained(tmp_path):
    with pytest.raises(JuryError, match="Le dossier .* n'existe pas ; créez-le"):
        SessionFile.create(tmp_path / "nulle-part" / "demo.json", new_state())


def test_a_rebound_state_is_what_gets_written_and_cached(session):
    with session.transaction() as tx:
        tx.state = dict(tx.state, tours={"1": {"signe": True}})
        tx.record("sign")
    with session.transaction() as tx:
        assert tx.state["tours"] == {"1": {"signe": True}}
    assert SessionFile(session.path).load().state["tours"] == {"1": {"signe": True}}
    assert session.verify() == []


def test_a_corrupt_file_names_itself_and_its_backups(session):
    backup = session.backup("import")
    session.path.write_bytes(session.path.read_bytes()[:-40])
    for action in (session.load, session.verify):
        with pytest.raises(JuryError) as caught:
            action()
        message = str(caught.value)
        assert str(session.path) in message and "illisible" in message
        assert "Restaurez une sauvegarde" in message and backup.name in message
    with pytest.raises(JuryError, match="illisible"):
        with session.transaction():
            pass


@pytest.mark.parametrize(
    "content", [b"", b"[]", b"\xff\xfe", b'{"session": {}}', b'{"session": {"1": {}}, "candidates": {"x": {}}}'])
def test_files_that_are_not_sessions_are_refused(tmp_path, content):
    path = tmp_path / "s.json"
    path.write_bytes(content)
    with pytest.raises(JuryError, match="illisible"):
        SessionFile(path).load()


def test_a_newer_schema_is_refused(session):
    data = orjson.loads(session.path.read_bytes())
    data["session"]["1"]["schema"] = SCHEMA_VERSION + 1
    session.path.write_bytes(orjson.dumps(data))
    with pytest.raises(JuryError, match="plus récente"):
        SessionFile(session.path).load()


json_leaf = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    rest=st.dictionaries(st.text(max_size=12).filter(lambda k: k != "candidates"), json_value, max_size=5),
    candidates=st.dictionaries(st.text(max_size=6), st.dictionaries(st.text(max_size=5), json_value, max_size=3),
                               max_size=4),
)
def test_split_state_hash_is_the_canonical_state_hash(rest, candidates):
    state = dict(rest, candidates=candidates)
    session_doc, digest = split_state(state)
    assert digest == state_hash(state)
    assert orjson.loads(session_doc) == rest
    assert canonical(state) == orjson.dumps(state, option=orjson.OPT_SORT_KEYS)

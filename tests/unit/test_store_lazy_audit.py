"""`SessionFile.load(audit=False)`: the state at once, the audit parsed when first read; the
same session as `load()` whatever the file holds, and an audit that does not parse still said."""

from __future__ import annotations

import orjson
import pytest
from test_store import decide, new_state

from jury_tui.errors import JuryError
from jury_tui.store import SessionFile
from jury_tui.store.layout import LazyAudit


@pytest.fixture
def session(tmp_path) -> SessionFile:
    session = SessionFile.create(tmp_path / "demo.json", new_state())
    decide(session, "02601", "admis")
    return session


def same(session: SessionFile) -> None:
    full, lazy = session.load(), session.load(audit=False)
    assert lazy.state == full.state and list(lazy.audit) == full.audit
    assert (lazy.schema_found, lazy.migrated, lazy.version) == (full.schema_found, full.migrated, full.version)


def test_the_same_session_with_its_audit_read_later(session):
    lazy = session.load(audit=False)
    assert isinstance(lazy.audit, LazyAudit) and lazy.audit._entries is None  # not parsed yet
    assert lazy.state["candidates"]["02601"]["decision"] == "admis"
    assert len(lazy.audit) == 2 and lazy.audit[-1]["action"] == "decision"
    same(session)


def test_a_key_like_the_layouts_inside_an_audit_entry_is_not_taken_for_it(session):
    with session.transaction() as tx:
        tx.record("note", after={"a": {"y": 1}, "candidates": {"z": "},\"candidates\":"}})
    raw = session.path.read_bytes()
    assert raw.find(b'},"candidates":') < raw.rfind(b'},"candidates":')  # the first one is in the audit
    same(session)


def test_a_file_laid_out_otherwise_is_read_whole(session):
    data = orjson.loads(session.path.read_bytes())
    session.path.write_bytes(orjson.dumps({"session": data["session"], "candidates": data["candidates"],
                                           "audit": data["audit"]}))  # fmt: skip
    assert isinstance(session.load(audit=False).audit, list)
    same(session)


def test_an_audit_that_does_not_parse_is_said_when_read(session):
    raw = session.path.read_bytes()
    start = raw.index(b'"action":')
    session.path.write_bytes(raw[:start] + b'"action" "x",' + raw[start:])  # a colon missing in the audit
    with pytest.raises(JuryError, match="illisible"):
        session.load()
    lazy = session.load(audit=False)  # the state is readable: the app shows it
    assert lazy.state["candidates"]["02601"]["decision"] == "admis"
    with pytest.raises(JuryError, match="illisible"):
        len(lazy.audit)
    with pytest.raises(JuryError, match="illisible"):
        session.verify()

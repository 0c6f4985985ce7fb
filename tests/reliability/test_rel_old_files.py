"""Old files: a session written by hand in schema 0 (before the "schema" key, the header's "tz" and
the entries' "ssh") opens and reads without being written, and is migrated, after a backup, at
its first write — through the commands and through the app."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import orjson
import pytest
from cli_helpers import audit_entries, jury, ok, results_json, unchanged

from jury_tui.store import SCHEMA_VERSION, SessionFile, entry_hash, state_hash
from jury_tui.store.canonical import ZERO_HASH


def make_schema_0(session: Path) -> bytes:
    """Rewrite a session as schema 0, by hand: indented JSON, its chain recomputed as it was then."""
    data = orjson.loads(session.read_bytes())
    doc = data["session"]["1"]
    doc.pop("schema")
    doc["header"].pop("tz")
    candidates = {c["numero"]: c for c in data["candidates"].values()}
    etat = state_hash({**doc, "candidates": candidates})
    previous = ZERO_HASH
    for key in sorted(data["audit"], key=int):
        entry = data["audit"][key]
        entry.pop("ssh")
        entry["precedent"], entry["etat"] = previous, etat
        entry.pop("empreinte")
        entry["empreinte"] = previous = entry_hash(entry)
    raw = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    session.write_bytes(raw)
    return raw


@pytest.fixture
def old(demo) -> tuple[Path, bytes, dict]:
    expected = results_json(demo)
    raw = make_schema_0(demo)
    return demo, raw, expected


def test_reading_an_old_session_never_writes_it(old):
    session, raw, expected = old
    with unchanged(session):
        assert results_json(session) == expected
        ok(jury("results", session, "--format", "csv"))
        ok(jury("audit", session, "--verify"))
        check = jury("check", session)
        assert check.exit_code in (0, 1)
        ok(jury("restore", session))  # lists the backups: none
    assert session.read_bytes() == raw
    assert SessionFile(session).backups() == []
    snap = SessionFile(session).load()
    assert (snap.schema_found, snap.migrated) == (0, True)


def test_a_refused_command_does_not_migrate_it(old):
    session, raw, _ = old
    with unchanged(session):
        assert jury("decide", session, "02605", "admis").exit_code == 1  # proposed ajourné: needs a reason
        assert jury("decide", session, "02699", "admis").exit_code == 1
    assert SessionFile(session).backups() == []


def test_the_first_write_backs_up_the_old_file_then_migrates_it_on_record(old):
    session, raw, expected = old
    ok(jury("decide", session, "02602", "admis"))
    backups = SessionFile(session).backups()
    assert len(backups) == 1 and backups[0].name.endswith(".migration.bak")
    assert backups[0].read_bytes() == raw  # the old file, byte for byte
    snap = SessionFile(session).load()
    assert (snap.schema_found, snap.migrated) == (SCHEMA_VERSION, False)
    assert snap.state["header"]["tz"] == "Europe/Paris"
    actions = [e["action"] for e in audit_entries(session)]
    assert actions[-2:] == ["migration", "decision"]
    migration = audit_entries(session)[-2]
    assert (migration["avant"], migration["apres"]) == (0, SCHEMA_VERSION)
    ok(jury("audit", session, "--verify"))  # the entries written in schema 0 still verify
    rows = results_json(session)
    assert rows["02602"]["decision"] == "admis"
    assert {n: {k: v for k, v in r.items() if k not in ("decision", "decisions")} for n, r in rows.items()} == \
        {n: {k: v for k, v in r.items() if k not in ("decision", "decisions")} for n, r in expected.items()}
    ok(jury("decide", session, "02603", "admis"))
    assert len(SessionFile(session).backups()) == 1, "migrated once"


def test_an_old_file_edited_by_hand_is_caught_before_it_is_migrated(old):
    session, raw, _ = old
    session.write_bytes(raw.replace(b'"U4": "12.00"', b'"U4": "16.00"', 1))
    result = jury("audit", session, "--verify")
    assert result.exit_code == 1
    assert "ne correspond pas à la dernière entrée du journal" in result.stderr
    ok(jury("decide", session, "02602", "admis"))  # a write goes on, and puts the alteration on record
    actions = [e["action"] for e in audit_entries(session)]
    assert actions[-3:] == ["modification_externe", "migration", "decision"]


def test_the_app_opens_an_old_session_without_writing_it(old):
    from jury_tui.tui import make_app

    session, raw, _ = old

    async def scenario(read_only: bool):
        app = make_app(session, read_only=read_only, poll_interval=0.1)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(200):  # the integrity check runs just after the first frame
                if app.integrity_problems is not None:
                    break
                await pilot.pause(0.05)
            assert app.model.view is not None
            assert app.integrity_problems == []
            await pilot.press("2")
            await pilot.pause(0.2)
            await pilot.press("ctrl+q")

    asyncio.run(scenario(read_only=True))
    asyncio.run(scenario(read_only=False))  # holding it for writing does not write it either
    assert session.read_bytes() == raw
    assert SessionFile(session).backups() == []

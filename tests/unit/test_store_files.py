"""Atomic writes: modes and groups, injected disk errors, stale temp files, backups."""

from __future__ import annotations

import errno
import os
import stat
from datetime import UTC, datetime

import pytest

from jury_tui import seams
from jury_tui.errors import JuryError
from jury_tui.store import SessionFile, atomic

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="chown to an arbitrary group needs root")
GROUP_A, GROUP_B = 4242, 4343  # arbitrary gid numbers, no group entry needed


def new_state() -> dict:
    return {
        "schema": 1,
        "header": {"academie": "Lyon", "annee": 2026, "jury": "MOS-1", "date": None, "lieu": None,
                   "tz": "Europe/Paris"},
        "regulation": {"source": "bts-mos", "toml": ""},
        "members": [],
        "candidates": {"02601": {"numero": "02601", "nom": "DURAND", "notes": {"U1": "12.50"}}},
        "tours": {"1": {}},
    }


@pytest.fixture
def session(tmp_path) -> SessionFile:
    return SessionFile.create(tmp_path / "demo.json", new_state())


def decide(session: SessionFile, decision: str = "admis") -> None:
    with session.transaction() as tx:
        tx.state["candidates"]["02601"]["decision"] = decision
        tx.record("decision", target="02601", after=decision)


def mode_gid(path) -> tuple[int, int]:
    st = os.stat(path)
    return stat.S_IMODE(st.st_mode), st.st_gid


def test_a_new_session_and_its_lock_are_private(session):
    assert mode_gid(session.path)[0] == 0o600
    assert mode_gid(session.lock_path)[0] == 0o600


@needs_root
def test_an_existing_files_mode_and_group_survive_a_write(session):
    os.chmod(session.path, 0o640)
    os.chown(session.path, -1, GROUP_A)
    decide(session)
    assert mode_gid(session.path) == (0o640, GROUP_A)
    assert mode_gid(session.backup("essai")) == (0o640, GROUP_A)


@needs_root
def test_a_set_group_id_folder_shares_with_its_group(tmp_path):
    folder = tmp_path / "jury"
    folder.mkdir()
    os.chown(folder, -1, GROUP_B)
    os.chmod(folder, 0o2770)
    session = SessionFile.create(folder / "demo.json", new_state())
    assert mode_gid(session.path) == (0o660, GROUP_B)
    assert mode_gid(session.lock_path) == (0o660, GROUP_B)
    decide(session)
    assert mode_gid(session.path) == (0o660, GROUP_B)


@needs_root
def test_a_lock_file_made_later_follows_the_session(session):
    os.unlink(session.lock_path)
    os.chmod(session.path, 0o640)
    os.chown(session.path, -1, GROUP_A)
    decide(session)
    assert mode_gid(session.lock_path) == (0o640, GROUP_A)


def failing(real, err: int, after_calls: int = 0):
    """`real`, failing with `err` from its call number `after_calls + 1` on."""
    calls = {"n": 0}

    def fake(*args):
        calls["n"] += 1
        if calls["n"] > after_calls:
            raise OSError(err, os.strerror(err))
        return real(*args)

    return fake


@pytest.mark.parametrize(
    ("name", "err", "cause"),
    [
        ("_write", errno.ENOSPC, "plus de place sur le disque"),
        ("_write", errno.EIO, "erreur d'entrée-sortie du disque"),
        ("_fsync", errno.EIO, "erreur d'entrée-sortie du disque"),
        ("_fsync", errno.ENOSPC, "plus de place sur le disque"),
        ("_fchmod", errno.EACCES, "permission refusée"),
        ("_fchown", errno.EPERM, "opération non permise"),
        ("_replace", errno.EACCES, "permission refusée"),
    ],
)
def test_a_failed_write_leaves_the_old_file_and_says_why(session, monkeypatch, name, err, cause):
    if name == "_fchown":
        os.chown(session.path, -1, GROUP_A) if os.geteuid() == 0 else pytest.skip("needs root")
    before = session.path.read_bytes()
    monkeypatch.setattr(atomic, name, failing(getattr(atomic, name), err))
    with pytest.raises(JuryError) as caught:
        decide(session)
    assert str(caught.value) == (
        f"Écriture impossible de {session.path} : {cause} ; rien n'a été modifié."
        + atomic._ADVICE.get(err, "")
    )
    assert session.path.read_bytes() == before
    assert sorted(p.name for p in session.path.parent.iterdir()) == ["demo.json", "demo.json.lock"]
    monkeypatch.undo()
    decide(session, "ajourne")
    snap = session.load()
    assert snap.state["candidates"]["02601"]["decision"] == "ajourne"
    assert [e["action"] for e in snap.audit] == ["creation", "decision"]
    assert session.verify() == []


def test_a_write_cut_short_by_a_full_disk_changes_nothing(session, monkeypatch):
    before = session.path.read_bytes()

    def partial(fd, view):
        if len(view) > 10:
            return os.write(fd, view[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_write", partial)
    with pytest.raises(JuryError, match="plus de place sur le disque"):
        decide(session)
    assert session.path.read_bytes() == before
    assert not list(session.path.parent.glob(".demo.json.tmp-*"))


def test_an_unconfirmed_folder_sync_is_reported(session, monkeypatch):
    monkeypatch.setattr(atomic, "_fsync", failing(os.fsync, errno.EIO, after_calls=1))
    with pytest.raises(JuryError, match="non confirmée sur le disque"):
        decide(session)


def test_temp_files_of_a_dead_writer_are_removed_at_the_next_write(session):
    stale = session.path.with_name(".demo.json.tmp-99999-deadbeef")
    stale.write_bytes(b"{half")
    other = session.path.with_name(".autre.json.tmp-1-x")
    other.write_bytes(b"")
    decide(SessionFile(session.path))
    assert not stale.exists() and other.exists()


def test_backups_are_kept_ten_newest_first(session, fixed_seams):
    other = SessionFile.create(session.path.with_name("demo2.json"), new_state())
    other.backup("import")
    made = [session.backup("import") for _ in range(12)]
    listed = session.backups()
    assert listed == list(reversed(made))[:10]
    assert all(p.exists() for p in made[2:]) and not any(p.exists() for p in made[:2])
    assert len(other.backups()) == 1
    assert listed[0].read_bytes() == session.path.read_bytes()


def test_backup_names_are_timestamped_labelled_and_unique(session):
    seams.set_clock(lambda: datetime(2026, 6, 20, 8, 30, tzinfo=UTC))  # a stopped clock
    made = [session.backup("Import élèves !"), session.backup("x"), session.backup("x")]
    assert [p.name for p in made] == [
        "demo.json.20260620T083000Z.import-eleves.bak",
        "demo.json.20260620T083000Z-2.x.bak",
        "demo.json.20260620T083000Z-3.x.bak",
    ]
    assert session.backups() == list(reversed(made))

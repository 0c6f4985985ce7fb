"""Writes that fail (no space, I/O error, permission): the previous file is intact, and the user
is told what happened, in French, by the command that failed.

Tests run as root, so failures are injected through the store's low-level names
(`jury_tui.store.atomic._write`, `_fsync`, `_replace`, `_fchmod`, `_fchown`). When the
machine allows it, one test also fills a real (tiny) file system.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from cli_helpers import DEMO_SOURCES, jury, ok, results_json, unchanged

from jury_tui.store import SessionFile, atomic

CAUSES = {
    errno.ENOSPC: "plus de place sur le disque ; rien n'a été modifié. Libérez de la place puis recommencez.",
    errno.EIO: "erreur d'entrée-sortie du disque ; rien n'a été modifié. Vérifiez le disque",
    errno.EACCES: "permission refusée ; rien n'a été modifié. Vérifiez les droits du fichier et du dossier.",
    errno.EROFS: "le disque est en lecture seule ; rien n'a été modifié.",
}

# Each command, as the jury or the exam office types it, on the demo session.
COMMANDS = {
    "decide": ("decide", "{s}", "02602", "admis"),
    "adjust": ("adjust", "{s}", "02605", "U1", "7", "--reason", "points de jury"),
    "set": ("set", "{s}", "02618", "U52", "12", "--reason", "note reçue"),
    "withdraw": ("withdraw", "{s}", "02662", "--reason", "inscrit par erreur"),
    "import": ("import", "candidates", "{s}", str(DEMO_SOURCES / "candidats.csv")),
    "members": ("import", "members", "{s}", str(DEMO_SOURCES / "membres.csv")),
    "regulation": ("regulation", "apply", "{s}", "{reg}"),
}


def failing(name: str, err: int, *, after: int = 0, partial: bool = False):
    """A replacement for `atomic.<name>` that fails with `err` from its (after + 1)-th call.

    `partial`: the failing `_write` first writes half of what it was given (a disk that fills
    up during the write)."""
    real = getattr(atomic, name)
    calls = {"n": 0}

    def fake(*args):
        calls["n"] += 1
        if calls["n"] > after:
            if partial and name == "_write":
                fd, data = args
                os.write(fd, bytes(data[: len(data) // 2]))
            raise OSError(err, os.strerror(err))
        return real(*args)

    return fake


def in_use(session: Path) -> None:
    """The session has been written before: its lock file exists (made once, then kept)."""
    store = SessionFile(session)
    store.hold("cli")
    store.release()


def test_a_lock_file_that_cannot_be_made_is_explained(demo, monkeypatch):
    monkeypatch.setattr(atomic, "_fchmod", failing("_fchmod", errno.EACCES))
    with unchanged(demo):
        result = jury("decide", demo, "02602", "admis")
    assert result.exit_code == 1
    assert f"Impossible de verrouiller la session {demo} (session.json.lock : permission refusée)" in result.stderr


def prepare(command: str, tmp_path: Path) -> None:
    """What a command needs beside the session, written before the disk starts failing."""
    regulation = tmp_path / "reglement.toml"
    if command == "regulation" and not regulation.exists():
        ok(jury("regulation", "export", "bts-mos", regulation))


def run(command: str, session: Path, tmp_path: Path):
    regulation = tmp_path / "reglement.toml"
    prepare(command, tmp_path)
    args = [a.format(s=session, reg=regulation) for a in COMMANDS[command]]
    return jury(*args)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(("name", "err", "partial"), [
    ("_write", errno.ENOSPC, True),
    ("_write", errno.EIO, False),
    ("_fsync", errno.EIO, False),
    ("_fchmod", errno.EACCES, False),
    ("_replace", errno.EACCES, False),
    ("_replace", errno.EROFS, False),
])
def test_a_failed_write_changes_nothing_and_says_why(demo, tmp_path, monkeypatch, command, name, err, partial):
    in_use(demo)
    prepare(command, tmp_path)
    monkeypatch.setattr(atomic, name, failing(name, err, partial=partial))
    with unchanged(demo):  # byte-identical, and no temp file or backup left beside it
        result = run(command, demo, tmp_path)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"Écriture impossible de {demo}" in result.stderr or "Sauvegarde impossible" in result.stderr
    assert CAUSES[err] in result.stderr, result.stderr
    assert result.stdout.strip() == "", "nothing is announced as done"
    monkeypatch.undo()
    assert SessionFile(demo).verify() == []
    ok(run(command, demo, tmp_path))  # once the disk is fixed, the same command goes through


def test_a_backup_that_cannot_be_written_stops_the_import(demo, tmp_path, monkeypatch):
    # the backup is the first file written: it fails, the import does not happen
    monkeypatch.setattr(atomic, "_write", failing("_write", errno.ENOSPC))
    with unchanged(demo):
        result = jury("import", "candidates", demo, DEMO_SOURCES / "candidats.csv")
    assert result.exit_code == 1
    assert f"Écriture impossible de {demo.parent}/session.json." in result.stderr  # the backup's name
    assert "plus de place sur le disque" in result.stderr


def test_the_session_write_failing_after_its_backup_leaves_no_backup(demo, tmp_path, monkeypatch):
    """The import's backup is written, then the session's write fails: the session is intact,
    the backup is removed (a backup exists only for an import that landed), and the user is
    told the import did not happen."""
    before = demo.read_bytes()
    monkeypatch.setattr(atomic, "_replace", failing("_replace", errno.ENOSPC, after=1))
    result = jury("import", "candidates", demo, DEMO_SOURCES / "candidats.csv")
    assert result.exit_code == 1
    assert f"Écriture impossible de {demo} : plus de place sur le disque ; rien n'a été modifié." in result.stderr
    assert demo.read_bytes() == before
    assert SessionFile(demo).backups() == []
    assert [p.name for p in demo.parent.iterdir() if ".tmp-" in p.name] == []


def test_a_folder_sync_that_fails_after_the_rename_is_reported_as_unconfirmed(demo, monkeypatch):
    """The rename happened but the folder's fsync failed: the user is told the write is not
    guaranteed on disk (not that nothing changed), and the file is whole either way."""
    monkeypatch.setattr(atomic, "_fsync", failing("_fsync", errno.EIO, after=1))  # the file's fsync passes
    result = jury("decide", demo, "02602", "admis")
    assert result.exit_code == 1
    assert "non confirmée sur le disque : erreur d'entrée-sortie du disque" in result.stderr
    assert "rien n'a été modifié" not in result.stderr
    monkeypatch.undo()
    assert SessionFile(demo).verify() == []
    assert results_json(demo)["02602"]["decision"] == "admis"


def test_a_new_session_that_cannot_be_written_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_write", failing("_write", errno.ENOSPC, partial=True))
    target = tmp_path / "nouvelle.json"
    result = jury("new", target, "--regulation", "bts-mos", "--year", "2026", "--academie", "Académie de Normandie",
                  "--jury", "BTS MOS — jury 3")
    assert result.exit_code == 1
    assert "plus de place sur le disque" in result.stderr
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == []


def test_the_group_of_a_shared_session_that_cannot_be_set_is_a_refusal(demo, monkeypatch):
    """In a set-group-ID folder a temp file gets the session's group: when that fails (EPERM),
    the write is refused rather than leaving a session the other jurors cannot open."""
    monkeypatch.setattr(atomic, "ownership_for", lambda path: atomic.Ownership(0o660, os.getgid() + 4242))
    monkeypatch.setattr(atomic, "_fchown", failing("_fchown", errno.EPERM))
    with unchanged(demo):
        result = jury("decide", demo, "02602", "admis")
    assert result.exit_code == 1
    assert "opération non permise ; rien n'a été modifié. Vérifiez les droits du fichier et du dossier." in result.stderr


def test_a_really_full_disk_leaves_the_session_whole(demo, tiny_disk):
    session = tiny_disk / "session.json"
    session.write_bytes(demo.read_bytes())
    filler = tiny_disk / "remplissage"
    free = os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize
    filler.write_bytes(b"x" * max(0, free - len(demo.read_bytes()) // 2))  # room for half a copy
    with unchanged(session):
        result = jury("decide", session, "02602", "admis")
    assert result.exit_code == 1
    assert f"Écriture impossible de {session} : plus de place sur le disque ; rien n'a été modifié." in result.stderr
    filler.unlink()
    ok(jury("decide", session, "02602", "admis"))
    assert SessionFile(session).verify() == []


# ---- documents -------------------------------------------------------------------------------------------

EXPORT_FAILURES = [
    ("write", errno.ENOSPC, "plus de place sur le disque"),
    ("fsync", errno.EIO, "erreur d'entrée-sortie du disque"),
    ("replace", errno.EIO, "erreur d'entrée-sortie du disque"),
    ("replace", errno.EACCES, "permission refusée"),
    ("commit", errno.EIO, "erreur d'entrée-sortie du disque"),  # moving the finished document into place
]


@pytest.mark.parametrize(("call", "err", "cause"), EXPORT_FAILURES)
def test_a_failed_export_leaves_the_previous_document_and_no_record(demo, tmp_path, monkeypatch, call, err, cause):
    out = tmp_path / "documents" / "pv.docx"
    out.parent.mkdir()
    ok(jury("export", demo, "pv", "--out", out))
    entries = len(SessionFile(demo).load().audit)
    if call == "write":  # the disk fills up while the document is written
        real_fdopen = os.fdopen

        class FullDisk:
            def __init__(self, fd, *args, **kwargs):
                self.file = real_fdopen(fd, *args, **kwargs)

            def write(self, data):
                self.file.write(data[: len(data) // 2])
                self.file.flush()
                raise OSError(err, os.strerror(err))

            def __getattr__(self, name):
                return getattr(self.file, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.file.close()

        monkeypatch.setattr(os, "fdopen", FullDisk)
    elif call == "commit":
        real_replace = os.replace

        def broken(source, destination, *args, **kwargs):
            if Path(destination).parent == out.parent:
                raise OSError(err, os.strerror(err))
            return real_replace(source, destination, *args, **kwargs)

        monkeypatch.setattr(os, "replace", broken)
    else:
        def broken(*args, **kwargs):
            raise OSError(err, os.strerror(err))

        monkeypatch.setattr(os, call, broken)
    with unchanged(out):
        result = jury("export", demo, "pv", "--out", out)
    monkeypatch.undo()
    assert result.exit_code == 1, result.stdout
    assert cause in result.stderr, result.stderr
    assert f"Erreur : {out} : " in result.stderr, "the document the user asked for is named"
    assert "Traceback" not in result.stderr
    audit = SessionFile(demo).load().audit
    if call == "commit":  # recorded just before the files were to be moved: the failure follows it
        assert [e["action"] for e in audit[entries:]] == ["export", "export_echoue"]
    else:
        assert len(audit) == entries, "an export that did not happen is not on record"
    assert SessionFile(demo).verify() == []
    assert sorted(p.name for p in out.parent.iterdir()) == ["pv.docx"]


def test_the_app_tells_the_jury_a_decision_could_not_be_saved(demo, monkeypatch):
    import asyncio

    from jury_tui.tui import make_app

    in_use(demo)

    async def scenario():
        app = make_app(demo, poll_interval=60)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.3)
            assert app.model.writable
            with unchanged(demo):
                monkeypatch.setattr(atomic, "_write", failing("_write", errno.ENOSPC, partial=True))
                done, _ = app.perform(app.session.decide, "02602", "admis")
                monkeypatch.undo()
            assert done is False
            await pilot.pause(0.1)
            shown = [n.text for n in app.notices.current()]
            assert any("plus de place sur le disque ; rien n'a été modifié" in m for m in shown), shown
            assert app.model.view.candidate("02602").decision(1) is None, "the screen does not show it as done"
            assert app.perform(app.session.decide, "02602", "admis")[0]  # space is back: the same act goes through
            await pilot.press("ctrl+q")

    asyncio.run(scenario())
    assert results_json(demo)["02602"]["decision"] == "admis"
    assert SessionFile(demo).verify() == []

"""A backup exists only for an import that landed: a refused import, one whose write fails
(an injected error or a really full disk) and one killed between its backup and its write leave
no backup that counts against the last ten good ones."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

from cli_helpers import DEMO_SOURCES, jury, ok, unchanged, write_csv

from jury_tui.store import SessionFile, atomic

CANDIDATES = DEMO_SOURCES / "candidats.csv"


def good_backups(session: Path, count: int) -> list[Path]:
    """`count` landed imports: their backups, newest first."""
    for _ in range(count):
        ok(jury("import", "candidates", session, CANDIDATES))
    backups = SessionFile(session).backups()
    assert len(backups) == min(count, 10)
    return backups


def test_refused_imports_leave_the_backups_as_they_were(demo, tmp_path):
    backups = good_backups(demo, 3)
    bad = write_csv(tmp_path / "c.csv", ["numero;nom;prenom", "99999;X;Y"])  # the units' columns missing
    for _ in range(12):
        with unchanged(demo):
            assert jury("import", "candidates", demo, bad).exit_code == 1
    assert SessionFile(demo).backups() == backups


def test_ten_imports_whose_write_fails_push_no_good_backup_out(demo, monkeypatch):
    backups = good_backups(demo, 10)
    contents = [b.read_bytes() for b in backups]

    def session_write_fails(source, destination):  # the backup lands, the session's write does not
        if Path(destination) == demo:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(source, destination)

    real = atomic._replace
    monkeypatch.setattr(atomic, "_replace", session_write_fails)
    for _ in range(10):
        with unchanged(demo):
            result = jury("import", "candidates", demo, CANDIDATES)
        assert result.exit_code == 1 and "plus de place sur le disque" in result.stderr
    monkeypatch.undo()
    assert SessionFile(demo).backups() == backups
    assert [b.read_bytes() for b in backups] == contents


KILLED_AFTER_ITS_BACKUP = """
import sys, time
from pathlib import Path
from jury_tui.store import atomic
real = atomic._replace
def replace(source, destination):
    if Path(destination).name == "session.json":  # the backup is in place; the import is not
        print("sauvegarde faite", flush=True)
        time.sleep(120)
    return real(source, destination)
atomic._replace = replace
from jury_tui.cli import main
sys.argv = ["jury", *sys.argv[1:]]
main()
"""


def killed_after_its_backup(session: Path) -> None:
    process = subprocess.Popen([sys.executable, "-c", KILLED_AFTER_ITS_BACKUP, "import", "candidates", str(session),
                                str(CANDIDATES)], stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert process.stdout.readline().strip() == "sauvegarde faite"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


def test_imports_killed_after_their_backup_do_not_count_against_the_ten(demo):
    backups = good_backups(demo, 10)
    for _ in range(10):
        before = demo.read_bytes()
        killed_after_its_backup(demo)
        assert demo.read_bytes() == before  # the import did not happen
        # what it left is a copy of the session as it is; the next write removes it
        ok(jury("decide", demo, "02602", "admis"))
        ok(jury("decide", demo, "02602", "clear"))
    assert SessionFile(demo).backups() == backups
    assert SessionFile(demo).verify() == []


def test_a_really_full_disk_during_the_import_leaves_no_backup(demo, tiny_disk):
    session = tiny_disk / "session.json"
    session.write_bytes(demo.read_bytes())
    size = len(demo.read_bytes())
    free = os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize
    (tiny_disk / "remplissage").write_bytes(b"x" * max(0, free - size - size // 2))  # room for the backup only
    with unchanged(session):
        result = jury("import", "candidates", session, CANDIDATES)
    assert result.exit_code == 1 and "plus de place sur le disque" in result.stderr, result.stderr
    assert SessionFile(session).backups() == []

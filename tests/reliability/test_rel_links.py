"""Links and look-alikes planted where the store expects its own files — a symbolic link as the
session's lock, a hard link, a FIFO, a folder, a lock made by someone else — and a session path
that is itself a symbolic link. Tried for real in a set-group-ID folder by a second member of the
jury's group where root is available; everywhere else with the same files made by the test."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cli_helpers import DEMO_SOURCES, jury, ok, results_json, unchanged
from shared_folder import as_member

from jury_tui.store import SessionFile

PRECIOUS = b"colleague:x:1002:1002:donnees precieuses:/home/colleague:/bin/sh\n"


def refused(result, *fragments: str) -> str:
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    return result.stderr


def in_shared_folder(demo: Path, shared_folder: Path) -> Path:
    session = shared_folder / "session.json"
    session.write_bytes(demo.read_bytes())
    os.chmod(session, 0o660)
    return session


# ---- case 2: the lock ------------------------------------------------------------------------------

def test_a_lock_planted_as_a_link_by_a_member_never_empties_its_target(demo, shared_folder, shared_accounts,
                                                                       tmp_path):
    """Another member links `session.json.lock` to a file root can write (as the system's password
    file would be): root's next command refuses, names the link and says what to remove."""
    session = in_shared_folder(demo, shared_folder)
    target = tmp_path / "passwd"
    target.write_bytes(PRECIOUS)
    os.chmod(tmp_path, 0o755)
    lock = shared_folder / "session.json.lock"
    assert as_member(shared_accounts, "ln", "-s", target, lock).returncode == 0
    with unchanged(session, target):
        refused(jury("decide", session, "02602", "admis"),
                f"Impossible de verrouiller la session {session} : le verrou {lock} est un lien symbolique "
                f"(vers {target})", f"Supprimez-le (rm {lock}) puis recommencez")
        refused(jury("import", "candidates", session, DEMO_SOURCES / "candidats.csv"), "lien symbolique")
    assert target.read_bytes() == PRECIOUS
    ok(jury("results", session))  # reading takes no lock: never refused
    lock.unlink()
    ok(jury("decide", session, "02602", "admis"))
    assert stat.S_ISREG(os.lstat(lock).st_mode) and target.read_bytes() == PRECIOUS


def test_a_lock_a_member_made_first_as_a_plain_file_of_the_group_is_used(demo, shared_folder, shared_accounts):
    session = in_shared_folder(demo, shared_folder)
    lock = shared_folder / "session.json.lock"
    assert as_member(shared_accounts, "touch", lock).returncode == 0  # 0660, the folder's group
    ok(jury("decide", session, "02602", "admis"))


@pytest.mark.parametrize("make", ["hard link", "folder", "fifo", "world-writable", "someone else's"])
def test_a_lock_that_is_not_a_plain_file_of_ours_is_refused_saying_what_to_remove(demo, tmp_path, make):
    lock = demo.with_name("session.json.lock")
    other = tmp_path / "autre-fichier"
    other.write_bytes(PRECIOUS)
    expected = {"hard link": "est un fichier à 2 noms (lien physique)", "folder": "est un dossier",
                "fifo": "est un tube nommé (FIFO)", "world-writable": "peut être modifié par tous les comptes",
                "someone else's": "appartient au compte nobody"}[make]
    remove = "rmdir" if make == "folder" else "rm"
    if make == "hard link":
        os.link(other, lock)
    elif make == "folder":
        lock.mkdir()
    elif make == "fifo":
        os.mkfifo(lock)
    else:
        lock.write_bytes(b"")
        os.chmod(lock, 0o666)
        if make == "someone else's":
            if os.geteuid() != 0:
                pytest.skip("giving a file to another account needs root")
            os.chmod(lock, 0o600)
            os.chown(lock, 65534, -1)
    with unchanged(demo, other):
        refused(jury("decide", demo, "02602", "admis"), f"le verrou {lock} {expected}",
                f"Supprimez-le ({remove} {lock})")
    assert other.read_bytes() == PRECIOUS


def test_a_planted_backup_link_is_neither_followed_nor_counted(demo, tmp_path, shared_folder, shared_accounts):
    """A member plants links under the names the next backups will take (they are predictable:
    the time to the second): the import's backup replaces the link, never writes through it,
    and links are not counted among the ten backups kept."""
    from datetime import UTC, datetime

    from jury_tui import seams

    session = in_shared_folder(demo, shared_folder)
    target = tmp_path / "passwd"
    target.write_bytes(PRECIOUS)
    os.chmod(tmp_path, 0o755)
    seams.set_clock(lambda: datetime(2026, 6, 20, 8, 0, 1, tzinfo=UTC))
    try:
        for label in ("import-candidates", "import-members"):
            for suffix in ("", "-2", "-3"):
                name = shared_folder / f"session.json.20260620T080001Z{suffix}.{label}.bak"
                assert as_member(shared_accounts, "ln", "-s", target, name).returncode == 0
        ok(jury("import", "candidates", session, DEMO_SOURCES / "candidats.csv"))
    finally:
        seams.reset()
    assert target.read_bytes() == PRECIOUS
    backups = SessionFile(session).backups()
    assert len(backups) == 1 and stat.S_ISREG(os.lstat(backups[0]).st_mode)


# ---- case 3: a session path that is a link ------------------------------------------------------------

def test_a_decision_through_a_link_reaches_the_real_session_and_keeps_the_link(demo, tmp_path):
    link = tmp_path / "courante.json"
    link.symlink_to(demo)
    ok(jury("decide", link, "02602", "admis"))
    assert link.is_symlink() and os.readlink(link) == str(demo)
    assert results_json(demo)["02602"]["decision"] == "admis"
    assert not link.with_name("courante.json.lock").exists()  # the lock is beside the real file
    assert demo.with_name("session.json.lock").exists()
    ok(jury("import", "candidates", link, DEMO_SOURCES / "candidats.csv"))
    assert SessionFile(demo).backups() and not list(tmp_path.glob("courante.json.*.bak"))
    assert SessionFile(demo).verify() == []


def test_both_paths_share_one_lock(demo, tmp_path):
    link = tmp_path / "courante.json"
    link.symlink_to(demo)
    app = SessionFile(demo)
    app.hold("app")  # the app open on the real path
    try:
        with unchanged(demo):
            refused(jury("decide", link, "02602", "admis"), "est ouverte pour écriture par")
    finally:
        app.release()
    through_link = SessionFile(link)
    through_link.hold("app")  # and the other way round
    try:
        with unchanged(demo):
            refused(jury("decide", demo, "02602", "admis"), "est ouverte pour écriture par")
    finally:
        through_link.release()


def test_a_new_session_is_not_made_through_a_link(tmp_path):
    link = tmp_path / "nouvelle.json"
    link.symlink_to(tmp_path / "ailleurs.json")  # dangling
    result = jury("new", link, "--regulation", "bts-mos", "--year", "2026", "--academie", "Académie de Normandie",
                  "--jury", "BTS MOS — jury 2")
    refused(result, f"{link} est un lien symbolique")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nouvelle.json"]

"""A jury's shared folder for real: a group, a second juror's account, a set-group-ID folder
(as the README sets it up), and commands run under that account. Needs root: the fixtures
skip where it is missing."""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

GROUP, JUROR = "jurytest", "jurytest2"


@pytest.fixture(scope="module")
def shared_accounts():
    """A group for the jury and a second juror's account in it (created once; we run as root)."""
    if os.geteuid() != 0:
        pytest.skip("creating a group and an account needs root")
    if subprocess.run(["groupadd", "-f", GROUP], capture_output=True).returncode != 0:
        pytest.skip("groupadd is not available")
    try:
        pwd.getpwnam(JUROR)
    except KeyError:
        made = subprocess.run(["useradd", "-M", "-N", "-g", GROUP, "-s", "/usr/sbin/nologin", JUROR], capture_output=True)
        if made.returncode != 0:
            pytest.skip("useradd is not available")
    return grp.getgrnam(GROUP).gr_gid, pwd.getpwnam(JUROR).pw_uid


@pytest.fixture
def shared_folder(shared_accounts):
    """/tmp/jury-partage-XXXX: owner root, group jurytest, mode 2770 (set-group-ID), as the README says."""
    gid, _ = shared_accounts
    folder = Path(tempfile.mkdtemp(prefix="jury-partage-", dir="/tmp"))
    os.chown(folder, -1, gid)
    os.chmod(folder, 0o2770)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _as(uid: int, gid: int, groups: list[int], python: str, *args, umask: int = 0o077) -> subprocess.CompletedProcess:
    paths = [str(Path(__file__).parents[2])] + [p for p in sys.path if "-packages" in p]
    env = {"PATH": os.environ.get("PATH", ""), "HOME": "/tmp", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": os.pathsep.join(paths)}
    return subprocess.run([python, *map(str, args)], capture_output=True, text=True, user=uid, group=gid,
                          extra_groups=groups, umask=umask, env=env, cwd="/tmp", timeout=60)


def other_account_python(uid: int, gid: int) -> str:
    """An interpreter another account may run with this project: this one, or the system's
    same version (this one may live in root's home)."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for python in dict.fromkeys([sys.executable, shutil.which(version) or "", f"/usr/bin/{version}"]):
        if not python:
            continue
        try:
            if _as(uid, gid, [gid], python, "-c", "import jury_tui.cli, orjson, tinydb").returncode == 0:
                return python
        except OSError:
            continue
    pytest.skip("no Python interpreter that another account may run")


def as_juror(shared_accounts, *args, umask: int = 0o077) -> subprocess.CompletedProcess:
    """`jury ARGS` run by the second juror's account (its own uid, the jury's group)."""
    gid, uid = shared_accounts
    python = other_account_python(uid, gid)
    return _as(uid, gid, [gid], python, "-m", "jury_tui", *args, umask=umask)


def as_member(shared_accounts, *command) -> subprocess.CompletedProcess:
    """Any command (`ln -s …`, `mkfifo …`) run by the second juror's account, as a member of the
    jury's group who wants to do harm would run it."""
    gid, uid = shared_accounts
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, user=uid, group=gid,
                          extra_groups=[gid], umask=0o007, cwd="/tmp", timeout=60)

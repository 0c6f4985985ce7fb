"""Staging folders of exports: held while their export runs, removed when left by a dead one.

An export writes its documents into a hidden folder beside their destination
(`.NAME.export-XXXXXXXX`, made by `tempfile.mkdtemp`) and removes it when it ends; an export
that is killed (SIGKILL, a machine that stops) cannot, and its folder would stay for ever.
So the exporter holds a `flock` on its staging folder while it runs — the kernel drops it
when the process dies — and each export first removes the staging folders beside its own
that are ours (same account), that nobody holds, and that are more than `GRACE` seconds old
(a folder just made, between `mkdtemp` and its lock, is left alone). A concurrent export's
folder is held: it survives.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import stat
import time
from pathlib import Path

GRACE = 60  # seconds
_NAME = re.compile(r"\..+\.export-[a-z0-9_]{8}")  # tempfile.mkdtemp's names, with our prefix


def hold(folder: Path) -> int | None:
    """Lock `folder` (a staging folder just made) for as long as the returned fd stays open;
    None where the file system has no flock (the folder is then never taken as stale)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def remove_stale(base: Path) -> None:
    """Remove the staging folders in `base` left by exports of ours that died."""
    try:
        entries = list(os.scandir(base))
    except OSError:
        return
    for entry in entries:
        if _NAME.fullmatch(entry.name):
            _remove_if_stale(Path(entry.path))


def _remove_if_stale(folder: Path) -> None:
    try:
        info = os.lstat(folder)
    except OSError:
        return
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or time.time() - info.st_mtime < GRACE:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held by a running export (or no flock here: cannot tell): kept
        os.close(fd)
        return
    try:
        shutil.rmtree(folder, ignore_errors=True)  # held by us while removed
    finally:
        os.close(fd)

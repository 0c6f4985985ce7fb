"""Atomic, durable file writes that keep the file's mode and group.

A write goes to a temp file in the same folder; it is written, given its mode and group,
fsynced, renamed over the target with `os.replace`, and the folder is fsynced. Any
OSError before the rename removes the temp file, leaves the previous file untouched, and
becomes a JuryError in French naming the file and the cause.

The low-level calls go through the module-level names `_write`, `_fsync`, `_replace`,
`_fchmod` and `_fchown`, so that tests can replace them to inject ENOSPC, EIO or EACCES.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from jury_tui.errors import JuryError, os_cause

# Fault-injection seams: tests replace these names.
_write = os.write
_fsync = os.fsync
_replace = os.replace
_fchmod = os.fchmod
_fchown = os.fchown

NEW_FILE_MODE = 0o600
SHARED_FILE_MODE = 0o660  # in a set-group-ID folder (a jury's shared folder)

_ADVICE = {
    errno.ENOSPC: " Libérez de la place puis recommencez.",
    errno.EDQUOT: " Libérez de la place puis recommencez.",
    errno.EIO: " Vérifiez le disque auprès de l'administrateur.",
    errno.EACCES: " Vérifiez les droits du fichier et du dossier.",
    errno.EPERM: " Vérifiez les droits du fichier et du dossier.",
}


cause_fr = os_cause  # the cause of an OSError, in French


def write_error(path: Path, exc: OSError, *, replaced: bool = False) -> JuryError:
    """The JuryError for a failed write of `path`."""
    cause = cause_fr(exc)
    advice = _ADVICE.get(exc.errno or 0, "")
    if replaced:
        message = (
            f"Écriture de {path} non confirmée sur le disque : {cause}. Le fichier a été remplacé "
            f"mais sa mise sur disque n'est pas garantie.{advice}"
        )
    else:
        message = f"Écriture impossible de {path} : {cause} ; rien n'a été modifié.{advice}"
    return JuryError(message, code="WRITE_FAILED")


class Ownership:
    """The mode bits and group a written file must carry (gid None: leave as created)."""

    __slots__ = ("mode", "gid")

    def __init__(self, mode: int, gid: int | None):
        self.mode, self.gid = mode, gid

    def __repr__(self) -> str:
        return f"Ownership(mode={self.mode:#o}, gid={self.gid})"


def ownership_for(path: Path) -> Ownership:
    """Keep an existing file's mode and group; a new file is 0600, or 0660 with the
    folder's group when the folder is set-group-ID."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return new_file_ownership(path.parent)
    return Ownership(stat.S_IMODE(st.st_mode), st.st_gid)


def new_file_ownership(folder: Path) -> Ownership:
    st = os.stat(folder)
    if st.st_mode & stat.S_ISGID:
        return Ownership(SHARED_FILE_MODE, st.st_gid)
    return Ownership(NEW_FILE_MODE, None)


def apply_ownership(fd: int, owner: Ownership) -> None:
    """Set mode and group on an open file (group only when it differs)."""
    _fchmod(fd, owner.mode)
    if owner.gid is not None and os.fstat(fd).st_gid != owner.gid:
        _fchown(fd, -1, owner.gid)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = _write(fd, view)
        view = view[written:]


def temp_name(path: Path) -> Path:
    """A fresh temp file's name beside `path`; `is_temp_of` recognises it."""
    return path.with_name(f".{path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")


def is_temp_of(path: Path, name: str) -> bool:
    return name.startswith(f".{path.name}.tmp-")


def write_atomic(path: Path, data: bytes, owner: Ownership | None = None) -> os.stat_result:
    """Replace `path` by `data` atomically and durably; return the new file's stat.

    `owner` defaults to `ownership_for(path)`. Raises JuryError on any OSError.
    """
    try:
        owner = owner or ownership_for(path)
    except OSError as exc:
        raise write_error(path, exc) from exc
    tmp = temp_name(path)
    try:
        # O_EXCL: a name someone made first (a link, a file) is never opened; the rename
        # below replaces whatever is at `path`, a link included, and never follows it.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, NEW_FILE_MODE)
    except OSError as exc:
        raise write_error(path, exc) from exc
    try:
        try:
            write_all(fd, data)
            apply_ownership(fd, owner)
            _fsync(fd)
            result = os.fstat(fd)
        finally:
            os.close(fd)
        _replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise write_error(path, exc) from exc
    try:
        fsync_folder(path.parent)
    except OSError as exc:
        raise write_error(path, exc, replaced=True) from exc
    return result


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        _fsync(fd)
    finally:
        os.close(fd)


def _discard(tmp: Path) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def remove_stale_temps(path: Path) -> None:
    """Remove temp files left beside `path` by a writer that died mid-write.

    Call it only while holding the session's lock: no live writer has a temp file then.
    """
    try:
        with os.scandir(path.parent) as entries:
            for entry in entries:
                if is_temp_of(path, entry.name):
                    _discard(Path(entry.path))
    except OSError:
        pass

"""Writing a document atomically, with the right mode.

A document is written to a temp file in its destination folder, fsynced, then renamed over
the destination (`os.replace`) and the folder fsynced: a failure at any point leaves the
previous file, or nothing, never half a document. New documents are 0600; in a
set-group-ID folder (a jury's shared folder) 0660 with the folder's group.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from jury_tui.errors import JuryError, Place, Problem, os_cause


def target_mode(folder: Path) -> tuple[int, int | None]:
    """(mode, group) of a new file in `folder`: 0600, or 0660 and its group when set-group-ID."""
    info = folder.stat()
    if info.st_mode & stat.S_ISGID:
        return 0o660, info.st_gid
    return 0o600, None


def check_folder(path: Path) -> Path:
    folder = path.parent
    if not folder.is_dir():
        raise JuryError(
            Problem(f"le dossier {folder} n'existe pas ; créez-le ou choisissez un autre chemin", Place(file=str(path)))
        )
    return folder


def atomic_write(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically; raise a French JuryError on failure, leaving no temp file."""
    path = Path(path)
    folder = check_folder(path)
    mode, group = target_mode(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            _apply_mode(handle.fileno(), mode, group)
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from exc
        raise
    fsync_folder(folder)
    return path


def place_file(tmp: Path, path: Path) -> Path:
    """Move a finished file (same folder) over `path` with the folder's mode, atomically."""
    folder = check_folder(path)
    mode, group = target_mode(folder)
    try:
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
            _apply_mode(handle.fileno(), mode, group)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _write_error(path, exc) from exc
    fsync_folder(folder)
    return path


def _apply_mode(fd: int, mode: int, group: int | None) -> None:
    if group is not None:
        try:
            os.fchown(fd, -1, group)
        except PermissionError:
            pass  # the set-group-ID folder already gave the file its group
    os.fchmod(fd, mode)


def fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_error(path: Path, exc: OSError) -> JuryError:
    return JuryError(Problem(f"écriture impossible : {os_cause(exc)} ; le document n'a pas été écrit",
                             Place(file=str(path))))

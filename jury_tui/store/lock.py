"""The single-writer lock: a flock on the sidecar file `SESSION.lock`.

The lock file is a stable inode (a lock on the session itself would be lost at each
rename). It is opened without following a link and must be a regular file with one name,
ours or the group's in a shared folder (safe_open): a link planted in its place would make
the holder empty the file it points to. Its holder writes who it is into it (user, host, pid, since, kind, actor) and
empties it before unlocking. flock belongs to an open file description: two SessionLock
objects exclude each other even in one process, and the kernel frees the lock when the
holding process dies.

A holder of kind "app" (the app open for writing) is refused at once; a "cli" holder
(a short transaction) is waited for, polling every 50 ms, up to `wait` seconds. What the
refusal says (who, since when, whether the holder looks stopped): lock_message.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from pathlib import Path

import orjson

from jury_tui import seams
from jury_tui.errors import JuryError, LockBusy
from jury_tui.store.atomic import apply_ownership, cause_fr, new_file_ownership, ownership_for
from jury_tui.store.lock_message import busy_message
from jury_tui.store.safe_open import UnsafeFile, open_regular

POLL = 0.05
KINDS = ("cli", "app")
_BUSY = (errno.EWOULDBLOCK, errno.EAGAIN)
_INFO_KEYS = ("user", "host", "pid", "since", "kind", "actor")


class SessionLock:
    def __init__(self, session: Path):
        self.session = session
        self.path = session.with_name(session.name + ".lock")
        self._fd: int | None = None
        self.kind: str | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, kind: str, wait: float, tz: str | None = None) -> None:
        """Take the lock or raise LockBusy (at once when the app holds it)."""
        if kind not in KINDS:
            raise ValueError(f"lock kind must be one of {KINDS}, not {kind!r}")
        if self._fd is not None:
            self.kind = kind
            self._write_info(self._fd, kind)
            return
        fd = self._open()
        try:
            self._wait_for(fd, wait, tz)
            self._write_info(fd, kind)
        except BaseException:
            os.close(fd)
            raise
        self._fd, self.kind = fd, kind

    def _wait_for(self, fd: int, wait: float, tz: str | None) -> None:
        deadline = time.monotonic() + wait
        app_seen: dict | None = None
        while not _try_flock(fd, fcntl.LOCK_EX):
            info = _read_info(fd)
            if info and not process_alive(info):
                info = None  # left by a holder that died; the new one has not written yet
            if _is_live_app(info):
                if info == app_seen:  # seen twice, 50 ms apart: not a stale leftover
                    raise LockBusy(busy_message(self.session, info, tz), info)
                app_seen = info
            elif time.monotonic() >= deadline:
                raise LockBusy(busy_message(self.session, info, tz), info)
            time.sleep(POLL)

    def release(self) -> None:
        fd, self._fd, self.kind = self._fd, None, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def holder(self) -> dict | None:
        """Who holds the lock, if another open file description does; else None."""
        if self._fd is not None:
            return None
        try:
            fd = open_regular(self.path, os.O_RDONLY, "le verrou")
        except (OSError, UnsafeFile):
            return None  # no lock file, or one nobody could lock: writing will say why
        try:
            if _try_flock(fd, fcntl.LOCK_SH):
                fcntl.flock(fd, fcntl.LOCK_UN)
                return None
            return _read_info(fd) or {key: None for key in _INFO_KEYS}
        finally:
            os.close(fd)

    def _open(self) -> int:
        """The lock file, opened for writing without following a link (safe_open); made when
        missing (O_EXCL), with the session's mode and group."""
        flags = os.O_RDWR
        try:
            try:
                fd = open_regular(self.path, flags | os.O_CREAT | os.O_EXCL, "le verrou", single=True)
            except FileExistsError:
                fd = open_regular(self.path, flags, "le verrou", single=True)
                _check_owner(fd, self.path)
                return fd
            try:
                owner = ownership_for(self.session) if self.session.exists() else new_file_ownership(self.path.parent)
                apply_ownership(fd, owner)
            except BaseException:
                os.close(fd)
                raise
            return fd
        except UnsafeFile as exc:
            text = str(exc)
            raise UnsafeFile(f"Impossible de verrouiller la session {self.session} : {text[:1].lower()}{text[1:]}",
                             code=exc.code) from None
        except OSError as exc:
            raise JuryError(
                f"Impossible de verrouiller la session {self.session} ({self.path.name} : {cause_fr(exc)}) ; "
                "vérifiez vos droits sur le dossier, ou ouvrez la session en lecture seule.",
                code="LOCK_FAILED",
            ) from exc

    @staticmethod
    def _write_info(fd: int, kind: str) -> None:
        who = seams.identity()
        info = {
            "user": who.user,
            "host": who.host,
            "pid": os.getpid(),
            "since": seams.now_iso(),
            "kind": kind,
            "actor": who.actor,
        }
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, orjson.dumps(info), 0)
        except OSError:
            pass  # the information is a courtesy; the flock is what excludes


def _check_owner(fd: int, path: Path) -> None:
    """An existing lock is ours, or the group's in a jury's shared (set-group-ID) folder, and
    nobody outside may write it; anything else was not made by jury-tui for this folder."""
    info = os.fstat(fd)
    folder = os.stat(path.parent)
    shared = bool(folder.st_mode & stat.S_ISGID) and info.st_gid == folder.st_gid
    problem = None
    if info.st_uid != os.geteuid() and not shared:
        problem = (f"appartient au compte {_account(info.st_uid)}, et le dossier n'est pas un dossier partagé "
                   "de son groupe (set-group-ID)")
    elif info.st_mode & stat.S_IWOTH:
        problem = f"peut être modifié par tous les comptes (mode {stat.S_IMODE(info.st_mode):04o})"
    if problem:
        os.close(fd)
        raise UnsafeFile(f"Le verrou {path} {problem} : jury-tui ne l'a pas créé ainsi. Supprimez-le (rm {path}) "
                         "puis recommencez, ou demandez-le à qui l'a mis là.", code="UNSAFE_FILE")


def _account(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _try_flock(fd: int, mode: int) -> bool:
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in _BUSY:
            return False
        raise
    return True


def _read_info(fd: int) -> dict | None:
    try:
        data = os.pread(fd, 4096, 0)
        info = orjson.loads(data) if data else None
    except (OSError, orjson.JSONDecodeError):
        return None
    return info if isinstance(info, dict) else None


def process_alive(info: dict) -> bool:
    """Whether the holder's process still runs (assumed so on another host)."""
    if info.get("host") != seams.identity().host:
        return True
    pid = info.get("pid")
    if type(pid) is not int or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_live_app(info: dict | None) -> bool:
    return bool(info) and info.get("kind") == "app" and process_alive(info)


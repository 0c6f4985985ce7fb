"""Opening a session's own files without following what someone planted in their place.

In a jury's shared folder (set-group-ID, writable by every member of the group) any member
can put a symbolic link, a hard link, a FIFO or a folder where the store expects the
session, its lock or a backup. Writing through such a link would empty or overwrite the
file it points to (a colleague's, or the system's password file when root runs `jury`);
reading a FIFO would block for ever. So the store opens its files here: never following a
link (`O_NOFOLLOW`), never blocking (`O_NONBLOCK`), and it refuses anything but a regular
file (with a single name, for the lock, which is written in place). New files are created
with `O_EXCL` (a name someone made first is never reused) by `atomic.write_atomic` and the
lock; they replace their target by a rename, which replaces a link and never follows it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from jury_tui.errors import JuryError

NOFOLLOW = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC

_KINDS = (
    (stat.S_ISDIR, "un dossier", "rmdir"),
    (stat.S_ISFIFO, "un tube nommé (FIFO)", "rm"),
    (stat.S_ISSOCK, "une socket", "rm"),
    (stat.S_ISCHR, "un périphérique", "rm"),
    (stat.S_ISBLK, "un périphérique", "rm"),
)


class UnsafeFile(JuryError):
    """A file of the session that is not a regular file of its own: a link, a FIFO, a folder…"""


def real_path(path: Path) -> Path:
    """The file a session path designates: the path itself, or the target of the symbolic
    link it is (followed to the end). The lock, temporary files and backups of a session
    live beside its real file, so that every path to one session shares one lock."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def open_regular(path: Path, flags: int, what: str, mode: int = 0o600, *, single: bool = False) -> int:
    """`os.open(path, flags)` without following a link nor blocking, checked to be a regular
    file (`single`: with no other name, for a file written in place); `what` names the file
    in the refusal (« le verrou », « le fichier de session »). Other OSErrors propagate, for
    the caller's message."""
    try:
        fd = os.open(path, flags | NOFOLLOW, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno == errno.EISDIR and os.path.isdir(path)):
            raise unsafe(path, what) from None
        raise
    try:
        check_regular(fd, path, what, single=single)
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_regular(fd: int, path: Path, what: str, *, single: bool = False) -> os.stat_result:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or (single and info.st_nlink != 1):
        raise unsafe(path, what, info)
    return info


def read_regular(path: Path, what: str) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file opened as `open_regular` opens it, and its stat."""
    fd = open_regular(path, os.O_RDONLY, what)
    try:
        info = os.fstat(fd)
        chunks = []
        while chunk := os.read(fd, max(info.st_size, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks), info
    finally:
        os.close(fd)


def unsafe(path: Path, what: str, info: os.stat_result | None = None) -> UnsafeFile:
    """The refusal of a file that is not a regular file of its own, saying what to remove."""
    info = info or _lstat(path)
    if info is None or stat.S_ISLNK(info.st_mode):
        target = _readlink(path)
        found = "un lien symbolique" + (f" (vers {target})" if target else "")
        remove = "rm"
        why = "jury-tui n'écrit jamais à travers un lien, qui pourrait lui faire écraser un autre fichier"
    elif stat.S_ISREG(info.st_mode):
        found, remove = f"un fichier à {info.st_nlink} noms (lien physique)", "rm"
        why = "jury-tui n'écrit pas dans un fichier qui porte aussi un autre nom, ailleurs"
    else:
        found, remove = next(((label, cmd) for test, label, cmd in _KINDS if test(info.st_mode)), ("inconnu", "rm"))
        why = "ce n'est pas un fichier ordinaire"
    return UnsafeFile(
        f"{what[:1].upper()}{what[1:]} {path} est {found} : {why}. Supprimez-le ({remove} {path}) "
        "puis recommencez, ou demandez-le à qui l'a mis là.",
        code="UNSAFE_FILE",
    )


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def _readlink(path: Path) -> str | None:
    try:
        return os.readlink(path)
    except OSError:
        return None

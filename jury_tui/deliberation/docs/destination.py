"""Where an export may write: never over a session, its lock, a backup, or another kind of file.

    check_destination(session.path, "csv", Path("resultats.csv"), ["resultats.csv"])

Each kind of document declares the format of the files it writes (`KIND_FORMATS`); a format
says its file name's extension and how its files begin. Before anything is rendered, every
file an export would put in place (the document, each file of a `--split` folder, each PDF
of `--pdf`) is checked, and the export is refused, naming the file, when that file:

- is the session itself (under any name: a hard link, a session named `x.csv`), a session's
  lock (`SESSION.lock`), backup (`SESSION.….bak`) or temporary file;
- does not end with the extension of its kind (a `.csv` export needs a `.csv` name);
- is a symbolic link (the export would replace the link, not what it points to; and a link
  planted in a shared folder must not steer a write), or exists and is not a regular file;
- exists and is not a file of that kind: a session (JSON) never becomes a CSV, a document
  that is not a Word file is never replaced by one.

Files are inspected without following links and without blocking (a FIFO planted in a
shared folder is refused, not opened for reading).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from jury_tui.errors import JuryError, Place, Problem, os_cause


@dataclass(frozen=True)
class FileFormat:
    """The files of one format: their extension, a label, how they begin (None: any text)."""

    extension: str  # ".docx"
    label: str  # « document Word »
    magic: bytes | None = None  # the first bytes of every such file


DOCX = FileFormat(".docx", "document Word", b"PK\x03\x04")
PDF = FileFormat(".pdf", "document PDF", b"%PDF-")
CSV = FileFormat(".csv", "fichier CSV")
XLSX = FileFormat(".xlsx", "classeur Excel", b"PK\x03\x04")

# The format of each kind of document. A new kind of document declares its format here.
KIND_FORMATS = {"pv": DOCX, "releves": DOCX, "attestations": DOCX, "admis": DOCX, "csv": CSV, "xlsx": XLSX}
FORMATS_BY_EXTENSION = {f.extension: f for f in (DOCX, PDF, CSV, XLSX)}

# Files of a session that are not the session: its lock, its backups (store/backups.py), the
# temporary files of its atomic writes (store/atomic.py) and of the documents' (documents/files.py).
_SESSION_FILES = (
    (re.compile(r".+\.lock"), "c'est le verrou d'une session"),
    (re.compile(r".+\.\d{8}T\d{6}Z(?:-\d+)?\.[a-z0-9_-]+\.bak"), "c'est une sauvegarde de session"),
    (re.compile(r"\..+\.tmp(?:-.*)?"), "c'est un fichier temporaire d'une écriture en cours"),
)
_HEAD = 4096  # bytes read to recognise a file's format


def format_of(kind: str) -> FileFormat:
    return KIND_FORMATS[kind]


def check_destination(session: Path, kind: str, target: Path, names: list[str], *, split: bool = False,
                      pdf: bool = False) -> None:  # fmt: skip
    """Refuse (JuryError naming the file) an export of `kind` that would put `names` in place
    at `target` (a file, or with `split` a folder holding `names`) over anything but a
    document of the same kind. `pdf`: each document's PDF goes beside it too."""
    fmt = format_of(kind)
    if split:
        _check_folder(target)
        folder = target
    else:
        folder = target.parent
        _refuse_file(session, target, fmt, option=True)
    for name in names if split else []:
        _refuse_file(session, folder / name, fmt)
    if pdf:
        for name in names:
            _refuse_file(session, (folder / name).with_suffix(PDF.extension), PDF)


def _check_folder(target: Path) -> None:
    info = _lstat(target)
    if info is None:
        return
    if stat.S_ISLNK(info.st_mode):
        raise _refusal(target, f"--split : c'est un lien symbolique (vers {os.readlink(target)}) : un export "
                               "n'écrit pas à travers un lien ; donnez le chemin du dossier lui-même")  # fmt: skip
    if not stat.S_ISDIR(info.st_mode):
        raise _refusal(target, "--split : --out doit désigner un dossier (un fichier par candidat)")


def _refuse_file(session: Path, path: Path, fmt: FileFormat, *, option: bool = False) -> None:
    """Refuse `path` as the destination of a file of format `fmt`, when it is not one."""
    info = _lstat(path)
    if info is not None and _same_file(info, session):
        raise _refusal(path, f"c'est le fichier de la session {session} : un export ne le remplace jamais ; "
                             "choisissez un autre nom")  # fmt: skip
    for pattern, what in _SESSION_FILES:
        if pattern.fullmatch(path.name):
            raise _refusal(path, f"{what} : un export ne le remplace jamais ; choisissez un autre nom")
    if path.suffix.lower() != fmt.extension:
        where = "--out : " if option else ""
        raise _refusal(path, f"{where}le nom du document doit finir par {fmt.extension} ({fmt.label})")
    if info is None:
        return
    if stat.S_ISLNK(info.st_mode):
        raise _refusal(path, f"c'est un lien symbolique (vers {os.readlink(path)}) : un export ne remplace pas "
                             "un lien ; supprimez-le ou choisissez un autre nom")  # fmt: skip
    if stat.S_ISDIR(info.st_mode):
        return  # the caller says what a folder means here
    if not stat.S_ISREG(info.st_mode):
        raise _refusal(path, "ce n'est pas un fichier ordinaire : un export ne le remplace pas ; "
                             "choisissez un autre nom")  # fmt: skip
    head = _head(path)
    if head.lstrip()[:1] in (b"{", b"["):
        raise _refusal(path, "ce fichier contient du JSON (une session jury-tui ?) : un export ne le remplace "
                             "pas ; choisissez un autre nom")  # fmt: skip
    if head and not _is(head, fmt):
        raise _refusal(path, f"ce fichier existe et n'est pas un {fmt.label} : un export ne remplace qu'un "
                             "document du même type ; choisissez un autre nom ou déplacez ce fichier")  # fmt: skip


def _is(head: bytes, fmt: FileFormat) -> bool:
    if fmt.magic is not None:
        return head.startswith(fmt.magic)
    # text: not a file of one of the binary formats, no NUL byte
    others = (f.magic for f in FORMATS_BY_EXTENSION.values() if f.magic is not None)
    return not any(head.startswith(magic) for magic in others) and b"\x00" not in head


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _refusal(path, f"destination inaccessible : {os_cause(exc)}") from exc


def _same_file(info: os.stat_result, session: Path) -> bool:
    try:
        mine = os.stat(session)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (mine.st_dev, mine.st_ino)


def _head(path: Path) -> bytes:
    """The first bytes of a regular file, opened without following a link nor blocking."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise _refusal(path, f"destination illisible : {os_cause(exc)} ; un export ne remplace pas un fichier "
                             "qu'il ne peut pas reconnaître") from exc  # fmt: skip
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _refusal(path, "ce n'est pas un fichier ordinaire : un export ne le remplace pas")
        return os.pread(fd, _HEAD, 0)
    finally:
        os.close(fd)


def _refusal(path: Path, message: str) -> JuryError:
    return JuryError(Problem(message, Place(file=str(path)), code="EXPORT_DESTINATION"))

"""Timestamped backup copies of a session, kept beside it (the last ten).

A backup of `demo.json` is named `demo.json.20260620T080001Z.import.bak` (a counter is
added when two are taken in the same second: `...T080001Z-2.import.bak`). It carries the
session's mode and group. To restore one, copy it over the session file (or `jury restore`).
A backup is kept only for a write that landed (`around_write`).
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from jury_tui import seams
from jury_tui.errors import JuryError
from jury_tui.store.atomic import Ownership, cause_fr, write_atomic
from jury_tui.store.safe_open import read_regular

KEEP = 10
T = TypeVar("T")
_STAMP = "%Y%m%dT%H%M%SZ"


def _pattern(session: Path) -> re.Pattern[str]:
    return re.compile(re.escape(session.name) + r"\.(\d{8}T\d{6}Z)(?:-(\d+))?\.([a-z0-9_-]+)\.bak")


def clean_label(label: str) -> str:
    ascii_only = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9_-]+", "-", ascii_only.lower()).strip("-")
    return cleaned or "sauvegarde"


def _sort_key(match: re.Match[str]) -> tuple[str, int]:
    return match.group(1), int(match.group(2) or 1)


def list_backups(session: Path) -> list[Path]:
    """This session's backups, newest first."""
    pattern = _pattern(session)
    found: list[tuple[tuple[str, int], Path]] = []
    try:
        with os.scandir(session.parent) as entries:
            for entry in entries:
                match = pattern.fullmatch(entry.name)
                if match and entry.is_file(follow_symlinks=False):  # a link planted there is no backup
                    found.append((_sort_key(match), session.parent / entry.name))
    except OSError:
        return []
    found.sort(key=lambda item: item[0], reverse=True)
    return [p for _, p in found]


def _free_name(session: Path, label: str) -> Path:
    """A new backup name; a counter orders several taken in the same second, any label."""
    stamp = seams.now().strftime(_STAMP)
    pattern = _pattern(session)
    taken = [
        _sort_key(match)[1]
        for match in (pattern.fullmatch(p.name) for p in list_backups(session))
        if match and match.group(1) == stamp
    ]
    counter = max(taken, default=0) + 1
    suffix = stamp if counter == 1 else f"{stamp}-{counter}"
    return session.with_name(f"{session.name}.{suffix}.{label}.bak")


def make_backup(session: Path, label: str, keep: int | None = KEEP, *, data: bytes | None = None) -> Path:
    """Copy `session` (or `data`, its bytes as read) to a new timestamped backup beside it;
    prune to the last `keep` (None: no pruning)."""
    try:
        if data is None:
            data, st = read_regular(session, "le fichier de session")
        else:
            st = os.stat(session)
    except OSError as exc:
        raise JuryError(
            f"Sauvegarde impossible de {session} : {cause_fr(exc)} ; rien n'a été modifié.",
            code="BACKUP_FAILED",
        ) from exc
    target = _free_name(session, clean_label(label))
    write_atomic(target, data, Ownership(stat.S_IMODE(st.st_mode), st.st_gid))
    if keep is not None:
        prune(session, keep)
    return target


def around_write(session: Path, previous: bytes, labels: list[str], write: Callable[[], T]) -> T:
    """Run `write` (the session's atomic write), with a backup of `previous` (the session as it
    is) for each of `labels` (an import, a migration), kept only if the write lands.

    A backup exists only for a write that happened: when `write` fails and the session still
    holds `previous`, the backups just made are removed; a writer killed between its backup
    and its write leaves a backup identical to the session, removed by the next write
    (`drop_unlanded`). Pruning to the last ten comes after a landed write: failed attempts
    never push good backups out."""
    drop_unlanded(session, previous)
    made = [make_backup(session, label, None, data=previous) for label in labels]
    try:
        result = write()
    except BaseException:
        if _holds(session, previous):
            for path in made:
                _unlink(path)
        raise
    if made:
        prune(session)
    return result


def drop_unlanded(session: Path, current: bytes) -> None:
    """Remove the newest backup when it holds exactly the session as it is: it was taken for a
    write that never landed (its writer was killed in between)."""
    newest = list_backups(session)[:1]
    if newest and _holds(newest[0], current):
        _unlink(newest[0])


def _holds(path: Path, data: bytes) -> bool:
    try:
        if os.lstat(path).st_size != len(data):
            return False
        return read_regular(path, "la sauvegarde")[0] == data
    except (OSError, JuryError):
        return False


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def prune(session: Path, keep: int = KEEP) -> None:
    for old in list_backups(session)[keep:]:
        _unlink(old)

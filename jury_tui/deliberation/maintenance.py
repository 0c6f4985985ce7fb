"""Backups and restore (DESIGN.md §3: a timestamped backup before each import)."""

from __future__ import annotations

import re
from pathlib import Path

from jury_tui.errors import JuryError


def list_backups(session) -> list[tuple[Path, str]]:
    """(path, label) of the session's backups, newest first."""
    out = []
    for p in session.store.backups():
        m = re.search(r"\.([^.]+)\.bak$", p.name)
        out.append((p, m.group(1) if m else ""))
    return out


def restore_backup(session, backup: str) -> None:
    """Put a backup back, on record. Refused once a tour is signed.

    The session's audit log is kept whole (the restoration is appended to it); only the
    deliberation state is replaced. A backup of the session as it was is taken first.
    """
    from jury_tui.store import SessionFile

    path = Path(backup)
    if not path.is_file():
        raise JuryError(f"{backup} : sauvegarde introuvable (« jury restore {session.path} » les liste)")
    try:
        old = SessionFile(path).load()
    except JuryError:
        raise
    except Exception:
        raise JuryError(f"{backup} : fichier illisible, ce n'est pas une sauvegarde de session") from None
    with session.store.transaction(wait=session.wait) as tx:
        if any(((tx.state.get("tours") or {}).get(t) or {}).get("signature") for t in ("1", "2")):
            raise JuryError("un tour est signé : la restauration n'est plus possible (« jury reopen » d'abord)")
        if not _same_session(old.audit, tx.audit):
            raise JuryError(f"{backup} n'est pas une sauvegarde de cette session ({session.path})")
        tx.backup("restauration")
        tx.state.clear()
        tx.state.update(old.state)
        tx.record("restauration", after={"sauvegarde": path.name})


def _same_session(backup_audit, audit) -> bool:
    """A backup belongs to a session when their audit logs start with the same creation entry."""
    if not backup_audit or not len(audit):
        return False
    first, mine = backup_audit[0], audit[0]
    return first.get("empreinte") is not None and first.get("empreinte") == mine.get("empreinte")

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
    """Put a backup back, on record. Refused once a tour is signed."""
    from jury_tui.store import SessionFile

    path = Path(backup)
    if not path.is_file():
        raise JuryError(f"{backup} : sauvegarde introuvable (« jury restore {session.path} » les liste)")
    old = SessionFile(path).load()
    view = session.view()
    if view.signature(1) or view.signature(2):
        raise JuryError("un tour est signé : la restauration n'est plus possible (« jury reopen » d'abord)")
    if old.state.get("header", {}).get("annee") != view.header.get("annee"):
        raise JuryError(f"{backup} n'est pas une sauvegarde de cette session")
    session.store.backup("restauration")
    with session.store.transaction(wait=session.wait) as tx:
        tx.state.clear()
        tx.state.update(old.state)
        tx.record("restauration", after={"sauvegarde": path.name})

"""The app's hold on one session: its current view, and whether it may write.

Textual-free. Every change goes through `Session`; after each one, and whenever the file
changed under a follower, `refresh()` reloads the view and says what changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jury_tui.deliberation import Session, SessionView
from jury_tui.deliberation.app_support import Changes, reload_view
from jury_tui.errors import LockBusy

WRITER = "writer"
FOLLOWER = "follower"


@dataclass
class Holder:
    """Who holds the session when we follow it."""

    info: dict
    message: str  # French, as the store words it


class SessionModel:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.session = Session(self.path)
        self.view: SessionView | None = None
        self.version: tuple | None = None
        self.mode: str = FOLLOWER
        self.chosen_read_only = False  # opened with --read-only
        self.holder: Holder | None = None
        self.generation = 0

    # ---- reading ------------------------------------------------------------------------
    def load(self) -> Changes:
        """First load (raises JuryError when the file cannot be read)."""
        self.view, self.version, changes = reload_view(self.session, None)
        self.generation += 1
        return changes

    def refresh(self) -> Changes:
        view, version, changes = reload_view(self.session, self.view)
        self.view, self.version = view, version
        if changes.any:
            self.generation += 1
        return changes

    def changed_on_disk(self) -> bool:
        """Cheap: compare the file's stat with the version last read."""
        return self.session.version() != self.version

    # ---- the lock -----------------------------------------------------------------------
    @property
    def writable(self) -> bool:
        return self.mode == WRITER

    def try_hold(self) -> bool:
        """Take the session for writing; on LockBusy become a follower naming the holder."""
        try:
            self.session.hold()
        except LockBusy as exc:
            self.mode = FOLLOWER
            self.holder = Holder(exc.holder or self.session.holder() or {}, str(exc))
            return False
        self.mode, self.holder = WRITER, None
        return True

    def follow(self) -> None:
        """Read-only by choice."""
        self.chosen_read_only = True
        self.mode = FOLLOWER
        info = self.session.holder()
        self.holder = Holder(info, "") if info else None

    def holder_now(self) -> dict | None:
        return self.session.holder()

    def release(self) -> None:
        """Release the lock if held; never raises (called from signal handlers)."""
        try:
            self.session.release()
        except Exception:  # noqa: BLE001 - releasing must not fail the exit
            pass
        if self.mode == WRITER:
            self.mode = FOLLOWER



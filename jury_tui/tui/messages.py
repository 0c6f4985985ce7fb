"""The app's messages, as dataclasses (posting's and harlequin's pattern).

`SessionUpdate` is the payload of the app's `session_changed` signal: every screen that
shows the session subscribes to it and updates what changed, in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from jury_tui.deliberation.app_support import Changes


@dataclass(frozen=True)
class SessionUpdate:
    """The session was reloaded (after an act of ours, or a writer's change we follow)."""

    changes: Changes
    generation: int
    mode_changed: bool = False  # writable <-> read-only


@dataclass
class CandidateChosen(Message):
    """Open the sheet of this candidate."""

    numero: str


@dataclass
class SortRequested(Message):
    """A column header was clicked."""

    column: str

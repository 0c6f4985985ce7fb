"""The jury's operations (DESIGN.md §1): the one layer the CLI and the app call."""

from jury_tui.deliberation.session import Session, create_session
from jury_tui.deliberation.view import CheckReport, SessionView

__all__ = ["Session", "SessionView", "CheckReport", "create_session"]

"""The jury's operations (DESIGN.md §1): the one layer the CLI and the app call."""

from jury_tui.deliberation.session import Session, create_session

__all__ = ["Session", "SessionView", "CheckReport", "create_session"]


def __getattr__(name: str):
    # The view (and the rules engine behind it) loads when first asked for: `jury new` does not.
    if name in ("SessionView", "CheckReport"):
        from jury_tui.deliberation import view

        return getattr(view, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

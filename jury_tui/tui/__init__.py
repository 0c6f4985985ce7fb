"""The deliberation app (Textual). `run` is what `jury open` calls; `make_app` builds the app
for `run` and for the tests alike, so that tests drive the very app users get."""

from __future__ import annotations

import sys
from pathlib import Path


def make_app(
    session_path: str | Path,
    *,
    read_only: bool = False,
    take_over: bool = False,
    poll_interval: float = 0.5,
    announce_path: bool = False,
):
    """The app for one session file; nothing is read before it starts."""
    from jury_tui.tui.app import JuryApp

    return JuryApp(
        Path(session_path),
        read_only=read_only,
        take_over=take_over,
        poll_interval=poll_interval,
        announce_path=announce_path,
    )


def run(session_path: Path, *, read_only: bool, take_over: bool) -> int:
    """Run the app on a terminal; the exit code (0, or 128 + signal after SIGHUP/SIGTERM)."""
    if read_only and take_over:
        print("Erreur : --read-only et --take-over s'excluent ; choisissez l'un des deux.", file=sys.stderr)
        return 2
    app = make_app(session_path, read_only=read_only, take_over=take_over, announce_path=True)
    try:
        code = app.run()
    finally:
        app.model.release()
    if app.hung_up:
        return app.return_code or 1
    if app.open_error:
        print(f"Erreur : {app.open_error}", file=sys.stderr)
        return 1
    print(f"Session : {Path(session_path).resolve()}")
    return code if isinstance(code, int) else (app.return_code or 0)

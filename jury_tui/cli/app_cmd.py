"""`jury open`: the deliberation app."""

from __future__ import annotations

from pathlib import Path

import click

from jury_tui.cli import cli, long_running


@cli.command("open")
@click.argument("session", required=False, type=click.Path(dir_okay=False))
@click.option("--read-only", is_flag=True, help="Open without taking the session (follow the writer's changes).")
@click.option("--take-over", is_flag=True, help="Ask the process holding the session to leave, then take it (on record).")
def open_cmd(session, read_only, take_over):
    """Open SESSION in the app. Without SESSION: a fresh copy of the demo session."""
    long_running()
    if session is None:
        from jury_tui.demo import build_demo, default_demo_path

        path = build_demo(default_demo_path())
        click.echo(f"Copie de la session de démonstration : {path}")
    else:
        from jury_tui.cli.commands import check_session_file

        check_session_file(session)
        path = Path(session)
    from jury_tui.tui import run

    raise SystemExit(run(path, read_only=read_only, take_over=take_over))

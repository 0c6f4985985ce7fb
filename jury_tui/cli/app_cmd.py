"""`jury open`: the deliberation app."""

from __future__ import annotations

from pathlib import Path

import click

from jury_tui.cli import cli, long_running
from jury_tui.cli.params import FilePath, argument, option


@cli.command("open")
@argument("session", metavar="[SESSION]", required=False, type=FilePath())
@option("--read-only", is_flag=True, help="Ouvre sans prendre la session (suit les changements de celui qui l'a).")
@option("--take-over", is_flag=True, help="Demande au processus qui tient la session de la quitter, puis la prend "
        "(après confirmation ; noté au journal).")
def open_cmd(session, read_only, take_over):
    """Ouvre une session dans l'application.

    Sans SESSION : une copie neuve de la session de démonstration, dans le dossier
    courant. Une seconde ouverture de la même session est en lecture seule et suit
    les changements."""
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

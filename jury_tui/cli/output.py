"""Printing for humans (tabulate) and machines (JSON)."""

from __future__ import annotations

import json

import click

# The version of every `--format json` shape (README, « JSON outputs »). Keys are French,
# unaccented, stable: a script reads `format` first. Bump it when a key is renamed, removed
# or changes meaning; adding a key keeps the version.
JSON_FORMAT = 2


def echo_json(data: dict) -> None:
    """One JSON object on stdout, its shape's version first."""
    click.echo(json.dumps({"format": JSON_FORMAT, **data}, ensure_ascii=False, indent=2))


def table(rows: list[list], headers: list[str]) -> str:
    from tabulate import tabulate

    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def done(message: str) -> None:
    click.echo(message)

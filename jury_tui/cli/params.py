"""The parameters the commands share, and the French types every parameter uses.

A command declares its parameters with these (`option`, `argument`, `SESSION`, `FILE`,
`fmt_option`...), so that its help and its usage errors are French (jury_tui.cli.french):

    @cli.command()
    @SESSION
    @argument("numero", metavar="NUMERO")
    @option("--reason", metavar="MOTIF", required=True, help="Pourquoi (noté au journal).")

A value a type refuses is said in French, with what is accepted. Enumerated values are read
as the import files read them: case, accents, spaces and hyphens do not count
(`« non délivré »` = `non_delivre`, `Ajourné` = `ajourne`).
"""

from __future__ import annotations

import functools
import os

import click

from jury_tui.cli.french import FrenchOption


class Choice(click.Choice):
    """One of a few words, typed with or without accents, capitals, spaces or hyphens."""

    def __init__(self, choices, labels: dict[str, str] | None = None):
        super().__init__(list(choices), case_sensitive=True)
        self.labels = labels or {}  # value -> how to show it in an error (« non délivré »)

    def convert(self, value, param, ctx):
        if value in self.choices:
            return value
        from jury_tui.importing.tables import normalize_value

        folded = normalize_value(str(value))
        if folded in self.choices:
            return folded
        shown = ", ".join(self.labels.get(c, c) for c in self.choices)
        self.fail(f"« {value} » n'est pas une valeur possible ; valeurs : {shown}", param, ctx)


class Integer(click.types.IntParamType):
    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(f"« {value} » n'est pas un nombre entier", param, ctx)


class FilePath(click.Path):
    """A file's path (a folder is refused); completed as a file by the shell."""

    def __init__(self):
        super().__init__(dir_okay=False)

    def convert(self, value, param, ctx):
        if os.path.isdir(value):
            self.fail(f"« {value} » est un dossier : donnez le chemin d'un fichier", param, ctx)
        return super().convert(value, param, ctx)


option = functools.partial(click.option, cls=FrenchOption)


def argument(name: str, *, metavar: str, **kwargs):
    """A positional argument; its metavar (what the usage line shows) is French."""
    return click.argument(name, metavar=metavar, **kwargs)


SESSION = argument("session", metavar="SESSION", type=FilePath())
FILE = argument("file", metavar="FICHIER", type=FilePath())
NUMERO = argument("numero", metavar="NUMERO")
UNIT = argument("unit", metavar="UNITE")


def reason_option(help: str, *, required: bool = True):
    return option("--reason", metavar="MOTIF", required=required, help=help)


def fmt_option(*choices: str, help: str):
    """`--format`: how to print (the first choice by default)."""
    return option("--format", "fmt", type=Choice(choices), default=choices[0], show_default=True,
                  metavar="|".join(choices), help=help)  # fmt: skip


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from jury_tui.domain.text import shown
    from jury_tui.importing.encodings import canonical, choices

    name = canonical(value)
    if name is None:
        raise click.BadParameter(f"« {shown(value)} » : encodages possibles : {choices()}", ctx, param)
    return name


encoding_option = option(
    "--encoding", metavar="ENCODAGE", callback=_encoding,
    help="CSV : l'encodage du fichier (utf-8, windows-1252, iso-8859-15, iso-8859-1, mac-roman). "
         "Par défaut : UTF-8, sinon Windows-1252 quand rien n'est ambigu.",
)

"""`jury`: the exam office's and the jury's command line (DESIGN.md §2).

Exit codes: 0 done; 1 refused (bad data, rule, lock, failed check), with a French message
on stderr naming the place; 2 usage error; 141 the reader closed the pipe (french.py). A
refused command changes nothing on disk.
Heavy modules are imported inside the commands, so that `jury --help` starts fast.
"""

from __future__ import annotations

import gc
import os
import sys

import click

from jury_tui import __version__
from jury_tui.cli.french import FrenchCommand, FrenchGroup
from jury_tui.cli.params import option
from jury_tui.errors import JuryError

UNEXPECTED = (
    "Erreur inattendue ({kind}) : la commande s'est arrêtée. Une écriture dans la session est entière ou n'a "
    "pas eu lieu : vérifiez avec « jury results » ou « jury audit ». Le détail technique, qui peut contenir "
    "des données des candidats, n'est pas affiché : relancez avec JURY_DEBUG=1 pour le voir, et signalez l'erreur."
)


# Where each command is defined: a command's module is imported only when the command runs
# (or when help lists every command), so that `jury results` does not load the app's or the
# documents' modules. tests/cli/test_commands.py holds this table to the modules' contents.
COMMAND_MODULES = {
    "new": "commands",
    "import": "commands",
    "set": "commands",
    "withdraw": "commands",
    "results": "commands",
    "check": "commands",
    "decide": "commands",
    "adjust": "commands",
    "controle": "commands",
    "sign": "commands",
    "reopen": "commands",
    "audit": "commands",
    "restore": "commands",
    "demo": "commands",
    "regulation": "regulation_cmds",
    "export": "document_cmds",
    "verify": "document_cmds",
    "open": "app_cmd",
}


class JuryCommand(FrenchCommand):
    """A command whose arguments are checked before it runs (cli/arguments.py)."""

    def invoke(self, ctx: click.Context):
        from jury_tui.cli.arguments import check_arguments

        check_arguments(ctx)
        return super().invoke(ctx)


class JuryGroup(FrenchGroup):
    """Turns every JuryError into a French message on stderr and exit code 1.

    Any other exception is a bug: it also ends with exit code 1 and a French message naming
    its type only. A traceback's text and values can hold names and grades, so it is shown
    only when JURY_DEBUG is set. Help and usage errors are French (jury_tui.cli.french).

    Commands are registered by their modules, imported when first asked for (COMMAND_MODULES).
    Its commands are JuryCommands and its groups JuryGroups: every argument of every command,
    and the group's own (--as, JURY_AS), is checked before anything runs (cli/arguments.py)."""

    command_class = JuryCommand
    group_class = type

    def get_command(self, ctx: click.Context, cmd_name: str):
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            _load(COMMAND_MODULES[cmd_name])
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in dict.fromkeys(COMMAND_MODULES.values()):
            _load(module)
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context):
        try:
            from jury_tui.cli.arguments import check_arguments

            check_arguments(ctx)
            return super().invoke(ctx)
        except JuryError as exc:
            for problem in exc.problems:
                click.echo(f"Erreur : {problem}", err=True)
            ctx.exit(1)
        except (click.exceptions.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise
        except BrokenPipeError:
            raise  # the reader went away: `main` ends quietly (EXIT_PIPE_CLOSED)
        except Exception as exc:  # noqa: BLE001 - a bug must not print candidates' data
            if os.environ.get("JURY_DEBUG"):
                raise
            click.echo(UNEXPECTED.format(kind=type(exc).__name__), err=True)
            ctx.exit(1)


@click.group(cls=JuryGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="jury", message="%(prog)s, version %(version)s",
                      help="Affiche la version et quitte.")  # fmt: skip
@option("--as", "acting_as", metavar="NOM", envvar="JURY_AS",
        help="La personne notée au journal (comptes partagés ; JURY_AS). Par défaut : l'utilisateur du système.")  # fmt: skip
def cli(acting_as: str | None) -> None:
    """Délibérations des jurys de BTS : moyennes, décisions, procès-verbaux.

    Le service des examens crée et remplit une session par des commandes
    (new, import, set, withdraw) ; le jury délibère dans l'application (open)
    ou par decide, adjust, sign ; les documents viennent d'export. SESSION est
    le chemin d'un fichier de session (un fichier JSON TinyDB).

    \b
    Codes de sortie : 0 fait ; 1 refusé (données, règle, verrou, contrôle
    en échec), avec un message en français sur la sortie d'erreur ; 2 erreur
    d'utilisation ; 141 lecteur parti (jury results | head). Une commande
    refusée ne modifie rien.

    \b
    Environnement : JURY_AS (comme --as) ; JURY_WAIT (secondes d'attente
    de la transaction d'une autre commande avant refus ; 5 par défaut) ;
    JURY_DEBUG (montre le détail technique d'une erreur inattendue, qui peut
    contenir des données des candidats).

    Aide d'une commande : jury COMMANDE --help.
    """
    from jury_tui import seams

    seams.set_acting_as(acting_as or None)


def _load(module: str) -> None:
    """Import a command module (it registers its commands on `cli`)."""
    import importlib

    try:
        importlib.import_module(f"jury_tui.cli.{module}")
    except ImportError:
        if module != "document_cmds":
            raise
        # documents not installed in this build: `export` and `verify` are then unknown


def main() -> None:
    """The `jury` process. A command is a short process that builds many objects at once (a
    session of thousands of candidates, parsed, computed, written): the cycle collector would
    walk them again and again while they are built, then once more as the interpreter exits,
    to find no garbage. It stays off, except in the long-running commands (the app, documents),
    which turn it back on (`long_running`); what is left when the command ends is frozen, so
    that the exit does not walk it."""
    gc.disable()
    try:
        cli(prog_name="jury")
    finally:
        gc.freeze()


def long_running() -> None:
    """A command that runs long or builds much garbage (the app, documents): collect cycles."""
    gc.enable()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

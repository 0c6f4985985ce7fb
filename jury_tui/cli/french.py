"""The command line in French: help, usage lines and usage errors (DESIGN.md §2).

click writes its own words in English (`Usage:`, `Missing option`, `No such command`). Rather
than translating them (click looks them up through gettext in the user's locale, and a new
click release may reword any of them silently), every word the user reads is ours:

- help: `FrenchFormatter` (usage prefix, section headings), `FrenchCommand` / `FrenchGroup`
  (the « Commandes » section, the help option's text), `FrenchOption` (metavars and the
  [obligatoire] / [défaut : …] notes, built from the option's own attributes);
- errors: the parameter types of `jury_tui.cli.params` refuse a value in French, unknown
  commands and extra arguments are refused here, and `main` prints every click error itself,
  in French, from the exception's type and public attributes (never from its English text).

tests/cli/test_french.py runs every command's help and every kind of usage error and finds
no English word in them: a click release that adds an error of a new kind shows up there.
"""

from __future__ import annotations

import difflib
import os
import re
import sys

import click
from click.exceptions import BadOptionUsage, BadParameter, MissingParameter, NoSuchOption, UsageError

# A reader that closed the pipe (`jury results | head`): the code a shell gives a program
# killed by SIGPIPE (128 + 13), which scripts under `set -o pipefail` already expect. What the
# command did (a decision, an export) is done; only its output was cut short.
EXIT_PIPE_CLOSED = 141
EXIT_ABORTED = 1  # a confirmation answered no, or ctrl-c: nothing was done

# The metavars of options that do not name their own (click's are English: TEXT, INTEGER...)
_METAVARS = {"text": "TEXTE", "integer": "ENTIER", "float": "NOMBRE", "path": "CHEMIN", "filename": "FICHIER"}


_NBSP = "\u00a0"
_BEFORE_PUNCTUATION = re.compile(r" (?=[:;?!»])")  # French spacing, which a line must not break


def glue(text: str) -> str:
    """The spaces of French typography made non-breaking, so that wrapping never leaves a
    « » or a colon alone at the start of a line."""
    return _BEFORE_PUNCTUATION.sub(_NBSP, text.replace("« ", "«" + _NBSP))


class FrenchFormatter(click.HelpFormatter):
    def write_text(self, text: str) -> None:
        super().write_text(glue(text))

    def write_dl(self, rows, *args, **kwargs) -> None:
        super().write_dl([(term, glue(definition)) for term, definition in rows], *args, **kwargs)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Utilisation : " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading} :\n")  # French spacing before the colon


class FrenchContext(click.Context):
    formatter_class = FrenchFormatter


class FrenchUsageError(UsageError):
    """A usage error whose message is already French (exit code 2)."""


class FrenchOption(click.Option):
    """An option whose help line is French: its metavar, and the notes click would add in
    English ([required], [default: …], [env var: …]) written from its attributes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.metavar is None and not self.is_flag and not isinstance(self.type, click.Choice):
            self.metavar = _METAVARS.get(self.type.name, self.type.name.upper())

    def get_help_record(self, ctx: click.Context):
        record = super().get_help_record(ctx)
        if record is None:
            return None
        notes = []
        if self.required:
            notes.append("obligatoire")
        if self.show_default and self.default is not None and not self.is_flag:
            notes.append(f"défaut : {self.default}")
        if self.show_envvar and isinstance(self.envvar, str):
            notes.append(f"variable d'environnement : {self.envvar}")
        text = self.help or ""
        if notes:
            text = f"{text}  [{' ; '.join(notes)}]" if text else f"[{' ; '.join(notes)}]"
        return record[0], text


class _French:
    """What commands and groups share: the French context, help option and extra arguments."""

    context_class = FrenchContext

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Affiche cette aide et quitte."
        return option

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # extra arguments are refused below, in French
        try:
            rest = super().parse_args(ctx, args)
        except UsageError as exc:
            if exc.ctx is None:  # the parser's own errors come without it: show the usage line too
                exc.ctx = ctx
            raise
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            plural = "s" if len(rest) > 1 else ""
            raise FrenchUsageError(f"argument{plural} en trop : {' '.join(rest)}", ctx)
        return rest


class FrenchCommand(_French, click.Command):
    pass


class FrenchGroup(_French, click.Group):
    """A group of French commands. Without a command, it prints its help (exit 2)."""

    command_class = FrenchCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invoke_without_command", True)  # « commande manquante » is ours
        kwargs.setdefault("no_args_is_help", False)
        kwargs.setdefault("subcommand_metavar", "COMMANDE [ARGUMENTS]...")
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        value = super().invoke(ctx)
        if ctx.invoked_subcommand is None:  # only the group's own options were given
            click.echo(ctx.get_help(), err=True)
            ctx.exit(2)
        return value

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commandes"):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in rows])

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if name and not name.startswith("-") and not ctx.resilient_parsing and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=3)
            hint = f" ; vouliez-vous dire {' ou '.join(close)} ?" if close else ""
            raise FrenchUsageError(f"commande inconnue : « {name} »{hint}", ctx)
        return super().resolve_command(ctx, args)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """The `jury` process: parse, run, and end with the documented exit code, every error
        of click's written in French here (not by click's `show`, which is English)."""
        prog_name = prog_name or "jury"
        args = sys.argv[1:] if args is None else list(args)
        complete_var = complete_var or f"_{prog_name.replace('-', '_').upper()}_COMPLETE"
        if os.environ.get(complete_var):  # `eval "$(_JURY_COMPLETE=bash_source jury)"` (README)
            from click.shell_completion import shell_complete

            sys.exit(shell_complete(self, extra, prog_name, complete_var, os.environ[complete_var]))
        if not standalone_mode:  # as click's: errors propagate, an exit's code is returned
            try:
                with self.make_context(prog_name, args, **extra) as ctx:
                    return self.invoke(ctx)
            except click.exceptions.Exit as exc:
                return exc.exit_code
        sys.exit(self._run(prog_name, args, extra))

    def _run(self, prog_name: str, args: list[str], extra: dict) -> int:
        try:
            try:
                with self.make_context(prog_name, args, **extra) as ctx:
                    self.invoke(ctx)
                return 0
            except click.exceptions.Exit as exc:
                return exc.exit_code
            except click.ClickException as exc:
                show_error(exc)
                return exc.exit_code
            except (click.Abort, EOFError, KeyboardInterrupt):
                click.echo("\nAbandon : rien n'a été fait.", err=True)
                return EXIT_ABORTED
        except BrokenPipeError:
            # Python's documented way out: point stdout at /dev/null so that the final flush
            # does not fail again, and end quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return EXIT_PIPE_CLOSED


FrenchGroup.group_class = FrenchGroup  # its subgroups (`jury import`) are French too


def show_error(exc: click.ClickException) -> None:
    """A click error as a French user reads it: usage line, where to find help, the error."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        click.echo(f"Essayez « {ctx.command_path} --help » pour l'aide.\n", err=True)
    click.echo(f"Erreur : {french_message(exc)}", err=True)


def french_message(exc: click.ClickException) -> str:
    """The message of a click error, in French, from its kind and its public attributes."""
    if isinstance(exc, FrenchUsageError):
        return exc.message
    if isinstance(exc, MissingParameter):
        param = exc.param
        if isinstance(param, click.Option):
            return f"option obligatoire manquante : {_option_hint(param, exc.ctx)}"
        if param is not None:
            return f"argument manquant : {param.human_readable_name}"
        return "paramètre manquant"
    if isinstance(exc, NoSuchOption):
        close = sorted(exc.possibilities or ())
        hint = f" ; vouliez-vous dire {' ou '.join(close)} ?" if close else ""
        return f"option inconnue : {exc.option_name}{hint}"
    if isinstance(exc, BadOptionUsage):
        option = _option_named(exc.ctx, exc.option_name)
        if option is not None and option.is_flag:
            return f"l'option {exc.option_name} ne prend pas de valeur"
        metavar = f" ({option.metavar})" if option is not None and option.metavar else ""
        return f"l'option {exc.option_name} attend une valeur{metavar}"
    if isinstance(exc, BadParameter):
        param = exc.param
        if isinstance(param, click.Option):
            where = " / ".join(param.opts)
        elif param is not None:
            where = param.human_readable_name
        else:
            where = exc.param_hint if isinstance(exc.param_hint, str) else ""
        return f"{where} : {exc.message}" if where else exc.message
    return exc.message


def _option_hint(option: click.Option, ctx) -> str:
    name = " / ".join(option.opts)
    return name if option.is_flag or not option.metavar else f"{name} {option.metavar}"


def _option_named(ctx, name: str):
    command = getattr(ctx, "command", None)
    for param in getattr(command, "params", ()):
        if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def confirm(question: str) -> bool:
    """Ask a yes/no question on the terminal, in French (« o » / « n »; no by default)."""
    while True:
        answer = click.prompt(f"{question} [o/N]", default="", show_default=False, prompt_suffix=" ")
        answer = answer.strip().casefold()
        if answer in ("", "n", "non", "no"):
            return False
        if answer in ("o", "oui", "y", "yes"):
            return True
        click.echo("Répondez « o » (oui) ou « n » (non).", err=True)

"""What every command's arguments go through before the command runs.

Every argument, option and environment variable given as text (the `jury` group's own
included: --as, JURY_AS) is refused, naming it, when it holds what no text may
(domain/text.py). A terminal set to Latin-1 sends « é » as the byte 0xE9, which is not UTF-8:
Python hands it over as the character U+DCE9, which no session, document or terminal could
take; the refusal says how to set the terminal to UTF-8.
"""

from __future__ import annotations

import click
from click.core import ParameterSource

from jury_tui.domain.text import describe, is_undecoded_byte, shown, text_problem, unsafe_at
from jury_tui.errors import JuryError, Problem

UTF8_TERMINAL = (
    "le terminal n'envoie pas de l'UTF-8 : réglez-le en UTF-8 (PuTTY : Window › Translation › "
    "UTF-8 ; sur le serveur : export LANG=fr_FR.UTF-8), puis retapez la commande"
)


def check_arguments(ctx: click.Context) -> None:
    """Refuse, naming each, the arguments of `ctx`'s command that hold what no text may."""
    problems = []
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        for text in value if isinstance(value, (tuple, list)) else (value,):
            if isinstance(text, str) and (at := unsafe_at(text)) is not None:
                problems.append(Problem(_message(ctx, param, text, text[at])))
    if problems:
        raise JuryError(problems)


def _message(ctx: click.Context, param: click.Parameter, text: str, char: str) -> str:
    name = _name(ctx, param)
    if is_undecoded_byte(char):
        if isinstance(param.type, click.Path):
            return (f"{name} : « {shown(text)} » contient {describe(char)} : renommez le fichier "
                    f"avec des lettres ordinaires, ou, si c'est la saisie, {UTF8_TERMINAL}")
        return f"{name} : « {shown(text)} » contient {describe(char)} ; {UTF8_TERMINAL}"
    return f"{name} : {text_problem(text)}"


def _name(ctx: click.Context, param: click.Parameter) -> str:
    if isinstance(param, click.Option):
        if ctx.get_parameter_source(param.name) is ParameterSource.ENVIRONMENT and param.envvar:
            return f"variable d'environnement {param.envvar}"
        return f"option {max(param.opts, key=len)}"
    return f"argument {param.human_readable_name}"

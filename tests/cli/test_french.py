"""The command line speaks French: every command's help, and every kind of usage error.

The help of each command is read whole and must hold no English word (click writes its own
words in English: `Usage:`, `Options:`, `[required]`, `Show this message and exit.`, TEXT...);
each usage error a user can make is made, and must be said in French, exit 2.
"""

from __future__ import annotations

import re

import click
import pytest
from cli_helpers import jury, ok, results_json, unchanged

from jury_tui.cli import cli

# Words that are English and not French. The command's own names (options, values such as
# `clear`, `text`, `table`) are identifiers of the interface and are taken out first.
ENGLISH = {
    "the", "of", "and", "is", "for", "with", "from", "this", "that", "when", "be", "it", "an", "to", "or",
    "by", "print", "write", "usage", "commands", "error", "missing", "default", "required", "try",
    "such", "invalid", "value", "choose", "got", "unexpected", "extra", "help", "exit", "file", "path", "integer", "name", "aborted", "command", "not", "one", "does", "take",
    "requires", "did", "you", "mean", "env", "var", "yes", "no",
}
IDENTIFIERS = re.compile(r"(--?[\w-]+|\bjury\b|\b[\w]+_[\w_]+\b|[\w|]+\|[\w|]+|«[^»]*»|\bSESSION-[\w.-]+)")


def english_words(text: str) -> set[str]:
    words = re.findall(r"[A-Za-zÀ-ÿ']+", IDENTIFIERS.sub(" ", text.replace("\u00a0", " ")))
    return {w.lower() for w in words} & ENGLISH


def every_command():
    """(path of words, command) for every command and subcommand of `jury`."""
    ctx = click.Context(cli, info_name="jury")
    out = []

    def walk(group, path, ctx):
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            out.append(((*path, name), command))
            if isinstance(command, click.Group):
                walk(command, (*path, name), click.Context(command, info_name=name, parent=ctx))

    walk(cli, (), ctx)
    return out


COMMANDS = [path for path, _ in every_command()]


def test_every_command_is_listed():
    """The walk above reaches every command and subcommand (a new one is checked as it comes)."""
    names = {" ".join(path) for path in COMMANDS}
    assert {"new", "import", "import candidates", "import members", "import controle", "set", "withdraw", "results",
            "check", "decide", "adjust", "controle", "sign", "reopen", "export", "verify", "audit", "restore", "demo",
            "regulation", "regulation show", "regulation export", "regulation apply", "open"} <= names  # fmt: skip


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "jury")
def test_help_is_french(path):
    out = ok(jury(*path, "--help")).stdout
    assert out.startswith(f"Utilisation : jury {' '.join(path)}".rstrip() + " ")
    assert "Options :" in out and "Affiche cette aide et quitte." in out
    assert english_words(out) == set(), out
    for line in out.splitlines():
        assert len(line) <= 80, line
    summary = out.split("\n\n")[1].strip()
    assert summary and not summary.endswith("..."), summary


def test_every_option_and_command_has_a_french_description():
    for path, command in [((), cli), *every_command()]:
        assert command.help and english_words(command.help) == set(), path
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, (path, param.opts)
            assert param.metavar or getattr(param, "is_flag", False) or param.name == "version", (path, param.name)


def test_the_root_help_lists_every_command_with_one_short_line():
    out = ok(jury("--help")).stdout
    commands = out.split("Commandes :\n")[1]
    for name in ("new", "import", "results", "decide", "adjust", "sign", "export", "verify", "audit", "open"):
        line = next(line for line in commands.splitlines() if line.strip().startswith(name + " "))
        assert not line.endswith("..."), line


def test_metavars_are_french():
    assert "SESSION NUMERO UNITE NOTE" in ok(jury("adjust", "--help")).stdout
    assert "SESSION NUMERO CHAMP VALEUR" in ok(jury("set", "--help")).stdout
    assert "--reason MOTIF" in ok(jury("withdraw", "--help")).stdout
    assert "--year ANNEE" in ok(jury("new", "--help")).stdout
    assert "[obligatoire]" in ok(jury("new", "--help")).stdout
    assert "[défaut\u00a0: table]" in ok(jury("results", "--help")).stdout


def usage(result, *fragments: str) -> str:
    """Exit 2; the usage line, where to find help, then « Erreur : … », all French."""
    assert result.exit_code == 2, f"exit {result.exit_code}\n{result.output}"
    err = result.stderr
    assert "Utilisation : jury" in err and "Essayez « jury" in err and "--help » pour l'aide." in err, err
    assert "Erreur : " in err, err
    for fragment in fragments:
        assert fragment in err, f"{fragment!r} not in:\n{err}"
    assert english_words(err) == set(), err
    return err


def test_usage_errors_are_french(demo, tmp_path):
    with unchanged(demo):
        usage(jury("inconnue"), "commande inconnue : « inconnue »")
        usage(jury("resuts", demo), "commande inconnue : « resuts » ; vouliez-vous dire results ou restore ?")
        usage(jury("decide"), "argument manquant : SESSION")
        usage(jury("decide", demo, "02601"), "argument manquant : DECISION")
        usage(jury("withdraw", demo, "02601"), "option obligatoire manquante : --reason MOTIF")
        usage(jury("results", demo, "--format", "xml"), "--format : « xml » n'est pas une valeur possible ; valeurs : table, csv, json")
        usage(jury("results", demo, "--nope"), "option inconnue : --nope")
        usage(jury("results", demo, "--formt", "csv"), "option inconnue : --formt ; vouliez-vous dire --format ?")
        usage(jury("results", demo, "--format"), "l'option --format attend une valeur")
        usage(jury("audit", demo, "--verify=oui"), "l'option --verify ne prend pas de valeur")
        usage(jury("results", demo, "en", "trop"), "arguments en trop : en trop")
        usage(jury("results", tmp_path), f"SESSION : « {tmp_path} » est un dossier")
        usage(jury("decide", demo, "02601", "recale"), "DECISION : « recale » n'est pas une valeur possible ; "
              "valeurs : admis, ajourné, contrôle, non délivré, clear")  # fmt: skip
        usage(jury("export", demo, "word"), "« word » n'est pas une valeur possible")
        usage(jury("import", "candidates", demo), "argument manquant : FICHIER")
        usage(jury("import", "candidats", demo, "x.csv"), "commande inconnue : « candidats » ; vouliez-vous dire candidates ?")
    usage(jury("new", tmp_path / "s.json", "--regulation", "bts-mos", "--year", "deux-mille", "--academie", "A",
               "--jury", "J"), "--year : « deux-mille » n'est pas un nombre entier")  # fmt: skip
    assert not (tmp_path / "s.json").exists()


def test_a_group_without_its_command_shows_its_help(demo):
    for args in ((), ("--as", "anne"), ("import",), ("regulation",)):
        result = jury(*args)
        assert result.exit_code == 2 and "Utilisation : jury" in result.stderr and "Commandes :" in result.stderr
        assert english_words(result.stderr) == set()


@pytest.mark.parametrize("typed, stored", [("ajourné", "ajourne"), ("Ajourne", "ajourne"), ("non délivré", "non_delivre"),
                                           ("Non-Délivré", "non_delivre"), ("contrôle", "controle"), ("ADMIS", "admis")])  # fmt: skip
def test_decisions_typed_with_their_accents(demo, typed, stored):
    numero = {"admis": "02603", "ajourne": "02605", "controle": "02607", "non_delivre": "02613"}[stored]
    ok(jury("decide", demo, numero, typed, "--livret-examine"))
    assert results_json(demo)[numero]["decision"] == stored


def test_a_confirmation_is_asked_in_french(demo):
    backup = sorted(demo.parent.glob("demo.json.*.bak"))
    assert backup, "the demo keeps a backup of its imports"
    with unchanged(demo):
        result = jury("restore", demo, backup[-1], input="peut-être\nn\n")
    assert result.exit_code == 1
    assert "[o/N]" in result.output and "Répondez « o » (oui) ou « n » (non)." in result.output
    assert "Abandon : rien n'a été fait." in result.stderr
    ok(jury("restore", demo, backup[-1], input="oui\n"))


def test_shell_completion_in_bash(tmp_path):
    """The README's line: `eval "$(_JURY_COMPLETE=bash_source jury)"`, then Tab in bash."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "jury").exists(), "the `jury` entry point of this environment"
    script = """
        eval "$(_JURY_COMPLETE=bash_source jury)"
        complete_words() { COMPREPLY=(); COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _jury_completion jury 2>/dev/null; echo "${COMPREPLY[*]}"; }
        complete_words jury res
        complete_words jury decide s.json 02601 non
        complete_words jury results s.json --format ""
        complete_words jury import c
    """
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    p = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines() == ["restore results", "non_delivre", "table csv json", "candidates controle"]


def test_main_without_standalone_mode_returns_the_exit_code_as_click_does(demo):
    """Programs that embed the command line (`cli.main(..., standalone_mode=False)`)."""
    with unchanged(demo):
        assert cli.main(["decide", str(demo), "02613", "admis"], prog_name="jury", standalone_mode=False) == 1
        with pytest.raises(click.UsageError):
            cli.main(["decide", str(demo)], prog_name="jury", standalone_mode=False)
    assert cli.main(["decide", str(demo), "02601", "admis"], prog_name="jury", standalone_mode=False) is None

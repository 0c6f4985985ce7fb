"""The command line loads a command's module only when the command runs, and ends quietly
when its reader goes away."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
from cli_helpers import jury, ok

from jury_tui.cli import COMMAND_MODULES, cli


def test_every_command_is_found_in_the_module_the_table_names():
    for name, module in COMMAND_MODULES.items():
        importlib.import_module(f"jury_tui.cli.{module}")
        assert cli.commands[name].callback.__module__ == f"jury_tui.cli.{module}", name
    assert set(cli.commands) == set(COMMAND_MODULES)


def test_help_lists_every_command():
    out = ok(jury("--help")).stdout
    for name in COMMAND_MODULES:
        assert f"\n  {name} " in out, name


_PROBE = """
import atexit, sys
watched = ("textual", "docxtpl", "docx", "openpyxl", "jury_tui.tui", "jury_tui.documents",
           "jury_tui.cli.app_cmd", "jury_tui.cli.document_cmds", "jury_tui.cli.regulation_cmds")
atexit.register(lambda: sys.stderr.write("LOADED " + " ".join(sorted(m for m in sys.modules if m.startswith(watched))) + "\\n"))
from jury_tui.cli import main
sys.argv = ["jury", *sys.argv[1:]]
main()
"""


def test_results_loads_neither_the_app_nor_the_documents(demo):
    p = subprocess.run([sys.executable, "-c", _PROBE, "results", str(demo), "--format", "csv"],
                       capture_output=True, text=True, encoding="utf-8", timeout=60)  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert p.stdout.count("\n") > 60
    assert "LOADED \n" in p.stderr, p.stderr


@pytest.mark.parametrize("args", [("regulation", "show", "bts-mos"), ("--help",)])
def test_a_reader_that_goes_away_ends_quietly_with_the_code_of_a_closed_pipe(args):
    """`jury regulation show bts-mos | head -1`: the pipe closes before the command writes.
    Nothing is wrong with the session: no message, and 141, the code a shell gives a program
    ended by SIGPIPE (not 1, which says « refused »)."""
    p = subprocess.Popen([sys.executable, "-m", "jury_tui", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()  # the only reader: every write fails with EPIPE
    err = p.stderr.read().decode("utf-8")
    assert p.wait(timeout=60) == 141
    assert err == "", err


def test_the_app_and_the_documents_run_with_the_cycle_collector(demo, monkeypatch, tmp_path):
    import gc

    import jury_tui.deliberation.docs as docs
    import jury_tui.tui as tui

    seen = []
    monkeypatch.setattr(tui, "run", lambda *a, **k: seen.append(("open", gc.isenabled())) or 0)
    monkeypatch.setattr(docs, "export", lambda *a, **k: seen.append(("export", gc.isenabled())) or [])
    gc.disable()  # as `main` leaves it
    try:
        ok_open = jury("open", demo)
        ok_export = jury("export", demo, "csv", "--out", tmp_path / "r.csv")
    finally:
        gc.enable()
    assert ok_open.exit_code == 0 and ok_export.exit_code == 0, (ok_open.output, ok_export.output)
    assert seen == [("open", True), ("export", True)]

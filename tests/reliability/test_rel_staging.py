"""An export killed while it writes leaves its hidden staging folder: the next export removes
it — only ours, only stale; a concurrent export's folder survives and that export lands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cli_helpers import jury_process

SLOW_EXPORT = """
import sys, time
import jury_tui.documents as documents
SECONDS = float(sys.argv[1])
real = documents.render_all
def render_all(*args, **kwargs):
    print("rendu commencé", flush=True)
    time.sleep(SECONDS)
    return real(*args, **kwargs)
documents.render_all = render_all
from jury_tui.cli import main
sys.argv = ["jury", *sys.argv[2:]]
main()
"""


def slow_export(session: Path, out: Path, seconds: float) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", SLOW_EXPORT, str(seconds), "export", str(session), "pv",
                                "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert process.stdout.readline().strip() == "rendu commencé"
    return process


def staging(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".export-" in p.name)


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_killed_exports_folder_is_removed_by_the_next_export(demo):
    folder = demo.parent
    process = slow_export(demo, folder / "pv.docx", 120)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    (left,) = staging(folder)
    age(left, 120)  # killed two minutes ago
    assert jury_process("export", demo, "csv").returncode == 0
    assert staging(folder) == []
    assert not (folder / "pv.docx").exists()


def test_a_fresh_folder_and_a_concurrent_exports_folder_survive(demo):
    folder = demo.parent
    running = slow_export(demo, folder / "pv.docx", 15)
    (live,) = staging(folder)
    age(live, 120)  # as old as a stale one: only its lock says it is alive
    assert jury_process("export", demo, "csv").returncode == 0
    assert running.poll() is None, running.stderr.read()
    assert staging(folder) == [live]
    assert running.wait(timeout=60) == 0
    assert (folder / "pv.docx").exists() and staging(folder) == []

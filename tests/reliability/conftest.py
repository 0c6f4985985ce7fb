"""Fixtures of the reliability tests: real session files, built once and copied per test.

The command-line helpers of tests/cli (`jury`, `refused`, `unchanged`, `jury_process`) are
reused: their folder is put on the import path here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "cli"))

from cli_helpers import decide_all, jury, ok  # noqa: E402
from rel_support import copy_session  # noqa: E402
from shared_folder import shared_accounts, shared_folder  # noqa: E402,F401  (fixtures: a jury's shared folder)

import jury_tui.cli.document_cmds  # noqa: E402,F401  (registers export and verify)
from jury_tui import seams  # noqa: E402


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> dict[str, Path]:
    """The demo session (tour 1 open) and the same with tour 1 signed, built once."""
    from jury_tui.demo import build_demo

    folder = tmp_path_factory.mktemp("templates")
    demo = folder / "demo.json"
    signed = folder / "signed.json"
    build_demo(demo)
    shutil.copy(demo, signed)
    ok(jury("set", signed, "02618", "U52", "12", "--reason", "note reçue du centre d'examen"))
    decide_all(signed)
    ok(jury("sign", signed))
    seams.reset()
    return {"demo": demo, "signed": signed}


@pytest.fixture
def demo(templates, tmp_path) -> Path:
    """A fresh copy of the demo session (02601's U6 adjusted, nobody decided), alone in its folder."""
    return copy_session(templates, "demo", tmp_path / "jury")


@pytest.fixture
def signed(templates, tmp_path) -> Path:
    """A fresh copy of the demo with tour 1 signed (contrôle open for six candidates)."""
    return copy_session(templates, "signed", tmp_path / "jury")


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 256 KiB file system (tmpfs), when this machine lets the tests mount one."""
    mount = tmp_path / "petit-disque"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("no permission to mount a small file system here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)

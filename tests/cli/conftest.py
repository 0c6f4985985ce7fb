"""Fixtures of the command-line tests: real session files in tmp_path (helpers in cli_helpers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import decide_all, jury, ok


@pytest.fixture
def session(tmp_path) -> Path:
    """An empty session (no members, no candidates)."""
    path = tmp_path / "session.json"
    ok(jury("new", path, "--regulation", "bts-mos", "--year", "2026", "--academie", "Académie de Normandie",
            "--jury", "BTS MOS — jury 2", "--date", "2026-06-30", "--lieu", "Caen"))
    return path


@pytest.fixture
def demo(tmp_path) -> Path:
    """The demo session built with `jury demo` (02601's U6 adjusted 9.50 -> 10.00)."""
    path = tmp_path / "demo" / "demo.json"
    path.parent.mkdir()
    ok(jury("demo", path))
    return path


@pytest.fixture
def signed_demo(demo) -> Path:
    """The demo with 02618 completed, everyone decided as proposed, tour 1 signed."""
    ok(jury("set", demo, "02618", "U52", "12", "--reason", "note reçue du centre d'examen"))
    decide_all(demo)
    ok(jury("sign", demo))
    return demo

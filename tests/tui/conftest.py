"""Fixtures of the app's tests: demo sessions built in tmp_path with the fixed clock and identity."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import BY_KEYS, decide_all_but

from jury_tui.demo import build_demo


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A fresh demo session, as `jury open` without a session makes it."""
    return build_demo(tmp_path / "demo.json")


@pytest.fixture
def nearly_decided(demo: Path) -> Path:
    """The demo with every candidate decided but those of BY_KEYS."""
    decide_all_but(demo, BY_KEYS)
    return demo

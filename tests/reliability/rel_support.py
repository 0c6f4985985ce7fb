"""Helpers of the reliability tests (imported by name: tests/ is not a package)."""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_session(templates: dict[str, Path], name: str, folder: Path) -> Path:
    """A copy of a template session as `folder/session.json` (the folder is made)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "session.json"
    shutil.copy(templates[name], target)
    return target

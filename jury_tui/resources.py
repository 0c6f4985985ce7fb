"""Files shipped with the package: regulations, default templates, the demo's sources.

In an installed wheel the templates and the demo live under `jury_tui/_data/`
(pyproject force-include); in a source checkout they are at the repository's root.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parent


def _data_dir(name: str, source_dir: str) -> Path:
    installed = resources.files("jury_tui") / "_data" / name
    candidate = Path(str(installed))
    if candidate.is_dir():
        return candidate
    return _PACKAGE_ROOT.parent / source_dir


def regulations_dir() -> Path:
    return Path(str(resources.files("jury_tui") / "regulations"))


def templates_dir() -> Path:
    return _data_dir("templates", "templates")


def demo_dir() -> Path:
    return _data_dir("demo", "sessions/demo")

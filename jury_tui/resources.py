"""Files shipped with the package: regulations, default templates, the demo's sources.

In an installed wheel the templates and the demo live under `jury_tui/_data/`
(pyproject force-include); in a source checkout they are at the repository's root. The
package is always installed as files (the callers hand these paths to tools that need
real files), so they are found beside this module, without importlib.resources.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parent


def _data_dir(name: str, source_dir: str) -> Path:
    installed = _PACKAGE_ROOT / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_ROOT.parent / source_dir


def regulations_dir() -> Path:
    return _PACKAGE_ROOT / "regulations"


def templates_dir() -> Path:
    return _data_dir("templates", "templates")


def demo_dir() -> Path:
    return _data_dir("demo", "sessions/demo")

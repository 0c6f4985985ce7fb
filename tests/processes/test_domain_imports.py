"""The rules engine is pure: importing it pulls in no UI, storage, CLI or document library."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import jury_tui.domain

FORBIDDEN = ("textual", "tinydb", "click", "docxtpl", "docx", "openpyxl")


def domain_modules() -> list[str]:
    return sorted(f"jury_tui.domain.{m.name}" for m in pkgutil.iter_modules(jury_tui.domain.__path__))


def test_every_expected_domain_module_is_found():
    expected = {
        "grades", "regulation", "candidate", "results", "results_table", "decisions", "missing", "composition",
        "checks", "tours",
    }
    assert expected <= {m.rsplit(".", 1)[1] for m in domain_modules()}


def test_domain_imports_no_ui_storage_cli_or_document_library():
    modules = ["jury_tui.domain", *domain_modules(), "jury_tui.regulations"]
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from jury_tui import regulations\n"
        "regulations.load('bts-mos')\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_each_domain_module_imports_on_its_own():
    """Whichever module comes first, it imports."""
    for name in domain_modules():
        subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True, timeout=60, check=True)


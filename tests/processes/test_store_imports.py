"""Importing the store leaves what only some operations need for those operations."""

from __future__ import annotations

import json
import subprocess
import sys

LATER = ("socket", "secrets", "zoneinfo", "signal", "getpass")


def test_importing_the_store_leaves_rarely_needed_libraries_for_later():
    """A time shown, a take-over, an identity: each imports what it needs when it happens."""
    code = (
        "import json, sys\n"
        "import jury_tui.store\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m in {LATER!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []

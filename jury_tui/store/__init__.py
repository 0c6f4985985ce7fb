"""The session file store: one TinyDB JSON file per session (DESIGN.md §4).

Public API:
- `SessionFile(path)`: `create`, `load`, `transaction`, `hold`/`release`/`holder`,
  `signal_holder`, `verify`, `backup`/`backups`, `version`.
- `Transaction` (`state`, `audit`, `record`), `Snapshot` (`state`, `audit`,
  `schema_found`, `migrated`, `version`).
- `SessionStorage`: a read-only TinyDB storage for the same file.
- `SCHEMA_VERSION`, `canonical`, `state_hash`, `entry_hash` (the hashes the audit uses).
"""

from jury_tui.store.canonical import canonical, entry_hash, state_hash
from jury_tui.store.schema import SCHEMA_VERSION
from jury_tui.store.session_file import SessionFile, Snapshot, Transaction


def __getattr__(name: str):
    if name == "SessionStorage":  # TinyDB is imported only by who reads through it
        from jury_tui.store.tinydb_storage import SessionStorage

        return SessionStorage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "SCHEMA_VERSION",
    "SessionFile",
    "SessionStorage",
    "Snapshot",
    "Transaction",
    "canonical",
    "entry_hash",
    "state_hash",
]

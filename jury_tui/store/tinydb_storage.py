"""A TinyDB storage to read a session file with TinyDB's own API.

    from tinydb import TinyDB
    db = TinyDB("demo.json", storage=SessionStorage)
    db.table("candidates").all()

It is read-only: a session is written only through `SessionFile.transaction()`, which
locks it, writes it atomically and keeps the audit chain.
"""

from __future__ import annotations

import os
from typing import Any

import orjson
from tinydb.storages import Storage

from jury_tui.errors import JuryError


class SessionStorage(Storage):
    def __init__(self, path: str | os.PathLike, **_ignored: Any):
        self.path = os.fspath(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read()
        except FileNotFoundError:
            return None
        return orjson.loads(raw) if raw else None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise JuryError(
            f"Le fichier de session {self.path} ne s'écrit pas directement par TinyDB : passez par "
            "jury-tui (jury set, jury decide, l'application), qui le verrouille et tient son journal.",
            code="READ_ONLY_STORAGE",
        )

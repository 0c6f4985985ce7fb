"""Schema versions of the session file and their migrations.

Schema 0 (pre-release): the session document has no "schema" key, the header has no
"tz", audit entries have no "ssh". Schema 1 adds them ("Europe/Paris", None).
Schema 2: a tour's signature may name the member who signed ("signataire": {"nom",
"prenom", "role"}), which its fingerprint then covers. A signature made before has none,
and none is invented (its fingerprint was computed without): the migration only marks the
file, so that an older jury-tui refuses it instead of finding its new signatures altered.

A migration upgrades a state and its audit entries in memory. Audit entries written
before a migration keep the hash of their form at the time: `entry_as_written` undoes
the migrations' additions so that `verify()` can recompute it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jury_tui.errors import JuryError

SCHEMA_VERSION = 2
DEFAULT_TZ = "Europe/Paris"


def _state_0_to_1(state: dict) -> None:
    state["schema"] = 1
    header = state.get("header")
    if isinstance(header, dict):
        header.setdefault("tz", DEFAULT_TZ)


def _entry_0_to_1(entry: dict) -> None:
    entry.setdefault("ssh", None)


def _entry_1_to_0(entry: dict) -> dict:
    # A pre-migration entry with a non-null "ssh" was edited afterwards: keep it, so
    # that its hash no longer matches.
    if "ssh" in entry and entry["ssh"] is None:
        return {k: v for k, v in entry.items() if k != "ssh"}
    return entry


def _state_1_to_2(state: dict) -> None:
    state["schema"] = 2


def _entry_unchanged(entry: dict) -> None:
    pass


def _entry_as_is(entry: dict) -> dict:
    return entry


class Migration:
    """One step, from schema `source` to `source + 1`."""

    __slots__ = ("source", "upgrade_state", "upgrade_entry", "downgrade_entry")

    def __init__(
        self,
        source: int,
        upgrade_state: Callable[[dict], None],  # in place
        upgrade_entry: Callable[[dict], None],  # in place
        downgrade_entry: Callable[[dict], dict],  # returns the entry as written in `source`
    ):
        self.source = source
        self.upgrade_state, self.upgrade_entry, self.downgrade_entry = upgrade_state, upgrade_entry, downgrade_entry


MIGRATIONS: dict[int, Migration] = {
    0: Migration(0, _state_0_to_1, _entry_0_to_1, _entry_1_to_0),
    1: Migration(1, _state_1_to_2, _entry_unchanged, _entry_as_is),
}


def schema_of(session_doc: dict, path: Path) -> int:
    """The schema a session document was written in; JuryError if unknown or newer."""
    found = session_doc.get("schema", 0)
    if type(found) is not int or found < 0:
        raise JuryError(
            f"Le fichier de session {path} porte une version de format inconnue ({found!r}) ; "
            "restaurez une sauvegarde.",
            code="SCHEMA_UNKNOWN",
        )
    if found > SCHEMA_VERSION:
        raise JuryError(
            f"Le fichier de session {path} a été écrit par une version plus récente de jury-tui "
            f"(format {found}, celle-ci lit jusqu'au format {SCHEMA_VERSION}) ; mettez jury-tui à jour.",
            code="SCHEMA_NEWER",
        )
    return found


def migrate(state: dict, audit: list[dict], found: int) -> None:
    """Upgrade a state and its audit entries in place from schema `found` to the current one."""
    for version in range(found, SCHEMA_VERSION):
        step = MIGRATIONS[version]
        step.upgrade_state(state)
        for entry in audit:
            step.upgrade_entry(entry)


def entry_as_written(entry: dict, written_in: int, stored_in: int) -> dict:
    """An entry stored in schema `stored_in` as it was when written in schema `written_in`."""
    for version in range(stored_in - 1, written_in - 1, -1):
        entry = MIGRATIONS[version].downgrade_entry(entry)
    return entry

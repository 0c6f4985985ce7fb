"""The session file's layout: TinyDB's JSON tables, read and written with orjson.

    {"audit":      {"1": {entry seq 1}, "2": {...}, ...},     doc id = seq
     "candidates": {"1": {"numero": "02601", ...}, ...},       a stable doc id per numero
     "session":    {"1": {"schema": 1, "header": ..., "regulation": ..., "members": ..., "tours": ...}}}

The state dict the callers see is the session document plus "candidates" keyed by numero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson

from jury_tui.errors import JuryError
from jury_tui.store.backups import list_backups
from jury_tui.store.schema import SCHEMA_VERSION, migrate, schema_of

SESSION_TABLE = "session"
CANDIDATES_TABLE = "candidates"
AUDIT_TABLE = "audit"


@dataclass
class Parsed:
    """One version of the file, parsed. `state` and `audit` are as stored until migrated."""

    key: tuple
    raw: bytes
    schema_found: int
    state: dict
    audit: list[dict]
    audit_ids: list[int]
    ids: dict[str, str]  # numero -> candidate doc id
    next_id: int
    migrated: bool = False
    audit_pieces: list[bytes] | None = field(default=None, repr=False)
    altered: tuple[str, str] | None = None  # (expected, found) state hashes, checked before a write
    altered_where: list[str] = field(default_factory=list)  # where the altered state differs (audit.locate)
    seals: tuple[dict, dict] | None = None  # the latest recorded seals (audit.recorded_seals), once needed

    def migrate(self) -> None:
        if not self.migrated and self.schema_found < SCHEMA_VERSION:
            migrate(self.state, self.audit, self.schema_found)
            self.audit_pieces = None
        self.migrated = True

    def pieces(self) -> list[bytes]:
        """The serialised audit documents (`"id":{...}`), built once then appended to."""
        if self.audit_pieces is None:
            self.audit_pieces = [
                b'"%d":' % doc_id + orjson.dumps(entry) for doc_id, entry in zip(self.audit_ids, self.audit)
            ]
        return self.audit_pieces


def file_key(st) -> tuple:
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def corrupt(path: Path, detail: str) -> JuryError:
    """The JuryError for a session file that cannot be read, listing its backups."""
    backups = list_backups(path)
    if backups:
        listed = ", ".join(b.name for b in backups)
        hint = f"Restaurez une sauvegarde (copiez-la à sa place) ; les plus récentes d'abord : {listed}."
    else:
        hint = "Aucune sauvegarde n'a été trouvée à côté ; restaurez le fichier depuis une copie de sécurité."
    return JuryError(f"Le fichier de session {path} est illisible ({detail}). {hint}", code="SESSION_CORRUPT")


def parse(raw: bytes, path: Path, key: tuple) -> Parsed:
    """Parse the file's bytes; JuryError naming the file when they are not a session."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise corrupt(path, f"JSON invalide : {exc}") from exc
    if not isinstance(data, dict):
        raise corrupt(path, "ce n'est pas une base de session")
    session = _table(data, SESSION_TABLE, path, required=True).get("1")
    if not isinstance(session, dict):
        raise corrupt(path, "la table « session » n'a pas de document 1")
    found = schema_of(session, path)
    state = dict(session)
    candidates, ids, next_id = _candidates(_table(data, CANDIDATES_TABLE, path), path)
    state["candidates"] = candidates
    audit_ids, audit = _audit(_table(data, AUDIT_TABLE, path), path)
    return Parsed(key, raw, found, state, audit, audit_ids, ids, next_id)


def _table(data: dict, name: str, path: Path, required: bool = False) -> dict:
    table = data.get(name)
    if table is None and not required:
        return {}
    if not isinstance(table, dict):
        raise corrupt(path, f"la table « {name} » manque ou est mal formée")
    return table


def _doc_id(raw_id: str, table: str, path: Path) -> int:
    try:
        return int(raw_id)
    except ValueError:
        raise corrupt(path, f"identifiant de document invalide « {raw_id} » dans la table « {table} »") from None


def _candidates(table: dict, path: Path) -> tuple[dict, dict, int]:
    candidates: dict[str, dict] = {}
    ids: dict[str, str] = {}
    top = 0
    for raw_id, doc in table.items():
        top = max(top, _doc_id(raw_id, CANDIDATES_TABLE, path))
        numero = doc.get("numero") if isinstance(doc, dict) else None
        if not isinstance(numero, str) or numero in candidates:
            raise corrupt(path, f"candidat {raw_id} sans numéro ou en double")
        candidates[numero] = doc
        ids[numero] = raw_id
    return candidates, ids, top + 1


def _audit(table: dict, path: Path) -> tuple[list[int], list[dict]]:
    rows = sorted(((_doc_id(raw_id, AUDIT_TABLE, path), doc) for raw_id, doc in table.items()), key=lambda r: r[0])
    if any(not isinstance(doc, dict) for _, doc in rows):
        raise corrupt(path, "une entrée du journal n'est pas un objet")
    return [r[0] for r in rows], [r[1] for r in rows]


def assemble(session_doc: bytes, candidates: dict, loaded: Parsed, new_pieces: list[bytes]) -> bytes:
    """The file's bytes. Assigns doc ids to new numeros (max + 1) in `loaded.ids`."""
    ids = loaded.ids
    table: dict[str, dict] = {}
    for numero, doc in candidates.items():
        doc_id = ids.get(numero)
        if doc_id is None:
            doc_id = ids[numero] = str(loaded.next_id)
            loaded.next_id += 1
        if doc.get("numero") != numero:
            raise ValueError(f"candidate keyed {numero!r} has numero {doc.get('numero')!r}")
        table[doc_id] = doc
    audit = loaded.pieces() + new_pieces
    return b"".join(
        (
            b'{"audit":{',
            b",".join(audit),
            b'},"candidates":',
            orjson.dumps(table),
            b',"session":{"1":',
            session_doc,
            b"}}",
        )
    )

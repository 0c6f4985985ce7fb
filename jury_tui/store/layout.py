"""The session file's layout: TinyDB's JSON tables, read and written with orjson.

    {"audit":      {"1": {entry seq 1}, "2": {...}, ...},     doc id = seq
     "candidates": {"1": {"numero": "02601", ...}, ...},       a stable doc id per numero
     "session":    {"1": {"schema": 1, "header": ..., "regulation": ..., "members": ..., "tours": ...}}}

The state dict the callers see is the session document plus "candidates" keyed by numero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from jury_tui.errors import JuryError
from jury_tui.store.schema import SCHEMA_VERSION, migrate, schema_of
from jury_tui.store.structure import check_state
from jury_tui.system_text import json_cause

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
    return JuryError(f"Le fichier de session {path} est illisible ({detail}). {restore_hint(path)}",
                     code="SESSION_CORRUPT")


def restore_hint(path: Path) -> str:
    """What to do with a session that cannot be read: restore one of its backups, named."""
    from jury_tui.store.backups import list_backups

    backups = list_backups(path)
    if backups:
        listed = ", ".join(b.name for b in backups)
        return f"Restaurez une sauvegarde (copiez-la à sa place) ; les plus récentes d'abord : {listed}."
    return "Aucune sauvegarde n'a été trouvée à côté ; restaurez le fichier depuis une copie de sécurité."


def parse(raw: bytes, path: Path, key: tuple) -> Parsed:
    """Parse the file's bytes; JuryError naming the file when they are not a session."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise corrupt(path, f"JSON invalide, {json_cause(exc)}") from exc
    if not isinstance(data, dict):
        raise corrupt(path, "ce n'est pas une base de session")
    session = _table(data, SESSION_TABLE, path, required=True).get("1")
    if not isinstance(session, dict):
        raise corrupt(path, "la table « session » n'a pas de document 1")
    found = schema_of(session, path)
    state = dict(session)
    candidates, ids, next_id = _candidates(_table(data, CANDIDATES_TABLE, path), path)
    state["candidates"] = candidates
    check_state(state, path)
    audit_ids, audit = _audit(_table(data, AUDIT_TABLE, path), path)
    return Parsed(key, raw, found, state, audit, audit_ids, ids, next_id)


AUDIT_START = b'{"audit":'  # how `assemble` writes the file: the audit first,
AUDIT_END = b'},"candidates":'  # then the candidates and the session document


class LazyAudit(Sequence):
    """The audit entries of a file, parsed when first read: the app opens without them (they
    are a third of the file, and its first screen shows none); its integrity check reads the
    whole file just after. An audit that does not parse raises the file's JuryError then."""

    def __init__(self, raw: bytes, path: Path):
        self._raw: bytes | None = raw
        self._path = path
        self._entries: list[dict] | None = None

    def entries(self) -> list[dict]:
        if self._entries is None:
            try:
                table = orjson.loads(self._raw)
            except orjson.JSONDecodeError as exc:
                raise corrupt(self._path, f"JSON invalide, {json_cause(exc)}") from exc
            if not isinstance(table, dict):
                raise corrupt(self._path, f"la table « {AUDIT_TABLE} » manque ou est mal formée")
            self._entries, self._raw = _audit(table, self._path)[1], None
        return self._entries

    def __len__(self) -> int:
        return len(self.entries())

    def __getitem__(self, index):
        return self.entries()[index]

    def __iter__(self):
        return iter(self.entries())


def parse_without_audit(raw: bytes, path: Path, key: tuple) -> Parsed | None:
    """The state of a file as `assemble` writes it, its audit left unparsed (a LazyAudit);
    None when the file is laid out otherwise, or is older than this schema: then `parse`."""
    if not raw.startswith(AUDIT_START):
        return None
    end = raw.find(AUDIT_END, len(AUDIT_START))
    if end < 0:
        return None
    try:
        # A match inside an audit entry leaves more closing braces than this one opens:
        # orjson refuses the trailing characters, and the whole file is parsed instead.
        data = orjson.loads(b"{" + raw[end + 2 :])
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict) or set(data) != {CANDIDATES_TABLE, SESSION_TABLE}:
        return None
    session = _table(data, SESSION_TABLE, path, required=True).get("1")
    if not isinstance(session, dict) or schema_of(session, path) != SCHEMA_VERSION:
        return None
    state = dict(session)
    candidates, ids, next_id = _candidates(_table(data, CANDIDATES_TABLE, path), path)
    state["candidates"] = candidates
    check_state(state, path)
    audit = LazyAudit(raw[len(AUDIT_START) : end + 1], path)
    return Parsed(key, raw, SCHEMA_VERSION, state, audit, [], ids, next_id, migrated=True)  # type: ignore[arg-type]


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
    docs = list(table.values())
    numeros = [doc.get("numero") if isinstance(doc, dict) else None for doc in docs]
    candidates = dict(zip(numeros, docs))
    if len(candidates) == len(docs) and all(isinstance(n, str) for n in numeros):
        try:
            top = max(map(int, table), default=0)
        except ValueError:
            pass  # the loop below names the identifier
        else:
            return candidates, dict(zip(numeros, table)), top + 1
    return _candidates_one_by_one(table, path)


def _candidates_one_by_one(table: dict, path: Path) -> tuple[dict, dict, int]:
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
    # One serialisation into one buffer, the parts already serialised inserted as they are:
    # joining the parts after would copy the whole file once more.
    audit = b"{" + b",".join(loaded.pieces() + new_pieces) + b"}"
    return orjson.dumps(
        {AUDIT_TABLE: orjson.Fragment(audit), CANDIDATES_TABLE: table, SESSION_TABLE: {"1": orjson.Fragment(session_doc)}}
    )

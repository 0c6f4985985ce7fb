"""SessionFile: one session on disk, read freely, written through locked transactions.

    sf = SessionFile("demo.json")
    snap = sf.load()                      # no lock, never writes; a fresh copy
    with sf.transaction() as tx:          # lock, re-read if changed, edit, record, write
        tx.state["candidates"]["02601"]["decision"] = "admis"
        tx.record("decision", target="02601", before=None, after="admis")

The parsed file is cached per process, keyed by its (st_dev, st_ino, st_mtime_ns,
st_size): a transaction re-reads only when another process wrote. `tx.state` *is* the
cached state: the caller edits it in place and must not keep it past the block.

To change a candidate, put a new dict in its place (`tx.state["candidates"][numero] = new`),
or record an entry whose target is its numero: that is how the audit's seals (which say
where a hand edit was made) know it changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jury_tui import seams
from jury_tui.errors import JuryError, Problem
from jury_tui.store.atomic import cause_fr, remove_stale_temps, write_atomic
from jury_tui.store.canonical import split_state
from jury_tui.store.layout import Parsed, assemble, file_key, parse, parse_without_audit
from jury_tui.store.lock import SessionLock
from jury_tui.store.lock_message import describe
from jury_tui.store.safe_open import read_regular, real_path
from jury_tui.store.schema import SCHEMA_VERSION


@dataclass
class Snapshot:
    """A fresh, migrated copy of the session as stored; the caller may keep it."""

    state: dict
    audit: list[dict]
    schema_found: int  # the schema the file is written in
    migrated: bool  # True when `state`/`audit` were upgraded in memory
    version: tuple = ()  # the file's (st_dev, st_ino, st_mtime_ns, st_size) when read


class _AuditView(Sequence):
    """Read-only view over the stored entries followed by this transaction's."""

    def __init__(self, stored: list[dict], pending: list[dict]):
        self._stored, self._pending = stored, pending

    def __len__(self) -> int:
        return len(self._stored) + len(self._pending)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        stored = len(self._stored)
        return self._stored[index] if index < stored else self._pending[index - stored]


class Transaction:
    """One read-modify-write of a session. Edit `state` in place, `record` what was done."""

    def __init__(self, state: dict, stored: list[dict], next_seq: int, before: dict | None = None):
        self.state = state
        self._before = before  # numero -> the candidate dict the transaction started with
        self._pending: list[dict] = []
        self._next_seq = next_seq
        self._by_caller = 0
        self._backups: list[str] = []
        self.audit: Sequence[dict] = _AuditView(stored, self._pending)

    def backup(self, label: str) -> None:
        """Keep a backup of the session as it was before this transaction (an import, a
        restoration), taken when the transaction is written and kept only if it lands."""
        self._backups.append(label)

    def record(self, action: str, *, target: str | None = None, before=None, after=None,
               reason: str | None = None, extra: dict | None = None) -> dict:
        """Append an audit entry (its hashes are filled when the transaction is written)."""
        self._by_caller += 1
        return self._add(action, target, before, after, reason, extra)

    def _add(self, action, target, before, after, reason, extra) -> dict:
        entry = _audit().new_entry(self._next_seq, action, target, before, after, reason, extra)
        self._next_seq += 1
        self._pending.append(entry)
        return entry


def _audit():
    """The audit chain's code, imported when a transaction or a verification first needs it
    (the app shows the session before either)."""
    from jury_tui.store import audit

    return audit


def _remember(known: tuple[dict, dict], seals: dict) -> None:
    """Fold the seals just written into the known ones."""
    for target, found in zip(known, (seals.get("candidats") or {}, seals.get("parties") or {})):
        for key, value in found.items():
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value


class _Cached:
    """The file as last read or written: its version key, its bytes, and their parse."""

    __slots__ = ("key", "raw", "parsed")

    def __init__(self, key: tuple, raw: bytes, parsed: Parsed | None = None):
        self.key, self.raw = key, raw
        self.parsed = parsed  # owned by transactions; None until one needs it


_CACHE: dict[str, _Cached] = {}


class SessionFile:
    """A session file, its sidecar lock `path + ".lock"`, its backups and audit chain."""

    def __init__(self, path: str | os.PathLike):
        # A path that is a symbolic link designates its target: the lock, temporary files and
        # backups are beside the real file, which the atomic rename replaces (the link stays).
        self.path = real_path(Path(path))
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._lock = SessionLock(self.path)
        self._cache_id = os.path.realpath(self.path)
        self._in_transaction = False
        self._holding = False  # hold() was called and release() not yet
        self._release_pending = False

    # -- creating and reading -------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike, state: dict, *, action: str = "creation",
               after=None, reason: str | None = None) -> SessionFile:
        """Write a new session (state + first audit entry); JuryError if the file exists.

        The store takes ownership of `state` (it becomes the cached state).
        """
        if os.path.islink(path):
            raise JuryError(f"{path} est un lien symbolique : créez la session à l'emplacement réel du fichier.",
                            code="SESSION_EXISTS")
        session = cls(path)
        session._refuse_existing()
        session._lock.acquire("cli", 5.0)
        try:
            session._refuse_existing()
            if not isinstance(state.get("candidates"), dict):
                raise ValueError("state['candidates'] must be a dict keyed by numero")
            state["schema"] = SCHEMA_VERSION
            parsed = Parsed((), b"", SCHEMA_VERSION, state, [], [], {}, 1, True, [])
            tx = Transaction(state, parsed.audit, 1)
            tx.record(action, after=after, reason=reason)
            session._write(parsed, tx)
        finally:
            session._lock.release()
        return session

    def _refuse_existing(self) -> None:
        if not self.path.parent.is_dir():
            raise JuryError(f"Le dossier {self.path.parent} n'existe pas ; créez-le d'abord ou choisissez "
                            "un autre emplacement pour la session.", code="FOLDER_MISSING")
        if os.path.lexists(self.path):
            raise JuryError(
                f"Le fichier {self.path} existe déjà ; choisissez un autre nom ou supprimez-le d'abord.",
                code="SESSION_EXISTS",
            )

    def load(self, *, audit: bool = True) -> Snapshot:
        """The session as stored, migrated in memory if older; no lock, never writes.

        `audit=False`: the audit is parsed only when first read (`Snapshot.audit` is then a
        read-only sequence, not a list), for a caller that shows the state first."""
        cached = self._current()
        if not audit:
            lazy = parse_without_audit(cached.raw, self.path, cached.key)
            if lazy is not None:
                return Snapshot(lazy.state, lazy.audit, SCHEMA_VERSION, False, cached.key)
        parsed = parse(cached.raw, self.path, cached.key)
        found = parsed.schema_found
        parsed.migrate()
        return Snapshot(parsed.state, parsed.audit, found, found < SCHEMA_VERSION, cached.key)

    def version(self) -> tuple | None:
        """The file's current (st_dev, st_ino, st_mtime_ns, st_size), None if missing.

        A follower compares it with `Snapshot.version` to know when to reload."""
        try:
            return file_key(os.stat(self.path))
        except OSError:
            return None

    def _current(self) -> _Cached:
        """The cache entry of the file as it is now, re-reading it only if it changed."""
        try:
            key = file_key(os.stat(self.path))
            cached = _CACHE.get(self._cache_id)
            if cached is not None and cached.key == key:
                return cached
            raw, info = read_regular(self.path, "le fichier de session")
            key = file_key(info)
        except FileNotFoundError:
            raise JuryError(
                f"Le fichier de session {self.path} n'existe pas ; vérifiez le chemin, ou créez la "
                "session avec « jury new ».", code="SESSION_MISSING") from None
        except OSError as exc:
            raise JuryError(f"Lecture impossible de {self.path} : {cause_fr(exc)}.", code="READ_FAILED") from exc
        cached = _CACHE[self._cache_id] = _Cached(key, raw)
        return cached

    def _drop_cache(self) -> None:
        _CACHE.pop(self._cache_id, None)

    # -- writing ----------------------------------------------------------------

    @contextmanager
    def transaction(self, *, wait: float = 5.0) -> Iterator[Transaction]:
        """Lock (unless held), re-read if changed, yield a Transaction, write if it recorded.

        No entry recorded by the caller: nothing is written. An exception: nothing is
        written, the cache is dropped, the exception propagates.
        """
        if self._in_transaction:
            raise RuntimeError("a transaction is already open on this SessionFile")
        took = not self._lock.held
        if took:
            if not self.path.exists():
                self._current()  # raises the French "missing file" error, before making a lock file
            self._lock.acquire("cli", wait, self._tz_hint())
        self._in_transaction = True
        try:
            parsed = self._parsed_for_write()
            tx = self._begin(parsed)
            try:
                yield tx
                if tx._by_caller:
                    self._write(parsed, tx)
                else:
                    self._cached_state_dropped()
            except BaseException:
                self._drop_cache()
                raise
        finally:
            self._in_transaction = False
            if (took and not self._holding) or self._release_pending:
                self._release_pending = self._holding = False
                self._lock.release()

    def _parsed_for_write(self) -> Parsed:
        cached = self._current()
        if cached.parsed is None:
            parsed = parse(cached.raw, self.path, cached.key)
            parsed.altered = _audit().stored_state_altered(parsed)
            if parsed.altered:
                parsed.altered_where = _audit().locate(parsed)
            parsed.migrate()
            cached.parsed = parsed
        return cached.parsed

    def _cached_state_dropped(self) -> None:
        # The caller may have edited the state without recording: forget the parsed copy.
        cached = _CACHE.get(self._cache_id)
        if cached is not None:
            cached.parsed = None

    def _begin(self, parsed: Parsed) -> Transaction:
        tx = Transaction(parsed.state, parsed.audit, max(parsed.audit_ids, default=0) + 1,
                         dict(parsed.state["candidates"]))
        if parsed.altered:
            expected, found = parsed.altered
            where = {_audit().CHANGED: parsed.altered_where} if parsed.altered_where else None
            tx._add(_audit().ALTERATION, None, expected, found,
                    "état trouvé différent de celui du journal (modification hors de jury-tui)", where)
        if parsed.schema_found < SCHEMA_VERSION:
            tx._add(_audit().MIGRATION, None, parsed.schema_found, SCHEMA_VERSION,
                    "mise à jour du format du fichier", None)
        return tx

    def _write(self, parsed: Parsed, tx: Transaction) -> None:
        """Seal the entries, write the file atomically, and make it the cached version."""
        session_doc, etat = split_state(tx.state)
        if parsed.seals is None:
            parsed.seals = _audit().recorded_seals(parsed.audit)
        seals = _audit().new_seals(tx.state, tx._before, parsed.seals, tx._pending)
        pieces = _audit().seal(tx._pending, _audit().last_hash(parsed.audit), etat, seals)
        data = assemble(session_doc, tx.state["candidates"], parsed, pieces)
        labels = (["migration"] if parsed.schema_found < SCHEMA_VERSION and parsed.raw else []) + tx._backups
        remove_stale_temps(self.path)  # left by a writer killed mid-write; we hold the lock
        from jury_tui.store.backups import around_write

        st = around_write(self.path, parsed.raw, labels, lambda: write_atomic(self.path, data))
        parsed.audit.extend(tx._pending)
        parsed.audit_ids.extend(entry["seq"] for entry in tx._pending)
        parsed.pieces().extend(pieces)
        parsed.state = tx.state  # the caller may have rebound it
        parsed.key, parsed.raw = file_key(st), data
        parsed.schema_found, parsed.altered, parsed.altered_where = SCHEMA_VERSION, None, []
        _remember(parsed.seals, seals)
        _CACHE[self._cache_id] = _Cached(parsed.key, data, parsed)

    def _tz_hint(self) -> str | None:
        cached = _CACHE.get(self._cache_id)
        header = cached.parsed.state.get("header") if cached and cached.parsed else None
        return header.get("tz") if isinstance(header, dict) else None

    # -- the lock -----------------------------------------------------------------

    def hold(self, kind: str = "app", *, wait: float = 5.0) -> None:
        """Hold the lock until `release()` (the app, open for writing); LockBusy if held.

        Waits up to `wait` seconds for a short CLI transaction; refused at once when
        another app holds the session."""
        self._lock.acquire(kind, wait, self._tz_hint())
        self._holding = True

    def release(self) -> None:
        """Release a held lock (deferred to the end of a running transaction)."""
        if self._in_transaction:
            self._release_pending = True
        else:
            self._holding = False
            self._lock.release()

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._lock.held

    def holder(self) -> dict | None:
        """{"user","host","pid","since","kind","actor"} of another holder, else None."""
        return self._lock.holder()

    def signal_holder(self, sig: int | None = None) -> dict:
        """Send `sig` (default SIGTERM) to the holder's process (take-over); same user and host only."""
        if sig is None:
            import signal  # only for a take-over

            sig = signal.SIGTERM
        info = self.holder()
        if info is None:
            raise JuryError(f"La session {self.path} n'est tenue par personne ; ouvrez-la normalement.",
                            code="LOCK_FREE")
        me = seams.identity()
        if info.get("host") != me.host or info.get("user") != me.user or type(info.get("pid")) is not int:
            raise JuryError(
                f"La session {self.path} est tenue par {describe(info)} : seul ce compte, sur cet "
                "ordinateur, peut la libérer ; demandez-le-lui ou attendez.", code="TAKEOVER_REFUSED")
        try:
            os.kill(info["pid"], sig)
        except ProcessLookupError:
            pass  # already gone: the kernel has freed the lock
        except PermissionError as exc:
            raise JuryError(f"Impossible de signaler le processus {info['pid']} : {cause_fr(exc)}.",
                            code="TAKEOVER_REFUSED") from exc
        return info

    # -- integrity and backups --------------------------------------------------

    def verify(self) -> list[Problem]:
        """Problems of the audit chain and of the stored state (empty list: all good)."""
        cached = self._current()
        return _audit().verify_chain(parse(cached.raw, self.path, cached.key), self.path)

    def backup(self, label: str) -> Path:
        """A timestamped copy beside the session (same mode and group); keeps the last ten."""
        from jury_tui.store.backups import make_backup

        return make_backup(self.path, label)

    def backups(self) -> list[Path]:
        """This session's backups, newest first."""
        from jury_tui.store.backups import list_backups

        return list_backups(self.path)

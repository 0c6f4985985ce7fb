"""Canonical JSON and hashes.

Canonical JSON is orjson's output with sorted keys: no spaces, UTF-8, keys sorted by
code point (orjson's order is Python's `sorted` order for str keys). Every hash of the
store (an audit entry's `empreinte`, the state's `etat`) is the SHA-256 hex digest of it.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

SORTED = orjson.OPT_SORT_KEYS
ZERO_HASH = "0" * 64


def canonical(value: Any) -> bytes:
    """Canonical JSON bytes of a JSON-native value."""
    return orjson.dumps(value, option=SORTED)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def state_hash(state: dict) -> str:
    """SHA-256 of the canonical JSON of a whole state dict (candidates keyed by numero)."""
    return sha256_hex(canonical(state))


def entry_hash(entry: dict) -> str:
    """SHA-256 of an audit entry's canonical JSON, leaving its own `empreinte` out."""
    if "empreinte" in entry:
        entry = {k: v for k, v in entry.items() if k != "empreinte"}
    return sha256_hex(canonical(entry))


SEAL_LENGTH = 16


def seal_of(value: Any) -> str:
    """A short SHA-256 of one part of the state (a candidate, the jury...).

    The audit records the seals of the parts each act changed, so that a state that no longer
    matches its chain can be *located* (which candidate, which part). Locating only: what the
    chain guarantees rests on the full hashes `etat` and `empreinte`.
    """
    return sha256_hex(canonical(value))[:SEAL_LENGTH]


def split_state(state: dict) -> tuple[bytes, str]:
    """Serialise a state's session document and hash it, without a second serialisation.

    Returns (session document bytes, state hash). The session
    document is the state without its candidates; when no other top-level key sorts
    before "candidates" (the usual layout), the canonical state is assembled from the two
    parts instead of being serialised a second time.
    """
    candidates = state["candidates"]
    rest = {k: v for k, v in state.items() if k != "candidates"}
    session_doc = canonical(rest)
    candidates_bytes = canonical(candidates)
    if all(k > "candidates" for k in rest):
        digest = hashlib.sha256(b'{"candidates":')
        digest.update(candidates_bytes)
        digest.update(b"," + session_doc[1:] if rest else b"}")
        return session_doc, digest.hexdigest()
    return session_doc, state_hash(state)

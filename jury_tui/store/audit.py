"""The audit chain: entries, their hashes, and the verification of a stored file.

An entry: {"seq", "le", "par", "utilisateur", "hote", "ssh", "action", "cible", "avant",
"apres", "motif", ...extra, "precedent", "etat", "empreinte"}. `precedent` is the previous
entry's `empreinte` (64 zeros for the first), `etat` the SHA-256 of the canonical state
after the transaction, `empreinte` the SHA-256 of the entry's canonical JSON without
`empreinte`. A chain in the same file cannot stop someone who rewrites it whole: the signed
minutes' fingerprint, on paper, anchors it.
"""

from __future__ import annotations

from pathlib import Path

from jury_tui import seams
from jury_tui.errors import Place, Problem
from jury_tui.store.canonical import ZERO_HASH, canonical, entry_hash, sha256_hex, state_hash
from jury_tui.store.layout import Parsed
from jury_tui.store.schema import entry_as_written
from jury_tui.store.timefmt import local

MIGRATION = "migration"
ALTERATION = "modification_externe"  # recorded when a write finds a state its chain does not explain

RESERVED = frozenset(
    "seq le par utilisateur hote ssh action cible avant apres motif precedent etat empreinte".split()
)


def new_entry(seq: int, action: str, target, before, after, reason, extra: dict | None) -> dict:
    """An entry without its hashes (`seal` adds them at commit)."""
    who = seams.identity()
    entry = {
        "seq": seq,
        "le": seams.now_iso(),
        "par": who.actor,
        "utilisateur": who.user,
        "hote": who.host,
        "ssh": who.ssh_client,
        "action": action,
        "cible": target,
        "avant": before,
        "apres": after,
        "motif": reason,
    }
    if extra:
        clash = RESERVED.intersection(extra)
        if clash:
            raise ValueError(f"extra audit keys clash with reserved ones: {sorted(clash)}")
        entry.update(extra)
    return entry


def seal(entries: list[dict], previous: str, etat: str) -> list[bytes]:
    """Fill `precedent`, `etat`, `empreinte` in order; return each entry's `"seq":{...}` bytes."""
    pieces = []
    for entry in entries:
        entry.pop("empreinte", None)
        entry["precedent"] = previous
        entry["etat"] = etat
        body = canonical(entry)
        previous = entry["empreinte"] = sha256_hex(body)
        pieces.append(b'"%d":%s,"empreinte":"%s"}' % (entry["seq"], body[:-1], previous.encode()))
    return pieces


def last_hash(audit: list[dict]) -> str:
    value = audit[-1].get("empreinte") if audit else None
    return value if isinstance(value, str) else ZERO_HASH


def stored_state_altered(parsed: Parsed) -> tuple[str, str] | None:
    """(expected, found) hashes when the stored state does not match its last entry."""
    if not parsed.audit:
        return None
    expected, found = parsed.audit[-1].get("etat"), state_hash(parsed.state)
    return None if expected == found else (str(expected), found)


def _where(entry: dict, position: int, tz: str | None, word: str = "Entrée") -> str:
    seq = entry.get("seq") if type(entry.get("seq")) is int else position
    return f"{word} {seq} ({entry.get('action', '?')}, {local(entry.get('le'), tz)})"


def _initial_schema(parsed: Parsed) -> int:
    for entry in parsed.audit:
        if entry.get("action") == MIGRATION and type(entry.get("avant")) is int:
            return entry["avant"]
    return parsed.schema_found


def verify_chain(parsed: Parsed, path: Path) -> list[Problem]:
    """Every problem of a stored (not migrated) file's audit chain and state, in French."""
    place = Place(file=str(path))
    header = parsed.state.get("header")
    tz = header.get("tz") if isinstance(header, dict) else None
    if not parsed.audit:
        return [Problem("Le journal est vide : rien ne garantit l'état de la session ; restaurez une sauvegarde.",
                        place, "AUDIT_EMPTY")]
    walk = _Walk(parsed, tz)
    problems = [Problem(message, place, code) for doc_id, entry in zip(parsed.audit_ids, parsed.audit)
                for code, message in walk.step(doc_id, entry)]
    if stored_state_altered(parsed):
        problems.append(Problem(
            "L'état de la session ne correspond pas à la dernière entrée du journal, "
            f"{_where(parsed.audit[-1], len(parsed.audit), tz, 'entrée')} : le fichier a été modifié hors de "
            "jury-tui (une note corrigée à la main ?). Comparez-le avec une sauvegarde.", place,
            "AUDIT_STATE_MISMATCH"))
    return problems


class _Walk:
    """Checks entries in order, carrying the previous hash, number and schema."""

    def __init__(self, parsed: Parsed, tz: str | None):
        self.stored_in, self.tz = parsed.schema_found, tz
        self.written_in, self.previous, self.previous_seq, self.position = _initial_schema(parsed), ZERO_HASH, 0, 0

    def step(self, doc_id: int, entry: dict) -> list[tuple[str, str]]:
        self.position += 1
        where, seq, found = _where(entry, self.position, self.tz), entry.get("seq"), []
        expected = self.previous_seq + 1
        if seq != expected or doc_id != seq:
            detail = f"numérotée {seq} au lieu de {expected}" if seq != expected else f"rangée au numéro {doc_id}"
            found.append(("AUDIT_SEQUENCE", f"{where} : {detail} : une entrée a été supprimée, insérée ou "
                          f"déplacée. {_RESTORE}"))
        if entry.get("precedent") != self.previous:
            found.append(("AUDIT_CHAIN", f"{where} : elle ne suit pas l'entrée précédente (chaînage rompu) : une "
                          f"entrée a été supprimée, insérée ou déplacée avant elle. {_RESTORE}"))
        if entry.get("action") == MIGRATION and type(entry.get("apres")) is int:
            self.written_in = entry["apres"]
        if entry.get("empreinte") != entry_hash(entry_as_written(entry, self.written_in, self.stored_in)):
            found.append(("AUDIT_ENTRY_ALTERED", f"{where} : son contenu a été modifié après son enregistrement "
                          f"(empreinte différente). {_RESTORE}"))
        if entry.get("action") == ALTERATION:
            found.append(("AUDIT_EXTERNAL_CHANGE", f"{where} : à cette date, la session avait été modifiée hors de "
                          "jury-tui (son état ne correspondait plus au journal). Comparez-la avec une sauvegarde "
                          "antérieure."))
        self.previous = entry.get("empreinte")
        self.previous_seq = seq if type(seq) is int else self.previous_seq + 1
        return found


_RESTORE = "Restaurez une sauvegarde."

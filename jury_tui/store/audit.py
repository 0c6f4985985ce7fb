"""The audit chain: entries, their hashes, and the verification of a stored file.

An entry: {"seq", "le", "par", "utilisateur", "hote", "ssh", "action", "cible", "avant",
"apres", "motif", ...extra, "sceaux", "precedent", "etat", "empreinte"}. `precedent` is the
previous entry's `empreinte` (64 zeros for the first), `etat` the SHA-256 of the canonical
state after the transaction, `empreinte` the SHA-256 of the entry's canonical JSON without
`empreinte`. A chain in the same file cannot stop someone who rewrites it whole: the signed
minutes' fingerprint, on paper, anchors it.

`sceaux` (on the last entry of a transaction, when something changed): the short seals
(`canonical.seal_of`) of the candidates and of the other parts of the state (header,
regulation, members, tours) that the transaction changed, {"candidats": {numero: seal or
None when removed}, "parties": {key: seal}}. When the state no longer matches the chain,
comparing it with the latest seals says *where* it was changed (`locate`).
"""

from __future__ import annotations

from pathlib import Path

from jury_tui import seams
from jury_tui.errors import Place, Problem
from jury_tui.store.canonical import ZERO_HASH, canonical, entry_hash, seal_of, sha256_hex, state_hash
from jury_tui.store.layout import Parsed
from jury_tui.store.schema import entry_as_written
from jury_tui.store.timefmt import local

MIGRATION = "migration"
ALTERATION = "modification_externe"  # recorded when a write finds a state its chain does not explain

RESERVED = frozenset(
    "seq le par utilisateur hote ssh action cible avant apres motif sceaux precedent etat empreinte".split()
)
SEALS = "sceaux"
CHANGED = "modifie"  # on an ALTERATION entry: where the state had been changed, as located then
PART_LABELS = {
    "header": "en-tête de la session",
    "regulation": "règlement",
    "members": "membres du jury",
    "tours": "tours et signatures",
    "schema": "version du format",
}
_LISTED = 12


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


def seal(entries: list[dict], previous: str, etat: str, seals: dict | None = None) -> list[bytes]:
    """Fill `precedent`, `etat`, `empreinte` in order (and `sceaux` on the last entry when given);
    return each entry's `"seq":{...}` bytes."""
    pieces = []
    if seals and entries:
        entries[-1][SEALS] = seals
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


def recorded_seals(audit: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """The latest seal of each candidate and of each other part, as the chain recorded them."""
    candidates: dict[str, str] = {}
    parts: dict[str, str] = {}
    for entry in audit:
        seals = entry.get(SEALS)
        if not isinstance(seals, dict):
            continue
        for target, found in ((candidates, seals.get("candidats")), (parts, seals.get("parties"))):
            for key, value in (found if isinstance(found, dict) else {}).items():
                if isinstance(value, str):
                    target[key] = value
                else:
                    target.pop(key, None)
    return candidates, parts


def new_seals(state: dict, before: dict | None, known: tuple[dict, dict], entries: list[dict]) -> dict:
    """The seals to record for a state about to be written by a transaction of `entries`.

    `before` maps each numero to the candidate dict the transaction started with: a candidate
    whose dict is the same object, already sealed and not the target of one of `entries`, is
    not hashed again (callers replace a candidate's dict to change it). A candidate or part
    never sealed is sealed now, so that a session written before seals existed is wholly
    sealed at its first write.
    """
    known_candidates, known_parts = known
    candidates = state["candidates"]
    targets = {entry.get("cible") for entry in entries}
    found: dict[str, str | None] = {}
    for numero, doc in candidates.items():
        if before is not None and before.get(numero) is doc and numero in known_candidates and numero not in targets:
            continue
        value = seal_of(doc)
        if known_candidates.get(numero) != value:
            found[numero] = value
    for numero in known_candidates.keys() - candidates.keys():
        found[numero] = None
    parts = {key: seal_of(value) for key, value in state.items() if key != "candidates"}
    parts = {key: value for key, value in parts.items() if known_parts.get(key) != value}
    seals: dict = {}
    if found:
        seals["candidats"] = found
    if parts:
        seals["parties"] = parts
    return seals


def locate(parsed: Parsed) -> list[str]:
    """Where the stored state differs from what the chain's seals recorded, in French
    ("candidat 02601", "membres du jury"...); empty when nothing was sealed."""
    candidates, parts = recorded_seals(parsed.audit)
    if not candidates and not parts:
        return []
    found = []
    for key, value in parsed.state.items():
        if key != "candidates" and key in parts and parts[key] != seal_of(value):
            found.append(PART_LABELS.get(key, key))
    found += [f"{PART_LABELS.get(key, key)} supprimé" for key in parts if key not in parsed.state]
    current = parsed.state.get("candidates") or {}
    for numero in sorted(current.keys() | candidates.keys()):
        if numero not in candidates:
            if candidates:
                found.append(f"candidat {numero} ajouté")
        elif numero not in current:
            found.append(f"candidat {numero} supprimé")
        elif candidates[numero] != seal_of(current[numero]):
            found.append(f"candidat {numero}")
    return found


def listed(places: list[str]) -> str:
    if len(places) <= _LISTED:
        return ", ".join(places)
    return ", ".join(places[:_LISTED]) + f" et {len(places) - _LISTED} autres"


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
        places = locate(parsed)
        what = f" : {listed(places)}" if places else " (une note corrigée à la main ?)"
        problems.append(Problem(
            "L'état de la session ne correspond pas à la dernière entrée du journal, "
            f"{_where(parsed.audit[-1], len(parsed.audit), tz, 'entrée')} : le fichier a été modifié hors de "
            f"jury-tui{what}. Comparez-le avec une sauvegarde.", place, "AUDIT_STATE_MISMATCH"))
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
            places = entry.get(CHANGED)
            places = [str(p) for p in places] if isinstance(places, list) else []
            what = listed(places) if places else "son état ne correspondait plus au journal"
            found.append(("AUDIT_EXTERNAL_CHANGE", f"{where} : à cette date, la session avait été modifiée hors de "
                          f"jury-tui ({what}). Comparez-la avec une sauvegarde antérieure."))
        self.previous = entry.get("empreinte")
        self.previous_seq = seq if type(seq) is int else self.previous_seq + 1
        return found


_RESTORE = "Restaurez une sauvegarde."

"""Tours, statistics and the fingerprint of a signed tour (DESIGN.md §5)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from jury_tui.domain.candidate import Candidate
from jury_tui.domain.grades import NOTE, plain
from jury_tui.domain.results import ADMIS, AJOURNE, CONTROLE, NON_DELIVRE, Result


def in_tour(c: Candidate, tour: int) -> bool:
    """Tour 1 deliberates every candidate not withdrawn; tour 2 those decided `controle` at tour 1."""
    if c.withdrawn:
        return False
    if tour == 1:
        return True
    d = c.decision(1)
    return d is not None and d.decision == CONTROLE


def present(c: Candidate) -> bool:
    """Présent: at least one unit graded this session (not kept, dispensed or absent)."""
    return any(v.kind == NOTE for v in c.notes.values())


@dataclass(frozen=True)
class Totals:
    """A tour's counts, from the jury's decisions."""

    inscrits: int
    presents: int
    admis: int
    ajournes: int
    controle: int
    non_delivres: int
    decides: int
    a_decider: int
    a_revoir: int

    @property
    def taux(self) -> tuple[int, int]:
        """Success rate as (admis, présents)."""
        return self.admis, self.presents


def totals(cands: list[Candidate], tour: int) -> Totals:
    """Counts for a tour: the jury's decisions (undecided candidates count in `a_decider`)."""
    counts = {ADMIS: 0, AJOURNE: 0, CONTROLE: 0, NON_DELIVRE: 0}
    inscrits = presents = decided = revoir = 0
    for c in cands:
        if not in_tour(c, tour):
            continue
        inscrits += 1
        presents += present(c)
        d = c.decision(tour)
        if d:
            decided += 1
            counts[d.decision] = counts.get(d.decision, 0) + 1
        revoir += c.a_revoir
    return Totals(
        inscrits=inscrits,
        presents=presents,
        admis=counts[ADMIS],
        ajournes=counts[AJOURNE],
        controle=counts[CONTROLE],
        non_delivres=counts[NON_DELIVRE],
        decides=decided,
        a_decider=inscrits - decided,
        a_revoir=revoir,
    )


def fingerprint_payload(
    header: dict,
    regulation_sha256: str,
    members: list[dict],
    cands: list[Candidate],
    results: dict[str, Result],
    tour: int,
    signature: dict,
) -> dict:
    """What a signed tour's fingerprint covers: header, regulation, jury, every candidate's
    numero, names, grades (original and adjusted), moyenne and decision, and the signature."""
    rows = []
    for c in sorted((c for c in cands if in_tour(c, tour)), key=lambda c: c.numero):
        r = results[c.numero]
        adjusted = {}
        for unit in c.notes.keys() | {a.unite for a in c.ajustements}:
            adj = c.adjustment(unit, tour)
            if adj:
                adjusted[unit] = str(adj.apres)
        d = c.decision(tour)
        rows.append(
            {
                "numero": c.numero,
                "nom": c.nom,
                "prenom": c.prenom,
                "notes": {u: str(v) for u, v in c.notes.items()},
                "ajustees": adjusted,
                "controle": {u: str(v) for u, v in c.controle.items()} if tour >= 2 else {},
                "moyenne": None if r.moyenne is None else plain(r.moyenne),
                "decision": d.decision if d else None,
            }
        )
    signed = {"par": signature["par"], "le": signature["le"], "tour": tour, "rang": signature.get("rang", 1)}
    if signature.get("signataire"):  # the member who signs; absent from signatures made before it was named
        signed["signataire"] = signature["signataire"]
    return {
        "entete": header,
        "reglement": regulation_sha256,
        "membres": members,
        "candidats": rows,
        # the rank (1, then 2 after one reopen...) makes every re-signature a new fingerprint
        "signature": signed,
    }


def fingerprint(payload: dict) -> str:
    """SHA-256 of the canonical JSON (UTF-8, sorted keys, no spaces)."""
    import hashlib  # only a signature or a verification needs it

    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

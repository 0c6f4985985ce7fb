"""A candidate as the engine sees it, and its plain-dict form in the session state.

The session state (a JSON-native dict) keeps each candidate as:
    {"numero", "nom", "prenom", "date_naissance" (yyyy-mm-dd|None), "statut", "forme",
     "livret", "livret_examine", "attestation_shg", "ine", "etablissement",
     "notes": {unit: canonical text},            # a unit absent = not taken / empty
     "ajustements": [{"unite", "avant", "apres", "motif", "par", "le", "tour"}],
     "controle": {unit: canonical text},          # tour-2 grades
     "decisions": {"1": {"decision", "motif", "par", "le"}, "2": ...},
     "a_revoir": bool, "retire": None | {"motif", "par", "le"}}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jury_tui.domain import grades
from jury_tui.domain.grades import Value

STATUTS = ("scolaire", "apprenti", "formation_continue", "distance", "individuel")
FORMES = ("globale", "progressive")
DECISIONS = ("admis", "ajourne", "controle", "non_delivre")


@dataclass(frozen=True, slots=True)
class Adjustment:
    """Points de jury (RULES.md §5): the original stays beside the new value."""

    unite: str
    avant: Value
    apres: Value
    motif: str
    par: str
    le: str
    tour: int


@dataclass(frozen=True, slots=True)
class Decision:
    tour: int
    decision: str
    motif: str | None
    par: str
    le: str


@dataclass(slots=True)
class Candidate:
    numero: str
    nom: str
    prenom: str
    notes: dict[str, Value] = field(default_factory=dict)
    forme: str = "globale"
    date_naissance: str | None = None
    statut: str | None = None
    livret: bool = False
    livret_examine: bool = False
    attestation_shg: bool = False
    ine: str | None = None
    etablissement: str | None = None
    ajustements: tuple[Adjustment, ...] = ()
    controle: dict[str, Value] = field(default_factory=dict)
    decisions: dict[int, Decision] = field(default_factory=dict)
    a_revoir: bool = False
    retire: dict | None = None

    def adjustment(self, unit: str, tour: int) -> Adjustment | None:
        """The adjustment in force for `unit` as seen at `tour` (the latest tour <= tour)."""
        best = None
        for adj in self.ajustements:
            if adj.unite == unit and adj.tour <= tour and (best is None or adj.tour > best.tour):
                best = adj
        return best

    def value(self, unit: str, tour: int = 1) -> Value | None:
        """The grade that counts at `tour` before any contrôle: adjusted if adjusted."""
        adj = self.adjustment(unit, tour) if self.ajustements else None
        return adj.apres if adj else self.notes.get(unit)

    def decision(self, tour: int) -> Decision | None:
        return self.decisions.get(tour)

    @property
    def latest_decision(self) -> Decision | None:
        if not self.decisions:
            return None
        return self.decisions[max(self.decisions)]

    @property
    def withdrawn(self) -> bool:
        return self.retire is not None


def _parse_map(raw: dict | None) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for unit, text in (raw or {}).items():
        value = grades.parse(text)
        if value is not None:
            out[unit] = value
    return out


def from_dict(d: dict, grades_of: Callable[[dict | None], dict[str, Value]] = _parse_map) -> Candidate:
    """The stored form's candidate; a key missing reads as None ("" for the names), but the
    numero. `grades_of` parses a map of grade texts (notes, contrôle) as `_parse_map` does; a
    caller may pass one that remembers the texts already parsed."""
    adjustments, decisions = d.get("ajustements"), d.get("decisions")
    return Candidate(
        numero=d["numero"],
        nom=d.get("nom", ""),
        prenom=d.get("prenom", ""),
        notes=grades_of(d.get("notes")),
        forme=d.get("forme") or "globale",
        date_naissance=d.get("date_naissance"),
        statut=d.get("statut"),
        livret=bool(d.get("livret")),
        livret_examine=bool(d.get("livret_examine")),
        attestation_shg=bool(d.get("attestation_shg")),
        ine=d.get("ine"),
        etablissement=d.get("etablissement"),
        ajustements=_adjustments(adjustments) if adjustments else (),
        controle=grades_of(d.get("controle")),
        decisions=_decisions(decisions) if decisions else {},
        a_revoir=bool(d.get("a_revoir")),
        retire=d.get("retire"),
    )


def _adjustments(raw) -> tuple[Adjustment, ...]:
    return tuple(
        Adjustment(
            unite=a["unite"],
            avant=grades.parse(a["avant"]),
            apres=grades.parse(a["apres"]),
            motif=a.get("motif") or "",
            par=a.get("par") or "",
            le=a.get("le") or "",
            tour=int(a.get("tour", 1)),
        )
        for a in raw
    )


def _decisions(raw) -> dict[int, Decision]:
    return {
        int(t): Decision(int(t), x["decision"], x.get("motif"), x.get("par") or "", x.get("le") or "")
        for t, x in raw.items()
    }


def to_dict(c: Candidate, notes: dict[str, str] | None = None) -> dict:
    """The stored form; `notes` may give the grades' texts already written (imports)."""
    return {
        "numero": c.numero,
        "nom": c.nom,
        "prenom": c.prenom,
        "date_naissance": c.date_naissance,
        "statut": c.statut,
        "forme": c.forme,
        "livret": c.livret,
        "livret_examine": c.livret_examine,
        "attestation_shg": c.attestation_shg,
        "ine": c.ine,
        "etablissement": c.etablissement,
        "notes": notes if notes is not None else {u: str(v) for u, v in c.notes.items()},
        "ajustements": [
            {
                "unite": a.unite,
                "avant": str(a.avant),
                "apres": str(a.apres),
                "motif": a.motif,
                "par": a.par,
                "le": a.le,
                "tour": a.tour,
            }
            for a in c.ajustements
        ],
        "controle": {u: str(v) for u, v in c.controle.items()},
        "decisions": {
            str(t): {"decision": x.decision, "motif": x.motif, "par": x.par, "le": x.le}
            for t, x in sorted(c.decisions.items())
        },
        "a_revoir": c.a_revoir,
        "retire": c.retire,
    }

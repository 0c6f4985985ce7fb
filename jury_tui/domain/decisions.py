"""What the jury may decide and adjust (RULES.md §5; D643-26: the deliberation is sovereign)."""

from __future__ import annotations

from dataclasses import dataclass

from jury_tui.domain.candidate import Candidate
from jury_tui.domain.grades import ABJ, ABS, DISP, NP, VAE, Value
from jury_tui.domain.results import ADMIS, AJOURNE, CONTROLE, INCOMPLET, LABELS, NON_DELIVRE, Result

TOUR_DECISIONS = {1: (ADMIS, AJOURNE, CONTROLE, NON_DELIVRE), 2: (ADMIS, AJOURNE)}

# (proposal, decision) -> None when allowed without reason, "reason" when a reason is needed.
# A pair absent from the table is forbidden; FORBIDDEN says why.
_NEEDS_REASON = {
    (ADMIS, AJOURNE),
    (CONTROLE, ADMIS),
    (CONTROLE, AJOURNE),
    (AJOURNE, ADMIS),
}
_FORBIDDEN = {
    (AJOURNE, CONTROLE): "le contrôle n'est possible que dans les conditions de D643-22 : ajustez d'abord les notes",
    (AJOURNE, NON_DELIVRE): "« non délivré » ne s'applique qu'à une absence non justifiée (D643-24)",
    (ADMIS, CONTROLE): "un candidat proposé admis ne passe pas le contrôle (D643-22)",
    (ADMIS, NON_DELIVRE): "« non délivré » ne s'applique qu'à une absence non justifiée (D643-24)",
    (CONTROLE, NON_DELIVRE): "« non délivré » ne s'applique qu'à une absence non justifiée (D643-24)",
    (NON_DELIVRE, ADMIS): "absence non justifiée : le diplôme ne peut être délivré (D643-24) ; "
    "si le jury admet la force majeure, changez d'abord ABS en ABJ",
    (NON_DELIVRE, AJOURNE): "absence non justifiée : la décision est « non délivré » (D643-24) ; "
    "si le jury admet la force majeure, changez d'abord ABS en ABJ",
    (NON_DELIVRE, CONTROLE): "absence non justifiée : pas de contrôle possible (D643-24)",
}


@dataclass(frozen=True)
class Verdict:
    """Whether a decision may be taken, and what it needs."""

    allowed: bool
    needs_reason: bool = False
    against_proposal: bool = False
    message: str | None = None  # French: why it is refused, or what is needed
    code: str | None = None  # a stable name of the refusal, for what the user is told to do next


def check_decision(c: Candidate, result: Result, decision: str, *, reason: str | None, tour: int) -> Verdict:
    """Whether the jury may take `decision` for this candidate now (the table of RULES.md §5)."""
    allowed = TOUR_DECISIONS.get(tour, ())
    if decision not in allowed:
        names = ", ".join(allowed)
        return Verdict(False, message=f"« {decision} » n'est pas une décision du tour {tour} ({names})")
    proposal = result.proposition
    if proposal == INCOMPLET:
        missing = ", ".join(result.missing)
        return Verdict(False, message=f"candidat incomplet ({missing}) : aucune décision possible avant d'avoir la note")
    if decision in (AJOURNE, CONTROLE) and c.livret and not c.livret_examine:
        # D643-26: the livret must have been examined before an unfavourable decision
        return Verdict(
            False,
            message=f"le candidat a fourni un livret : le jury doit l'examiner avant de décider « {LABELS[decision]} » (D643-26)",
            code="LIVRET_NON_EXAMINE",
        )
    if decision == proposal:
        return Verdict(True)
    key = (proposal, decision)
    if key in _FORBIDDEN:
        return Verdict(False, against_proposal=True, message=_FORBIDDEN[key])
    if key in _NEEDS_REASON:
        if not (reason or "").strip():
            return Verdict(
                False,
                needs_reason=True,
                against_proposal=True,
                message=f"décision « {LABELS[decision]} » contraire à la proposition « {LABELS[proposal]} » : "
                "un motif est obligatoire",
            )
        return Verdict(True, needs_reason=True, against_proposal=True)
    return Verdict(False, message=f"décision « {decision} » impossible pour la proposition « {proposal} »")


def check_adjustment(current: Value | None, new: Value) -> str | None:
    """RULES.md §5: a grade may be adjusted, or ABS turned into ABJ; None when allowed."""
    if current is None:
        return "l'unité n'a pas de note : rien à ajuster"
    if current.kind in (DISP, VAE, NP):
        return f"une unité {current.kind} ne peut pas être ajustée"
    if current.kind == ABS:
        if new.kind != ABJ:
            return "une absence (ABS) ne peut devenir que ABJ, si le jury admet la force majeure (D643-24)"
        return None
    if current.kind == ABJ:
        return "ABJ compte 0 et ne peut pas être ajusté (seul un ABS devient ABJ)"
    if not new.is_grade or new.kind != "note":
        return "un ajustement donne une note de 0 à 20 (ou ABJ à la place d'ABS)"
    if new.hundredths == current.hundredths:
        return "la nouvelle note est égale à l'actuelle"
    return None

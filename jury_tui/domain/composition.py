"""The jury's own composition (RULES.md §8; D643-31, D643-31-1).

The rules are checked on the jury as appointed (every member: a broken rule is an error,
the jury cannot sit) and on the members present (present or visio: a broken rule is a
warning, the deliberation stays valid and the minutes say so).
"""

from __future__ import annotations

from dataclasses import dataclass

PRESIDENT = "president"
ENSEIGNANT = "enseignant"
PROFESSIONNEL = "professionnel"
PERSONNE_QUALIFIEE = "personne_qualifiee"
ROLES = (PRESIDENT, ENSEIGNANT, PROFESSIONNEL, PERSONNE_QUALIFIEE)

EC = "enseignant_chercheur"
IA_IPR = "ia_ipr"
PUBLIC = "enseignant_public"
PRIVE = "enseignant_prive_sous_contrat"
CFA = "enseignant_cfa"
EMPLOYEUR = "employeur"
SALARIE = "salarie"

# D643-31: which qualité each role allows (personne_qualifiee: any, or none)
QUALITES = {
    PRESIDENT: (EC, IA_IPR),
    ENSEIGNANT: (EC, PUBLIC, PRIVE, CFA),
    PROFESSIONNEL: (EMPLOYEUR, SALARIE),
    PERSONNE_QUALIFIEE: None,
}
PRESENCES = ("present", "visio", "absent")
MAX_QUALIFIED = 2

ROLE_LABELS = {
    PRESIDENT: "président",
    ENSEIGNANT: "enseignant",
    PROFESSIONNEL: "professionnel",
    PERSONNE_QUALIFIEE: "personne qualifiée",
}
QUALITE_LABELS = {
    EC: "enseignant-chercheur",
    IA_IPR: "IA-IPR",
    PUBLIC: "enseignant du public",
    PRIVE: "enseignant du privé sous contrat",
    CFA: "enseignant de CFA",
    EMPLOYEUR: "employeur",
    SALARIE: "salarié",
}
PRESENCE_LABELS = {"present": "présent", "visio": "en visioconférence", "absent": "absent"}


@dataclass(frozen=True, slots=True)
class Member:
    """A member of the jury: role, qualité (D643-31) and presence at the deliberation."""

    nom: str
    prenom: str
    role: str
    qualite: str | None
    presence: str = "present"

    @property
    def sits(self) -> bool:
        return self.presence in ("present", "visio")


@dataclass(frozen=True, slots=True)
class Finding:
    """A broken composition rule: an error on the jury as appointed, a warning on those present."""

    code: str
    message: str  # French, says what is wrong and why
    article: str
    level: str  # "error" | "warning"


def role_qualite_error(role: str, qualite: str | None) -> str | None:
    """D643-31: a role and a qualité that do not fit. None when they fit."""
    if role not in QUALITES:
        return f"rôle « {role} » inconnu ; rôles possibles : {', '.join(ROLES)}"
    allowed = QUALITES[role]
    if allowed is None:
        return None
    if not qualite:
        return f"le rôle {ROLE_LABELS[role]} demande une qualité : {', '.join(allowed)}"
    if qualite not in allowed:
        return (
            f"qualité « {qualite} » impossible pour le rôle {ROLE_LABELS[role]} ; "
            f"qualités possibles : {', '.join(allowed)}"
        )
    return None


def _rules(members: list[Member], suffix: str, level: str, where: str) -> list[Finding]:
    """The composition rules of D643-31 on one set of members."""
    out: list[Finding] = []

    def add(code: str, message: str, article: str = "D643-31") -> None:
        out.append(Finding(code + suffix, f"{message} ({where})", article, level))

    presidents = [m for m in members if m.role == PRESIDENT]
    teachers = [m for m in members if m.role == ENSEIGNANT]
    pros = [m for m in members if m.role == PROFESSIONNEL]
    qualified = [m for m in members if m.role == PERSONNE_QUALIFIEE]
    if not presidents:
        add("JURY_PRESIDENT", "le jury n'a pas de président")
    elif len(presidents) > 1:
        add("JURY_PRESIDENTS", f"le jury a {len(presidents)} présidents")
    for m in presidents:
        if m.qualite not in (EC, IA_IPR):
            add("JURY_PRESIDENT_QUALITE", f"le président {m.nom} doit être enseignant-chercheur ou IA-IPR")
    if len(teachers) != len(pros):
        add(
            "JURY_PARITE",
            f"{len(teachers)} enseignant(s) pour {len(pros)} professionnel(s) : la parité n'est pas respectée",
        )
    public = [m for m in teachers if m.qualite in (EC, PUBLIC)]
    if teachers and not 2 * len(public) > len(teachers):
        add(
            "JURY_PUBLIC",
            f"{len(public)} enseignant(s) du public sur {len(teachers)} : ils doivent être plus de la moitié",
        )
    if not any(m.qualite == EC for m in teachers):
        add("JURY_EC", "aucun enseignant-chercheur parmi les enseignants (hors président)")
    if not any(m.qualite == EMPLOYEUR for m in pros):
        add("JURY_EMPLOYEUR", "aucun employeur parmi les professionnels")
    if not any(m.qualite == SALARIE for m in pros):
        add("JURY_SALARIE", "aucun salarié parmi les professionnels")
    if len(qualified) > MAX_QUALIFIED:
        add("JURY_QUALIFIEES", f"{len(qualified)} personnes qualifiées : deux au plus", "D643-31-1")
    return out


def check_composition(members: list[Member]) -> tuple[list[Finding], list[Finding]]:
    """(errors on the jury as appointed, warnings on the members present)."""
    errors: list[Finding] = []
    if not members:
        return [Finding("JURY_VIDE", "aucun membre du jury n'est enregistré", "D643-31", "error")], []
    for m in members:
        problem = role_qualite_error(m.role, m.qualite)
        if problem:
            errors.append(Finding("JURY_ROLE_QUALITE", f"{m.nom} {m.prenom} : {problem}", "D643-31", "error"))
    errors += _rules(members, "", "error", "jury tel que nommé")
    for m in members:
        if m.role == PRESIDENT and m.presence != "present":
            # D643-31: the president attends in person
            errors.append(
                Finding(
                    "JURY_PRESIDENT_PRESENCE",
                    f"le président {m.nom} est {PRESENCE_LABELS.get(m.presence, m.presence)} : "
                    "il doit siéger en personne",
                    "D643-31",
                    "error",
                )
            )
    present = [m for m in members if m.sits]
    warnings = _rules(present, "_PRESENTS", "warning", "membres présents")
    # a rule already broken as appointed is not repeated for the members present
    broken = {f.code for f in errors}
    warnings = [w for w in warnings if w.code.removesuffix("_PRESENTS") not in broken]
    return errors, warnings

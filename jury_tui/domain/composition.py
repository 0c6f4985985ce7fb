"""The jury's own composition (RULES.md §8; D643-31, D643-31-1).

The rules are checked on the jury as appointed (every member: a broken rule is an error,
the jury cannot sit) and on the members present (present or visio). D643-31: « Si la parité
n'est pas atteinte en raison de la défection d'un ou plusieurs membres avant le début de ses
travaux, le jury peut néanmoins délibérer valablement. » Among the members present, a rule the
regulation's policy `defection_toleree` names (by default, parity only: the text's own
exception) is a warning, the minutes say so; any other rule broken among them is an error.
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

# The rules a member's defection may break (policy `defection_toleree`), by name -> finding code.
TOLERABLE = {
    "parite": "JURY_PARITE",  # D643-31: « à parts égales » (the text's own exception)
    "majorite_public": "JURY_PUBLIC",  # D643-31 1°: public teachers the majority of the teachers
    "enseignant_chercheur": "JURY_EC",  # D643-31 1°: « dont un enseignant-chercheur »
    "employeur": "JURY_EMPLOYEUR",  # D643-31 2°: « employeurs et salariés »
    "salarie": "JURY_SALARIE",
}

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


def _count(n: int, word: str) -> str:
    """« 1 enseignant », « 4 enseignants » (the minutes print these messages: no « (s) »)."""
    return f"{n} {word}{'s' if n >= 2 else ''}"


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
            f"{_count(len(teachers), 'enseignant')} pour {_count(len(pros), 'professionnel')} : "
            "la parité n'est pas respectée",
        )
    public = [m for m in teachers if m.qualite in (EC, PUBLIC)]
    if teachers and not 2 * len(public) > len(teachers):
        add(
            "JURY_PUBLIC",
            f"{_count(len(public), 'enseignant')} du public sur {len(teachers)} : ils doivent être plus de la moitié",
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


def check_composition(members: list[Member], tolerated: frozenset[str] | None = None) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings): errors on the jury as appointed, and on the members present for the
    rules a defection may not break; warnings on the members present for those it may.

    `tolerated`: the TOLERABLE names a defection may break (the regulation's policy
    defection_toleree); None, as a regulation of format 1 reads: every rule among the members
    present is a warning."""
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
    # a rule already broken as appointed is not repeated for the members present
    broken = {f.code for f in errors}
    among_present = [w for w in _rules(present, "_PRESENTS", "warning", "membres présents") if w.code.removesuffix("_PRESENTS") not in broken]
    if tolerated is None:
        return errors, among_present
    may_break = {TOLERABLE[name] for name in tolerated}
    warnings = [w for w in among_present if w.code.removesuffix("_PRESENTS") in may_break]
    for w in among_present:
        rule = w.code.removesuffix("_PRESENTS")
        if rule not in may_break and rule not in ("JURY_PRESIDENT", "JURY_PRESIDENTS"):  # the president's: said above
            errors.append(Finding(w.code, f"{w.message} : {NOT_EXCUSED}", w.article, "error"))
    return errors, warnings


# D643-31 lets the jury deliberate validly when parity is lost through a defection; nothing else.
NOT_EXCUSED = "la défection d'un membre n'excuse que la perte de la parité (D643-31) ; le jury ne peut pas délibérer ainsi"

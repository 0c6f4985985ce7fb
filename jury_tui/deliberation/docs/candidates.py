"""The candidates' documents: relevés de notes, attestations of blocs, the list of admis.

They state the jury's final decisions, so they are refused until every tour the candidates
went through is signed (common.require_final). A candidate who sat the épreuves de
contrôle is described by tour 2, the others by tour 1.
"""

from __future__ import annotations

from datetime import date

from jury_tui.deliberation.docs import common
from jury_tui.documents import format as fmt
from jury_tui.documents import typography
from jury_tui.documents.context import (
    Admis,
    AdmisContext,
    Attestation,
    AttestationsContext,
    Bloc,
    LigneReleve,
    Releve,
    RelevesContext,
)  # fmt: skip
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.grades import ABJ, ABS, DISP, KEPT, NP, VAE
from jury_tui.domain.results import ADMIS, AJOURNE, NON_DELIVRE, Result
from jury_tui.errors import JuryError


def _birth(c: Candidate) -> str:
    if not c.date_naissance:
        return fmt.NONE
    try:
        return fmt.date_short(date.fromisoformat(c.date_naissance))
    except ValueError:
        return c.date_naissance


# --------------------------------------------------------------------------- relevés


def releves_context(view, numeros: list[str] | None = None) -> RelevesContext:
    """One relevé per candidate not withdrawn (or those of `numeros`), by numero."""
    last = common.require_final(view, "relevés de notes")
    wanted = set(numeros) if numeros is not None else None
    cands = [c for c in view.active if wanted is None or c.numero in wanted]
    return typography.typeset(RelevesContext(entete=common.entete(view, last), releves=[releve(view, c) for c in cands]))


def releve(view, c: Candidate) -> Releve:
    tour = view.tour_of(c)
    r = view.result(c.numero, tour)
    reg = view.regulation
    lines = []
    for unit in reg.units:
        ctrl = c.controle.get(unit.code) if tour >= 2 else None
        lines.append(
            LigneReleve(
                code=unit.code,
                epreuve=unit.epreuve,
                intitule=unit.intitule,
                coefficient=f"bonus × {unit.bonus_weight}" if unit.optional else str(unit.coefficient),
                note=common.unit_cell(c, unit.code, tour, empty=fmt.NONE),
                controle=common.value_text(ctrl),
                mention=mention(c, r, unit.code, tour),
            )
        )
    return Releve(
        numero=c.numero,
        nom=c.nom,
        prenom=c.prenom,
        date_naissance=_birth(c),
        statut=common.STATUT_LABELS.get(c.statut or "", fmt.or_dash(c.statut)),
        forme=common.FORME_LABELS.get(c.forme, c.forme),
        etablissement=fmt.or_dash(c.etablissement),
        lignes=lines,
        moyenne=fmt.moyenne(r.moyenne),
        decision=fmt.decision(common.final_decision(c)),
        unites_acquises=", ".join(r.unites_acquises) or "Aucune",
        blocs_acquis=blocs(view, r),
        observations=fmt.lines(candidate_notes(view, c, r, tour)),
        legende=key(c, tour, reg.units),
    )


def key(c: Candidate, tour: int, units) -> str:
    """The key of the codes in the candidate's Note column (the Contrôle column has its own
    header, a unit not taken shows « — » and « Non passée »)."""
    codes, years = common.codes_shown(c, tour, units)
    return fmt.legend(codes - {fmt.CONTROLE, fmt.EMPTY}, years)


def mention(c: Candidate, r: Result, code: str, tour: int) -> str:
    """What the unit is for the candidate: « Acquise », « Dispense », « Conservée (session 2024) »…"""
    value = r.effective.get(code)
    held = code in r.unites_acquises
    if value is None:
        return "Non passée"
    simple = {DISP: "Dispense", VAE: "Acquise (VAE)", NP: "Non présentée", ABS: "Absent", ABJ: "Absence justifiée"}
    if value.kind in simple:
        return simple[value.kind]
    if value.kind == KEPT:
        kept = f"Conservée (session {value.year})"
        return kept if held else f"{kept}, non acquise"
    if not held:
        return "Non acquise"
    first = c.value(code, tour)
    by_controle = tour >= 2 and code in c.controle and not (first is not None and first.is_grade and first.hundredths >= 1000)
    return "Acquise (contrôle)" if by_controle else "Acquise"


def blocs(view, r: Result) -> list[Bloc]:
    """The blocs the results give (`Result.blocs_acquis`: D643-15, one definition), each with the
    unit that carries it."""
    out = []
    for code in r.unites_acquises:
        unit = view.regulation.unit(code)
        if unit.bloc and unit.bloc in r.blocs_acquis:
            out.append(Bloc(code=unit.bloc, intitule=unit.intitule, unite=code, note=common.value_text(r.effective.get(code))))
    return out


def candidate_notes(view, c: Candidate, r: Result, tour: int) -> list[str]:
    """Observations for the candidate (the jury's reasons stay in the minutes)."""
    out: list[str] = []
    for unit in view.regulation.units:
        adj = c.adjustment(unit.code, tour)
        if adj is not None:
            out.append(f"Note du jury en {unit.code} : {fmt.adjusted(adj.avant, adj.apres)}.")
    if tour >= 2:
        sat = ", ".join(f"{u} {common.value_text(v)}" for u, v in sorted(c.controle.items()))
        rule = ("la meilleure des deux notes est retenue" if view.regulation.policies.note_controle == "meilleure"
                else "la note de contrôle est retenue")  # fmt: skip
        if any(v.kind in (ABS, ABJ) for v in c.controle.values()):
            rule += (" ; absent à une épreuve, la première note reste" if view.regulation.policies.absence_controle == "note_initiale"
                     else " ; absent à une épreuve, la note de contrôle est 0")  # fmt: skip
        out.append(f"Décision prise à l'issue des épreuves de contrôle ({sat} ; {rule}).")
    if r.proposition == NON_DELIVRE or (r.proposition == AJOURNE and any(v.kind == NP for v in c.notes.values())):
        out.append(r.reason[:1].upper() + r.reason[1:] + ".")
    if r.carte_professionnelle:
        out.append("Conditions de la carte professionnelle « Surveillance humaine et gardiennage » remplies.")
    return out


# --------------------------------------------------------------------------- attestations


def attestations_context(view, numeros: list[str] | None = None) -> AttestationsContext:
    """Every candidate not admitted at the end who holds blocs through units (D643-15)."""
    last = common.require_final(view, "attestations de blocs de compétences")
    wanted = set(numeros) if numeros is not None else None
    items = []
    for c in view.active:
        if common.final_decision(c) == ADMIS or (wanted is not None and c.numero not in wanted):
            continue
        held = blocs(view, view.result(c.numero, view.tour_of(c)))
        if held:
            items.append(Attestation(numero=c.numero, nom=c.nom, prenom=c.prenom, date_naissance=_birth(c),
                                     blocs=held))  # fmt: skip
    return typography.typeset(AttestationsContext(entete=common.entete(view, last), attestations=items))


# --------------------------------------------------------------------------- admis


def admis_context(view, tour: int | None = None) -> AdmisContext:
    """The public list, alphabetical, names only. Default: the final list (every tour signed);
    `tour=1`: those admitted at the first deliberation, once it is signed."""
    two = common.has_tour2(view)
    if tour == 1:
        if not view.signature(1):
            raise JuryError("liste des admis du tour 1 : le tour 1 n'est pas signé ; signez-le d'abord (« jury sign »)",
                            code="NOT_FINAL")
        people = [c for c in view.active if (c.decision(1) and c.decision(1).decision == ADMIS)]
        precision = ("Résultats de la première délibération, avant les épreuves de contrôle" if two
                     else "Résultats définitifs de la délibération du jury")  # fmt: skip
        date_tour = 1
    else:
        if tour is not None:
            common.check_tour_exists(view, tour)
        date_tour = common.require_final(view, "liste des admis")
        people = [c for c in view.active if common.final_decision(c) == ADMIS]
        precision = ("Résultats définitifs, après les épreuves de contrôle" if two
                     else "Résultats définitifs de la délibération du jury")  # fmt: skip
    people.sort(key=lambda c: fmt.name_sort_key(c.nom, c.prenom))
    return typography.typeset(
        AdmisContext(
            entete=common.entete(view, date_tour),
            admis=[Admis(nom=c.nom, prenom=c.prenom) for c in people],
            nombre=str(len(people)),
            precision=precision,
        )
    )



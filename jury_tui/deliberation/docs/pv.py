"""The procès-verbal of one tour, built from a session view (DESIGN.md §5, RULES.md §9).

Tour 1: every candidate not withdrawn. Tour 2: the candidates decided `controle` at tour 1,
with their contrôle grades. Signed only when that tour's signature stands; the fingerprint
shown is the one stored with it.
"""

from __future__ import annotations

from jury_tui.deliberation import signer
from jury_tui.deliberation.docs import common
from jury_tui.documents import format as fmt
from jury_tui.documents import typography
from jury_tui.documents.context import LignePv, Membre, PvContext, Remarque, Signataire, Totaux, UnitePv
from jury_tui.domain import tours
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.composition import PRESIDENT
from jury_tui.domain.grades import NP, GradeError
from jury_tui.domain.grades import parse as parse_grade
from jury_tui.domain.results import AJOURNE, INCOMPLET, NON_DELIVRE, Result


def pv_context(view, tour: int, *, anonymous: bool = False) -> PvContext:
    """The context of `pv.docx` for `tour` (which must exist: see common.pv_tour), typeset."""
    sig = view.signature(tour)
    reg = view.regulation
    cands = sorted((c for c in view.active if tours.in_tour(c, tour)), key=lambda c: c.numero)
    result, remarks = composition(view)
    corrected = corrections(view)
    entete = common.entete(view, tour)
    signed_on = common.signing_day(view, tour)
    return typography.typeset(
        PvContext(
            entete=entete,
            tour=str(tour),
            tour_libelle=fmt.TOUR_LABELS[tour],
            anonyme=anonymous,
            signe=sig is not None,
            signe_par=signer.label(sig) if sig else "",
            signe_le=common.when(view, sig["le"]) if sig else "",
            date_signature=fmt.date_long(signed_on) if signed_on and fmt.date_long(signed_on) != entete.date else "",
            empreinte=sig["empreinte"] if sig else "",
            membres=members(view),
            composition_resultat=result,
            composition_remarques=remarks,
            unites=units(reg),
            reglement_provisoire=reg.provisional,
            reglement_mention=regulation_note(reg),
            legende=key(cands, tour, reg.units),
            candidats=[row(view, c, tour, anonymous, corrected.get(c.numero, [])) for c in cands],
            totaux=totals(view, tour),
            signataires=signatories(view),
            bilan=outcome(view, tour, signed=sig is not None),
        )
    )


def key(cands: list[Candidate], tour: int, units_) -> str:
    """The key of the codes the results show, only those."""
    codes: set[str] = set()
    years: set[int] = set()
    for c in cands:
        found, kept = common.codes_shown(c, tour, units_)
        codes |= found
        years |= kept
    return fmt.legend(codes, years)


def corrections(view) -> dict[str, list[str]]:
    """The grades corrected after the import (`jury set`, or a correction at the table), from the
    audit: {numero: [« Note corrigée après l'import en U52 : — → 11,00 (motif) »]}. Several
    corrections of one unit show as one, from the first value to the last, with every reason."""
    units_ = {u.code for u in view.regulation.units}
    changes: dict[tuple[str, str], list] = {}
    for entry in view.audit:
        if entry.get("action") != "correction" or not isinstance(entry.get("apres"), dict):
            continue
        before = entry.get("avant") if isinstance(entry.get("avant"), dict) else {}
        for unit, after in entry["apres"].items():
            if unit in units_:
                first = changes.setdefault((entry.get("cible"), unit), [before.get(unit), None, []])
                first[1] = after
                if entry.get("motif"):
                    first[2].append(entry["motif"])
    out: dict[str, list[str]] = {}
    for (numero, unit), (before, after, reasons) in sorted(changes.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        if before == after:
            continue
        reason = f" ({' ; '.join(reasons)})" if reasons else ""
        out.setdefault(numero, []).append(
            f"Note corrigée après l'import en {unit} : {_stored(before)} {fmt.ARROW} {_stored(after)}{reason}"
        )
    return out


def _stored(text: str | None) -> str:
    """A grade as the audit stores it (« 11.00 », « B2024:13.00 », None), as documents write it."""
    try:
        value = parse_grade(text)
    except GradeError:
        return str(text)
    return fmt.cell(value) or fmt.NONE


def members(view) -> list[Membre]:
    """The jury as appointed: president, teachers, professionals, qualified persons."""
    ordered = sorted(enumerate(view.members), key=lambda im: (common.ROLE_ORDER.get(im[1].role, 9), im[0]))
    return [
        Membre(
            role=common.ROLE_LABELS.get(m.role, m.role),
            nom=m.nom,
            prenom=m.prenom,
            qualite=common.qualite_label(m.qualite),
            presence=common.PRESENCE_LABELS.get(m.presence, m.presence),
        )
        for _, m in ordered
    ]


def composition(view) -> tuple[str, list[Remarque]]:
    """The composition check (RULES.md §8) in one sentence, and its findings."""
    errors, warnings = view.composition()
    remarks = [Remarque(niveau="Erreur", texte=f"{f.message} (art. {f.article})") for f in errors]
    remarks += [
        Remarque(niveau="Avertissement", texte=f"{f.message} ; la délibération reste valable (art. {f.article})")
        for f in warnings
    ]
    if errors:
        text = (f"Le jury n'est pas régulièrement composé ({typography.count(len(errors), 'erreur')}) : "
                "il ne peut pas délibérer valablement.")  # fmt: skip
    elif warnings:
        text = (f"Le jury tel que nommé est régulièrement composé. Parmi les membres présents, "
                f"{typography.count(len(warnings), 'avertissement')} ; la délibération reste valable (art. D643-31).")  # fmt: skip
    else:
        text = "Le jury, tel que nommé comme parmi les membres présents, est régulièrement composé."
    return text, remarks


def units(reg) -> list[UnitePv]:
    out = []
    for u in reg.units:
        out.append(
            UnitePv(
                code=u.code,
                epreuve=u.epreuve,
                intitule=u.intitule,
                nature="Facultative" if u.optional else "Obligatoire",
                coefficient=fmt.NONE if u.optional else str(u.coefficient),
                poids_bonus=str(u.bonus_weight) if u.optional else fmt.NONE,
                bloc=u.bloc or fmt.NONE,
                ponderation=f"bonus ×{u.bonus_weight}" if u.optional else f"coef. {u.coefficient}",
            )
        )
    return out


def regulation_note(reg) -> str:
    """Where the coefficients come from (the template prefixes « Coefficients provisoires : »)."""
    mandatory = sum(u.coefficient for u in reg.mandatory)
    base = f"règlement « {reg.id} », total des coefficients des unités obligatoires : {mandatory}."
    source = reg.source.strip().rstrip(".")
    if reg.provisional and source:
        if source[:1].isupper() and source[1:2].islower():
            source = source[0].lower() + source[1:]
        return f"{source} ; {base}"
    return base[0].upper() + base[1:]


def row(view, c: Candidate, tour: int, anonymous: bool, corrected: list[str]) -> LignePv:
    r = view.result(c.numero, tour)
    d = c.decision(tour)
    return LignePv(
        numero=c.numero,
        nom="" if anonymous else c.nom,
        prenom="" if anonymous else c.prenom,
        notes=[grade_cell(c, u.code, tour) for u in view.regulation.units],
        moyenne=fmt.moyenne(r.moyenne),
        decision=fmt.decision(d.decision if d else None),
        observations=fmt.lines(observations(view, c, r, tour, corrected)),
    )


def grade_cell(c: Candidate, code: str, tour: int) -> str:
    """The unit's grade as deliberated; at tour 2, the contrôle grade on a second line."""
    text = common.unit_cell(c, code, tour)
    if tour >= 2 and code in c.controle:
        return f"{text}\nC {common.value_text(c.controle[code])}"
    return text


def observations(view, c: Candidate, r: Result, tour: int, corrected: list[str] = ()) -> list[str]:
    """The jury's observations on a row (RULES.md §5, §9), one per line; `corrected`: the grades
    corrected after the import (see `corrections`)."""
    out: list[str] = []
    d = c.decision(tour)
    if d is None:
        out.append(f"Proposition : {fmt.decision(r.proposition).lower()}")  # undecided: « — » in Décision
    elif d.decision != r.proposition:
        reason = f" : {d.motif}" if d.motif else ""
        out.append(f"Décision contraire à la proposition ({fmt.decision(r.proposition).lower()}){reason}")
    if c.a_revoir:
        out.append("À revoir : une note a changé sous la décision")
    if r.proposition == NON_DELIVRE or (r.proposition == AJOURNE and any(v.kind == NP for v in c.notes.values())):
        out.append(r.reason[:1].upper() + r.reason[1:])
    if r.proposition == INCOMPLET:
        out.append(f"Incomplet : note manquante en {', '.join(r.missing)}")
    out.extend(corrected)
    for unit in view.regulation.units:
        adj = c.adjustment(unit.code, tour)
        if adj is not None:
            out.append(f"Note du jury en {unit.code} : {fmt.adjusted(adj.avant, adj.apres)} ({adj.motif})")
    if tour >= 2 and c.controle:
        out.append(controle_note(c, r, view.regulation))
    if c.livret:
        out.append("Livret examiné" if c.livret_examine else "Livret fourni")
    if r.carte_professionnelle:
        out.append("Carte professionnelle : conditions remplies")
    return out


def controle_note(c: Candidate, r: Result, reg) -> str:
    """« Contrôle : U3 11,00 (retenue), U1 8,00 (9,00 retenue) »."""
    parts = []
    for unit in reg.units:
        if unit.code not in c.controle:
            continue
        ctrl = common.value_text(c.controle[unit.code])
        kept = common.value_text(r.effective.get(unit.code))
        parts.append(f"{unit.code} {ctrl} ({'retenue' if kept == ctrl else kept + ' retenue'})")
    return "Épreuves de contrôle : " + ", ".join(parts)


def totals(view, tour: int) -> Totaux:
    t = view.totals(tour)
    return Totaux(
        inscrits=str(t.inscrits),
        presents=str(t.presents),
        admis=str(t.admis),
        ajournes=str(t.ajournes),
        controle=str(t.controle),
        non_delivres=str(t.non_delivres),
        taux_reussite=fmt.percent(t.admis, t.presents),
    )


def outcome(view, tour: int, *, signed: bool) -> str:
    """Under the results: what is left to decide (a PROJET), the session's outcome (tour 2)."""
    parts = []
    t = view.totals(tour)
    if not signed and (t.a_decider or t.a_revoir):
        parts.append(f"Délibération en cours : {typography.count(t.a_decider, 'candidat')} sans décision, "
                     f"{t.a_revoir} à revoir.")  # fmt: skip
    if tour == 2:
        parts.append(session_outcome(view))
    return " ".join(parts)


def session_outcome(view) -> str:
    """The session's final figures, for the minutes of tour 2 (both tours together)."""
    counts = {"admis": 0, "ajourne": 0, "non_delivre": 0, "controle": 0, None: 0}
    presents = 0
    for c in view.active:
        counts[common.final_decision(c)] = counts.get(common.final_decision(c), 0) + 1
        presents += tours.present(c)
    text = (f"Résultats de la session à l'issue des deux délibérations : {counts['admis']} admis sur "
            f"{typography.count(presents, 'présent')} ({fmt.percent(counts['admis'], presents)}), "
            f"{typography.count(counts['ajourne'], 'ajourné')}, "
            f"{typography.count(counts['non_delivre'], 'non délivré', 'non délivrés')}")  # fmt: skip
    pending = counts["controle"] + counts[None]
    return text + (f", {pending} sans décision définitive." if pending else ".")


def signatories(view) -> list[Signataire]:
    """The president, then every member who sat (present, or by video)."""
    out = []
    for m in sorted(view.members, key=lambda m: common.ROLE_ORDER.get(m.role, 9)):
        if m.role == PRESIDENT:
            fonction = "Président du jury"
        elif m.presence == "present":
            fonction = "Membre du jury"
        elif m.presence == "visio":
            fonction = "Membre du jury (en visioconférence)"
        else:
            continue
        out.append(Signataire(fonction=fonction, nom=common.person(m.nom, m.prenom),
                              qualite=common.qualite_label(m.qualite)))  # fmt: skip
    return out

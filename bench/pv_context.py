"""The procès-verbal's context built from a session view, for the PV export workload.

`deliberation` does not expose a PV export yet; this builds what `jury export SESSION pv`
will hand to `documents.render`: every candidate row (grades with adjustments, moyenne,
decision, observations), the jury, the coefficients and the totals, formatted once with
`documents.format`. When the export lands, the workload calls it instead.
"""

from __future__ import annotations

from datetime import datetime, timezone

from jury_tui.documents import format as fmt
from jury_tui.documents.context import (
    Entete, LignePv, Membre, PvContext, Remarque, Signataire, Totaux, UnitePv,
)  # fmt: skip
from jury_tui.domain import tours
from jury_tui.domain.composition import PRESENCE_LABELS, QUALITE_LABELS, ROLE_LABELS

CREATED = datetime(2026, 6, 30, 16, 5, tzinfo=timezone.utc)


def _unit(u) -> UnitePv:
    optional = u.optional
    return UnitePv(
        code=u.code,
        epreuve=u.epreuve,
        intitule=u.intitule,
        nature="Facultative" if optional else "Obligatoire",
        coefficient=fmt.NONE if optional else str(u.coefficient),
        poids_bonus=str(u.bonus_weight) if optional else fmt.NONE,
        bloc=u.bloc or fmt.NONE,
        ponderation=f"bonus ×{u.bonus_weight}" if optional else f"coef. {u.coefficient}",
    )


def _row(view, c, tour: int, codes: tuple[str, ...]) -> LignePv:
    r = view.result(c.numero, tour)
    notes = []
    observations = []
    for code in codes:
        adj = c.adjustment(code, tour) if c.ajustements else None
        if adj is not None:
            notes.append(fmt.adjusted(adj.avant, adj.apres))
            observations.append(f"{code} : {fmt.adjusted(adj.avant, adj.apres)} ({adj.motif})")
        else:
            notes.append(fmt.cell(c.notes.get(code)))
    d = c.decision(tour)
    if c.livret_examine:
        observations.insert(0, "Livret examiné")
    if d is not None and d.decision != r.proposition:
        observations.append(f"Décision contraire à la proposition ({fmt.decision(r.proposition).lower()}) : {d.motif or ''}")
    return LignePv(
        numero=c.numero,
        nom=c.nom,
        prenom=c.prenom,
        notes=notes,
        moyenne=fmt.moyenne(r.moyenne),
        decision=fmt.decision(d.decision if d else None),
        observations=fmt.lines(observations),
    )


def pv_context(view, tour: int = 1) -> PvContext:
    reg = view.regulation
    header = view.header
    codes = tuple(u.code for u in reg.units)
    members = view.members
    president = next((m for m in members if m.role == "president"), None)
    report = view.check()
    remarks = [Remarque(niveau="Erreur", texte=f"{f.message} (art. {f.article})") for f in report.errors]
    remarks += [Remarque(niveau="Avertissement", texte=f"{f.message} (art. {f.article})") for f in report.warnings]
    cands = [c for c in view.active if tours.in_tour(c, tour)]
    totals = view.totals(tour)
    signature = view.signature(tour)
    return PvContext(
        entete=Entete(
            academie=fmt.academie(header["academie"]),
            session=str(header["annee"]),
            diplome=fmt.diplome(reg.diplome),
            specialite=reg.specialite,
            rncp=reg.rncp_code,
            blocs=", ".join(u.bloc for u in reg.units if u.bloc),
            arrete=reg.arrete,
            jury=header["jury"],
            date=fmt.date_long(view.session_date) if view.session_date else "",
            lieu=header.get("lieu") or "",
            president=f"{president.nom} {president.prenom}".strip() if president else fmt.NONE,
            edite_le=fmt.datetime_short(CREATED),
        ),
        tour=str(tour),
        tour_libelle=fmt.TOUR_LABELS[tour],
        anonyme=False,
        signe=bool(signature),
        signe_par=(signature or {}).get("par", ""),
        signe_le="",
        empreinte=(signature or {}).get("empreinte", ""),
        membres=[
            Membre(
                role=ROLE_LABELS.get(m.role, m.role).capitalize(),
                nom=m.nom,
                prenom=m.prenom,
                qualite=QUALITE_LABELS.get(m.qualite, m.qualite or fmt.NONE) if m.qualite else fmt.NONE,
                presence=PRESENCE_LABELS.get(m.presence, m.presence).capitalize(),
            )
            for m in members
        ],
        composition_resultat="Composition du jury conforme." if report.ok else "Composition du jury non conforme.",
        composition_remarques=remarks,
        unites=[_unit(u) for u in reg.units],
        reglement_provisoire=reg.provisional,
        reglement_mention=reg.source,
        candidats=[_row(view, c, tour, codes) for c in cands],
        totaux=Totaux(
            inscrits=str(totals.inscrits),
            presents=str(totals.presents),
            admis=str(totals.admis),
            ajournes=str(totals.ajournes),
            controle=str(totals.controle),
            non_delivres=str(totals.non_delivres),
            taux_reussite=fmt.percent(totals.admis, totals.presents),
        ),
        signataires=[
            Signataire(
                fonction="Président du jury" if m.role == "president" else "Membre du jury",
                nom=f"{m.nom} {m.prenom}".strip(),
                qualite=QUALITE_LABELS.get(m.qualite, fmt.NONE) if m.qualite else fmt.NONE,
            )
            for m in members
            if m.presence != "absent"
        ],
    )


PROPERTIES = {"title": "Procès-verbal — tour 1", "author": "BTS MOS — jury 1", "created": CREATED}

"""What every document context shares: the header, labels, dates, tours and readiness.

Formatting goes through `jury_tui.documents.format`, so a grade, a date or a decision is
written the same way in every document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jury_tui import seams
from jury_tui.documents import format as fmt
from jury_tui.documents.context import Entete
from jury_tui.domain import composition as comp
from jury_tui.domain import grades, tours
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.grades import Value
from jury_tui.errors import JuryError

ROLE_LABELS = {
    comp.PRESIDENT: "Président",
    comp.ENSEIGNANT: "Enseignant",
    comp.PROFESSIONNEL: "Professionnel",
    comp.PERSONNE_QUALIFIEE: "Personne qualifiée",
}
ROLE_ORDER = {role: rank for rank, role in enumerate(comp.ROLES)}
PRESENCE_LABELS = {"present": "Présent", "visio": "En visioconférence", "absent": "Absent"}
STATUT_LABELS = {
    "scolaire": "Scolaire",
    "apprenti": "Apprenti",
    "formation_continue": "Formation continue",
    "distance": "Enseignement à distance",
    "individuel": "Candidat individuel",
}
FORME_LABELS = {"globale": "Globale", "progressive": "Progressive"}


def qualite_label(qualite: str | None) -> str:
    """« IA-IPR », « Enseignant du public »… ; « — » when there is none."""
    if not qualite:
        return fmt.NONE
    label = comp.QUALITE_LABELS.get(qualite, qualite)
    return label[:1].upper() + label[1:]


def timezone_of(view) -> tzinfo:
    try:
        return ZoneInfo(view.header.get("tz") or "Europe/Paris")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Paris")


def moment(iso: str) -> datetime:
    """A stored UTC time (« 2026-06-20T14:05:00Z ») as an aware datetime."""
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def when(view, iso: str | None) -> str:
    """A stored time in the session's time zone: « 20/06/2026 à 16:05 » ; « » when none."""
    return fmt.datetime_short(moment(iso), timezone_of(view)) if iso else ""


def person(nom: str, prenom: str) -> str:
    return f"{nom} {prenom}".strip()


def president(view) -> str:
    for m in view.members:
        if m.role == comp.PRESIDENT:
            return person(m.nom, m.prenom)
    return fmt.NONE


def deliberation_date(view) -> date:
    """The deliberation's date, the same on the PROJET and on the signed minutes: the
    session's date (`jury new --date`); without one, the day tour 1 was signed, else today
    (in the session's time zone)."""
    if view.session_date:
        return view.session_date
    return signing_day(view, 1) or seams.now().astimezone(timezone_of(view)).date()


def signing_day(view, tour: int | None) -> date | None:
    """The day `tour` was signed, in the session's time zone; None when it is not signed."""
    sig = view.signature(tour) if tour else None
    return moment(sig["le"]).astimezone(timezone_of(view)).date() if sig else None


def entete(view, tour: int | None) -> Entete:
    """The header shared by every document. The date is the deliberation's; « Fait à …, le … »
    dates the document on the day `tour` was signed (the deliberation's date until then)."""
    reg = view.regulation
    header = view.header
    blocs = list(dict.fromkeys(u.bloc for u in reg.units if u.bloc))
    town = fmt.ville(header.get("lieu"))
    return Entete(
        academie=fmt.academie(header.get("academie") or ""),
        session=str(header.get("annee") or ""),
        diplome=fmt.diplome(header.get("diplome") or reg.diplome),
        specialite=header.get("specialite") or reg.specialite,
        rncp=reg.rncp_code or fmt.NONE,
        blocs=", ".join(blocs) or fmt.NONE,
        arrete=reg.arrete or fmt.NONE,
        jury=header.get("jury") or "",
        date=fmt.date_long(deliberation_date(view)),
        lieu=header.get("lieu") or "",
        ville=town,
        fait=fmt.fait(town, signing_day(view, tour) or deliberation_date(view)),
        president=president(view),
        edite_le=fmt.datetime_short(seams.now(), timezone_of(view)),
    )


def value_text(value: Value | None, empty: str = "") -> str:
    """A unit cell: « 12,50 », « B2024 : 13,00 », « DISP » ; `empty` when not taken."""
    return fmt.cell(value) if value is not None else empty


def unit_cell(c: Candidate, code: str, tour: int, empty: str = "") -> str:
    """The grade as the jury deliberated it at `tour`: « 9,50 → 10,00 » when adjusted."""
    adj = c.adjustment(code, tour)
    if adj is not None:
        return fmt.adjusted(adj.avant, adj.apres)
    return value_text(c.notes.get(code), empty)


def codes_shown(c: Candidate, tour: int, units) -> tuple[set[str], set[int]]:
    """The codes of a candidate's grade cells at `tour` (format.LEGEND keys), and the years of
    its kept grades: what the key of a document must explain for this candidate."""
    codes: set[str] = set()
    years: set[int] = set()
    for unit in units:
        adj = c.adjustment(unit.code, tour)
        values = [adj.avant, adj.apres] if adj else [c.notes.get(unit.code)]
        if adj:
            codes.add(fmt.ADJUSTED)
        if tour >= 2 and unit.code in c.controle:
            codes.add(fmt.CONTROLE)
            values.append(c.controle[unit.code])
        for value in values:
            if value is None:
                if unit.optional:
                    codes.add(fmt.EMPTY)
            elif value.kind == grades.KEPT:
                years.add(value.year)
            elif value.kind != grades.NOTE:
                codes.add(value.kind)
    return codes, years


# --------------------------------------------------------------------------- tours


def has_tour2(view) -> bool:
    """Whether tour 2 exists: tour 1 signed and at least one candidate decided `controle`."""
    return bool(view.signature(1)) and any(tours.in_tour(c, 2) for c in view.active)


def signed_tours(view) -> list[int]:
    return [t for t in (1, 2) if view.signature(t)]


def pv_tour(view, tour: int | None) -> int:
    """The tour of a procès-verbal. Default: the latest signed tour; none signed, the open
    tour (tour 1), rendered as a PROJET."""
    if tour is None:
        signed = signed_tours(view)
        return max(signed) if signed else (view.current_tour or 1)
    check_tour_exists(view, tour)
    return tour


def check_tour_exists(view, tour: int) -> None:
    if tour not in (1, 2):
        raise JuryError(f"tour {tour} : une session a un tour 1 et, s'il y a des épreuves de contrôle, un tour 2")
    if tour == 2 and not view.signature(1):
        raise JuryError("le tour 2 n'existe pas encore : le tour 1 n'est pas signé (« jury sign »)")
    if tour == 2 and not has_tour2(view):
        raise JuryError("pas de tour 2 dans cette session : aucun candidat n'a été autorisé aux épreuves de contrôle")


def final_blocker(view) -> str | None:
    """Why the final decisions are not known yet (French), None when every tour is signed."""
    if not view.signature(1):
        return "le tour 1 n'est pas signé"
    if has_tour2(view) and not view.signature(2):
        waiting = sum(1 for c in view.active if tours.in_tour(c, 2))
        return f"le tour 2 (épreuves de contrôle, {waiting} candidat{'s' if waiting > 1 else ''}) n'est pas signé"
    return None


def require_final(view, what: str) -> int:
    """The last tour when every tour the candidates went through is signed; else a refusal."""
    blocker = final_blocker(view)
    if blocker:
        raise JuryError(
            f"{what} : ce document donne les décisions définitives du jury, et {blocker} ; "
            "signez d'abord (« jury sign »), ou exportez le procès-verbal (projet)",
            code="NOT_FINAL",
        )
    return 2 if has_tour2(view) else 1


def final_decision(c: Candidate) -> str | None:
    """The jury's last word on a candidate: tour 2's decision for those who went through it."""
    d = c.latest_decision
    return d.decision if d else None


@dataclass(frozen=True)
class Labels:
    """The French name of each kind of document."""

    short: str
    title: str


KIND_LABELS = {
    "pv": Labels("procès-verbal", "Procès-verbal de délibération"),
    "releves": Labels("relevés de notes", "Relevés de notes"),
    "attestations": Labels("attestations de blocs de compétences", "Attestations de blocs de compétences"),
    "admis": Labels("liste des admis", "Liste des candidats admis"),
    "csv": Labels("résultats (CSV)", "Résultats pour le service des examens"),
    "xlsx": Labels("résultats (classeur)", "Résultats pour un tableur"),
}

"""What each document template receives: its context schema.

Every value a template prints is a plain string, already formatted in French
("12,50", "9,50 → 10,00", "DISP", "ABS", "B2024 : 13,00", "20 juin 2026"); a few booleans
only drive conditions (`anonyme`, `signe`, `reglement_provisoire`). Whoever builds a
context from a session formats once (see `jury_tui.documents.format`); templates never
compute. Each field's meaning is in its metadata (`doc`), so the reference of the template
variables (templates/README.md) and the refusal of an unknown variable come from here.

Template variable names are French: they are the words of the exam offices who edit the
templates in Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, get_args, get_origin, get_type_hints


def _f(doc: str) -> Any:
    return field(metadata={"doc": doc})


# --------------------------------------------------------------------------- shared parts


@dataclass(frozen=True, kw_only=True)
class Entete:
    """The session's header, shared by every document."""

    academie: str = _f("Académie, en toutes lettres : « Académie de Normandie ».")
    session: str = _f("Année de la session : « 2026 ».")
    diplome: str = _f("Diplôme en toutes lettres : « Brevet de technicien supérieur ».")
    specialite: str = _f("Spécialité : « Management opérationnel de la sécurité ».")
    rncp: str = _f("Code de la fiche RNCP : « RNCP35393 ».")
    blocs: str = _f("Codes des blocs de compétences du règlement, séparés par des virgules.")
    arrete: str = _f("Texte de référence du diplôme (arrêté de création).")
    jury: str = _f("Désignation du jury : « BTS MOS — jury 1 ».")
    date: str = _f(
        "Date de la délibération : « 30 juin 2026 », celle de la session (« jury new --date ») ; la même sur le "
        "projet et sur le procès-verbal signé."
    )
    lieu: str = _f("Lieu de la délibération ; chaîne vide si non renseigné.")
    ville: str = _f("Commune du lieu, écrit « établissement, commune » : « Caen » ; chaîne vide si aucune.")
    fait: str = _f(
        "« Fait à Caen, le 30 juin 2026 » : le jour de la signature du tour (la date de la délibération tant "
        "qu'il n'est pas signé) ; « Fait le … » sans commune."
    )
    president: str = _f("Nom du président du jury : « MARTIN Anne ».")
    edite_le: str = _f("Date et heure d'édition du document : « 20/06/2026 à 16:05 ».")


@dataclass(frozen=True, kw_only=True)
class Bloc:
    """A bloc de compétences acquired (D643-15)."""

    code: str = _f("Code du bloc : « RNCP35393BC01 ».")
    intitule: str = _f("Intitulé du bloc (à défaut, celui de l'unité qui le porte).")
    unite: str = _f("Unité qui porte le bloc : « U4 ».")
    note: str = _f("Note ou mention de l'unité : « 12,50 », « DISP », « VAE », « B2024 : 13,00 ».")


# --------------------------------------------------------------------------- pv


@dataclass(frozen=True, kw_only=True)
class Membre:
    """A member of the jury, as appointed, with attendance."""

    role: str = _f("Rôle : « Président », « Enseignant », « Professionnel », « Personne qualifiée ».")
    nom: str = _f("Nom de famille.")
    prenom: str = _f("Prénom.")
    qualite: str = _f("Qualité : « IA-IPR », « Enseignant du public », « Employeur »… ; « — » si aucune.")
    presence: str = _f("Présence : « Présent », « En visioconférence », « Absent ».")


@dataclass(frozen=True, kw_only=True)
class Remarque:
    """One finding of the composition check (RULES.md §8)."""

    niveau: str = _f("« Erreur » ou « Avertissement ».")
    texte: str = _f("Le constat, avec l'article : « … (art. D643-31) ».")


@dataclass(frozen=True, kw_only=True)
class UnitePv:
    """A unit of the regulation, as used for this tour (one column of the results)."""

    code: str = _f("Code de l'unité : « U4 » ; c'est aussi l'en-tête de sa colonne de résultats.")
    epreuve: str = _f("Épreuve : « E4 ».")
    intitule: str = _f("Intitulé de l'unité.")
    nature: str = _f("« Obligatoire » ou « Facultative ».")
    coefficient: str = _f("Coefficient d'une unité obligatoire : « 8 » ; « — » pour une facultative.")
    poids_bonus: str = _f("Poids des points au-dessus de 10 d'une facultative : « 1 » ; « — » sinon.")
    bloc: str = _f("Code du bloc de compétences porté par l'unité ; « — » si aucun.")
    ponderation: str = _f("Rappel court sous l'en-tête de colonne : « coef. 8 », « bonus ×1 ».")


@dataclass(frozen=True, kw_only=True)
class LignePv:
    """One candidate's row of the minutes (candidates in numero order)."""

    numero: str = _f("Numéro du candidat : « 02601 ».")
    nom: str = _f("Nom de famille ; chaîne vide dans un procès-verbal anonyme.")
    prenom: str = _f("Prénom ; chaîne vide dans un procès-verbal anonyme.")
    notes: list[str] = _f(
        "Une case par unité, dans l'ordre de `unites` : « 12,50 », « 9,50 → 10,00 » (note du jury), "
        "« DISP », « ABS », « B2024 : 13,00 », chaîne vide si non passée."
    )
    moyenne: str = _f("Moyenne tronquée à deux décimales : « 11,57 » ; « — » si aucune.")
    decision: str = _f("Décision du tour : « Admis », « Ajourné », « Contrôle », « Non délivré » ; « — » si aucune.")
    observations: str = _f(
        "Observations, une par ligne : livret examiné, décision contraire à la proposition et son motif, "
        "notes ajustées et leur motif, notes de contrôle (tour 2)."
    )


@dataclass(frozen=True, kw_only=True)
class Totaux:
    """The tour's totals (definitions printed beside them in the minutes)."""

    inscrits: str = _f("Candidats non retirés.")
    presents: str = _f("Candidats ayant au moins une unité notée à cette session.")
    admis: str = _f("Candidats admis.")
    ajournes: str = _f("Candidats ajournés.")
    controle: str = _f("Candidats autorisés aux épreuves de contrôle.")
    non_delivres: str = _f("Candidats à qui le diplôme ne peut être délivré (D643-24).")
    taux_reussite: str = _f("Admis / présents : « 61,29 % » ; « — » sans présent.")


@dataclass(frozen=True, kw_only=True)
class Signataire:
    """A person who signs the minutes: the president and every member present."""

    fonction: str = _f("« Président du jury », « Membre du jury » ou « Membre du jury (en visioconférence) ».")
    nom: str = _f("Nom et prénom : « MARTIN Anne ».")
    qualite: str = _f("Qualité : « IA-IPR », « Employeur »… ; « — » si aucune.")


@dataclass(frozen=True, kw_only=True)
class PvContext:
    """The procès-verbal of one tour (landscape A4)."""

    entete: Entete = _f("En-tête de la session.")
    tour: str = _f("Numéro du tour : « 1 » ou « 2 ».")
    tour_libelle: str = _f("« Première délibération » ou « Seconde délibération (épreuves de contrôle) ».")
    anonyme: bool = _f("Vrai pour un procès-verbal anonyme : numéros seulement, ni nom ni prénom.")
    signe: bool = _f("Vrai quand le tour est signé ; faux : « PROJET » sur chaque page.")
    signe_par: str = _f(
        "Le membre du jury qui a signé le tour : « MARTIN Anne (président du jury) » (pour une signature "
        "antérieure qui ne le nommait pas, le compte qui a signé) ; chaîne vide si non signé."
    )
    signe_le: str = _f("Quand : « 20/06/2026 à 16:05 » ; chaîne vide si non signé.")
    date_signature: str = _f(
        "Le jour de la signature quand ce n'est pas celui de la délibération (`entete.date`) : « 3 juillet 2026 » ; "
        "chaîne vide sinon, et pour un projet."
    )
    empreinte: str = _f("Empreinte SHA-256 du tour signé (64 caractères hexadécimaux) ; chaîne vide sinon.")
    membres: list[Membre] = _f("Le jury tel que nommé, président en tête.")
    composition_resultat: str = _f("Conclusion du contrôle de la composition du jury, en une phrase.")
    composition_remarques: list[Remarque] = _f("Erreurs et avertissements du contrôle ; liste vide si aucun.")
    unites: list[UnitePv] = _f("Les unités du règlement, dans l'ordre des colonnes de résultats.")
    reglement_provisoire: bool = _f("Vrai quand les coefficients du règlement sont provisoires.")
    reglement_mention: str = _f("Statut et source des coefficients, pour le lecteur.")
    legende: str = _f(
        "Lecture des codes que les résultats montrent, eux seuls : « DISP dispense ; ABS absence » ; chaîne vide si "
        "aucun."
    )
    candidats: list[LignePv] = _f("Une ligne par candidat du tour, par numéro croissant.")
    totaux: Totaux = _f("Totaux du tour.")
    signataires: list[Signataire] = _f("Le président puis chaque membre présent.")
    bilan: str = field(
        default="",
        metadata={"doc": "Sous les résultats : pour un projet, les candidats restant à décider ; au tour 2, les "
                         "résultats définitifs de la session (les deux tours) ; chaîne vide sinon."},
    )  # fmt: skip


# --------------------------------------------------------------------------- releves


@dataclass(frozen=True, kw_only=True)
class LigneReleve:
    """One unit on a candidate's relevé de notes."""

    code: str = _f("Code de l'unité : « U4 ».")
    epreuve: str = _f("Épreuve : « E4 ».")
    intitule: str = _f("Intitulé de l'unité.")
    coefficient: str = _f("« 8 » ; pour une facultative : « bonus × 1 ».")
    note: str = _f("« 12,50 », « 9,50 → 10,00 » (note du jury), « DISP », « ABS », « B2024 : 13,00 » ; « — » si non passée.")
    controle: str = _f("Note de l'épreuve de contrôle (tour 2) ; chaîne vide sinon.")
    mention: str = _f("« Acquise », « Non acquise », « Dispense », « Conservée (session 2024) », « Non passée »…")


@dataclass(frozen=True, kw_only=True)
class Releve:
    """One candidate's relevé de notes (one page)."""

    numero: str = _f("Numéro du candidat.")
    nom: str = _f("Nom de famille.")
    prenom: str = _f("Prénom.")
    date_naissance: str = _f("« 14/03/2005 » ; « — » si inconnue.")
    statut: str = _f("« Scolaire », « Apprenti », « Formation continue »… ; « — » si inconnu.")
    forme: str = _f("« Globale » ou « Progressive ».")
    etablissement: str = _f("Établissement de formation ; « — » si inconnu.")
    lignes: list[LigneReleve] = _f("Les unités du règlement, dans son ordre.")
    moyenne: str = _f("Moyenne tronquée : « 11,57 » ; « — » si aucune.")
    decision: str = _f("Décision du jury : « Admis », « Ajourné »… ; « — » si aucune.")
    unites_acquises: str = _f("Unités acquises, séparées par des virgules ; « Aucune ».")
    blocs_acquis: list[Bloc] = _f("Blocs de compétences acquis ; liste vide si aucun.")
    observations: str = _f("Observations pour le candidat, une par ligne ; chaîne vide si aucune.")
    legende: str = _f(
        "Lecture des codes de ce relevé, ceux que le candidat a et eux seuls : « « B2024 : 13,00 » note conservée "
        "de la session 2024 » ; chaîne vide si aucun."
    )


@dataclass(frozen=True, kw_only=True)
class RelevesContext:
    """Relevés de notes: one page per candidate (the caller may render one per file)."""

    entete: Entete = _f("En-tête de la session.")
    releves: list[Releve] = _f("Un relevé par candidat.")


# --------------------------------------------------------------------------- attestations


@dataclass(frozen=True, kw_only=True)
class Attestation:
    """The attestation of one candidate not admitted who holds units with a bloc (D643-15)."""

    numero: str = _f("Numéro du candidat.")
    nom: str = _f("Nom de famille.")
    prenom: str = _f("Prénom.")
    date_naissance: str = _f("« 14/03/2005 » ; « — » si inconnue.")
    blocs: list[Bloc] = _f("Blocs de compétences acquis (au moins un).")


@dataclass(frozen=True, kw_only=True)
class AttestationsContext:
    """Attestations of blocs de compétences: one page per candidate."""

    entete: Entete = _f("En-tête de la session.")
    attestations: list[Attestation] = _f("Une attestation par candidat concerné.")


# --------------------------------------------------------------------------- admis


@dataclass(frozen=True, kw_only=True)
class Admis:
    """One admitted candidate on the public list: names only."""

    nom: str = _f("Nom de famille.")
    prenom: str = _f("Prénom.")


@dataclass(frozen=True, kw_only=True)
class AdmisContext:
    """The public list of admitted candidates, alphabetical."""

    entete: Entete = _f("En-tête de la session.")
    admis: list[Admis] = _f("Les candidats admis, par ordre alphabétique (nom puis prénom).")
    nombre: str = _f("Nombre de candidats admis, en chiffres : « 38 ».")
    precision: str = _f("Portée de la liste : « Résultats à l'issue de la seconde délibération ».")


# --------------------------------------------------------------------------- registry

CONTEXTS: dict[str, type] = {
    "pv": PvContext,
    "releves": RelevesContext,
    "attestations": AttestationsContext,
    "admis": AdmisContext,
}
"""The context type of each kind of document."""

TEMPLATE_FILES: dict[str, str] = {
    "pv": "pv.docx",
    "releves": "releve.docx",
    "attestations": "attestation.docx",
    "admis": "admis.docx",
}
"""The default template of each kind, in the templates folder."""


def field_types(cls: type) -> dict[str, Any]:
    """The fields of a context dataclass and their types, in declaration order."""
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in fields(cls)}


def item_type(tp: Any) -> Any | None:
    """The element type of `list[T]`, or None when `tp` is not a list."""
    if get_origin(tp) is list:
        (arg,) = get_args(tp)
        return arg
    return None


def describe(cls: type, prefix: str = "") -> list[tuple[str, str]]:
    """Every variable a template may use, with its meaning: [("entete.academie", "...")]."""
    out: list[tuple[str, str]] = []
    for f in fields(cls):
        tp = field_types(cls)[f.name]
        name = prefix + f.name
        element = item_type(tp)
        if element is not None and is_dataclass(element):
            out.append((name, f.metadata["doc"] + " (liste)"))
            out.extend(describe(element, name + "[]."))
        elif is_dataclass(tp):
            out.append((name, f.metadata["doc"]))
            out.extend(describe(tp, name + "."))
        else:
            out.append((name, f.metadata["doc"]))
    return out


def as_template_context(context: Any) -> dict[str, Any]:
    """The top-level mapping docxtpl renders: the context's fields, values as they are."""
    return {f.name: getattr(context, f.name) for f in fields(context)}

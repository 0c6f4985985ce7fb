"""`jury regulation show|export|apply`."""

from __future__ import annotations

from pathlib import Path

import click

from jury_tui.cli import cli
from jury_tui.cli.output import done, table
from jury_tui.cli.params import FILE, SESSION, argument


@cli.group()
def regulation():
    """Affiche, exporte ou applique un règlement.

    Afficher un règlement, en exporter une copie à modifier, appliquer une copie
    corrigée à une session."""


@regulation.command()
@argument("name_or_file", metavar="NOM|FICHIER")
def show(name_or_file):
    """Affiche un règlement en tableaux.

    NOM : un règlement livré (bts-mos) ; FICHIER : un fichier .toml."""
    from jury_tui.domain.grades import french
    from jury_tui.regulations import load

    reg = load(name_or_file)
    click.echo(f"{reg.diplome} {reg.specialite} — {reg.rncp_code or 'RNCP : —'} (fin d'enregistrement : {reg.rncp_end or '—'})")
    click.echo(f"Statut : {reg.status}" + (" — coefficients À VÉRIFIER" if reg.provisional else ""))
    if reg.source:
        click.echo(f"Source : {reg.source}")
    click.echo(f"Sessions : {reg.sessions or 'toutes (le règlement ne le précise pas)'}"
               + (f" ({reg.sessions.source})" if reg.sessions and reg.sessions.source else ""))
    maximum = "sans maximum (le règlement ne le précise pas)" if reg.optional_max is None else f"{reg.optional_max} au plus"
    click.echo(f"Unités facultatives par candidat : {maximum}" + (f" ({reg.optional_max_source})" if reg.optional_max_source else ""))
    click.echo(f"Dispenses : {reg.dispense_text}")
    click.echo("")
    rows = [
        [u.code, u.epreuve, u.intitule, u.nature, u.coefficient if not u.optional else "—", u.bonus_weight if u.optional else "—",
         _dispense(u), u.bloc or ""]
        for u in reg.units
    ]
    click.echo(table(rows, ["unité", "épreuve", "intitulé", "nature", "coef.", "poids bonus", "dispense", "bloc"]))
    click.echo("")
    p = reg.policies
    settings = [
        ["seuil d'admission", french(reg.admis)],
        ["seuil du contrôle", french(reg.controle)],
        ["moyenne professionnelle pour le contrôle", french(reg.controle_pro)],
        ["unités du contrôle", f"{', '.join(reg.controle_units)} ({reg.controle_count} épreuves)"],
        ["dispense / VAE dans la moyenne", p.dispense],
        ["note retenue au contrôle", p.note_controle],
        ["unité acquise par le contrôle", "oui" if p.controle_acquiert else "non"],
        ["absence à une épreuve de contrôle", p.absence_controle],
        ["bonus facultatif au tour 2", p.bonus_controle],
        ["absence à une unité facultative", p.absence_facultative],
        ["ABS dans la moyenne affichée", p.abs_moyenne_affichee],
        ["validité d'une note conservée (sessions)", str(p.validite_benefice)],
        ["règles du jury qu'une défection peut rompre", _defection(p.defection_toleree)],
    ]
    click.echo(table(settings, ["réglage", "valeur"]))


def _dispense(unit) -> str:
    """Whether the unit can be dispensed, as `regulation show` prints it."""
    if unit.optional:
        return "non (facultative)" + (" ; hors maximum" if unit.outside_max else "")
    return "possible" if unit.dispensable else "non"


def _defection(tolerated) -> str:
    if tolerated is None:
        return "toutes (avertissement seulement)"
    return ", ".join(sorted(tolerated)) or "aucune"


@regulation.command()
@argument("name", metavar="NOM")
@FILE
def export(name, file):
    """Écrit une copie d'un règlement livré, à modifier.

    Dans FICHIER, qui ne doit pas exister ; puis « jury regulation apply »."""
    from jury_tui.errors import JuryError
    from jury_tui.regulations import read_text
    from jury_tui.store.atomic import write_atomic

    text, _ = read_text(name)
    target = Path(file)
    if target.exists():
        raise JuryError(f"{file} existe déjà : choisissez un autre nom")
    write_atomic(target, text.encode("utf-8"))  # whole or not at all, with the session files' modes
    done(f"Copie écrite : {file} (modifiez-la puis « jury regulation apply SESSION {file} »)")


@regulation.command()
@SESSION
@FILE
def apply(session, file):
    """Remplace le règlement d'une session.

    La copie du règlement de SESSION est remplacée par FICHIER, avant toute
    décision ; noté au journal."""
    from jury_tui.cli.commands import _existing

    _existing(session).apply_regulation(file)
    done(f"Règlement de la session remplacé par {file}")

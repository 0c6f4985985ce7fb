"""Session commands: new, import, set, withdraw, results, check, decide, adjust, sign, reopen, audit."""

from __future__ import annotations

import sys

import click

from jury_tui.cli import cli
from jury_tui.cli.output import done, echo_json, table

SESSION = click.argument("session", type=click.Path(dir_okay=False))


def _session(path: str):
    from jury_tui.deliberation import Session

    return Session(path, wait=lock_wait())


def lock_wait() -> float:
    """JURY_WAIT: how many seconds a command waits for another command's transaction (default 5).

    An app holding the session is not waited for: the command is refused at once."""
    import os

    from jury_tui.errors import JuryError

    raw = os.environ.get("JURY_WAIT", "").strip()
    if not raw:
        return 5.0
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0 <= value <= 600:
        raise JuryError(f"JURY_WAIT={raw} : attendu un nombre de secondes de 0 à 600 (5 par défaut)")
    return value


def check_session_file(path: str) -> None:
    """A French JuryError unless `path` is a session file this account may reach."""
    import os
    import stat

    from jury_tui.errors import JuryError

    try:
        info = os.stat(path)
    except PermissionError:
        raise JuryError(f"{path} : accès refusé (permission refusée) ; vérifiez vos droits sur le fichier et sur "
                        "son dossier (faites-vous partie du groupe du jury ?)") from None
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        raise JuryError(f"{path} : session introuvable (créez-la avec « jury new »)")


def _existing(path: str):
    check_session_file(path)
    return _session(path)


@cli.command()
@SESSION
@click.option("--regulation", required=True, metavar="NAME|FILE", help="A shipped regulation (bts-mos) or a .toml file.")
@click.option("--year", required=True, type=int, help="Session year, e.g. 2026.")
@click.option("--academie", required=True, help="Académie, e.g. « Académie de Normandie ».")
@click.option("--jury", "jury_name", required=True, help="The jury's name or number.")
@click.option("--date", "date_", metavar="YYYY-MM-DD", help="Date of the deliberation.")
@click.option("--lieu", help="Place of the deliberation.")
@click.option("--tz", default="Europe/Paris", show_default=True, help="Time zone used to show audit times.")
def new(session, regulation, year, academie, jury_name, date_, lieu, tz):
    """Create a new session file SESSION."""
    from jury_tui.deliberation import create_session

    create_session(session, regulation=regulation, year=year, academie=academie, jury=jury_name, date_=date_, lieu=lieu, tz=tz)
    done(f"Session créée : {session}")


@cli.group("import")
def import_group():
    """Import candidates, members or contrôle grades (.csv, .xlsx, .json)."""


def _import_command(kind: str, name: str, doc: str, unknown: bool):
    @SESSION
    @click.argument("file", type=click.Path(dir_okay=False))
    @click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
    @click.option("--sheet", metavar="NAME", help="XLSX: the sheet to read (default: the first).")
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
    def command(session, file, dry_run, sheet, fmt, ignore_unknown_columns=False):
        from jury_tui.errors import JuryError
        from jury_tui.importing.importer import JSON_KEYS

        s = _existing(session)
        try:
            report = s.import_file(kind, file, dry_run=dry_run, ignore_unknown=ignore_unknown_columns, sheet=sheet)
        except JuryError as exc:
            if fmt == "json":
                echo_json({"type": JSON_KEYS[kind], "fichier": file, "ok": False, "simulation": dry_run, "erreurs": [_problem_json(p) for p in exc.problems]})
            else:
                for problem in exc.problems:
                    click.echo(f"Erreur : {problem}", err=True)
            n = len(exc.problems)
            click.echo(f"Import refusé ({n} erreur{'s' if n > 1 else ''}) : rien n'a été importé, la session est inchangée.", err=True)
            sys.exit(1)
        _print_report(report, fmt, dry_run)

    command.__doc__ = doc
    if unknown:
        command = click.option("--ignore-unknown-columns", is_flag=True, help="Ignore columns that are neither fields nor units (listed in the report).")(command)
    import_group.command(name)(command)


_PLACE_KEYS = {
    "file": "fichier",
    "sheet": "feuille",
    "line": "ligne",
    "column": "colonne",
    "pointer": "pointeur",
    "candidate": "candidat",
    "unit": "unite",
    "key": "cle",
}


def _problem_json(p) -> dict:
    """One error of an import report: its message, its place as text, and each part of the place."""
    place = {_PLACE_KEYS[k]: v for k, v in vars(p.place).items() if v is not None}
    return {"message": p.message, "lieu": str(p.place), **place}


def _print_report(report, fmt: str, dry_run: bool) -> None:
    if fmt == "json":
        echo_json(report.to_json(dry_run=dry_run))
        return
    prefix = "Simulation (rien n'est écrit) — " if dry_run else ""
    if report.kind == "members":
        done(f"{prefix}{report.source} : {len(report.members)} membres du jury")
        return
    done(
        f"{prefix}{report.source} : {len(report.created)} créé(s), {len(report.updated)} mis à jour, "
        f"{len(report.unchanged)} inchangé(s), {report.grades_changed} note(s) modifiée(s)"
    )
    if report.a_revoir:
        done(f"À revoir (une note a changé sous une décision ou un ajustement) : {', '.join(report.a_revoir)}")
    if report.ignored_columns:
        done(f"Colonnes ignorées : {', '.join(report.ignored_columns)}")


_import_command("candidates", "candidates", "Import candidates and their grades from FILE.", True)
_import_command("members", "members", "Import the jury's members from FILE (replaces the list).", False)
_import_command("controle", "controle", "Import the contrôle grades (tour 2) from FILE.", False)


@cli.command("set")
@SESSION
@click.argument("numero")
@click.argument("field")
@click.argument("value")
@click.option("--reason", required=True, help="Why (recorded in the audit).")
def set_cmd(session, numero, field, value, reason):
    """Correct one FIELD of a candidate: a unit's grade (U4 12,5), nom, livret, attestation_shg..."""
    _existing(session).set_field(numero, field, value, reason=reason)
    done(f"{numero} : {field} = {value}")


@cli.command()
@SESSION
@click.argument("numero")
@click.option("--reason", required=True, help="Why (recorded in the audit).")
def withdraw(session, numero, reason):
    """Withdraw a candidate imported by mistake (kept on record, out of results)."""
    _existing(session).withdraw(numero, reason=reason)
    done(f"{numero} retiré de la session")


@cli.command()
@SESSION
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def results(session, fmt):
    """Print every candidate's average, proposal and decision."""
    from jury_tui.deliberation.session import no_collection_pauses

    with no_collection_pauses():
        view = _existing(session).view()
        view.compute_many(view.active)  # every result in one pass
        if fmt == "json":
            echo_json({"candidats": [view.row(c.numero) for c in view.active]})
            return
        if fmt == "csv":
            from jury_tui.deliberation.rows import csv_text

            sys.stdout.buffer.write(csv_text(view).encode("utf-8"))
            return
    from jury_tui.domain.results import LABELS, display_average

    rows = []
    for c in view.active:
        r = view.result(c.numero)
        d = c.latest_decision
        rows.append([c.numero, c.nom, c.prenom, display_average(r.moyenne), LABELS[r.proposition], LABELS.get(d.decision, "") if d else "", "à revoir" if c.a_revoir else ""])
    click.echo(table(rows, ["numéro", "nom", "prénom", "moyenne", "proposition", "décision", ""]))


@cli.command()
@SESSION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(session, fmt):
    """Check the jury's composition, the regulation and the candidates (reads only)."""
    report = _existing(session).view().check()
    if fmt == "json":
        as_json = lambda f: {"code": f.code, "message": f.message, "article": f.article}  # noqa: E731
        echo_json({"ok": report.ok, "erreurs": [as_json(f) for f in report.errors], "avertissements": [as_json(f) for f in report.warnings]})
        if not report.ok:
            click.echo(f"Contrôle en échec : {len(report.errors)} erreur(s), le jury ne peut pas siéger ainsi.", err=True)
    else:
        for f in report.errors:  # a failed check is a refusal: its reasons go to stderr
            click.echo(f"ERREUR [{f.code}] {f.message} ({f.article})", err=True)
        for f in report.warnings:
            click.echo(f"avertissement [{f.code}] {f.message} ({f.article})")
        if report.ok:
            click.echo("Contrôle réussi.")
        else:
            click.echo("Contrôle en échec : le jury ne peut pas siéger ainsi.", err=True)
    if not report.ok:
        sys.exit(1)


@cli.command()
@SESSION
@click.argument("numero")
@click.argument("decision", type=click.Choice(["admis", "ajourne", "controle", "non_delivre", "clear"]))
@click.option("--reason", help="Mandatory when the decision goes against the proposal.")
@click.option("--livret-examine", is_flag=True, help="Record that the jury examined the candidate's livret.")
def decide(session, numero, decision, reason, livret_examine):
    """Record the jury's DECISION for a candidate at the open tour (clear removes it)."""
    _existing(session).decide(numero, None if decision == "clear" else decision, reason=reason, livret_examine=livret_examine)
    done(f"{numero} : {'décision effacée' if decision == 'clear' else decision}")


@cli.command()
@SESSION
@click.argument("numero")
@click.argument("unit")
@click.argument("grade")
@click.option("--reason", required=True, help="Why (points de jury: recorded and shown in the minutes).")
def adjust(session, numero, unit, grade, reason):
    """Adjust a unit's grade (points de jury), or revert the adjustment with 'revert'."""
    _existing(session).adjust(numero, unit, None if grade.lower() == "revert" else grade, reason=reason)
    done(f"{numero} {unit.upper()} : {'ajustement annulé' if grade.lower() == 'revert' else grade}")


@cli.command()
@SESSION
def sign(session):
    """Sign the open tour (refused while a blocking check fails)."""
    from jury_tui.errors import JuryError

    s = _existing(session)
    try:
        sig = s.sign()
    except JuryError as exc:
        if exc.code != "SIGN_BLOCKED":
            raise
        for problem in exc.problems:
            click.echo(f"Erreur : {problem}", err=True)
        n = len(exc.problems)
        click.echo(f"Signature refusée : {n} point{'s' if n > 1 else ''} à régler (« jury check », « jury results »).", err=True)
        sys.exit(1)
    done(f"Tour {sig['tour']} signé par {sig['par']}.\nEmpreinte : {sig['empreinte']}")


@cli.command()
@SESSION
@click.option("--reason", required=True)
def reopen(session, reason):
    """Reopen the last signed tour (voids its fingerprint; on record)."""
    _existing(session).reopen(reason=reason)
    done("Dernier tour signé rouvert ; son empreinte est annulée.")


@cli.command()
@SESSION
@click.option("--verify", is_flag=True, help="Check the audit chain and the state against the last entry.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def audit(session, verify, fmt):
    """Print the audit log (every act on the session), or verify it."""
    s = _existing(session)
    view = s.view()
    problems = s.verify() if verify else []
    if fmt == "json":
        data = {"entrees": view.audit}
        if verify:
            data.update(ok=not problems, problemes=[str(p) for p in problems])
        echo_json(data)
    else:
        rows = [[e.get("seq"), view.local_time(e.get("le")), e.get("par"), e.get("action"), e.get("cible") or "", _change(e), e.get("motif") or ""] for e in view.audit]
        click.echo(table(rows, ["n°", "le", "par", "acte", "cible", "changement", "motif"]))
        if verify:
            for p in problems:
                click.echo(f"INTÉGRITÉ : {p}", err=True)
            click.echo("Journal intègre." if not problems else "Journal NON intègre.")
    if problems:
        sys.exit(1)


def _change(e: dict) -> str:
    before, after = e.get("avant"), e.get("apres")
    if before is None and after is None:
        return ""
    def short(v) -> str:
        if v is None:
            return "—"
        if isinstance(v, dict):
            return ", ".join(f"{k} {short(x)}" for k, x in v.items())
        if isinstance(v, bool):
            return "oui" if v else "non"
        if isinstance(v, list):
            return ", ".join(short(x) for x in v)
        return str(v)

    if before is None:
        return short(after)
    return f"{short(before)} → {short(after)}"


@cli.command()
@SESSION
@click.argument("backup", required=False, type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (scripts).")
def restore(session, backup, yes):
    """Put a backup of SESSION back (refused once a tour is signed). Without BACKUP: list them."""
    from jury_tui.deliberation.maintenance import list_backups, restore_backup

    s = _existing(session)
    if not backup:
        rows = [[str(p), label] for p, label in list_backups(s)]
        click.echo(table(rows, ["sauvegarde", "avant"]) if rows else "Aucune sauvegarde.")
        return
    if not yes:
        click.confirm(f"Remplacer {session} par {backup} ?", abort=True)
    restore_backup(s, backup)
    done(f"Session restaurée depuis {backup}")


@cli.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def demo(path):
    """Build the demo session (fictional candidates) at PATH."""
    from jury_tui.demo import build_demo, default_demo_path

    target = build_demo(path or default_demo_path())
    done(f"Session de démonstration : {target}")


@cli.command()
@SESSION
@click.argument("numero")
@click.argument("unit")
@click.argument("grade")
@click.option("--reason", help="Why (recorded in the audit), e.g. a correction of an entry.")
def controle(session, numero, unit, grade, reason):
    """Tour 2: enter, correct or clear ('clear') one contrôle grade of a candidate."""
    value = None if grade.lower() == "clear" else grade
    _existing(session).set_controle_grade(numero, unit, value, reason=reason)
    done(f"{numero} {unit.upper()} (contrôle) : {'effacée' if value is None else grade}")

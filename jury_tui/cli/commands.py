"""Session commands: new, import, set, withdraw, results, check, decide, adjust, sign, reopen, audit."""

from __future__ import annotations

import sys

import click

from jury_tui.cli import cli
from jury_tui.cli.output import done, echo_json, table
from jury_tui.cli.params import (
    FILE,
    NUMERO,
    SESSION,
    UNIT,
    Choice,
    FilePath,
    Integer,
    argument,
    encoding_option,
    fmt_option,
    option,
    reason_option,
)

DECISIONS = ("admis", "ajourne", "controle", "non_delivre", "clear")
DECISION_LABELS = {"ajourne": "ajourné", "controle": "contrôle", "non_delivre": "non délivré"}


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
@option("--regulation", required=True, metavar="NOM|FICHIER", help="Un règlement livré (bts-mos) ou un fichier .toml.")
@option("--year", required=True, type=Integer(), metavar="ANNEE", help="L'année de la session, par exemple 2026.")
@option("--academie", required=True, metavar="TEXTE", help="L'académie, par exemple « Académie de Normandie ».")
@option("--jury", "jury_name", required=True, metavar="TEXTE", help="Le nom ou le numéro du jury.")
@option("--date", "date_", metavar="AAAA-MM-JJ", help="La date de la délibération.")
@option("--lieu", metavar="TEXTE", help="Le lieu de la délibération.")
@option("--tz", default="Europe/Paris", show_default=True, metavar="FUSEAU", help="Le fuseau horaire des heures du journal.")
def new(session, regulation, year, academie, jury_name, date_, lieu, tz):
    """Crée un fichier de session.

    SESSION est le chemin du fichier à créer ; il ne doit pas exister."""
    from jury_tui.deliberation import create_session

    create_session(session, regulation=regulation, year=year, academie=academie, jury=jury_name, date_=date_, lieu=lieu, tz=tz)
    done(f"Session créée : {session}")


@cli.group("import")
def import_group():
    """Importe candidats, membres du jury ou notes du contrôle.

    Un fichier .csv (UTF-8 ou Windows-1252, « ; » ou « , »), .xlsx, .ods ou .json est
    importé en entier ou pas du tout ; chaque erreur est nommée avec sa place (fichier,
    ligne, colonne). Une sauvegarde de la session est gardée avant chaque import.
    """


def _import_command(kind: str, name: str, doc: str, unknown: bool):
    @SESSION
    @FILE
    @option("--dry-run", is_flag=True, help="Vérifie et rend compte sans rien écrire.")
    @option("--sheet", metavar="FEUILLE", help="Classeur : la feuille à lire (par défaut la première).")
    @encoding_option
    @fmt_option("text", "json", help="Le compte rendu en texte ou en JSON (README, « JSON outputs »).")
    def command(session, file, dry_run, sheet, encoding, fmt, ignore_unknown_columns=False):
        from jury_tui.errors import JuryError
        from jury_tui.importing.importer import JSON_KEYS

        s = _existing(session)
        try:
            report = s.import_file(kind, file, dry_run=dry_run, ignore_unknown=ignore_unknown_columns, sheet=sheet,
                                   encoding=encoding)
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
        command = option("--ignore-unknown-columns", is_flag=True,
                         help="Ignore les colonnes qui ne sont ni un champ ni une unité (nommées dans le compte rendu).")(command)  # fmt: skip
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
        data = report.to_json(dry_run=dry_run)
        data["avertissements"] = [_problem_json(p) for p in report.warnings]
        echo_json(data)
        return
    for warning in report.warnings:
        click.echo(f"Avertissement : {warning}", err=True)
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


_import_command("candidates", "candidates", """Importe les candidats et leurs notes depuis FICHIER.

    Colonnes : numero, nom, prenom, puis les champs (date_naissance, statut, forme, livret,
    attestation_shg, ine, etablissement) et une colonne par unité du règlement (U1, U21...).
    Un candidat déjà dans la session est mis à jour ; une note qui change sous une décision
    le met « à revoir ».""", True)
_import_command("members", "members", """Importe les membres du jury depuis FICHIER (remplace la liste).

    Colonnes : nom, prenom, role, qualite, presence.""", False)
_import_command("controle", "controle", """Importe les notes des épreuves de contrôle (tour 2) depuis FICHIER.

    Colonnes : numero, unite, note ; après la signature du tour 1.""", False)


@cli.command("set")
@SESSION
@NUMERO
@argument("field", metavar="CHAMP")
@argument("value", metavar="VALEUR")
@reason_option("Pourquoi (noté au journal).")
def set_cmd(session, numero, field, value, reason):
    """Corrige une note ou un champ d'un candidat.

    CHAMP : une unité (U4, avec une NOTE comme VALEUR : 12,5, ABS, DISP...), nom, prenom,
    livret (oui/non), attestation_shg, date_naissance..."""
    _existing(session).set_field(numero, field, value, reason=reason)
    done(f"{numero} : {field} = {value}")


@cli.command()
@SESSION
@NUMERO
@reason_option("Pourquoi (noté au journal).")
def withdraw(session, numero, reason):
    """Retire un candidat importé par erreur.

    Il reste au journal, mais sort des résultats et des documents."""
    _existing(session).withdraw(numero, reason=reason)
    done(f"{numero} retiré de la session")


@cli.command()
@SESSION
@fmt_option("table", "csv", "json", help="Un tableau ; le CSV pour Excel (« ; », virgule décimale) ; du JSON.")
def results(session, fmt):
    """Affiche moyennes, propositions et décisions.

    Pour un tableur, préférez « jury export SESSION xlsx » : le numéro y reste du texte
    (02701 garde son zéro). Le CSV est pour les scripts."""
    view = _existing(session).view()
    if fmt == "json":
        echo_json({"candidats": [view.row(c.numero) for c in view.active]})
        return
    if fmt == "csv":
        from jury_tui.deliberation.rows import csv_text

        sys.stdout.buffer.write(csv_text(view).encode("utf-8"))
        return
    import shutil

    from jury_tui.cli.results_table import render
    from jury_tui.domain.results import LABELS, display_average

    rows = []
    for c in view.active:
        r = view.result(c.numero)
        d = c.latest_decision
        decision = LABELS.get(d.decision, d.decision) if d else ""
        rows.append((c.numero, c.nom, c.prenom, display_average(r.moyenne), LABELS[r.proposition], decision, "oui" if c.a_revoir else ""))
    width = max(shutil.get_terminal_size((80, 24)).columns, 60)  # COLUMNS, the terminal, or 80
    click.echo(render(rows, width))


@cli.command()
@SESSION
@fmt_option("text", "json", help="Le rapport en texte ou en JSON.")
def check(session, fmt):
    """Contrôle le jury, le règlement et les candidats.

    La composition du jury (articles D643-30 et suivants), le règlement (provisoire,
    enregistrement RNCP échu) et les candidats incomplets ; ne modifie rien. Sortie 1
    quand le jury ne peut pas siéger ainsi."""
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
@NUMERO
@argument("decision", metavar="DECISION", type=Choice(DECISIONS, DECISION_LABELS))
@reason_option("Obligatoire quand la décision s'écarte de la proposition.", required=False)
@option("--livret-examine", is_flag=True, help="Note que le jury a examiné le livret scolaire du candidat.")
def decide(session, numero, decision, reason, livret_examine):
    """Enregistre la décision du jury pour un candidat.

    Au tour ouvert. DECISION : admis, ajourné, contrôle (tour 1), non délivré, ou
    clear pour l'effacer ; avec ou sans accents (« non délivré » ou non_delivre).
    Une décision qui s'écarte de la proposition demande --reason ; ajourner ou
    envoyer au contrôle un candidat qui a un livret demande --livret-examine."""
    from jury_tui.errors import JuryError

    try:
        _existing(session).decide(numero, None if decision == "clear" else decision, reason=reason, livret_examine=livret_examine)
    except JuryError as exc:
        raise JuryError([_next_step(p, session, numero, decision) for p in exc.problems], code=exc.code) from None
    done(f"{numero} : {'décision effacée' if decision == 'clear' else decision}")


def _next_step(problem, session: str, numero: str, decision: str):
    """A refusal of `decide`, with the command that does what it asks for."""
    from dataclasses import replace

    if problem.code == "LIVRET_NON_EXAMINE":
        return replace(problem, message=f"{problem.message} ; s'il l'a examiné : « jury decide {session} {numero} "
                                        f"{decision} --livret-examine »")  # fmt: skip
    return problem


@cli.command()
@SESSION
@NUMERO
@UNIT
@argument("grade", metavar="NOTE")
@reason_option("Pourquoi (points de jury : noté au journal et montré au procès-verbal).")
def adjust(session, numero, unit, grade, reason):
    """Ajuste une note (points de jury), ou annule l'ajustement.

    NOTE : la note retenue par le jury pour l'UNITE, ou revert pour annuler
    l'ajustement. La note d'origine est gardée ; le procès-verbal montre
    « avant → après »."""
    _existing(session).adjust(numero, unit, None if grade.lower() == "revert" else grade, reason=reason)
    done(f"{numero} {unit.upper()} : {'ajustement annulé' if grade.lower() == 'revert' else grade}")


@cli.command()
@SESSION
@fmt_option("text", "json", help="Le compte rendu en texte, ou en JSON avec chaque point à régler.")
def sign(session, fmt):
    """Signe le tour ouvert.

    Refusé tant qu'un contrôle bloquant échoue, ou qu'un candidat du tour est sans
    décision, incomplet ou à revoir : le refus résume ce qui reste à faire (le détail
    de chaque candidat : --format json)."""
    from jury_tui.errors import JuryError

    s = _existing(session)
    try:
        sig = s.sign()
    except JuryError as exc:
        if exc.code != "SIGN_BLOCKED":
            raise
        if fmt == "json":
            echo_json({"ok": False, "erreurs": [_problem_json(p) | {"code": p.code} for p in exc.problems]})
        for line in summary(exc.problems):
            click.echo(f"Erreur : {line}", err=True)
        n = len(exc.problems)
        click.echo(f"Signature refusée : {n} point{'s' if n > 1 else ''} à régler (« jury check », « jury results » ; "
                   f"chaque point : « jury sign {session} --format json »).", err=True)  # fmt: skip
        sys.exit(1)
    from jury_tui.deliberation import signer

    if fmt == "json":
        echo_json({"ok": True, "tour": sig["tour"], "par": sig["par"], "signataire": signer.label(sig), "le": sig["le"],
                   "empreinte": sig["empreinte"]})  # fmt: skip
        return
    done(f"Tour {sig['tour']} signé par {signer.label(sig)}.\nEmpreinte : {sig['empreinte']}")


SUMMED_FROM = 4  # from this many candidates in the same case, one line names the first few


def summary(problems) -> list[str]:
    """Problems in a few lines: those of the same kind about many candidates summed up in one
    (« 61 candidats sans décision : 02601, 02602, 02603, 02604, 02605 et 56 autres »)."""
    by_code: dict[str | None, list] = {}
    for p in problems:
        by_code.setdefault(p.code if p.place.candidate else None, []).append(p)
    lines = []
    for code, group in by_code.items():
        if code is None or len(group) < SUMMED_FROM:
            lines += [str(p) for p in group]
            continue
        numeros = [p.place.candidate for p in group]
        shown = ", ".join(numeros) if len(numeros) <= 8 else f"{', '.join(numeros[:5])} et {len(numeros) - 5} autres"
        lines.append(f"{len(group)} candidats {group[0].message} : {shown}")
    return lines


@cli.command()
@SESSION
@reason_option("Pourquoi (noté au journal).")
def reopen(session, reason):
    """Rouvre le dernier tour signé.

    Son empreinte est annulée ; noté au journal."""
    _existing(session).reopen(reason=reason)
    done("Dernier tour signé rouvert ; son empreinte est annulée.")


@cli.command()
@SESSION
@option("--verify", is_flag=True, help="Vérifie la chaîne du journal et l'état de la session contre sa dernière entrée.")
@fmt_option("text", "json", help="Le journal en tableau ou en JSON.")
def audit(session, verify, fmt):
    """Affiche le journal de la session, ou le vérifie.

    Chaque acte sur la session, dans l'ordre. Avec --verify : sortie 1 si le journal
    n'est pas intègre (une entrée modifiée, retirée, ou l'état changé hors de jury)."""
    s = _existing(session)
    view = s.view()
    problems = s.verify() if verify else []
    if fmt == "json":
        data = {"entrees": view.audit}
        if verify:
            data.update(ok=not problems, problemes=[str(p) for p in problems])
        echo_json(data)
    else:
        from jury_tui.deliberation.view import change_text

        rows = [[e.get("seq"), view.local_time(e.get("le")), e.get("par"), e.get("action"), e.get("cible") or "", change_text(e), e.get("motif") or ""] for e in view.audit]
        click.echo(table(rows, ["n°", "le", "par", "acte", "cible", "changement", "motif"]))
        if verify:
            for p in problems:
                click.echo(f"INTÉGRITÉ : {p}", err=True)
            click.echo("Journal intègre." if not problems else "Journal NON intègre.")
    if problems:
        sys.exit(1)


@cli.command()
@SESSION
@argument("backup", metavar="[SAUVEGARDE]", required=False, type=FilePath())
@option("--yes", is_flag=True, help="Ne demande pas de confirmation (scripts).")
def restore(session, backup, yes):
    """Liste les sauvegardes de la session, ou en remet une.

    Sans SAUVEGARDE : la liste. Avec : la remet à la place de SESSION, après
    confirmation (refusé une fois un tour signé)."""
    from jury_tui.cli.french import confirm
    from jury_tui.deliberation.maintenance import list_backups, restore_backup

    s = _existing(session)
    if not backup:
        rows = [[str(p), label] for p, label in list_backups(s)]
        click.echo(table(rows, ["sauvegarde", "avant"]) if rows else "Aucune sauvegarde.")
        return
    if not yes and not confirm(f"Remplacer {session} par {backup} ?"):
        raise click.Abort
    restore_backup(s, backup)
    done(f"Session restaurée depuis {backup}")


@cli.command()
@argument("path", metavar="[CHEMIN]", required=False, type=FilePath())
def demo(path):
    """Construit la session de démonstration.

    62 candidats fictifs et un jury régulier, en CHEMIN ou dans le dossier courant."""
    from jury_tui.demo import build_demo, default_demo_path

    target = build_demo(path or default_demo_path())
    done(f"Session de démonstration : {target}")


@cli.command()
@SESSION
@NUMERO
@UNIT
@argument("grade", metavar="NOTE")
@reason_option("Pourquoi (noté au journal), par exemple la correction d'une saisie.", required=False)
def controle(session, numero, unit, grade, reason):
    """Tour 2 : saisit, corrige ou efface une note de contrôle.

    NOTE : la note de l'épreuve de contrôle de l'UNITE, ou clear pour l'effacer."""
    value = None if grade.lower() == "clear" else grade
    _existing(session).set_controle_grade(numero, unit, value, reason=reason)
    done(f"{numero} {unit.upper()} (contrôle) : {'effacée' if value is None else grade}")

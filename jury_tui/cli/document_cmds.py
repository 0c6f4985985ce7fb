"""Document commands: export (pv, releves, attestations, admis, xlsx, csv) and verify (DESIGN.md §2, §5)."""

from __future__ import annotations

import sys

import click

from jury_tui.cli import cli, long_running
from jury_tui.cli.output import done, echo_json
from jury_tui.cli.params import SESSION, Choice, FilePath, argument, fmt_option, option

KINDS = ("pv", "releves", "attestations", "admis", "xlsx", "csv")
PHASES = {"documents": "Documents", "pdf": "Conversion en PDF"}
BAR_FROM = 10  # a progress bar from this many documents on; fewer go by too fast to need one


def _existing(path: str):
    from pathlib import Path

    from jury_tui.deliberation import Session
    from jury_tui.errors import JuryError

    if not Path(path).is_file():
        raise JuryError(f"{path} : session introuvable (créez-la avec « jury new »)")
    return Session(path)


class TerminalProgress:
    """click progress bars on a terminal, one per phase; nothing when stdout is not a terminal."""

    def __init__(self) -> None:
        self.phase: str | None = None
        self.bar = None
        self.shown = 0

    def __call__(self, phase: str, done_count: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            self.phase, self.shown = phase, 0
            if total >= BAR_FROM:
                self.bar = click.progressbar(length=total, label=PHASES.get(phase, phase), show_pos=True)
                self.bar.__enter__()
            elif phase == "pdf":
                click.echo("Conversion en PDF par LibreOffice…")
        if self.bar is not None and done_count > self.shown:
            self.bar.update(done_count - self.shown)
            self.shown = done_count

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def on_terminal() -> bool:
    return sys.stdout.isatty()


@cli.command("export")
@SESSION
@argument("kind", metavar="|".join(KINDS), type=Choice(KINDS))
@option("--out", type=click.Path(), metavar="CHEMIN",
        help="Le fichier à écrire (un dossier avec --split). Par défaut : à côté de SESSION, par exemple "
        "SESSION-pv-tour1.docx.")  # fmt: skip
@option("--tour", type=Choice(["1", "2"]), metavar="1|2", help="pv : le tour (par défaut le dernier signé, sinon le tour "
        "ouvert, en PROJET). admis : 1 pour les admis du tour 1 (par défaut la liste finale).")  # fmt: skip
@option("--template", type=FilePath(), metavar="DOCX",
        help="La copie d'un modèle, modifiée pour le site ; rendue à part, en un temps et une mémoire limités "
        "(JURY_TEMPLATE_SECONDS, JURY_TEMPLATE_MEMORY ; voir templates/README.md).")  # fmt: skip
@option("--anonymous", is_flag=True, help="pv : les numéros seulement, sans le nom des candidats.")
@option("--split", is_flag=True, help="releves, attestations : un fichier par candidat dans le dossier --out.")
@option("--pdf", is_flag=True, help="Écrit aussi un PDF de chaque document (par LibreOffice).")
def export_cmd(session, kind, out, tour, template, anonymous, split, pdf):
    """Écrit un document : procès-verbal, relevés, résultats.

    Le procès-verbal d'un tour (pv), les relevés de notes, les attestations de blocs
    de compétences, la liste publique des admis, ou les résultats : xlsx pour les
    ouvrir dans un tableur (numéros en texte : 02701 garde son zéro ; moyennes en
    nombres), csv pour les scripts. Chaque export est noté au journal ; un export en
    échec ne laisse aucun fichier.

    Le pv est un PROJET sur chaque page tant que son tour n'est pas signé ; signé,
    son pied de page porte l'empreinte du tour (vérifiez une copie avec
    « jury verify »). releves, attestations et admis donnent les décisions finales :
    ils sont refusés tant que chaque tour n'est pas signé.
    """
    from jury_tui.deliberation.docs import export

    long_running()
    progress = TerminalProgress() if on_terminal() else None
    try:
        paths = export(_existing(session), kind, out, tour=int(tour) if tour else None, template=template, anonymous=anonymous,
                       split=split, pdf=pdf, progress=progress)  # fmt: skip
    finally:
        if progress is not None:
            progress.close()
    if split and paths:
        folder = paths[0].parent
        docs = sum(1 for p in paths if p.suffix == ".docx")
        done(f"{docs} document(s) écrit(s) dans {folder}" + (" (et leurs PDF)" if pdf else ""))
    else:
        for path in paths:
            done(f"Écrit : {path}")


@cli.command("verify")
@SESSION
@argument("docx", metavar="DOCX", type=FilePath())
@option("--template", type=FilePath(), metavar="DOCX",
        help="Le modèle du site avec lequel le procès-verbal a été écrit (par défaut : celui livré).")
@fmt_option("text", "json", help="Le compte rendu en texte (les écarts résumés), ou en JSON avec chaque écart.")
def verify_cmd(session, docx, template, fmt):
    """Vérifie un procès-verbal contre la session.

    Le procès-verbal DOCX est conforme à SESSION quand son empreinte est celle de la
    signature en vigueur du tour, et que chaque partie qu'il montre (en-tête, jury et
    présences, composition, coefficients, lignes de candidats, totaux, signataires,
    textes) est ce que la session donne ; chaque écart est nommé. Sortie 0 s'il est
    conforme, 1 sinon.
    """
    from jury_tui.deliberation.docs import verify

    report = verify(_existing(session), docx, template=template)
    if fmt == "json":
        echo_json({"ok": report.ok, "document": report.document, "tour": report.tour, "anonyme": report.anonyme,
                   "empreinte": report.empreinte, "signe_par": report.signe_par, "signe_le": report.signe_le,
                   "lignes": report.lignes, "problemes": report.problems, "parties": report.parts,
                   "verifie": report.checked, "ecarts": report.rows})  # fmt: skip
        if not report.ok:
            sys.exit(1)
        return
    for line in report.summary():
        click.echo(line)
    if report.ok:
        click.echo(report.conclusion())
        return
    for line in _findings(report, session, docx):
        click.echo(f"ÉCART : {line}", err=True)
    click.echo(report.conclusion(), err=True)
    sys.exit(1)


ROWS_SHOWN = 5  # beyond, the rows that differ are summed up (each one: --format json)


def _findings(report, session: str, docx: str) -> list[str]:
    """The fingerprint's and the parts' findings, then each row that differs, or a summary when many do."""
    if len(report.rows) <= ROWS_SHOWN:
        return report.findings()
    out = [line for line in report.findings() if not line.startswith("ligne du candidat ")]
    for numero, items in sorted(report.rows.items())[:ROWS_SHOWN]:
        columns = list(dict.fromkeys(item.split(" : ", 1)[0] for item in items))
        out.append(f"ligne du candidat {numero} : {', '.join(columns)}")
    more = len(report.rows) - ROWS_SHOWN
    out.append(f"et {more} autres lignes de candidats différentes (chaque écart : « jury verify {session} {docx} "
               "--format json »)")  # fmt: skip
    return out

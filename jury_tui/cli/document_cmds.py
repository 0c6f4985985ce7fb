"""Document commands: export (pv, releves, attestations, admis, csv) and verify (DESIGN.md §2, §5)."""

from __future__ import annotations

import sys

import click

from jury_tui.cli import cli, long_running
from jury_tui.cli.output import done

SESSION = click.argument("session", type=click.Path(dir_okay=False))
KINDS = ("pv", "releves", "attestations", "admis", "csv")
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
@click.argument("kind", metavar="pv|releves|attestations|admis|csv", type=click.Choice(KINDS))
@click.option("--out", type=click.Path(), metavar="PATH",
              help="File to write (a folder with --split). Default: next to SESSION, e.g. SESSION-pv-tour1.docx.")
@click.option("--tour", type=click.Choice(["1", "2"]), metavar="1|2", help="pv: the tour (default: the latest signed, else the open one as "
              "a PROJET). admis: 1 for those admitted at tour 1 (default: the final list).")
@click.option("--template", type=click.Path(dir_okay=False), metavar="DOCX", help="A site's copy of the default template.")
@click.option("--anonymous", is_flag=True, help="pv: numeros only, no candidate names.")
@click.option("--split", is_flag=True, help="releves, attestations: one file per candidate in the folder --out.")
@click.option("--pdf", is_flag=True, help="Also write a PDF of each document (LibreOffice).")
def export_cmd(session, kind, out, tour, template, anonymous, split, pdf):
    """Write a document of SESSION: the minutes of a tour (pv), the relevés de notes, the
    attestations of blocs de compétences, the public list of admis, or the results for the
    exam office (csv). Every export is on record in the audit.

    \b
    The pv is a PROJET on every page while its tour is not signed; signed, its footer holds
    the tour's fingerprint (check a printed or emailed copy with « jury verify »).
    releves, attestations and admis give the final decisions: they are refused until every
    tour is signed. A failed export leaves no file behind.
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
@click.argument("docx", type=click.Path(dir_okay=False))
def verify_cmd(session, docx):
    """Check that the procès-verbal DOCX matches SESSION: its fingerprint is that of the
    tour's signature in force, and every candidate row it shows is what the session holds
    (a grade edited in Word is found and its row named). Exit 0 when it matches, 1 otherwise.
    """
    from jury_tui.deliberation.docs import verify

    report = verify(_existing(session), docx)
    for line in report.summary():
        click.echo(line)
    if report.ok:
        click.echo(report.conclusion())
        return
    for line in report.findings():
        click.echo(f"ÉCART : {line}", err=True)
    click.echo(report.conclusion(), err=True)
    sys.exit(1)

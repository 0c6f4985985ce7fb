"""`jury export`: write a session's documents, all or nothing, and put each export on record.

    paths = export(session, "pv", "pv-tour1.docx", tour=1, pdf=True)

The documents are first written into a hidden staging folder beside their destination
(rendered, converted to PDF when asked); then the export is recorded in the audit (one
entry); then the files are moved into place. A failure at any step removes the staging
folder: no half-written document; an export that failed before its record is not on
record, and one whose files could not be moved into place after it is followed by an
`export_echoue` entry.

Defaults (DESIGN.md §5):
- `pv` without `--tour`: the latest signed tour; when no tour is signed, the open tour as
  a PROJET. An unsigned tour (never signed, or reopened) always renders as a PROJET.
- `releves`, `attestations`, `admis`: the final decisions; refused until every tour the
  candidates went through is signed. `admis --tour 1`: those admitted at tour 1.
- `csv`: the results as `jury results --format csv`, at any time, for scripts.
- `xlsx`: the same results as a workbook, for people (numéros as text), at any time.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jury_tui import seams
from jury_tui.deliberation.docs import common, staging_locks
from jury_tui.deliberation.docs.candidates import admis_context, attestations_context, releves_context
from jury_tui.deliberation.docs.destination import check_destination
from jury_tui.deliberation.docs.pv import pv_context
from jury_tui.errors import JuryError, LockBusy, Place, Problem, os_cause

KINDS = ("pv", "releves", "attestations", "admis", "xlsx", "csv")
RESULTS_KINDS = ("xlsx", "csv")  # the results as a file, not a Word document
SPLIT_KINDS = ("releves", "attestations")
SPLIT_PREFIX = {"releves": "releve", "attestations": "attestation"}

Progress = Callable[[str, int, int], None]
"""progress(phase, done, total): phase « documents » (rendering) or « pdf » (conversion)."""


@dataclass(frozen=True)
class Job:
    """One document to write: its file name (in the destination folder) and its context."""

    name: str
    context: Any
    count: int = 1  # candidates it holds, for the progress of a single long document


# --------------------------------------------------------------------------- the app's helpers


@dataclass(frozen=True)
class Exportable:
    """A kind of document and whether it can be exported now (for the sign-and-export screen)."""

    kind: str
    label: str  # « Procès-verbal de délibération »…
    available: bool
    reason: str | None = None  # why not, in French, when not available
    tour: int | None = None  # the tour it describes by default
    signed: bool = False  # pv: whether that tour is signed (else a PROJET)


def exportable_kinds(view) -> list[Exportable]:
    """Every kind of document, in the order a jury uses them, with what it would be now."""
    out = []
    tour = common.pv_tour(view, None)
    signed = view.signature(tour) is not None
    note = None if signed else f"tour {tour} non signé : le procès-verbal sera un PROJET"
    out.append(Exportable("pv", common.KIND_LABELS["pv"].title, True, note, tour, signed))
    blocker = common.final_blocker(view)
    last = None if blocker else (2 if common.has_tour2(view) else 1)
    for kind in ("releves", "attestations", "admis"):
        reason = f"décisions pas encore définitives : {blocker}" if blocker else None
        if kind == "attestations" and not blocker and not attestations_context(view).attestations:
            reason = "aucun candidat non admis ne détient de bloc de compétences"
        out.append(Exportable(kind, common.KIND_LABELS[kind].title, reason is None, reason, last, last is not None))
    out.append(Exportable("csv", common.KIND_LABELS["csv"].title, True, None, None, False))
    out.append(Exportable("xlsx", common.KIND_LABELS["xlsx"].title, True, None, None, False))
    return out


def default_output(session_path: str | os.PathLike, kind: str, *, tour: int | None = None,
                   anonymous: bool = False, split: bool = False) -> Path:  # fmt: skip
    """Where a document goes when no --out is given: next to the session, named after it.

    `demo.json` -> `demo-pv-tour1.docx`, `demo-pv-tour1-anonyme.docx`, `demo-releves.docx`,
    `demo-releves/` (--split), `demo-attestations.docx`, `demo-admis.docx`, `demo-resultats.csv`,
    `demo-resultats.xlsx`.
    """
    session = Path(session_path)
    stem = session.stem
    if kind in RESULTS_KINDS:
        return session.with_name(f"{stem}-resultats.{kind}")
    name = f"{stem}-{kind}"
    if kind == "pv":
        name += f"-tour{tour or 1}" + ("-anonyme" if anonymous else "")
    elif kind == "admis" and tour == 1:
        name += "-tour1"
    return session.with_name(name if split else name + ".docx")


# --------------------------------------------------------------------------- export


def export(
    session,
    kind: str,
    out: str | os.PathLike | None = None,
    *,
    tour: int | None = None,
    template: str | os.PathLike | None = None,
    anonymous: bool = False,
    split: bool = False,
    pdf: bool = False,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the document(s) of `kind` and return the paths written (PDFs after their .docx).

    Refused with a French JuryError, nothing written and nothing recorded, when an option
    does not apply, the document is not ready (see the module's defaults), the template
    uses an unknown variable, LibreOffice is missing for --pdf, or a file cannot be written.
    """
    _check_options(kind, tour, template, anonymous, split, pdf)
    _refuse_if_held(session)
    view = session.view()
    if kind == "pv":
        tour = common.pv_tour(view, tour)
    target = Path(out) if out is not None else default_output(session.path, kind, tour=tour, anonymous=anonymous,
                                                              split=split)  # fmt: skip
    _check_target(kind, target, split)
    jobs, facts = _plan(view, kind, target, tour, anonymous, split)
    check_destination(session.path, kind, target, [job.name for job in jobs], split=split, pdf=pdf)
    if pdf:
        from jury_tui.documents import pdf as pdf_module

        if not pdf_module.available():
            raise JuryError(pdf_module.unavailable_problem(written=False))
    template_path = Path(template) if template is not None else None
    with _Staging(target, split) as staging:
        try:
            names = _write(view, kind, jobs, staging.folder, template_path, pdf, progress)
        except JuryError as exc:
            raise staging.named(exc) from exc
        cible = facts.pop("cible")
        session.record("export", target=cible, after={
            **facts, "fichiers": names, "pdf": pdf, "modele": template_path.name if template_path else None,
            "journal": view.audit[-1]["seq"] if view.audit else None,
        })  # fmt: skip
        try:
            return staging.commit(names)
        except JuryError as exc:
            _record_failure(session, cible, names, exc)
            raise


def _record_failure(session, cible: str, names: list[str], exc: JuryError) -> None:
    """The files could not be moved into place after the export was recorded: say so on record."""
    try:
        session.record("export_echoue", target=cible, after={"fichiers": names},
                       reason=f"l'export inscrit juste avant n'a pas été mis en place ({exc.problems[0].message})")
    except JuryError:
        pass  # the disk refuses this too: the user has the error message


def _check_options(kind, tour, template, anonymous, split, pdf) -> None:
    if kind not in KINDS:
        raise JuryError(f"type de document inconnu « {kind} » ; types possibles : {', '.join(KINDS)}")
    problems = []
    if tour is not None and kind not in ("pv", "admis"):
        problems.append("--tour ne s'applique qu'au procès-verbal (pv) et à la liste des admis (admis)")
    if anonymous and kind != "pv":
        problems.append("--anonymous ne s'applique qu'au procès-verbal (pv)")
    if split and kind not in SPLIT_KINDS:
        problems.append("--split ne s'applique qu'aux relevés (releves) et aux attestations (attestations)")
    if kind in RESULTS_KINDS and (template is not None or pdf):
        problems.append(f"{kind} : --template et --pdf ne s'appliquent qu'aux documents Word")
    if problems:
        raise JuryError([Problem(p, code="EXPORT_OPTION") for p in problems])


def _refuse_if_held(session) -> None:
    """Fail before rendering, not after, when the export could not be put on record."""
    from jury_tui.store.lock import process_alive
    from jury_tui.store.lock_message import busy_message

    info = session.holder()  # None when this very Session holds it (the app exporting)
    if info and info.get("kind") == "app" and process_alive(info):
        raise LockBusy(busy_message(session.path, info, None), info)


def _check_target(kind: str, target: Path, split: bool) -> None:
    place = Place(file=str(target))
    if split:
        if target.exists() and not target.is_dir():
            raise JuryError(Problem("--split : --out doit désigner un dossier (un fichier par candidat)", place))
        if not target.parent.is_dir():
            raise JuryError(Problem(f"le dossier {target.parent} n'existe pas ; créez-le ou choisissez un autre chemin",
                                    place))  # fmt: skip
        return
    if target.is_dir():
        raise JuryError(Problem("--out désigne un dossier : donnez un nom de fichier"
                                + (", ou --split pour un fichier par candidat" if kind in SPLIT_KINDS else ""), place))
    if not target.parent.is_dir():
        raise JuryError(Problem(f"le dossier {target.parent} n'existe pas ; créez-le ou choisissez un autre chemin",
                                place))  # fmt: skip


def _plan(view, kind, target: Path, tour, anonymous, split) -> tuple[list[Job], dict]:
    """The documents to write and what the audit says of them."""
    facts: dict = {"type": kind, "cible": kind}
    if kind in RESULTS_KINDS:
        facts.update(candidats=len(view.active))
        return [Job(target.name, None)], facts
    if kind == "pv":
        context = pv_context(view, tour, anonymous=anonymous)
        facts.update(tour=tour, anonyme=anonymous, signe=context.signe, empreinte=context.empreinte or None,
                     candidats=len(context.candidats), cible=f"pv tour {tour}")  # fmt: skip
        return [Job(target.name, context, len(context.candidats))], facts
    if kind == "admis":
        context = admis_context(view, tour)
        facts.update(tour=tour, candidats=len(context.admis))
        return [Job(target.name, context)], facts
    context = releves_context(view) if kind == "releves" else attestations_context(view)
    items = context.releves if kind == "releves" else context.attestations
    if not items:
        what = ("aucun candidat non admis ne détient de bloc de compétences acquis à cette session"
                if kind == "attestations" else "aucun candidat dans la session")  # fmt: skip
        raise JuryError(f"{common.KIND_LABELS[kind].short} : rien à exporter, {what}", code="EXPORT_EMPTY")
    facts.update(candidats=len(items), dossier=target.name if split else None)
    if not split:
        return [Job(target.name, context, len(items))], facts
    field = "releves" if kind == "releves" else "attestations"
    return [Job(f"{SPLIT_PREFIX[kind]}-{item.numero}.docx", replace(context, **{field: [item]})) for item in items], facts


def _write(view, kind, jobs: list[Job], folder: Path, template: Path | None, pdf: bool,
           progress: Progress | None) -> list[str]:  # fmt: skip
    """Render every job into `folder` (the staging folder); the names written, PDFs included."""
    from jury_tui.documents.files import atomic_write

    if kind in RESULTS_KINDS:
        from jury_tui.deliberation.rows import csv_text, xlsx_bytes

        data = xlsx_bytes(view) if kind == "xlsx" else csv_text(view).encode("utf-8")
        atomic_write(folder / jobs[0].name, data)
        return [jobs[0].name]
    from jury_tui.documents import render_all

    properties = _properties(view, kind, jobs[0].context)
    report = (lambda done, total: progress("documents", done, total)) if progress is not None else None
    render_all(kind, [(folder / job.name, job.context) for job in jobs], template=template, properties=properties,
               progress=report)  # fmt: skip
    names = [job.name for job in jobs]
    if pdf:
        from jury_tui.documents.pdf import to_pdf_many

        report = (lambda done, total: progress("pdf", done, total)) if progress is not None else None
        made = to_pdf_many([folder / n for n in names], progress=report)
        names = [n for pair in zip(names, (p.name for p in made)) for n in pair]
    return names


def _properties(view, kind: str, context) -> dict:
    header = view.header
    jury = header.get("jury") or ""
    title = f"{common.KIND_LABELS[kind].title} — {jury} — session {header.get('annee')}"
    props = {"title": title, "author": jury, "created": seams.now(), "subject": header.get("specialite") or ""}
    if kind == "pv":
        props["title"] = title + f" — tour {context.tour}" + (" (version anonyme)" if context.anonyme else "")
        props["comments"] = (f"Tour {context.tour} signé ; empreinte SHA-256 : {context.empreinte}" if context.signe
                             else "PROJET : tour non signé")  # fmt: skip
    return props


# --------------------------------------------------------------------------- staging


class _Staging:
    """A hidden folder beside the destination; committed by renames, or removed whole."""

    def __init__(self, target: Path, split: bool):
        self.target = target
        self.split = split
        self.new_folder = split and not target.exists()
        base = target.parent if (not split or self.new_folder) else target
        prefix = f".{target.name}.export-"
        staging_locks.remove_stale(base)  # left by exports that were killed
        try:
            self.folder = Path(tempfile.mkdtemp(prefix=prefix, dir=base))
        except OSError as exc:
            raise JuryError(Problem(f"écriture impossible dans {base} : {os_cause(exc)}", Place(file=str(target)))) from exc
        self._held = staging_locks.hold(self.folder)  # while this export runs

    def __enter__(self) -> _Staging:
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._held is not None:
            os.close(self._held)

    def named(self, exc: JuryError) -> JuryError:
        """The same error, placed at the destination the user asked for, not in the staging folder."""
        inside = str(self.folder)
        destination = self.target if self.split else self.target.parent

        def public(problem: Problem) -> Problem:
            file = problem.place.file
            if not file or not file.startswith(inside):
                return problem
            return replace(problem, place=replace(problem.place, file=str(destination) + file[len(inside):]))

        return JuryError([public(p) for p in exc.problems], code=exc.code)

    def commit(self, names: list[str]) -> list[Path]:
        """Move the staged files into place (each rename is atomic)."""
        from jury_tui.documents.files import fsync_folder

        try:
            if self.new_folder:
                parent = self.target.parent
                os.chmod(self.folder, 0o2770 if parent.stat().st_mode & stat.S_ISGID else 0o700)
                os.rename(self.folder, self.target)
                fsync_folder(parent)
                return [self.target / n for n in names]
            destination = self.target if self.split else self.target.parent
            for name in names:
                os.replace(self.folder / name, destination / name)
            fsync_folder(destination)
            return [destination / n for n in names]
        except OSError as exc:
            raise JuryError(Problem(f"mise en place impossible : {os_cause(exc)}", Place(file=str(self.target)))) from exc

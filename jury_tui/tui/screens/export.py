"""Documents: what can be written now (or why not), chosen by keys, written with progress.

The documents are written by `export` through the app's own `Session` (the app holds the
lock: a second `Session` would be refused), in a thread; each export is on record. The
screen then says where each file was written, in full.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from jury_tui.errors import JuryError
from jury_tui.tui import format as fmt
from jury_tui.tui.screens.dialogs import Dialog
from jury_tui.tui.widgets.checklist import CheckList, Item

SPLIT_KINDS = ("releves", "attestations")
PHASES = {"documents": "mise en page", "pdf": "conversion en PDF"}


@dataclass(frozen=True)
class Choice:
    """One line of the list: a document and whether it can be written now."""

    key: str  # « pv-1 », « pv-1-anonyme », « releves »…
    kind: str
    label: str
    available: bool
    note: str | None = None  # why not (unavailable), or what it will be (a PROJET)
    tour: int | None = None  # pv: the tour it describes
    anonymous: bool = False
    default: bool = False  # checked when the screen opens (the PV `jury export` writes by default)


@dataclass
class Outcome:
    """What a run of the worker wrote, and what was refused."""

    written: list[tuple[Choice, list[Path], bool]] = field(default_factory=list)  # (choice, paths, replaced)
    refused: list[tuple[Choice, str]] = field(default_factory=list)


def choices(view) -> list[Choice]:
    """Every document the jury can ask for, in the order it uses them (DESIGN.md §5)."""
    from jury_tui.deliberation.docs import exportable_kinds

    out = []
    for e in exportable_kinds(view):
        if e.kind != "pv":
            label = {"csv": f"{e.label} (CSV)", "xlsx": f"{e.label} (XLSX)"}.get(e.kind, e.label)
            out.append(Choice(e.kind, e.kind, label, e.available, e.reason))
            continue
        for tour in sorted({e.tour} | {n for n in (1, 2) if view.signature(n)}):
            note = None if view.signature(tour) else f"tour {tour} non signé : PROJET"
            label = f"Procès-verbal du tour {tour}"
            out.append(Choice(f"pv-{tour}", "pv", label, True, note, tour, default=tour == e.tour))
            out.append(Choice(f"pv-{tour}-anonyme", "pv", f"{label}, version anonyme", True, note, tour, True))
    return out


ABOUT = {
    "pv": "le procès-verbal de délibération ; l'empreinte du tour signé figure en pied de page",
    "pv-anonyme": "le procès-verbal sans les noms, les candidats désignés par leur numéro (affichage)",
    "releves": "un relevé de notes par candidat",
    "attestations": "les blocs de compétences acquis par les candidats non admis (D643-15)",
    "admis": "la liste alphabétique des admis, noms seulement (affichage public)",
    "csv": "les résultats pour le service des examens (Excel : point-virgule, virgule décimale)",
    "xlsx": "les résultats dans un classeur : numéros en texte, moyennes en nombres, décisions en clair",
}


def _item(choice: Choice) -> Item:
    about = ABOUT["pv-anonyme" if choice.anonymous else choice.kind]
    if not choice.available:
        tag = "aucune" if choice.kind == "attestations" and "aucun candidat" in (choice.note or "") else "pas encore"
        return Item(choice.key, choice.label, False, tag, choice.note)
    if choice.note:  # a PV of a tour not signed
        return Item(choice.key, choice.label, True, "PROJET", f"{choice.note} (« PROJET » sur chaque page)")
    return Item(choice.key, choice.label, True, None, about)


def _pdf_available() -> bool:
    from jury_tui.documents import pdf

    return pdf.available()


class ExportScreen(Dialog):
    """« Documents » : the kinds of document and two options, checked by keys; the destination
    folder (next to the session by default); `e` writes, then where each file went is shown."""

    BINDINGS = [
        Binding("escape", "cancel", "Fermer", key_display="Échap"),
        Binding("e", "write", "Écrire", show=False),
    ]

    def __init__(self, preselect: tuple[str, ...] | None = None):
        super().__init__()
        self.preselect = preselect
        self.state = "form"  # form -> running -> done (-> form: « autres documents »)
        self._progress: tuple[int, int, str, int, int] | None = None  # (index, count, phase, done, total)
        self._shown: tuple | None = None
        self._labels: list[str] = []
        self._pdf = False

    @property
    def running(self) -> bool:
        return self.state == "running"

    # ---- the form ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        self.choices = choices(self.app.model.view)
        picked = set(self.preselect if self.preselect is not None else (c.key for c in self.choices if c.default))
        self.pdf_ok = _pdf_available()
        with Vertical(classes="dialog -wide", id="export"):
            yield Label("Documents de la session", classes="dialog-title")
            with Vertical(id="export-form"):
                yield CheckList([[_item(c) for c in self.choices], self._options()], picked, id="export-kinds")
                yield Static("", id="export-note", classes="dialog-hint", markup=False)
                with Horizontal(id="export-folder-row"):
                    yield Label("Dossier : ", id="export-folder-label")
                    yield Input(placeholder=f"à côté de la session ({self.app.model.path.name})",
                                id="export-folder", compact=True)  # fmt: skip
            with Vertical(id="export-running"):
                yield Static("", id="export-phase", markup=False)
                yield ProgressBar(id="export-progress", show_eta=False)
            with VerticalScroll(id="export-result"):
                yield Static("", id="export-written", markup=False)
            yield Static("", id="export-hint", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Écrire les documents (e)", id="export-write", variant="primary", compact=True)
                yield Button("Fermer (Échap)", id="close", compact=True)

    def _options(self) -> list[Item]:
        if self.pdf_ok:
            pdf = Item("pdf", "Aussi en PDF (LibreOffice)", note="chaque document Word et son PDF, côte à côte")
        else:
            pdf = Item("pdf", "Aussi en PDF", False, "LibreOffice absent",
                       "LibreOffice n'est pas installé sur ce serveur : enregistrez les documents en PDF depuis "
                       "Word, ou faites installer LibreOffice (paquet libreoffice-writer)")  # fmt: skip
        split = Item("split", "Relevés et attestations : un fichier par candidat",
                     note="un dossier avec un fichier par candidat, au lieu d'un seul document")  # fmt: skip
        return [pdf, split]

    def on_mount(self) -> None:
        self._show("form")
        kinds = self.query_one("#export-kinds", CheckList)
        keys = [c.key for c in self.choices]
        kinds.highlighted = next((keys.index(k) for k in keys if kinds.is_checked(k)), 0)  # on what is checked
        kinds.focus()
        self.set_interval(0.1, self._show_progress)

    def footer_keys(self) -> list[tuple[str, str, str]]:
        if self.state == "running":
            return []
        if self.state == "done":
            return [("e", "e", "Autres documents"), ("escape", "Échap", "Fermer")]
        if self.focused is not None and self.focused.id == "export-folder":
            return [("enter", "⏎", "Écrire"), ("tab", "Tab", "Liste"), ("escape", "Échap", "Fermer")]
        return [("space", "Espace", "Cocher"), ("tab", "Tab", "Dossier"), ("e", "e", "Écrire"), ("escape", "Échap", "Fermer")]

    def _show(self, state: str) -> None:
        self.state = state
        self.query_one("#export-form").display = state == "form"
        self.query_one("#export-running").display = state == "running"
        self.query_one("#export-result").display = state == "done"
        hints = {
            "form": "",  # the footer says the keys; the list needs the room at 80x24
            "running": "Écriture en cours : les fichiers sont écrits en entier ou pas du tout.",
            "done": "e : d'autres documents · Échap : fermer",
        }
        self.query_one("#export-hint", Static).update(hints[state])
        self.query_one("#export-hint").display = bool(hints[state])
        write = self.query_one("#export-write", Button)
        write.label = "Autres documents (e)" if state == "done" else "Écrire les documents (e)"
        write.disabled = state == "running"
        self.refresh_bindings()  # the footer follows the state

    def _problem(self, text: str) -> None:
        """Said in the note's place (a screen of 24 lines has no other), until the cursor moves."""
        note = self.query_one("#export-note", Static)
        note.set_class(bool(text), "-problem")
        if text:
            note.update(text)
        else:
            self._highlighted()

    @on(CheckList.OptionHighlighted, "#export-kinds")
    def _highlighted(self) -> None:
        item = self.query_one("#export-kinds", CheckList).current
        note = self.query_one("#export-note", Static)
        note.remove_class("-problem")
        note.update(item.note if item and item.note else "")

    @on(CheckList.Changed, "#export-kinds")
    def _changed(self) -> None:
        self._problem("")

    @on(CheckList.Refused, "#export-kinds")
    def _refused(self, event: CheckList.Refused) -> None:
        self._problem(f"{event.item.label} : pas possible maintenant ; {event.item.note}.")
        self.app.bell()

    # ---- writing ----------------------------------------------------------------------------
    def _folder(self) -> Path | None:
        text = self.query_one("#export-folder", Input).value.strip()
        return Path(text).expanduser() if text else None

    def _targets(self, chosen: list[Choice], folder: Path | None, split: bool) -> list[tuple[Choice, Path, bool]]:
        """(choice, destination, split) for each document, named as `jury export` names them."""
        from jury_tui.deliberation.docs import default_output

        out = []
        for c in chosen:
            each = split and c.kind in SPLIT_KINDS
            target = default_output(self.app.model.path, c.kind, tour=c.tour, anonymous=c.anonymous, split=each)
            if folder is not None:
                target = folder / target.name
            out.append((c, target, each))
        return out

    @on(Input.Submitted, "#export-folder")
    @on(Button.Pressed, "#export-write")
    def action_write(self) -> None:
        if self.state == "running":
            self.app.show_error("un export est déjà en cours : attendez qu'il finisse")
            return
        if self.state == "done":  # « autres documents »: the form again, as it was
            self._show("form")
            self.query_one("#export-kinds").focus()
            return
        if not self.app.require_writable():
            return
        kinds = self.query_one("#export-kinds", CheckList)
        chosen = [c for c in self.choices if kinds.is_checked(c.key)]
        if not chosen:
            self._problem("Cochez au moins un document (Espace sur sa ligne).")
            kinds.focus()
            return
        folder = self._folder()
        if folder is not None and not folder.is_dir():
            self._problem(f"Le dossier {folder} n'existe pas ; créez-le ou choisissez-en un autre.")
            self.query_one("#export-folder").focus()
            return
        self._problem("")
        self._start(self._targets(chosen, folder, kinds.is_checked("split")), kinds.is_checked("pdf"))

    def _start(self, jobs: list[tuple[Choice, Path, bool]], pdf: bool) -> None:
        self.app.exporting = True
        self._pdf = pdf
        self._labels = [c.label for c, _, _ in jobs]
        self._progress, self._shown = (0, len(jobs), "documents", 0, 0), None
        self._show("running")
        self.query_one("#export-progress", ProgressBar).update(total=None, progress=0)
        self._show_progress()
        self.run_worker(lambda: self._write_all(jobs, pdf), thread=True, exclusive=True, group="export",
                        exit_on_error=False)  # fmt: skip

    def _write_all(self, jobs: list[tuple[Choice, Path, bool]], pdf: bool) -> Outcome:
        """In the worker's thread: each document in turn; a refusal does not stop the others."""
        from jury_tui.deliberation.docs import export

        outcome = Outcome()
        session = self.app.model.session  # ours holds the lock; a second Session would be refused
        for index, (choice, target, split) in enumerate(jobs):
            self._progress = (index, len(jobs), "documents", 0, 0)

            def progress(phase: str, done: int, total: int, index=index) -> None:
                self._progress = (index, len(jobs), phase, done, total)

            replaced = target.exists()
            try:
                paths = export(session, choice.kind, target, tour=choice.tour if choice.kind == "pv" else None,
                               anonymous=choice.anonymous, split=split, pdf=pdf and choice.kind not in ("csv", "xlsx"),
                               progress=progress)  # fmt: skip
            except JuryError as exc:
                outcome.refused.append((choice, str(exc)))
                continue
            except Exception as exc:  # noqa: BLE001 - a bug must not end the app: say it in French
                why = f"erreur inattendue ({type(exc).__name__}) ; rien d'écrit à moitié ; réessayez ou « jury export »"
                outcome.refused.append((choice, why))
                continue
            outcome.written.append((choice, paths, replaced))
        return outcome

    def _show_progress(self) -> None:
        """From the thread's last report (a timer: the thread never waits for the screen)."""
        if not self.running or self._progress is None or self._progress == self._shown:
            return
        self._shown = self._progress
        index, count, phase, done, total = self._progress
        label = self._labels[index] if index < len(self._labels) else ""
        what = f"{PHASES.get(phase, phase)} {done}/{total}" if total else PHASES.get(phase, phase)
        if self._pdf and phase == "documents" and total and done == total:
            what += ", puis conversion en PDF (LibreOffice)…"
        self.query_one("#export-phase", Static).update(f"Document {index + 1} sur {count} : {label}\n{what}")
        self.query_one("#export-progress", ProgressBar).update(total=total or None, progress=done)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR,
                                                                 WorkerState.CANCELLED):  # fmt: skip
            return
        failed = event.state != WorkerState.SUCCESS
        self._finished(Outcome() if failed else event.worker.result, failed=failed)

    def _finished(self, outcome: Outcome, *, failed: bool = False) -> None:
        self.app.exporting = False
        self.app.refresh_model()  # the exports are on record: the audit changed
        self.query_one("#export-written", Static).update(self._report(outcome, failed))
        self._show("done")
        if outcome.refused or failed:
            self.app.show_error(outcome.refused[0][1] if outcome.refused else "erreur inattendue pendant l'export")
        if outcome.written:
            count = sum(len(paths) for _, paths, _ in outcome.written)
            self.app.say(f"{fmt.count(count, 'fichier écrit', 'fichiers écrits')} ; l'export est inscrit au journal.", title="Documents")
        self.query_one("#close").focus()

    @staticmethod
    def _report(outcome: Outcome, failed: bool) -> Text:
        t = Text()
        if outcome.written:
            t.append("Écrit, et inscrit au journal de la session :\n", "bold")
        for choice, paths, replaced in outcome.written:
            t.append(" ✓ ", "bold green")
            t.append(choice.label + (" (remplace le précédent)" if replaced else "") + "\n")
            if len(paths) > 4:  # one file per candidate: the folder, how many, the first and last
                t.append(f"   {paths[0].parent}/ : {len(paths)} fichiers, de {paths[0].name} à {paths[-1].name}\n")
                continue
            for path in paths:
                t.append(f"   {path}\n")
        if outcome.refused:
            t.append("Pas écrit (ni à moitié, ni au journal) :\n", "bold")
        for choice, message in outcome.refused:
            t.append(" ✗ ", "bold red")
            t.append(f"{choice.label} : ", "bold")
            t.append(message + "\n")
        if failed:
            t.append(" ✗ ", "bold red")
            t.append("erreur inattendue pendant l'export ; rien d'autre n'a été écrit.\n")
        t.rstrip()
        return t

    # ---- leaving ----------------------------------------------------------------------------
    def action_cancel(self) -> None:
        if self.running:
            self.app.show_error("export en cours : attendez qu'il finisse (chaque fichier est écrit en entier ou pas du tout)")
            return
        self.dismiss(None)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.action_cancel()

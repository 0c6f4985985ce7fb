"""Importing a file from the app: the contrôle grades of tour 2 (or candidates at tour 1).

The app holds the session, so `jury import` from another terminal is refused while it is
open: the exam office's file is imported here, through the app's own `Session`. Entrée
checks the file without writing (what it would import, or each error with its line and
column); `o` then imports it, all or nothing, on record, with a backup taken first.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from jury_tui.errors import JuryError
from jury_tui.tui import format as fmt
from jury_tui.tui.screens.dialogs import Dialog, field
from jury_tui.tui.screens.grade_dialogs import ConfirmLine

KINDS = {
    "controle": ("Importer les notes de contrôle (tour 2)", "note de contrôle", "notes de contrôle"),
    "candidates": ("Importer des candidats et leurs notes", "note", "notes"),
}
MAX_ERRORS = 12


def summary(report) -> str:
    """What an import does, in words (the CLI's report, in the app's French)."""
    _, one, many = KINDS[report.kind]
    parts = [fmt.count(report.grades_changed, one, many)]
    if report.created:
        parts.append(fmt.count(len(report.created), "candidat créé", "candidats créés"))
    if report.updated:
        shown = ", ".join(report.updated[:8]) + (" …" if len(report.updated) > 8 else "")
        parts.append(f"{fmt.count(len(report.updated), 'candidat mis à jour', 'candidats mis à jour')} ({shown})")
    if report.unchanged:
        parts.append(fmt.count(len(report.unchanged), "inchangé", "inchangés"))
    text = ", ".join(parts)
    if report.a_revoir:
        text += f"\nÀ revoir (une note a changé sous une décision) : {', '.join(report.a_revoir)}"
    if report.ignored_columns:
        text += f"\nColonnes ignorées : {', '.join(report.ignored_columns)}"
    return text


class ImportDialog(Dialog):
    """A file's path, checked with Entrée, imported with `o`."""

    BINDINGS = [
        Binding("o", "confirm", "Importer", show=False),
        Binding("escape", "cancel", "Annuler", key_display="Échap", show=False),
    ]

    def __init__(self, kind: str, folder: Path):
        super().__init__()
        self.kind, self.folder = kind, folder
        self.checked: tuple[str, object] | None = None  # (path, report) of the last dry run

    def compose(self) -> ComposeResult:
        title, _, many = KINDS[self.kind]
        with Vertical(classes="dialog -wide", id="import"):
            yield Label(title, classes="dialog-title")
            yield Static(
                f"Le fichier du service des examens (.csv, .xlsx, .ods, .json) : Entrée le vérifie sans rien "
                f"écrire, puis o importe toutes les {many}, ou rien (sauvegarde prise avant, inscrit au journal).",
                classes="dialog-body",
                markup=False,
            )
            yield field("Fichier", Input(str(self.folder) + os.sep, id="path", compact=True, select_on_focus=False))
            with VerticalScroll(id="import-report"):
                yield Static("", id="problem", classes="dialog-problem", markup=False)
                yield Static("", id="import-summary", markup=False)
            yield ConfirmLine("", id="confirm-line", markup=False)

    def on_mount(self) -> None:
        self.query_one("#confirm-line").display = False
        self.query_one("#path", Input).focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "confirm":
            return self.checked is not None
        return True

    def footer_keys(self) -> list[tuple[str, str, str]]:
        if self.checked is not None:
            return [("o", "o", "Importer"), ("escape", "Échap", "Revenir au fichier")]
        return [("enter", "⏎", "Vérifier"), ("escape", "Échap", "Annuler")]

    def _path(self) -> str:
        """The file typed, a relative path read from the session's folder (the one shown)."""
        return str(self.folder / Path(self.query_one("#path", Input).value.strip()).expanduser())

    @on(Input.Changed, "#path")
    def _typed(self) -> None:
        self._forget()  # another file: what was checked, or refused, no longer applies

    def _forget(self, *, keep_problem: bool = False) -> None:
        self.checked = None
        if not keep_problem:
            self.clear_problem()
        self.query_one("#import-summary", Static).update("")
        self.query_one("#confirm-line").display = False
        self.refresh_bindings()

    @on(Input.Submitted, "#path")
    def _check(self) -> None:
        path = self._path()
        if not Path(path).is_file():
            self.show_refusal(f"{path} : pas de fichier à ce chemin ; tapez le chemin du fichier à importer.")
            return
        try:
            report = self.app.session.import_file(self.kind, path, dry_run=True)
        except JuryError as exc:
            self._problems(exc)
            return
        self.checked = (path, report)
        self.query_one("#import-summary", Static).update(summary(report))
        confirm = self.query_one("#confirm-line", ConfirmLine)
        confirm.update(f"Importer {Path(path).name} ainsi ?  o : oui · Échap : revenir au fichier")
        confirm.display = True
        confirm.focus()
        self.refresh_bindings()

    def _problems(self, exc: JuryError) -> None:
        t = Text()
        n = len(exc.problems)
        t.append(f"Import impossible ({fmt.count(n, 'erreur')}) : rien ne serait importé.\n", "bold")
        for problem in exc.problems[:MAX_ERRORS]:
            t.append(f"✗ {problem}\n")
        if n > MAX_ERRORS:
            t.append(f"… et {n - MAX_ERRORS} autre(s)\n")
        t.rstrip()
        self.query_one("#problem", Static).update(t)

    def action_cancel(self) -> None:
        if self.checked is not None:
            self._forget()
            self.query_one("#path", Input).focus()
            return
        self.dismiss(None)

    def action_confirm(self) -> None:
        path, _ = self.checked
        ok, report = self.app.perform(self.app.session.import_file, self.kind, path)
        if ok:
            self.dismiss(report)
            return
        self._forget(keep_problem=True)  # the refusal is in the problem line (app.show_error put it there)
        self.query_one("#path", Input).focus()

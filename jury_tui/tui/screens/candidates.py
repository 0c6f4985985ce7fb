"""Candidates: the table, its filters, sort and incremental search; Entrée opens a sheet."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from jury_tui.deliberation.app_support import (
    FILTERS,
    active_numeros,
    candidate_line,
    filter_labels,
    longest_name,
    matches,
    search_matches,
    sort_key,
)
from jury_tui.tui.messages import CandidateChosen, SessionUpdate, SortRequested
from jury_tui.tui.screens.base import SessionScreen
from jury_tui.tui.widgets.candidates.grid import FIXED, CandidateGrid

COLUMN_LABELS = {"numero": "numéro", "nom": "nom", "moyenne": "moyenne", "proposition": "proposition", "decision": "décision"}


class CandidatesScreen(SessionScreen):
    BINDINGS = [
        Binding("slash", "search", "Chercher", key_display="/"),
        Binding("f", "choose_filter", "Filtre"),
        Binding("t", "choose_sort", "Trier"),
        Binding("escape", "clear", "Tout voir", show=False),
        Binding("1", "app.mode('synthese')", "Synthèse", show=False),
        Binding("3", "app.mode('jury')", "Jury", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        if self.app.model.view is None:  # the session could not be read: the error screen says why
            return
        yield Static(id="table-status")
        units = [u.code for u in self.app.model.view.regulation.units]
        yield CandidateGrid(self._line, units, empty="aucun candidat ne correspond", id="grid")

    def on_mount(self) -> None:
        if self.app.model.view is None:
            return
        self.filter_name = "tous"
        self.search_text = ""
        self.grid.longest_name = longest_name(self.view)
        self._apply()
        self.query_one(CandidateGrid).focus()

    @property
    def grid(self) -> CandidateGrid:
        return self.query_one(CandidateGrid)

    def _line(self, numero: str):
        return candidate_line(self.app.model.view, numero)

    # ---- what rows, in what order -------------------------------------------------------------
    def _apply(self, keep: str | None = None) -> None:
        grid = self.grid
        view = self.view
        numeros = active_numeros(view)
        if self.filter_name != "tous":
            numeros = [n for n in numeros if matches(view, grid.line(n), self.filter_name)]
        if self.search_text:
            numeros = [n for n in numeros if search_matches(grid.line(n), self.search_text)]
        if grid.sort_column != "numero" or grid.sort_reverse:
            numeros.sort(key=lambda n: sort_key(grid.line(n), grid.sort_column), reverse=grid.sort_reverse)
        grid.set_order(numeros, keep=keep)
        self._show_status()

    def _show_status(self) -> None:
        grid = self.grid
        label = filter_labels(self.view)[self.filter_name]
        column = COLUMN_LABELS.get(grid.sort_column, grid.sort_column)
        direction = "décroissant" if grid.sort_reverse else "croissant"
        total = len(active_numeros(self.view))
        parts = [f" {label} : {grid.row_count}" + (f" / {total}" if grid.row_count != total else "")]
        parts.append(f"tri : {column} {direction}")
        if self.search_text:
            parts.append(f"recherche « {self.search_text} »")
        self.query_one("#table-status", Static).update(" · ".join(parts))

    # ---- updates ------------------------------------------------------------------------------
    def on_session_update(self, update: SessionUpdate) -> None:
        changes = update.changes
        grid = self.grid
        if changes.everything or changes.session:
            grid.longest_name = longest_name(self.view)
            grid.invalidate()
        else:
            grid.refresh_numeros(changes.numeros)
        known = set(grid.order)
        if changes.everything or any(n not in known and n in self.view.state["candidates"] for n in changes.numeros):
            self._apply()
        else:
            self._show_status()

    # ---- actions ------------------------------------------------------------------------------
    def _search_input(self) -> Input | None:
        found = self.query("#search")
        return found.first(Input) if found else None

    def action_search(self) -> None:
        """Show the search field (mounted the first time it is needed)."""
        search = self._search_input()
        if search is None:
            search = Input(placeholder="nom ou numéro (Entrée : au tableau, Échap : effacer)", id="search")
            self.mount(search, before=self.query_one(CandidateGrid))
        search.display = True
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value.strip()
        self._apply()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.grid.focus()

    def action_clear(self) -> None:
        search = self._search_input()
        if search is not None and (self.search_text or search.display):
            search.value = ""
            search.display = False
            self.search_text = ""
            self._apply()
            self.grid.focus()
        elif self.filter_name != "tous":
            self.set_filter("tous")

    def set_filter(self, name: str) -> None:
        self.filter_name = name
        self._apply()

    def set_sort(self, column: str, reverse: bool | None = None) -> None:
        grid = self.grid
        if reverse is None:
            reverse = not grid.sort_reverse if grid.sort_column == column else False
        grid.sort_column, grid.sort_reverse = column, reverse
        self._apply()

    def action_choose_filter(self) -> None:
        from jury_tui.tui.screens.dialogs import ChoiceDialog

        labels = filter_labels(self.view)
        options = [(name, labels[name]) for name in FILTERS]

        def chosen(name: str | None) -> None:
            if name:
                self.set_filter(name)

        self.app.push_screen(ChoiceDialog("Filtrer les candidats", options, current=self.filter_name), chosen)

    def action_choose_sort(self) -> None:
        from jury_tui.tui.screens.dialogs import ChoiceDialog

        grid = self.grid
        options = [(c.key, f"{COLUMN_LABELS[c.key].capitalize()}") for c in FIXED]
        options += [(code, f"Unité {code}") for code in grid.units]

        def chosen(column: str | None) -> None:
            if column:
                self.set_sort(column)

        body = "Choisir la colonne déjà triée inverse l'ordre."
        self.app.push_screen(ChoiceDialog("Trier par", options, current=grid.sort_column, body=body), chosen)

    @on(SortRequested)
    def _sort_requested(self, event: SortRequested) -> None:
        self.set_sort(event.column)

    @on(CandidateChosen)
    def _open(self, event: CandidateChosen) -> None:
        self.open_sheet(event.numero)

    def open_sheet(self, numero: str) -> None:
        from jury_tui.tui.screens.sheet import SheetScreen

        self.app.push_screen(SheetScreen(numero, self.grid.order), self._sheet_closed)

    def _sheet_closed(self, numero: str | None) -> None:
        if numero:
            self.grid.select(numero)

    def palette_commands(self):
        labels = filter_labels(self.view)
        for name in FILTERS:
            yield (f"Filtre : {labels[name].lower()}", "tableau des candidats", lambda n=name: self.set_filter(n))
        for c in FIXED:
            yield (f"Trier par {COLUMN_LABELS[c.key]}", "une seconde fois : ordre inverse", lambda k=c.key: self.set_sort(k))
        for code in self.grid.units:
            yield (f"Trier par l'unité {code}", "une seconde fois : ordre inverse", lambda k=code: self.set_sort(k))
        yield ("Chercher un candidat", "par nom ou numéro (touche /)", self.action_search)
        yield ("Unités suivantes (défiler à droite)", "touche →", self.grid.action_units_right)
        yield ("Unités précédentes (défiler à gauche)", "touche ←", self.grid.action_units_left)
        if self.grid.current:
            yield ("Ouvrir la fiche du candidat", "touche Entrée", lambda: self.open_sheet(self.grid.current))

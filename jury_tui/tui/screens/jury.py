"""The jury: members, role, qualité, attendance (editable until tour 1 is signed), live check."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from jury_tui.deliberation.app_support import attendance_frozen, composition_check
from jury_tui.tui import format as fmt
from jury_tui.tui.messages import SessionUpdate
from jury_tui.tui.screens.base import SessionScreen
from jury_tui.tui.screens.overview import findings_text

PRESENCE = Binding.Group("Présence")
CYCLE = {"present": "visio", "visio": "absent", "absent": "present"}
SHORT_PRESENCE = {"present": "présent", "visio": "visio", "absent": "absent"}


class JuryScreen(SessionScreen):
    BINDINGS = [
        Binding("p", "presence('present')", "présent", group=PRESENCE),
        Binding("v", "presence('visio')", "visio", group=PRESENCE),
        Binding("a", "presence('absent')", "absent", group=PRESENCE),
        Binding("1", "app.mode('synthese')", "Synthèse", show=False),
        Binding("2", "app.mode('candidats')", "Candidats", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield DataTable(id="members", cursor_type="row", zebra_stripes=False)
        with VerticalScroll(id="jury-check"):
            yield Static(id="jury-findings")
            yield Static(id="jury-counts")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in (("membre", "Membre"), ("presence", "Présence"), ("role", "Rôle"), ("qualite", "Qualité")):
            table.add_column(label, key=key)
        for i, m in enumerate(self.view.members):
            table.add_row(*self._cells(i, m), key=str(i))
        table.focus()
        self._show_check()

    def _cells(self, i: int, m) -> tuple:
        return (f"{m.nom} {m.prenom}", self._presence(m.presence), fmt.role(m.role), fmt.qualite(m.qualite))

    @staticmethod
    def _presence(code: str) -> Text:
        style = {"present": "green", "visio": "cyan", "absent": "red"}.get(code, "")
        return Text(SHORT_PRESENCE.get(code, code), style)

    def on_session_update(self, update: SessionUpdate) -> None:
        if not (update.changes.session or update.changes.everything):
            return
        table = self.query_one(DataTable)
        members = self.view.members
        if table.row_count != len(members):
            table.clear()
            for i, m in enumerate(members):
                table.add_row(*self._cells(i, m), key=str(i))
        else:
            for i, m in enumerate(members):
                table.update_cell(str(i), "presence", self._presence(m.presence))
        self._show_check()

    def _show_check(self) -> None:
        view = self.view
        members = view.members
        t = Text("\n")
        roles = Counter(m.role for m in members)
        sitting = [m for m in members if m.sits]
        t.append(f"{len(members)} membres nommés, {len(sitting)} siègent ", "bold")
        t.append(f"(présents {sum(m.presence == 'present' for m in members)}, "
                 f"visio {sum(m.presence == 'visio' for m in members)}, absents {sum(m.presence == 'absent' for m in members)})\n")
        for role in ("president", "enseignant", "professionnel", "personne_qualifiee"):
            group = [m for m in members if m.role == role]
            if not group and role == "personne_qualifiee":
                continue
            quals = Counter(fmt.qualite(m.qualite) for m in group if m.qualite)
            detail = ", ".join(f"{q} {n}" for q, n in quals.items())
            seated = sum(m.sits for m in group)
            t.append(f"{fmt.role(role).capitalize()} : {roles.get(role, 0)} nommé(s), {seated} siège(nt)")
            t.append(f" — {detail}\n" if detail else "\n")
        if attendance_frozen(view):
            t.append("Présences figées : le tour 1 est signé.", "bold yellow")
        elif self.writable:
            t.append("p présent · v visio · a absent (ou Entrée) sur le membre choisi ; le contrôle suit aussitôt.", "dim")
        self.query_one("#jury-counts", Static).update(t)
        errors, warnings = composition_check(view)
        head = Text()
        head.append("Composition du jury (D643-31)", "bold underline")
        head.append("\n")
        text = findings_text(errors, warnings, none="composition conforme, pour le jury nommé comme pour les membres présents")
        if errors:
            text.append("\nLes erreurs portent sur le jury tel que nommé : il ne peut pas siéger (signature refusée).", "dim")
        if warnings:
            text.append("\nLes avertissements portent sur les membres présents : la délibération reste valable, "
                        "le procès-verbal le mentionne.", "dim")
        self.query_one("#jury-findings", Static).update(head + text)

    # ---- attendance -------------------------------------------------------------------------
    def _current_index(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.cursor_row

    def action_presence(self, presence: str) -> None:
        index = self._current_index()
        if index is None or not self.app.require_writable():
            return
        self.app.perform(self.app.session.set_presence, index, presence)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_cycle()

    def action_cycle(self) -> None:
        index = self._current_index()
        if index is None:
            return
        self.action_presence(CYCLE.get(self.view.members[index].presence, "present"))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("presence", "cycle"):
            if not self.writable or attendance_frozen(self.view):
                return None
        return True

    def palette_commands(self):
        if self.writable and not attendance_frozen(self.view):
            yield ("Présence : présent", "membre choisi, touche p", lambda: self.action_presence("present"))
            yield ("Présence : en visioconférence", "membre choisi, touche v", lambda: self.action_presence("visio"))
            yield ("Présence : absent", "membre choisi, touche a", lambda: self.action_presence("absent"))

"""The candidate sheet: grades, result, what is missing, decide, adjust, livret, history."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from jury_tui.deliberation.app_support import (
    in_current_tour,
    open_tour,
    plan_decision,
    unit_rows,
)
from jury_tui.domain.results import ADMIS, AJOURNE, CONTROLE, INCOMPLET, NON_DELIVRE
from jury_tui.tui import format as fmt
from jury_tui.tui.messages import SessionUpdate
from jury_tui.tui.screens.base import SessionScreen
from jury_tui.tui.screens.sheet_grades import GradeActions
from jury_tui.tui.widgets.sheet import render

VALIDATE, CONFIRM, NEXT = "valider", "confirmer", "suivant"  # what Entrée does on the sheet
ENTER_WORDS = {VALIDATE: "Valider", CONFIRM: "Confirmer", NEXT: "Suivant"}
DECIDE = Binding.Group("Décider")
MOVE = Binding.Group("Suivant")
WIDE = 100


class SheetScreen(GradeActions, SessionScreen):
    SHOW_PALETTE_KEY = False
    BINDINGS = [
        Binding("enter", "confirm_next", "Valider", key_display="⏎", priority=True),
        Binding("a", "decide('admis')", "admis", group=DECIDE),
        Binding("j", "decide('ajourne')", "ajourné", group=DECIDE),
        Binding("c", "decide('controle')", "contrôle", group=DECIDE),
        Binding("n", "decide('non_delivre')", "non délivré", group=DECIDE),
        Binding("plus,right_square_bracket,ctrl+n", "next", "suivant", group=MOVE, key_display="+"),
        Binding("minus,left_square_bracket,ctrl+b", "previous", "précédent", group=MOVE, key_display="-"),
        Binding("e", "adjust", "Ajuster"),
        Binding("l", "livret", "Livret", show=False),
        Binding("o", "controle", "Contrôle", show=False),
        Binding("r", "revert", "Annuler ajust.", show=False),
        Binding("m", "correct", "Corriger une note", show=False),
        Binding("x", "clear_decision", "Effacer la décision", show=False),
        Binding("h", "history", "Historique", show=False),
        Binding("escape", "back", "Retour", key_display="Échap", show=False),
    ]

    def __init__(self, numero: str, order: list[str]):
        super().__init__()
        self.last_done = ""  # the last decision taken here, shown after moving on
        self.order = list(order) or [numero]
        self.index = self.order.index(numero) if numero in self.order else 0
        if numero not in self.order:
            self.order.insert(0, numero)

    @property
    def numero(self) -> str:
        return self.order[self.index]

    def compose_body(self) -> ComposeResult:
        yield Static(id="sheet-title")
        with VerticalScroll(id="sheet-body", can_focus=True):
            yield Static(id="sheet-units")
            yield Static(id="sheet-result")
            yield Static(id="sheet-missing")
            yield Static(id="sheet-decision")
            yield Static("Ajustements du jury", classes="section-title", id="sheet-adjust-title")
            yield Static(id="sheet-adjustments")
            yield Static("Historique", classes="section-title")
            yield Static(id="sheet-history")

    def on_mount(self) -> None:
        self.show()
        self.query_one("#sheet-body").focus()

    def on_resize(self) -> None:
        self.show()

    def on_session_update(self, update: SessionUpdate) -> None:
        if update.changes.everything or update.changes.session or self.numero in update.changes.numeros:
            self.show()
        elif update.changes.audit or update.mode_changed:
            self.show()

    # ---- drawing ----------------------------------------------------------------------------
    def show(self) -> None:
        view, numero = self.view, self.numero
        if numero not in view.state["candidates"]:
            self.app.show_error(f"candidat {numero} introuvable dans la session")
            return
        c = view.candidate(numero)
        wide = self.app.size.width >= WIDE
        self.query_one("#sheet-title", Static).update(self._head(c))
        self.query_one("#sheet-units", Static).update(render.units_table(unit_rows(view, numero), wide=wide))
        self.query_one("#sheet-result", Static).update(render.result_text(view, numero))
        missing = render.missing_text(view, numero)
        self.query_one("#sheet-missing", Static).update(missing or "")
        self.query_one("#sheet-missing").display = missing is not None
        self.query_one("#sheet-decision", Static).update(render.decision_text(view, numero, writable=self.writable))
        adjustments = render.adjustments_text(view, numero)
        self.query_one("#sheet-adjustments", Static).update(adjustments or "")
        self.query_one("#sheet-adjustments").display = adjustments is not None
        self.query_one("#sheet-adjust-title").display = adjustments is not None
        self.query_one("#sheet-history", Static).update(render.history_text(view, numero))
        self.refresh_bindings()

    def _head(self, c) -> Text:
        """« 02618  LEGRAND Kévin  ·  scolaire, forme globale  ·  18 / 62 » and, on the right, the
        last decision taken here; at 80 columns the details go first, then the position, and the
        name is cut only when nothing else is left to give way."""
        width = self.app.size.width - 1
        details = ", ".join(x for x in (c.statut and c.statut.replace("_", " "), f"forme {c.forme}") if x)
        position = f"{self.index + 1} / {len(self.order)}"
        right = f"{self.last_done} " if self.last_done else ""
        name = f" {c.numero}  {c.nom} {c.prenom}"
        for left in (f"{name}  ·  {details}  ·  {position}", f"{name}  ·  {position}", name):
            if len(left) + len(right) + 2 <= width:
                break
        else:
            left = name[: max(8, width - len(right) - 3)] + "…"
        head = Text(left, "bold")
        head.append(" " * max(2, width - len(left) - len(right)))
        head.append(right, "bold green")
        return head

    # ---- moving -------------------------------------------------------------------------------
    def action_next(self) -> None:
        if self.index + 1 >= len(self.order):
            self.app.say("Dernier candidat de la liste.", title="Fin", key="bout")
            return
        self.index += 1
        self._moved()

    def action_previous(self) -> None:
        if self.index == 0:
            self.app.say("Premier candidat de la liste.", title="Début", key="bout")
            return
        self.index -= 1
        self._moved()

    def _moved(self) -> None:
        self.show()
        self.query_one("#sheet-body", VerticalScroll).scroll_home(animate=False)

    def action_back(self) -> None:
        self.dismiss(self.numero)

    def action_history(self) -> None:
        self.query_one("#sheet-history").scroll_visible(animate=False)

    # ---- deciding -----------------------------------------------------------------------------
    def action_decide(self, decision: str) -> None:
        if self.app.require_writable():
            self.run_worker(self._decide(decision), exclusive=True, group="act")

    async def _decide(self, decision: str, reason_hint: str | None = None) -> bool:
        from jury_tui.tui.screens.dialogs import ConfirmDialog, ReasonDialog

        view, numero = self.view, self.numero
        plan = plan_decision(view, numero, decision)
        if not plan.allowed:
            self.app.show_error(f"{numero} : {plan.message}")
            return False
        c = view.candidate(numero)
        name = f"{c.nom} {c.prenom}"
        livret = False
        if plan.needs_livret:
            livret = await self.app.push_screen_wait(
                ConfirmDialog(
                    "Livret",
                    f"{name} a fourni un livret : le jury doit l'avoir examiné avant de décider "
                    f"« {fmt.label(decision)} » (D643-26).\n\nLe jury a-t-il examiné le livret ?",
                    confirm="Oui, livret examiné",
                )
            )
            if not livret:
                return False
        reason = None
        if plan.needs_reason:
            reason = await self.app.push_screen_wait(
                ReasonDialog(
                    f"{name} : « {fmt.label(decision)} »",
                    f"Décision contraire à la proposition « {fmt.label(plan.proposition)} » : le motif est "
                    "obligatoire ; il figurera au procès-verbal.",
                    initial=reason_hint or "",
                    confirm="Décider",
                )
            )
            if reason is None:
                return False
        ok, _ = self.app.perform(self.app.session.decide, numero, decision, reason=reason, livret_examine=livret)
        if ok:
            self.last_done = f"✓ {numero} {fmt.label(decision)}"
        return ok

    def enter_effect(self) -> str:
        """What Entrée does here: validate the proposal, confirm a decision à revoir, or only
        go to the next candidate (decided, incomplete, not of this tour, read-only)."""
        view, numero = self.view, self.numero
        tour = open_tour(view)
        if not self.writable or tour is None or not in_current_tour(view, numero):
            return NEXT
        c = view.candidate(numero)
        if c.decision(tour) is not None:
            return CONFIRM if c.a_revoir else NEXT
        return NEXT if view.result(numero, tour).proposition == INCOMPLET else VALIDATE

    def key_description(self, action: str) -> str | None:
        return ENTER_WORDS[self.enter_effect()] if action == "confirm_next" else None

    def action_confirm_next(self) -> None:
        if self.enter_effect() == NEXT:
            result = self.view.result(self.numero)
            if self.writable and result.proposition == INCOMPLET and self.index + 1 < len(self.order):
                self.app.say(f"{self.numero} reste sans décision : note manquante en {', '.join(result.missing)} "
                             "(touche m pour la saisir).", title="Incomplet")  # fmt: skip
            self.action_next()
            return
        self.run_worker(self._confirm_next(), exclusive=True, group="act")

    async def _confirm_next(self) -> None:
        view, numero = self.view, self.numero
        tour = open_tour(view)
        done = view.candidate(numero).decision(tour)
        target = done.decision if done is not None else view.result(numero, tour).proposition
        hint = done.motif if done is not None else None
        if await self._decide(target, hint):
            self.action_next()

    def action_clear_decision(self) -> None:
        if self.app.require_writable():
            self.run_worker(self._clear(), exclusive=True, group="act")

    async def _clear(self) -> None:
        from jury_tui.tui.screens.dialogs import ConfirmDialog

        view, numero = self.view, self.numero
        tour = open_tour(view)
        c = view.candidate(numero)
        d = c.decision(tour) if tour else None
        if d is None:
            self.app.show_error(f"{numero} : aucune décision à effacer")
            return
        yes = await self.app.push_screen_wait(
            ConfirmDialog(
                "Effacer la décision",
                f"Effacer la décision « {fmt.label(d.decision)} » du tour {tour} pour {c.nom} {c.prenom} ? "
                "L'effacement est inscrit au journal.",
                confirm="Effacer",
                danger=True,
            )
        )
        if yes:
            self.app.perform(self.app.session.decide, numero, None)

    # ---- livret, grades ------------------------------------------------------------------------
    def action_livret(self) -> None:
        if self.app.require_writable():
            self.run_worker(self._livret(), exclusive=True, group="act")

    async def _livret(self) -> None:
        from jury_tui.tui.screens.dialogs import ConfirmDialog

        c = self.view.candidate(self.numero)
        if not c.livret:
            self.app.show_error(f"{c.numero} : le candidat n'a pas fourni de livret")
            return
        if c.livret_examine:
            self.app.say("Le livret est déjà marqué examiné.", title="Livret")
            return
        yes = await self.app.push_screen_wait(
            ConfirmDialog(
                "Livret examiné",
                f"Le jury a examiné le livret de {c.nom} {c.prenom} ? (inscrit au journal ; irréversible)",
                confirm="Livret examiné",
            )
        )
        if yes:
            self.app.perform(self.app.session.mark_livret_examined, c.numero)

    # ---- bindings and commands ------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        writing = {"decide", "adjust", "revert", "livret", "correct", "controle", "clear_decision"}
        if action in writing and not self.writable:
            return None
        if action in ("decide", "clear_decision", "adjust", "revert", "livret") and self.view is not None:
            tour = open_tour(self.view)
            if tour is None or not in_current_tour(self.view, self.numero):
                return None
            if action == "decide" and tour == 2 and parameters and parameters[0] in (CONTROLE, NON_DELIVRE):
                return False
        if action == "controle" and self.view is not None:
            return True if open_tour(self.view) == 2 else False
        return True

    def palette_commands(self):
        labels = {ADMIS: "admis", AJOURNE: "ajourné", CONTROLE: "contrôle", NON_DELIVRE: "non délivré"}
        if self.writable:
            yield ("Valider la proposition et passer au suivant", "touche Entrée", self.action_confirm_next)
            for code, label in labels.items():
                yield (f"Décider : {label}", f"touche {label[0]}", lambda c=code: self.action_decide(c))
            yield ("Effacer la décision", "touche x (confirmation)", self.action_clear_decision)
            yield ("Ajuster une note (points de jury)", "touche e, motif obligatoire", self.action_adjust)
            yield ("Annuler un ajustement", "touche r, motif obligatoire", self.action_revert)
            yield ("Livret examiné", "touche l", self.action_livret)
            yield ("Corriger une note (saisie)", "touche m, motif obligatoire", self.action_correct)
            yield ("Notes de contrôle (tour 2)", "touche o", self.action_controle)
        yield ("Candidat suivant", "touche + (ou ] ou ctrl+n)", self.action_next)
        yield ("Candidat précédent", "touche - (ou [ ou ctrl+b)", self.action_previous)
        yield ("Historique du candidat", "touche h", self.action_history)
        yield ("Retour au tableau", "touche Échap", self.action_back)

"""Signing a tour: what blocks it, the warnings to accept, the fingerprint once signed.

Once signed, the documents are offered at once (`signed`): `d` opens the documents screen
(screens/export.py) with the procès-verbal of the tour checked.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from jury_tui.deliberation import signer
from jury_tui.deliberation.app_support import open_tour
from jury_tui.tui import format as fmt
from jury_tui.tui.screens.dialogs import Dialog
from jury_tui.tui.widgets.checklist import CheckList, Item

MAX_LISTED = 12
ACCEPT = "accept"


class SignScreen(Dialog):
    """« Signer le tour » with its confirmation; shows the fingerprint on success."""

    BINDINGS = [
        Binding("escape", "cancel", "Fermer", key_display="Échap"),
        Binding("ctrl+s", "sign", "Signer", key_display="^s"),
        Binding("d", "documents", "Documents"),
    ]
    signed_tour: int | None = None

    def compose(self) -> ComposeResult:
        view = self.app.model.view
        tour = open_tour(view)
        self.tour = tour
        self.blockers = view.sign_blockers(tour) if tour else view.sign_blockers()
        self.signer, refusal = signer.who_signs(view.members)
        if tour and refusal:
            self.blockers = [*self.blockers, refusal]
        self.warnings = view.check().warnings if tour else []
        with Vertical(classes="dialog -wide", id="sign"):
            title = f"Signer le tour {tour}" + (f" — signataire : {self.signer}" if self.signer else "")
            yield Label(title if tour else "Signature", classes="dialog-title")
            with VerticalScroll(id="sign-body"):
                yield Static(self._summary(view, tour), id="sign-summary")
                if self.blockers:
                    yield Static(self._listed("Ce qui empêche de signer :", self.blockers, "✗", "red"), id="sign-blockers")
                if self.warnings and not self.blockers:
                    warnings = [fmt.finding(f) for f in self.warnings]
                    yield Static(self._listed("Avertissements à accepter :", warnings, "!", "yellow"), id="sign-warnings")
                if tour and not self.blockers:
                    yield Static(
                        f"Une fois signé, le tour {tour} est figé (« rouvrir », sur motif, annule l'empreinte).",
                        classes="dialog-hint",
                    )
            if tour and not self.blockers and self.warnings:
                # « [x] » in words, not a colour: seen in 16 colours and without colour
                accept = Item(ACCEPT, "Le jury a pris connaissance de ces avertissements")
                yield CheckList([[accept]], set(), id="accept")
            with Horizontal(classes="dialog-buttons"):
                if tour and not self.blockers:
                    yield Button(f"Signer le tour {tour} (Entrée)", id="sign-button", variant="error", disabled=bool(self.warnings), compact=True)
                yield Button("Fermer (Échap)", id="close", compact=True)

    def on_resize(self) -> None:
        """The list of what blocks or warns scrolls; the rest of the form stays on a short screen."""
        self.query_one("#sign-body").styles.max_height = max(3, min(16, self.app.size.height - 13))

    def on_mount(self) -> None:
        self.on_resize()
        if self.query("#accept"):
            self.query_one("#accept").focus()
        elif self.query("#sign-button"):
            self.query_one("#sign-button").focus()
        else:
            self.query_one("#close").focus()

    @staticmethod
    def _summary(view, tour: int | None) -> Text:
        t = Text()
        if tour is None:
            t.append("La session est close : tous les tours sont signés.\n", "bold")
        else:
            totals = view.totals(tour)
            t.append(f"Tour {tour} : {totals.inscrits} candidats, {totals.decides} décidés, "
                     f"{totals.a_decider} à décider, {totals.a_revoir} à revoir.")
        for n in (1, 2):
            sig = view.signature(n)
            if sig:
                t.append(f"\nTour {n} signé par {signer.label(sig)} le {view.local_time(sig.get('le'))} ; empreinte :\n")
                t.append(fmt.fingerprint(sig.get("empreinte", "")), "bold")
        return t

    @staticmethod
    def _listed(title: str, items: list[str], mark: str, colour: str) -> Text:
        t = Text()
        t.append(title + "\n", "bold")
        for item in items[:MAX_LISTED]:
            t.append(f" {mark} ", f"bold {colour}")
            t.append(item + "\n")
        if len(items) > MAX_LISTED:
            t.append(f" … et {len(items) - MAX_LISTED} autre(s)\n", "dim")
        t.rstrip()
        return t

    @on(CheckList.Changed, "#accept")
    def _accepted(self, event: CheckList.Changed) -> None:
        button = self.query_one("#sign-button", Button)
        button.disabled = not event.checked
        if event.checked:
            button.focus()  # then Entrée signs (ctrl+s may be flow control on some terminals)
        self.refresh_bindings()

    def footer_keys(self) -> list[tuple[str, str, str]]:
        if self.signed_tour is not None:
            return [("enter", "⏎", "Documents"), ("escape", "Échap", "Fermer")]
        focused = self.focused.id if self.focused is not None else None
        keys = [("space", "Espace", "Cocher")] if focused == "accept" else []
        if focused == "sign-button":
            keys.append(("enter", "⏎", f"Signer le tour {self.tour}"))
        return keys + [("tab", "Tab", "Suivant"), ("escape", "Échap", "Fermer")]

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#sign-button")
    def action_sign(self) -> None:
        if not self.query("#sign-button") or self.query_one("#sign-button", Button).disabled:
            if self.query("#accept"):
                self.app.show_error("cochez d'abord « Le jury a pris connaissance de ces avertissements »")
            return
        ok, signature = self.app.perform(self.app.session.sign)
        if not ok:
            return
        self.signed(signature)

    def signed(self, signature: dict) -> None:
        """Show the fingerprint in place of the form, and offer the documents of the tour."""
        self.signed_tour = signature.get("tour")
        for widget in self.query("#sign-body, #accept, #sign-button"):
            widget.remove()
        t = Text()
        t.append(f"Tour {signature.get('tour')} signé", "bold green")
        t.append(f" par {signer.label(signature)} le {self.app.model.view.local_time(signature.get('le'))}.\n\n")
        t.append("Empreinte (à reporter sur le procès-verbal) :\n")
        t.append(fmt.fingerprint(signature.get("empreinte", "")), "bold")
        t.append("\n\nÉcrire maintenant le procès-verbal signé et les autres documents : Entrée (ou d).", "dim")
        self.query_one("#sign").mount(Static(t, id="sign-done"), before=self.query_one(".dialog-buttons"))
        documents = Button("Documents (Entrée)", id="documents", variant="primary", compact=True)
        self.query_one(".dialog-buttons").mount(documents, before=self.query_one("#close"))
        documents.focus()
        self.refresh_bindings()

    @on(Button.Pressed, "#documents")
    def action_documents(self) -> None:
        """The documents screen in place of this one (the PV of the tour just signed checked)."""
        preselect = (f"pv-{self.signed_tour}",) if self.signed_tour else None
        self.dismiss(None)
        self.app.action_documents(preselect)


async def reopen_flow(app) -> None:
    """Reopen the last signed tour: a reason, a confirmation, on record."""
    from jury_tui.tui.screens.dialogs import ConfirmDialog, ReasonDialog

    view = app.model.view
    signed = [n for n in (1, 2) if view.signature(n)]
    if not signed:
        app.show_error("aucun tour signé à rouvrir")
        return
    tour = max(signed)
    reason = await app.push_screen_wait(
        ReasonDialog(
            f"Rouvrir le tour {tour}",
            f"La signature du tour {tour} et son empreinte seront annulées (inscrit au journal). Motif :",
            confirm="Continuer",
        )
    )
    if reason is None:
        return
    yes = await app.push_screen_wait(
        ConfirmDialog(
            f"Rouvrir le tour {tour}",
            f"Annuler la signature du tour {tour} ? Un procès-verbal déjà imprimé ne sera plus valable.",
            confirm="Rouvrir",
            danger=True,
        )
    )
    if yes:
        ok, _ = app.perform(app.session.reopen, reason=reason)
        if ok:
            app.say(f"Tour {tour} rouvert.", title="Réouverture")

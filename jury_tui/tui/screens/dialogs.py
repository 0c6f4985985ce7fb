"""Small modal dialogs: confirm, message, reason, choice. Keyboard first, French."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option


class Dialog(ModalScreen):
    """A framed box in the middle of the screen; Échap closes it with None/False."""

    BINDINGS = [Binding("escape", "cancel", "Annuler", key_display="Échap")]
    CANCEL_VALUE: object = None

    def action_cancel(self) -> None:
        self.dismiss(self.CANCEL_VALUE)


class ConfirmDialog(Dialog):
    """Yes / no. `o` confirms, `n` or Échap cancels; Entrée presses the focused button."""

    CANCEL_VALUE = False
    BINDINGS = [
        Binding("escape,n", "cancel", "Annuler", key_display="Échap"),
        Binding("o", "confirm", "Confirmer", show=False),
    ]

    def __init__(self, title: str, body: str, *, confirm: str = "Confirmer", cancel: str = "Annuler", danger: bool = False):
        super().__init__()
        self.title_text, self.body, self.confirm_label, self.cancel_label = title, body, confirm, cancel
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog" + (" -danger" if self.danger else "")):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.confirm_label} (o)", id="confirm", variant="error" if self.danger else "primary", compact=True)
                yield Button(f"{self.cancel_label} (n)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel" if self.danger else "#confirm", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(False)


class MessageDialog(Dialog):
    """Information (or an error) to acknowledge with Entrée or Échap."""

    BINDINGS = [Binding("escape,enter", "cancel", "Fermer", key_display="Entrée")]

    def __init__(self, title: str, body: str, *, error: bool = False):
        super().__init__()
        self.title_text, self.body, self.error = title, body, error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog" + (" -danger" if self.error else "")):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Fermer (Entrée)", id="close", variant="primary", compact=True)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)


class ReasonDialog(Dialog):
    """A mandatory reason (motif), typed and confirmed with Entrée."""

    def __init__(self, title: str, body: str, *, initial: str = "", confirm: str = "Valider", placeholder: str = "motif"):
        super().__init__()
        self.title_text, self.body, self.initial, self.confirm_label = title, body, initial, confirm
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body", markup=False)
            yield Input(self.initial, placeholder=self.placeholder, id="reason", compact=True)
            yield Static("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.confirm_label} (Entrée)", id="confirm", variant="primary", compact=True)
                yield Button("Annuler (Échap)", id="cancel", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#problem", Static).update("Le motif est obligatoire.")
            self.query_one("#reason", Input).focus()
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(Dialog):
    """Pick one option (arrows and Entrée, or the option's letter)."""

    def __init__(self, title: str, options: list[tuple[str, str]], *, current: str | None = None, body: str = ""):
        super().__init__()
        self.title_text, self.options, self.current, self.body = title, options, current, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.body:
                yield Static(self.body, classes="dialog-body", markup=False)
            yield OptionList(*[Option(text, id=key) for key, text in self.options], id="choices")
            yield Static("Entrée : choisir · Échap : annuler", classes="dialog-hint")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        keys = [k for k, _ in self.options]
        if self.current in keys:
            choices.highlighted = keys.index(self.current)
        choices.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

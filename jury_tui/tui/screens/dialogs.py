"""Small modal dialogs: confirm, message, reason, choice. Keyboard first, French.

Every dialog has its own footer (its keys, not those of the screen under it) and the
notices' lines; a field keeps its label beside it once filled; a refusal is said in the
dialog's « problem » line and goes as soon as it no longer applies.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.widgets.option_list import Option

from jury_tui.tui.widgets.notice_bar import BottomBars
from jury_tui.tui.widgets.stop_list import StopList


class Dialog(ModalScreen):
    """A framed box in the middle of the screen; Échap closes it with None/False."""

    BINDINGS = [Binding("escape", "cancel", "Annuler", key_display="Échap")]
    CANCEL_VALUE: object = None

    def on_mount(self) -> None:
        self.mount(BottomBars(show_command_palette=False))
        if self.app.notices.forget_news():  # what happened before is not what this dialog is about
            self.app.notices_changed.publish(None)

    def on_descendant_focus(self) -> None:
        self._mark_focused()

    def on_descendant_blur(self) -> None:
        self._mark_focused()

    def _mark_focused(self) -> None:
        """The field being typed in has its label in reverse video, seen without colour too (a
        class: Textual does not restyle a sibling on `:focus-within`)."""
        focused = self.focused
        for part in self.query(".form-row, .form-column"):
            part.set_class(focused is not None and part in focused.ancestors_with_self, "-focused")

    def action_cancel(self) -> None:
        self.dismiss(self.CANCEL_VALUE)

    def show_refusal(self, text: str) -> bool:
        """Say a refusal in the dialog's own line, if it has one (else the app says it)."""
        found = self.query("#problem")
        if not found:
            return False
        found.first(Static).update(text)
        return True

    def clear_problem(self) -> None:
        for problem in self.query("#problem"):
            problem.update("")


def field(label: str, input_: Input, *, id: str | None = None) -> Horizontal:
    """A labelled field: the label stays beside what is typed (a placeholder would go)."""
    return Horizontal(Label(label, classes="form-label"), input_, classes="form-row", id=id)


class ConfirmDialog(Dialog):
    """Yes / no. `o` confirms, `n` or Échap cancels; Entrée presses the focused button."""

    CANCEL_VALUE = False
    BINDINGS = [
        Binding("o", "confirm", "Confirmer"),
        Binding("escape,n", "cancel", "Annuler", key_display="Échap"),
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

    def footer_keys(self) -> list[tuple[str, str, str]]:
        return [("o", "o", self.confirm_label), ("n", "n", self.cancel_label)]

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(False)


class MessageDialog(Dialog):
    """Information (or an error) to acknowledge with Entrée or Échap."""

    BINDINGS = [Binding("escape,enter", "cancel", "Fermer", key_display="⏎")]

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

    def __init__(self, title: str, body: str, *, initial: str = "", confirm: str = "Valider"):
        super().__init__()
        self.title_text, self.body, self.initial, self.confirm_label = title, body, initial, confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body", markup=False)
            yield field("Motif", Input(self.initial, id="reason", compact=True))
            yield Static("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.confirm_label} (Entrée)", id="confirm", variant="primary", compact=True)
                yield Button("Annuler (Échap)", id="cancel", compact=True)

    def footer_keys(self) -> list[tuple[str, str, str]]:
        return [("enter", "⏎", self.confirm_label), ("escape", "Échap", "Annuler")]

    @on(Input.Changed, "#reason")
    def _typed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.clear_problem()  # « Le motif est obligatoire. » no longer applies

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.show_refusal("Le motif est obligatoire.")
            self.query_one("#reason", Input).focus()
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(Dialog):
    """Pick one option (↑ ↓, which stop at the ends, and Entrée)."""

    def __init__(self, title: str, options: list[tuple[str, str]], *, current: str | None = None, body: str = ""):
        super().__init__()
        self.title_text, self.options, self.current, self.body = title, options, current, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.body:
                yield Static(self.body, classes="dialog-body", markup=False)
            yield StopList(*[Option(text, id=key) for key, text in self.options], id="choices")

    def on_mount(self) -> None:
        choices = self.query_one(StopList)
        keys = [k for k, _ in self.options]
        if self.current in keys:
            choices.highlighted = keys.index(self.current)
        choices.focus()

    def footer_keys(self) -> list[tuple[str, str, str]]:
        return [("enter", "⏎", "Choisir"), ("escape", "Échap", "Annuler")]

    @on(StopList.OptionSelected)
    def _chosen(self, event: StopList.OptionSelected) -> None:
        self.dismiss(event.option.id)

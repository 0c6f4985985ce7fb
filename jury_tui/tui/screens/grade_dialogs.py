"""Dialogs of the candidate sheet that take grades: adjust, revert, correct, contrôle grades."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from jury_tui.tui.screens.dialogs import Dialog


@dataclass(frozen=True)
class UnitForm:
    unit: str
    value: str | None
    reason: str | None


class UnitFormDialog(Dialog):
    """Choose a unit, type a value and/or a reason. Tab moves, Entrée in the last field validates."""

    def __init__(
        self,
        title: str,
        body: str,
        units: list[tuple[str, str]],
        *,
        value_label: str | None = "Nouvelle note",
        reason_label: str = "Motif (obligatoire)",
        reason_required: bool = True,
        current: str | None = None,
        confirm: str = "Valider",
    ):
        super().__init__()
        self.title_text, self.body, self.units = title, body, units
        self.value_label, self.reason_label, self.reason_required = value_label, reason_label, reason_required
        self.current, self.confirm_label = current, confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Label(self.title_text, classes="dialog-title")
            if self.body:
                yield Static(self.body, classes="dialog-body", markup=False)
            yield OptionList(*[Option(text, id=code) for code, text in self.units], id="units")
            if self.value_label:
                yield Input(placeholder=self.value_label, id="value", compact=True)
            yield Input(placeholder=self.reason_label, id="reason", compact=True)
            yield Static("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.confirm_label} (Entrée)", id="confirm", variant="primary", compact=True)
                yield Button("Annuler (Échap)", id="cancel", compact=True)

    def on_mount(self) -> None:
        units = self.query_one("#units", OptionList)
        codes = [c for c, _ in self.units]
        if self.current in codes:
            units.highlighted = codes.index(self.current)
        units.focus()

    @on(OptionList.OptionSelected, "#units")
    def _unit_chosen(self) -> None:
        self.query_one("#value" if self.value_label else "#reason", Input).focus()

    @on(Input.Submitted, "#value")
    def _value_done(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        units = self.query_one("#units", OptionList)
        problem = self.query_one("#problem", Static)
        if units.highlighted is None:
            problem.update("Choisissez une unité.")
            units.focus()
            return
        unit = self.units[units.highlighted][0]
        value = self.query_one("#value", Input).value.strip() if self.value_label else None
        reason = self.query_one("#reason", Input).value.strip()
        if self.value_label and not value:
            problem.update("Tapez la nouvelle valeur.")
            self.query_one("#value", Input).focus()
            return
        if self.reason_required and not reason:
            problem.update("Le motif est obligatoire.")
            self.query_one("#reason", Input).focus()
            return
        self.dismiss(UnitForm(unit, value, reason or None))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ControleDialog(Dialog):
    """The contrôle grades of one candidate (tour 2): one field per eligible unit."""

    def __init__(self, title: str, body: str, units: list[tuple[str, str, str]], count: int):
        """`units`: (code, label, current value as typed); `count`: épreuves per candidate."""
        super().__init__()
        self.title_text, self.body, self.units, self.count = title, body, units, count

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body", markup=False)
            for code, label, current in self.units:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield Input(current, placeholder="note de contrôle", id=f"u-{code}", classes="form-input", compact=True)
            yield Static("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Enregistrer (Entrée)", id="confirm", variant="primary", compact=True)
                yield Button("Annuler (Échap)", id="cancel", compact=True)

    def on_mount(self) -> None:
        inputs = list(self.query(Input))
        empty = [i for i in inputs if not i.value]
        (empty or inputs)[0].focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        filled = sum(1 for i in inputs if i.value.strip())
        if index + 1 < len(inputs) and filled < self.count:
            inputs[index + 1].focus()
        else:
            self._confirm()

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        values = {code: self.query_one(f"#u-{code}", Input).value.strip() for code, _, _ in self.units}
        self.dismiss(values)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

"""Dialogs of the candidate sheet that change grades: adjust, revert, correct, contrôle grades.

Each keeps in sight what it is about to change: the unit, its value now and the new one,
beside the fields, as « U52 : — → 11,00 ». Nothing is changed until that line is confirmed
with `o`; Échap then goes back to the fields, a second Échap leaves. The act is done from
the dialog (`act`): a refusal is said in the dialog, beside the fields, which stay filled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static
from textual.widgets.option_list import Option

from jury_tui.deliberation.app_support import read_grade
from jury_tui.tui import format as fmt
from jury_tui.tui.screens.dialogs import Dialog, field
from jury_tui.tui.widgets.stop_list import StopList

FIELDS, CONFIRM = "fields", "confirm"
UNKNOWN = "?"  # the new value while what is typed is not a value yet


@dataclass(frozen=True)
class UnitChoice:
    """A unit as the dialog lists it."""

    code: str
    epreuve: str
    now: str  # its value now, in French (« — » when it has none)
    after: str | None = None  # the value it will have when nothing is typed (a revert: the original)
    remark: str = ""  # a mark after the value in the list (« * »: adjusted, as in the table)


@dataclass(frozen=True)
class UnitForm:
    unit: str
    value: str | None
    reason: str | None


def typed_value(text: str) -> tuple[str | None, str | None]:
    """(the value in French, None) or (None, why it is not a value)."""
    value, problem = read_grade(text)
    return (fmt.grade(value), None) if value is not None else (None, problem)


class ConfirmLine(Static, can_focus=True):
    """The line that names the change; focused while it waits for `o`."""


class GradeDialog(Dialog):
    """What the grade dialogs share: two stages (the fields, then the confirmation line), the
    problem line that goes once its cause is gone, and the footer of each stage."""

    BINDINGS = [
        Binding("o", "confirm", "Confirmer", show=False),
        Binding("escape", "cancel", "Annuler", key_display="Échap", show=False),
        Binding("enter", "enter_on_confirm", show=False),
    ]

    def __init__(self, title: str, body: str, *, verb: str):
        super().__init__()
        self.title_text, self.body, self.verb = title, body, verb
        self.stage = FIELDS
        self.problem_about: str | None = None  # which field the problem line speaks of

    # ---- stages ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("confirm", "enter_on_confirm"):
            return self.stage == CONFIRM
        return True

    def ask_confirmation(self, line: str) -> None:
        self.stage = CONFIRM
        confirm = self.query_one("#confirm-line", ConfirmLine)
        confirm.update(f"{self.verb} {line} ?\no : oui · Échap : revenir aux champs")
        confirm.display = True
        confirm.focus()
        self.refresh_bindings()

    def back_to_fields(self, focus=None) -> None:
        self.stage = FIELDS
        self.query_one("#confirm-line").display = False
        if focus is not None:
            focus.focus()
        self.refresh_bindings()

    def on_descendant_focus(self, event) -> None:
        if self.stage == CONFIRM and not isinstance(event.widget, ConfirmLine):
            self.back_to_fields()  # Tab back into a field: what was to confirm may change

    def action_cancel(self) -> None:
        if self.stage == CONFIRM:
            self.back_to_fields(self.first_field())
            return
        self.dismiss(None)

    def action_enter_on_confirm(self) -> None:
        self.app.bell()
        self.show_refusal("Confirmez avec o (oui), ou Échap pour revenir aux champs.", about="act")

    def action_confirm(self) -> None:
        refusal = self.act_now()
        if refusal:
            self.back_to_fields(self.first_field())
            self.show_refusal(refusal, about="act")

    def footer_keys(self) -> list[tuple[str, str, str]]:
        if self.stage == CONFIRM:
            return [("o", "o", self.verb), ("escape", "Échap", "Revenir aux champs")]
        return [("enter", "⏎", "Suite"), ("tab", "Tab", "Champ suivant"), ("escape", "Échap", "Annuler")]

    # ---- the problem line -------------------------------------------------------------------
    def show_refusal(self, text: str, about: str = "act") -> bool:
        self.problem_about = about
        return super().show_refusal(text)

    def clear_problem_about(self, *causes: str) -> None:
        if self.problem_about in causes:
            self.problem_about = None
            self.clear_problem()

    # ---- what each dialog says ------------------------------------------------------------
    def first_field(self):
        raise NotImplementedError

    def act_now(self) -> str | None:
        """Do the act; None when done (the dialog is then closed), else the refusal."""
        raise NotImplementedError


class UnitFormDialog(GradeDialog):
    """Choose a unit (↑ ↓ stop at the ends), type a value and/or a reason, confirm the line."""

    def __init__(
        self,
        title: str,
        body: str,
        units: list[UnitChoice],
        *,
        act: Callable[[UnitForm], str | None],
        value_label: str | None = "Nouvelle note",
        value_hint: str = "",
        reason_required: bool = True,
        current: str | None = None,
        verb: str = "Valider",
    ):
        super().__init__(title, body, verb=verb)
        self.units, self.act = units, act
        self.value_label, self.value_hint = value_label, value_hint
        self.reason_required, self.current = reason_required, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="unit-form"):
            yield Label(self.title_text, classes="dialog-title")
            if self.body:
                yield Static(self.body, classes="dialog-body", markup=False)
            with Horizontal(id="unit-form-columns"):
                with Vertical(id="unit-form-left", classes="form-column"):
                    yield Label("Unité (↑ ↓)", classes="column-label")
                    yield StopList(*[Option(self._option(u), id=u.code) for u in self.units], id="units", compact=True)
                with Vertical(id="unit-form-right"):
                    yield Static("", id="unit-change", markup=False)
                    yield Static("", id="problem", classes="dialog-problem", markup=False)
                    if self.value_label:
                        yield field(self.value_label, Input(id="value", compact=True))
                        if self.value_hint:
                            yield Static(self.value_hint, classes="field-hint", markup=False)
                    yield field("Motif", Input(id="reason", compact=True))
                    yield ConfirmLine("", id="confirm-line", markup=False)

    @staticmethod
    def _option(u: UnitChoice) -> str:
        return f"{u.code:<4} {u.epreuve:<4} {u.now:>13}{u.remark}"

    def on_mount(self) -> None:
        self.query_one("#confirm-line").display = False
        units = self.query_one("#units", StopList)
        codes = [u.code for u in self.units]
        units.highlighted = codes.index(self.current) if self.current in codes else 0
        units.focus()
        self._show_change()

    def first_field(self):
        return self.query_one("#value" if self.value_label else "#reason", Input)

    # ---- what is chosen, typed ---------------------------------------------------------------
    @property
    def unit(self) -> UnitChoice | None:
        highlighted = self.query_one("#units", StopList).highlighted
        return self.units[highlighted] if highlighted is not None else None

    def _value_text(self) -> str:
        return self.query_one("#value", Input).value.strip() if self.value_label else ""

    def _reason_text(self) -> str:
        return self.query_one("#reason", Input).value.strip()

    def _new(self) -> str:
        """The unit's value after the act, as far as what is typed says."""
        if not self.value_label:
            return self.unit.after or UNKNOWN
        shown, _ = typed_value(self._value_text())
        return shown or UNKNOWN

    def change_line(self) -> str:
        return f"{self.unit.code} : {self.unit.now} → {self._new()}"

    def _show_change(self) -> None:
        self.query_one("#unit-change", Static).update(self.change_line() if self.unit else "")

    @on(StopList.OptionHighlighted, "#units")
    def _unit_moved(self) -> None:
        self._show_change()
        self.clear_problem_about("unit", "act")

    @on(Input.Changed, "#value")
    def _value_typed(self) -> None:
        self._show_change()
        if self.problem_about == "value" and self._value_problem() is None:
            self.clear_problem_about("value")
        self.clear_problem_about("act")

    @on(Input.Changed, "#reason")
    def _reason_typed(self) -> None:
        if self._reason_text():
            self.clear_problem_about("reason")

    # ---- moving on, checking ----------------------------------------------------------------
    def _value_problem(self) -> str | None:
        text = self._value_text()
        if not text:
            return "Tapez la nouvelle valeur."
        return typed_value(text)[1]

    @on(StopList.OptionSelected, "#units")
    def _unit_chosen(self) -> None:
        self.first_field().focus()

    @on(Input.Submitted, "#value")
    def _value_done(self) -> None:
        problem = self._value_problem()
        if problem:
            self.show_refusal(problem, about="value")
            return
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def _reason_done(self) -> None:
        if self.unit is None:
            self.show_refusal("Choisissez une unité.", about="unit")
            self.query_one("#units").focus()
            return
        if self.value_label and self._value_problem():
            self.show_refusal(self._value_problem(), about="value")
            self.query_one("#value").focus()
            return
        if self.reason_required and not self._reason_text():
            self.show_refusal("Le motif est obligatoire.", about="reason")
            return
        reason = f"\n(motif « {self._reason_text()} »)" if self._reason_text() else ""
        self.ask_confirmation(self.change_line() + reason)

    def act_now(self) -> str | None:
        form = UnitForm(self.unit.code, self._value_text() or None if self.value_label else None, self._reason_text() or None)
        refusal = self.act(form)
        if refusal is None:
            self.dismiss(form)
        return refusal


class ControleDialog(GradeDialog):
    """The contrôle grades of one candidate (tour 2): one field per eligible unit, each with
    its grade now and its contrôle grade now → as typed."""

    def __init__(self, title: str, body: str, units: list[tuple[str, str]], *, count: int,
                 currents: Callable[[], dict[str, str]], act: Callable[[dict[str, str]], str | None]):  # fmt: skip
        """`units`: (code, label); `currents()`: each unit's contrôle grade now, as typed ('' for
        none); `act(changes)`: enter them ({code: text, '' to clear}), None when done."""
        super().__init__(title, body, verb="Enregistrer")
        self.units, self.count, self.currents, self.act = units, count, currents, act

    def compose(self) -> ComposeResult:
        now = self.currents()
        with Vertical(classes="dialog -wide", id="controle-form"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body", markup=False)
            for code, label in self.units:
                with Horizontal(classes="form-row controle-row"):
                    yield Label(label, classes="form-label controle-label")
                    yield Input(now.get(code, ""), id=f"u-{code}", classes="form-input", compact=True)
                    yield Static("", id=f"change-{code}", classes="controle-change", markup=False)
            yield Static("", id="problem", classes="dialog-problem", markup=False)
            yield ConfirmLine("", id="confirm-line", markup=False)

    def on_mount(self) -> None:
        self.query_one("#confirm-line").display = False
        self.first_field().focus()
        for code, _ in self.units:
            self._show_change(code)

    def first_field(self) -> Input:
        inputs = list(self.query(Input))
        empty = [i for i in inputs if not i.value]
        return (empty or inputs)[0]

    def _text(self, code: str) -> str:
        return self.query_one(f"#u-{code}", Input).value.strip()

    def _change(self, code: str) -> str | None:
        """« — → 9,00 » when this unit's contrôle grade would change, else None."""
        before, text = self.currents().get(code, ""), self._text(code)
        new = (typed_value(text)[0] or UNKNOWN) if text else fmt.DASH
        old = typed_value(before)[0] if before else fmt.DASH
        return None if new == old else f"{old} → {new}"

    def _show_change(self, code: str) -> None:
        self.query_one(f"#change-{code}", Static).update(self._change(code) or "")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._show_change(event.input.id.removeprefix("u-"))
        if self.problem_about == "value" and self._value_problem() is None:
            self.clear_problem_about("value")
        self.clear_problem_about("act")

    def _value_problem(self) -> str | None:
        for code, _ in self.units:
            text = self._text(code)
            problem = typed_value(text)[1] if text else None
            if problem:
                return f"{code} : {problem}"
        return None

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        filled = sum(1 for i in inputs if i.value.strip())
        if index + 1 < len(inputs) and filled < self.count:
            inputs[index + 1].focus()
            return
        problem = self._value_problem()
        if problem:
            self.show_refusal(problem, about="value")
            return
        changes = [f"{code} : {change}" for code, _ in self.units if (change := self._change(code))]
        if not changes:
            self.dismiss(None)  # nothing typed differs from what is recorded
            return
        self.ask_confirmation("contrôle " + " · ".join(changes))

    def act_now(self) -> str | None:
        now = self.currents()
        changes = {code: self._text(code) for code, _ in self.units if self._change(code)}
        refusal = self.act(changes)
        if refusal is None:
            self.dismiss(changes)
            return None
        for code, _ in self.units:  # what was entered before the refusal is on record: shown so
            if self.currents().get(code, "") != now.get(code, ""):
                self._show_change(code)
        return refusal

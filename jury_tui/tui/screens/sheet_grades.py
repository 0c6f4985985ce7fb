"""The candidate sheet's grade actions: adjust, revert, correct, contrôle grades (tour 2).

Each opens its dialog (screens/grade_dialogs.py), which does the act once its line is
confirmed; what was done is then said above the footer.
"""

from __future__ import annotations

from jury_tui.deliberation.app_support import controle_count, controle_units, in_current_tour, open_tour, unit_rows
from jury_tui.tui import format as fmt


class GradeActions:
    """Mixed into SheetScreen."""

    def _choices(self, keep, now, after=lambda row: None):
        from jury_tui.tui.screens.grade_dialogs import UnitChoice

        return [
            UnitChoice(row.code, row.epreuve, now(row), after(row), "*" if row.adjustment is not None else "")
            for row in unit_rows(self.view, self.numero)
            if keep(row)
        ]

    async def _ask(self, dialog, what: str) -> None:
        """Open the dialog (which does the act once its line is confirmed), then say what was done."""
        if await self.app.push_screen_wait(dialog):
            self.app.say(f"{self.numero} · {what} {dialog.change_line()}", title="Enregistré")

    def _act(self, act, value_of):
        """The dialog's `act`: a `Session` act on this candidate, the form's unit and reason."""
        numero = self.numero
        return lambda form: self.app.attempt(act, numero, form.unit, value_of(form), reason=form.reason)

    def action_adjust(self) -> None:
        if self.app.require_writable():
            self.run_worker(self._adjust(), exclusive=True, group="act")

    async def _adjust(self) -> None:
        from jury_tui.tui.screens.grade_dialogs import UnitFormDialog

        c = self.view.candidate(self.numero)
        units = self._choices(lambda row: row.original is not None, now=_counted)
        dialog = UnitFormDialog(
            f"Ajuster une note : {c.numero} {c.nom} {c.prenom}",
            "Points de jury : la note d'origine reste à côté, au journal et au procès-verbal.",
            units,
            act=self._act(self.app.session.adjust, lambda form: form.value),
            value_label="Nouvelle note",
            value_hint="de 0 à 20, ou ABJ à la place d'ABS",
            verb="Ajuster",
        )
        await self._ask(dialog, "ajustement")

    def action_revert(self) -> None:
        if self.app.require_writable():
            self.run_worker(self._revert(), exclusive=True, group="act")

    async def _revert(self) -> None:
        from jury_tui.tui.screens.grade_dialogs import UnitFormDialog

        c = self.view.candidate(self.numero)
        units = self._choices(lambda row: row.adjustment is not None, now=_counted,
                              after=lambda row: fmt.grade(row.adjustment.avant))  # fmt: skip
        if not units:
            self.app.show_error(f"{c.numero} : aucun ajustement à annuler")
            return
        dialog = UnitFormDialog(
            f"Annuler un ajustement : {c.numero} {c.nom} {c.prenom}",
            "La note d'origine compte de nouveau. L'annulation et son motif sont inscrits au journal.",
            units,
            act=self._act(self.app.session.adjust, lambda form: None),
            value_label=None,
            verb="Annuler l'ajustement",
        )
        await self._ask(dialog, "ajustement annulé,")

    def action_correct(self) -> None:
        if self.app.require_writable():
            self.run_worker(self._correct(), exclusive=True, group="act")

    async def _correct(self) -> None:
        from jury_tui.tui.screens.grade_dialogs import UnitFormDialog

        c = self.view.candidate(self.numero)
        units = self._choices(lambda row: True, now=lambda row: fmt.grade(row.original))
        missing = list(self.view.result(c.numero).missing)
        dialog = UnitFormDialog(
            f"Corriger une note : {c.numero} {c.nom} {c.prenom}",
            "Erreur de report ou note manquante (pas un ajustement du jury).",
            units,
            act=self._act(self.app.session.set_field, lambda form: form.value),
            value_label="Note corrigée",
            value_hint="12,5, ABS, ABJ, DISP, VAE, NP, B2024:13",
            current=missing[0] if missing else None,
            verb="Corriger",
        )
        await self._ask(dialog, "correction")

    def action_controle(self) -> None:
        if self.app.require_writable():
            self.run_worker(self._controle(), exclusive=True, group="act")

    async def _controle(self) -> None:
        from jury_tui.tui.screens.grade_dialogs import ControleDialog

        view, numero = self.view, self.numero
        if open_tour(view) != 2 or not in_current_tour(view, numero):
            self.app.show_error(
                f"{numero} : les notes de contrôle se saisissent au tour 2, pour les candidats décidés « contrôle »"
            )
            return
        c = view.candidate(numero)
        units = []
        for code in controle_units(view):
            unit = view.regulation.unit(code)
            units.append((code, f"{code} {unit.epreuve} · note {fmt.grade(c.notes.get(code))}"))
        count = controle_count(view)
        dialog = ControleDialog(
            f"Notes de contrôle : {c.numero} {c.nom} {c.prenom}",
            f"{count} épreuves au plus ; vide si non passée ; ABS ou ABJ si absent ("
            + ("la première note reste). " if view.regulation.policies.absence_controle == "note_initiale" else "0). ")
            + ("La meilleure des deux notes compte." if view.regulation.policies.note_controle == "meilleure"
               else "La note de contrôle remplace la première."),  # fmt: skip
            units,
            count=count,
            currents=self._controle_now,
            act=self._enter_controle,
        )
        changes = await self.app.push_screen_wait(dialog)
        if changes:
            self.app.say(f"{numero} · notes de contrôle enregistrées ({', '.join(changes)})", title="Enregistré")

    def _controle_now(self) -> dict[str, str]:
        return {code: fmt.grade(v) for code, v in self.view.candidate(self.numero).controle.items()}

    def _enter_controle(self, changes: dict[str, str]) -> str | None:
        """Clear first, then enter (a candidate has at most `count` contrôle grades at a time)."""
        numero = self.numero
        for code in [code for code, text in changes.items() if not text] + [code for code, text in changes.items() if text]:
            refusal = self.app.attempt(self.app.session.set_controle_grade, numero, code, changes[code] or None)
            if refusal:
                return refusal
        return None


def _counted(row) -> str:
    """What a unit counts now at the tour: the adjusted grade where there is one."""
    return fmt.grade(row.adjustment.apres if row.adjustment is not None else row.original)

"""The candidate sheet's grade actions: adjust, revert, correct, contrôle grades (tour 2)."""

from __future__ import annotations

from jury_tui.deliberation.app_support import controle_count, controle_units, in_current_tour, open_tour, unit_rows
from jury_tui.tui import format as fmt


class GradeActions:
    """Mixed into SheetScreen: each action asks its dialog, then calls one `Session` operation."""

    def _unit_options(self, keep) -> list[tuple[str, str]]:
        out = []
        for row in unit_rows(self.view, self.numero):
            if not keep(row):
                continue
            text = f"{row.code:<4} {row.epreuve:<4} {fmt.grade(row.original):>14}"
            if row.adjustment is not None:
                text += f"  ajustée : {fmt.grade(row.adjustment.apres)}"
            out.append((row.code, text))
        return out

    def action_adjust(self) -> None:
        if self.app.require_writable():
            self.run_worker(self._adjust(), exclusive=True, group="act")

    async def _adjust(self) -> None:
        from jury_tui.tui.screens.grade_dialogs import UnitFormDialog

        c = self.view.candidate(self.numero)
        options = self._unit_options(lambda row: row.original is not None)
        form = await self.app.push_screen_wait(
            UnitFormDialog(
                f"Ajuster une note : {c.numero} {c.nom} {c.prenom}",
                "Points de jury (la note d'origine reste à côté) : une note, ou ABJ à la place d'ABS.",
                options,
                value_label="Nouvelle note (12,5 ou ABJ)",
                confirm="Ajuster",
            )
        )
        if form:
            self.app.perform(self.app.session.adjust, c.numero, form.unit, form.value, reason=form.reason)

    def action_revert(self) -> None:
        if self.app.require_writable():
            self.run_worker(self._revert(), exclusive=True, group="act")

    async def _revert(self) -> None:
        from jury_tui.tui.screens.grade_dialogs import UnitFormDialog

        c = self.view.candidate(self.numero)
        options = self._unit_options(lambda row: row.adjustment is not None)
        if not options:
            self.app.show_error(f"{c.numero} : aucun ajustement à annuler")
            return
        form = await self.app.push_screen_wait(
            UnitFormDialog(
                f"Annuler un ajustement : {c.numero} {c.nom} {c.prenom}",
                "La note d'origine compte de nouveau. L'annulation et son motif sont inscrits au journal.",
                options,
                value_label=None,
                confirm="Annuler l'ajustement",
            )
        )
        if form:
            self.app.perform(self.app.session.adjust, c.numero, form.unit, None, reason=form.reason)

    def action_correct(self) -> None:
        if self.app.require_writable():
            self.run_worker(self._correct(), exclusive=True, group="act")

    async def _correct(self) -> None:
        from jury_tui.tui.screens.grade_dialogs import UnitFormDialog

        c = self.view.candidate(self.numero)
        options = self._unit_options(lambda row: True)
        missing = list(self.view.result(c.numero).missing)
        form = await self.app.push_screen_wait(
            UnitFormDialog(
                f"Corriger une note : {c.numero} {c.nom} {c.prenom}",
                "Erreur de report ou note manquante (pas un ajustement du jury) : une note, ABS, ABJ, "
                "DISP, VAE, NP ou B<année>:<note>.",
                options,
                value_label="Note corrigée",
                current=missing[0] if missing else None,
                confirm="Corriger",
            )
        )
        if form:
            self.app.perform(self.app.session.set_field, c.numero, form.unit, form.value, reason=form.reason)

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
            current = c.controle.get(code)
            label = f"{code} {unit.epreuve} (note {fmt.grade(c.value(code, 2))})"
            units.append((code, label, fmt.grade(current) if current is not None else ""))
        count = controle_count(view)
        values = await self.app.push_screen_wait(
            ControleDialog(
                f"Notes de contrôle : {c.numero} {c.nom} {c.prenom}",
                f"{count} épreuves au plus ; laissez vide une épreuve non passée. "
                + ("La meilleure des deux notes compte." if view.regulation.policies.note_controle == "meilleure"
                   else "La note de contrôle remplace la première."),
                units,
                count,
            )
        )
        if values is None:
            return
        current = {code: fmt.grade(v) for code, v in c.controle.items()}
        cleared = [code for code, text in values.items() if not text and code in current]
        changed = [code for code, text in values.items() if text and text != current.get(code)]
        for code in cleared:
            ok, _ = self.app.perform(self.app.session.set_controle_grade, numero, code, None)
            if not ok:
                return
        for code in changed:
            ok, _ = self.app.perform(self.app.session.set_controle_grade, numero, code, values[code])
            if not ok:
                return

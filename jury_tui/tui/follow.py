"""Following a session another process writes, and taking it (DESIGN.md §4).

Mixed into JuryApp: a timer compares the file's stat with the version shown and reloads
on a change (rows change in place); it watches the lock, says who holds it, and offers
the session when its holder leaves. `--take-over` asks the holder to leave (SIGTERM), on
record.
"""

from __future__ import annotations

import asyncio

from jury_tui.deliberation.app_support import Changes
from jury_tui.errors import JuryError
from jury_tui.tui import format as fmt
from jury_tui.tui.model import Holder


class Following:
    def _poll(self) -> None:
        if self.model.view is None or self.exporting:
            return
        try:
            if self.model.changed_on_disk():
                self.publish(self.model.refresh())
        except JuryError:
            return
        self._ticks += 1
        if not self.model.writable and self._ticks % 2 == 0:
            self._watch_holder()

    def _watch_holder(self) -> None:
        info = self.model.holder_now()
        before = self.model.holder.info if self.model.holder else None
        if info:
            if info != before:
                self.model.holder = Holder(info, "")
                self._offered_take = False
                self.publish(Changes(), mode_changed=True)
            return
        if before is not None:
            self.model.holder = None
            self.publish(Changes(), mode_changed=True)
            if not self.model.chosen_read_only and not self._offered_take:
                self._offered_take = True
                self.run_worker(self._offer_take(), exclusive=True, group="take")

    async def _offer_take(self) -> None:
        from jury_tui.tui.screens.dialogs import ConfirmDialog

        yes = await self.push_screen_wait(
            ConfirmDialog(
                "Session libre",
                "La personne qui tenait la session l'a fermée. Prendre la session pour écrire ?",
                confirm="Prendre la session",
            )
        )
        if yes:
            self.action_take()

    def action_take(self) -> None:
        """Take the session for writing, when nobody holds it."""
        if self.model.writable:
            return
        if self.model.try_hold():
            self.model.chosen_read_only = False
            self.say("Vous tenez la session : vous pouvez délibérer.", title="Écriture")
            self.refresh_model()
            self.publish(Changes(), mode_changed=True)
        else:
            self.show_error(self.model.holder.message if self.model.holder else "session tenue", title="Session tenue")
            self.publish(Changes(), mode_changed=True)

    async def _take_over(self) -> None:
        """--take-over (DESIGN.md §4): confirm, ask the holder to leave, wait, hold, record."""
        from jury_tui.tui.screens.dialogs import ConfirmDialog

        info = self.model.holder.info if self.model.holder else None
        who = fmt.holder(info, self.model.view.local_time)
        yes = await self.push_screen_wait(
            ConfirmDialog(
                "Reprendre la session",
                f"La session est tenue par {who}.\n\nLa reprendre ? Son programme sera fermé (tout ce qui "
                "y a été confirmé est déjà enregistré) et la reprise sera inscrite au journal.",
                confirm="Reprendre",
                danger=True,
            )
        )
        if not yes:
            self.say("Session ouverte en lecture seule.", title="Lecture seule")
            return
        try:
            self.model.session.ask_holder_to_leave()
        except JuryError as exc:
            self.show_error(exc, title="Reprise impossible")
            return
        for _ in range(100):
            await asyncio.sleep(0.1)
            if self.model.try_hold():
                break
        else:
            self.show_error("le programme qui tenait la session ne s'est pas fermé ; réessayez", title="Reprise impossible")
            return
        self.model.chosen_read_only = False
        after = {k: info.get(k) for k in ("actor", "user", "host", "pid", "since")} if info else None
        self.perform(self.session.record, "reprise", after=after, reason="reprise de la session (--take-over)")
        self.say("vous tenez la session : vous pouvez délibérer.", title="Reprise")
        self.publish(Changes(), mode_changed=True)

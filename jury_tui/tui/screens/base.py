"""What every screen of the app shares: the session bar, the keys (footer), the notices above
it, session updates."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import ComposeResult
from textual.screen import Screen

from jury_tui.tui.messages import SessionUpdate
from jury_tui.tui.widgets.notice_bar import BottomBars
from jury_tui.tui.widgets.session_bar import SessionBar


class SessionScreen(Screen):
    """A screen showing the session; subclasses fill `compose_body` and `on_session_update`."""

    SHOW_PALETTE_KEY = True  # room in the footer at 80 columns

    def compose(self) -> ComposeResult:
        yield SessionBar()
        yield from self.compose_body()
        yield BottomBars(show_command_palette=self.SHOW_PALETTE_KEY)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.app.session_changed.subscribe(self, self._session_changed)
        self._seen_generation = self.app.model.generation
        self.update_bar()

    def on_screen_resume(self) -> None:
        self.update_bar()

    def _session_changed(self, update: SessionUpdate) -> None:
        self.update_bar()
        changes = update.changes
        if update.mode_changed or changes.session or changes.everything or changes.numeros:
            self.refresh_bindings()  # what may be done depends on the mode, the tour, the candidate
        self.on_session_update(update)

    def on_session_update(self, update: SessionUpdate) -> None:
        """Show what changed, in place."""

    def update_bar(self) -> None:
        bar, read_only = self.app.bar()
        self.query_one(SessionBar).show(bar, read_only=read_only)

    @property
    def view(self):
        return self.app.model.view

    @property
    def writable(self) -> bool:
        return self.app.model.writable

    def palette_commands(self) -> Iterable[tuple[str, str, Callable]]:
        return ()

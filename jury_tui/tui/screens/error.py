"""The screen shown when the session cannot be opened at all."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static


class OpenErrorScreen(Screen):
    def __init__(self, message: str):
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="open-error"):
            yield Static("Impossible d'ouvrir la session", classes="title")
            yield Static(self.message, markup=False)
            yield Static("ctrl+q pour quitter.", classes="hint")
        yield Footer(compact=True)

"""Candidates and regulation variants for the rules engine's unit tests."""

from __future__ import annotations

from jury_tui import regulations
from jury_tui.domain import grades
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.regulation import parse_regulation

REG = regulations.load("bts-mos")
TEXT, _ = regulations.read_text("bts-mos")
MANDATORY = ("U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6")


def variant(*replacements: tuple[str, str]):
    """The shipped regulation with each `old` text replaced once by `new`."""
    text = TEXT
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return parse_regulation(text, "copie.toml")


def candidate(forme: str = "globale", **cells: str) -> Candidate:
    notes = {u: v for u, v in ((u, grades.parse(t)) for u, t in cells.items()) if v is not None}
    return Candidate(numero="00001", nom="NOM", prenom="Prénom", notes=notes, forme=forme)


def every(text: str, **over: str) -> dict[str, str]:
    """Every mandatory unit graded `text`, except those given."""
    return {u: text for u in MANDATORY} | over

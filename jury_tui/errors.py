"""The project's own error type: every refusal the user sees is a JuryError.

A JuryError carries one or more Problems. Each Problem says, in French, what is wrong
and what to do, and where: file, line, column, candidate, unit. The CLI prints them on
stderr and exits 1; the app shows them in a notification or a dialog. A problem quotes what
the user gave, which may hold control characters or bytes that are not UTF-8: they are
written as escapes (\\x1b) when the Problem is made, so that no message can drive a terminal
or fail to print (domain/text.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from jury_tui.domain.text import shown, unsafe_at


def os_cause(exc: OSError) -> str:
    """The cause of an OSError, in French (system_text: the system's words in one place)."""
    from jury_tui.system_text import os_cause as french

    return french(exc)


@dataclass(frozen=True)
class Place:
    """Where a problem is. Every field is optional; str() joins those that are set."""

    file: str | None = None
    sheet: str | None = None
    line: int | None = None  # physical line (CSV, header = 1) or sheet row (XLSX)
    column: str | None = None  # the column's header as written in the file
    pointer: str | None = None  # JSON-pointer-like path: candidats[12].notes.U4
    candidate: str | None = None  # numero
    unit: str | None = None
    key: str | None = None  # a key of a regulation file

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"feuille {self.sheet}")
        if self.line is not None:
            parts.append(f"ligne {self.line}")
        if self.column:
            parts.append(f"colonne {self.column}")
        if self.pointer:
            parts.append(self.pointer)
        if self.key:
            parts.append(f"clé {self.key}")
        if self.candidate:
            parts.append(f"candidat {self.candidate}")
        if self.unit and not self.column:
            parts.append(f"unité {self.unit}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong: what (French), where, and a stable code."""

    message: str
    place: Place = field(default_factory=Place)
    code: str | None = None

    def __post_init__(self) -> None:
        if unsafe_at(self.message) is not None:
            object.__setattr__(self, "message", shown(self.message))
        unsafe = {
            f.name: shown(value) for f in fields(self.place)
            if isinstance(value := getattr(self.place, f.name), str) and unsafe_at(value) is not None
        }
        if unsafe:
            object.__setattr__(self, "place", replace(self.place, **unsafe))

    def __str__(self) -> str:
        where = str(self.place)
        return f"{where} : {self.message}" if where else self.message


class JuryError(Exception):
    """A refusal with one or more problems, each placed and actionable (in French)."""

    def __init__(self, problems: list[Problem] | Problem | str, *, code: str | None = None):
        if isinstance(problems, str):
            problems = [Problem(problems, code=code)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        self.code = code or (self.problems[0].code if self.problems else None)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class LockBusy(JuryError):
    """The session is held by another process; `holder` describes it."""

    def __init__(self, message: str, holder: dict | None = None):
        super().__init__(message, code="LOCK_BUSY")
        self.holder = holder or {}

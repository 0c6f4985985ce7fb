"""The jury's operations on a session file: validate -> apply -> audit -> save, one transaction each.

The CLI and the app both call `Session`; neither holds a rule of its own.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jury_tui.errors import JuryError, Problem
from jury_tui.store import SCHEMA_VERSION, SessionFile

if TYPE_CHECKING:
    from jury_tui.deliberation.view import SessionView

# Imported when first needed, so that each command starts with what it uses: the view (and
# the rules engine behind it), the operations (and the import field readers they use), the
# shipped regulations, time zones.


def _view():
    from jury_tui.deliberation import view

    return view


def _ops():
    from jury_tui.deliberation import ops

    return ops


def create_session(
    path: str | os.PathLike,
    *,
    regulation: str,
    year: int,
    academie: str,
    jury: str,
    date_: str | None = None,
    lieu: str | None = None,
    tz: str = "Europe/Paris",
) -> Session:
    """`jury new`: a new session file with its own copy of the regulation."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from jury_tui.domain.regulation import parse_regulation
    from jury_tui.domain.text import text_problem
    from jury_tui.regulations import for_session, read_text

    folder = Path(path).parent
    if not folder.is_dir():
        raise JuryError(f"{path} : le dossier « {folder} » n'existe pas ; créez-le d'abord ou choisissez un autre chemin")
    problems = []
    if 1990 <= year <= 2100:
        text, source = for_session(regulation, year)  # the edition valid for this session
    else:
        problems.append(Problem(f"option --year : année {year} ; attendu une année de session comme 2026"))
        text, source = read_text(regulation)
    reg = parse_regulation(text, source)
    if date_:
        try:
            date.fromisoformat(date_)
        except ValueError:
            problems.append(Problem(f"option --date : « {date_} » ; attendu une date AAAA-MM-JJ (2026-06-30)"))
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(Problem(f"option --tz : fuseau horaire « {tz} » inconnu (exemple : Europe/Paris)"))
    for name, value in (("--academie", academie), ("--jury", jury)):
        if not (value or "").strip():
            problems.append(Problem(f"option {name} : ne peut pas être vide"))
    for name, value in (("--academie", academie), ("--jury", jury), ("--lieu", lieu)):
        unsafe = text_problem(value or "")
        if unsafe:
            problems.append(Problem(f"option {name} : {unsafe}"))
    if problems:
        raise JuryError(problems)
    state = {
        "schema": SCHEMA_VERSION,
        "header": {
            "academie": academie.strip(),
            "annee": year,
            "jury": jury.strip(),
            "date": date_,
            "lieu": (lieu or "").strip() or None,
            "tz": tz,
            "diplome": reg.diplome,
            "specialite": reg.specialite,
        },
        "regulation": {"source": source, "toml": text},
        "members": [],
        "candidates": {},
        "tours": {},
    }
    SessionFile.create(path, state, action="creation", after={"reglement": reg.id, "annee": year})
    return Session(path)


class Session:
    """One session file, and every operation the jury and the exam office perform on it."""

    def __init__(self, path: str | os.PathLike, *, wait: float = 5.0):
        self.store = SessionFile(path)
        self.path = self.store.path  # the real file when `path` is a symbolic link
        self.wait = wait
        self.parsed = _view().Parsed()  # what this session's views and operations have parsed

    # ---- reading -------------------------------------------------------------------------
    def view(self) -> SessionView:
        snap = self.store.load()
        return _view().SessionView(snap.state, list(snap.audit), self.parsed)

    def verify(self) -> list[Problem]:
        return self.store.verify()

    # ---- the app's long-lived lock ---------------------------------------------------------
    def hold(self) -> None:
        self.store.hold("app")

    def release(self) -> None:
        self.store.release()

    def holder(self) -> dict | None:
        return self.store.holder()

    def ask_holder_to_leave(self) -> dict:
        """`--take-over`: ask the holder's process (same user, same host) to end."""
        return self.store.signal_holder()

    def version(self) -> tuple | None:
        """The file's version as stored now: a follower reloads when it differs from its view's."""
        return self.store.version()

    # ---- one transaction -----------------------------------------------------------------
    @contextmanager
    def _tx(self):
        if not self.path.exists():
            raise JuryError(f"{self.path} : session introuvable (créez-la avec « jury new »)")
        with self.store.transaction(wait=self.wait) as tx:
            yield _ops().Context(tx, self.parsed.regulation(tx.state), self.parsed)

    # ---- candidates ----------------------------------------------------------------------
    def set_field(self, numero: str, field: str, value: str, *, reason: str) -> None:
        with self._tx() as ctx:
            _ops().set_field(ctx, numero, field, value, reason=reason)

    def withdraw(self, numero: str, *, reason: str) -> None:
        with self._tx() as ctx:
            _ops().withdraw(ctx, numero, reason=reason)

    def decide(self, numero: str, decision: str | None, *, reason: str | None = None, livret_examine: bool = False):
        with self._tx() as ctx:
            _ops().decide(ctx, numero, decision, reason=reason, livret_examine=livret_examine)

    def mark_livret_examined(self, numero: str) -> None:
        with self._tx() as ctx:
            _ops().mark_livret_examined(ctx, numero)

    def adjust(self, numero: str, unit: str, value: str | None, *, reason: str) -> None:
        with self._tx() as ctx:
            _ops().adjust(ctx, numero, unit, value, reason=reason)

    def set_controle_grade(self, numero: str, unit: str, value: str | None, *, reason: str | None = None) -> None:
        with self._tx() as ctx:
            _ops().set_controle_grade(ctx, numero, unit, value, reason=reason)

    # ---- jury and tours --------------------------------------------------------------------
    def set_presence(self, index: int, presence: str) -> None:
        with self._tx() as ctx:
            _ops().set_presence(ctx, index, presence)

    def sign(self) -> dict:
        with self._tx() as ctx:
            return _ops().sign(ctx)

    def reopen(self, *, reason: str) -> None:
        with self._tx() as ctx:
            _ops().reopen(ctx, reason=reason)

    def apply_regulation(self, file: str) -> None:
        from jury_tui.regulations import read_text

        text, source = read_text(file)
        with self._tx() as ctx:
            _ops().apply_regulation(ctx, text, source)

    def record(self, action: str, *, target=None, after=None, reason=None) -> None:
        """Put an act that changes nothing (an export, a take-over) on record."""
        with self._tx() as ctx:
            ctx.tx.record(action, target=target, after=after, reason=reason)

    # ---- imports ---------------------------------------------------------------------------
    def import_file(self, kind: str, file: str, *, dry_run: bool = False, ignore_unknown: bool = False, sheet=None,
                    encoding: str | None = None):
        """Import candidates, members or contrôle grades; all or nothing. Returns the report.

        `encoding`: a CSV's, as `--encoding` names it (importing/encodings.py)."""
        from jury_tui.importing import importer

        table = importer.read(file, kind, sheet=sheet, encoding=encoding)
        if dry_run:
            view = self.view()
            return importer.plan(kind, table, view.state, view.regulation, ignore_unknown=ignore_unknown)
        with self._tx() as ctx:
            # Planned under the lock, on the session as it is when written; its backup is
            # taken when the import is written and kept only if it lands (store.backups).
            report = importer.plan(kind, table, ctx.state, ctx.reg, ignore_unknown=ignore_unknown)
            ctx.tx.backup(f"import-{kind}")
            importer.apply(report, ctx)
        return report


"""Time and identity: the one seam that tests replace.

Everything that records *when* or *who* (audit entries, decisions, signatures) asks this
module, never the OS directly. Tests call `set_clock` / `set_identity` (or monkeypatch
`current`) so that audit chains and snapshots are reproducible.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Identity:
    """Who acts, as the audit records it."""

    actor: str  # the person recorded in the audit (OS user, or --as / JURY_AS)
    user: str  # the OS user
    host: str
    ssh_client: str | None  # the SSH client's address, when connected through SSH


def _os_user() -> str:
    import getpass  # only when an identity is first asked for

    try:
        return getpass.getuser()
    except Exception:  # no passwd entry (containers)
        return str(os.getuid())


def system_identity(acting_as: str | None = None) -> Identity:
    user = _checked(_os_user(), "le nom de l'utilisateur (LOGNAME, USER)")
    actor = _checked(acting_as or os.environ.get("JURY_AS") or user, "la personne qui agit (--as, JURY_AS)")
    ssh = _checked(os.environ.get("SSH_CLIENT") or os.environ.get("SSH_CONNECTION") or "", "SSH_CLIENT")
    ssh_client = ssh.split()[0] if ssh.strip() else None
    # the host name socket.gethostname() gives (gethostname(2) is uname's nodename), without
    # importing socket
    return Identity(actor=actor.strip() or user, user=user, host=os.uname().nodename, ssh_client=ssh_client)


def _checked(text: str, what: str) -> str:
    """What the audit records of who acts holds no control character nor byte that is not UTF-8
    (domain/text.py): a hostile JURY_AS would otherwise write escapes into everyone's terminal."""
    from jury_tui.domain.text import text_problem

    problem = text_problem(text)
    if problem:
        from jury_tui.errors import JuryError

        raise JuryError(f"{what} : {problem}")
    return text


def system_clock() -> datetime:
    return datetime.now(UTC)


class _Current:
    def __init__(self) -> None:
        self.clock: Callable[[], datetime] = system_clock
        self.acting_as: str | None = None
        self.identity_factory: Callable[[str | None], Identity] = system_identity


current = _Current()


def now() -> datetime:
    """The current time, timezone-aware UTC."""
    value = current.clock()
    return value.astimezone(UTC)


def now_iso() -> str:
    """The current time as stored in the session: ISO-8601 UTC, seconds."""
    return now().replace(microsecond=0).isoformat().replace("+00:00", "Z")


def identity() -> Identity:
    return current.identity_factory(current.acting_as)


def set_acting_as(name: str | None) -> None:
    current.acting_as = name


def set_clock(clock: Callable[[], datetime]) -> None:
    current.clock = clock


def set_identity(factory: Callable[[str | None], Identity]) -> None:
    current.identity_factory = factory


def reset() -> None:
    current.clock = system_clock
    current.acting_as = None
    current.identity_factory = system_identity

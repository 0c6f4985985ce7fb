"""Helpers of the reliability tests (imported by name: tests/ is not a package)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from jury_tui.domain import grades


def copy_session(templates: dict[str, Path], name: str, folder: Path) -> Path:
    """A copy of a template session as `folder/session.json` (the folder is made)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "session.json"
    shutil.copy(templates[name], target)
    return target


CONFIRMATIONS = [
    (re.compile(r"^(\w+) : décision effacée$"), lambda m: ("decision_effacee", m[1], None, None)),
    (re.compile(r"^(\w+) : (admis|ajourne|controle|non_delivre)$"), lambda m: ("decision", m[1], None, m[2])),
    (re.compile(r"^(\w+) (U\w+) : ajustement annulé$"), lambda m: ("ajustement_annule", m[1], m[2], None)),
    (re.compile(r"^(\w+) (U\w+) : (.+)$"), lambda m: ("ajustement", m[1], m[2], str(grades.parse(m[3])))),
]


def confirmed_act(line: str):
    """The audit key of an act from the words the user saw, or None for any other line."""
    for pattern, key in CONFIRMATIONS:
        match = pattern.match(line)
        if match:
            return key(match)
    return None


def audit_key(entry: dict):
    action = entry["action"]
    if action == "decision":
        return action, entry["cible"], None, entry["apres"]
    if action == "ajustement":
        (unit, value), = entry["apres"].items()
        return action, entry["cible"], unit, value
    if action == "ajustement_annule":
        (unit, _), = entry["avant"].items()
        return action, entry["cible"], unit, None
    return action, entry.get("cible"), None, None


class AppInTerminal:
    """`jury open SESSION` in a pseudo-terminal of 80x24, as over SSH; keys in, screen out."""

    def __init__(self, session: Path, *args: str):
        import fcntl
        import os
        import pty
        import struct
        import sys
        import termios

        self.pid, self.master = pty.fork()
        if self.pid == 0:  # the child: the app on the pseudo-terminal, 16 colours
            env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
            env.update(TERM="xterm", COLUMNS="80", LINES="24", TEXTUAL_COLOR_SYSTEM="standard")
            os.execve(sys.executable, [sys.executable, "-m", "jury_tui", "open", str(session), *args], env)
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.status: int | None = None

    def drain(self, seconds: float) -> None:
        import os
        import select
        import time

        end = time.monotonic() + seconds
        while time.monotonic() < end and self.master is not None:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    return

    def until(self, condition, timeout: float) -> bool:
        import time

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if condition():
                return True
            self.drain(0.1)
        return condition()

    def press(self, *keys: bytes, pause: float = 0.4) -> None:
        import os

        for key in keys:
            os.write(self.master, key)
            self.drain(pause)

    def wait(self, timeout: float) -> int | None:
        """The exit code, or None if the app did not end (it is then killed)."""
        import os
        import signal
        import time

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self.drain(0.05)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return None

    def close(self) -> None:
        import os
        import signal

        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        if self.master is not None:
            os.close(self.master)
            self.master = None

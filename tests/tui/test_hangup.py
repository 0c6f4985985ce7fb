"""SIGHUP over SSH: the app in a pseudo-terminal releases the lock and ends; nothing confirmed is lost."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

import pytest
from tui_helpers import press, run

from jury_tui import seams
from jury_tui.deliberation import Session
from jury_tui.store import SessionFile
from jury_tui.tui import make_app
from jury_tui.tui.screens.dialogs import ConfirmDialog


def _spawn(path):
    pid, master = pty.fork()
    if pid == 0:  # child: the app on the pseudo-terminal, 80x24, 16 colours
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        env.update(TERM="xterm", COLUMNS="80", LINES="24", TEXTUAL_COLOR_SYSTEM="standard")
        os.execve(sys.executable, [sys.executable, "-m", "jury_tui", "open", str(path)], env)
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, master


def _drain(master, seconds: float) -> bytes:
    out, end = b"", time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                out += os.read(master, 65536)
            except OSError:
                break
    return out


def _until(condition, master, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        _drain(master, 0.1)
    return condition()


def _exit_status(pid, timeout: float):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminal test")
def test_sighup_releases_the_lock_and_keeps_what_was_confirmed(demo):
    store = SessionFile(demo)
    pid, master = _spawn(demo)
    try:
        assert _until(lambda: store.holder() is not None, master, 15), "the app never held the session"
        _drain(master, 0.5)
        # candidates, open 02601, confirm its proposal (admis)
        for key in (b"2", b"\r", b"\r"):
            os.write(master, key)
            _drain(master, 0.4)
        assert _until(lambda: Session(demo).view().candidate("02601").decision(1) is not None, master, 5)
        # the SSH connection drops: the terminal goes away, the kernel sends SIGHUP
        os.close(master)
        master = None
        end = time.monotonic() + 2
        while store.holder() is not None and time.monotonic() < end:
            time.sleep(0.01)
        assert store.holder() is None, "the lock is released first, before the app ends"
        status = _exit_status(pid, 10)
    finally:
        if master is not None:
            os.close(master)
    assert status is not None, "the app did not end after SIGHUP"
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGHUP
    assert store.holder() is None
    session = Session(demo)
    session.hold()  # the lock is free: another app takes it at once
    session.release()
    assert session.view().candidate("02601").decision(1).decision == "admis"
    assert not session.verify()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminal test")
def test_take_over_asks_the_holder_to_leave_and_is_on_record(demo):
    seams.set_identity(seams.system_identity)  # the holder runs as this OS user, on this host
    store = SessionFile(demo)
    pid, master = _spawn(demo)
    try:
        assert _until(lambda: store.holder() is not None, master, 15), "the app never held the session"

        async def take_over():
            app = make_app(demo, take_over=True)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause(0.2)
                assert isinstance(app.screen, ConfirmDialog)
                await press(pilot, "o")
                for _ in range(100):
                    if app.model.writable:
                        break
                    await pilot.pause(0.1)
                assert app.model.writable
                await pilot.pause(0.2)

        run(take_over())
        status = _exit_status(pid, 10)
    finally:
        os.close(master)
    assert status is not None and os.waitstatus_to_exitcode(status) == 128 + signal.SIGTERM
    audit = Session(demo).view().audit
    assert audit[-1]["action"] == "reprise"
    assert audit[-1]["apres"]["pid"] == pid

"""SIGHUP (the SSH connection dropped) and SIGTERM (another app takes the session over).

The handler releases the lock before anything else, in particular before any output to a
terminal that may be gone; then the app exits. Every act is written when it is confirmed,
so nothing confirmed is lost. A watchdog ends the process if the exit hangs on a dead
terminal: the lock is already free by then.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading

HANDLED = (signal.SIGHUP, signal.SIGTERM)
# After SIGHUP the terminal is gone: nothing to restore. After SIGTERM (a take-over) it is
# still there, and the app restores it before leaving.
EXIT_GRACE = {signal.SIGHUP: 0.5, signal.SIGTERM: 3.0}
_installed: list[tuple[asyncio.AbstractEventLoop, int]] = []


def install(app) -> None:
    loop = asyncio.get_running_loop()
    for signum in HANDLED:
        loop.add_signal_handler(signum, app.hang_up, signum)
        _installed.append((loop, signum))


def uninstall() -> None:
    while _installed:
        loop, signum = _installed.pop()
        try:
            loop.remove_signal_handler(signum)
        except (RuntimeError, ValueError):
            pass


def exit_soon(signum: int) -> None:
    """End the process after a grace period, whatever the terminal does."""
    timer = threading.Timer(EXIT_GRACE.get(signum, 3.0), os._exit, (128 + signum,))
    timer.daemon = True
    timer.start()

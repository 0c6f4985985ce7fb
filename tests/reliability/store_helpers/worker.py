"""A separate process acting on a session file, for the store's reliability tests.

    python worker.py count SESSION KEY N PAUSE    N transactions, each adding 1 to counter KEY,
                                                  PAUSE seconds apart (outside the lock), after
                                                  printing "ready" and reading a line on stdin
    python worker.py hold SESSION KIND SECONDS    hold the lock (print "held"), sleep, release
    python worker.py slow SESSION SECONDS         one transaction that keeps the lock SECONDS
    python worker.py save SESSION START           add candidates START, START+1, ... forever,
                                                  printing "confirmed N" after each commit

With JURY_TEST_IDENTITY="user,host" the process records that identity (as the tests do).
Prints only numbers and markers, never the session's content.
"""

from __future__ import annotations

import os
import sys
import time

from jury_tui import seams
from jury_tui.store import SessionFile


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def count(session: SessionFile, key: str, n: int, pause: float) -> None:
    _say("ready")
    sys.stdin.readline()
    for _ in range(n):
        time.sleep(pause)
        with session.transaction(wait=30) as tx:
            counters = tx.state["tours"].setdefault("compteurs", {})
            before = counters.get(key, 0)
            counters[key] = before + 1
            tx.record("increment", target=key, before=before, after=before + 1)
    _say("done")


def hold(session: SessionFile, kind: str, seconds: float) -> None:
    session.hold(kind)
    _say("held")
    time.sleep(seconds)
    session.release()
    _say("released")


def slow(session: SessionFile, seconds: float) -> None:
    with session.transaction() as tx:
        _say("locked")
        time.sleep(seconds)
        tx.state["tours"]["lent"] = True
        tx.record("lent")
    _say("done")


def save(session: SessionFile, start: int) -> None:
    n = start
    while True:
        numero = f"{n:05d}"
        with session.transaction(wait=30) as tx:
            tx.state["candidates"][numero] = {"numero": numero, "nom": f"NOM{n}", "notes": {"U1": "10.00"}}
            tx.record("import", target=numero)
        _say(f"confirmed {n}")
        n += 1


def main(argv: list[str]) -> None:
    forced = os.environ.get("JURY_TEST_IDENTITY")
    if forced:
        user, host = forced.split(",")
        seams.set_identity(lambda acting_as: seams.Identity(acting_as or user, user, host, None))
    command, session = argv[0], SessionFile(argv[1])
    if command == "count":
        count(session, argv[2], int(argv[3]), float(argv[4]))
    elif command == "hold":
        hold(session, argv[2], float(argv[3]))
    elif command == "slow":
        slow(session, float(argv[2]))
    elif command == "save":
        save(session, int(argv[2]))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""One juror's process acting through the command line's code on a shared session.

    python acts.py SESSION NUMERO...

prints "ready", waits for a line on stdin (all the processes start together), then for each
NUMERO: adjusts its U1 (points de jury), then decides what the rules now propose (the livret
examined where it must be). Each command prints its own confirmation, as `jury` does; a
refused command prints its French message on stderr. Ends with "done".
"""

from __future__ import annotations

import sys
import time

import jury_tui.cli.commands  # noqa: F401  (registers the commands)
from jury_tui.cli import cli
from jury_tui.deliberation import Session


def main(session: str, numeros: list[str]) -> int:
    print("ready", flush=True)
    sys.stdin.readline()
    failures = 0
    for numero in numeros:
        c = Session(session).view().candidate(numero)
        grade = "15" if str(c.notes.get("U1")) != "15.00" else "14,5"
        failures += bool(cli.main(["adjust", session, numero, "U1", grade, "--reason", "points de jury"],
                                  prog_name="jury", standalone_mode=False))
        view = Session(session).view()
        proposal = view.result(numero).proposition
        args = ["decide", session, numero, proposal]
        if view.candidate(numero).livret and proposal in ("ajourne", "controle"):
            args.append("--livret-examine")
        failures += bool(cli.main(args, prog_name="jury", standalone_mode=False))
        time.sleep(0.02)  # a juror's pace: the others' acts come in between (2 cores, 8 writers)
    print("done", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))

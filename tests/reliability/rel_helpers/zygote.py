"""Writers to kill: real processes recording decisions and adjustments on one session.

    python zygote.py SESSION

imports everything once, prints "zygote ready", then reads commands on stdin, one a line:

    cli SEED    fork a writer that runs the command line's own code (`jury decide ...`,
                `jury adjust ...`, in-process click, as `jury` does) in a loop, forever
    app SEED    fork a writer that runs the app headless (make_app(...).run_test()) and acts
                through it (`app.perform`, what every screen calls), forever

For each writer it prints "started PID", then, once the writer is dead (the test kills it),
"dead PID". Between the two come the writer's confirmations, exactly as a user sees them:
what the command line printed after each command ("02601 : admis", "02601 U4 : 12,5",
"02601 U4 : ajustement annulé", "02601 : décision effacée"), or, for the app, the same
words printed once the candidates table shows the change ("not shown: ..." if it does not). Forking from a process that
has imported everything makes a writer start in a millisecond, so that many kills fit in a
test run; each writer is still a process of its own, killed with SIGKILL.

Prints numbers, codes and grades of the fictional demo only.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from dataclasses import dataclass

import jury_tui.cli.commands  # noqa: F401  (registers the commands)
import jury_tui.domain.regulation_reader  # noqa: F401  (what the first view of each writer reads the regulation with)
from jury_tui.cli import cli
from jury_tui.deliberation import Session
from jury_tui.domain import grades
from jury_tui.domain.grades import KEPT, NOTE


@dataclass
class Act:
    kind: str  # decide | clear | adjust | revert
    numero: str
    unit: str | None = None
    value: str | None = None  # a decision, or a grade as typed ("12,5")
    livret: bool = False

    def cli_args(self, session: str) -> list[str]:
        if self.kind == "decide":
            return ["decide", session, self.numero, self.value] + (["--livret-examine"] if self.livret else [])
        if self.kind == "clear":
            return ["decide", session, self.numero, "clear"]
        if self.kind == "adjust":
            return ["adjust", session, self.numero, self.unit, self.value, "--reason", "points de jury"]
        return ["adjust", session, self.numero, self.unit, "revert", "--reason", "retour à la note"]

    def perform(self, app) -> bool:
        if self.kind == "decide":
            return app.perform(app.session.decide, self.numero, self.value, livret_examine=self.livret)[0]
        if self.kind == "clear":
            return app.perform(app.session.decide, self.numero, None)[0]
        if self.kind == "adjust":
            return app.perform(app.session.adjust, self.numero, self.unit, self.value, reason="points de jury")[0]
        return app.perform(app.session.adjust, self.numero, self.unit, None, reason="retour à la note")[0]

    def confirmation(self) -> str:
        """What `jury` prints once the act is on disk."""
        if self.kind == "decide":
            return f"{self.numero} : {self.value}"
        if self.kind == "clear":
            return f"{self.numero} : décision effacée"
        if self.kind == "adjust":
            return f"{self.numero} {self.unit} : {self.value}"
        return f"{self.numero} {self.unit} : ajustement annulé"


def choose(view, rng: random.Random) -> Act:
    """A random act the rules allow on the session as it is now."""
    while True:
        numero = rng.choice(view.numeros)
        c = view.candidate(numero)
        if c.withdrawn:
            continue
        roll = rng.random()
        adjusted = [a.unite for a in c.ajustements if a.tour == 1]
        if roll < 0.15 and adjusted:
            return Act("revert", numero, rng.choice(adjusted))
        if roll < 0.55:
            units = [u for u, v in c.notes.items() if v.kind in (NOTE, KEPT)]
            if units:
                unit = rng.choice(units)
                base = c.notes[unit].hundredths
                new = rng.choice([h for h in range(0, 2001, 25) if h != base])
                text = grades.french(new).rstrip("0").rstrip(",") if rng.random() < 0.5 else grades.french(new)
                return Act("adjust", numero, unit, text)
            continue
        r = view.result(numero)
        if r.proposition == "incomplet":
            continue
        d = c.decision(1)
        if d is not None and d.decision == r.proposition and not c.a_revoir and rng.random() < 0.5:
            return Act("clear", numero)
        livret = c.livret and r.proposition in ("ajourne", "controle")
        return Act("decide", numero, value=r.proposition, livret=livret)


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def cli_writer(session: str, seed: int) -> None:
    rng = random.Random(seed)
    while True:
        act = choose(Session(session).view(), rng)
        code = cli.main(act.cli_args(session), prog_name="jury", standalone_mode=False)  # prints its confirmation
        if code not in (None, 0, 1):  # 1: refused by the rules, which may happen; anything else is a bug here
            say(f"usage error {code}: {act}")


def app_writer(session: str, seed: int) -> None:
    from jury_tui.tui import make_app

    rng = random.Random(seed)

    def shown(app, act: Act) -> bool:
        line = app.screen.grid.line(act.numero)
        if act.kind in ("decide", "clear"):
            return line.decision == (act.value if act.kind == "decide" else None)
        cell = next(u for u in line.units if u.code == act.unit)
        if act.kind == "revert":
            return not cell.adjusted
        return cell.adjusted and cell.value == grades.parse(act.value)

    async def drive() -> None:
        app = make_app(session, poll_interval=60)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            if not app.model.writable:
                say("app read-only")
                return
            await pilot.press("2")
            await pilot.pause()
            say("app ready")
            while True:
                act = choose(app.model.view, rng)
                if not act.perform(app):
                    say(f"refused: {act}")
                else:
                    await pilot.pause()
                    say(act.confirmation() if shown(app, act) else f"not shown: {act.confirmation()}")

    asyncio.run(drive())


def main(session: str) -> None:
    say("zygote ready")
    for line in sys.stdin:
        kind, seed = line.split()
        pid = os.fork()
        if pid == 0:  # the writer
            try:
                (cli_writer if kind == "cli" else app_writer)(session, int(seed))
            finally:
                os._exit(3)
        say(f"started {pid}")
        os.waitpid(pid, 0)
        say(f"dead {pid}")


if __name__ == "__main__":
    main(sys.argv[1])

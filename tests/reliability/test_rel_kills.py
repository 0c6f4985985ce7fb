"""SIGKILL at random moments: writers recording decisions and adjustments (the command line's
code, the app headless, real `jury` processes) are killed again and again on one session. After
each kill the session opens, its audit verifies, nobody holds it, and every change the writer
had confirmed (printed by the command, or shown by the app) is there — at most the one act in
flight when the process died comes on top.

The number of kills: JURY_KILLS (default 25, what CI runs). For the figures of the README:

    JURY_KILLS=500 pytest -m slow tests/reliability/test_rel_kills.py -s
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rel_support import audit_key, confirmed_act

from jury_tui.deliberation import Session
from jury_tui.store import SessionFile

KILLS = int(os.environ.get("JURY_KILLS", "25"))
ZYGOTE = Path(__file__).parent / "rel_helpers" / "zygote.py"
sys.path.insert(0, str(ZYGOTE.parent))

pytestmark = pytest.mark.slow

class Survival:
    """The checks after each kill, and the figures of a run."""

    def __init__(self, session: Path):
        self.session = session
        self.start = len(SessionFile(session).load().audit)
        self.confirmed: list[tuple] = []
        self.kills = self.mid_write = self.in_flight_landed = 0
        self.seen_temps: set[str] = set()

    def temps(self) -> list[str]:
        return [p.name for p in self.session.parent.iterdir() if p.name.startswith(".session.json.tmp-")]

    def after_kill(self, lines: list[str]) -> None:
        self.kills += 1
        assert not [line for line in lines if line.startswith(("not shown", "usage error", "refused"))], lines
        self.confirmed += [key for key in map(confirmed_act, lines) if key]
        left = set(self.temps())
        if left - self.seen_temps:  # this writer died with its temporary file open: mid-write
            self.mid_write += 1
        self.seen_temps |= left
        store = SessionFile(self.session)
        snap = store.load()  # it opens
        assert store.verify() == [], f"kill {self.kills}: the audit does not verify"
        assert store.holder() is None, "the kernel freed the dead writer's lock"
        done = [audit_key(e) for e in snap.audit[self.start:]]
        assert done[: len(self.confirmed)] == self.confirmed, f"kill {self.kills}: a confirmed act is missing"
        extra = len(done) - len(self.confirmed)
        assert extra in (0, 1), f"kill {self.kills}: {extra} unconfirmed acts on record"
        if extra:  # the act in flight made it to disk before the kill: it counts as done from now on
            self.in_flight_landed += 1
            self.confirmed.append(done[-1])
        self.state_follows_the_audit(snap)

    def state_follows_the_audit(self, snap) -> None:
        """Each candidate's decision and adjustments are what the audit's last act on them says."""
        decisions, adjustments = {}, {}
        for action, numero, unit, value in map(audit_key, snap.audit):
            if action in ("decision", "decision_effacee"):
                decisions[numero] = value
            elif action in ("ajustement", "ajustement_annule"):
                adjustments[(numero, unit)] = value
        for numero, value in decisions.items():
            stored = (snap.state["candidates"][numero].get("decisions") or {}).get("1")
            assert (stored or {}).get("decision") == value, numero
        for (numero, unit), value in adjustments.items():
            stored = [a for a in snap.state["candidates"][numero].get("ajustements") or ()
                      if a["unite"] == unit and a["tour"] == 1]
            assert [a["apres"] for a in stored] == ([value] if value else []), (numero, unit)

    def kinds(self) -> set[str]:
        return {key[0] for key in self.confirmed}

    def finish(self, label: str) -> None:
        # one more write by a live process removes what the dead ones left, and loses nothing
        Session(self.session).record("verification", reason="après les arrêts brutaux")
        assert self.temps() == []
        assert SessionFile(self.session).verify() == []
        print(f"\n{label}: {self.kills} kills survived, {len(self.confirmed)} acts confirmed and found, "
              f"{self.mid_write} kills in the middle of a write, {self.in_flight_landed} acts in flight that landed")


class Zygote:
    """tests/reliability/rel_helpers/zygote.py: forks writers on demand; we kill them."""

    def __init__(self, session: Path, log: Path):
        self.log = open(log, "w")
        self.proc = subprocess.Popen([sys.executable, str(ZYGOTE), str(session)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log, text=True, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.next_line(30) == "zygote ready"

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self, timeout: float = 30) -> str:
        return self.lines.get(timeout=timeout)

    def kill_one(self, kind: str, seed: int, delay: float, ready: str | None = None, acts: int = 0) -> list[str]:
        """Start a writer, let it confirm `acts` acts (after `ready`, if given) and work `delay`
        seconds more, SIGKILL it; its lines. Counting acts, not seconds, makes the writers
        confirm as much on a loaded machine as on an idle one."""
        self.proc.stdin.write(f"{kind} {seed}\n")
        self.proc.stdin.flush()
        lines: list[str] = []
        pid = None
        while pid is None or (ready and ready not in lines) or sum(map(bool, map(confirmed_act, lines))) < acts:
            line = self.next_line()
            if line.startswith("started "):
                pid = int(line.split()[1])
            else:
                lines.append(line)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        while (line := self.next_line()) != f"dead {pid}":
            lines.append(line)
        return lines

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture
def zygote(demo, tmp_path):
    z = Zygote(demo, tmp_path / "writers.log")
    yield z
    z.close()


def test_command_line_writers_killed_at_random_moments(demo, zygote):
    rng = random.Random(20260630)
    survival = Survival(demo)
    waited = 0
    for _ in range(KILLS):
        acts = rng.randrange(3)  # killed after 0, 1 or 2 confirmed acts, then anywhere in the next ones
        waited += acts
        survival.after_kill(zygote.kill_one("cli", rng.randrange(10**9), rng.uniform(0, 0.25), acts=acts))
    assert len(survival.confirmed) >= max(waited, 1), "the writers did write"
    assert survival.kinds() == {"decision", "decision_effacee", "ajustement", "ajustement_annule"}
    survival.finish("command line")


def test_app_writers_killed_at_random_moments(demo, zygote):
    rng = random.Random(20260701)
    survival = Survival(demo)
    for _ in range(max(3, KILLS // 8)):
        lines = zygote.kill_one("app", rng.randrange(10**9), rng.uniform(0, 0.6), ready="app ready")
        assert "app read-only" not in lines, "the dead app's lock was freed"
        survival.after_kill(lines)
    assert survival.confirmed, "the apps did write"
    assert survival.kinds() & {"decision", "decision_effacee"} and survival.kinds() & {"ajustement", "ajustement_annule"}
    survival.finish("app")


def test_real_jury_processes_killed_at_random_moments(demo):
    """`python -m jury_tui decide|adjust ...` itself, killed anywhere in its life (start-up,
    reading, writing, printing) — and every other one at the very moment it writes: as soon as
    its temporary file appears beside the session."""
    from zygote import choose

    rng = random.Random(20260702)
    survival = Survival(demo)
    folder = demo.parent

    def writing(pid: int) -> bool:
        with os.scandir(folder) as entries:
            return any(e.name.startswith(f".session.json.tmp-{pid}-") for e in entries)

    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "jury_tui", *choose(Session(demo).view(), rng).cli_args(str(demo))],
                          capture_output=True, text=True)
    life = time.monotonic() - started
    survival.confirmed.append(confirmed_act(done.stdout.strip()))
    for kill in range(max(3, KILLS // 8)):
        act = choose(Session(demo).view(), rng)
        proc = subprocess.Popen([sys.executable, "-m", "jury_tui", *act.cli_args(str(demo))],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if kill % 2:  # at the moment it writes
            while proc.poll() is None and not writing(proc.pid):
                pass
        else:
            time.sleep(rng.uniform(0.1, 1.2) * life)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=10)
        survival.after_kill(out.splitlines())
    survival.finish("jury processes")

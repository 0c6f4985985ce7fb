"""What every workload shares: the Workload shape, session building, cold caches.

A workload has a `setup(folder)` (untimed, once), then `ours(i)` and `baseline(i)` called
alternately, each after its `prepare_*` (untimed). Each call returns None (the runner
times it), a float (the seconds it measured itself), or a dict {"time", "peak"} when it
measures its own time and peak memory (processes).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import synth  # noqa: E402

ACADEMIE = "Académie de Normandie"
JURY = "BTS MOS — jury 1"


class Skip(Exception):
    """The workload cannot run here (a tool or the app is missing); the message says why."""


@dataclass
class Workload:
    name: str
    title: str  # what "ours" does
    baseline_title: str
    target: float  # ratio ours / baseline to meet (<=)
    kind: str = "in-process"  # or "processes"

    def setup(self, folder: Path, quick: bool) -> None:
        raise NotImplementedError

    def prepare_ours(self, i: int) -> None:
        pass

    def prepare_baseline(self, i: int) -> None:
        pass

    def ours(self, i: int):
        raise NotImplementedError

    def baseline(self, i: int):
        raise NotImplementedError

    def check(self) -> str | None:
        """After the runs: a line saying what was verified (or raise)."""
        return None


def new_session(path: Path):
    from jury_tui.deliberation import create_session

    return create_session(
        path,
        regulation="bts-mos",
        year=2026,
        academie=ACADEMIE,
        jury=JURY,
        date_="2026-06-30",
        lieu="Lycée Jean-Rostand, Caen — salle des délibérations",
    )


def build_session(folder: Path, n: int, *, every: int = 2, name: str | None = None) -> Path:
    """A session of N synthetic candidates and the demo's jury; one candidate in `every`
    decided as proposed (livret examined), in one transaction: a deliberation half done."""
    from jury_tui.deliberation import Session, ops

    csv_path = synth.write_candidates(folder / f"candidats-{n}.csv", n)
    path = folder / (name or f"session-{n}.json")
    new_session(path)
    session = Session(path)
    session.import_file("members", str(synth.members_csv_path()))
    session.import_file("candidates", str(csv_path))
    if every:
        view = session.view()
        chosen = []
        for k, numero in enumerate(view.numeros):
            proposition = view.result(numero, 1).proposition
            if k % every == 0 and proposition != "incomplet":
                chosen.append((numero, proposition))
        with session._tx() as ctx:
            for numero, proposition in chosen:
                ops.decide(ctx, numero, proposition, reason=None, livret_examine=True)
    return path


def cold_caches() -> None:
    """Forget the file the store last read: the next open reads as a fresh process would
    (with a new Session, which has parsed nothing yet)."""
    from jury_tui.store import session_file

    session_file._CACHE.clear()

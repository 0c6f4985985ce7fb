"""The demo session: fictional candidates and jury, built from the shipped CSV sources.

`jury demo PATH` builds it; `jury open` without a session opens a fresh copy (the shipped
sources are never modified). The jury's U6 adjustment of 02601 (DESIGN.md §2) is applied,
so that every case of the regulation shows up at least once.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jury_tui.resources import demo_dir

ACADEMIE = "Académie de Normandie"
JURY = "BTS MOS — jury 1"


def default_demo_path() -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path.cwd() / f"jury-demo-{stamp}.json"


def build_demo(path: str | Path, *, adjust: bool = True) -> Path:
    from jury_tui.deliberation import create_session

    target = Path(path)
    sources = demo_dir()
    session = create_session(
        target,
        regulation="bts-mos",
        year=2026,
        academie=ACADEMIE,
        jury=JURY,
        date_="2026-06-30",
        lieu="Lycée Jean-Rostand, Caen — salle des délibérations",
    )
    session.import_file("members", str(sources / "membres.csv"))
    session.import_file("candidates", str(sources / "candidats.csv"))
    if adjust:
        session.adjust("02601", "U6", "10", reason="Points de jury : progression constatée sur l'année")
    return target

"""Peak memory of an import of 20,000 candidates, against its budget of 300 MB; and what refusing
files beyond the import limits costs (importing/limits.py).

    python bench/import_memory.py            # CSV, XLSX, JSON of 20,000; the refusals
    python bench/import_memory.py --only csv
    python bench/import_memory.py --count 50000    # at the limit of rows (the budget is for 20,000)

Each import runs in a fresh Python process, through `deliberation` as `jury import` does
(`create_session`, `Session.import_file`), and prints its own peak resident size
(`resource.getrusage(RUSAGE_SELF).ru_maxrss`: the whole process, Python and its libraries
included); "python alone" is the same process that imports the project and stops, the floor
under every row. The files are those of bench/synth.py (fixed seed, every grade code).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import synth  # noqa: E402
from common import ACADEMIE, JURY  # noqa: E402

COUNT = 20_000
BUDGET = 300 * 1024 * 1024

PROBE = """
import resource, sys, time
from jury_tui.deliberation import Session, create_session
from jury_tui.errors import JuryError
session, source = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if source != "-":
    create_session(session, regulation="bts-mos", year=2026, academie=sys.argv[3], jury=sys.argv[4])
    try:
        report = Session(session).import_file("candidates", source)
        outcome = f"{len(report.created)} créés"
    except JuryError as error:
        outcome = "refusé : " + error.problems[0].message[:48] + "…"
else:
    outcome = "-"
elapsed = time.perf_counter() - start
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, elapsed, outcome, sep="\\t")
"""


def _run(folder: Path, name: str, source: Path | None) -> tuple[int, float, str]:
    """(peak resident size in bytes, seconds, outcome) of one probe process."""
    session = folder / f"session-{name}.json"
    for old in folder.glob(f"session-{name}.json*"):
        old.unlink()
    command = [sys.executable, "-c", PROBE, str(session), str(source) if source else "-", ACADEMIE, JURY]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=BENCH.parent)
    peak, elapsed, outcome = out.stdout.strip().split("\t")
    return int(peak), float(elapsed), outcome


def _xlsx(rows: list[list[str]], path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Candidats")
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _json(rows: list[list[str]], path: Path) -> Path:
    fields = synth.HEADER[:8]
    items = []
    for row in rows:
        item = dict(zip(fields, row))
        item["notes"] = {unit: value for unit, value in zip(synth.HEADER[8:], row[8:]) if value}
        items.append(item)
    path.write_text(json.dumps({"candidats": items}, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _million_rows(path: Path) -> Path:
    header, _, rows = synth.candidates_csv(1000).partition(b"\r\n")
    path.write_bytes(header + b"\r\n" + rows * 1000)
    return path


def _bomb(path: Path) -> Path:
    """A workbook of 1.5 MB whose sheet unzips to 1.5 GB (the issue's)."""
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as sheet:
            chunk = b"<row><c><v>1</v></c></row>" * 40_000
            for _ in range(1_500_000_000 // len(chunk)):
                sheet.write(chunk)
    return path


WORKLOADS = {  # key: (title, file suffix)
    "python": ("python alone (the floor)", None),
    "csv": ("import {count:,} candidates, CSV", ".csv"),
    "xlsx": ("import {count:,} candidates, XLSX", ".xlsx"),
    "json": ("import {count:,} candidates, JSON", ".json"),
    "rows": ("refuse a CSV of 1,000,000 rows", ".csv"),
    "bomb": ("refuse an XLSX unzipping to 1.5 GB", ".xlsx"),
}


def make(folder: Path, keys: list[str], count: int) -> None:
    """Write the files of `keys` in `folder` (in a process of its own: see `main`)."""
    rows = synth.candidate_rows(count)
    makers = {
        "csv": lambda p: synth.write_candidates(p, count),
        "xlsx": lambda p: _xlsx([list(synth.HEADER), *rows], p),
        "json": lambda p: _json(rows, p),
        "rows": _million_rows,
        "bomb": _bomb,
    }
    for key in keys:
        makers[key](folder / f"{key}{WORKLOADS[key][1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=[k for k in WORKLOADS if k != "python"])
    parser.add_argument("--count", type=int, default=COUNT, help="candidates in each file (default 20,000)")
    parser.add_argument("--make", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    keys = args.only or [k for k in WORKLOADS if k != "python"]
    if args.make:
        make(Path(args.make), keys, args.count)
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        # The files are made by a child: this process stays small, and Linux counts in each
        # probe's peak the memory of the process that forked it.
        subprocess.run([sys.executable, __file__, "--make", name, f"--count={args.count}", *[f"--only={k}" for k in keys]],
                       check=True)  # fmt: skip
        rows = []
        for key in ["python", *keys]:
            title, suffix = WORKLOADS[key]
            title = title.format(count=args.count)
            source = folder / f"{key}{suffix}" if suffix else None
            size = f"{source.stat().st_size / 1e6:.1f} MB" if source else ""
            peak, elapsed, outcome = _run(folder, key, source)
            met = ("yes" if peak <= BUDGET else "NO") if key in ("csv", "xlsx", "json") and args.count <= COUNT else ""
            rows.append((title, size, f"{peak / 1024 / 1024:.0f} MiB", f"{elapsed:.2f} s", outcome, met))
    head = ("workload", "file", "peak RSS", "time", "outcome", f"<= {BUDGET // 1024 // 1024} MiB")
    widths = [max(len(str(r[i])) for r in (head, *rows)) for i in range(len(head))]
    for row in (head, *rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()

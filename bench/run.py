"""Run every benchmark and print the table: workload, ours, baseline, ratio, target, met.

    python bench/run.py                 # every workload, 5 runs each (a few minutes, 2 cores)
    python bench/run.py --quick         # 3 runs each
    python bench/run.py --repeat 9 --only decision --only import

Each workload runs in its own process (fresh caches, its own peak memory): one untimed
warm-up of each side, then ours and its baseline alternately, on the same data, in the same
process, so that their ratio holds on a noisy machine. Times are medians; the ratio is
median(ours) / median(baseline). Peak memory is tracemalloc's peak of one extra, untimed run
of each side (Python allocations), or the peak resident size of the processes (`results`, `cli`).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from time import perf_counter

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from common import Skip  # noqa: E402

ORDER = ("import", "open", "decision", "pv", "results", "keypress", "cli")
DEFAULT_REPEAT = 5
QUICK_REPEAT = 3
MIN_REPEAT = {"decision": 15, "keypress": 5}  # cheap runs: more of them for a steadier median


def workloads() -> dict:
    from wl_app import Keypress, OpenApp
    from wl_cli import CliProcesses, ResultsProcess
    from wl_compute import PvExport
    from wl_store import ImportCandidates, OneDecision

    found = [ImportCandidates(), OpenApp(), OneDecision(), PvExport(), ResultsProcess(), Keypress(), CliProcesses()]
    return {w.name: w for w in found}


# ---- one workload, in a child process ---------------------------------------------------------
def _call(fn, i: int) -> tuple[float, int | None]:
    gc.collect()
    start = perf_counter()
    out = fn(i)
    elapsed = perf_counter() - start
    if isinstance(out, dict):
        return out.get("time", elapsed), out.get("peak")
    if isinstance(out, float):
        return out, None
    return elapsed, None


def _traced_peak(fn, i: int) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn(i)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run_child(name: str, repeat: int, quick: bool) -> dict:
    w = workloads()[name]
    sides = {"ours": (w.prepare_ours, w.ours), "baseline": (w.prepare_baseline, w.baseline)}
    times: dict[str, list[float]] = {"ours": [], "baseline": []}
    peaks: dict[str, int] = {"ours": 0, "baseline": 0}
    with tempfile.TemporaryDirectory(prefix=f"jury-bench-{name}-") as tmp:
        folder = Path(tmp)
        started = time.monotonic()
        if w.kind == "processes":
            from spawner import Spawner

            w.spawner = Spawner(str(folder / "pycache"))  # before the workload grows: see spawner.py
        try:
            w.setup(folder, quick)
        except Skip as exc:
            return {"name": name, "skip": str(exc)}
        setup_s = time.monotonic() - started
        i = 0
        for side in ("baseline", "ours"):  # warm-up: imports, first parse of templates
            prepare, fn = sides[side]
            prepare(i)
            _, peak = _call(fn, i)
            if peak:
                peaks[side] = max(peaks[side], peak)
        i += 1
        for rep in range(repeat):
            order = ("baseline", "ours") if rep % 2 == 0 else ("ours", "baseline")
            for side in order:
                prepare, fn = sides[side]
                prepare(i)
                elapsed, peak = _call(fn, i)
                times[side].append(elapsed)
                if peak:
                    peaks[side] = max(peaks[side], peak)
            i += 1
        if w.kind != "processes":
            for side in ("baseline", "ours"):
                prepare, fn = sides[side]
                prepare(i)
                peaks[side] = _traced_peak(fn, i)
            i += 1
        note = w.check()
        if w.kind == "processes":
            w.spawner.close()
    return {
        "name": name,
        "title": w.title,
        "baseline_title": w.baseline_title,
        "target": w.target,
        "kind": w.kind,
        "ours": times["ours"],
        "baseline": times["baseline"],
        "peak_ours": peaks["ours"],
        "peak_baseline": peaks["baseline"],
        "setup_s": setup_s,
        "note": note,
    }


# ---- the table --------------------------------------------------------------------------------
def _ms(seconds: float) -> str:
    ms = seconds * 1000
    if ms >= 100:
        return f"{ms:,.0f} ms"
    if ms >= 10:
        return f"{ms:.1f} ms"
    return f"{ms:.2f} ms"


def _mib(n: int) -> str:
    return f"{n / 2**20:,.1f}" if n else "—"


def table(results: list[dict]) -> str:
    head = ["workload", "ours", "baseline", "ratio", "target", "met", "peak MiB ours / base"]
    rows = []
    for r in results:
        if "skip" in r:
            rows.append([r["name"], "skipped", "", "", "", "", r["skip"]])
            continue
        ours, base = statistics.median(r["ours"]), statistics.median(r["baseline"])
        ratio = ours / base if base else float("inf")
        met = "yes" if ratio <= r["target"] else "NO"
        rows.append([
            f"{r['name']}: {r['title']}", _ms(ours), f"{_ms(base)} ({r['baseline_title']})",
            f"{ratio:.2f}x", f"<= {r['target']:g}x", met, f"{_mib(r['peak_ours'])} / {_mib(r['peak_baseline'])}",
        ])  # fmt: skip
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines += ["| " + " | ".join(str(x).ljust(w) for x, w in zip(row, widths)) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_REPEAT} runs per workload")
    parser.add_argument("--repeat", type=int, help=f"runs per workload (default {DEFAULT_REPEAT})")
    parser.add_argument("--only", action="append", choices=ORDER, metavar="NAME", help=f"one of {', '.join(ORDER)} (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the raw results (every run) to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repeat = args.repeat or (QUICK_REPEAT if args.quick else DEFAULT_REPEAT)
    if args.child:
        print(json.dumps(run_child(args.child, repeat, args.quick)))
        return 0
    names = [n for n in ORDER if not args.only or n in args.only]
    results = []
    began = time.monotonic()
    for name in names:
        n = max(repeat, MIN_REPEAT.get(name, 0)) if not args.repeat else repeat
        print(f"[{time.monotonic() - began:5.0f} s] {name}: {n} runs…", file=sys.stderr, flush=True)
        command = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--repeat", str(n)]
        if args.quick:
            command.append("--quick")
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            results.append({"name": name, "skip": f"failed (exit {done.returncode}); see the messages above"})
            continue
        result = json.loads(lines[-1])
        results.append(result)
        if result.get("note"):
            print(f"          {result['note']}", file=sys.stderr, flush=True)
    print(f"[{time.monotonic() - began:5.0f} s] done", file=sys.stderr)
    print(f"\nMedians of {repeat} runs (decision: {max(repeat, MIN_REPEAT['decision'])}, keypress: "
          f"{max(repeat, MIN_REPEAT['keypress'])} runs of 30 keys) · {os.cpu_count()} cores · "
          f"Python {sys.version.split()[0]}\n")  # fmt: skip
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0 if all("skip" not in r and statistics.median(r["ours"]) <= r["target"] * statistics.median(r["baseline"]) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

"""The session store as real processes see it: the app's lock, concurrent CLI writers, a dead holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

from cli_helpers import DEMO_SOURCES, audit_entries, jury, jury_process, ok, refused, results_json, unchanged

HOLDER = """
import sys
from jury_tui.store import SessionFile
sf = SessionFile(sys.argv[1])
sf.hold(sys.argv[2])
print("held", flush=True)
sys.stdin.readline()
sf.release()
print("released", flush=True)
"""


@contextmanager
def holding(session, kind: str = "app"):
    """Another process holds the session's lock (as the app, or as a CLI transaction)."""
    p = subprocess.Popen([sys.executable, "-c", HOLDER, str(session), kind], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "held", p.stderr.read()
        yield p
    finally:
        if p.poll() is None:
            try:
                p.stdin.write("\n")
                p.stdin.flush()
            except BrokenPipeError:
                pass
            p.wait(timeout=10)


def test_a_cli_write_is_refused_at_once_while_the_app_holds_the_session(demo, tmp_path):
    with holding(demo) as holder:
        with unchanged(demo):
            started = time.monotonic()
            p = jury_process("decide", demo, "02602", "admis", timeout=15)
            elapsed = time.monotonic() - started
            assert p.returncode == 1, p.stderr
            assert elapsed < 3, "refused at once, not after the CLI's wait"
            assert "ouverte pour écriture" in p.stderr and f"pid {holder.pid}" in p.stderr
            assert str(demo) in p.stderr
            # an import is refused the same way, without leaving a backup behind
            p = jury_process("import", "members", demo, DEMO_SOURCES / "membres.csv", timeout=15)
            assert p.returncode == 1 and f"pid {holder.pid}" in p.stderr
            # in-process too; a restore takes no backup when it cannot run
            refused(jury("adjust", demo, "02602", "U1", "15", "--reason", "x"), f"pid {holder.pid}")
            backup = next(demo.parent.glob("demo.json.*.bak"))
            refused(jury("restore", demo, backup, "--yes"), f"pid {holder.pid}")
            # reading is never blocked
            p = jury_process("results", demo, "--format", "json")
            assert p.returncode == 0 and "02602" in p.stdout
            ok(jury("check", demo))
    p = jury_process("decide", demo, "02602", "admis")
    assert p.returncode == 0, p.stderr
    assert results_json(demo)["02602"]["decision"] == "admis"


def test_a_short_cli_transaction_is_waited_for(demo):
    with holding(demo, "cli") as holder:
        writer = subprocess.Popen([sys.executable, "-m", "jury_tui", "decide", str(demo), "02602", "admis"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(0.5)
        assert writer.poll() is None, "the writer waits for the transaction"
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=10)
        out, err = writer.communicate(timeout=20)
    assert writer.returncode == 0, err
    assert results_json(demo)["02602"]["decision"] == "admis"


def test_a_dead_holder_frees_the_session(demo):
    with holding(demo) as holder:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
        p = jury_process("decide", demo, "02602", "admis")
    assert p.returncode == 0, p.stderr
    assert results_json(demo)["02602"]["decision"] == "admis"


def test_concurrent_cli_decisions_all_land(demo):
    numeros = ["02602", "02603", "02604", "02616", "02619", "02620"]
    procs = [
        subprocess.Popen([sys.executable, "-m", "jury_tui", "--as", f"juré {n}", "decide", str(demo), n, "admis"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in numeros
    ]
    for p in procs:
        out, err = p.communicate(timeout=30)
        assert p.returncode == 0, err
    rows = results_json(demo)
    for n in numeros:
        assert rows[n]["decision"] == "admis", n
        assert rows[n]["decisions"][0]["par"] == f"juré {n}"
    entries = [e for e in audit_entries(demo) if e["action"] == "decision"]
    assert sorted(e["cible"] for e in entries) == numeros
    seqs = [e["seq"] for e in audit_entries(demo)]
    assert seqs == list(range(1, len(seqs) + 1))
    ok(jury("audit", demo, "--verify"))


def test_two_processes_deciding_the_same_candidate_leave_one_decision_on_record(demo):
    procs = [
        subprocess.Popen([sys.executable, "-m", "jury_tui", "decide", str(demo), "02606", d, *extra],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for d, extra in (("ajourne", ()), ("admis", ("--reason", "assiduité")))
    ]
    for p in procs:
        p.communicate(timeout=30)
        assert p.returncode == 0
    row = results_json(demo)["02606"]
    last = [e for e in audit_entries(demo) if e["action"] == "decision"][-1]
    assert row["decision"] == last["apres"]
    assert [e["action"] for e in audit_entries(demo)].count("decision") == 2
    ok(jury("audit", demo, "--verify"))

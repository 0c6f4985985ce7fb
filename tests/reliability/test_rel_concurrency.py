"""Several users at once on one session: eight command-line processes deciding and adjusting
together; a command line against a long transaction (short waits, then a clear refusal) and
against an open app (refused at once, naming the holder); two apps, a writer and a follower,
and a take-over. Nothing lost, nothing duplicated, the audit intact."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from cli_helpers import jury_process, results_json, unchanged
from rel_support import AppInTerminal, audit_key, confirmed_act

from jury_tui import seams
from jury_tui.deliberation import Session
from jury_tui.domain.grades import NOTE
from jury_tui.store import SessionFile

HELPERS = Path(__file__).parent / "rel_helpers"
WORKER = Path(__file__).parents[0] / "store_helpers" / "worker.py"
WRITERS = 8
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminal test")


def start(*args, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *map(str, args)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})


def test_eight_jurors_deciding_and_adjusting_at_once_lose_nothing_and_duplicate_nothing(demo):
    view = Session(demo).view()
    numeros = [n for n in view.numeros
               if view.candidate(n).notes.get("U1") and view.candidate(n).notes["U1"].kind == NOTE
               and view.result(n).proposition != "incomplet"][: WRITERS * 3]
    shares = [numeros[k::WRITERS] for k in range(WRITERS)]
    before = len(SessionFile(demo).load().audit)
    procs = [start(HELPERS / "acts.py", demo, *share, env={"JURY_AS": f"juré {k + 1}"}) for k, share in enumerate(shares)]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    for proc in procs:  # all at once
        proc.stdin.write("go\n")
        proc.stdin.flush()
    confirmed = {}
    for k, proc in enumerate(procs):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        confirmed[k] = [key for key in map(confirmed_act, out.splitlines()) if key]
        assert len(confirmed[k]) == 2 * len(shares[k]), out
    store = SessionFile(demo)
    snap = store.load()
    assert store.verify() == []
    new = snap.audit[before:]
    assert [e["seq"] for e in snap.audit] == list(range(1, len(snap.audit) + 1))
    # nothing lost, nothing duplicated: the audit holds exactly the confirmed acts...
    assert Counter(map(audit_key, new)) == Counter(key for keys in confirmed.values() for key in keys)
    # ...each juror's in its own order, under its own name
    for k, keys in confirmed.items():
        mine = [e for e in new if e["par"] == f"juré {k + 1}"]
        assert list(map(audit_key, mine)) == keys
    # they did write at the same time: the audit alternates between jurors
    turns = sum(1 for a, b in zip(new, new[1:]) if a["par"] != b["par"])
    assert turns >= WRITERS
    rows = results_json(demo)
    for action, numero, _unit, value in (k for keys in confirmed.values() for k in keys):
        if action == "decision":
            assert rows[numero]["decision"] == value and not rows[numero]["a_revoir"]
        else:
            assert [a["apres"] for a in rows[numero]["ajustements"] if a["unite"] == "U1"] == [value]
    print(f"\n{WRITERS} concurrent writers: {len(new)} acts, all confirmed and found once, {turns} turns")


def test_a_command_waits_for_a_short_transaction_then_is_refused_clearly(demo):
    """JURY_WAIT=1.5 stands for the default 5 seconds, to keep the test short; the default itself
    is checked below. The transaction lasts 4.5 s: long enough that a refusal after 1.5 s of
    waiting is told from a command that waited for its end, even when starting Python is slow."""
    holder = start(WORKER, "hold", demo, "cli", 4.5)
    try:
        assert holder.stdout.readline().strip() == "held"
        with unchanged(demo):
            started = time.monotonic()
            tries = [start("-m", "jury_tui", "decide", demo, n, "admis", env={"JURY_WAIT": "1.5"})
                     for n in ("02602", "02603", "02604")]
            outcomes = [(p.communicate(timeout=30), time.monotonic() - started) for p in tries]
        for p, ((out, err), waited) in zip(tries, outcomes):
            assert p.returncode == 1
            assert 1.4 < waited < 4.4, f"waited {waited:.1f} s"
            assert f"La session {demo} est en cours de modification par" in err
            assert f"(pid {holder.pid})" in err and "réessayez dans un instant" in err
            assert "Traceback" not in err and out == ""
        # a command that may wait longer than the transaction lasts goes through after it
        patient = start("-m", "jury_tui", "decide", demo, "02602", "admis", env={"JURY_WAIT": "8"})
        out, err = patient.communicate(timeout=30)
        assert patient.returncode == 0, err
        assert time.monotonic() - started > 4.4, "it waited for the transaction's end"
    finally:
        holder.wait(timeout=10)
    assert results_json(demo)["02602"]["decision"] == "admis"


def test_a_command_waits_a_few_seconds_by_default():
    from jury_tui.cli.commands import lock_wait

    assert lock_wait() == 5.0


async def _wait_for(pilot, condition, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        await pilot.pause(0.05)
    return condition()


def _refused_at_once(demo: Path, holder_pid: int) -> None:
    """Eight commands at once against the open app: each refused at once, naming the holder."""
    with unchanged(demo):
        started = time.monotonic()
        tries = [start("-m", "jury_tui", "decide", demo, n, "admis") for n in
                 ("02602", "02603", "02604", "02616", "02619", "02620", "02634", "02636")]
        results = [p.communicate(timeout=30) for p in tries]
        elapsed = time.monotonic() - started
    assert elapsed < 5, f"{len(tries)} refusals took {elapsed:.1f} s: they must not wait"
    for p, (out, err) in zip(tries, results):
        assert p.returncode == 1
        assert f"La session {demo} est ouverte pour écriture par" in err
        assert f"sur {socket.gethostname()} (pid {holder_pid})" in err
        assert "ouvrez en lecture seule" in err and out == ""
        assert "Traceback" not in err


@pytest.mark.slow
@linux_only
def test_an_open_app_refuses_commands_feeds_a_follower_live_and_can_be_taken_over(demo):
    """The writer is `jury open` in a terminal; the follower and the one who takes over are
    apps in this process (the same OS user on the same host, as a take-over requires)."""
    from jury_tui.tui import make_app
    from jury_tui.tui.screens.dialogs import ConfirmDialog

    seams.set_identity(seams.system_identity)
    store = SessionFile(demo)
    writer = AppInTerminal(demo)
    try:
        assert writer.until(lambda: store.holder() is not None, 20), "the app never held the session"
        assert store.holder()["kind"] == "app" and store.holder()["pid"] == writer.pid
        _refused_at_once(demo, writer.pid)
        assert results_json(demo)["02602"]["decision"] is None  # reading is never blocked

        async def scenario():
            follower = make_app(demo, poll_interval=0.1)
            async with follower.run_test(size=(80, 24)) as fp:
                await fp.pause(0.3)
                assert not follower.model.writable
                assert "LECTURE SEULE" in follower.bar_texts()[1]
                await fp.press("2")
                await fp.pause(0.2)
                grid = follower.screen.grid
                # the writer confirms three proposals in a row; the follower shows each, live
                writer.press(b"2", b"\r", b"\r", b"\r", b"\r", pause=0.5)
                for numero in ("02601", "02602", "02603"):
                    assert await _wait_for(fp, lambda n=numero: grid.line(n).decision == "admis"), numero
                assert follower.perform(follower.session.decide, "02604", "admis")[0] is False  # read-only: refused
                # a second app takes the session over
                taker = make_app(demo, take_over=True, poll_interval=0.1)
                async with taker.run_test(size=(80, 24)) as tp:
                    assert await _wait_for(tp, lambda: isinstance(taker.screen, ConfirmDialog))
                    await tp.press("o")
                    assert await _wait_for(tp, lambda: taker.model.writable, 15)
                    assert taker.perform(taker.session.decide, "02604", "admis")[0]
                    assert await _wait_for(fp, lambda: grid.line("02604").decision == "admis")
                    assert "écriture" in taker.bar_texts()[1]
                    await tp.press("ctrl+q")

        asyncio.run(scenario())
        assert writer.wait(10) == 128 + signal.SIGTERM, "the writer was asked to leave, and left"
    finally:
        writer.close()
    audit = store.load().audit
    reprise = [e for e in audit if e["action"] == "reprise"]
    assert len(reprise) == 1 and reprise[0]["apres"]["pid"] == writer.pid
    decided = [e["cible"] for e in audit if e["action"] == "decision"]
    assert decided == ["02601", "02602", "02603", "02604"], "nothing the writer confirmed was lost"
    assert store.verify() == []
    assert store.holder() is None
    p = jury_process("decide", demo, "02605", "ajourne", "--livret-examine")  # free again
    assert p.returncode == 0, p.stderr

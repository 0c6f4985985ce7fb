"""The store across real processes: concurrent writers, the lock, SIGKILL mid-save."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jury_tui.errors import LockBusy
from jury_tui.store import SessionFile

WORKER = Path(__file__).parent / "store_helpers" / "worker.py"


def new_state() -> dict:
    return {"schema": 1, "header": {"academie": "Lyon", "annee": 2026, "jury": "MOS-1", "tz": "Europe/Paris"},
            "regulation": {"source": "bts-mos", "toml": ""}, "members": [],
            "candidates": {}, "tours": {"1": {}}}


@pytest.fixture
def session(tmp_path) -> SessionFile:
    return SessionFile.create(tmp_path / "demo.json", new_state())


def start(*args, identity: str | None = None) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop("JURY_TEST_IDENTITY", None)
    if identity:
        env["JURY_TEST_IDENTITY"] = identity
    return subprocess.Popen([sys.executable, str(WORKER), *map(str, args)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def expect_line(proc: subprocess.Popen, expected: str) -> None:
    line = proc.stdout.readline().strip()
    assert line == expected, (line, proc.stderr.read() if proc.poll() is not None else "")


def touch(session: SessionFile, wait: float) -> None:
    with session.transaction(wait=wait) as tx:
        tx.state["tours"]["1"]["touche"] = True
        tx.record("touche")


def test_two_writers_lose_nothing(session):
    workers = [start("count", session.path, key, 100, 0.005) for key in ("a", "b")]
    for proc in workers:
        expect_line(proc, "ready")
    for proc in workers:  # start together
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in workers:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    snap = SessionFile(session.path).load()
    assert snap.state["tours"]["compteurs"] == {"a": 100, "b": 100}
    assert len(snap.audit) == 201
    assert [e["seq"] for e in snap.audit] == list(range(1, 202))
    assert session.verify() == []
    increments = {key: [e["apres"] for e in snap.audit if e["cible"] == key] for key in ("a", "b")}
    assert increments == {"a": list(range(1, 101)), "b": list(range(1, 101))}
    turns = sum(1 for x, y in zip(snap.audit[1:], snap.audit[2:]) if x["cible"] != y["cible"])
    assert turns >= 4  # they did interleave: each re-read what the other wrote


def test_an_app_holder_in_another_process_refuses_at_once_then_dies_freeing_the_lock(session):
    holder = start("hold", session.path, "app", 60)
    try:
        expect_line(holder, "held")
        t0 = time.monotonic()
        with pytest.raises(LockBusy) as caught:
            touch(session, wait=5)
        assert time.monotonic() - t0 < 2.5  # at once: far below the 5 s wait
        message = str(caught.value)
        assert "est ouverte pour écriture par" in message and f"(pid {holder.pid})" in message
        assert caught.value.holder["pid"] == holder.pid and caught.value.holder["kind"] == "app"
        assert session.holder()["pid"] == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    assert session.holder() is None
    touch(session, wait=0)
    assert session.verify() == []


def test_a_short_cli_holder_is_waited_for(session):
    slow = start("slow", session.path, 1.0)
    expect_line(slow, "locked")
    t0 = time.monotonic()
    touch(session, wait=5)
    waited = time.monotonic() - t0
    assert slow.wait(timeout=10) == 0
    assert 0.6 < waited < 4
    snap = session.load()
    assert [e["action"] for e in snap.audit] == ["creation", "lent", "touche"]
    assert session.verify() == []


def test_take_over_signals_the_same_users_app(session):
    holder = start("hold", session.path, "app", 60, identity="secretariat,serveur-examens")
    try:
        expect_line(holder, "held")
        info = session.signal_holder(signal.SIGTERM)
        assert info["pid"] == holder.pid
        assert holder.wait(timeout=10) == -signal.SIGTERM
    finally:
        if holder.poll() is None:
            holder.kill()
    touch(session, wait=1)


def test_sigkill_during_saves_never_loses_a_confirmed_save(session):
    rng = random.Random(20260620)
    confirmed: list[int] = []
    for round_number in range(6):
        first = round_number * 1000
        saver = start("save", session.path, first)
        time.sleep(rng.uniform(0.15, 0.5))
        saver.send_signal(signal.SIGKILL)
        out, _ = saver.communicate(timeout=10)
        this_round = [int(line.split()[1]) for line in out.splitlines() if line.startswith("confirmed ")]
        confirmed += this_round
        fresh = SessionFile(session.path)
        snap = fresh.load()
        assert fresh.verify() == []
        assert fresh.holder() is None
        numeros = {int(n) for n in snap.state["candidates"]}
        assert set(confirmed) <= numeros
        # beyond what was confirmed, at most the one save in flight when killed
        in_flight = max(this_round, default=first - 1) + 1
        assert {n for n in numeros if n >= first} - set(this_round) <= {in_flight}
    assert len(confirmed) > 20
    touch(session, wait=0)
    leftovers = [p.name for p in session.path.parent.iterdir() if p.name.startswith(".demo.json.tmp-")]
    assert leftovers == []

"""The single-writer lock, within one process (flock is per open file description)."""

from __future__ import annotations

import fcntl
import os
import signal
import time

import orjson
import pytest

from jury_tui import seams
from jury_tui.errors import JuryError, LockBusy
from jury_tui.store import SessionFile


def new_state() -> dict:
    return {"schema": 1, "header": {"academie": "Lyon", "annee": 2026, "jury": "MOS-1", "tz": "Europe/Paris"},
            "regulation": {"source": "bts-mos", "toml": ""}, "members": [],
            "candidates": {}, "tours": {"1": {}}}


@pytest.fixture
def pair(tmp_path) -> tuple[SessionFile, SessionFile]:
    path = tmp_path / "demo.json"
    return SessionFile.create(path, new_state()), SessionFile(path)


def touch(session: SessionFile, wait: float = 5.0) -> None:
    with session.transaction(wait=wait) as tx:
        tx.state["tours"]["1"]["n"] = tx.state["tours"]["1"].get("n", 0) + 1
        tx.record("touch")


def test_a_cli_holder_makes_others_wait_then_refuse(pair):
    first, second = pair
    first.hold("cli")
    start = time.monotonic()
    with pytest.raises(LockBusy) as caught:
        touch(second, wait=0.3)
    assert 0.25 <= time.monotonic() - start < 2
    message = str(caught.value)
    assert f"en cours de modification par secretariat sur serveur-examens (pid {os.getpid()})" in message
    assert str(first.path) in message and "réessayez" in message
    assert caught.value.holder["kind"] == "cli"


def test_an_app_holder_is_refused_at_once_with_who_and_since(pair):
    first, second = pair
    first.hold("app")
    start = time.monotonic()
    with pytest.raises(LockBusy) as caught:
        touch(second, wait=5)
    assert time.monotonic() - start < 2.5  # at once: far below the 5 s a waiting writer would take
    assert str(caught.value) == (
        f"La session {first.path} est ouverte pour écriture par secretariat sur serveur-examens "
        f"(pid {os.getpid()}) depuis 10:00 ; attendez que l'application soit fermée, ou ouvrez en lecture seule."
    )
    with pytest.raises(LockBusy):
        second.hold("app")


def test_holder_names_another_holder_only(pair):
    first, second = pair
    assert first.holder() is None and second.holder() is None
    first.hold("app")
    info = second.holder()
    assert {k: info[k] for k in ("user", "host", "pid", "kind", "actor")} == {
        "user": "secretariat", "host": "serveur-examens", "pid": os.getpid(), "kind": "app",
        "actor": "secretariat"}
    assert info["since"].startswith("2026-06-20T08:00:")
    assert first.holder() is None  # this object holds it
    first.release()
    assert second.holder() is None
    assert first.lock_path.read_bytes() == b""


def test_the_holder_writes_through_its_own_lock_and_release_frees_it(pair):
    first, second = pair
    first.hold("app")
    touch(first)
    touch(first)
    assert first.held
    first.release()
    touch(second)
    assert second.load().state["tours"]["1"]["n"] == 3


def test_a_release_during_a_transaction_waits_for_its_end(pair):
    first, second = pair
    first.hold("app")
    with first.transaction() as tx:
        first.release()
        assert first.held and second.holder() is not None
        tx.state["tours"]["1"]["n"] = 1
        tx.record("touch")
    assert not first.held and second.holder() is None


DEAD_APP = {"user": "secretariat", "host": "serveur-examens", "pid": 2**22 + 12345, "since": "x",
            "kind": "app", "actor": "anne"}


def test_a_hold_taken_inside_a_transaction_outlives_it(pair):
    first, second = pair
    with first.transaction() as tx:
        first.hold("app")
        tx.state["tours"]["1"]["n"] = 1
        tx.record("touch")
    assert first.held and second.holder()["kind"] == "app"
    first.release()
    assert second.holder() is None


def test_leftover_information_of_a_dead_app_does_not_block(pair):
    first, second = pair
    first.lock_path.write_bytes(orjson.dumps(DEAD_APP))
    start = time.monotonic()
    touch(second)
    assert time.monotonic() - start < 2.5  # not blocked: far below the 5 s wait


@pytest.mark.parametrize("content", [b"", orjson.dumps(DEAD_APP), b"{tronqu"])
def test_a_holder_that_has_not_said_who_it_is_is_waited_for(pair, content):
    first, second = pair
    first.lock_path.write_bytes(content)
    fd = os.open(first.lock_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        start = time.monotonic()
        with pytest.raises(LockBusy, match="verrouillée par un autre processus ; réessayez"):
            touch(second, wait=0.3)
        assert time.monotonic() - start >= 0.25
    finally:
        os.close(fd)
    touch(second, wait=0)


def test_nested_transactions_on_one_object_are_a_bug(pair):
    first, _ = pair
    with pytest.raises(RuntimeError):
        with first.transaction():
            with first.transaction():
                pass


def test_take_over_asks_only_the_same_user_on_the_same_host(pair):
    first, second = pair
    with pytest.raises(JuryError, match="n'est tenue par personne"):
        second.signal_holder(0)
    first.hold("app")
    assert second.signal_holder(0)["pid"] == os.getpid()  # signal 0: the process exists
    seams.set_identity(lambda acting_as: seams.Identity("paul", "paul", "serveur-examens", None))
    with pytest.raises(JuryError, match="seul ce compte") as caught:
        second.signal_holder(signal.SIGTERM)
    assert "secretariat sur serveur-examens" in str(caught.value)


def test_a_lock_that_cannot_be_opened_is_explained(tmp_path, monkeypatch):
    session = SessionFile.create(tmp_path / "demo.json", new_state())
    os.unlink(session.lock_path)
    os.mkdir(session.lock_path)  # not a file: opening it for writing fails
    with pytest.raises(JuryError, match="Impossible de verrouiller la session"):
        touch(session)

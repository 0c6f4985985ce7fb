"""No English system text inside a French message (an OS error, what a JSON or TOML parser
found), and a lock-wait message that tells how long the session has been held, says when its
holder looks stopped and what to do, in neutral words."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cli_helpers import jury, jury_process, unchanged

# Words of the system's English messages that must never reach a user.
ENGLISH = ("Is a directory", "No such file", "Permission denied", "Not a directory", "unexpected end of data",
           "is not supported", "Too many levels", "Invalid value", "Expecting", "line 1 column", "(char ")


def french_only(text: str) -> None:
    for words in ENGLISH:
        assert words not in text, (words, text)


@pytest.mark.parametrize("number", sorted(errno.errorcode))
def test_every_os_error_is_said_in_french(number):
    from jury_tui.errors import os_cause

    cause = os_cause(OSError(number, os.strerror(number)))
    assert os.strerror(number) not in cause or os.strerror(number) == cause == "", cause


def test_a_lock_that_is_a_folder_is_said_in_french(demo):
    lock = demo.with_name("session.json.lock")
    lock.mkdir()
    with unchanged(demo):
        result = jury("decide", demo, "02602", "admis")
    assert result.exit_code == 1
    french_only(result.stderr)
    assert f"le verrou {lock} est un dossier" in result.stderr and f"rmdir {lock}" in result.stderr


@pytest.mark.parametrize(("content", "said"), [
    (b'{"audit":', "JSON invalide, ligne 1, colonne 10 : le fichier s'arrête avant la fin du JSON (tronqué ?)"),
    (b"\xef\xbb\xbf{}", "JSON invalide, ligne 1, colonne 1 : le fichier commence par une marque d'ordre des octets"),
    (b'{"audit": {}, "session": {"1": {"a": 1,}}}', "virgule en trop"),
])
def test_a_session_that_does_not_parse_is_placed_in_french(tmp_path, content, said):
    session = tmp_path / "session.json"
    session.write_bytes(content)
    for command in (("results", session), ("decide", session, "02602", "admis"), ("audit", session, "--verify")):
        with unchanged(session):
            result = jury(*command)
        assert result.exit_code == 1
        french_only(result.stderr)
        assert said in result.stderr, result.stderr


def test_a_regulation_that_does_not_parse_is_placed_in_french(demo, tmp_path):
    regulation = tmp_path / "reglement.toml"
    regulation.write_text('[diplome]\nnom = BTS\n', encoding="utf-8")
    with unchanged(demo):
        result = jury("regulation", "apply", demo, regulation)
    assert result.exit_code == 1
    french_only(result.stderr)
    assert "fichier TOML illisible, ligne 2, colonne 7 : valeur mal écrite" in result.stderr, result.stderr


def test_the_parsers_messages_all_have_their_french():
    import json
    import tomllib

    import orjson

    from jury_tui.system_text import json_cause, toml_cause

    for bad in (b'{"a":', b"\xef\xbb\xbf{}", b'{"a":1,}', b"[1 2]", b"{a:1}", b'{"a": tru}', b"{} x", b'"\x01"',
                b"[-]", b"[" * 2000, b'{"a" 1}'):
        for parse in (orjson.loads, json.loads):
            try:
                parse(bad)
            except ValueError as exc:
                assert "JSON mal formé" not in json_cause(exc), (bad, exc)
                french_only(json_cause(exc))
            except RecursionError:
                pass  # json's own limit: the importer says « imbrication trop profonde »
    for bad in ("x = \n", "[a\n", "a = 1\na = 2\n", 'a = "x\n', "a b = 1\n", "= 1\n", "a = 1 b\n"):
        with pytest.raises(tomllib.TOMLDecodeError) as caught:
            tomllib.loads(bad)
        assert "TOML mal formé" not in toml_cause(caught.value), (bad, caught.value)


def test_a_json_import_cut_short_is_said_in_french(demo, tmp_path):
    cut = tmp_path / "candidats.json"
    cut.write_text('{"candidats": [{"numero": "02699", "nom": "NOUVEAU"', encoding="utf-8")
    with unchanged(demo):
        result = jury("import", "candidates", demo, cut)
    assert result.exit_code == 1
    french_only(result.stderr)
    assert "JSON invalide" in result.stderr


# ---- the lock-wait message ----------------------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sys, time
    from datetime import datetime, timedelta, timezone
    from jury_tui import seams
    from jury_tui.store import SessionFile
    an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1, minutes=5)
    seams.set_clock(lambda: an_hour_ago)
    store = SessionFile(sys.argv[1])
    store.hold(sys.argv[2])
    print("held", flush=True)
    time.sleep(120)
""")


@pytest.fixture
def holder(demo):
    """A process that took the session an hour ago (its clock says so) and still holds it."""
    processes = []

    def start(kind: str) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo), kind], stdout=subprocess.PIPE, text=True)
        processes.append(process)
        assert process.stdout.readline().strip() == "held"
        return process

    yield start
    for process in processes:
        process.send_signal(signal.SIGCONT)
        process.kill()
        process.wait(timeout=30)


def wait_refused(demo: Path) -> str:
    """The refusal of a real `jury decide` (its own clock, host and account, as the holder's)."""
    with unchanged(demo):
        result = jury_process("decide", demo, "02602", "admis", env={"JURY_WAIT": "0.3"})
    assert result.returncode == 1
    french_only(result.stderr)
    return result.stderr


def test_a_stopped_holder_is_named_as_stopped_with_what_to_do(demo, holder):
    process = holder("cli")
    process.send_signal(signal.SIGSTOP)
    message = wait_refused(demo)
    assert f"(pid {process.pid}) depuis " in message and "(1 h 05 min)" in message, message
    assert "ce processus est suspendu (Ctrl-Z ?) et garde la session" in message
    assert f"kill -CONT {process.pid}" in message and f"kill {process.pid}" in message
    assert "réessayez dans un instant" not in message


def test_a_command_holding_for_an_hour_is_said_to_look_blocked(demo, holder):
    process = holder("cli")
    message = wait_refused(demo)
    assert "(1 h 05 min) : une commande ne garde pas la session si longtemps, ce processus semble bloqué" in message
    assert f"kill {process.pid}" in message and "réessayez dans un instant" not in message


def test_the_app_holder_is_spoken_of_in_neutral_words(demo, holder):
    process = holder("app")
    message = wait_refused(demo)
    assert "attendez que l'application soit fermée, ou ouvrez en lecture seule" in message
    assert "qu'elle" not in message and "qu'il" not in message
    process.send_signal(signal.SIGSTOP)
    message = wait_refused(demo)
    assert "cette application est suspendue (Ctrl-Z ?) et garde la session" in message

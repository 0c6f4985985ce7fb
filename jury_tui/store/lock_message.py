"""What a user is told when the session is held: by whom, since when, for how long, and what
to do — including when the holder looks stopped.

A command's transaction holds the lock for well under a second, so a command holder seen
for more than `LONG` seconds, or a holder whose process is suspended (state T: Ctrl-Z, a
debugger), is not going to let go by itself: the message says so and how to end it instead
of « réessayez dans un instant ». The state of a process is read from /proc, on this host
only; a holder on another computer is judged by the time it has held the session.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jury_tui import seams
from jury_tui.store.timefmt import local

LONG = 60  # seconds: far longer than any command's transaction


def describe(info: dict) -> str:
    """«anne sur serveur (pid 1234)», or «anne (compte jury) sur …» when they differ."""
    actor, user = info.get("actor") or info.get("user") or "?", info.get("user")
    who = f"{actor} (compte {user})" if user and user != actor else actor
    return f"{who} sur {info.get('host') or '?'} (pid {info.get('pid') or '?'})"


def busy_message(session: Path, info: dict | None, tz: str | None) -> str:
    if not info:
        return f"La session {session} est verrouillée par un autre processus ; réessayez dans un instant."
    since, seconds = _since(info, tz)
    stopped = _stopped(info)
    pid = info.get("pid") or "?"
    if info.get("kind") == "app":
        start = f"La session {session} est ouverte pour écriture par {describe(info)} depuis {since}"
        if stopped:
            return (f"{start} ; cette application est suspendue (Ctrl-Z ?) et garde la session : reprenez-la "
                    f"(« fg » dans son terminal, ou kill -CONT {pid}) puis quittez-la, ou arrêtez-la (kill {pid}) ; "
                    f"sinon ouvrez en lecture seule.{_whose(info)}")
        return f"{start} ; attendez que l'application soit fermée, ou ouvrez en lecture seule."
    start = f"La session {session} est en cours de modification par {describe(info)} depuis {since}"
    if stopped:
        return (f"{start} ; ce processus est suspendu (Ctrl-Z ?) et garde la session : reprenez-le (« fg » dans "
                f"son terminal, ou kill -CONT {pid}) ou arrêtez-le (kill {pid}), puis recommencez.{_whose(info)}")
    if seconds is not None and seconds > LONG:
        return (f"{start} : une commande ne garde pas la session si longtemps, ce processus semble bloqué ; "
                f"vérifiez-le (ps -o stat,etime,args -p {pid}) et arrêtez-le s'il le faut (kill {pid}), "
                f"puis recommencez.{_whose(info)}")
    return f"{start} ; réessayez dans un instant."


def _since(info: dict, tz: str | None) -> tuple[str, float | None]:
    """« 10:00 », « 10:00 (1 h 05 min) » past a minute, « le 19/06 à 10:00 (…) » another day;
    and the seconds it has been held (None when unknown)."""
    raw = info.get("since")
    try:
        moment = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
        seconds = (seams.now() - moment).total_seconds()
    except (TypeError, ValueError):
        return local(raw, tz, "%H:%M"), None
    text = local(raw, tz, "%H:%M")
    if local(raw, tz, "%d/%m/%Y") != local(seams.now_iso(), tz, "%d/%m/%Y"):
        text = f"le {local(raw, tz, '%d/%m')} à {text}"
    if seconds >= LONG:
        text += f" ({_duration(seconds)})"
    return text, seconds


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    return f"{hours // 24} jours"


def _stopped(info: dict) -> bool:
    """Whether the holder's process, on this host, is suspended (state T or t in /proc)."""
    pid = info.get("pid")
    if info.get("host") != seams.identity().host or type(pid) is not int or pid <= 0:
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return False
    fields = stat[stat.rfind(b")") + 2 :].split()  # after « pid (command) »
    return bool(fields) and fields[0] in (b"T", b"t")


def _whose(info: dict) -> str:
    """A word for when the process belongs to another account than the reader's."""
    user = info.get("user")
    if user and user != seams.identity().user:
        return f" Ce processus appartient au compte {user} : c'est à ce compte (ou à l'administrateur) d'agir."
    return ""

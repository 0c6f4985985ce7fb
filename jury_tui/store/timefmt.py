"""Stored times (ISO-8601 UTC) shown in the session's time zone."""

from __future__ import annotations

from datetime import datetime

from jury_tui.store.schema import DEFAULT_TZ


def local(iso: object, tz: str | None = None, fmt: str = "%d/%m/%Y %H:%M:%S") -> str:
    """`iso` in the zone `tz` (default Europe/Paris) with `fmt`; the raw value if unparsable."""
    if not isinstance(iso, str):
        return "?"
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only when a time is shown

    try:
        zone = ZoneInfo(tz or DEFAULT_TZ)
    except (ZoneInfoNotFoundError, ValueError):
        return moment.strftime(fmt) + " UTC"
    return moment.astimezone(zone).strftime(fmt)

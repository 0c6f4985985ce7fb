"""Shared fixtures: a fixed clock and identity for reproducible audit chains and snapshots."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jury_tui import seams


class FakeClock:
    """Starts at 2026-06-20 08:00 UTC and advances one second at each reading."""

    def __init__(self) -> None:
        self.t = datetime(2026, 6, 20, 8, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


@pytest.fixture(autouse=True)
def fixed_seams():
    clock = FakeClock()
    seams.set_clock(clock)
    seams.set_identity(
        lambda acting_as: seams.Identity(
            actor=acting_as or "secretariat", user="secretariat", host="serveur-examens", ssh_client=None
        )
    )
    yield clock
    seams.reset()

"""The digest says when each held message arrived on the user's wall clock, DST included."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime

import pytest

from notifyzen.ui.digest_words import when


@pytest.fixture
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_message_from_before_the_clocks_went_back_shows_its_summer_time(amsterdam: None) -> None:
    """Held at 01:30 summer time on the night of 25 October, read at the 08:00 check-in (winter
    time): the digest says 01:30, as the phone and the desktop's clock did then."""
    arrived = datetime.fromisoformat("2026-10-25T01:30:00+02:00")
    checkin = datetime.fromisoformat("2026-10-25T08:00:00").astimezone()  # how RealClock gives it
    assert checkin.utcoffset() is not None and checkin.utcoffset().total_seconds() == 3600  # type: ignore[union-attr]
    assert when(arrived, checkin) == "01:30"
    # and the same instant in UTC, as the history stores it
    assert when(datetime.fromisoformat("2026-10-24T23:30:00+00:00"), checkin) == "01:30"


def test_a_clock_in_another_zone_keeps_its_own_offset(amsterdam: None) -> None:
    """A demo's clock (--clock ...-05:00) is not in the system zone: times follow the clock."""
    now = datetime.fromisoformat("2026-11-14T12:00:00-05:00")
    assert when(datetime.fromisoformat("2026-11-14T15:30:00+00:00"), now) == "10:30"

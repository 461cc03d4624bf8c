"""`notifyzen status` and the tray name the calendar's meeting as the reason for focus (issue 19)."""

from __future__ import annotations

from typing import Any

from notifyzen.commands.status import describe

STATUS: dict[str, Any] = {
    "mode": "server",
    "pid": 1,
    "clock": "2026-11-17T10:05:00+01:00",
    "focus_window": "meeting",
    "meeting": {"title": "Architecture review", "calendar": "Work", "until": "2026-11-17T11:00:00+01:00"},
}


def test_status_says_which_calendar_and_until_when() -> None:
    assert "focus window now: meeting (Calendar: Work, until 11:00)" in describe(STATUS)


def test_a_focus_of_ones_own_is_not_the_calendars() -> None:
    mine = {**STATUS, "focus_window": "focus", "manual_focus": True, "meeting": None}
    assert "Calendar" not in describe(mine)


def test_the_tray_says_in_a_meeting_until(qapp: Any) -> None:
    from notifyzen.ui.tray import state_text

    assert state_text(STATUS) == "In a meeting until 11:00 (Calendar: Work)"
    assert state_text({**STATUS, "meeting": None}) == "Focus: meeting"


def test_a_calendar_of_focus_blocks_is_named_by_its_window(qapp: Any) -> None:
    from notifyzen.ui.tray import state_text

    block = {**STATUS, "focus_window": "deep work", "meeting": {**STATUS["meeting"], "calendar": "Focus"}}
    assert state_text(block) == "Deep work until 11:00 (Calendar: Focus)"

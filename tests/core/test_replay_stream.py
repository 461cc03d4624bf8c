"""The JSONL exchange format: what `history --jsonl` writes and `rules simulate --input` reads."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notifyzen.core.model import Notification, Source, Urgency
from notifyzen.core.replay import to_jsonl_dict
from notifyzen.core.stream import Presence, StreamError, parse_lines, to_jsonl_line

CET = timezone(timedelta(hours=1))
ISSUE_EXAMPLE = (
    '{"at": "2026-11-16T09:14:03+01:00", "source": "phone", "app_name": "Signal", '
    '"desktop_entry": "org.signal.Signal", "summary": "Anke", "body": "Lunch at 1?", "sender": "Anke", '
    '"urgency": "low", "category": "im.received", "device": "Pixel 7"}'
)


def test_the_documented_line_reads_as_that_notification() -> None:
    [entry] = parse_lines([ISSUE_EXAMPLE], "week.jsonl")
    assert entry.line == 1
    assert entry.event == Notification(
        app_name="Signal",
        summary="Anke",
        body="Lunch at 1?",
        at=datetime(2026, 11, 16, 9, 14, 3, tzinfo=CET),
        source=Source.PHONE,
        urgency=Urgency.LOW,
        category="im.received",
        desktop_entry="org.signal.Signal",
        sender="Anke",
        device="Pixel 7",
    )


def test_only_at_app_and_summary_are_required_and_unknown_keys_are_ignored() -> None:
    [entry] = parse_lines(
        ['{"at": "2026-11-16T09:14:03Z", "app_name": "Strava", "summary": "Kudos", "x": 1}'], "f"
    )
    n = entry.event
    assert isinstance(n, Notification)
    assert (n.body, n.source, n.urgency, n.sender, n.device) == (
        "",
        Source.DESKTOP,
        Urgency.NORMAL,
        None,
        None,
    )


def test_idle_and_active_lines_are_presence_changes_and_blank_lines_are_skipped() -> None:
    entries = parse_lines(
        [
            '{"at": "2026-11-16T12:00:00+01:00", "event": "idle"}',
            "",
            '{"at": "2026-11-16T12:40:00+01:00", "event": "active"}',
        ],
        "f",
    )
    assert [(e.line, e.event) for e in entries] == [
        (1, Presence(datetime(2026, 11, 16, 12, tzinfo=CET), idle=True)),
        (3, Presence(datetime(2026, 11, 16, 12, 40, tzinfo=CET), idle=False)),
    ]


GOOD = '{"at": "2026-11-16T09:14:03+01:00", "app_name": "Signal", "summary": "Anke"}'


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ('{"at": "2026-11-16T09:14:03", "app_name": "Signal", "summary": "Anke"}', "has no UTC offset"),
        ('{"app_name": "Signal", "summary": "Anke"}', 'missing "at"'),
        ('{"at": "yesterday", "app_name": "Signal", "summary": "Anke"}', "not an ISO 8601 time"),
        ('{"at": "2026-11-16T09:14:03+01:00", "summary": "Anke"}', 'missing "app_name"'),
        ('{"at": "2026-11-16T09:14:03+01:00", "app_name": "Signal"}', 'missing "summary"'),
        ('{"at": "2026-11-16T09:14:03+01:00", "app_name": 7, "summary": "x"}', '"app_name" must be a string'),
        (
            '{"at": "2026-11-16T09:14:03+01:00", "app_name": "a", "summary": "x", "urgency": "high"}',
            "urgency",
        ),
        ('{"at": "2026-11-16T09:14:03+01:00", "app_name": "a", "summary": "x", "source": "watch"}', "source"),
        ('{"at": "2026-11-16T09:14:03+01:00", "app_name": "a", "summary": "x", "sender": 3}', '"sender"'),
        ('{"at": "2026-11-16T09:14:03+01:00", "event": "asleep"}', '"event" must be "idle" or "active"'),
        ('{"at": "2026-11-16T09:14:03+01:00", "app_name": "a",', "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_a_bad_line_is_named_with_file_line_and_what_is_wrong(line: str, complaint: str) -> None:
    with pytest.raises(StreamError) as caught:
        parse_lines([GOOD, "", line, GOOD], "week.jsonl")
    [problem] = caught.value.problems
    assert str(problem).startswith("week.jsonl:3: ")
    assert complaint in str(problem)


def test_every_bad_line_is_reported_at_once() -> None:
    with pytest.raises(StreamError) as caught:
        parse_lines(["{}", GOOD, "nope", GOOD], "w.jsonl")
    assert [p.line for p in caught.value.problems] == [1, 3]
    assert str(caught.value).splitlines() == [
        'w.jsonl:1: missing "at"',
        "w.jsonl:3: not valid JSON (Expecting value at column 1)",
    ]


def test_the_dict_is_exactly_the_documented_shape() -> None:
    n = Notification(app_name="Signal", summary="Anke", at=datetime(2026, 11, 16, 9, 14, 3, tzinfo=CET))
    assert to_jsonl_dict(n) == {
        "at": "2026-11-16T09:14:03+01:00",
        "source": "desktop",
        "app_name": "Signal",
        "desktop_entry": None,
        "summary": "Anke",
        "body": "",
        "sender": None,
        "urgency": "normal",
        "category": None,
        "device": None,
    }
    assert to_jsonl_dict(Presence(n.at, idle=True)) == {"at": "2026-11-16T09:14:03+01:00", "event": "idle"}


_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
_optional = st.none() | _text.filter(bool)


def _moments(zones: st.SearchStrategy[timezone]) -> st.SearchStrategy[datetime]:
    """Any moment a replay can compute with (year 1 and 9999 overflow in UTC; parse_lines refuses them)."""
    return st.datetimes(min_value=datetime(2, 1, 2), max_value=datetime(9998, 12, 30), timezones=zones)


_notifications = st.builds(
    Notification,
    app_name=_text,
    summary=_text,
    at=_moments(st.sampled_from([CET, UTC, timezone(timedelta(hours=-7, minutes=-30))])),
    body=_text,
    source=st.sampled_from(Source),
    urgency=st.sampled_from(Urgency),
    category=_optional,
    desktop_entry=_optional,
    sender=_optional,
    device=_optional,
    time_sensitive=st.booleans(),
)


@given(st.lists(_notifications | st.builds(Presence, at=_moments(st.just(CET)), idle=st.booleans())))
def test_what_is_written_reads_back_as_the_same_events(events: list[Notification | Presence]) -> None:
    text = "\n".join(to_jsonl_line(e) for e in events)
    assert all("\n" not in json.dumps(to_jsonl_dict(e)) for e in events)
    assert [e.event for e in parse_lines(text.splitlines(), "f")] == events


def test_a_file_saved_with_a_byte_order_mark_reads_like_one_without() -> None:
    """Windows editors (Notepad, Excel's "CSV UTF-8") start the file with U+FEFF; the first line is
    still a notification, not "not valid JSON"."""
    [entry] = parse_lines(["\ufeff" + GOOD + "\r\n"], "week.jsonl")
    assert entry.line == 1 and isinstance(entry.event, Notification)


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ('{"at": 1' + "1" * 5000 + "}", "not valid JSON"),  # int() refuses 4300+ digits (ValueError)
        ("[" * 100_000, "not valid JSON"),  # the decoder's recursion limit (RecursionError)
        ('{"at": "0001-01-01T00:00:00+01:00", "app_name": "a", "summary": "x"}', "out of range"),
        ('{"at": "9999-12-31T23:59:59-01:00", "app_name": "a", "summary": "x"}', "out of range"),
        ('{"at": "2026-11-16T09:14:03+01:00", "app_name": "a\\ud800", "summary": "x"}', '"app_name"'),
        (
            '{"at": "2026-11-16T09:14:03+01:00", "app_name": "a", "summary": "x", "sender": "\\udfff"}',
            "sender",
        ),
    ],
    ids=["huge-number", "deep-nesting", "year-1", "year-9999", "half-emoji-app", "half-emoji-sender"],
)
def test_hostile_lines_are_named_errors_not_crashes(line: str, complaint: str) -> None:
    """Each of these once escaped as a traceback (or, for a half emoji, crashed the printed table)."""
    with pytest.raises(StreamError) as caught:
        parse_lines([GOOD, line], "week.jsonl")
    [problem] = caught.value.problems
    assert str(problem).startswith("week.jsonl:2: ")
    assert complaint in str(problem)


def test_source_is_read_without_regard_to_case_as_urgency_is() -> None:
    line = '{"at": "2026-11-16T09:14:03+01:00", "app_name": "a", "summary": "x", "source": " Phone", '
    [entry] = parse_lines([line + '"urgency": "CRITICAL"}'], "f")
    assert isinstance(entry.event, Notification)
    assert (entry.event.source, entry.event.urgency) == (Source.PHONE, Urgency.CRITICAL)


def test_a_phone_notifications_app_and_a_group_mark_survive_the_round_trip() -> None:
    """`match: {package: ...}` rules and group detection read hints: an exported week that lost
    them would replay otherwise than it was decided live (issue 16's package, issue 17's groups)."""
    at = datetime(2026, 11, 16, 9, 14, tzinfo=CET)
    phone = Notification(
        app_name="WhatsApp",
        summary="Family",
        at=at,
        source=Source.PHONE,
        hints={"x-android-package": "com.whatsapp", "x-notifyzen-group": "Family", "image-data": "x"},
    )
    line = to_jsonl_line(phone)
    assert json.loads(line)["package"] == "com.whatsapp"
    (entry,) = parse_lines([line], "f")
    assert isinstance(entry.event, Notification)
    assert dict(entry.event.hints) == {"x-android-package": "com.whatsapp", "x-notifyzen-group": "Family"}
    from notifyzen.core.rules import Match

    assert Match(package=frozenset({"com.whatsapp"})).fits(entry.event, person=False)


def test_a_bad_group_mark_is_named() -> None:
    with pytest.raises(StreamError) as caught:
        parse_lines(['{"at": "2026-11-16T09:00:00+01:00", "app_name": "a", "summary": "b", "group": 3}'], "w")
    assert str(caught.value) == 'w:1: "group" must be true, false or a name, not 3'

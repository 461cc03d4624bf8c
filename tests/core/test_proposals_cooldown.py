"""The cooldown rule feature (issue 20): a chatty thread comes as one pop-up, the rest waits.

Loaded from a real rule file as a user writes it, decided by the real Timeline on a simulated clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from notifyzen.core.config import Config
from notifyzen.core.model import Notification, ShownBy, Source, Verdict
from notifyzen.core.ruleload import load_rules
from notifyzen.core.timeline import Release, Timeline

ZONE = ZoneInfo("Europe/Berlin")
RULES = """\
rules:
  - name: Family in one pop-up
    match: {app: WhatsApp, sender: Family, cooldown: 10}
    action: hold
"""


def _msg(at: datetime, who: str = "Family", text: str = "Mum: dinner?") -> Notification:
    return Notification("WhatsApp", who, at, text, source=Source.PHONE, sender=who, device="Pixel 7")


def _timeline(tmp_path: Path) -> Timeline:
    path = tmp_path / "mine.yaml"
    path.write_text(RULES)
    rules, errors = load_rules([path])
    assert not errors and rules is not None
    return Timeline(rules, Config(zone=ZONE))


def test_a_chatty_group_pops_up_once_per_cooldown_and_the_rest_comes_with_the_next(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    t0 = datetime(2026, 12, 5, 16, 0, tzinfo=UTC)  # a Saturday afternoon: no focus window
    assert timeline.take(1, _msg(t0), t0).verdict is Verdict.DELIVER
    second = timeline.take(2, _msg(t0 + timedelta(minutes=3)), t0 + timedelta(minutes=3))
    assert second.verdict is Verdict.HOLD and second.rule == "Family in one pop-up"
    # Someone else is not folded into Family's cooldown.
    other = timeline.take(3, _msg(t0 + timedelta(minutes=4), "Sam", "hi"), t0 + timedelta(minutes=4))
    assert other.verdict is Verdict.DELIVER
    # The cooldown runs from the last pop-up: 12 minutes later Family pops up again, with what waited.
    later = t0 + timedelta(minutes=12)
    timeline.advance(later)
    assert timeline.take(4, _msg(later), later).verdict is Verdict.DELIVER
    came = timeline.advance(later)
    assert came == [Release(2, later.astimezone(ZONE), ShownBy.ARRIVAL)]


def test_explain_names_the_cooldown_in_words(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    rule = timeline.engine.ruleset.user[0]
    assert "within 10 min of the last pop-up from the same conversation" in rule.match.describe()
    assert rule.origin.endswith("mine.yaml:2")


def test_a_thread_that_goes_quiet_comes_as_one_pop_up_after_the_cooldown(tmp_path: Path) -> None:
    """Held follow-ups do not wait for tomorrow's check-in: once the thread has been quiet for
    the cooldown, what it held comes together, as one pop-up."""
    timeline = _timeline(tmp_path)
    t0 = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)  # Saturday evening: the next check-in is tomorrow 10:30
    timeline.take(1, _msg(t0), t0)
    for i, minutes in enumerate((2, 5, 8)):
        at = t0 + timedelta(minutes=minutes)
        timeline.advance(at)
        held = timeline.take(i + 2, _msg(at), at)
        assert held.verdict is Verdict.HOLD
    # The promise stays the check-in (a status reply tells it); the quiet thread comes sooner.
    assert held.release_at == datetime(2026, 12, 6, 10, 30, tzinfo=ZONE)  # Sunday morning
    assert timeline.advance(t0 + timedelta(minutes=17)) == []
    quiet = (t0 + timedelta(minutes=18)).astimezone(ZONE)
    came = timeline.advance(t0 + timedelta(minutes=30))
    assert came == [Release(i, quiet, ShownBy.HOLD_UNTIL) for i in (2, 3, 4)]


def test_just_before_deep_work_a_cooldown_holds_nothing_that_would_pop_up_inside_it(tmp_path: Path) -> None:
    """Its quiet moment would fall in the focus window: what it held would interrupt there, so
    the message comes as it would without the rule, before the window starts, with what waited."""
    path = tmp_path / "mine.yaml"
    path.write_text("windows:\n  - {name: deep work, days: mon-fri, times: 09:00-10:30}\n" + RULES)
    rules, errors = load_rules([path])
    assert not errors and rules is not None
    timeline = Timeline(rules, Config(zone=ZONE))
    t0 = datetime(2026, 12, 7, 8, 42, tzinfo=ZONE)  # Monday, before deep work (09:00)
    timeline.take(1, _msg(t0), t0)
    early = t0 + timedelta(minutes=3)  # 08:45, quiet at 08:55, before deep work: held
    timeline.advance(early)
    assert timeline.take(2, _msg(early), early).verdict is Verdict.HOLD
    late = t0 + timedelta(minutes=9)  # 08:51, in the cooldown; quiet at 09:01, in deep work: not held
    assert timeline.advance(late) == []
    decision = timeline.take(3, _msg(late), late)
    assert decision.verdict is Verdict.DELIVER and decision.rule == "default"
    assert timeline.advance(late) == [Release(2, late.astimezone(ZONE), ShownBy.ARRIVAL)]


def test_in_deep_work_a_let_through_persons_follow_ups_wait_for_the_window_to_end(tmp_path: Path) -> None:
    """Anke comes through in deep work, once per cooldown: her follow-ups go quiet inside the
    window, which is no moment for a pop-up, so they come at its end."""
    path = tmp_path / "mine.yaml"
    path.write_text(
        "windows:\n  - {name: deep work, days: mon-fri, times: 09:00-10:30}\n"
        "rules:\n"
        "  - {name: Anke in one pop-up, match: {sender: Anke, cooldown: 10}, action: hold}\n"
        "  - {name: Anke comes through, match: {sender: Anke}, during: [deep work], action: deliver}\n"
    )
    rules, errors = load_rules([path])
    assert not errors and rules is not None
    timeline = Timeline(rules, Config(zone=ZONE))
    t0 = datetime(2026, 12, 7, 9, 10, tzinfo=ZONE)
    assert timeline.take(1, _msg(t0, "Anke", "lunch?"), t0).rule == "Anke comes through"
    later = t0 + timedelta(minutes=2)
    timeline.advance(later)
    assert timeline.take(2, _msg(later, "Anke", "at 1?"), later).rule == "Anke in one pop-up"
    assert timeline.advance(datetime(2026, 12, 7, 10, 29, tzinfo=ZONE)) == []  # not at 09:22
    came = timeline.advance(datetime(2026, 12, 7, 10, 31, tzinfo=ZONE))
    assert [getattr(c, "released", None) for c in came] == [(2,)]


WEEK_RULES = """\
windows:
  - {name: deep work, days: mon-fri, times: [09:00-10:30, 11:00-12:30]}
rules:
  - {name: Family in one pop-up, match: {sender: Family, cooldown: 10}, action: hold}
  - {name: Anke in one pop-up, match: {sender: Anke, cooldown: 5}, action: hold}
  - {name: Anke comes through, match: {sender: Anke}, during: [deep work], action: deliver}
"""


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["Family", "Anke", "Sam"]), st.integers(0, 6 * 60 * 60)),
        min_size=1,
        max_size=40,
    )
)
def test_cooldowns_keep_every_promise_and_never_pop_up_in_focus(messages: list[tuple[str, int]]) -> None:
    """Any stream of chat on a Monday 08:00-14:00: every held message is shown by the moment it
    was promised, none is lost, and nothing a cooldown held pops up inside a focus window."""
    import tempfile

    from notifyzen.core.replay import Entry
    from notifyzen.core.whatif import simulate

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mine.yaml"
        path.write_text(WEEK_RULES)
        rules, errors = load_rules([path])
    assert not errors and rules is not None
    start = datetime(2026, 12, 7, 8, 0, tzinfo=ZONE)
    stream = sorted((start + timedelta(seconds=s), who) for who, s in messages)
    entries = [Entry(i + 1, _msg(at, who, "hi")) for i, (at, who) in enumerate(stream)]
    run = simulate(entries, rules, Config(zone=ZONE))
    assert len(run.outcomes) == len(entries)
    for o in run.outcomes:
        assert o.shown_at is not None, o  # nothing lost: everything is shown the same day
        promised = o.decision.release_at
        if o.decision.verdict is Verdict.HOLD and promised is not None:
            assert o.shown_at <= promised, o
        if o.shown_by is ShownBy.HOLD_UNTIL:  # a quiet thread's one pop-up
            assert run.in_focus(o.shown_at) is None, o

"""The flood gate on its own: a token bucket per app and sender, on the notifications' own clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from notifyzen.core.flood import FloodGate
from notifyzen.core.model import Notification, Urgency

T0 = datetime(2026, 11, 14, 12, 0, tzinfo=timezone(timedelta(hours=1)))


def n(app: str = "CI bot", sender: str | None = None, urgency: Urgency = Urgency.NORMAL) -> Notification:
    return Notification(app_name=app, summary="build failed", at=T0, sender=sender, urgency=urgency)


def admitted(gate: FloodGate, count: int, at: datetime = T0, **kw: object) -> int:
    return sum(gate.admit(n(**kw), at) for _ in range(count))  # type: ignore[arg-type]


def test_a_burst_gets_its_pop_ups_then_the_gate_closes() -> None:
    gate = FloodGate(burst=10, per_minute=10)
    assert admitted(gate, 1000) == 10


def test_the_bucket_refills_with_time() -> None:
    gate = FloodGate(burst=10, per_minute=10)
    admitted(gate, 100)
    assert admitted(gate, 5, T0 + timedelta(seconds=5)) == 0
    assert admitted(gate, 5, T0 + timedelta(seconds=31)) == 5  # 10 a minute: 5 after 30 s
    assert admitted(gate, 50, T0 + timedelta(hours=1)) == 10  # never more than the burst


def test_critical_is_never_gated() -> None:
    gate = FloodGate(burst=3)
    admitted(gate, 10)
    assert admitted(gate, 10, urgency=Urgency.CRITICAL) == 10


def test_other_apps_and_other_people_have_their_own_bucket() -> None:
    gate = FloodGate(burst=3)
    admitted(gate, 10, app="CI bot")
    assert admitted(gate, 3, app="Chat") == 3
    assert admitted(gate, 3, app="Chat", sender="Anke") == 3
    assert admitted(gate, 1, app="ci bot") == 0  # the same app, however it spells itself


def test_a_flood_of_distinct_names_does_not_grow_without_bound() -> None:
    gate = FloodGate(burst=2, max_sources=100)
    for i in range(10_000):
        gate.admit(n(app=f"app {i}"), T0)
    assert len(gate._buckets) <= 100

"""What recording reactions (issue 20) costs the history's writes: an arrival that pops up now also
writes its "shown" reaction (in the same commit, inside the Notify round trip), a check-in writes
one per notification it shows, a dismissal one per notification dismissed.

Each figure is a ratio against the same writes with `Store.react` made a no-op, measured on the same
machine in interleaved rounds (A/B/A/B...), so a machine shared with other work shifts both alike.
Run: python3 bench/bench_reactions.py [rounds]. Reported: median per-operation time of each and
the ratio of the medians.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.core.reaction import Reaction, ReactionKind
from notifyzen.history.store import Store

AT = datetime(2026, 11, 16, 9, tzinfo=UTC)
ARRIVALS = 4000
HELD = 5000


class _Nothing(list[tuple[object, ...]]):
    """Where the arrivals' SHOWN reactions go when nothing is recorded (the B side)."""

    def append(self, _item: tuple[object, ...]) -> None:
        pass


def _store(tmp: Path, recording: bool) -> Store:
    s = Store(tmp / f"h{time.monotonic_ns()}.db")
    if not recording:
        s.react = lambda reaction: None  # type: ignore[method-assign]
        s._shown_later = _Nothing()
    return s


def arrivals(tmp: Path, recording: bool) -> tuple[float, float]:
    """Seconds per delivered arrival inside the Notify round trip (reserve_for + add: one commit,
    as in Service.take), and per arrival at the quiet moment after each burst of 100 (the
    checkpoint, which now also writes the burst's SHOWN reactions)."""
    s = _store(tmp, recording)
    taking = quiet = 0.0
    for i in range(ARRIVALS):
        n = Notification(
            app_name="Chat", summary=f"message {i}", body="x" * 200, at=AT + timedelta(seconds=i)
        )
        start = time.perf_counter()
        row_id, version_of = s.reserve_for(0, ())
        s.add(row_id, n, Decision(Verdict.DELIVER, "default", ""), origin="server", replaces_id=version_of)
        taking += time.perf_counter() - start
        if i % 100 == 99:
            start = time.perf_counter()
            s.checkpoint()
            quiet += time.perf_counter() - start
    s.close()
    return taking / ARRIVALS, quiet / ARRIVALS


def checkin_and_dismiss(tmp: Path, recording: bool) -> tuple[float, float]:
    """Seconds per notification shown by a check-in (Store.shown) and per one dismissed in one
    bulk dismissal (Store.batch: closed + the dismissed reaction)."""
    s = _store(tmp, recording)
    ids = []
    with s.transaction():
        for i in range(HELD):
            n = Notification(
                app_name="Mail", summary=f"mail {i}", body="y" * 200, at=AT + timedelta(seconds=i)
            )
            row_id, _ = s.reserve_for(0, ())
            s.add(row_id, n, Decision(Verdict.HOLD, "focus", ""), origin="server")
            ids.append(row_id)
    at = AT + timedelta(hours=3)
    start = time.perf_counter()
    with s.batch():  # as Service.act shows a check-in's
        for row_id in ids:
            s.shown(row_id, at, "checkin")
    shown = (time.perf_counter() - start) / HELD
    start = time.perf_counter()
    with s.batch():
        for row_id in ids:
            s.closed(row_id, at, 2, state="dismissed")
            s.react(Reaction(row_id, ReactionKind.DISMISSED, at))
    dismissed = (time.perf_counter() - start) / HELD
    s.close()
    return shown, dismissed


def _rounds(rounds: int, measure: Callable[[Path, bool], object]) -> tuple[list[object], list[object]]:
    on, off = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(rounds):
            off.append(measure(Path(tmp), False))
            on.append(measure(Path(tmp), True))
    return on, off


def main(rounds: int = 5) -> None:
    for measure, names in (
        (arrivals, ("arrival, in the Notify round trip", "arrival, at the quiet moment after its burst")),
        (checkin_and_dismiss, ("check-in, per notification shown", "bulk dismissal, per notification")),
    ):
        on, off = _rounds(rounds, measure)
        for i, what in enumerate(names):
            b_on = statistics.median(x[i] for x in on)  # type: ignore[index]
            b_off = statistics.median(x[i] for x in off)  # type: ignore[index]
            print(f"{what}: {b_off * 1e6:.0f} µs -> {b_on * 1e6:.0f} µs, ratio {b_on / b_off:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)

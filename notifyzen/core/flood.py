"""Flood control: one app sending hundreds a second gets a few pop-ups, the rest wait for the digest.

A broken build bot or a chat client replaying its backlog can send a thousand notifications in a
second. Showing them would bury the screen and keep the GUI thread busy making windows that nobody
reads (which in turn slows everyone else's Notify round trip). So every source (app plus sender, so
one talkative person does not silence the rest of the app) has a token bucket: `burst` pop-ups at
once, refilled at `per_minute`. What arrives with the bucket empty is held for the next check-in,
where the digest collapses the whole flood into one line (rule FLOOD_RULE). Critical notifications
are never gated: they are the ones a flood must not hide.

Plain and clock-free like the rest of the core: the arrival time is an argument.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from notifyzen.core.model import Notification, Urgency

FLOOD_RULE = "flood"


def flood_key(n: Notification) -> str:
    app = (n.desktop_entry or n.app_name or "").strip().casefold()
    return f"{app}\0{(n.sender or '').strip().casefold()}"


@dataclass
class _Bucket:
    tokens: float
    at: float  # seconds since the epoch of the last refill


class FloodGate:
    """Per-source token buckets; `admit` answers whether this arrival may pop up."""

    def __init__(self, burst: int = 10, per_minute: float = 10.0, max_sources: int = 4096) -> None:
        self.burst = burst
        self.rate = per_minute / 60.0
        self.max_sources = max_sources
        self._buckets: dict[str, _Bucket] = {}

    def admit(self, n: Notification, at: datetime) -> bool:
        if n.urgency is Urgency.CRITICAL:
            return True
        now = at.timestamp()
        key = flood_key(n)
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self.max_sources:
                self._forget_full()
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
        elapsed = max(0.0, now - bucket.at)
        bucket.tokens = min(float(self.burst), bucket.tokens + elapsed * self.rate)
        bucket.at = max(bucket.at, now)
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return True
        return False

    def _forget_full(self) -> None:
        """Bound memory against a flood of distinct app names: drop buckets that are full anyway."""
        full = [k for k, b in self._buckets.items() if b.tokens >= self.burst - 1]
        for key in full or list(self._buckets)[: len(self._buckets) // 2]:
            del self._buckets[key]

"""The history's tables (SQLModel). One row per notification taken in, one per check-in.

Times are stored twice on purpose: `at` as UTC epoch seconds (a float, indexed, cheap to range
over for a year of history) and `tz_offset` in minutes, so a report can put a notification in the
hour the user lived it. The row keeps the decision and the rule that made it (issue 3), and the
lifecycle after it (shown, closed, opened, replied) that the report aggregates.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class NotificationRow(SQLModel, table=True):
    __tablename__ = "notification"
    # AUTOINCREMENT: a row id is never reused, even after the newest rows are deleted, so the
    # id a sender got back from Notify stays unique across restarts (issue 2).
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    at: float = Field(index=True)  # arrival, UTC epoch seconds
    tz_offset: int = 0  # minutes east of UTC at arrival
    source: str = "desktop"  # desktop | phone
    origin: str = "server"  # server | observe | kdeconnect | replay
    app_name: str = Field(default="", index=True)
    desktop_entry: str | None = None
    summary: str = ""
    body: str = ""
    sender: str | None = Field(default=None, index=True)
    device: str | None = None
    urgency: int = 1
    category: str | None = None
    app_icon: str = ""
    actions_json: str = "[]"  # [[key, label], ...]
    hints_json: str = "{}"  # plain JSON; bytes as {"$bytes": base64}, image-data as metadata
    expire_timeout: int = -1
    replaces_id: int = 0
    client: str | None = None  # unique bus name of the sender, for signals back to it
    external_id: str | None = Field(default=None, index=True)  # daemon id / phone key
    # the decision
    verdict: str = "deliver"  # deliver | hold | mute
    rule: str = "default"
    reason: str = ""
    release_at: float | None = None
    window: str | None = None
    # what happened next
    state: str = Field(default="new", index=True)  # new|shown|held|muted|closed|dismissed|acted
    shown_at: float | None = None
    shown_by: str | None = None  # arrival | checkin | max_wait | breakpoint
    closed_at: float | None = None
    close_reason: int | None = None  # the spec's NotificationClosed reason
    opened: bool = False  # the user acted on it (default action / an action button)
    reply_text: str | None = None
    reply_at: float | None = None


class CheckInRow(SQLModel, table=True):
    __tablename__ = "checkin"

    id: int | None = Field(default=None, primary_key=True)
    at: float = Field(index=True)
    tz_offset: int = 0
    reason: str = "scheduled"  # scheduled | breakpoint | manual | missed
    planned_at: float | None = None  # the scheduled time it served, if any
    released: int = 0  # how many held notifications it showed
    opened: bool = False  # the user opened the digest

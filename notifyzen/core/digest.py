"""The check-in digest: what was held, arranged the way a person skims it.

People come before apps because a message from Anke matters more than a build bot, and whatever
was critical or time-sensitive comes before both. Inside a person the apps are listed; inside an
app, repeats collapse into one line with a count (five messages from Anke in Signal, or "Disk
almost full" three times), newest first. Ties fall back to size and then recency, and finally to
the name, so the same items always give the same digest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from notifyzen.core import kairos
from notifyzen.core.flood import FLOOD_RULE
from notifyzen.core.markup import to_plain
from notifyzen.core.model import Item, Urgency, Verdict


def urgency(item: Item) -> Urgency:
    """The urgency the rules settled on, else the sender's."""
    return item.decision.urgency if item.decision.urgency is not None else item.notification.urgency


def is_pressing(item: Item) -> bool:
    return urgency(item) is Urgency.CRITICAL or item.notification.time_sensitive


UNKNOWN_APP = "Unknown app"  # English, as all of core; the UI words it in the user's language


def app_label(item: Item) -> str:
    n = item.notification
    return n.app_name.strip() or (n.desktop_entry or "").strip() or UNKNOWN_APP


def rule_hint(app: str | None, sender: str | None, desktop_entry: str | None) -> dict[str, str | None]:
    """What a new "always allow/mute" rule would match; None = don't care."""
    return {"app": app, "sender": sender, "desktop_entry": desktop_entry}


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the digest: one notification, or repeats collapsed under the newest."""

    items: tuple[Item, ...]  # newest first

    @property
    def latest(self) -> Item:
        return self.items[0]

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(i.id for i in self.items)

    @property
    def pressing(self) -> bool:
        return any(is_pressing(i) for i in self.items)

    @property
    def rule_hint(self) -> dict[str, str | None]:
        n = self.latest.notification
        return rule_hint(app_label(self.latest), n.person or kairos.sender(n), n.desktop_entry)


@dataclass(frozen=True, slots=True)
class Section:
    """One app's part of a group."""

    app: str
    entries: tuple[Entry, ...]

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(i for e in self.entries for i in e.ids)

    @property
    def count(self) -> int:
        return sum(e.count for e in self.entries)

    @property
    def latest_at(self) -> datetime:
        return max(e.latest.notification.at for e in self.entries)

    @property
    def pressing(self) -> bool:
        return any(e.pressing for e in self.entries)


@dataclass(frozen=True, slots=True)
class Group:
    """A person (with their apps) or, for notifications from no one in particular, an app."""

    title: str
    person: str | None
    sections: tuple[Section, ...]

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(i for s in self.sections for i in s.ids)

    @property
    def count(self) -> int:
        return sum(s.count for s in self.sections)

    @property
    def latest_at(self) -> datetime:
        return max(s.latest_at for s in self.sections)

    @property
    def pressing(self) -> bool:
        return any(s.pressing for s in self.sections)

    @property
    def rule_hint(self) -> dict[str, str | None]:
        if self.person is not None:
            return rule_hint(None, self.person, None)
        entry = self.sections[0].entries[0].latest.notification
        return rule_hint(self.title, None, entry.desktop_entry)


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything held for one check-in, in the order it is read."""

    groups: tuple[Group, ...]

    @classmethod
    def build(cls, items: Iterable[Item], now: datetime | None = None) -> Digest:
        """People (kairos.sender: "#team-backend" and family groups are not people, Signal's "Mum"
        without the im category is), then apps. With `now`, one-time codes older than
        kairos.CODE_LIFETIME are left out: they have expired."""
        people: dict[str, list[Item]] = {}
        apps: dict[str, list[Item]] = {}
        for item in items:
            if now is not None and kairos.expired_code(item.notification, now):
                continue
            person = (kairos.sender(item.notification) or "").strip()
            if person:
                people.setdefault(person, []).append(item)
            else:
                apps.setdefault(app_label(item), []).append(item)
        groups = [Group(p, p, _sections(its, by_person=True)) for p, its in people.items()]
        groups += [Group(a, None, _sections(its, by_person=False)) for a, its in apps.items()]
        groups.sort(key=lambda g: (not g.pressing, g.person is None, -g.count, -_ts(g.latest_at), g.title))
        return cls(tuple(groups))

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(i for g in self.groups for i in g.ids)

    @property
    def count(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def people(self) -> int:
        return sum(1 for g in self.groups if g.person is not None)

    @property
    def apps(self) -> int:
        return len({s.app for g in self.groups for s in g.sections})

    def headline(self) -> str:
        """ "15 held · 4 people · 5 apps": the digest at a glance."""
        if not self.groups:
            return "Nothing held"
        parts = [f"{self.count} held"]
        if self.people:
            parts.append(_plural(self.people, "person", "people"))
        parts.append(_plural(self.apps, "app", "apps"))
        return " · ".join(parts)

    @property
    def held_during(self) -> tuple[str, ...]:
        """The focus windows what is listed waited through ("meeting", "screen sharing", "deep
        work"), most items first: the digest says why these were held (issue 19), as a phone's
        Focus summary names the Focus it held them for."""
        counts: dict[str, int] = {}
        for g in self.groups:
            for s in g.sections:
                for e in s.entries:
                    for i in e.items:
                        window = i.decision.window
                        if window and i.decision.verdict is Verdict.HOLD:
                            counts[window] = counts.get(window, 0) + 1
        return tuple(sorted(counts, key=lambda w: (-counts[w], w)))

    def matching(self, hint: Mapping[str, str | None]) -> tuple[int, ...]:
        """The items an "always …" rule made from `hint` would match (rulewrite.spec_for: the
        desktop entry if known, else the app; narrowed to the sender if named)."""

        def same(a: str | None, b: str | None) -> bool:
            return (a or "").strip().casefold() == (b or "").strip().casefold()

        def matches(item: Item) -> bool:
            n = item.notification
            if hint.get("desktop_entry"):
                if not same(n.desktop_entry, hint["desktop_entry"]):
                    return False
            elif hint.get("app") and not same(app_label(item), hint["app"]):
                return False
            return not hint.get("sender") or same(n.person or kairos.sender(n), hint["sender"])

        if not any(hint.get(k) for k in ("desktop_entry", "app", "sender")):
            return ()
        return tuple(
            i.id for g in self.groups for s in g.sections for e in s.entries for i in e.items if matches(i)
        )

    def without(self, ids: Iterable[int]) -> Digest:
        """The digest after the user dealt with some items, everything else where it was.

        Nothing is re-sorted: a list that reshuffled under the cursor would make the user read
        it again after every keypress.
        """
        gone = set(ids)
        groups = []
        for g in self.groups:
            sections = []
            for s in g.sections:
                entries = [
                    Entry(kept) for e in s.entries if (kept := tuple(i for i in e.items if i.id not in gone))
                ]
                if entries:
                    sections.append(Section(s.app, tuple(entries)))
            if sections:
                groups.append(Group(g.title, g.person, tuple(sections)))
        return Digest(tuple(groups))


@dataclass(frozen=True, slots=True)
class Reply:
    """An honest status reply notifyzen sent for the user (issue 11)."""

    text: str
    at: datetime | None = None


def reply_note(person: str | None, reply: Reply, now: datetime | None = None) -> str:
    """'You told Anke at 11:42: "Focusing until 12:00"'."""
    who = person or "them"
    when = f" at {when_label(reply.at, now)}" if reply.at is not None else ""
    return f"You told {who}{when}: “{reply.text}”"


def when_label(at: datetime, now: datetime | None = None) -> str:
    """Clock time for today, weekday and time within a week, the date beyond."""
    local = at.astimezone(now.tzinfo) if now is not None else at
    if now is None or local.date() == now.date():
        return local.strftime("%H:%M")
    if 0 < (now.date() - local.date()).days < 7:
        return local.strftime("%a %H:%M")
    return local.strftime("%d %b %H:%M")


def describe_hint(hint: dict[str, str | None]) -> str:
    """'Anke in Signal', 'Slack', 'Anke': what a rule from this hint would be about."""
    sender, app = hint.get("sender"), hint.get("app") or hint.get("desktop_entry")
    if sender and app:
        return f"{sender} in {app}"
    return sender or app or "these notifications"


@lru_cache(maxsize=8192)
def one_line(text: str, limit: int = 300) -> str:
    """Text for a single line of a list; cached because a digest is redrawn after every keypress."""
    return " ".join(to_plain(text, limit).split())


def entry_lines(group: Group, entry: Entry) -> tuple[str, str]:
    """The two lines of an entry: what it says, then where it came from (or more of what it says).

    In a person's group the person is already the heading, so a chat summary that only repeats
    their name gives way to the message itself, and the app moves to the second line.
    """
    n = entry.latest.notification
    summary, body = one_line(n.summary), one_line(n.body)
    app = app_label(entry.latest)
    if group.person is None:
        return summary or body or app, body if summary else ""
    said = body if (not summary or summary.casefold() == group.person.casefold()) else summary
    detail = app if said == body or not body else f"{app} · {body}"
    return said or app, detail


def _sections(items: list[Item], by_person: bool) -> tuple[Section, ...]:
    by_app: dict[str, list[Item]] = {}
    for item in items:
        by_app.setdefault(app_label(item), []).append(item)
    sections = [Section(app, _entries(its, by_person)) for app, its in by_app.items()]
    sections.sort(key=lambda s: (not s.pressing, -s.count, -_ts(s.latest_at), s.app))
    return tuple(sections)


def _entries(items: list[Item], by_person: bool) -> tuple[Entry, ...]:
    """A person's messages in one app collapse into one line; an app's repeats by their summary."""
    runs: dict[str, list[Item]] = {}
    for item in sorted(items, key=lambda i: (-_ts(i.notification.at), -i.id)):
        key = "" if by_person else item.notification.summary.strip().casefold()
        if item.decision.rule == FLOOD_RULE:  # a flood is one line, whatever each message says
            key = "\0flood"
        runs.setdefault(key, []).append(item)
    entries = [Entry(tuple(run)) for run in runs.values()]
    entries.sort(key=lambda e: (not e.pressing, -_ts(e.latest.notification.at), -e.latest.id))
    return tuple(entries)


def _ts(at: datetime) -> float:
    return at.timestamp()


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"

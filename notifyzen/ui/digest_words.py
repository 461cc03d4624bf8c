"""The digest's and the pop-ups' own words, in the user's language (English or Dutch).

The decision core returns data and a few English fallbacks meant for logs and tests
(`Digest.headline()`, `when_label`, `reply_note`, `describe_hint`, `app_label`'s "Unknown app",
`Impact.sentence()`); what a person reads in the window is worded here instead, through
`notifyzen.desktop.i18n.translate`, so it also works without a QApplication (the demo's terminal digest,
the confirmation's what-if from `notifyzen.rulefiles.write.impact`).

Counts use two literal strings ("1 app" / "%1 apps") rather than Qt plural forms: English has no
catalogue to pick a form from, and Dutch needs only the same two.
"""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QLocale

from notifyzen.core.digest import UNKNOWN_APP, Digest, Group, Reply, app_label
from notifyzen.core.meetings import MEETING
from notifyzen.core.model import Item
from notifyzen.core.replay_summary import Impact
from notifyzen.core.situation import WINDOW_NAMES, Kind
from notifyzen.desktop.i18n import SOURCE_LANGUAGE, active_language, translate

_PLACEHOLDER = re.compile(r"%([1-9])")


def fill(template: str, *values: object) -> str:
    """Qt's %1, %2 … in one pass, so a name that itself contains "%2" is shown as it is."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[int(m[1]) - 1]) if int(m[1]) <= len(values) else m[0], template
    )


def locale() -> QLocale:
    """Day and month names: the C locale's for English (as before), Dutch ones for Dutch."""
    language = active_language()
    return QLocale.c() if language == SOURCE_LANGUAGE else QLocale(language)


def when(at: datetime, now: datetime | None = None) -> str:
    """Clock time for today, weekday and time within a week, the date beyond ("wo 10:45")."""
    local = _local(at, now)
    clock = local.strftime("%H:%M")
    if now is None or local.date() == now.date():
        return clock
    short = QLocale.FormatType.ShortFormat
    if 0 < (now.date() - local.date()).days < 7:
        return f"{locale().dayName(local.isoweekday(), short)} {clock}"
    return f"{local.day:02d} {locale().monthName(local.month, short)} {clock}"


def _local(at: datetime, now: datetime | None) -> datetime:
    """`at` on the user's wall clock. The clock's `now` carries a fixed offset (+01:00), which
    is wrong for a moment on the other side of a DST change (held at 01:30 summer time, shown
    in the morning digest in winter time); the system zone knows both offsets, so it is used
    whenever `now` is in it (a demo's or a test's clock may be in another zone)."""
    if now is None:
        return at
    if now.astimezone().utcoffset() == now.utcoffset():
        return at.astimezone()
    return at.astimezone(now.tzinfo)


def app_name(item: Item) -> str:
    """The sender's app name as it came (never translated), or "Unknown app" in the user's words."""
    label = app_label(item)
    return unknown_app() if _nameless(item) else label


def unknown_app() -> str:
    return translate("Digest", "Unknown app")


def _nameless(item: Item) -> bool:
    n = item.notification
    return not n.app_name.strip() and not (n.desktop_entry or "").strip()


def in_words(text: str, item: Item) -> str:
    """A line core built around app_label, with its "Unknown app" in the user's language."""
    return text.replace(UNKNOWN_APP, unknown_app(), 1) if _nameless(item) else text


def group_title(group: Group) -> str:
    """A person's name or an app's name as sent; only the nameless-app group is worded."""
    if group.person is None and group.title == UNKNOWN_APP:
        return unknown_app()
    return group.title


def section_app(app: str) -> str:
    return unknown_app() if app == UNKNOWN_APP else app


def headline(digest: Digest) -> str:
    """ "15 held · 4 people · 5 apps · during meeting": the digest at a glance."""
    if not digest.groups:
        return translate("Digest", "Nothing held")
    parts = [fill(translate("Digest", "%1 held"), digest.count)]
    if digest.people == 1:
        parts.append(translate("Digest", "1 person"))
    elif digest.people:
        parts.append(fill(translate("Digest", "%1 people"), digest.people))
    if digest.apps == 1:
        parts.append(translate("Digest", "1 app"))
    else:
        parts.append(fill(translate("Digest", "%1 apps"), digest.apps))
    if digest.held_during:  # why they waited: "during meeting, screen sharing"
        names = ", ".join(window_name(w) for w in digest.held_during)
        parts.append(fill(translate("Digest", "during %1"), names))
    return " · ".join(parts)


def window_name(name: str) -> str:
    """A focus window's name as the user reads it: the names notifyzen itself gives (the
    calendar's "meeting", the desk's "screen sharing", "presenting", "full screen") in the
    user's language; a name from the user's own rule file as they wrote it."""
    built_in = {
        MEETING: translate("Digest", "meeting"),
        WINDOW_NAMES[Kind.SCREEN_SHARE]: translate("Digest", "screen sharing"),
        WINDOW_NAMES[Kind.MIRRORED]: translate("Digest", "presenting"),
        WINDOW_NAMES[Kind.FULLSCREEN]: translate("Digest", "full screen"),
    }
    return built_in.get(name, name)


def group_tooltip(group: Group) -> str:
    """ "Anke: 4 held from Signal, Thunderbird"."""
    apps = ", ".join(sorted({section_app(s.app) for s in group.sections}))
    return fill(translate("Digest", "%1: %2 held from %3"), group_title(group), group.count, apps)


def pressing_word(critical: bool) -> str:
    """The red word after a heading's count: why this group comes first."""
    return translate("Digest", "critical") if critical else translate("Digest", "time-sensitive")


def reply_note(person: str | None, reply: Reply, now: datetime | None = None) -> str:
    """'You told Anke at 11:42: "Focusing until 12:00"'. The reply's text is shown as it was sent."""
    at = when(reply.at, now) if reply.at is not None else ""
    if person and at:
        return fill(translate("Digest", "You told %1 at %2: “%3”"), person, at, reply.text)
    if person:
        return fill(translate("Digest", "You told %1: “%2”"), person, reply.text)
    if at:
        return fill(translate("Digest", "You replied at %1: “%2”"), at, reply.text)
    return fill(translate("Digest", "You replied: “%1”"), reply.text)


def describe_hint(hint: dict[str, str | None]) -> str:
    """'Anke in Signal', 'Slack', 'Anke': what a rule from this hint would be about."""
    sender, app = hint.get("sender"), hint.get("app") or hint.get("desktop_entry")
    if sender and app:
        return fill(translate("Digest", "%1 in %2"), sender, section_app(app))
    if app:
        return section_app(app)
    return sender or translate("Digest", "these notifications")


def rule_question(kind: str, hint: dict[str, str | None]) -> str:
    """The confirmation's question: "Always mute Marco in Slack?"."""
    what = describe_hint(hint)
    if kind == "allow":
        return fill(translate("Digest", "Always allow %1?"), what)
    return fill(translate("Digest", "Always mute %1?"), what)


def notifications(n: int) -> str:
    if n == 1:
        return translate("Digest", "1 notification")
    return fill(translate("Digest", "%1 notifications"), n)


def impact_sentence(impact: Impact) -> str:
    """What a rule would have done last week, for the digest's confirmation:
    "Would have muted 23 notifications last week, 0 of them from people."."""
    held = translate("Digest", "would have held %1 last week, %2 of them from people")
    muted = translate("Digest", "would have muted %1 last week, %2 of them from people")
    shown = translate("Digest", "would have shown %1 at once last week, %2 of them from people")
    parts = [
        fill(text, notifications(n), people)
        for n, people, text in (
            (impact.held, impact.people_held, held),
            (impact.muted, impact.people_muted, muted),
            (impact.delivered, impact.people_delivered, shown),
        )
        if n
    ]
    sentence = "; ".join(parts) if parts else translate("Digest", "would have changed nothing last week")
    return sentence[:1].upper() + sentence[1:] + "."

"""Honest status replies (issue 11): who is told "I'm focusing until 12:00", and in which words.

Why this is careful: a reply goes out in the user's name to someone else. So it is opt-in (nobody
gets one unless config.yaml's `status_reply` names them or the rule that held their message says
`reply: status`), it never goes to a group chat that was not named, never to a broadcast or to a
sender notifyzen cannot name, and a conversation hears it at most once per focus window: a second
message in the same window gets no second reply, and once focus ends nothing more is sent.

The time in it is `Decision.release_at`, the promise the Timeline keeps for that very message
(next check-in or max wait, whichever is first), written in the user's local time. So a reply
never promises a moment the engine did not compute.

Group chats are not marked as such by anyone in a reliable way. The heuristic (`group_name`):

- an explicit hint `x-notifyzen-group` (true, or the group's name) wins;
- Android's MessagingStyle, which KDE Connect passes on as the title, writes a group message as
  "Group: Person" (WhatsApp: "Group (3 messages): Person"), so a title with ": " is a group,
  named by the part before it; Signal/Telegram's "Person @ Group" likewise;
- a group titled by its name alone ("Family", "Family (3 messages)"), as WhatsApp and Signal do on
  the phone and the desktop, puts the writer in the text: "Anke: Dinner Sunday?";
- category `im.group` (used by some desktop chat apps), or a "#channel" as the sender (Slack,
  Matrix, IRC channels).

A mistake in the safe direction only costs a reply (a person whose name contains ": ", or whose text
starts "Reminder: ", is treated as a group); naming the person or the conversation in config.yaml
lets it through.

Broadcasts: not from a person at all (app noise), a "sender" that is the app's own name (a phone
app's summary such as "WhatsApp: 5 new messages"), category `im.broadcast`/`broadcast`, or the
hint `x-notifyzen-broadcast`. Unknown senders: no sender name (a chat category alone is not enough).

Pure: no clock, no I/O. The bus side (notifyzen/service/replies.py) asks, sends, and records.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.core.rules import category_in, is_conversation

LANGUAGES = ("en", "nl")
ANY_PRESET = "any"
PLACEHOLDERS = ("until", "name")

# Built-in templates by preset; "any" is used for presets without their own words.
TEMPLATES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        ANY_PRESET: {
            "en": "I'm focusing until {until} and will read your message then. Urgent? Call twice.",
            "nl": "Ik werk geconcentreerd tot {until} en lees je bericht dan. Dringend? Bel twee keer.",
        },
        "meeting": {
            "en": "I'm in a meeting until {until} at the latest and will read your message then. "
            "Urgent? Call twice.",
            "nl": "Ik zit uiterlijk tot {until} in een vergadering en lees je bericht dan. "
            "Dringend? Bel twee keer.",
        },
        "in-conversation": {
            "en": "I'm talking with someone until {until} at the latest and will read your message then. "
            "Urgent? Call twice.",
            "nl": "Ik ben uiterlijk tot {until} in gesprek en lees je bericht dan. Dringend? Bel twee keer.",
        },
        "sleep": {
            "en": "I'm offline until {until} and will read your message then. Urgent? Call twice.",
            "nl": "Ik ben offline tot {until} en lees je bericht dan. Dringend? Bel twee keer.",
        },
    }
)
TOMORROW = {"en": "tomorrow {time}", "nl": "morgen {time}"}
WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
}
PREVIEW = {
    "en": (
        "{count} person told you're focusing until {until}",
        "{count} people told you're focusing until {until}",
    ),
    "nl": (
        "{count} persoon weet dat je tot {until} bezig bent",
        "{count} mensen weten dat je tot {until} bezig bent",
    ),
}

TITLE_MAX = 300
_GROUP_TITLE = re.compile(r"^(?P<group>.+?)(?: \(\d+ [^)]*\))?: (?P<person>\S.*)$")
_AT_GROUP = re.compile(r"^(?P<person>.+?) @ (?P<group>\S.*)$")
# A text that starts with who wrote it ("Anke: Dinner Sunday?"): the title is then the group's name.
_GROUP_TITLE_COUNT = re.compile(r" \(\d+ [^)]*\)$")
_WRITER_FIRST = re.compile(r"^\s*(?:<[^>]*>)*[^\W\d][^:\n<>]{0,39}(?:</[^>]*>)*: \S")


def check_template(text: str) -> str:
    """Only {until} and {name} may appear; a typo must fail at load, not when a reply goes out."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as e:
        raise ValueError(f"template {text!r}: {e}") from None
    unknown = [f for f in fields if f not in PLACEHOLDERS]
    if unknown:
        raise ValueError(
            f"template {text!r}: unknown placeholder {{{unknown[0]}}} (use {{until}} or {{name}})"
        )
    if "until" not in fields:
        raise ValueError(f"template {text!r}: must say until when ({{until}})")
    return text


@dataclass(frozen=True, slots=True)
class StatusReplySettings:
    """config.yaml `status_reply`. Names are casefolded; languages map a conversation to en/nl."""

    enabled: bool = True  # master switch; with nobody chosen (the default) nothing is sent anyway
    people: frozenset[str] = frozenset()
    conversations: frozenset[str] = frozenset()  # group chats (or any conversation) by name
    apps: frozenset[str] = frozenset()  # every named person writing through these apps
    language: str | None = None  # None: the UI language
    languages: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    templates: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: MappingProxyType({}))


OFF = StatusReplySettings(enabled=False)


def group_name(n: Notification) -> str | None:
    """The group chat this message was written in, or None for a one-to-one conversation."""
    hint = n.hints.get("x-notifyzen-group")
    if isinstance(hint, str) and hint.strip():
        return hint.strip()
    if hint is True:
        return (n.sender or n.summary).strip() or "group"
    if category_in(n.category, ("im.group",)):
        return (n.sender or n.summary).strip() or "group"
    title = (n.sender or "").strip()
    if title.startswith("#"):  # a chat channel (Slack, Matrix, IRC): many people read it
        return title
    for pattern in (_GROUP_TITLE, _AT_GROUP):
        # A group title is a name, short; a lazy `.+?` against a 20 KB sender is quadratic (0.4 s).
        found = pattern.match(title) if len(title) <= TITLE_MAX else None
        if found:
            return found["group"].strip()
    if title and _WRITER_FIRST.match(n.body):
        return _GROUP_TITLE_COUNT.sub("", title).strip() or title
    return None


def is_broadcast(n: Notification) -> bool:
    if not is_conversation(n) or n.hints.get("x-notifyzen-broadcast"):
        return True
    if n.sender and n.sender.strip().casefold() == n.app_name.strip().casefold():
        return True  # the app speaking for itself ("WhatsApp: 5 new messages"), not a person
    return category_in(n.category, ("im.broadcast", "broadcast"))


def conversation(n: Notification) -> str | None:
    """The conversation a reply answers (casefolded): the group, else the person; None if nameless."""
    group = group_name(n)
    if group is not None:
        return group.casefold()
    return n.sender.strip().casefold() if n.sender and n.sender.strip() else None


@dataclass(frozen=True, slots=True)
class Choice:
    """Whether a message gets a status reply, and in a few words why (for logs and tests)."""

    conversation: str | None
    why: str

    @property
    def yes(self) -> bool:
        return self.conversation is not None


def choose(
    n: Notification, decision: Decision, settings: StatusReplySettings, named: frozenset[str] = frozenset()
) -> Choice:
    """Who gets a reply, ignoring what was sent before. `named`: senders the deciding rule names."""
    if not settings.enabled:
        return Choice(None, "status replies are switched off")
    if decision.verdict is not Verdict.HOLD or decision.window is None or decision.release_at is None:
        return Choice(None, "not held in a focus window with a promised time")
    if is_broadcast(n):
        return Choice(None, "a broadcast or an app, not a person")
    talk = conversation(n)
    if talk is None:
        return Choice(None, "the sender is unknown")
    group = group_name(n)
    chosen_names = settings.conversations | settings.people
    if group is not None and talk not in chosen_names and talk not in named:
        return Choice(None, "a group chat that was not named")
    if decision.reply:
        return Choice(talk, f"rule {decision.rule!r} asks for a status reply")
    if talk in chosen_names or (n.sender or "").strip().casefold() in settings.people:
        return Choice(talk, "chosen in config.yaml status_reply")
    if group is None and n.app_name.casefold() in settings.apps:
        return Choice(talk, f"app {n.app_name!r} chosen in config.yaml status_reply")
    return Choice(None, "not chosen for status replies")


def language_for(talk: str, settings: StatusReplySettings, ui_language: str) -> str:
    for candidate in (settings.languages.get(talk), settings.language, ui_language):
        if candidate in LANGUAGES:
            return candidate
    return "en"


def template_for(preset: str, language: str, settings: StatusReplySettings) -> str:
    """The user's words before the built-in ones; the preset's own before the common ones."""
    for table in (settings.templates, TEMPLATES):
        for key in (preset, ANY_PRESET):
            text = table.get(key, {}).get(language)
            if text:
                return text
    return TEMPLATES[ANY_PRESET]["en"]


def preset_for(candidates: list[str | None], settings: StatusReplySettings) -> str:
    """Whose words: the first of (the deciding rule's preset file, the focus window's name, the
    active presets) that has templates of its own; else the common ones."""
    for name in candidates:
        if name and (name in settings.templates or name in TEMPLATES):
            return name
        if name == "conversation":  # the in-conversation preset's window
            return "in-conversation"
    return ANY_PRESET


def until_text(release_at: datetime, now: datetime, language: str) -> str:
    """'12:00' today, 'tomorrow 07:00', else the weekday; in the zone release_at is written in."""
    local_now = now.astimezone(release_at.tzinfo)
    clock = release_at.strftime("%H:%M")
    days = (release_at.date() - local_now.date()).days
    if days <= 0:
        return clock
    if days == 1:
        return TOMORROW.get(language, TOMORROW["en"]).format(time=clock)
    return f"{WEEKDAYS.get(language, WEEKDAYS['en'])[release_at.weekday()]} {clock}"


def first_name(n: Notification) -> str:
    name = (n.sender or "").strip()
    return name.split()[0] if name else ""


def reply_text(
    n: Notification,
    decision: Decision,
    now: datetime,
    *,
    preset: str,
    language: str,
    settings: StatusReplySettings,
) -> str:
    assert decision.release_at is not None
    template = template_for(preset, language, settings)
    return template.format(until=until_text(decision.release_at, now, language), name=first_name(n))


@dataclass(frozen=True, slots=True)
class Plan:
    """A reply to send now: to which conversation, what text, and the promised moment."""

    conversation: str
    text: str
    language: str
    until: datetime
    window: object


@dataclass(frozen=True, slots=True)
class Preview:
    """For the tray: '3 people told you're focusing until 12:00'."""

    count: int
    until: str
    text: str


class StatusReplies:
    """Remembers who was told in which focus window, so each conversation hears it once.

    `window` is any value naming one focus window *occurrence* (the bus side uses the window's
    name and where it ends, or when manual focus began): a new occurrence starts afresh. The last
    few occurrences are remembered, not only the current one: "Focus for 20 min" started inside a
    deep work block is an occurrence of its own, and when it ends the block is in force again,
    whose people were told already.
    """

    KEEP_WINDOWS = 8

    def __init__(self, settings: StatusReplySettings = OFF) -> None:
        self.settings = settings
        self._plans: dict[tuple[str, object], Plan] = {}  # (conversation, window) -> plan sent
        self._told: set[tuple[str, object]] = set()  # including those told before a restart
        self._windows: list[object] = []  # the occurrences remembered, oldest first

    def _enter(self, window: object) -> None:
        if window in self._windows:
            return
        self._windows.append(window)
        while len(self._windows) > self.KEEP_WINDOWS:
            gone = self._windows.pop(0)
            self._told = {k for k in self._told if k[1] != gone}
            self._plans = {k: p for k, p in self._plans.items() if k[1] != gone}

    def consider(
        self,
        n: Notification,
        decision: Decision,
        now: datetime,
        *,
        window: object,
        preset: str = ANY_PRESET,
        ui_language: str = "en",
        named: frozenset[str] = frozenset(),
    ) -> Plan | None:
        """A plan if this message gets a reply now; the conversation is then counted as told."""
        self._enter(window)
        choice = choose(n, decision, self.settings, named)
        if choice.conversation is None or (choice.conversation, window) in self._told:
            return None
        assert decision.release_at is not None
        language = language_for(choice.conversation, self.settings, ui_language)
        text = reply_text(n, decision, now, preset=preset, language=language, settings=self.settings)
        plan = Plan(choice.conversation, text, language, decision.release_at, window)
        self._told.add((choice.conversation, window))
        self._plans[(choice.conversation, window)] = plan
        return plan

    def remember(self, conversation: str, window: object) -> None:
        """Told before notifyzen restarted (the history says so): not again in that window."""
        self._enter(window)
        self._told.add((conversation, window))

    def failed(self, plan: Plan) -> None:
        """The channel could not deliver it: the next message in the window may try again."""
        key = (plan.conversation, plan.window)
        if self._plans.get(key) is plan:
            del self._plans[key]
            self._told.discard(key)

    def preview(self, window: object, now: datetime, ui_language: str = "en") -> Preview | None:
        """Who was told during `window` (None when nobody, or focus is over)."""
        plans = [p for p in self._plans.values() if p.window == window and window is not None]
        if not plans:
            return None
        latest = max(plans, key=lambda p: p.until)
        language = ui_language if ui_language in PREVIEW else "en"
        until = until_text(latest.until, now, language)
        one, many = PREVIEW[language]
        text = (one if len(plans) == 1 else many).format(count=len(plans), until=until)
        return Preview(len(plans), until, text)

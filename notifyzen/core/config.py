"""config.yaml: when to check in, how long people may wait, which preset is active.

The defaults are the product's opinion and are argued for here, because issue 10 measures them:

* Check-ins 10:30, 12:30 and 17:00: three a day, since batching notifications three times a day
  lowered stress while hourly batching did not (Fitz et al. 2019, "Batching smartphone
  notifications can improve well-being", Computers in Human Behavior 101). 10:30 and 12:30 fall
  on the ends of the default preset's first two focus blocks, so on a work day they cost no extra
  interruption; 17:00 closes the work day. On days without focus windows they batch what rules
  hold (low-urgency noise) three times a day.
* Max wait 90 minutes for people: the default focus blocks are 90 minutes long, so a message held
  in a block is shown at the block's end, never in the middle of the next one.
* Repeated contact: a second call within 3 minutes breaks through, as iOS Focus does: someone who
  tries twice is urgent (earlier messages from them count as tries, too). Only a *call* breaks
  through by default, because people type chat messages in bursts of two or three within a
  minute or two; counting those would let nearly every conversation through a focus window
  (measured with weekgen: 73% instead of 85% fewer interruptions). `of: people` counts messages.
* Coming back after 10 minutes idle is a natural break, so it counts as a check-in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, time, timedelta, tzinfo
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from notifyzen.core.model import Verdict
from notifyzen.core.rulefile import Names
from notifyzen.core.schedule import parse_clock
from notifyzen.core.situation import ContextSettings
from notifyzen.core.statusreply import StatusReplySettings, check_template

DEFAULT_CHECKINS = (time(10, 30), time(12, 30), time(17, 0))


def local_zone() -> tzinfo:
    """The user's zone: TZ, else /etc/localtime, else UTC. Read once at load, never per decision."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    link = Path("/etc/localtime")
    try:
        target = str(link.resolve())
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
        with link.open("rb") as fh:
            return ZoneInfo.from_file(fh, key="localtime")
    except (OSError, ZoneInfoNotFoundError, ValueError):
        return UTC


@dataclass(frozen=True, slots=True)
class CalendarSettings:
    """One calendar whose meetings are focus windows (issue 19); notifyzen/calendar/ reads it."""

    name: str
    path: str  # an .ics file, a folder of them (vdir), Thunderbird's local.sqlite, "evolution", "thunderbird"
    busy_only: bool = True  # events marked free (TRANSP:TRANSPARENT) are no meeting
    all_day: bool = False  # all-day events are no meeting
    declined: bool = False  # events you declined (your PARTSTAT=DECLINED) are no meeting
    me: tuple[str, ...] = ()  # your addresses, to find your answer among attendees; (): your mail identities
    tentative: bool = True  # events only tentatively accepted (by you, or marked so) count as meetings
    preset: str = "meeting"  # the preset whose focus window (and rules) this calendar's events are


@dataclass(frozen=True, slots=True)
class PopupSettings:
    """Where server mode's pop-ups stack (notifyzen/ui/placement.py): a corner of the focused output."""

    corner: Literal["top-right", "top-left", "bottom-right", "bottom-left"] = "top-right"
    margin: int = 12  # px between the stack and the output's edges (bars excluded)
    width: int = 380  # px


@dataclass(frozen=True, slots=True)
class Config:
    """The settings the engine and timeline run on. Build with defaults or from config.yaml."""

    checkins: tuple[time, ...] = DEFAULT_CHECKINS
    max_wait: timedelta = timedelta(minutes=90)
    repeated_count: int = 2  # 0 turns repeated contact off
    repeated_within: timedelta = timedelta(minutes=3)
    repeated_of: Literal["calls", "people"] = "calls"  # which arrival can be the repeated one
    critical_passes: bool = True
    idle_breakpoint: timedelta = timedelta(minutes=10)  # 0 turns the idle breakpoint off
    unmatched_in_focus: Verdict = Verdict.HOLD
    unmatched_outside: Verdict = Verdict.DELIVER
    presets: tuple[str, ...] = ("default",)
    zone: tzinfo = field(default_factory=local_zone)
    status_reply: StatusReplySettings = field(default_factory=StatusReplySettings)  # issue 11
    bodies_days: int | None = None  # retention: message bodies kept this many days; None = for ever
    rows_days: int | None = None  # retention: ended rows kept this many days; None = for ever
    calendars: tuple[CalendarSettings, ...] = ()  # meetings become focus windows (issue 19)
    popups: PopupSettings = field(default_factory=PopupSettings)  # issue 23
    context: ContextSettings = field(default_factory=ContextSettings)  # screen sharing, calls (issue 19)


# --- config.yaml as pydantic sees it (the JSON Schema comes from here) ---

Minutes = Annotated[int, Field(ge=1, le=7 * 24 * 60, description="minutes")]
VerdictName = Literal["deliver", "hold", "mute"]


class RepeatedContactModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    count: int = Field(2, ge=0, le=20, description="messages from one sender that break through; 0 = off")
    within: Minutes = Field(3, description="minutes in which they must arrive")
    of: Literal["calls", "people"] = Field(
        "calls", description="calls: a call breaks through (earlier messages count); people: any message"
    )


class UnmatchedModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    in_focus: VerdictName = Field("hold", description="what happens to a notification no rule matched")
    outside: VerdictName = "deliver"


class RetentionModel(BaseModel):
    """Privacy: message text need not be kept for ever; the counts the report needs stay."""

    model_config = ConfigDict(extra="forbid")
    bodies_days: int | None = Field(
        None, ge=1, le=36500, description="days after which bodies (and replies) are erased; null: keep"
    )
    rows_days: int | None = Field(
        None,
        ge=1,
        le=36500,
        description="days after which ended notifications, check-ins and runs are deleted (the report "
        "covers no more than this); null: keep",
    )


class CalendarModel(BaseModel):
    """A calendar on disk whose meetings are focus windows of the `meeting` preset (or its own)."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(
        min_length=1, description="shown as the reason: 'In a meeting until 11:00 (Calendar: Work)'"
    )
    path: str = Field(
        min_length=1,
        description="an .ics file, a folder of .ics files (vdirsyncer, khal), Thunderbird's local.sqlite, "
        "or 'evolution' / 'thunderbird' for their calendars on disk",
    )
    busy_only: bool = Field(True, description="only events that show you as busy")
    all_day: bool = Field(False, description="all-day events count as meetings too")
    declined: bool = Field(False, description="events you declined count as meetings too")
    tentative: bool = Field(
        True, description="false: events you (or the organiser) marked tentative are no meetings"
    )
    me: list[str] = Field(
        default_factory=list,
        description="your e-mail addresses (to see what you declined); default: your Thunderbird and "
        "Evolution identities",
    )
    preset: str = Field(
        "meeting",
        min_length=1,
        description="the preset whose focus window and rules these events are, e.g. work-focus for a "
        "calendar of focus blocks; default: meeting",
    )

    @model_validator(mode="before")
    @classmethod
    def _a_mapping(cls, value: object) -> object:
        """`- ~/work.ics` alone is the commonest slip: say what a calendar entry looks like."""
        if not isinstance(value, dict):
            raise ValueError(f"a calendar needs a name and a path, e.g. {{name: Work, path: {value}}}")
        return value

    @field_validator("me", mode="before")
    @classmethod
    def _addresses(cls, value: object) -> object:
        if isinstance(value, str):
            raise ValueError(f"a list of addresses, e.g. me: [{value}]")
        return value

    def to_settings(self) -> CalendarSettings:
        me = tuple(a.strip().casefold().removeprefix("mailto:") for a in self.me)
        return CalendarSettings(
            self.name,
            self.path,
            self.busy_only,
            self.all_day,
            self.declined,
            me,
            self.tentative,
            self.preset.strip(),
        )


class PopupsModel(BaseModel):
    """Where pop-ups go (server mode: sway, i3, a bare X session)."""

    model_config = ConfigDict(extra="forbid")
    corner: Literal["top-right", "top-left", "bottom-right", "bottom-left"] = Field(
        "top-right", description="corner of the focused output the stack starts in"
    )
    margin: int = Field(12, ge=0, le=400, description="pixels between the stack and the edges")
    width: int = Field(380, ge=240, le=900, description="pixels")

    def to_settings(self) -> PopupSettings:
        return PopupSettings(self.corner, self.margin, self.width)


ContextMode = Literal["off", "hold"]


class ContextModel(BaseModel):
    """What the desk is doing holds notifications: `hold` everything but critical while others can
    see the screen (and draw no message text), or people wait as in a meeting during a call."""

    model_config = ConfigDict(extra="forbid")
    screen_share: ContextMode = Field("hold", description="while the screen is shared (xdg-desktop-portal)")
    fullscreen: ContextMode = Field("hold", description="while a full-screen window is in front")
    calls: ContextMode = Field("hold", description="while a call app uses the microphone: as in a meeting")
    mirrored: ContextMode | None = Field(
        None, description="while the displays are mirrored (presenting); default: as screen_share"
    )

    def to_settings(self) -> ContextSettings:
        return ContextSettings(self.screen_share, self.fullscreen, self.calls, self.mirrored)


Language = Literal["en", "nl"]


class StatusReplyModel(BaseModel):
    """Honest status replies (off until someone is named here or a rule says `reply: status`)."""

    model_config = ConfigDict(extra="forbid")
    enabled: bool = Field(True, description="false: no status replies at all, whatever the rules say")
    people: Names = Field(default_factory=list, description="people told when their message is held")
    conversations: Names = Field(
        default_factory=list, description="conversations told, by name; the only way a group chat is"
    )
    apps: Names = Field(default_factory=list, description="every named person writing through these apps")
    language: Language | None = Field(None, description="language of the replies; default: the UI's")
    languages: dict[str, Language] = Field(
        default_factory=dict, description="conversation name -> language of its replies"
    )
    templates: dict[str, dict[Language, str]] = Field(
        default_factory=dict,
        description="preset name (or 'any') -> {en, nl} -> text with {until} and optionally {name}",
    )

    @field_validator("templates")
    @classmethod
    def _templates(cls, value: dict[str, dict[Language, str]]) -> dict[str, dict[Language, str]]:
        for texts in value.values():
            for text in texts.values():
                check_template(text)
        return value

    def to_settings(self) -> StatusReplySettings:
        fold = lambda names: frozenset(n.strip().casefold() for n in names)  # noqa: E731
        return StatusReplySettings(
            enabled=self.enabled,
            people=fold(self.people),
            conversations=fold(self.conversations),
            apps=fold(self.apps),
            language=self.language,
            languages={k.strip().casefold(): v for k, v in self.languages.items()},
            templates={k: {str(lang): text for lang, text in v.items()} for k, v in self.templates.items()},
        )


class ConfigModel(BaseModel):
    """config.yaml"""

    model_config = ConfigDict(extra="forbid", title="notifyzen config.yaml")
    preset: Names = Field(
        default_factory=lambda: ["default"], description="preset(s) from the shipped rules/ to use"
    )
    timezone: str | None = Field(None, description="IANA zone, e.g. Europe/Amsterdam; default: TZ")
    checkins: list[str] = Field(
        default_factory=lambda: [t.strftime("%H:%M") for t in DEFAULT_CHECKINS],
        description="daily check-in times (HH:MM)",
    )
    max_wait: Minutes = Field(90, description="minutes a person's held message waits at most")
    repeated_contact: RepeatedContactModel = Field(
        default_factory=lambda: RepeatedContactModel.model_validate({})
    )
    critical_passes: bool = Field(True, description="critical urgency always breaks through")
    idle_breakpoint: int = Field(  # bounded: a huge number overflowed timedelta and crashed the load
        10, ge=0, le=7 * 24 * 60, description="minutes idle after which coming back is a check-in; 0 = off"
    )
    unmatched: UnmatchedModel = Field(default_factory=lambda: UnmatchedModel.model_validate({}))
    status_reply: StatusReplyModel = Field(default_factory=lambda: StatusReplyModel.model_validate({}))
    retention: RetentionModel = Field(default_factory=lambda: RetentionModel.model_validate({}))
    calendars: list[CalendarModel] = Field(
        default_factory=list, description="calendars whose meetings are focus windows (the meeting preset)"
    )
    popups: PopupsModel = Field(default_factory=lambda: PopupsModel.model_validate({}))
    context: ContextModel = Field(default_factory=lambda: ContextModel.model_validate({}))

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone {value!r} (expected e.g. Europe/Amsterdam)") from None
        return value

    @field_validator("checkins")
    @classmethod
    def _clock_times(cls, values: list[str]) -> list[str]:
        for value in values:
            parse_clock(str(value))
        return values

    def to_config(self) -> Config:
        presets = tuple(self.preset)
        return Config(
            checkins=tuple(sorted({parse_clock(str(v)) for v in self.checkins})),
            max_wait=timedelta(minutes=self.max_wait),
            repeated_count=self.repeated_contact.count,
            repeated_within=timedelta(minutes=self.repeated_contact.within),
            repeated_of=self.repeated_contact.of,
            critical_passes=self.critical_passes,
            idle_breakpoint=timedelta(minutes=self.idle_breakpoint),
            unmatched_in_focus=Verdict(self.unmatched.in_focus),
            unmatched_outside=Verdict(self.unmatched.outside),
            presets=presets,
            zone=ZoneInfo(self.timezone) if self.timezone else local_zone(),
            status_reply=self.status_reply.to_settings(),
            bodies_days=self.retention.bodies_days,
            rows_days=self.retention.rows_days,
            calendars=tuple(c.to_settings() for c in self.calendars),
            popups=self.popups.to_settings(),
            context=self.context.to_settings(),
        )

"""A rule file as pydantic sees it: the one declaration behind validation and the JSON Schema.

Shorthands a person would write are accepted and normalised before validation
(`app: Slack` for `app: [Slack]`, `action: hold` for `action: {do: hold}`), so error locations
stay the paths of the file. Regexes (for RE2, linear time: core/textpattern.py) and clock times
are checked here, at load.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from notifyzen.core.schedule import parse_clock, parse_days, parse_span
from notifyzen.core.textpattern import PatternError, compile_pattern


def _listify(value: Any) -> Any:
    if isinstance(value, str | int | float | bool):
        return [str(value) if not isinstance(value, bool) else ("yes" if value else "no")]
    return value


def _check_regex(value: str) -> str:
    """Compiled at load, for the engine that runs it (core/textpattern.py, RE2): a pattern `rules
    check` accepts is one the app can match in linear time on any text an app sends."""
    try:
        compile_pattern(value)
    except PatternError as exc:
        if exc.unsupported:
            raise ValueError(f"{exc}; rule patterns run in linear time (docs/rules.md)") from None
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return value


def _check_days(values: list[str]) -> list[str]:
    parse_days(values)
    return values


def _check_spans(values: list[str]) -> list[str]:
    for value in values:
        parse_span(value)
    return values


def _check_until(value: str) -> str:
    if value.strip().lower() != "end of window":
        parse_clock(value)
    return value


def _wait_off(value: Any) -> Any:
    return 0 if value is False or (isinstance(value, str) and value.lower() in ("off", "none")) else value


_ONE_OR_MORE = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
Names = Annotated[list[str], BeforeValidator(_listify), WithJsonSchema(_ONE_OR_MORE)]
Regex = Annotated[str, AfterValidator(_check_regex)]
UrgencyName = Literal["low", "normal", "critical"]
Urgencies = Annotated[
    list[UrgencyName],
    BeforeValidator(_listify),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": ["low", "normal", "critical"]},
                {"type": "array", "items": {"enum": ["low", "normal", "critical"]}},
            ]
        }
    ),
]


class MatchModel(BaseModel):
    """All given conditions must hold. Names compare case-insensitively; regexes search, ignoring case."""

    model_config = ConfigDict(extra="forbid")
    app: Names | None = Field(None, description="application name(s), e.g. Slack")
    desktop_entry: Names | None = Field(None, description="desktop entry, e.g. org.gnome.Evolution")
    sender: Names | None = Field(None, description="person(s) or conversation(s)")
    category: Names | None = Field(None, description="'im' matches im and im.*; 'im.received' only itself")
    urgency: Urgencies | None = None
    source: Literal["desktop", "phone"] | None = None
    device: Names | None = Field(None, description="phone name as KDE Connect shows it")
    package: Names | None = Field(
        None,
        description="Android package of a phone notification, e.g. com.google.android.calendar "
        "(the same whatever the phone's language)",
    )
    summary: Regex | None = Field(None, description="regular expression searched in the summary")
    body: Regex | None = Field(None, description="regular expression searched in the body")
    text: Regex | None = Field(None, description="regular expression searched in summary or body")
    person: bool | None = Field(
        None, description="true: from a person (a sender, a caller, a messenger's contact; not a group)"
    )
    repeated: bool | None = Field(None, description="true: repeated contact from the same sender")
    time_sensitive: bool | None = Field(None, description="the app marked it time-sensitive")
    reminder: bool | None = Field(
        None,
        description="true: a reminder of an event still ahead, in any language (a calendar or clock "
        "app, or 'in 5 minutes' / a clock time soon after arrival)",
    )
    code: bool | None = Field(
        None, description="true: a one-time code (4-8 digits next to a code word, in any language)"
    )
    call: bool | Literal["ringing", "missed"] | None = Field(
        None, description="true: a call in any language; 'ringing': ringing now; 'missed': missed"
    )
    cooldown: Annotated[int, Field(ge=1, le=240)] | None = Field(
        None,
        description="minutes: matches while the same conversation (or app) popped up within this "
        "long; with 'hold', a chatty thread comes as one pop-up and the rest waits for the check-in",
    )


class ActionModel(BaseModel):
    """`deliver`, `hold`, `mute`, or a mapping: `do` (+ `until`), `hold_until: 17:30`, `set_urgency`."""

    model_config = ConfigDict(extra="forbid")
    do: Literal["deliver", "hold", "hold_until", "mute"] | None = None
    until: Annotated[str, AfterValidator(_check_until)] | None = Field(
        None, description="for hold_until: a clock time (17:30) or 'end of window'"
    )
    hold_until: Annotated[str, AfterValidator(_check_until)] | None = Field(
        None, description="short for do: hold_until + until: a clock time (17:30) or 'end of window'"
    )
    set_urgency: UrgencyName | None = Field(None, description="alone: change urgency, the next rule decides")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"do": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _consistent(self) -> ActionModel:
        if self.hold_until is not None:
            if self.do not in (None, "hold_until") or self.until is not None:
                raise ValueError("hold_until: 17:30 stands alone; drop 'do' and 'until'")
            self.do, self.until = "hold_until", self.hold_until
        if self.do is None and self.set_urgency is None:
            raise ValueError("an action needs 'do' (deliver, hold, hold_until, mute) or 'set_urgency'")
        if self.do == "hold_until" and self.until is None:
            raise ValueError("hold_until needs 'until' (a time like 17:30, or 'end of window')")
        if self.until is not None and self.do != "hold_until":
            raise ValueError("'until' only goes with 'do: hold_until'")
        return self


class RuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, description="shown in explain and in the history")
    why: str | None = Field(None, description="one line saying why; shown by explain")
    match: MatchModel = Field(default_factory=lambda: MatchModel.model_validate({}))
    action: ActionModel
    during: Names | None = Field(
        None, description="only in these focus windows; 'any' = in any, 'none' = outside all"
    )
    reply: Literal["status"] | None = Field(None, description="status: send an honest status reply")


class WindowModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    days: Annotated[Names, AfterValidator(_check_days)] = Field(
        default_factory=lambda: ["daily"], description="mon…sun, mon-fri, weekdays, weekends, daily"
    )
    times: Annotated[Names, AfterValidator(_check_spans)] | None = Field(
        None,
        description="spans like 09:00-10:30; a span ending before it starts crosses midnight; none: all day",
    )
    max_wait: Annotated[
        Annotated[int, Field(ge=0)] | None,
        BeforeValidator(_wait_off),
        WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"enum": [False, "off"]}]}),
    ] = Field(None, description="minutes people wait at most in this window; off: until the window ends")


class RuleFileModel(BaseModel):
    """A notifyzen rule file (a preset in rules/, or ~/.config/notifyzen/rules/*.yaml)."""

    model_config = ConfigDict(extra="forbid", title="notifyzen rules")
    description: str | None = Field(None, description="one line: when to use this preset")
    windows: list[WindowModel] = Field(default_factory=list, description="focus windows")
    rules: list[RuleModel] = Field(default_factory=list, description="first match wins, in file order")


def rules_json_schema() -> dict[str, Any]:
    schema = RuleFileModel.model_json_schema()
    action = {"anyOf": [{"enum": ["deliver", "hold", "mute"]}, {"$ref": "#/$defs/ActionModel"}]}
    schema["$defs"]["RuleModel"]["properties"]["action"] = action
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema

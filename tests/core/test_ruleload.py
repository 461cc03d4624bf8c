"""Loading rule files and config.yaml: a RuleSet, or every error at once with file:line:col."""

from __future__ import annotations

import json
import textwrap
from datetime import time, timedelta
from pathlib import Path
from time import perf_counter

import pytest

from notifyzen.core.model import Verdict
from notifyzen.core.rulefile import rules_json_schema
from notifyzen.core.ruleload import load_active, load_config, load_rules, preset_descriptions, preset_names
from tests.core.rulekit import AMS, PRESETS


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


def errors_of(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path / "mine.yaml", text)
    rules, errors = load_rules([path])
    assert rules is None
    return [str(e).replace(str(tmp_path) + "/", "") for e in errors]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            """
            rules:
              - name: standup
                match: {app: Slack, urgncy: low}
                action: hold
            """,
            'mine.yaml:3:25: rule "standup": unknown key "urgncy" (did you mean "urgency"?)',
        ),
        (
            """
            rules:
              - name: standup
                action: hol
            """,
            "mine.yaml:3:13: rule \"standup\": action.do: expected 'deliver', 'hold', 'hold_until' "
            "or 'mute', got 'hol' (did you mean \"hold\"?)",
        ),
        (
            """
            rules:
              - name: standup
                match: {app: Slack}
            """,
            'mine.yaml:2:5: rule "standup": missing key "action"',
        ),
        (
            """
            rules:
              - name: ci
                match:
                  summary: "build (failed"
                action: mute
            """,
            'mine.yaml:4:16: rule "ci": match.summary: not a valid regular expression: '
            'missing ) in "build (failed"',
        ),
        (
            """
            windows:
              - name: deep work
                days: [mon, funday]
            """,
            "mine.yaml:3:11: window \"deep work\": days: unknown day 'funday' "
            "(expected mon…sun, weekdays, weekends or daily)",
        ),
        (
            """
            windows:
              - name: deep work
                times: 09:00-25:00
            rules:
              - name: x
                action: {do: hold_until}
            """,
            "mine.yaml:3:12: window \"deep work\": times: no such clock time: '25:00'",
        ),
        (
            """
            rules:
              - name: x
                match: {app: a}
                action: {do: deliver, until: "17:00"}
            """,
            "mine.yaml:4:13: rule \"x\": action: 'until' only goes with 'do: hold_until'",
        ),
        (
            """
            rulez: []
            """,
            'mine.yaml:1:1: unknown key "rulez" (did you mean "rules"?)',
        ),
        (
            """
            rules:
              - name: a
                action: hold
                match: {app: [a, b}
            """,
            # libyaml's words (notifyzen reads rule files with it where it is installed)
            "mine.yaml:4:23: not valid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence)",
        ),
        (
            """
            - just
            - a list
            """,
            "mine.yaml:1:1: expected a mapping with 'windows' and/or 'rules'",
        ),
        (
            """
            windows: [{name: deep work}]
            rules:
              - name: a
                during: [deep wrok]
                action: hold
              - name: A
                action: mute
            """,
            'mine.yaml:4:14: rule "a": during: no focus window "deep wrok" (did you mean "deep work"?)',
        ),
    ],
)
def test_error_names_file_line_col_and_what_was_expected(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in errors_of(tmp_path, text)


def test_all_errors_at_once_across_files(tmp_path: Path) -> None:
    one = write(
        tmp_path / "one.yaml", "rules:\n  - name: a\n    actoin: hold\n  - name: b\n    action: mte\n"
    )
    two = write(tmp_path / "two.yaml", "windows:\n  - {name: w, times: nine-ten}\n")
    rules, errors = load_rules([one, two])
    assert rules is None
    assert [(Path(e.file).name, e.line) for e in errors] == [
        ("one.yaml", 2),
        ("one.yaml", 3),
        ("one.yaml", 5),
        ("two.yaml", 2),
    ]


def test_duplicate_rule_names_in_one_file(tmp_path: Path) -> None:
    messages = errors_of(tmp_path, "rules:\n  - {name: a, action: hold}\n  - {name: A, action: mute}\n")
    assert messages == ['mine.yaml:3:12: rule "A": a rule named so is already above']


def test_clock_times_need_no_quotes(tmp_path: Path) -> None:
    # YAML 1.1 reads 10:30 as the base-60 number 630; a rule file means the clock time.
    path = write(
        tmp_path / "r.yaml",
        """
        windows:
          - {name: w, days: daily, times: [10:30-12:00]}
        rules:
          - {name: ci, action: {do: hold_until, until: 17:30}}
        """,
    )
    rules, errors = load_rules([path])
    assert rules is not None, errors
    assert rules.windows[0].spans[0].start == time(10, 30)
    assert rules.preset == () and rules.user[0].action.until == time(17, 30)


def test_empty_file_is_no_rules(tmp_path: Path) -> None:
    rules, errors = load_rules([write(tmp_path / "empty.yaml", "# nothing yet\n")])
    assert rules is not None and rules.rules == () and not errors


def test_config_yaml(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.yaml",
        """
        timezone: Europe/Amsterdam
        checkins: [16:30, 09:00]
        max_wait: 45
        repeated_contact: {count: 3, within: 5, of: people}
        unmatched: {in_focus: mute}
        preset: [default, evening]
        """,
    )
    cfg, errors, _ = load_config(path)
    assert cfg is not None, errors
    assert cfg.checkins == (time(9), time(16, 30))
    assert cfg.max_wait == timedelta(minutes=45)
    assert (cfg.repeated_count, cfg.repeated_within, cfg.repeated_of) == (3, timedelta(minutes=5), "people")
    assert cfg.unmatched_in_focus is Verdict.MUTE and cfg.unmatched_outside is Verdict.DELIVER
    assert cfg.presets == ("default", "evening")
    assert cfg.zone == AMS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("timezone: Europe/Amsterdm\n", "config.yaml:1:11: timezone: unknown time zone 'Europe/Amsterdm'"),
        ("checkins: [25:00]\n", "config.yaml:1:11: checkins: no such clock time: '25:00'"),
        ("max_wiat: 30\n", 'config.yaml:1:1: unknown key "max_wiat" (did you mean "max_wait"?)'),
        ("preset: defualt\n", 'config.yaml:1:9: preset: no preset "defualt" (did you mean "default"?)'),
        (
            "idle_breakpoint: 99999999999999\n",
            "config.yaml:1:18: idle_breakpoint: expected less than or equal to 10080, got 99999999999999",
        ),
    ],
)
def test_config_errors(tmp_path: Path, text: str, expected: str) -> None:
    write(tmp_path / "config.yaml", text)
    loaded = load_active(tmp_path, PRESETS)
    assert not loaded.ok and loaded.rules is None
    assert any(str(e).replace(str(tmp_path) + "/", "").startswith(expected) for e in loaded.errors), (
        loaded.errors
    )


def test_config_and_rule_errors_come_together(tmp_path: Path) -> None:
    write(tmp_path / "config.yaml", "max_wait: 0\n")
    write(tmp_path / "rules" / "a.yaml", "rules: [{name: a}]\n")
    loaded = load_active(tmp_path, PRESETS)
    assert [Path(e.file).name for e in loaded.errors] == ["config.yaml", "a.yaml"]


def test_load_active_reads_config_user_rules_then_the_preset(tmp_path: Path) -> None:
    write(tmp_path / "config.yaml", "preset: sleep\ncheckins: ['11:00']\n")
    write(tmp_path / "rules" / "20-home.yaml", "rules: [{name: home, match: {app: Home}, action: mute}]\n")
    write(
        tmp_path / "rules" / "10-work.yaml",
        """
        windows: [{name: sleep, times: 23:00-06:00}]
        rules: [{name: work, match: {app: Slack}, action: hold, during: sleep}]
        """,
    )
    loaded = load_active(tmp_path, PRESETS)
    assert loaded.ok and loaded.rules is not None and loaded.config is not None
    assert [p.name for p in loaded.files] == ["config.yaml", "10-work.yaml", "20-home.yaml", "sleep.yaml"]
    assert loaded.watch == (tmp_path, tmp_path / "rules", PRESETS)
    assert [r.name for r in loaded.rules.user] == ["work", "home"]
    assert [r.name for r in loaded.rules.preset] == ["alarms"]
    # The user's "sleep" replaces the preset's.
    assert [(w.name, w.spans[0].start) for w in loaded.rules.windows] == [("sleep", time(23, 0))]
    assert loaded.config.checkins == (time(11, 0),)
    assert loaded.rules.user[0].origin.endswith("10-work.yaml:2")


def test_without_any_file_the_default_preset_is_active(tmp_path: Path) -> None:
    loaded = load_active(tmp_path / "nothing", PRESETS)
    assert loaded.ok and loaded.rules is not None and loaded.config is not None
    assert loaded.config.presets == ("default",)
    assert [p.name for p in loaded.files] == ["default.yaml"]
    assert {w.name for w in loaded.rules.windows} == {"deep work", "sleep"}


@pytest.mark.parametrize("name", preset_names(PRESETS))
def test_every_preset_is_valid_readable_and_points_at_the_schema(name: str) -> None:
    path = PRESETS / f"{name}.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=notifyzen-rules.schema.json\n")
    assert "\ndescription: " in text
    assert sum(line.startswith("#") for line in text.splitlines()) >= 3, "explain the preset in comments"
    rules, errors = load_rules([], [path])
    assert rules is not None, errors
    assert rules.windows, "a preset says when it is in force"


def test_the_shipped_presets_are_the_etiquette_situations() -> None:
    assert set(preset_names(PRESETS)) >= {
        "default",
        "work-focus",
        "meeting",
        "in-conversation",
        "commute",
        "evening",
        "sleep",
    }


def test_shipped_schema_is_the_generated_one() -> None:
    shipped = json.loads((PRESETS / "notifyzen-rules.schema.json").read_text())
    assert shipped == rules_json_schema(), (
        "regenerate: notifyzen rules schema > rules/notifyzen-rules.schema.json"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &a [*a]\n", "mine.yaml:1:4: not valid YAML: too large or too deeply nested for a rule file"),
        (
            "rules:\n  - name: b\x07\n",
            "mine.yaml:2:12: not valid YAML: character U+0007 is not allowed in YAML",
        ),
    ],
)
def test_hostile_yaml_is_an_error_not_a_crash(tmp_path: Path, text: str, expected: str) -> None:
    assert errors_of(tmp_path, text) == [expected]


@pytest.mark.parametrize(
    ("pattern", "unit", "tail"),
    [
        (r"(a+)+$", "a", "!"),
        (r"(\w+\s?)+$", "ab ", "!"),  # took 8 s on 28 characters with Python's re
        (r"(x*)*y", "x", ""),
        (r"(a|a?)+$", "a", "!"),  # never answered on 100 KB
        (r".*unsubscribe", "x", ""),  # 16.7 s on 64 KB
        (r"\d+ min", "1", ""),  # 13.5 s on 64 Ki digits
    ],
)
def test_a_regex_that_backtracks_elsewhere_loads_and_answers_at_once(
    tmp_path: Path, pattern: str, unit: str, tail: str
) -> None:
    rule = f"rules:\n  - name: fine\n    match: {{body: '{pattern}'}}\n    action: mute\n"
    rules, errors = load_rules([write(tmp_path / "ok.yaml", rule)])
    assert rules is not None and not errors
    body = rules.rules[0].match.body
    assert body is not None
    text = unit * (65536 // len(unit)) + tail
    started = perf_counter()
    body.search(text)
    assert perf_counter() - started < 0.05


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        (r"(a)\1", "backreferences"),
        (r"invoice(?! paid)", "lookahead and lookbehind"),
        (r"(?<=Re: )meeting", "lookahead and lookbehind"),
        (r"(a++)+", "possessive repeats"),
        (r"(?>a+)b", "atomic groups"),
        (r"a{2000}", "a count above 1000"),
    ],
)
def test_a_regex_rules_cannot_run_in_linear_time_is_named_with_what_to_write(
    tmp_path: Path, pattern: str, says: str
) -> None:
    rule = f"rules:\n  - name: slow\n    match: {{summary: '{pattern}'}}\n    action: mute\n"
    [message] = errors_of(tmp_path, rule)
    assert message.startswith(f'mine.yaml:3:22: rule "slow": match.summary: {says}'), message
    assert message.endswith("rule patterns run in linear time (docs/rules.md)"), message


@pytest.mark.parametrize("pattern", [r"build \d+ failed", r"(\d{1,3}\.)+", r"(x+y)+", r"^(a|b)+$", r"caf\pL"])
def test_ordinary_repetitions_load(tmp_path: Path, pattern: str) -> None:
    path = write(
        tmp_path / "ok.yaml",
        f"rules:\n  - name: fine\n    match: {{summary: '{pattern}'}}\n    action: mute\n",
    )
    rules, errors = load_rules([path])
    assert rules is not None and not errors


def test_hold_until_shorthand(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.yaml",
        """
        rules:
          - {name: a, action: {hold_until: 17:30}}
          - {name: b, action: {hold_until: end of window}}
        """,
    )
    rules, errors = load_rules([path])
    assert rules is not None, errors
    assert [(r.action.verdict, r.action.until) for r in rules.user] == [
        (Verdict.HOLD, time(17, 30)),
        (Verdict.HOLD, "end of window"),
    ]
    assert errors_of(tmp_path, "rules: [{name: a, action: {hold_until: '17:30', do: mute}}]\n") == [
        """mine.yaml:1:27: rule "a": action: hold_until: 17:30 stands alone; drop 'do' and 'until'"""
    ]


def test_the_examples_in_docs_rules_md_load(tmp_path: Path) -> None:
    docs = (PRESETS.parent / "docs" / "rules.md").read_text()
    blocks = [b.split("```", 1)[0] for b in docs.split("```yaml\n")[1:]]
    rule_file, config_file = write(tmp_path / "r.yaml", blocks[0]), write(tmp_path / "config.yaml", blocks[1])
    rules, errors = load_rules([rule_file])
    assert rules is not None, errors
    assert len(rules.rules) == 6 and len(rules.windows) == 2
    cfg, errors, _ = load_config(config_file)
    assert cfg is not None, errors


def test_preset_descriptions_for_a_menu() -> None:
    descriptions = preset_descriptions(PRESETS)
    assert descriptions["sleep"] == "Nights are quiet; alarms, critical and repeated contact only."
    assert all(descriptions.values())


def test_window_max_wait_empty_means_the_config_default(tmp_path: Path) -> None:
    # `max_wait:` with nothing after it is YAML null; pydantic used to raise TypeError on it.
    path = write(tmp_path / "w.yaml", "windows:\n  - {name: w, max_wait: }\n  - {name: v, max_wait: off}\n")
    rules, errors = load_rules([path])
    assert rules is not None, errors
    assert [w.max_wait for w in rules.windows] == [None, timedelta(0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            """
            rules:
              - name: slack
                match: {app: Slack}
                action: hold
                action: deliver
            """,
            'mine.yaml:5:5: not valid YAML: "action" is given twice in this mapping (first on line 4)',
        ),
        (
            """
            rules:
              - {name: chat, match: {app: Slack, app: Teams}, action: hold}
            """,
            'mine.yaml:2:38: not valid YAML: "app" is given twice in this mapping (first on line 2)',
        ),
        (  # the second "rules:" silently threw all the rules above away
            """
            rules:
              - {name: chat, match: {app: Slack}, action: hold}
            windows: []
            rules: []
            """,
            'mine.yaml:4:1: not valid YAML: "rules" is given twice in this mapping (first on line 1)',
        ),
    ],
)
def test_a_key_given_twice_is_an_error_not_the_last_one_silently(
    tmp_path: Path, text: str, expected: str
) -> None:
    """PyYAML keeps the last of two equal keys without a word; the user meant one of them."""
    assert errors_of(tmp_path, text) == [expected]


def test_anchors_aliases_and_merge_keys_still_work(tmp_path: Path) -> None:
    """A merged mapping's keys may be overridden by the mapping itself: that is no duplicate."""
    path = write(
        tmp_path / "r.yaml",
        """
        rules:
          - &chat {name: chat, match: &apps {app: [Slack, Teams]}, action: hold}
          - {<<: *chat, name: chat from Anke, match: {<<: *apps, sender: Anke}, action: deliver}
          - {name: chat again, match: *apps, action: mute}
        """,
    )
    rules, errors = load_rules([path])
    assert errors == [] and rules is not None
    assert [(r.name, r.action.name, r.match.sender) for r in rules.user] == [
        ("chat", "hold", None),
        ("chat from Anke", "deliver", frozenset({"anke"})),
        ("chat again", "mute", None),
    ]


def test_started_with_a_broken_config_the_rest_still_applies(tmp_path: Path) -> None:
    """At start there is no last good set: what loads applies, what is broken is named."""
    from notifyzen.core.ruleload import load_runnable

    config = tmp_path / "cfg"
    write(config / "config.yaml", "max_wiat: 30\n")  # a typo: the whole file is refused
    write(config / "rules" / "good.yaml", "rules:\n  - {name: mute ads, match: {app: Ads}, action: mute}\n")
    write(config / "rules" / "bad.yaml", "rules:\n  - {name: x, match: {app: X}, action: hold_forever}\n")
    loaded = load_runnable(config, PRESETS)
    assert not loaded.ok and {Path(e.file).name for e in loaded.errors} == {"config.yaml", "bad.yaml"}
    assert loaded.rules is not None and loaded.config is not None
    assert [r.name for r in loaded.rules.user] == ["mute ads"]  # the good file of the user's
    assert {w.name for w in loaded.rules.windows} == {"deep work", "sleep"}  # the default preset


def test_started_with_an_unknown_preset_the_default_one_applies(tmp_path: Path) -> None:
    from notifyzen.core.ruleload import load_runnable

    write(tmp_path / "config.yaml", "preset: wrok-focus\n")
    loaded = load_runnable(tmp_path, PRESETS)
    [error] = loaded.errors
    assert error.message.startswith('preset: no preset "wrok-focus"')
    assert loaded.rules is not None and {w.name for w in loaded.rules.windows} == {"deep work", "sleep"}

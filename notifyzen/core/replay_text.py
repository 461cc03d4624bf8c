"""How `rules simulate` says what it found: a table read at a glance, or JSON for scripts.

Both are built completely before anything is printed, so a failure never leaves half a report.
Times are shown on the user's clock (`tz`), the zone the rules' clock times are read in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

from notifyzen.core.replay import Outcome, Run
from notifyzen.core.replay_summary import (
    FateChange,
    GroupChange,
    Summary,
    Waits,
    changes,
    most_changed,
    per_app,
    per_person,
)


def _iso(at: datetime | None, tz: tzinfo) -> str | None:
    return None if at is None else at.astimezone(tz).isoformat()


def _whole_minutes(value: timedelta) -> int | float:
    minutes = round(value.total_seconds() / 60, 1)
    return int(minutes) if minutes.is_integer() else minutes


def outcome_json(o: Outcome, tz: tzinfo) -> dict[str, Any]:
    return {
        "line": o.line,
        "decision": o.decision.verdict.value,
        "rule": o.decision.rule,
        "reason": o.decision.reason,
        "window": o.decision.window,
        "at": _iso(o.notification.at, tz),
        "shown_at": _iso(o.shown_at, tz),
        "shown_by": None if o.shown_by is None else o.shown_by.value,
    }


def run_json(run: Run, summary: Summary, tz: tzinfo) -> dict[str, Any]:
    """The documented shape: notifications (input order), checkins, focus, max_wait_minutes, summary."""
    return {
        "notifications": [outcome_json(o, tz) for o in run.outcomes],
        "checkins": [_iso(c.at, tz) for c in run.checkins],
        "checkin_reasons": [c.reason for c in run.checkins],
        "focus": [{"name": f.name, "start": _iso(f.start, tz), "end": _iso(f.end, tz)} for f in run.focus],
        "max_wait_minutes": _whole_minutes(run.max_wait),
        "span": {"start": _iso(run.start, tz), "end": _iso(run.end, tz)},
        "summary": summary.as_json(),
    }


def compare_json(active: Run, candidate: Run, tz: tzinfo) -> dict[str, Any]:
    def group(g: GroupChange) -> dict[str, Any]:
        return {"name": g.name, "active": g.before.as_json(), "candidate": g.after.as_json()}

    return {
        "changed": len(changes(active, candidate)),
        "per_app": [group(g) for g in per_app(active, candidate)],
        "per_person": [group(g) for g in per_person(active, candidate)],
        "most_changed": [
            {
                "line": c.after.line,
                "active": outcome_json(c.before, tz),
                "candidate": outcome_json(c.after, tz),
            }
            for c in most_changed(active, candidate)
        ],
    }


# --- the table ---------------------------------------------------------------------------------


def minutes(value: timedelta | None) -> str:
    if value is None:
        return "–"
    total = round(value.total_seconds() / 60)
    return f"{total} min" if total < 120 else f"{total // 60} h {total % 60:02d} min"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _fate(o: Outcome, tz: tzinfo) -> str:
    if o.shown_at is None:
        return "muted" if o.decision.verdict.value == "mute" else "never shown"
    if o.shown_by is not None and o.shown_by.value == "arrival":
        return "at once"
    by = "" if o.shown_by is None else o.shown_by.value.replace("_", " ")
    return f"after {minutes(o.wait)} ({by})"


def _describe(o: Outcome, tz: tzinfo) -> str:
    n = o.notification
    when = n.at.astimezone(tz).strftime("%a %H:%M")
    who = f"{n.app_name} · {n.summary}" if n.summary and n.summary != n.app_name else n.app_name
    text = n.body.replace("\n", " ")
    snippet = f' "{text[:28]}…"' if len(text) > 29 else (f' "{text}"' if text else "")
    return f"{when}  {who}{snippet}"[:62]


def _change_line(c: FateChange, tz: tzinfo) -> str:
    return (
        f"  {_describe(c.after, tz):<62}  {_fate(c.before, tz)} → {_fate(c.after, tz)}"
        f"  [{c.after.decision.rule}]"
    )


def _wait_line(w: Waits) -> str:
    return f"median {minutes(w.median)} · 95th {minutes(w.p95)} · longest {minutes(w.longest)}"


def _rows(summaries: Sequence[Summary], passthrough: bool) -> list[tuple[str, list[str]]]:
    def col(get: Any) -> list[str]:
        return [str(get(s)) for s in summaries]

    rows = [
        ("notifications", col(lambda s: s.notifications)),
        ("delivered at once", col(lambda s: s.delivered)),
        ("held", col(lambda s: s.held)),
        ("muted", col(lambda s: s.muted)),
        ("interruptions in focus windows", col(lambda s: s.interruptions)),
        ("check-ins", col(lambda s: s.checkins)),
    ]
    if passthrough:
        s = summaries[0]
        extra = [str(s.notifications), str(s.notifications), "0", "0", str(s.passthrough_interruptions), "–"]
        rows = [(name, [*values, e]) for (name, values), e in zip(rows, extra, strict=True)]
    return rows


def _table(headers: Sequence[str], rows: Sequence[tuple[str, list[str]]]) -> list[str]:
    width = max(len(name) for name, _ in rows)
    cols = [max(len(h), *(len(v[i]) for _, v in rows)) for i, h in enumerate(headers)]
    out = ["  " + " " * width + "".join(f"  {h:>{cols[i]}}" for i, h in enumerate(headers))]
    out += [
        "  " + f"{name:<{width}}" + "".join(f"  {v:>{cols[i]}}" for i, v in enumerate(values))
        for name, values in rows
    ]
    return out


def _people_lines(s: Summary) -> list[str]:
    p, d = s.people, s.people_daytime
    if not p.count:
        return ["  no messages from people"]
    within = f"{p.within_max_wait} of {p.count} ({_percent(p.within_max_wait, p.count)})"
    daytime = f"{d.within_max_wait} of {d.count} ({_percent(d.within_max_wait, d.count)})"
    lines = [
        f"  people's messages waited: {_wait_line(p)}  (max wait {minutes(s.max_wait)})",
        f"  shown within max wait: {within}; of those arriving 07:00–22:00: {daytime}",
    ]
    if p.never_shown:
        lines.append(f"  {p.never_shown} from people never shown (muted or still held)")
    return lines


def _saved(s: Summary) -> str:
    saved = s.interruptions_saved
    if saved is None:
        return "  no notification arrived during a focus window"
    return (
        f"  {s.interruptions} interruptions in focus windows instead of {s.passthrough_interruptions}"
        f" with every notification shown on arrival ({saved:.0%} fewer)"
    )


def single_text(run: Run, summary: Summary, passthrough: Run, tz: tzinfo, title: str) -> str:
    lines = [title, ""]
    lines += _table(["rules", "pass-through"], _rows([summary], passthrough=True))
    lines += ["", _saved(summary), *_people_lines(summary)]
    top = most_changed(passthrough, run)
    if top:
        lines += ["", "Changed most (against every notification shown on arrival):"]
        lines += [_change_line(c, tz) for c in top]
    return "\n".join(lines) + "\n"


def compare_text(
    active: Run, active_summary: Summary, candidate: Run, candidate_summary: Summary, tz: tzinfo, title: str
) -> str:
    lines = [title, ""]
    rows = _rows([active_summary, candidate_summary], passthrough=False)
    rows.append(
        (
            "people within max wait",
            [_percent(s.people.within_max_wait, s.people.count) for s in (active_summary, candidate_summary)],
        )
    )
    rows.append(
        ("people's median wait", [minutes(s.people.median) for s in (active_summary, candidate_summary)])
    )
    rows.append(
        ("people's longest wait", [minutes(s.people.longest) for s in (active_summary, candidate_summary)])
    )
    lines += _table(["active", "candidate"], rows)
    lines += [
        "",
        f"  pass-through would interrupt {active_summary.passthrough_interruptions} times in focus windows",
    ]
    changed = changes(active, candidate)
    if not changed:
        return "\n".join([*lines, "", "The candidate changes nothing for this stream."]) + "\n"
    lines += ["", f"{len(changed)} notifications change fate."]
    for heading, groups in (
        ("Per app", per_app(active, candidate)),
        ("Per person", per_person(active, candidate)),
    ):
        if groups:
            lines += ["", f"{heading} (active → candidate):", *_group_lines(groups[:10])]
            if len(groups) > 10:
                lines.append(f"  … and {len(groups) - 10} more")
    lines += ["", "Changed most:", *(_change_line(c, tz) for c in most_changed(active, candidate))]
    return "\n".join(lines) + "\n"


def _group_lines(groups: Sequence[GroupChange]) -> list[str]:
    width = min(max(len(g.name) for g in groups), 28)

    def fig(g: Any) -> str:
        return f"{g.delivered} at once, {g.held} held, {g.muted} muted, {g.interruptions} interruptions"

    return [f"  {g.name[:width]:<{width}}  {fig(g.before)}  →  {fig(g.after)}" for g in groups]

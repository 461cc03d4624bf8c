"""`notifyzen demo`: a working Monday replayed at high speed through the real app, on a bus of its own.

What a newcomer should see is notifyzen doing its job, not a simulation of it. So the demo starts
a private dbus-daemon (notifyzen.devbus), runs the real `notifyzen run --mode server` on it with a
fake clock and throwaway XDG dirs (the shipped presets, none of the user's rules, history or
config), and sends one generated day (notifyzen.core.weekgen, seeded) through real clients:
notify-send and gdbus where installed, dbus-fast always. Phone notifications are sent the way
kdeconnectd sends its desktop copies (app "KDE Connect", x-kde-origin-name, desktop-entry
org.kde.kdeconnect.daemon, and the title/text form that depends on the server's capabilities).

Between notifications the clock is jumped with the control interface's SetClock, so focus windows
begin and end and check-ins fall due as they would over a day. Every line of commentary is read
back from the history file notifyzen wrote, so it shows what notifyzen decided, not what the demo
expected. At the end the demo checks in, prints the day's digest (notifyzen.core.digest over the
held rows), renders the weekly report and says where both files are. With a display the app's
own digest and report windows open instead, and the demo waits until the user is done.

Everything the demo starts is stopped again however it ends (Ctrl-C and SIGTERM included): the
children run in sessions of their own so a Ctrl-C reaches only the demo, which then stops them
in order.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time as wallclock
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, TextIO

from notifyzen.core.model import Notification, Source
from notifyzen.core.stream import Event, Presence

DEVICE = "Pixel 7"
KDECONNECT_ENTRY = "org.kde.kdeconnect.daemon"
NOTIFY = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.freedesktop.Notifications")
CONTROL = (
    "io.github.notifyzen.Notifyzen",
    "/io/github/notifyzen/Notifyzen",
    "io.github.notifyzen.Notifyzen1",
)
REPORT_NAME = "notifyzen-demo-report.html"
# Which real client sends which desktop app (when that client is installed): a mix, as on a desktop.
NOTIFY_SEND_APPS = ("Signal", "Telegram Desktop", "Calendar", "Discover", "Nextcloud", "Power Management")
GDBUS_APPS = ("Thunderbird", "Firefox")
START_TIMEOUT = 60.0  # a loaded 2-core machine takes a while to import Qt
CALL_TIMEOUT = 15.0


class DemoError(RuntimeError):
    """Something stopped the demo; the message says what, in one line."""


@dataclass(frozen=True, slots=True)
class Options:
    seed: int = 16  # a day where the laptop battery runs low in a focus window
    speed: float = 3000.0  # times real time; 0 = as fast as the calls go
    start: time = time(8, 0)
    end: time = time(18, 0)
    keep: bool | None = None  # None: keep the windows open when there is a display and a terminal
    directory: Path | None = None
    out: TextIO = field(default_factory=lambda: sys.stdout)


@dataclass(frozen=True, slots=True)
class Call:
    """One Notify call as its client makes it: the generated notification and how it travels."""

    n: Notification
    client: str  # notify-send | gdbus | dbus-fast
    app_name: str
    summary: str
    body: str
    icon: str
    hints: dict[str, str | bool | int]

    @property
    def label(self) -> str:
        """The app a person would name: the phone app for phone notifications."""
        return self.n.app_name


# -- the day --------------------------------------------------------------------------------------
def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def day_events(day: date, tz: tzinfo, seed: int, start: time, end: time) -> list[Event]:
    """The generated day between `start` and `end` local time: notifications, and the moments the
    user leaves the desk and comes back (sent as the screen saver's ActiveChanged)."""
    from notifyzen.core.weekgen import generate_days

    begin, finish = datetime.combine(day, start, tz), datetime.combine(day, end, tz)
    return [e for e in generate_days(day, 1, tz, seed=seed) if begin <= e.at < finish]


def clients_available() -> tuple[str, ...]:
    found = tuple(name for name in ("notify-send", "gdbus") if shutil.which(name))
    return (*found, "dbus-fast")


def plan(events: Sequence[Event], clients: Sequence[str], kde_caps: bool) -> list[Call | Presence]:
    return [as_call(e, clients, kde_caps) if isinstance(e, Notification) else e for e in events]


def as_call(n: Notification, clients: Sequence[str], kde_caps: bool) -> Call:
    if n.source is Source.PHONE:
        return _phone_call(n, kde_caps)
    client = "dbus-fast"
    if n.app_name in NOTIFY_SEND_APPS and "notify-send" in clients:
        client = "notify-send"
    elif n.app_name in (*GDBUS_APPS, *NOTIFY_SEND_APPS) and "gdbus" in clients:
        client = "gdbus"
    hints: dict[str, str | bool | int] = {"urgency": int(n.urgency)}
    if n.category:
        hints["category"] = n.category
    if n.desktop_entry:
        hints["desktop-entry"] = n.desktop_entry
    icon = n.desktop_entry or ""
    return Call(n, client, n.app_name, n.summary, n.body, icon, hints)


def _phone_call(n: Notification, kde_caps: bool) -> Call:
    """What kdeconnectd 22.12 sends for a phone notification (as recorded from the real daemon).

    It puts the phone app in x-kde-display-appname and keeps title and text apart only when the
    server advertises that capability; otherwise the app is the summary and "title: text" the body.
    """
    hints: dict[str, str | bool | int] = {
        "desktop-entry": KDECONNECT_ENTRY,
        "x-kde-appname": "kdeconnect",
        "x-kde-eventId": "notification",
        "x-kde-origin-name": n.device or DEVICE,
        "resident": True,
    }
    text = _escape(n.body)
    if kde_caps:
        hints["x-kde-display-appname"] = n.app_name
        summary, body = n.summary, text
    else:
        summary, body = n.app_name, f"{_escape(n.summary)}: {text}" if text else _escape(n.summary)
    return Call(n, "dbus-fast", "KDE Connect", summary, body, "kdeconnect", hints)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- the clients ----------------------------------------------------------------------------------
def notify_send_argv(call: Call) -> list[str]:
    urgency = {0: "low", 1: "normal", 2: "critical"}[int(call.hints.get("urgency", 1))]
    argv = ["notify-send", "--app-name", call.app_name, "--urgency", urgency]
    if call.icon:
        argv += ["--icon", call.icon]
    for key, value in call.hints.items():
        if key == "urgency":
            continue
        if key == "category":
            argv += ["--category", str(value)]
        elif isinstance(value, bool):
            argv += ["--hint", f"boolean:{key}:{str(value).lower()}"]
        else:
            argv += ["--hint", f"string:{key}:{value}"]
    return [*argv, "--", call.summary, call.body]


def gvariant_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def gdbus_argv(call: Call) -> list[str]:
    """gdbus reads each argument as GVariant text, so every string is quoted and every number typed."""
    hints = []
    for key, value in call.hints.items():
        if key == "urgency":
            hints.append(f"{gvariant_string(key)}: <byte {int(value)}>")
        elif isinstance(value, bool):
            hints.append(f"{gvariant_string(key)}: <{str(value).lower()}>")
        else:
            hints.append(f"{gvariant_string(key)}: <{gvariant_string(str(value))}>")
    dest, path, iface = NOTIFY
    return [
        "gdbus",
        "call",
        "--session",
        "--dest",
        dest,
        "--object-path",
        path,
        "--method",
        f"{iface}.Notify",
        gvariant_string(call.app_name),
        "uint32 0",
        gvariant_string(call.icon),
        gvariant_string(call.summary),
        gvariant_string(call.body),
        "@as []",
        "@a{sv} {" + ", ".join(hints) + "}",
        "int32 -1",
    ]


class Bus:
    """The demo's own dbus-fast connection: the dbus-fast client, SetClock, CheckIn, Status."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.bus: Any = None

    async def connect(self) -> None:
        from dbus_fast.aio import MessageBus

        self.bus = await asyncio.wait_for(MessageBus(bus_address=self.address).connect(), CALL_TIMEOUT)

    def disconnect(self) -> None:
        if self.bus is not None:
            self.bus.disconnect()

    async def call(
        self, target: tuple[str, str, str], member: str, sig: str = "", body: list[Any] | None = None
    ) -> Any:
        import json

        from dbus_fast import Message, MessageType

        dest, path, iface = target
        msg = Message(
            destination=dest, path=path, interface=iface, member=member, signature=sig, body=body or []
        )
        reply = await asyncio.wait_for(self.bus.call(msg), CALL_TIMEOUT)
        if reply.message_type is MessageType.ERROR:
            raise DemoError(f"{member}: {reply.body[0] if reply.body else reply.error_name}")
        value = reply.body[0] if reply.body else None
        return json.loads(value) if isinstance(value, str) and value[:1] in "{[" else value

    async def screen_saver(self, active: bool) -> None:
        """What a screen saver says when it comes on (the user left) or goes off (they are back)."""
        from dbus_fast import Message

        path, iface = "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"
        await self.bus.send(Message.new_signal(path, iface, "ActiveChanged", "b", [active]))
        await self.call(CONTROL, "Status")  # answered after the signal was handled: one connection, in order

    async def notify(self, call: Call) -> None:
        from dbus_fast import Variant

        sigs = {bool: "b", int: "y", str: "s"}
        hints = {k: Variant(sigs[type(v)], v) for k, v in call.hints.items()}
        body = [call.app_name, 0, call.icon, call.summary, call.body, [], hints, -1]
        await self.call(NOTIFY, "Notify", "susssasa{sv}i", body)


async def send(call: Call, bus: Bus, env: dict[str, str]) -> None:
    if call.client == "dbus-fast":
        await bus.notify(call)
        return
    argv = notify_send_argv(call) if call.client == "notify-send" else gdbus_argv(call)
    proc = await asyncio.create_subprocess_exec(
        *argv,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _, err = await asyncio.wait_for(proc.communicate(), CALL_TIMEOUT)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise DemoError(f"{call.client} did not finish within {CALL_TIMEOUT:.0f} s") from None
    if proc.returncode != 0:
        raise DemoError(f"{call.client} failed: {err.decode(errors='replace').strip()}")


# -- what notifyzen wrote -------------------------------------------------------------------------
class History:
    """The demo's window on the history file: new rows and check-ins since it last looked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        self.db.row_factory = sqlite3.Row
        self.last_row = 0
        self.last_checkin = 0
        self.announced: set[int] = set()

    def close(self) -> None:
        self.db.close()

    def new_rows(self) -> list[sqlite3.Row]:
        rows = self.db.execute(
            "SELECT * FROM notification WHERE id > ? ORDER BY id", (self.last_row,)
        ).fetchall()
        if rows:
            self.last_row = rows[-1]["id"]
        return rows

    def new_checkins(self) -> list[sqlite3.Row]:
        rows = self.db.execute(
            "SELECT * FROM checkin WHERE id > ? ORDER BY id", (self.last_checkin,)
        ).fetchall()
        if rows:
            self.last_checkin = rows[-1]["id"]
        return rows

    def early_releases(self) -> list[sqlite3.Row]:
        """Held rows shown before a check-in (max wait, hold-until, a person breaking through)."""
        rows = self.db.execute(
            "SELECT * FROM notification WHERE verdict = 'hold' AND shown_by IS NOT NULL "
            "AND shown_by NOT IN ('checkin', 'breakpoint', 'arrival') ORDER BY shown_at, id"
        ).fetchall()
        fresh = [r for r in rows if r["id"] not in self.announced]
        self.announced.update(r["id"] for r in fresh)
        return fresh


# -- the commentary -------------------------------------------------------------------------------
FIXED = 2 + 5 + 2 + 7 + 2 + 16 + 2 + 2  # time, from, app and the gaps around "what"
CHECKIN_REASONS = {"scheduled": "planned", "breakpoint": "a break", "manual": "you asked", "missed": "missed"}
VERDICT = 14  # "held → 10:30"


class Commentary:
    """One line per arrival, check-in and focus window, sized to the terminal."""

    def __init__(self, out: TextIO, tz: tzinfo) -> None:
        self.out, self.tz = out, tz
        tty = out.isatty()
        colour = tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        self.bold = _style("1", colour)
        self.dim = _style("2", colour)
        self.red = _style("1;31", colour)
        self.columns = min(120, shutil.get_terminal_size((100, 24)).columns if tty else 100)
        self.what = max(20, min(60, self.columns - FIXED - VERDICT))
        self.seated = False

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def paragraph(self, text: str) -> None:
        self.say(textwrap.fill(text, width=max(60, self.columns - 1), break_on_hyphens=False))

    def clock(self, epoch: float) -> str:
        return datetime.fromtimestamp(epoch, self.tz).strftime("%H:%M")

    def heading(self) -> None:
        self.say(self.dim(f"  {'time':<5}  {'from':<7}  {'app':<16}  {'what':<{self.what}}  notifyzen"))

    def arrival(self, call: Call, row: sqlite3.Row) -> None:
        where = "phone" if call.n.source is Source.PHONE else "desktop"
        verdict, style = self.verdict(row)
        room = self.what - max(0, len(verdict) - VERDICT)  # a rare long verdict takes room from "what"
        what = _one_line(f"{call.n.summary}: {call.n.body}" if call.n.body else call.n.summary, room)
        app = _one_line(call.label, 16)
        self.say(f"  {self.clock(row['at'])}  {where:<7}  {app:<16}  {what:<{room}}  {style(verdict)}")

    def verdict(self, row: sqlite3.Row) -> tuple[str, Callable[[str], str]]:
        if row["verdict"] == "hold":
            return (f"held → {self.clock(row['release_at'])}" if row["release_at"] else "held"), self.dim
        if row["verdict"] == "mute":
            return "muted", self.dim
        if row["window"]:  # delivered inside a focus window: it broke through, and the rule says why
            return f"BREAKS THROUGH ({row['rule']})", self.red
        return "shown", str

    def focus(self, name: str, start: datetime, end: datetime) -> None:
        self.say(self.bold(f"  {start:%H:%M}  ── {name} until {end:%H:%M}: what can wait is held ──"))

    def presence(self, p: Presence) -> None:
        if p.idle:
            what = "you step away (the screen saver comes on)"
        else:
            what = "you are back at your desk" if self.seated else "you sit down at your desk"
            self.seated = True
        self.say(self.dim(f"  {p.at.astimezone(self.tz):%H:%M}  · {what}"))

    def checkin(self, row: sqlite3.Row) -> None:
        count = row["released"]
        what = (
            f"{count} held notification{'s' if count != 1 else ''} shown" if count else "nothing was waiting"
        )
        if not count and row["reason"] == "manual":
            what += " (the check-ins above showed it all)"
        why = CHECKIN_REASONS.get(row["reason"], row["reason"])
        self.say(self.bold(f"  {self.clock(row['at'])}  ── check-in ({why}): {what} ──"))

    def release(self, row: sqlite3.Row) -> None:
        why = {"max_wait": "waited its maximum", "hold_until": "its hold-until time"}
        what = _one_line(row["summary"], self.what)
        app = _one_line(row["app_name"], 16)
        reason = why.get(row["shown_by"], row["shown_by"])
        self.say(f"  {self.clock(row['shown_at'])}  {'shown':<7}  {app:<16}  {what:<{self.what}}  {reason}")


def _style(code: str, on: bool) -> Callable[[str], str]:
    return (lambda s: f"\033[{code}m{s}\033[0m") if on else (lambda s: s)


def _one_line(text: str, width: int) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# -- the digest at the end ------------------------------------------------------------------------
def held_items(db: Path) -> list[Any]:
    """Every notification notifyzen held back today, as Items, straight from the history."""
    from notifyzen import store

    engine = store.reader(db)
    try:
        return [store.row_item(r) for r in store.query(engine, limit=None) if r.verdict == "hold"]
    finally:
        engine.dispose()


def digest_lines(items: Sequence[Any], width: int = 100) -> list[str]:
    """The day's digest as text: people first, then apps, each with its count (as the window orders it).

    A person's line names their apps; an app's line says what its newest notification was about.
    """
    from notifyzen.core.digest import Digest, entry_lines

    digest = Digest.build(items)
    lines = [f"Today's digest: everything notifyzen held back ({digest.headline()})"]
    people = [g for g in digest.groups if g.person is not None]
    apps = [g for g in digest.groups if g.person is None]
    for title, groups in (("People", people), ("Apps", apps)):
        if groups:
            lines.append(f"  {title}")
        for group in groups:
            if group.person is not None:
                multi = len(group.sections) > 1
                detail = ", ".join(f"{s.app} {s.count}" if multi else s.app for s in group.sections)
            else:
                said, _ = entry_lines(group, group.sections[0].entries[0])
                detail = f"newest: {said}"
            mark = "!" if group.pressing else " "
            line = f"   {mark}{_one_line(group.title, 24):<24} {group.count:>3}  {detail}"
            lines.append(_one_line(line, width) if len(line) > width else line)
    return lines


def summary_lines(db: Path, tz: tzinfo) -> list[str]:
    """The day in three lines: how much came in, how much interrupted, when the check-ins were."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        total, held, through = con.execute(
            "SELECT count(*), sum(verdict = 'hold'), sum(verdict = 'deliver' AND window IS NOT NULL) "
            "FROM notification"
        ).fetchone()
        checkins = con.execute("SELECT at, released FROM checkin ORDER BY at").fetchall()
    finally:
        con.close()
    moments = ", ".join(f"{datetime.fromtimestamp(at, tz):%H:%M} ({n})" for at, n in checkins) or "none"
    return [
        f"{total} notifications came in; {held or 0} were held for a check-in, "
        f"{through or 0} broke through a focus window.",
        f"Check-ins (notifications shown): {moments}.",
    ]


# -- running it -----------------------------------------------------------------------------------
def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def demo_env(address: str, directory: Path, display: bool) -> dict[str, str]:
    """The private bus, throwaway XDG dirs, the demo's own history file, the screen if there is one."""
    from notifyzen.devbus import bus_env

    env = bus_env(address, directory / "home")
    env["NOTIFYZEN_DB"] = str(directory / "notifyzen.db")  # never the user's, even if they set one
    # No system bus either: a suspend of the real machine is not part of the demo's day.
    env["DBUS_SYSTEM_BUS_ADDRESS"] = f"unix:path={directory / 'no-system-bus'}"
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
    if display:
        env.pop("QT_QPA_PLATFORM", None)
        if os.environ.get("QT_QPA_PLATFORM"):
            env["QT_QPA_PLATFORM"] = os.environ["QT_QPA_PLATFORM"]
        if os.environ.get("DISPLAY"):
            env["DISPLAY"] = os.environ["DISPLAY"]
            xauth = os.environ.get("XAUTHORITY") or str(Path.home() / ".Xauthority")
            if Path(xauth).exists():
                env["XAUTHORITY"] = xauth  # HOME is a throwaway one: X needs the real cookie
        wayland = os.environ.get("WAYLAND_DISPLAY")
        if wayland:
            runtime = os.environ.get("XDG_RUNTIME_DIR", "")
            env["WAYLAND_DISPLAY"] = wayland if os.path.isabs(wayland) else os.path.join(runtime, wayland)
    return env


@contextmanager
def interrupt_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP end the demo like Ctrl-C does, so its clean-up always runs."""

    def interrupt(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = {s: signal.signal(s, interrupt) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def start_app(env: dict[str, str], clock: datetime, log: Path) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "notifyzen", "run", "--mode", "server", "--clock", clock.isoformat()]
    with open(log, "ab") as fh:
        return subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=fh, stderr=fh, start_new_session=True
        )


def stop(proc: subprocess.Popen[bytes] | None, timeout: float = 10.0) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def tail(path: Path, lines: int = 8) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


async def wait_until_up(bus: Bus, app: subprocess.Popen[bytes], log: Path) -> dict[str, Any]:
    deadline = wallclock.monotonic() + START_TIMEOUT
    while True:
        if app.poll() is not None:
            raise DemoError(f"notifyzen exited with status {app.returncode} while starting:\n{tail(log)}")
        try:
            status = await bus.call(CONTROL, "Status")
            if isinstance(status, dict):
                return status
        except DemoError:
            pass
        if wallclock.monotonic() > deadline:
            raise DemoError(f"notifyzen did not answer within {START_TIMEOUT:.0f} s:\n{tail(log)}")
        await asyncio.sleep(0.1)


@dataclass
class Day:
    """Everything the run needs to know about the day it replays."""

    date: date
    tz: tzinfo
    begin: datetime
    end: datetime
    events: list[Event]
    focus: list[tuple[str, datetime, datetime]]  # the shipped rules' focus windows that day
    checkins: tuple[time, ...]


def pick_day(options: Options, tz: tzinfo, today: date, config_dir: Path) -> Day:
    """Monday of this week under the rules the demo's notifyzen will load (the shipped presets)."""
    from notifyzen import paths
    from notifyzen.core.ruleload import load_active
    from notifyzen.core.schedule import Schedule
    from notifyzen.core.whatif import focus_spans

    monday = monday_of(today)
    events = day_events(monday, tz, options.seed, options.start, options.end)
    begin, end = datetime.combine(monday, options.start, tz), datetime.combine(monday, options.end, tz)
    loaded = load_active(config_dir, paths.presets_dir())
    if not loaded.ok or loaded.rules is None or loaded.config is None:
        raise DemoError("the shipped rules do not load: " + "; ".join(str(e) for e in loaded.errors))
    schedule = Schedule(loaded.rules.windows, loaded.config.checkins, tz)
    spans = [(f.name, f.start, f.end) for f in focus_spans(schedule, begin, end) if f.start >= begin]
    return Day(monday, tz, begin, end, events, sorted(spans, key=lambda f: f[1]), loaded.config.checkins)


def describe_rules(day: Day) -> str:
    """'deep work 09:00–10:30, 11:00–12:30, 14:00–15:30; check-ins at 10:30, 12:30, 17:00'."""
    names: dict[str, list[str]] = {}
    for name, start, end in day.focus:
        names.setdefault(name, []).append(f"{start:%H:%M}–{end:%H:%M}")
    windows = "; ".join(f"{name} {', '.join(times)}" for name, times in names.items()) or "no focus windows"
    checkins = ", ".join(f"{t:%H:%M}" for t in day.checkins) or "none"
    return f"Focus windows that day: {windows}. Check-ins at {checkins}."


async def replay(
    day: Day, options: Options, env: dict[str, str], app: subprocess.Popen[bytes], log: Path, say: Commentary
) -> None:
    bus = Bus(env["DBUS_SESSION_BUS_ADDRESS"])
    await bus.connect()
    try:
        status = await wait_until_up(bus, app, log)
        caps = await bus.call(NOTIFY, "GetCapabilities")
        steps = plan(day.events, clients_available(), "x-kde-display-appname" in (caps or []))
        calls = [c for c in steps if isinstance(c, Call)]
        used = sorted({c.client for c in calls}, key=("notify-send", "gdbus", "dbus-fast").index)
        phone = any(c.n.source is Source.PHONE for c in calls)
        say.paragraph(
            f"notifyzen {status.get('version', '')} is up ({status.get('mode')} mode). Replaying "
            f"{len(calls)} notifications through {', '.join(used)}"
            + (" (no phone needed: they come the way kdeconnectd sends them)." if phone else ".")
        )
        say.say()
        say.heading()
        history = History(Path(env["NOTIFYZEN_DB"]))
        try:
            await _replay_steps(steps, day, options, bus, env, history, say)
            await bus.call(CONTROL, "SetClock", "s", [day.end.isoformat()])
            _events(history, say)
            say.say(
                say.bold(
                    f"  {day.end:%H:%M}  ── end of the day: you check in (as `notifyzen checkin now` does) ──"
                )
            )
            await bus.call(CONTROL, "CheckIn")
            _events(history, say)
        finally:
            history.close()
    finally:
        bus.disconnect()


async def _replay_steps(
    steps: Sequence[Call | Presence],
    day: Day,
    options: Options,
    bus: Bus,
    env: dict[str, str],
    history: History,
    say: Commentary,
) -> None:
    started = wallclock.monotonic()
    focus = list(day.focus)
    for step in steps:
        at = step.n.at if isinstance(step, Call) else step.at
        while focus and focus[0][1] <= at:
            say.focus(*focus.pop(0))
        if options.speed > 0:
            due = (at - day.begin).total_seconds() / options.speed
            await asyncio.sleep(max(0.0, due - (wallclock.monotonic() - started)))
        await bus.call(CONTROL, "SetClock", "s", [at.isoformat()])
        _events(history, say)
        if isinstance(step, Presence):
            await bus.screen_saver(step.idle)
            say.presence(step)
        else:
            await send(step, bus, env)
            for row in history.new_rows():
                say.arrival(step, row)
        _events(history, say)


def _events(history: History, say: Commentary) -> None:
    for row in history.early_releases():
        say.release(row)
    for row in history.new_checkins():
        say.checkin(row)


def render_report(env: dict[str, str], week: str, out: Path, log: Path) -> Path:
    argv = [sys.executable, "-m", "notifyzen", "report", "--week", week, "--out", str(out)]
    with open(log, "ab") as fh:
        done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=fh, stderr=fh, timeout=180)
    if done.returncode != 0 or not out.exists():
        raise DemoError(f"the report could not be written (status {done.returncode}):\n{tail(log)}")
    return out


def open_report(env: dict[str, str], week: str, log: Path) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "notifyzen", "report", "--week", week]
    with open(log, "ab") as fh:
        return subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=fh, stderr=fh, start_new_session=True
        )


def run(options: Options, today: date | None = None) -> int:
    """The whole demo; returns the exit status. Raises DemoError with a one-line reason."""
    from notifyzen.core.config import local_zone
    from notifyzen.core.report import IsoWeek
    from notifyzen.devbus import private_bus

    tz = local_zone()
    directory = options.directory or Path(tempfile.mkdtemp(prefix="notifyzen-demo-"))
    if (directory / "notifyzen.db").exists():  # a second Monday on top would muddle both
        raise DemoError(f"{directory} already holds a demo's history; give --dir a new directory")
    directory.mkdir(parents=True, exist_ok=True)
    day = pick_day(options, tz, today or datetime.now(tz).date(), directory / "home" / "config" / "notifyzen")
    log = directory / "notifyzen.log"
    display = has_display()
    keep = options.keep if options.keep is not None else display and sys.stdin.isatty()
    week = str(IsoWeek.containing(day.date))
    say = Commentary(options.out, tz)
    speed = "as fast as it goes" if options.speed <= 0 else f"at {options.speed:g}× real time"
    say.paragraph(
        f"notifyzen demo: {day.date:%A %d %B}, {day.begin:%H:%M}–{day.end:%H:%M} ({tz}), replayed {speed} "
        "on a private session bus of its own: your desktop, settings and history are not touched."
    )
    say.paragraph(f"Shipped default rules. {describe_rules(day)}")
    report_window = None
    app = None
    waiting = False
    try:
        with interrupt_on_signals(), private_bus(quiet=True) as address:
            env = demo_env(address, directory, display)
            try:
                app = start_app(env, day.begin, log)
                asyncio.run(replay(day, options, env, app, log, say))
                db = Path(env["NOTIFYZEN_DB"])
                say.say()
                for line in summary_lines(db, tz):
                    say.paragraph(line)
                say.say()
                for line in digest_lines(held_items(db), say.columns - 1):
                    say.say(line)
                say.say()
                if display:
                    report_window = open_report(env, week, log)
                    say.paragraph(f"The digest and the weekly report ({week}) are open in their windows.")
                else:
                    report = render_report(env, week, directory / REPORT_NAME, log)
                    say.say(f"Weekly report ({week}), for your browser: {report}")
                say.say(f"History: NOTIFYZEN_DB={db} notifyzen history")
                say.say(explain_hint(db))
                if keep:
                    say.say(
                        "\nnotifyzen is still running on the demo's bus; in another terminal try\n"
                        f"  DBUS_SESSION_BUS_ADDRESS={address} notifyzen status\n"
                        "Press Enter (or Ctrl-C) to end the demo."
                    )
                    waiting = True
                    with suppress(EOFError):
                        input()
            finally:
                stop(report_window)
                stop(app)
    except KeyboardInterrupt:
        if waiting:  # Ctrl-C is one of the two ways out offered
            return 0
        say.say(
            f"\nnotifyzen demo: stopped; so are notifyzen and the demo's bus. What ran is in {directory}."
        )
        return 130
    return 0


def explain_hint(db: Path) -> str:
    """Point at the most telling row: the one that broke through, else one that was held."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT id, app_name, verdict FROM notification WHERE verdict = 'deliver' AND window IS NOT NULL "
            "UNION ALL SELECT id, app_name, verdict FROM notification WHERE verdict = 'hold' LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    if row is None:
        return "  (add --explain ID to see why notifyzen did what it did with one of them)"
    id, app, verdict = row
    what = "broke through" if verdict == "deliver" else "was held"
    return f"  … --explain {id} says why the {app} notification {what}"

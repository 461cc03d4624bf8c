"""Memory and time at volume: the running app over 100,000 notifications, and `history` / `report`
over a 100,000-row week (issue 22, item 6).

    python3 bench/bench_volume.py [--n 100000] [--rows 100000] [--clients 4] [--json]

App part: `notifyzen run --mode server` (offscreen Qt, stopped clock) on a private dbus-daemon,
two rounds of n/2: `--clients` connections send n/4 Notify calls in a focus window (Monday
09:05, 11:05: held), the next check-in lists them in the digest, n/4 more arrive outside focus
(pop-ups that expire, or held by the flood gate), a check-in lists those, and every one is
dismissed one by one (the control interface's Dismiss, as a script or the pop-up's close button
does). One call in ten carries a 2 KB body and every call a few generated hints (odd keys,
images, sounds, categories). VmRSS of the app is sampled throughout; what matters is what stays
once everything has ended, and whether the second round adds to it.

History part: a week of `--rows` rows written straight into a fresh history (seven apps, one in
ten with a 2 KB body), then `notifyzen history --json`, `--jsonl`, the text table (all rows),
`report --text` and `report --json` run as child processes: wall time and the child's peak RSS
(getrusage).
Nothing here touches the session bus.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.harness.busenv import bus_env, private_bus  # noqa: E402

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
CONTROL = (
    "io.github.notifyzen.Notifyzen",
    "/io/github/notifyzen/Notifyzen",
    "io.github.notifyzen.Notifyzen1",
)
WEEK = "2026-W47"
MIB = 1024 * 1024


def vm_rss(pid: int) -> float:
    """MiB resident now (VmRSS), 0 once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Sampler:
    """VmRSS every `every` seconds in a thread, each sample labelled with the phase it fell in."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        self.pid, self.every, self.phase = pid, every, "start"
        self.samples: list[tuple[float, str, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.t0 = time.monotonic()
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append((time.monotonic() - self.t0, self.phase, vm_rss(self.pid)))

    def mark(self, phase: str) -> float:
        rss = vm_rss(self.pid)
        self.samples.append((time.monotonic() - self.t0, phase, rss))
        self.phase = phase
        return rss

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def peak(self) -> float:
        return max((s[2] for s in self.samples), default=0.0)


def fuzzed_hints(rnd: random.Random, i: int) -> dict[str, Variant]:
    """A few generated hints: what odd senders send, never critical (those stay until clicked)."""
    hints: dict[str, Variant] = {"urgency": Variant("y", rnd.choice((0, 1, 1, 1)))}
    for _ in range(rnd.randrange(0, 5)):
        kind = rnd.randrange(6)
        if kind == 0:
            hints[f"x-odd-{rnd.randrange(10**6)}"] = Variant("s", "v" * rnd.randrange(0, 300))
        elif kind == 1:
            hints["category"] = Variant("s", rnd.choice(("im.received", "email.arrived", "x.y", "")))
        elif kind == 2:
            hints["image-data"] = Variant("(iiibiiay)", [8, 8, 32, True, 8, 4, bytes(256)])
        elif kind == 3:
            hints["sound-name"] = Variant("s", "message-new-instant")
        elif kind == 4:
            hints["x-kde-origin-name"] = Variant("s", f"person {i % 97}")
        else:
            hints["value"] = Variant("i", rnd.randrange(-5, 200))
    return hints


def notify(i: int, app: str, rnd: random.Random) -> Message:
    body = ("2 KB body " * 205)[:2048] if i % 10 == 0 else f"message {i} with an ordinary body"
    return Message(
        destination=NAME,
        path=PATH,
        interface=NAME,
        member="Notify",
        signature="susssasa{sv}i",
        body=[app, 0, "", f"{app}: message {i}", body, [], fuzzed_hints(rnd, i), -1],
    )


async def send(address: str, clients: int, count: int, start: int) -> list[int]:
    """`count` Notify calls split over `clients` connections, 20 in flight each; the ids back."""

    async def client(k: int) -> list[int]:
        bus = await MessageBus(bus_address=address).connect()
        rnd = random.Random(start + k)
        gate = asyncio.Semaphore(20)
        app = ("Signal", "Thunderbird", "Slack", "build-bot", "Firefox", "Telegram")[k % 6]

        async def one(i: int) -> int:
            async with gate:
                reply = await asyncio.wait_for(bus.call(notify(i, app, rnd)), 120)
            if reply.message_type is not MessageType.METHOD_RETURN:
                raise RuntimeError(f"Notify failed: {reply.body}")
            return int(reply.body[0])

        try:
            per = range(start + k, start + count, clients)
            return list(await asyncio.gather(*(one(i) for i in per)))
        finally:
            bus.disconnect()

    return [i for ids in await asyncio.gather(*(client(k) for k in range(clients))) for i in ids]


async def control(address: str, member: str, signature: str = "", body: list[Any] | None = None) -> Any:
    bus = await MessageBus(bus_address=address).connect()
    try:
        msg = Message(
            destination=CONTROL[0],
            path=CONTROL[1],
            interface=CONTROL[2],
            member=member,
            signature=signature,
            body=body or [],
        )
        reply = await asyncio.wait_for(bus.call(msg), 600)
    finally:
        bus.disconnect()
    if reply.message_type is MessageType.ERROR:
        raise RuntimeError(f"{member}: {reply.body}")
    value = reply.body[0] if reply.body else None
    return json.loads(value) if isinstance(value, str) and value[:1] in "{[" else value


async def dismiss_all(address: str, ids: list[int]) -> None:
    """One Dismiss call per id, a few in flight: the digest's Delete, pressed for each line."""
    bus = await MessageBus(bus_address=address).connect()
    gate = asyncio.Semaphore(8)

    async def one(id: int) -> None:
        async with gate:
            msg = Message(
                destination=CONTROL[0],
                path=CONTROL[1],
                interface=CONTROL[2],
                member="Dismiss",
                signature="u",
                body=[id],
            )
            await asyncio.wait_for(bus.call(msg), 600)

    try:
        await asyncio.gather(*(one(id) for id in ids))
    finally:
        bus.disconnect()


def wait_until_quiet(address: str, sampler: Sampler, seconds: float, what: str) -> None:
    """Let queued work (Qt's side, pop-ups expiring) run, answering Status meanwhile."""
    sampler.mark(what)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        asyncio.run(control(address, "Status"))
        time.sleep(1)


ROUNDS = (  # (in focus: held, the check-in that lists them)
    ("2026-11-16T09:05:00+01:00", "2026-11-16T10:31:00+01:00"),
    ("2026-11-16T11:05:00+01:00", "2026-11-16T12:31:00+01:00"),
)


def app_volume(n: int, clients: int, settle: float) -> dict[str, Any]:
    """The app through n notifications in two rounds of n/2: RSS at each step of each round.

    A round: n/4 held in a focus window, the check-in that lists them, n/4 delivered outside focus
    (pop-ups, or held by the flood gate), a check-in now for those, then every one of them
    dismissed one by one. Everything has ended at a round's end, so RSS then says what is kept
    for notifications that are gone, and the second round says whether that grows."""
    out: dict[str, Any] = {"n": n, "rounds": []}
    quarter = n // 4
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="nzvol-") as tmp:
        address = stack.enter_context(private_bus())
        env = bus_env(address, Path(tmp) / "home") | {"TZ": "Europe/Amsterdam"}
        argv = [sys.executable, "-m", "notifyzen", "run", "--mode", "server"]
        argv += ["--clock", ROUNDS[0][0], "--clock-stopped"]
        proc = subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        stack.callback(_stop, proc)
        assert proc.stdout is not None
        if "running in server mode" not in proc.stdout.readline():
            raise RuntimeError("notifyzen did not start")
        time.sleep(1)
        sampler = Sampler(proc.pid)
        stack.callback(sampler.stop)
        out["rss_start"] = sampler.mark("start")
        sent = 0
        for number, (focus, checkin) in enumerate(ROUNDS, start=1):
            r: dict[str, Any] = {}
            asyncio.run(control(address, "SetClock", "s", [focus]))
            t = time.monotonic()
            held = asyncio.run(send(address, clients, quarter, sent))
            sent += quarter
            r["held_s"] = time.monotonic() - t
            r["rss_held"] = sampler.mark(f"{number}: check-in")
            asyncio.run(control(address, "SetClock", "s", [checkin]))
            r["rss_checkin"] = sampler.mark(f"{number}: delivered")
            t = time.monotonic()
            delivered = asyncio.run(send(address, clients, quarter, sent))
            sent += quarter
            r["delivered_s"] = time.monotonic() - t
            r["rss_delivered"] = sampler.mark(f"{number}: dismiss")
            asyncio.run(control(address, "CheckIn"))
            t = time.monotonic()
            asyncio.run(dismiss_all(address, held + delivered))
            status = asyncio.run(control(address, "Status"))
            r["dismiss_s"] = time.monotonic() - t
            wait_until_quiet(address, sampler, settle, f"{number}: settle")
            r["rss_end"] = sampler.mark(f"{number}: end")
            status = asyncio.run(control(address, "Status"))
            r["held_left"] = status.get("held")
            listed = status.get("digest_open") or []
            r["digest_left"] = len(listed) if isinstance(listed, list) else listed
            out["rounds"].append(r)
            print(f"  round {number}: {r}", file=sys.stderr, flush=True)
        out["rss_peak"] = sampler.peak()
        out["samples"] = sampler.samples
    return out


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


# --- history and report over one week -----------------------------------------------------------


def make_history(db: Path, rows: int) -> None:
    """A week of `rows` notifications (2026-W47, Europe/Amsterdam), as the app writes them."""
    from zoneinfo import ZoneInfo

    from notifyzen.core.model import Decision, Notification, Verdict
    from notifyzen.history.store import Store

    zone = ZoneInfo("Europe/Amsterdam")
    start = datetime(2026, 11, 16, tzinfo=zone)
    rnd = random.Random(47)
    apps = ("Signal", "Thunderbird", "Slack", "build-bot", "Firefox", "Telegram", "Calendar")
    verdicts = (Verdict.DELIVER, Verdict.HOLD, Verdict.HOLD, Verdict.MUTE)
    store = Store(db)
    step = timedelta(days=7) / rows
    try:
        with store.transaction():
            for i in range(rows):
                at = start + step * i
                n = Notification(
                    app_name=apps[i % len(apps)],
                    summary=f"message {i}",
                    body=("a body " * 40) if i % 10 else ("2 KB body " * 205)[:2048],
                    sender=f"person {i % 53}" if i % 3 == 0 else None,
                    at=at,
                    hints={"x-odd": "v" * (i % 50)},
                )
                verdict = verdicts[rnd.randrange(len(verdicts))]
                release = at + timedelta(minutes=30) if verdict is Verdict.HOLD else None
                row_id, _ = store.reserve_for(0, ())
                store.add(row_id, n, Decision(verdict, "default", "", release), origin="server")
                if verdict is not Verdict.MUTE:
                    store.shown(row_id, release or at, "checkin" if release else "arrival")
                    store.closed(row_id, (release or at) + timedelta(minutes=1), 2, state="dismissed")
    finally:
        store.close()


def child_run(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Each command in a fresh `python -c` wrapper so its own getrusage peak is measured alone."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.monotonic()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "wall = time.monotonic() - t\n"
        "if p.returncode: sys.stderr.buffer.write(p.stderr); sys.exit(p.returncode)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(f'{wall} {peak} {len(p.stdout)}')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *argv], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise RuntimeError(f"{argv[3:]} failed: {out.stderr[-2000:]}")
    wall, peak, size = out.stdout.split()
    return {"s": float(wall), "max_rss_mib": float(peak), "out_bytes": int(size)}


COMMANDS = {
    "history --json": ["history", "--json", "--week", WEEK],
    "history --jsonl": ["history", "--jsonl", "--week", WEEK],
    "history (text, all rows)": ["history", "--week", WEEK, "--limit", "0"],
    "report --text": ["report", "--text", "--week", WEEK],
    "report --json": ["report", "--json", "--week", WEEK],
}


def history_volume(rows: int, only: list[str] | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="nzvol-") as tmp:
        home = Path(tmp) / "home"
        env = bus_env("unix:path=/nonexistent/bench-volume-needs-no-bus", home) | {"TZ": "Europe/Amsterdam"}
        db = home / "data" / "notifyzen" / "notifyzen.db"
        db.parent.mkdir(parents=True, mode=0o700)
        t = time.monotonic()
        make_history(db, rows)
        out: dict[str, Any] = {
            "rows": rows,
            "make_s": time.monotonic() - t,
            "db_mib": db.stat().st_size / MIB,
        }
        for label, args in COMMANDS.items():
            if only and not any(o in label for o in only):
                continue
            out[label] = child_run([sys.executable, "-m", "notifyzen", *args], env)
            print(f"  {label}: {out[label]}", file=sys.stderr, flush=True)
    return out


def table(app: dict[str, Any] | None, hist: dict[str, Any] | None) -> str:
    lines = ["| measure | figure |", "|---|---|"]
    if app:
        for number, r in enumerate(app["rounds"], start=1):
            lines.append(
                f"| app RSS, round {number} of {len(app['rounds'])}: {app['n'] // 4:,} held → check-in → "
                f"{app['n'] // 4:,} delivered → all dismissed one by one | "
                + (f"{app['rss_start']:.0f} → " if number == 1 else "")
                + f"{r['rss_held']:.0f} → {r['rss_checkin']:.0f} → {r['rss_delivered']:.0f} → "
                f"{r['rss_end']:.0f} MiB |"
            )
        lines.append(f"| app RSS peak | {app['rss_peak']:.0f} MiB |")
    if hist:
        for label in COMMANDS:
            if label in hist:
                r = hist[label]
                lines.append(
                    f"| `{label}`, {hist['rows']:,} rows in a week | "
                    f"{r['s']:.1f} s, {r['max_rss_mib']:.0f} MiB peak |"
                )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="notifications sent to the app")
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the week history/report read")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--settle", type=float, default=20.0, help="seconds to let pop-ups expire at the end")
    parser.add_argument("--only", choices=("app", "history"), help="run one part")
    parser.add_argument("--commands", nargs="*", help="only these history/report commands (substrings)")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = parser.parse_args()
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
    app = app_volume(args.n, args.clients, args.settle) if args.only != "history" else None
    hist = history_volume(args.rows, args.commands) if args.only != "app" else None
    if args.json:
        print(json.dumps({"app": app, "history": hist}, indent=1, default=str))
    else:
        print(table(app, hist))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Run a test body next to the real kdeconnectd, cut off from every network but loopback.

kdeconnectd broadcasts on every interface it finds, so it only ever runs in a fresh network
namespace: the pytest process calls `run_scenario("tests.phone.kdeconnect_scenarios:name")`, which starts
`unshare --net python -m tests.phone.kdeconnect_env ...`. Inside, this module brings `lo` up, refuses to
go on if any other interface exists, starts a private dbus-daemon, and hands the scenario a
`KdeEnv` that can start/kill the daemon, run a recording notification server and connect
simulated phones. The scenario returns plain data; it is printed as the last stdout line (JSON)
and the test asserts on it, so failures show up as ordinary pytest diffs.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from dbus_fast import BusType, Message, MessageType, Variant
from dbus_fast.aio import MessageBus

from tests.harness.busenv import bus_env, private_bus
from tests.phone.phone import Phone

KDECONNECTD = "/usr/lib/x86_64-linux-gnu/libexec/kdeconnectd"
SERVICE = "org.kde.kdeconnect"
NOTIFICATIONS = "org.freedesktop.Notifications"
ROOT = Path(__file__).resolve().parents[2]
KDE_CAPS = [
    "body",
    "actions",
    "body-markup",
    "inline-reply",
    "x-kde-display-appname",
    "x-kde-origin-name",
    "x-kde-urls",
    "persistence",
]


def unshare() -> list[str]:
    """A new network namespace; without root, inside a user namespace where we are root."""
    return ["unshare", "--net"] if os.geteuid() == 0 else ["unshare", "--net", "--map-root-user"]


@functools.cache
def available() -> str | None:
    """Why the real daemon cannot run here, or None when it can."""
    if not os.path.exists(KDECONNECTD):
        return f"{KDECONNECTD} is not installed"
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "unshare/ip (util-linux, iproute2) missing"
    probe = subprocess.run([*unshare(), "true"], capture_output=True)
    if probe.returncode != 0:
        return "cannot create a network namespace: " + probe.stderr.decode().strip()
    return None


def run_scenario(target: str, timeout: float = 90.0, **kwargs: Any) -> Any:
    """Run `module:function(env, **kwargs)` inside its own network namespace; return its result."""
    proc = subprocess.run(
        [*unshare(), sys.executable, "-m", "tests.phone.kdeconnect_env", target, json.dumps(kwargs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise AssertionError(f"scenario {target} failed (exit {proc.returncode}):\n{proc.stderr[-6000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


class RecordingServer:
    """A minimal org.freedesktop.Notifications server that remembers every call kdeconnectd makes.

    A raw message handler (not a ServiceInterface) so the recording sees calls exactly as sent.
    """

    def __init__(self, caps: list[str]) -> None:
        self.caps = caps
        self.calls: list[dict[str, Any]] = []
        self.listeners: list[Callable[[dict[str, Any]], None]] = []
        self._next = 0

    def handle(self, msg: Message) -> Message | None:
        if msg.message_type is not MessageType.METHOD_CALL or msg.interface != NOTIFICATIONS:
            return None
        if msg.member == "GetCapabilities":
            return Message.new_method_return(msg, "as", [self.caps])
        if msg.member == "GetServerInformation":
            return Message.new_method_return(msg, "ssss", ["recorder", "notifyzen-tests", "0", "1.2"])
        if msg.member == "CloseNotification":
            self.calls.append({"member": "CloseNotification", "t": time.monotonic(), "id": msg.body[0]})
            return Message.new_method_return(msg)
        if msg.member == "Notify":
            return Message.new_method_return(msg, "u", [self._notify(*msg.body)])
        return None

    def _notify(
        self,
        app_name: str,
        replaces_id: int,
        icon: str,
        summary: str,
        body: str,
        actions: list[str],
        hints: dict[str, Variant],
        timeout: int,
    ) -> int:
        if not replaces_id:
            self._next += 1
        nid = replaces_id or self._next
        binary = (bytes, list, tuple)  # image data and the like: only its D-Bus type is kept
        plain = {k: f"<{v.signature}>" if isinstance(v.value, binary) else v.value for k, v in hints.items()}
        self.calls.append(
            {
                "member": "Notify",
                "t": time.monotonic(),
                "id": nid,
                "app_name": app_name,
                "summary": summary,
                "body": body,
                "actions": actions,
                "hints": plain,
                "replaces_id": replaces_id,
            }
        )
        for listener in self.listeners:
            listener(self.calls[-1])
        return nid

    def notifies(self) -> list[dict[str, Any]]:
        return [c for c in self.calls if c["member"] == "Notify"]


class KdeEnv:
    """Everything a scenario needs: the private bus, the daemon, a notification server, phones."""

    def __init__(self, address: str, home: Path) -> None:
        self.address = address
        self.home = home
        self.env = bus_env(address, home)
        self.env["TMPDIR"] = str(home / "tmp")
        (home / "tmp").mkdir(parents=True, exist_ok=True)
        self.daemon: subprocess.Popen[bytes] | None = None
        self.bus: MessageBus | None = None
        self.server: RecordingServer | None = None
        self.phones: list[Phone] = []
        self.log = home / "kdeconnectd.log"

    @property
    def config_dir(self) -> Path:
        return Path(self.env["XDG_CONFIG_HOME"]) / "kdeconnect"

    async def connect_bus(self) -> MessageBus:
        bus = await MessageBus(bus_address=self.address, bus_type=BusType.SESSION).connect()
        if self.bus is None:
            self.bus = bus
        return bus

    async def start_notification_server(self, caps: list[str] | None = None) -> RecordingServer:
        """Own org.freedesktop.Notifications first: kdeconnectd reads capabilities once, at start."""
        bus = await self.connect_bus()
        self.server = RecordingServer(KDE_CAPS if caps is None else caps)
        bus.add_message_handler(self.server.handle)
        await bus.request_name("org.freedesktop.Notifications")
        return self.server

    def trust(self, *phones: Phone) -> None:
        """Pre-seed trusted_devices, so the daemon trusts these phones from its first second."""
        self.config_dir.mkdir(parents=True, exist_ok=True)
        path = self.config_dir / "trusted_devices"
        existing = path.read_text() if path.exists() else ""
        path.write_text(existing + "".join(p.trusted_entry() for p in phones))

    async def start_daemon(self, timeout: float = 15.0) -> float:
        """Start kdeconnectd and wait until it owns its bus name; returns seconds it took."""
        assert self.daemon is None or self.daemon.poll() is not None, "daemon already running"
        bus = self.bus or await self.connect_bus()
        started = time.monotonic()
        with self.log.open("ab") as log:
            self.daemon = subprocess.Popen([KDECONNECTD], env=self.env, stdout=log, stderr=log)
        while not await name_has_owner(bus, SERVICE):
            if self.daemon.poll() is not None:
                tail = self.log.read_text()[-2000:]
                raise RuntimeError(f"kdeconnectd exited {self.daemon.returncode}: {tail}")
            if time.monotonic() - started > timeout:
                raise TimeoutError("kdeconnectd never took its bus name")
            await asyncio.sleep(0.02)
        return time.monotonic() - started

    def kill_daemon(self, sig: int = signal.SIGKILL) -> None:
        if self.daemon is not None and self.daemon.poll() is None:
            self.daemon.send_signal(sig)
            self.daemon.wait(timeout=10)
        self.daemon = None

    async def phone(self, device_id: str, name: str, *, trusted: bool = True) -> Phone:
        p = Phone(device_id, name)
        self.phones.append(p)
        if trusted:
            self.trust(p)
        return p

    async def call(
        self,
        path: str,
        interface: str,
        member: str,
        signature: str = "",
        body: list[Any] | None = None,
        destination: str = SERVICE,
    ) -> list[Any]:
        bus = self.bus or await self.connect_bus()
        reply = await bus.call(
            Message(
                destination=destination,
                path=path,
                interface=interface,
                member=member,
                signature=signature,
                body=body or [],
            )
        )
        assert reply is not None
        if reply.message_type == MessageType.ERROR:
            raise RuntimeError(f"{member}: {reply.error_name} {reply.body}")
        return list(reply.body)

    async def get_property(self, path: str, interface: str, name: str) -> Any:
        (value,) = await self.call(path, "org.freedesktop.DBus.Properties", "Get", "ss", [interface, name])
        return value.value if isinstance(value, Variant) else value

    async def wait_reachable(self, device_id: str, timeout: float = 10.0) -> None:
        """Until the daemon shows the device reachable, trusted and with its notifications plugin."""
        path = f"/modules/kdeconnect/devices/{device_id}"

        async def ready() -> bool:
            try:
                reach = await self.get_property(path, "org.kde.kdeconnect.device", "isReachable")
                trusted = await self.get_property(path, "org.kde.kdeconnect.device", "isTrusted")
                await self.call(
                    path + "/notifications", "org.kde.kdeconnect.device.notifications", "activeNotifications"
                )
            except RuntimeError:
                return False
            return bool(reach and trusted)

        await wait_until(ready, timeout, f"device {device_id} reachable")

    def shutdown(self) -> None:
        for p in self.phones:
            p.drop()
        self.kill_daemon(signal.SIGTERM)
        if self.bus is not None:
            self.bus.disconnect()


async def name_has_owner(bus: MessageBus, name: str) -> bool:
    reply = await bus.call(
        Message(
            destination="org.freedesktop.DBus",
            path="/org/freedesktop/DBus",
            interface="org.freedesktop.DBus",
            member="NameHasOwner",
            signature="s",
            body=[name],
        )
    )
    return bool(reply and reply.message_type == MessageType.METHOD_RETURN and reply.body[0])


async def wait_until(check: Callable[[], Awaitable[bool] | bool], timeout: float, what: str) -> None:
    """Poll `check` until true; fail with `what` after `timeout` seconds rather than hang."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if not isinstance(result, bool):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


def _isolate_network() -> None:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    names = [name for _, name in socket.if_nameindex()]
    if names != ["lo"]:
        raise SystemExit(f"refusing to run kdeconnectd: interfaces {names} besides lo")


async def _run(target: str, kwargs: dict[str, Any], address: str, home: Path) -> Any:
    module, _, func = target.partition(":")
    scenario = getattr(importlib.import_module(module), func)
    env = KdeEnv(address, home)
    try:
        return await asyncio.wait_for(scenario(env, **kwargs), timeout=75)
    finally:
        env.shutdown()


def main() -> None:
    target, kwargs = sys.argv[1], json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")
    _isolate_network()
    with tempfile.TemporaryDirectory(prefix="nzkde-") as tmp, private_bus(Path(tmp)) as address:
        result = asyncio.run(_run(target, kwargs, address, Path(tmp) / "home"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

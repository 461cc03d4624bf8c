"""In a call: a call app records from the microphone (a PulseAudio source output).

Why PulseAudio's view: it is what PulseAudio desktops have and what PipeWire desktops serve too
(pipewire-pulse), so one reading covers both; `pactl` (pulseaudio-utils, on every such desktop)
speaks it, with `subscribe` telling us the moment a recording starts or stops and `-f json` giving
each recording's application properties. A Python binding (pulsectl) would add a dependency for
two commands; `pw-dump --monitor` would cover PipeWire only.

Which recordings are calls: those of an app in CALL_APPS (by application name, binary or id),
and browsers, since a browser records from the microphone for a web call (Meet, Teams, Jitsi).
A voice recorder, Audacity or a dictation tool is not a call and changes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import shutil
from collections.abc import Iterable, Mapping
from typing import Any

from notifyzen.context import Report
from notifyzen.core.situation import Kind

log = logging.getLogger(__name__)

# a word in the app's name, binary or id -> the name the tray uses ("In a call (Zoom)")
CALL_APPS = {
    "zoom": "Zoom", "teams": "Teams", "skype": "Skype", "slack": "Slack", "discord": "Discord",
    "signal": "Signal", "telegram": "Telegram", "element": "Element", "jitsi": "Jitsi",
    "webex": "Webex", "whatsapp": "WhatsApp", "mumble": "Mumble", "linphone": "Linphone",
    "jami": "Jami", "calls": "Calls", "baresip": "baresip",
    "firefox": "Firefox", "chrome": "Chrome", "chromium": "Chromium", "brave": "Brave",
    "msedge": "Edge", "vivaldi": "Vivaldi", "epiphany": "Web",
    "webrtc": "a web call",  # last: a browser's own name says more
}  # fmt: skip
RETRY_S = 10.0  # the sound server restarted or is not there yet: look again this much later


def call_apps(outputs: Iterable[Mapping[str, Any]]) -> list[str]:
    """The call apps among `pactl -f json list source-outputs`, by their tray names, in order."""
    found: list[str] = []
    for output in outputs:
        props = output.get("properties") or {}
        words = " ".join(
            str(props.get(k, ""))
            for k in ("application.name", "application.process.binary", "application.id", "node.name")
        ).casefold()
        for word, name in CALL_APPS.items():
            if word in words:
                if name not in found:
                    found.append(name)
                break
    return found


class MicrophoneWatch:
    name = "microphone"

    def __init__(self, pactl: str | None = None, env: Mapping[str, str] | None = None) -> None:
        self.pactl = pactl or shutil.which("pactl")
        self.env = dict(env) if env is not None else None  # None: notifyzen's own (the session's)
        self._task: asyncio.Task[None] | None = None
        self._proc: asyncio.subprocess.Process | None = None
        self._report: Report | None = None
        self._last: list[str] | None = None

    async def start(self, report: Report) -> None:
        self._report = report
        if self.pactl is None:
            log.info("calls are not seen: pactl (pulseaudio-utils) is not installed")
            return
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        assert self.pactl is not None
        warned = False
        while True:
            proc = self._proc = await asyncio.create_subprocess_exec(
                self.pactl, "subscribe", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
                env=self.env,
            )  # fmt: skip
            if await self.look() is None and not warned:
                log.info("calls are not seen yet: no PulseAudio or PipeWire sound server answers")
                warned = True
            assert proc.stdout is not None
            async for line in proc.stdout:
                if b"source-output" in line:
                    await self.look()
            await proc.wait()
            self._report_apps([])  # the server went away: nobody records from it
            await asyncio.sleep(RETRY_S)

    async def look(self) -> list[str] | None:
        """Ask the sound server who records now; report when the call apps changed."""
        assert self.pactl is not None
        proc = await asyncio.create_subprocess_exec(
            self.pactl, "-f", "json", "list", "source-outputs",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL, env=self.env,
        )  # fmt: skip
        try:
            out, _ = await proc.communicate()
        finally:  # cancelled while asking (notifyzen stops): reap it here, not at exit
            if proc.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                await asyncio.shield(proc.wait())
        if proc.returncode != 0:
            return None
        try:
            outputs = json.loads(out or b"[]")
        except ValueError:
            log.debug("pactl gave no JSON: %r", out[:200])
            return None
        apps = call_apps(o for o in outputs if isinstance(o, dict))
        self._report_apps(apps)
        return apps

    def _report_apps(self, apps: list[str]) -> None:
        if apps == self._last or self._report is None:
            return
        self._last = apps
        self._report({Kind.CALL: ", ".join(apps)} if apps else {})

    async def stop(self) -> None:
        if self._proc is not None and self._proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._proc.kill()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._proc is not None:
            with contextlib.suppress(Exception):
                await self._proc.wait()

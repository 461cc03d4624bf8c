"""Server mode without KDE Connect's D-Bus API: kdeconnectd's pop-ups are still phone notifications.

notifyzen on a private bus with no kdeconnectd on it (so the adapter claims nothing), at 09:30 on a
Monday (the default preset's deep work, injected clock). The Notify calls are shaped as the real
kdeconnectd 22.12 makes them (/work/shared/kdeconnect/notify-call-samples.json) and sent with
notify-send and gdbus; `notifyzen history --json` must show them as the user would describe them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.harness.notifyzen_proc import notifications_call, start, stop

IN_DEEP_WORK = "2026-11-16T09:30:00+01:00"  # Monday; deep work is 09:00-10:30 on weekdays
KDECONNECTD = [
    "--app-name=KDE Connect",
    "--icon=kdeconnect",
    "--hint=string:desktop-entry:org.kde.kdeconnect.daemon",
    "--hint=string:x-kde-appname:kdeconnect",
    "--hint=string:x-kde-eventId:notification",
    "--hint=string:x-kde-origin-name:Pixel 7",
    "--hint=boolean:resident:true",
]


def notify_send(env: dict[str, str], *args: str) -> int:
    sent = subprocess.run(["notify-send", "-p", *args], env=env, capture_output=True, text=True, timeout=10)
    assert sent.returncode == 0, sent.stderr
    return int(sent.stdout)


def history(env: dict[str, str]) -> dict[int, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "history", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    return {row["id"]: row for row in json.loads(done.stdout)}


@pytest.mark.slow
def test_kdeconnectd_popups_are_stored_as_phone_notifications(session_env: dict[str, str]) -> None:
    env = {**session_env, "TZ": "Europe/Amsterdam"}
    proc = start(env, "--mode", "server", "--clock", IN_DEEP_WORK)
    try:
        caps = notifications_call(env, "GetCapabilities")
        # kdeconnectd's form with Plasma's capability: title and text apart, the app in a hint
        kde = notify_send(
            env, *KDECONNECTD, "--hint=string:x-kde-display-appname:Signal", "--", "Anke", "lunch at 12?"
        )
        # without it (kdeconnectd started first): summary = app, body = "title: text", escaped
        plain = notify_send(env, *KDECONNECTD, "--", "WhatsApp", "Mum: fish &amp; chips?")
        hints = (
            "{'desktop-entry': <'org.kde.kdeconnect.daemon'>, 'x-kde-appname': <'kdeconnect'>, "
            "'x-kde-eventId': <'notification'>, 'x-kde-origin-name': <'Pixel 7'>, "
            "'x-kde-display-appname': <'Phone'>, 'resident': <true>}"
        )
        call = ["'KDE Connect'", "uint32 0", "'kdeconnect'", "'Missed call'", "'Dad'", "@as []", hints]
        call.append("int32 -1")
        calls = [int(notifications_call(env, "Notify", *call).split()[-1].rstrip(",)")) for _ in range(2)]
        pairing = notify_send(
            env,
            "--app-name=KDE Connect",
            "--hint=string:desktop-entry:org.kde.kdeconnect.daemon",
            "--hint=string:x-kde-appname:kdeconnect",
            "--hint=string:x-kde-eventId:pairingRequest",
            "--action=1=Accept",
            "--action=2=Reject",
            "--",
            "KDE Connect",
            "Pairing request from Pixel 7",
        )
    finally:
        stop(proc)
    assert "'x-kde-display-appname'" in caps and "'x-kde-origin-name'" in caps
    rows = history(env)

    def seen(id: int) -> tuple[object, ...]:
        r = rows[id]
        return r["source"], r["app_name"], r["device"], r["sender"], r["summary"], r["body"]

    assert seen(kde) == ("phone", "Signal", "Pixel 7", "Anke", "Anke", "lunch at 12?")
    assert seen(plain) == ("phone", "WhatsApp", "Pixel 7", "Mum", "Mum", "fish &amp; chips?")
    # people are held in deep work; the same caller trying again breaks through
    assert [rows[i]["verdict"] for i in (kde, plain, calls[0])] == ["hold", "hold", "hold"]
    assert seen(calls[1])[:4] == ("phone", "Phone", "Pixel 7", "Dad")
    assert (rows[calls[1]]["verdict"], rows[calls[1]]["rule"]) == ("deliver", "repeated contact")
    assert rows[calls[0]]["shown_by"] == "arrival"  # the first call comes along with the second
    # a pairing request is not a phone notification, and is never held
    assert (rows[pairing]["source"], rows[pairing]["app_name"]) == ("desktop", "KDE Connect")
    assert rows[pairing]["verdict"] == "deliver"

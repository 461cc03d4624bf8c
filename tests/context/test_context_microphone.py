"""In a call: a call app recording from the microphone, seen on a real PipeWire (issue 19).

notifyzen/context/microphone.py must say "in a call (Zoom)" while Zoom records and nothing after;
a voice recorder recording is no call; two call apps are both named.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from notifyzen.context.microphone import MicrophoneWatch, call_apps
from notifyzen.core.situation import Kind
from tests.context.sound import missing, record, recordings, sound_server
from tests.context.watched import Watched

needs_sound = pytest.mark.skipif(bool(missing()), reason=f"not installed: {', '.join(missing())}")


@pytest.fixture
def sound(session_env: dict[str, str]) -> Iterator[tuple[dict[str, str], Watched]]:
    with sound_server(session_env) as env:
        watched = Watched(MicrophoneWatch(env=env))
        try:
            yield env, watched
        finally:
            watched.close()


@needs_sound
def test_a_call_app_recording_is_a_call_until_it_stops(sound: Any) -> None:
    env, watched = sound
    watched.wait_for({})  # the first look: nobody records
    zoom = record(env, "ZOOM VoiceEngine")
    try:
        watched.wait_for({Kind.CALL: "Zoom"})
    finally:
        zoom.terminate()
        zoom.wait()
    watched.wait_for({})


@needs_sound
def test_a_voice_recorder_is_no_call_and_two_call_apps_are_both_named(sound: Any) -> None:
    env, watched = sound
    watched.wait_for({})
    recorder = record(env)  # parecord as itself: a recorder, not a call
    apps = [recorder]
    try:
        deadline = time.monotonic() + 20
        while recordings(env) < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert recordings(env) == 1
        time.sleep(0.5)  # the watch looked at it (it looks at every new recording)
        assert watched.seen[-1] == {}
        apps.append(record(env, "Firefox"))
        watched.wait_for({Kind.CALL: "Firefox"})
        apps.append(record(env, "Signal"))
        watched.wait_for({Kind.CALL: "Firefox, Signal"})
    finally:
        for app in apps:
            app.terminate()
            app.wait()
    watched.wait_for({})


def test_which_recordings_are_calls() -> None:
    outputs: list[dict[str, Any]] = [
        {"properties": {"application.name": "Audacity"}},
        {"properties": {"application.name": "WEBRTC VoiceEngine", "application.process.binary": "chrome"}},
        {"properties": {"application.process.binary": "teams-for-linux"}},
        {"properties": None},
    ]
    assert call_apps(outputs) == ["Chrome", "Teams"]

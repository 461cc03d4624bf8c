"""Real clients against server mode: notify-send (incl. --wait with actions and expiry), gdbus, plyer."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.harness.notifyzen_proc import answers_status, rows, start, stop, wait_for


@pytest.fixture
def server(session_env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    proc = start(session_env, "--mode", "server")
    yield proc
    stop(proc)


def gdbus(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["gdbus", "call", "--session", *args], env=env, capture_output=True, text=True, timeout=10
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def control(env: dict[str, str], method: str, *args: str) -> str:
    return gdbus(
        env,
        "--dest",
        "io.github.notifyzen.Notifyzen",
        "--object-path",
        "/io/github/notifyzen/Notifyzen",
        "--method",
        f"io.github.notifyzen.Notifyzen1.{method}",
        *args,
    )


def on_screen(env: dict[str, str]) -> list[int]:
    import json

    text = control(env, "Status")
    return list(json.loads(text[text.index("'") + 1 : text.rindex("'")])["on_screen"])


def test_action_click_reaches_notify_send_wait(server: object, session_env: dict[str, str]) -> None:
    waiting = subprocess.Popen(
        ["notify-send", "--wait", "--expire-time=0", "--action=yes=Yes", "--action=no=No", "Deploy?", "prod"],
        env=session_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: bool(on_screen(session_env)), 10, "the pop-up")
        (id,) = on_screen(session_env)
        assert "true" in control(session_env, "InvokeAction", str(id), "yes")  # what a button click does
        out, err = waiting.communicate(timeout=10)
    finally:
        waiting.kill()
    assert out.strip() == "yes", err
    (row,) = rows(session_env)
    assert (row["opened"], row["state"], row["close_reason"]) == (1, "acted", 2)
    assert on_screen(session_env) == []


def test_expiry_closes_with_reason_1(server: object, session_env: dict[str, str]) -> None:
    done = subprocess.run(
        ["notify-send", "--wait", "--expire-time=300", "short-lived"],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 0, done.stderr  # --wait returns once NotificationClosed arrived
    (row,) = rows(session_env)
    assert (row["state"], row["close_reason"]) == ("expired", 1)


def test_dismiss_closes_with_reason_2(server: object, session_env: dict[str, str]) -> None:
    waiting = subprocess.Popen(
        ["notify-send", "--wait", "--expire-time=0", "dismiss me"],
        env=session_env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: bool(on_screen(session_env)), 10, "the pop-up")
        control(session_env, "Dismiss", str(on_screen(session_env)[0]))
        waiting.communicate(timeout=10)
    finally:
        waiting.kill()
    (row,) = rows(session_env)
    assert (row["state"], row["close_reason"]) == ("dismissed", 2)


def test_notify_send_replace_id(server: object, session_env: dict[str, str]) -> None:
    first = subprocess.run(
        ["notify-send", "--print-id", "--expire-time=0", "copying 1/3"],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=10,
    ).stdout.strip()
    again = subprocess.run(
        ["notify-send", "--print-id", f"--replace-id={first}", "-t", "0", "copying 2/3"],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=10,
    ).stdout.strip()
    assert again == first
    assert on_screen(session_env) == [int(first)]
    assert [(r["summary"], r["replaces_id"]) for r in rows(session_env)] == [
        ("copying 1/3", 0),
        ("copying 2/3", int(first)),
    ]


def notify_call(env: dict[str, str], replaces_id: int, summary: str) -> str:
    return gdbus(
        env,
        "--dest",
        "org.freedesktop.Notifications",
        "--object-path",
        "/org/freedesktop/Notifications",
        "--method",
        "org.freedesktop.Notifications.Notify",
        "script",
        str(replaces_id),
        "",
        summary,
        "",
        "[]",
        "{}",
        "0",
    )


def test_gdbus_with_an_id_never_given_out_gets_it_and_closing_it_is_signalled(
    server: object, session_env: dict[str, str]
) -> None:
    """Spec 1.3: Notify with a non-zero replaces_id returns that id even when the server never
    gave it out; the script can then close it, and every client hears the close by that id."""
    monitor = subprocess.Popen(
        ["gdbus", "monitor", "--session", "--dest", "org.freedesktop.Notifications"],
        env=session_env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert monitor.stdout is not None
        assert "is owned by" in monitor.stdout.readline() + monitor.stdout.readline()  # listening
        assert notify_call(session_env, 4242, "backup running").strip() == "(uint32 4242,)"
        assert on_screen(session_env) == [4242]
        gdbus(
            session_env,
            "--dest",
            "org.freedesktop.Notifications",
            "--object-path",
            "/org/freedesktop/Notifications",
            "--method",
            "org.freedesktop.Notifications.CloseNotification",
            "4242",
        )
        line = monitor.stdout.readline()
    finally:
        monitor.kill()
        monitor.wait()
    assert line.strip().endswith("org.freedesktop.Notifications.NotificationClosed (uint32 4242, uint32 3)")
    assert on_screen(session_env) == []
    (row,) = rows(session_env)
    assert (row["summary"], row["state"], row["close_reason"]) == ("backup running", "closed", 3)


def test_notify_send_replacing_an_ended_notification_keeps_its_id_and_its_buttons_reach_it(
    server: object, session_env: dict[str, str]
) -> None:
    """A script that replaces its notification after the user dismissed it gets the same id back,
    and a click on the new one's button reaches it under that id (the history keeps both as rows
    of their own)."""
    first = notify_send_id(session_env, "--expire-time=0", "Build started")
    control(session_env, "Dismiss", str(first))
    assert on_screen(session_env) == []
    waiting = subprocess.Popen(
        ["notify-send", "-p", f"--replace-id={first}", "-t", "0", "--action=log=Show log", "Build failed"],
        env=session_env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: bool(on_screen(session_env)), 10, "the new pop-up")
        assert on_screen(session_env) == [first]
        assert "true" in control(session_env, "InvokeAction", str(first), "log")
        out, _ = waiting.communicate(timeout=10)
    finally:
        waiting.kill()
    assert out.split() == [str(first), "log"]  # notify-send heard ActionInvoked for its id
    assert [(r["summary"], r["state"]) for r in rows(session_env)] == [
        ("Build started", "dismissed"),
        ("Build failed", "acted"),
    ]


def test_notify_send_replace_id_never_given_out(server: object, session_env: dict[str, str]) -> None:
    """Scripts keep fixed ids of their own (`notify-send -r 777`): each is the id, and each is one
    more notification taken in, also one below the ids notifyzen gave out since."""
    import json

    assert notify_send_id(session_env, "--replace-id=777", "-t", "0", "Now playing") == 777
    assert notify_send_id(session_env, "--replace-id=777", "-t", "0", "Next track") == 777
    assert on_screen(session_env) == [777]
    fresh = notify_send_id(session_env, "-t", "0", "Mail")
    assert fresh > 777
    assert notify_send_id(session_env, "--replace-id=500", "-t", "0", "Battery low") == 500
    text = control(session_env, "Status")
    status = json.loads(text[text.index("'") + 1 : text.rindex("'")])
    assert (status["on_screen"], status["taken_in_today"]) == (sorted([500, 777, fresh]), 3)


def notify_send_id(env: dict[str, str], *args: str) -> int:
    done = subprocess.run(["notify-send", "-p", *args], env=env, capture_output=True, text=True, timeout=10)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip())


def test_gdbus_call_and_introspection(server: object, session_env: dict[str, str]) -> None:
    out = gdbus(
        session_env,
        "--dest",
        "org.freedesktop.Notifications",
        "--object-path",
        "/org/freedesktop/Notifications",
        "--method",
        "org.freedesktop.Notifications.Notify",
        "gdbus-app",
        "0",
        "mail-unread",
        "From gdbus",
        "a <i>body</i>",
        "['open', 'Open']",
        "{'urgency': <byte 2>, 'category': <'email.arrived'>, 'x-kde-appname': <'K'>, 'resident': <true>}",
        "5000",
    )
    id = int(out.split()[1].rstrip(",)"))
    (row,) = rows(session_env)
    assert row["id"] == id
    assert (row["app_name"], row["app_icon"], row["urgency"], row["category"]) == (
        "gdbus-app",
        "mail-unread",
        2,
        "email.arrived",
    )
    assert '"x-kde-appname":"K"' in row["hints_json"] and row["actions_json"] == '[["open", "Open"]]'
    xml = subprocess.run(
        [
            "gdbus",
            "introspect",
            "--session",
            "--dest",
            "org.freedesktop.Notifications",
            "--object-path",
            "/org/freedesktop/Notifications",
        ],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=10,
    ).stdout
    assert "NotificationClosed" in xml and "ActivationToken" in xml and "GetCapabilities" in xml


def test_plyer(server: object, session_env: dict[str, str]) -> None:
    """plyer's Linux backend is dbus-python when importable, else notify-send (the case here).

    Its notify-send path drops `timeout` and sends `-t 0` (never expire): that is plyer's doing.
    """
    code = (
        "from plyer import notification; "
        "notification.notify(title='Backup done', message='42 files', app_name='PlyerApp', timeout=5)"
    )
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    (row,) = rows(session_env)
    assert (row["app_name"], row["summary"], row["body"], row["expire_timeout"]) == (
        "PlyerApp",
        "Backup done",
        "42 files",
        0,
    )
    assert answers_status(session_env)


def test_notify_send_hint_types_are_kept(server: object, session_env: dict[str, str]) -> None:
    import json

    done = subprocess.run(
        [
            "notify-send",
            "--hint=int:x-kde-progress:42",
            "--hint=double:x-nz-ratio:1.5",
            "--hint=byte:x-nz-byte:7",
            "--hint=boolean:transient:true",
            "--hint=string:image-path:file:///usr/share/icons/hicolor/48x48/apps/x.png",
            "hints",
        ],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert done.returncode == 0, done.stderr
    (row,) = rows(session_env)
    hints = json.loads(row["hints_json"])
    assert (hints["x-kde-progress"], hints["x-nz-ratio"], hints["x-nz-byte"]) == (42, 1.5, 7)
    assert hints["image-path"] == "file:///usr/share/icons/hicolor/48x48/apps/x.png"  # kept, never fetched
    assert hints["transient"] is True and hints["x-notifyzen-flags"] == {"transient": True}


def test_volume_osd_with_a_synchronous_tag_updates_one_popup(
    server: object, session_env: dict[str, str]
) -> None:
    """Volume and brightness scripts on sway/i3 send no replace id: they tag every notify-send with
    x-canonical-private-synchronous (or dunst's x-dunst-stack-tag) and expect one OSD that updates.
    Taken as new notifications, holding a volume key stacked pop-ups and the flood gate held the
    rest for the next check-in's digest."""
    import json

    ids = set()
    for level in range(0, 101, 5):
        tag = "x-dunst-stack-tag" if level % 2 else "x-canonical-private-synchronous"
        args = [f"--hint=string:{tag}:volume", f"--hint=int:value:{level}", f"Volume {level}%"]
        done = subprocess.run(
            ["notify-send", "-p", "-e", *args],
            env=session_env,
            capture_output=True,
            text=True,
            timeout=10,
        )
        ids.add(int(done.stdout))
    other = subprocess.run(
        ["notify-send", "-p", "--hint=string:x-canonical-private-synchronous:brightness", "Brightness 40%"],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert len(ids) == 1 and int(other.stdout) not in ids  # another tag is another OSD
    text = control(session_env, "Status")
    status = json.loads(text[text.index("'") + 1 : text.rindex("'")])
    assert (status["held"], status["on_screen"]) == (0, sorted([*ids, int(other.stdout)]))
    assert rows(session_env)[-2]["summary"] == "Volume 100%"

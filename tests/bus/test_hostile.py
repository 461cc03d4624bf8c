"""Hostile senders: server mode keeps answering and keeps a bounded, safe copy of everything."""

from __future__ import annotations

import asyncio
import http.server
import json
import threading
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from dbus_fast import MessageType, Variant

from tests.harness.busenv import bus_env, private_bus
from tests.harness.notifyzen_proc import NOTIFY, call, client, notify, rows, run, start, stop


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """One notifyzen for the whole module: every test also checks it survived the one before."""
    with private_bus() as address:
        env = bus_env(address, tmp_path_factory.mktemp("hostile") / "home")
        proc = start(env, "--mode", "server")
        yield address, env
        assert proc.poll() is None, "notifyzen died"
        stop(proc)


def row(env: dict[str, str], id: int) -> dict[str, Any]:
    (found,) = [r for r in rows(env) if r["id"] == id]
    return found


async def still_answers(bus: Any) -> None:
    info = await call(bus, NOTIFY, "GetServerInformation")
    assert info.body[0] == "notifyzen"


def test_ten_megabyte_body_is_stored_capped(server: tuple[str, dict[str, str]]) -> None:
    bus_address, session_env = server

    async def go() -> int:
        async with client(bus_address) as bus:
            id = await notify(bus, "big", "x" * 10_000_000)
            await still_answers(bus)
            return id

    body = row(session_env, run(go()))["body"]
    assert body.startswith("x" * 65536) and len(body) < 65536 + 100
    assert "9934464 more characters cut by notifyzen" in body


def test_ten_thousand_hints(server: tuple[str, dict[str, str]]) -> None:
    bus_address, session_env = server
    hints = {f"x-junk-{i}": Variant("s", "v" * 50) for i in range(10_000)}
    hints = {"urgency": Variant("y", 2), **hints}

    async def go() -> int:
        async with client(bus_address) as bus:
            id = await notify(bus, "hints", hints=hints)
            await still_answers(bus)
            return id

    r = row(session_env, run(go()))
    kept = json.loads(r["hints_json"])
    assert len(kept) == 257 and kept["x-notifyzen-dropped-hints"] == 10_001 - 256
    assert r["urgency"] == 2


@pytest.mark.parametrize(
    ("hint", "expect"),
    [
        (Variant("(iiibiiay)", [64, 64, 256, True, 8, 4, b"\x00" * 16]), {"valid": False, "width": 64}),
        (Variant("(iiibiiay)", [2, 2, 8, True, 8, 4, b"\xff" * 16]), {"valid": True, "bytes": 16}),
        (Variant("(iiibiiay)", [-5, 2**31 - 1, 0, False, 99, 9, b""]), {"valid": False}),
        (Variant("s", "not an image"), {"valid": False, "signature": "s"}),
        (Variant("(ii)", [1, 2]), {"valid": False, "signature": "(ii)"}),
    ],
)
def test_malformed_image_data_becomes_metadata(
    server: tuple[str, dict[str, str]], hint: Variant, expect: dict[str, Any]
) -> None:
    bus_address, session_env = server

    async def go() -> int:
        async with client(bus_address) as bus:
            id = await notify(bus, "image", hints={"image-data": hint, "icon_data": hint})
            await still_answers(bus)
            return id

    kept = json.loads(row(session_env, run(go()))["hints_json"])
    for key in ("image-data", "icon_data"):
        assert expect.items() <= kept[key]["$image"].items()


@pytest.mark.parametrize(
    ("urgency", "stored"),
    [
        (Variant("s", "critical"), 2),
        (Variant("s", "2"), 2),  # notify-send --hint=string:urgency:2, scripts that quote everything
        (Variant("s", " 0"), 0),
        (Variant("s", "9"), 1),
        (Variant("i", 7), 1),
        (Variant("as", ["2"]), 1),
        (Variant("b", True), 1),
        (Variant("u", 0), 0),
        (Variant("d", 2.0), 1),
    ],
)
def test_urgency_of_the_wrong_type(server: tuple[str, dict[str, str]], urgency: Variant, stored: int) -> None:
    bus_address, session_env = server

    async def go() -> int:
        async with client(bus_address) as bus:
            return await notify(bus, "urgency", hints={"urgency": urgency})

    assert row(session_env, run(go()))["urgency"] == stored


def test_odd_actions_unknown_replace_and_odd_text(server: tuple[str, dict[str, str]]) -> None:
    bus_address, session_env = server
    odd = "\u202eevil\u200b \U0010ffff \ufffe e\u0301 \x1b[2J \x7f 🔔"

    async def go() -> tuple[int, int]:
        async with client(bus_address) as bus:
            a = await notify(bus, odd, odd, app=odd, actions=["default", "Open", "lonely"])
            b = await notify(bus, "stale", replaces_id=4_000_000_000)
            deep: Any = Variant("s", "bottom")
            for _ in range(30):
                deep = Variant("av", [deep])
            await notify(
                bus, "deep", hints={"x-deep": deep, "x-bytes": Variant("ay", bytes(range(256)) * 100)}
            )
            await still_answers(bus)
            return a, b

    a, b = run(go())
    first = row(session_env, a)
    assert first["summary"] == odd and first["app_name"] == odd
    assert json.loads(first["actions_json"]) == [["default", "Open"]]
    assert b == 4_000_000_000  # spec 1.3: a non-zero replaces_id is the id given back, known or not


def test_wrong_signature_is_refused_and_server_survives(server: tuple[str, dict[str, str]]) -> None:
    bus_address, _ = server

    async def go() -> None:
        async with client(bus_address) as bus:
            bad = await call(bus, NOTIFY, "Notify", "s", ["only a string"])
            assert bad.message_type is MessageType.ERROR
            assert bad.error_name == "org.freedesktop.DBus.Error.InvalidArgs"
            bad = await call(bus, NOTIFY, "CloseNotification", "s", ["1"])
            assert bad.message_type is MessageType.ERROR
            await still_answers(bus)

    run(go())


def test_a_burst_from_many_clients_is_all_stored(server: tuple[str, dict[str, str]]) -> None:
    bus_address, session_env = server

    async def one_client(k: int) -> list[int]:
        async with client(bus_address) as bus:
            return list(await asyncio.gather(*(notify(bus, f"burst {k}.{i}") for i in range(50))))

    async def go() -> list[int]:
        groups = await asyncio.gather(*(one_client(k) for k in range(8)))
        return [id for group in groups for id in group]

    ids = run(go())
    assert len(set(ids)) == 400
    stored = {r["id"] for r in rows(session_env) if r["summary"].startswith("burst")}
    assert stored == set(ids)


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_markup_with_remote_images_and_scripts_fetches_nothing(server: tuple[str, dict[str, str]]) -> None:
    bus_address, session_env = server
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_port}"
    body = (
        f'<img src="{url}/pixel.png" alt="tracker"/><script src="{url}/x.js">alert(1)</script>'
        f'<a href="javascript:alert(1)">js</a> <a href="{url}/link">link</a>'
    )

    async def go() -> int:
        async with client(bus_address) as bus:
            id = await notify(
                bus, "markup", body, hints={"image-path": Variant("s", f"{url}/image-path.png")}
            )
            await asyncio.sleep(1.0)  # time for any (wrong) fetch to happen
            await still_answers(bus)
            return id

    try:
        id = run(go())
    finally:
        httpd.shutdown()
    assert _Recorder.hits == []
    assert row(session_env, id)["body"] == body  # stored as sent; only the display sanitises

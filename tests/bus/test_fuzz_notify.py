"""Hostile Notify calls, generated: whatever a client sends, the server answers and stays up.

One notifyzen (server mode, offscreen Qt) takes a few hundred generated calls: right and wrong
signatures, hints of the wrong type, huge and odd text, markup, odd action lists, every
replaces_id and timeout. Each call must be answered (an id or a D-Bus error) and each id answered
must be a row in the history. Bounded: max_examples and a wall-clock budget keep it near a minute.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.harness.notifyzen_proc import NOTIFY, rows, start, stop

BUDGET_S = 60.0

# D-Bus strings are UTF-8 without NUL: anything else is refused by the library, not the server.
safe_char = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
MARKUP = [
    "<b>bold</b>",
    "<i>unclosed",
    "<img src='http://127.0.0.1:9/x.png'/>",
    "<a href='javascript:alert(1)'>x</a>",
    "&amp;&lt;&#0;&#xFFFFFF;&bogus;",
    "<script>alert(1)</script>",
    "<u><u><u><u><u>deep</u></u></u></u></u>",
    "]]><!-- -->",
]
text = st.one_of(
    st.text(safe_char, max_size=64),
    st.sampled_from(MARKUP),
    st.builds(
        lambda s, n: s * n, st.sampled_from(["x", "é", "🙂", "<b>", "\n", "&amp;"]), st.integers(0, 60_000)
    ),
)
uint32 = st.integers(0, 2**32 - 1)
int32 = st.integers(-(2**31), 2**31 - 1)

simple_variant = st.one_of(
    st.builds(Variant, st.just("s"), text),
    st.builds(Variant, st.just("y"), st.integers(0, 255)),
    st.builds(Variant, st.just("b"), st.booleans()),
    st.builds(Variant, st.just("i"), int32),
    st.builds(Variant, st.just("u"), uint32),
    st.builds(Variant, st.just("x"), st.integers(-(2**63), 2**63 - 1)),
    st.builds(Variant, st.just("d"), st.floats(allow_nan=True, allow_infinity=True)),
    st.builds(Variant, st.just("as"), st.lists(text, max_size=5)),
    st.builds(Variant, st.just("ay"), st.binary(max_size=5000)),
    st.builds(Variant, st.just("o"), st.just("/org/example/x")),
)
image = st.builds(
    lambda w, h, stride, alpha, bits, ch, data: Variant("(iiibiiay)", [w, h, stride, alpha, bits, ch, data]),
    int32,
    int32,
    int32,
    st.booleans(),
    int32,
    int32,
    st.binary(max_size=4096),
)
variant = st.one_of(
    simple_variant,
    image,
    st.builds(Variant, st.just("v"), simple_variant),
    st.builds(Variant, st.just("a{sv}"), st.dictionaries(text, simple_variant, max_size=4)),
)
HINT_NAMES = [
    "urgency",
    "category",
    "desktop-entry",
    "image-data",
    "image_data",
    "icon_data",
    "image-path",
    "sound-file",
    "suppress-sound",
    "transient",
    "resident",
    "x",
    "y",
    "action-icons",
    "sender-pid",
    "x-kde-reply-placeholder-text",
]
hints = st.dictionaries(st.one_of(st.sampled_from(HINT_NAMES), text), variant, max_size=8)

good_notify = st.tuples(
    st.just("susssasa{sv}i"),
    st.tuples(text, uint32, text, text, text, st.lists(text, max_size=9), hints, int32).map(list),
)
wrong_notify = st.sampled_from(
    [
        ("", []),
        ("s", ["only a name"]),
        ("susssasa{sv}", ["app", 0, "", "s", "b", [], {}]),
        ("sussssa{sv}i", ["app", 0, "", "s", "b", "not a list", {}, -1]),
        ("susssasa{ss}i", ["app", 0, "", "s", "b", [], {"urgency": "2"}, -1]),
        ("iusssasa{sv}i", [7, 0, "", "s", "b", [], {}, -1]),
        ("susssasa{sv}ii", ["app", 0, "", "s", "b", [], {}, -1, 5]),
    ]
)
other_member = st.sampled_from(
    [
        ("CloseNotification", "u", [0]),
        ("CloseNotification", "u", [2**32 - 1]),
        ("CloseNotification", "s", ["1"]),
        ("GetCapabilities", "", []),
        ("GetServerInformation", "i", [1]),
        ("NoSuchMethod", "", []),
    ]
)
call = st.one_of(
    good_notify.map(lambda sb: ("Notify", *sb)),
    wrong_notify.map(lambda sb: ("Notify", *sb)),
    other_member,
)


def message(member: str, signature: str, body: list[Any]) -> Message:
    return Message(
        destination=NOTIFY[0],
        path=NOTIFY[1],
        interface=NOTIFY[2],
        member=member,
        signature=signature,
        body=body,
    )


@pytest.mark.slow
def test_generated_hostile_calls_are_always_answered_and_stored(
    session_env: dict[str, str], bus_address: str
) -> None:
    proc = start(session_env, "--mode", "server")
    loop = asyncio.new_event_loop()

    async def connect() -> MessageBus:
        return await MessageBus(bus_address=bus_address).connect()

    bus = loop.run_until_complete(connect())
    acked: list[int] = []
    answered: list[str] = []
    deadline = time.monotonic() + BUDGET_S

    @settings(
        max_examples=300,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(call)
    def one(spec: tuple[str, str, list[Any]]) -> None:
        if time.monotonic() > deadline:
            return
        member, signature, body = spec
        reply = loop.run_until_complete(asyncio.wait_for(bus.call(message(member, signature, body)), 20))
        assert reply is not None and reply.message_type in (MessageType.METHOD_RETURN, MessageType.ERROR)
        assert proc.poll() is None, "notifyzen died"
        answered.append(member)
        if member == "Notify" and reply.message_type is MessageType.METHOD_RETURN:
            acked.append(int(reply.body[0]))
        if member == "Notify" and signature == "susssasa{sv}i":
            assert reply.message_type is MessageType.METHOD_RETURN, (
                f"a well-formed Notify was refused: {reply.body}"
            )

    try:
        one()
        info = loop.run_until_complete(
            asyncio.wait_for(bus.call(message("GetServerInformation", "", [])), 10)
        )
        assert info.message_type is MessageType.METHOD_RETURN and info.body[0] == "notifyzen"
    finally:
        bus.disconnect()
        loop.close()
        _, err = stop(proc)
    assert proc.returncode == 0, err[-3000:]
    assert len(answered) >= 100 and acked, f"only {len(answered)} calls made, {len(acked)} accepted"
    stored = {r["replaces_id"] or r["id"] for r in rows(session_env)}
    assert set(acked) <= stored

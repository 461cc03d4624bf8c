"""A simulated Android phone speaking KDE Connect's LAN protocol v7 to a real kdeconnectd.

Only for tests, and only inside `unshare --net` with nothing but loopback up. What it does is what
the Android app does as far as notifications go:

- dials TCP 127.0.0.1:1716 (the daemon ignores UDP identity broadcasts from loopback) and sends its
  identity line; the daemon then starts TLS as the *client*, so the phone is the TLS server;
- pairs (sends `kdeconnect.pair`; a test accepts it over D-Bus) or is already trusted because the
  test wrote `trusted_devices` before the daemon started;
- posts and cancels `kdeconnect.notification` packets and keeps its own list of active ones;
- answers `kdeconnect.notification.request {"request": true}` (sent on every connect) by
  resending everything it shows, marked silent, like Android;
- obeys `kdeconnect.notification.request {"cancel": id}` by removing the notification and telling
  the desktop it is gone, and records `.reply` / `.action` packets for the test to look at.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import ssl
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

PORT = 1716
Packet = dict[str, Any]


def make_certificate(device_id: str) -> tuple[bytes, bytes]:
    """A self-signed RSA certificate whose CN is the device id, as KDE Connect expects; (cert, key) PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, device_id),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "KDE"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Kde connect"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def packet(kind: str, body: dict[str, Any], **extra: Any) -> Packet:
    return {"id": int(time.time() * 1000), "type": kind, "body": body, **extra}


@dataclass
class PhoneNotification:
    id: str
    app_name: str
    title: str
    text: str
    reply_id: str = ""
    actions: tuple[str, ...] = ()
    clearable: bool = True
    time_ms: int = field(default_factory=lambda: int(time.time() * 1000))

    def body(self, *, silent: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": self.id,
            "appName": self.app_name,
            "title": self.title,
            "text": self.text,
            "ticker": f"{self.title}: {self.text}",
            "isClearable": self.clearable,
            "time": str(self.time_ms),
            "silent": silent,
            "onlyOnce": False,
        }
        if self.reply_id:
            body["requestReplyId"] = self.reply_id
        if self.actions:
            body["actions"] = list(self.actions)
        return body


class _Link(asyncio.Protocol):
    """One TCP(+TLS) connection to the daemon; hands each received JSON line to the phone."""

    def __init__(self, on_packet: Callable[[Packet], None], on_lost: Callable[[_Link], None]) -> None:
        self.transport: asyncio.BaseTransport | None = None
        self._buffer = b""
        self._on_packet = on_packet
        self._on_lost = on_lost

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            if line.strip():
                self._on_packet(json.loads(line))

    def connection_lost(self, exc: Exception | None) -> None:
        self._on_lost(self)


class Phone:
    """A phone with a name, an id, a certificate, and the notifications it currently shows."""

    def __init__(self, device_id: str, name: str) -> None:
        if not device_id.replace("_", "").isalnum():
            raise ValueError("KDE Connect device ids are [A-Za-z0-9_] only")
        self.device_id = device_id
        self.name = name
        self.cert_pem, self.key_pem = make_certificate(device_id)
        self.active: dict[str, PhoneNotification] = {}
        self.received: list[Packet] = []
        self.paired = asyncio.Event()
        self._transport: asyncio.Transport | None = None
        self._link: _Link | None = None
        self._outbox: list[bytes] | None = None  # packets answered during the TLS handshake
        self._changed = asyncio.Event()
        self._tmp = tempfile.TemporaryDirectory(prefix="phone-")

    # --- setup -------------------------------------------------------------------------------

    def trusted_entry(self) -> str:
        """The `trusted_devices` section that makes a fresh kdeconnectd trust this phone at start."""
        pem = self.cert_pem.decode().replace("\n", "\\n")
        return f'[{self.device_id}]\ncertificate="{pem}"\nname={self.name}\ntype=phone\n\n'

    def identity(self) -> Packet:
        return packet(
            "kdeconnect.identity",
            {
                "deviceId": self.device_id,
                "deviceName": self.name,
                "deviceType": "phone",
                "protocolVersion": 7,
                "tcpPort": PORT,
                "incomingCapabilities": [
                    "kdeconnect.notification.request",
                    "kdeconnect.notification.reply",
                    "kdeconnect.notification.action",
                    "kdeconnect.ping",
                ],
                "outgoingCapabilities": ["kdeconnect.notification", "kdeconnect.ping"],
            },
        )

    def _ssl_context(self) -> ssl.SSLContext:
        cert = Path(self._tmp.name) / "cert.pem"
        key = Path(self._tmp.name) / "key.pem"
        cert.write_bytes(self.cert_pem)
        key.write_bytes(self.key_pem)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        ctx.verify_mode = ssl.CERT_NONE  # the phone trusts whoever it pairs with; not under test
        return ctx

    # --- connection --------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._transport is not None and not self._transport.is_closing()

    async def connect(self, timeout: float = 10.0) -> None:
        """Dial the daemon (retrying until it listens), send identity, become the TLS server."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            try:
                raw, link = await loop.create_connection(
                    lambda: _Link(self._on_packet, self._on_lost), "127.0.0.1", PORT
                )
                break
            except OSError:
                if loop.time() > deadline:
                    raise
                await asyncio.sleep(0.05)
        self._link, self._outbox = link, []
        raw.write(json.dumps(self.identity()).encode() + b"\n")
        # The daemon may send its first packet before start_tls returns: answers wait in the outbox.
        tls = await asyncio.wait_for(
            loop.start_tls(raw, link, self._ssl_context(), server_side=True), timeout=timeout
        )
        assert tls is not None
        outbox, self._outbox = self._outbox, None
        if self._link is link:
            self._transport = tls
            for data in outbox or []:
                tls.write(data)

    def drop(self) -> None:
        """Vanish like a phone leaving Wi-Fi: the daemon ignores close_notify, so abort TCP."""
        if self._transport is not None:
            self._transport.abort()
        self._transport, self._link = None, None

    def _on_lost(self, link: _Link) -> None:
        if link is self._link:
            self._transport, self._link = None, None
        self._changed.set()

    def send(self, p: Packet) -> None:
        data = json.dumps(p).encode() + b"\n"
        if self._transport is not None:
            self._transport.write(data)
        elif self._outbox is not None:
            self._outbox.append(data)
        else:
            raise ConnectionError(f"{self.name} is not connected")

    # --- pairing -----------------------------------------------------------------------------

    def request_pairing(self) -> None:
        self.send(packet("kdeconnect.pair", {"pair": True}))

    # --- notifications -----------------------------------------------------------------------

    def post(
        self,
        id: str,
        app_name: str,
        title: str,
        text: str,
        *,
        reply_id: str = "",
        actions: tuple[str, ...] = (),
        clearable: bool = True,
        silent: bool = False,
    ) -> PhoneNotification:
        """Show (or update) a notification; the desktop hears of it now if connected, else on resend."""
        n = PhoneNotification(id, app_name, title, text, reply_id, actions, clearable)
        self.active[id] = n
        if self.connected:
            self.send(packet("kdeconnect.notification", n.body(silent=silent)))
        return n

    async def post_with_icon(self, id: str, app_name: str, title: str, text: str, icon: bytes) -> None:
        """A notification with an icon: the daemon fetches the bytes from a TLS port the phone opens."""
        loop = asyncio.get_running_loop()
        served = loop.create_future()

        class Serve(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                assert isinstance(transport, asyncio.WriteTransport)
                transport.write(icon)
                # The download ends when TCP does (the daemon ignores close_notify); give it time
                # to read first, since a reset may discard what it has not read yet.
                loop.call_later(0.3, transport.abort)
                if not served.done():
                    served.set_result(None)

        server = await loop.create_server(Serve, "127.0.0.1", 0, ssl=self._ssl_context())
        port = server.sockets[0].getsockname()[1]
        n = PhoneNotification(id, app_name, title, text)
        self.active[id] = n
        body = {**n.body(silent=False), "payloadHash": hashlib.md5(icon).hexdigest()}
        self.send(
            packet("kdeconnect.notification", body, payloadSize=len(icon), payloadTransferInfo={"port": port})
        )
        try:
            await asyncio.wait_for(served, 5)
        finally:
            server.close()

    def cancel(self, id: str) -> None:
        """The user swiped it away on the phone (the desktop hears of it only if connected)."""
        self.active.pop(id, None)
        if self.connected:
            self.send(packet("kdeconnect.notification", {"id": id, "isCancel": True}))

    def resend_all(self) -> None:
        """What the Android app does on every new connection: send its whole shade again, silent.
        Each send of a repliable notification carries a new reply id (the app makes a fresh
        RepliableNotification, `UUID.randomUUID()`, every time it sends one)."""
        for n in self.active.values():
            if n.reply_id:
                n.reply_id = f"{n.reply_id.split('~')[0]}~{uuid.uuid4().hex[:8]}"
            self.send(packet("kdeconnect.notification", n.body(silent=True)))

    def _on_packet(self, p: Packet) -> None:
        self.received.append(p)
        kind, body = p.get("type"), p.get("body", {})
        if kind == "kdeconnect.pair" and body.get("pair"):
            self.paired.set()
        elif kind == "kdeconnect.notification.request":
            if body.get("request"):
                self.resend_all()
            elif "cancel" in body:
                cancelled = self.active.pop(str(body["cancel"]), None)
                if cancelled is not None and self.connected:
                    self.send(packet("kdeconnect.notification", {"id": cancelled.id, "isCancel": True}))
        self._changed.set()

    async def wait_for(
        self, kind: str, match: Callable[[dict[str, Any]], bool] = lambda b: True, timeout: float = 5.0
    ) -> Packet:
        """The first packet of `kind` (already received or arriving) whose body matches."""

        async def scan() -> Packet:
            while True:
                for p in self.received:
                    if p.get("type") == kind and match(p.get("body", {})):
                        return p
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(scan(), timeout)

"""Fair turns for every call notifyzen answers on one connection (issue 22).

dbus-fast hands over every call it read from the socket at once and its own dispatch answers them
there and then, in that order: a client with 250 calls in flight made everyone else wait behind
all 250 (the control interface's Status took 0.7 s to answer during such a storm in observe mode,
GetServerInformation up to 5 s in server mode while the control interface was stormed). So the
calls of both interfaces notifyzen serves, the Notifications server (bus/server.py) and the
control interface (bus/control.py), wait in one queue per client on the connection, and clients
are served one call per loop pass, in rotation (one `Turns` per connection, made where the
connection is set up, notifyzen/service/start.py: whichever interface a call is for).

A client with nothing waiting is answered at once, once per loop pass (its next call in the same
pass waits its turn): dbus-fast reads everything the socket holds in one go, and a call in the
middle of a 5,000-call flood would otherwise wait until all of it was read. Each client's calls
keep their order (a CloseNotification never overtakes the Notify before it).

Serving pauses while replies pile up unwritten because the bus reads slower than we answer
(`_kick`), so another client's call is answered soon after it comes instead of behind thousands of
replies. A client with WAITING_MAX calls waiting has further ones refused with LimitsExceeded in
its turns and a warning, until it has caught up: a flood holds a thousand calls in memory, not all
the session bus lets it have in flight (50,000). Refused in turn rather than at once: dbus-fast
reads a whole flood in one go, and answering thousands of calls there held everyone else up.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict, deque
from collections.abc import Callable

from dbus_fast import Message, MessageFlag, MessageType
from dbus_fast.aio import MessageBus

log = logging.getLogger(__name__)

LIMITS_EXCEEDED = "org.freedesktop.DBus.Error.LimitsExceeded"
FAILED = "org.freedesktop.DBus.Error.Failed"
WAITING_MAX = 1000  # calls one client may have waiting; more are refused until it has caught up
REFUSED = f"{WAITING_MAX} calls from you are waiting for an answer; send more when they are answered"
UNWRITTEN_MAX = 16  # replies handed to the bus but not in its socket yet; past it, serving pauses

Answer = Callable[[Message], Message]  # a call's reply (a return or an error)
Waiting = tuple[Message, Answer] | int  # a call and what answers it, or the serial of one refused


class Turns:
    """The turns of one connection's callers; `take` a call with what answers it."""

    def __init__(self, bus: MessageBus) -> None:
        self.bus = bus
        self._waiting: OrderedDict[str, deque[Waiting]] = OrderedDict()  # per client, see take
        self._scheduled = False  # a _serve_one is due on the loop
        self._unwritten = 0  # replies sent but not yet written to the socket, see _kick
        self._refused: dict[str, int] = {}  # client -> calls refused since it last caught up
        self._at_once: set[str] = set()  # clients answered at once in this loop pass

    def take(self, msg: Message, answer: Answer) -> bool:
        """Answer `msg` in its client's turn (now, if it is the client's first in this pass and
        replies are not piling up); True, for a message handler to return."""
        sender = msg.sender or ""
        queue = self._waiting.get(sender)
        if queue is None and sender not in self._at_once and self._unwritten < UNWRITTEN_MAX:
            if not self._at_once:
                asyncio.get_running_loop().call_soon(self._at_once.clear)  # after this read
            self._at_once.add(sender)
            self._serve(sender, (msg, answer))
            return True
        if queue is None:  # nothing waiting from this client: its call goes before any backlog
            queue = self._waiting[sender] = deque()
            self._waiting.move_to_end(sender, last=False)
        if len(queue) < WAITING_MAX:
            queue.append((msg, answer))
        elif not msg.flags & MessageFlag.NO_REPLY_EXPECTED:
            if sender not in self._refused:
                log.warning(
                    "%s has %d calls waiting; refusing more until it has caught up", sender, WAITING_MAX
                )
                self._refused[sender] = 0
            queue.append(msg.serial)
        self._kick()
        return True

    def _kick(self) -> None:
        """Serve the next call on the next loop pass, unless replies are piling up unwritten.

        Replies go out in the order they are sent. When the bus reads slower than we answer (a
        flood, a busy dbus-daemon), answering on would queue thousands of replies in dbus-fast's
        writer, and a call from anyone else would wait behind all of them; so serving waits until
        the writer is down to UNWRITTEN_MAX (`_written` kicks again)."""
        if self._scheduled or not self._waiting or self._unwritten >= UNWRITTEN_MAX:
            return
        self._scheduled = True
        asyncio.get_running_loop().call_soon(self._serve_one)

    def _serve_one(self) -> None:
        self._scheduled = False
        if not self._waiting:
            return
        if not self.bus.connected:  # the session is over (service.start._quit_when_bus_goes)
            self._waiting.clear()
            return
        sender, queue = self._waiting.popitem(last=False)
        waiting = queue.popleft()
        if queue:
            self._waiting[sender] = queue  # to the back of the line
        try:
            self._serve(sender, waiting)
        finally:
            if not queue and sender in self._refused:
                refused = self._refused.pop(sender)
                log.warning("%s has caught up; %d of its calls were refused", sender, refused)
            self._kick()

    def _serve(self, sender: str, waiting: Waiting) -> None:
        if isinstance(waiting, int):
            self._refused[sender] += 1
            self._send(_error(sender, waiting, LIMITS_EXCEEDED, REFUSED))
            return
        msg, answer = waiting
        try:
            reply = answer(msg)
        except Exception as exc:  # every call gets an answer, whatever happened
            log.exception("%s from %s failed", msg.member, msg.sender)
            reply = Message.new_error(msg, FAILED, str(exc))
        if not msg.flags & MessageFlag.NO_REPLY_EXPECTED:
            self._send(reply)

    def _send(self, reply: Message) -> None:
        written = self.bus.send(reply)
        self._unwritten += 1
        written.add_done_callback(self._written)

    def _written(self, written: asyncio.Future[None]) -> None:
        self._unwritten -= 1
        if not written.cancelled():
            written.exception()  # a lost bus is reported once, by _quit_when_bus_goes
        self._kick()


def _error(destination: str, serial: int, name: str, text: str) -> Message:
    """An error answering a call of which only the serial was kept."""
    return Message(
        message_type=MessageType.ERROR,
        destination=destination,
        reply_serial=serial,
        error_name=name,
        signature="s",
        body=[text],
    )

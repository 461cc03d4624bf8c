"""An event loop that reads a socket a moment after it becomes readable, not at once.

The observer's monitor connection wakes notifyzen for every call another app makes to the
notification daemon, while that app waits for its answer. Reading at once puts notifyzen on a CPU
exactly when the sender, the bus and the daemon need one (bench/bench_observe.py). Read lazily,
the first byte only arms a timer (a few µs), and everything that came in meanwhile, the call and
the daemon's reply, is read in one go `delay` later, after the sender has its answer.

dbus-fast registers its reader with `add_reader`; this loop remembers those registrations so
`read_lazily` can put each one behind the timer without reaching into dbus-fast.
"""

from __future__ import annotations

import asyncio
import select
from collections.abc import Callable
from typing import Any, TypeVarTuple

Reader = tuple[Callable[..., object], tuple[Any, ...]]
_Ts = TypeVarTuple("_Ts")
MAX_READS = 256  # reads in one go (2 MiB); more waits for the next turn, so other work can run


class LazyReadingLoop(asyncio.SelectorEventLoop):
    def __init__(self, delay: float) -> None:
        super().__init__()
        self._delay = delay
        self._readers: dict[int, Reader] = {}

    def add_reader(self, fd: Any, callback: Callable[[*_Ts], object], *args: *_Ts) -> None:
        self._readers[fd] = (callback, args)
        super().add_reader(fd, callback, *args)

    def remove_reader(self, fd: Any) -> bool:
        self._readers.pop(fd, None)
        return super().remove_reader(fd)

    def read_lazily(self) -> None:
        """From now on, every reader registered so far runs `delay` after its socket is readable."""
        for fd, reader in list(self._readers.items()):
            super().remove_reader(fd)
            super().add_reader(fd, self._readable, fd, reader)

    def _readable(self, fd: int, reader: Reader) -> None:
        super().remove_reader(fd)  # no more wake-ups until the read
        self.call_later(self._delay, self._read_now, fd, reader)

    def _read_now(self, fd: int, reader: Reader) -> None:
        if self._readers.get(fd) is not reader:
            return  # closed meanwhile (or the number went to a new connection with its own reader)
        callback, args = reader
        # dbus-fast's reader takes one buffer's worth (8 KiB) and the messages in it; what is
        # still waiting is read now too, or a flood would be read at 8 KiB per `delay`.
        for _ in range(MAX_READS):
            callback(*args)
            if self._readers.get(fd) is not reader:
                return  # the read ended the connection
            if not select.select([fd], [], [], 0)[0]:
                break
        super().add_reader(fd, self._readable, fd, reader)

"""What the desk is doing, from the outside systems that know it (issue 19).

One module per outside source, each behind the small `Watch` protocol below; `live.py` runs them
on the bus loop, merges what they see into a `core.situation.Situation` and hands it to the
Service, which makes it a live focus window (core/timeline.py: `set_situation`).

* `portal.py`: the screen is shared through xdg-desktop-portal's ScreenCast (what browsers, OBS,
  Zoom and Teams use on Wayland and, via PipeWire, on X11), seen on the session bus.
* `microphone.py`: a call app records from the microphone (PulseAudio, or PipeWire through its
  PulseAudio server).
* `x11.py`: the active window is full screen (_NET_WM_STATE_FULLSCREEN), and outputs mirror each
  other (xrandr: two outputs at the same place).
* `sway.py`: the same two facts from sway's IPC (i3 keeps EWMH, so x11.py serves it).
* `idle.py`: the user away and back (the screen saver, suspend, logind's idle and lock hints):
  not a focus window but a breakpoint, told to the Timeline directly.

A source that cannot run here (no X display, no pactl, a bus that refuses monitors) says so once
in the log and reports nothing: the rest of notifyzen is unaffected.

May import: notifyzen.bus, notifyzen.core, notifyzen.desktop, notifyzen.history
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from notifyzen.core.situation import Kind

# What a source reports: for each kind it watches, what is going on now (the app's name, or ""
# when it does not know), or nothing when it is not. A source reports its whole state every time.
Seen = Mapping[Kind, str]
Report = Callable[[Seen], None]


class Watch(Protocol):
    """One outside source. `start` returns once watching (or given up); `report` may be called
    from the bus loop at any time after, with the source's whole current state."""

    name: str

    async def start(self, report: Report) -> None: ...

    async def stop(self) -> None: ...

"""The bus thread's Service and its parts: the one asyncio loop that owns the session bus, the
history and the Timeline (service), starting and stopping it (start), its one timer, sleep and
daily chores (clock), the numbers for the tray and `notifyzen status` (status), the user's focus
and pause kept across a restart (moments), pinned digest lines (pins), what the user did with a
notification (reactions), honest status replies (replies) and the record of what is live (live).

The parts are functions taking the Service; they name it for typing only (under TYPE_CHECKING),
so none imports the Service module back. The bus interfaces see the Service only through
notifyzen.bus.ports. Nothing is re-exported here: `import notifyzen.service.pins` stays light.

May import: notifyzen, notifyzen.core, notifyzen.bus, notifyzen.clock, notifyzen.calendar, notifyzen.desktop, notifyzen.dnd, notifyzen.history
"""  # noqa: E501

"""Everything that speaks D-Bus: the Notifications server, the control interface, the observer.

Each module here translates between the bus and the Service (notifyzen/service/service.py) and nothing
else; decisions are made in notifyzen.core, storage in notifyzen.history.store.

May import: notifyzen, notifyzen.clock, notifyzen.core
"""

NOTIFICATIONS_NAME = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
NOTIFICATIONS_IFACE = "org.freedesktop.Notifications"
CONTROL_NAME = "io.github.notifyzen.Notifyzen"
CONTROL_PATH = "/io/github/notifyzen/Notifyzen"
CONTROL_IFACE = "io.github.notifyzen.Notifyzen1"
MODES = ("auto", "server", "observe")  # `notifyzen run --mode`

"""notifyzen: notification etiquette for the Linux desktop.

You choose when to be distracted: notifications are taken in, decided by rules (Chronos focus
windows, Kairos break-through), held for check-in moments and kept in a local history.
"""

__version__ = "0.1.0"
APP_ID = "io.github.notifyzen.Notifyzen"

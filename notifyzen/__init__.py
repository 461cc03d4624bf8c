"""notifyzen: notification etiquette for the Linux desktop.

You choose when to be distracted: notifications are taken in, decided by rules (Chronos focus
windows, Kairos break-through), held for check-in moments and kept in a local history.
"""

__version__ = "0.1.0"
APP_ID = "io.github.notifyzen.Notifyzen"


class UserError(Exception):
    """Something the user can fix (a wrong argument, a missing file, nothing running to ask);
    the CLI prints it as one line and exits with status 2. Defined here, at the bottom of the
    layers, so every package that talks to a user may raise it without importing the CLI."""

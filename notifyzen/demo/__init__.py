"""`notifyzen demo`: a working Monday replayed at high speed through the real app, on a bus of its own.

What a newcomer should see is notifyzen doing its job, not a simulation of it. So the demo starts
a private dbus-daemon (notifyzen.devbus), runs the real `notifyzen run --mode server` on it with a
fake clock and throwaway XDG dirs (the shipped presets, none of the user's rules, history or
config), and sends one generated day (notifyzen.core.weekgen, seeded) through real clients:
notify-send and gdbus where installed, dbus-fast always. Phone notifications are sent the way
kdeconnectd sends its desktop copies (app "KDE Connect", x-kde-origin-name, desktop-entry
org.kde.kdeconnect.daemon, and the title/text form that depends on the server's capabilities).

Between notifications the clock is jumped with the control interface's SetClock, so focus windows
begin and end and check-ins fall due as they would over a day. Every line of commentary is read
back from the history file notifyzen wrote, so it shows what notifyzen decided, not what the demo
expected. At the end the demo checks in, prints the day's digest (notifyzen.core.digest over the
held rows), renders the weekly report and says where both files are. With a display the app's
own digest and report windows open instead, and the demo waits until the user is done. What it
prints is in the user's language (Dutch or English, from the locale); app names and notification
texts are shown as sent.

Everything the demo starts is stopped again however it ends (Ctrl-C and SIGTERM included): the
children run in sessions of their own so a Ctrl-C reaches only the demo, which then stops them
in order.

The parts, each readable on its own:
  day       the options, the generated Monday under the shipped rules, one Notify call (Call)
  phone     a phone notification shaped as kdeconnectd sends it
  clients   notify-send / gdbus argv, the dbus-fast connection, which client sends which app
  history   reading back what notifyzen wrote
  timeline  the opening and the line-per-event commentary
  summary   the end: the day in numbers, the digest as text, where the files are
  app       starting and stopping notifyzen and the report
  run       the orchestration

May import: notifyzen.core, notifyzen.desktop, notifyzen.devbus, notifyzen.history, notifyzen.ui
"""

from notifyzen.demo.app import REPORT_NAME, demo_env, has_display
from notifyzen.demo.clients import (
    CONTROL,
    GDBUS_APPS,
    NOTIFY,
    NOTIFY_SEND_APPS,
    Bus,
    as_call,
    clients_available,
    gdbus_argv,
    gvariant_string,
    notify_send_argv,
    plan,
    send,
)
from notifyzen.demo.day import Call, Day, DemoError, Options, day_events, monday_of, pick_day
from notifyzen.demo.history import History, held_items
from notifyzen.demo.phone import DEVICE, KDECONNECT_ENTRY
from notifyzen.demo.run import run
from notifyzen.demo.summary import digest_lines, explain_hint, summary_lines
from notifyzen.demo.timeline import Commentary, describe_rules

__all__ = [
    "CONTROL",
    "DEVICE",
    "GDBUS_APPS",
    "KDECONNECT_ENTRY",
    "NOTIFY",
    "NOTIFY_SEND_APPS",
    "REPORT_NAME",
    "Bus",
    "Call",
    "Commentary",
    "Day",
    "DemoError",
    "History",
    "Options",
    "as_call",
    "clients_available",
    "day_events",
    "demo_env",
    "describe_rules",
    "digest_lines",
    "explain_hint",
    "gdbus_argv",
    "gvariant_string",
    "has_display",
    "held_items",
    "monday_of",
    "notify_send_argv",
    "pick_day",
    "plan",
    "run",
    "send",
    "summary_lines",
]

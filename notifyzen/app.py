"""The Qt side: QApplication, the bridge from the bus thread, the tray and the pop-ups.

The bus thread (notifyzen/service/service.py) never touches a widget. It calls the Bridge, whose signals
are emitted from that thread and therefore delivered queued into the GUI thread; the GUI answers
with `service.post(...)`, which lands on the bus loop. Nothing else crosses the threads.

Pop-ups come from notifyzen.ui.popup.PopupStack, the digest from notifyzen.ui.digest.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QApplication

from notifyzen.clock import Clock
from notifyzen.core.model import Item
from notifyzen.core.timeline import CheckIn
from notifyzen.desktop import autostart, desktop_entry, i18n, paths
from notifyzen.service import pins as service_pins
from notifyzen.service import reactions as service_reactions
from notifyzen.service.service import RESTORED, AlreadyRunning, NameTaken, Service
from notifyzen.ui import no_tray
from notifyzen.ui.floating import bring_forward
from notifyzen.ui.tray import Tray

log = logging.getLogger(__name__)


class Bridge(QObject):
    """The Service's Listener: each call becomes a signal queued into the GUI thread."""

    delivered_item = Signal(object)  # Item: show it now
    held_item = Signal(object)  # Item: it waits for a check-in
    closed_id = Signal(int, int)  # id, the spec's reason: take the pop-up down
    checked_in = Signal(object, object)  # CheckIn, list[Item]: show the digest
    status_changed = Signal(object)  # dict, as `notifyzen status --json` prints it
    quit_requested = Signal()
    open_requested = Signal(str)  # "digest" | "history": `notifyzen open` (no tray here)

    def delivered(self, item: Item) -> None:
        self.delivered_item.emit(item)

    def held(self, item: Item) -> None:
        self.held_item.emit(item)

    def closed(self, id: int, reason: int) -> None:
        self.closed_id.emit(id, reason)

    def checkin(self, checkin: CheckIn, items: list[Item]) -> None:
        self.checked_in.emit(checkin, items)

    def status(self, status: dict[str, Any]) -> None:
        self.status_changed.emit(status)

    def quit(self) -> None:
        self.quit_requested.emit()

    def open(self, window: str) -> bool:
        self.open_requested.emit(window)
        return True


def make_popups() -> Any:
    """The pop-up stack where config.yaml's `popups:` puts it (defaults when it cannot be read)."""
    from notifyzen.core.config import Config
    from notifyzen.core.ruleload import load_config
    from notifyzen.ui.placement import CORNERS
    from notifyzen.ui.popup import PopupStack

    try:
        config = load_config(paths.config_dir() / "config.yaml")[0] or Config()
    except Exception:
        log.exception("config.yaml could not be read for the pop-ups; they use the defaults")
        config = Config()
    place = config.popups
    return PopupStack(corner=CORNERS[place.corner], margin=place.margin, width=place.width)


class Digest:
    """The one digest window, made on the first check-in and filled again at each one.

    A check-in shows it without taking the keyboard (`show_quietly`), as a notification appears;
    only tray → Open digest brings it to the front and activates it. Each check-in lists what it
    brought and what the user pinned: what was shown and left goes (it is in the history window,
    still live for its app), so the digest holds what still needs the user, not everything since
    the morning. The Service learns which ids are listed (`digest_open`) after every change, for
    `notifyzen status` and scripts. `on_rules` is told when a rule was written or undone (the
    tray's Undo rule follows the rule file).
    """

    def __init__(self, service: Service) -> None:
        self.service = service
        self.window: Any = None
        self.items: dict[int, Item] = {}
        self._gone: set[int] = set()  # ended elsewhere, taken off the list together (`remove`)
        self.on_rules: Callable[[], None] = lambda: None
        self.others: list[Any] = []  # other windows that offer Undo (the history window)
        self._proposals: Any = None  # ui/proposal_bar.ProposalSource, made with the window

    def show(self, checkin: CheckIn, items: list[Item]) -> None:
        log.info("check-in (%s) at %s: %d notification(s)", checkin.reason, checkin.at, len(items))
        if not items and checkin.reason != "manual":
            return  # a scheduled moment with nothing held opens no window
        if checkin.reason == RESTORED:  # the list as an earlier run left it: there on Open digest
            self.items = {item.id: item for item in items}
            if self.window is None:
                self.window = self._make()
            self.window.pinned.update(self.service.pinned_at_start)  # pinned before the restart
            self.window.set_items(items, self.service.replies.told, at=checkin.at)
            self._report()
            return
        pinned = self.window.pinned if self.window else set()
        kept = (
            [self.items[id] for id in self.window.digest.ids if id in self.items and id in pinned]
            if self.window
            else []
        )
        fresh = {item.id for item in items}
        listed = [*items, *(item for item in kept if item.id not in fresh)]
        self.items = {item.id: item for item in listed}
        if self.window is None:
            self.window = self._make()
        # "You told Anke …": the status replies sent for these (a snapshot the bus thread replaces)
        self.window.set_items(listed, self.service.replies.told, at=checkin.at)
        self._report()
        if self._proposals is not None:
            self._proposals.refresh()  # issue 20: this week's proposals, worked out off this thread
        if checkin.reason == "manual":  # the user asked for it: it comes to the front
            self.open()
        else:
            self.window.show_quietly()

    def open(self) -> None:
        """Tray → Open digest (or Check in now): the user asked, so it comes to the front."""
        if self.window is None:
            self.window = self._make()
            self.window.set_items([], at=self.service.clock.now())
        bring_forward(self.window)  # with the keyboard, on sway too (ui/floating.py)

    def remove(self, id: int) -> None:
        """It ended elsewhere (its app closed it, it was opened from a pop-up, `notifyzen`'s
        Dismiss). Such endings come in runs (a script dismissing 20,000, an app closing its
        backlog): each queued ending is only noted, and the list is drawn again once, after the
        queued ones are through. Drawn again for each, a digest of 20,000 kept the GUI thread busy
        for hours while the endings piled up in its queue."""
        if self.window is None or self.items.pop(id, None) is None:
            return
        if not self._gone:
            QTimer.singleShot(0, self._take_off)
        self._gone.add(id)

    def _take_off(self) -> None:
        gone, self._gone = self._gone, set()
        if self.window is not None and gone:
            self.window.remove(sorted(gone))
            self._report()
            if not self.window.digest.ids:
                give_back_memory()

    def _report(self) -> None:
        ids = list(self.window.digest.ids) if self.window is not None else []
        self.service.post(self.service.digest_showing, ids)

    def _make(self) -> Any:
        from notifyzen.ui.digest import DigestWindow

        window = DigestWindow()
        post = self.service.post
        window.opened.connect(lambda id: post(self.service.open_item, id))
        window.dismissed.connect(lambda ids: post(self.service.dismiss_many, list(ids)))
        window.snoozed.connect(lambda ids: [post(self.service.snooze, id) for id in ids])
        window.replied.connect(lambda id, text: post(self.service.reply, id, text))
        for done in (window.opened, window.dismissed, window.snoozed, window.replied):
            done.connect(lambda *_: self._report())
        window.rule_preview.connect(self._preview)
        window.always_allow.connect(lambda hint: self._write_rule("allow", hint))
        window.always_mute.connect(lambda hint: self._write_rule("mute", hint))
        window.undo_rule.connect(self.undo_rule)
        window.open_rule.connect(lambda origin: open_rule_file(origin))
        window.pins_changed.connect(lambda ids: post(service_pins.save, self.service, list(ids)))
        window.answered.connect(
            lambda ids, kind: [post(service_reactions.answer, self.service, i, kind) for i in ids]
        )
        window.read_along.connect(lambda ids: post(service_reactions.read_along, self.service, list(ids)))
        self._proposals = proposal_source(self.service, window)
        window.proposal.accepted.connect(self._write_proposal)
        return window

    def _write_proposal(self, spec: dict[str, Any], evidence: str) -> None:
        """A proposed rule accepted: written where the digest's rules go, with Undo in the window."""
        from notifyzen.rulefiles import write as rulewrite

        try:
            path, name = rulewrite.write_rule(spec, f"proposed: {evidence}")
        except (OSError, ValueError) as exc:
            log.error("could not write the proposed rule: %s", exc)
            return
        self.service.post(self.service.reload_rules)
        self.window.rule_written(name, shown_path(path))
        self.on_rules()

    def _preview(self, kind: str, hint: dict[str, str | None]) -> None:
        self.window.set_whatif(rule_preview(kind, hint, self.service.clock.now()))

    def _write_rule(self, kind: str, hint: dict[str, str | None]) -> None:
        """Write it where it wins, then say so in the window with Undo, and name the rule of the
        user's that still decides first if there is one (tried on a notification it is about)."""
        written = write_rule(kind, hint, self.service.clock.now(), "made in the digest")
        if written is None:
            return
        path, name = written
        self.service.post(self.service.reload_rules)  # in force now, not after the watcher's pause
        made_from = list(self.window.digest.matching(hint))  # the user's reaction to these (issue 20)
        self.service.post(service_reactions.rule_written, self.service, made_from, kind)
        example = next((self.items[i] for i in self.window.digest.matching(hint) if i in self.items), None)
        first = rule_first(example.notification, name) if example is not None else None
        self.window.rule_written(name, shown_path(path), first)
        self.on_rules()

    def undo_rule(self, name: str) -> None:
        from notifyzen.rulefiles import write as rulewrite

        try:
            done = rulewrite.remove_rule(name)
        except (OSError, ValueError) as exc:
            log.error("could not take the rule out: %s", exc)
            return
        self.service.post(self.service.reload_rules)
        for window in (self.window, *self.others):
            if window is not None:
                window.rule_undone(name, done)
        self.on_rules()


def proposal_source(service: Service, window: Any) -> Any:
    """This week's proposed rules for the digest (issue 20), from the history on a thread."""
    from notifyzen.learn.week import this_week
    from notifyzen.ui.proposal_bar import ProposalSource

    source = ProposalSource(lambda: this_week(service.db_path, service.clock.now()))
    source.ready.connect(window.proposal.set_proposals)
    return source


def rule_preview(kind: str, hint: dict[str, str | None], now: Any) -> str:
    """What the question shows before a rule is written: what it would have done last week, and
    where it goes (the user sees the change before making it, and that it can be undone)."""
    from PySide6.QtCore import QCoreApplication

    from notifyzen.rulefiles import write as rulewrite
    from notifyzen.ui.digest_words import fill, impact_sentence

    try:
        impact = rulewrite.impact(kind, hint, now)
    except Exception:
        log.exception("could not work out what the rule would have done")
        impact = None
    text = impact_sentence(impact) if impact is not None else ""
    where = fill(
        QCoreApplication.translate(
            "Digest", "It goes at the top of %1, before your other rules; Undo takes it out."
        ),
        shown_path(rulewrite.digest_file()),
    )
    return f"{text}\n{where}" if text else where


def write_rule(kind: str, hint: dict[str, str | None], now: Any, made: str) -> tuple[Path, str] | None:
    """Always allow/mute from the digest or the history window: (file, rule name), None if not."""
    from notifyzen.rulefiles import write as rulewrite

    try:
        spec = rulewrite.spec_for(kind, hint)
        return rulewrite.write_rule(spec, f"{spec['name']}: {made} on {now.strftime('%Y-%m-%d %H:%M')}")
    except (OSError, ValueError) as exc:
        log.error("could not write the rule: %s", exc)
        return None


def rule_first(n: Any, name: str) -> tuple[str, str] | None:
    """(name, "file:line") of the user's rule that decides about `n` before the rule `name`."""
    from notifyzen.rulefiles import write as rulewrite

    try:
        rule = rulewrite.comes_first(n, name)
    except Exception:  # telling is a courtesy; the rule is written either way
        log.exception("could not find which rule comes first")
        return None
    return (rule.name, shown_path(Path(rule.origin))) if rule is not None else None


def shown_path(path: Path) -> str:
    """A path as the user knows it: ~/.config/… rather than /home/anke/.config/…"""
    home = str(Path.home())
    text = str(path)
    return "~" + text[len(home) :] if home != "/" and text.startswith(home + "/") else text


def migrate_rules() -> None:
    from notifyzen.rulefiles import write as rulewrite

    try:
        rulewrite.migrate()
    except OSError as exc:
        log.error("could not move digest.yaml to 00-digest.yaml: %s", exc)


def newest_rule() -> str | None:
    """The newest rule made with a button (the top of 00-digest.yaml): what tray → Undo offers."""
    from notifyzen.rulefiles import write as rulewrite

    try:
        made = rulewrite.made_rules()
    except OSError:
        return None
    return made[0] if made else None


def open_rule_file(origin: str) -> None:
    """Open the file of a rule ("file:line", ~ allowed) in the user's editor."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    path = os.path.expanduser(origin.rsplit(":", 1)[0] if origin.rsplit(":", 1)[-1].isdigit() else origin)
    QDesktopServices.openUrl(QUrl.fromLocalFile(path))


class TrayActions:
    """What the tray's menu items do outside the bus thread: files, windows, autostart."""

    def __init__(self, service: Service, digest: Digest) -> None:
        self.service = service
        self.digest = digest
        self.report: Any = None
        self.history_window: Any = None
        self.no_editor: Any = None  # the message naming the rules file when nothing can open it

    def edit_rules(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from notifyzen.rulefiles import write as rulewrite

        path = rulewrite.starter_file()
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))):
            return
        # No xdg-open (a bare window manager): the click would do nothing at all. Name the file.
        self.no_editor = self._no_editor(path)

    @staticmethod
    def _no_editor(path: Path) -> Any:
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("Tray", "Edit rules"),
            QCoreApplication.translate(
                "Tray", "No program to open it with was found (xdg-open). Your rules file is:"
            )
            + f"\n\n{path}",
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        box.show()
        return box

    @staticmethod
    def open_file(path: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def weekly_report(self) -> None:
        from notifyzen.commands.report import open_window

        if self.report is not None and self.report.isVisible():
            bring_forward(self.report)  # already open: to the front, with the keyboard (sway too)
            return
        self.report = open_window()
        self.report.write_rule.connect(self._report_rule)

    def history(self, days: int = 7) -> None:
        """Tray → History: the last `days` days of notifications, read from the history file (as
        `notifyzen history` reads it); actions only for what is still live in the Service."""
        from datetime import timedelta

        from notifyzen.history import reactions as store_reactions
        from notifyzen.history import store
        from notifyzen.ui.history import HistoryWindow

        window = self.history_window
        if window is None:
            live = self.service.live  # read from this thread: a membership test, no iteration
            window = HistoryWindow(lambda id: id in live)
            window.preview = lambda kind, hint: rule_preview(kind, hint, self.service.clock.now())
            window.action.connect(lambda id, key: self.service.post(self.service.invoke_action, id, key))
            window.rule.connect(lambda kind, hint, n: self._history_rule(kind, hint, n))
            window.undo_rule.connect(self.digest.undo_rule)
            window.reacted.connect(
                lambda row, kind: self.service.post(service_reactions.answer_row, self.service, row, kind)
            )
            self.history_window = window
            self.digest.others.append(window)
        now = self.service.clock.now()
        try:
            engine = store.reader(self.service.db_path)
            try:
                rows = store.query(engine, since=now - timedelta(days=days), limit=5000)
                reactions = store_reactions.of_rows_read(engine, [int(r.id or 0) for r in rows])
            finally:
                engine.dispose()
        except Exception:  # the window still opens, empty, rather than a click doing nothing
            log.exception("could not read the history")
            rows, reactions = [], {}
        window.set_rows(rows, now, reactions)
        bring_forward(window)  # with the keyboard, on sway too (ui/floating.py)

    def _history_rule(self, kind: str, hint: dict[str, str | None], n: Any) -> None:
        written = write_rule(kind, hint, self.service.clock.now(), "made in the history window")
        if written is None:
            return
        path, name = written
        self.service.post(self.service.reload_rules)
        self.history_window.rule_written(name, shown_path(path), rule_first(n, name))
        self.digest.on_rules()

    def _report_rule(self, spec: dict[str, Any]) -> None:
        from notifyzen.rulefiles import write as rulewrite

        try:
            rulewrite.append_rule(spec, f"{spec.get('name', 'rule')}: suggested by the weekly report")
        except (OSError, ValueError) as exc:
            log.error("could not write the rule: %s", exc)
            return
        self.service.post(self.service.reload_rules)

    @staticmethod
    def autostart(on: bool) -> None:
        from notifyzen.desktop import autostart

        try:
            autostart.enable() if on else autostart.disable()
        except OSError as exc:
            log.error("could not change start at login: %s", exc)


def connect(bridge: Bridge, service: Service, popups: Any, tray: Tray, app: QApplication) -> Digest:
    """All the wiring between the bus thread and the widgets, in one place."""
    bridge.delivered_item.connect(popups.show)
    bridge.closed_id.connect(lambda id, _reason: popups.close(id))
    bridge.status_changed.connect(tray.update)
    if hasattr(popups, "follow_status"):  # privacy mode while the screen is shared (issue 19)
        bridge.status_changed.connect(popups.follow_status)
    bridge.quit_requested.connect(app.quit)
    digest = Digest(service)
    bridge.checked_in.connect(digest.show)
    bridge.closed_id.connect(lambda id, _reason: digest.remove(id))
    popups.action_invoked.connect(lambda id, key: service.post(service.invoke_action, id, key))
    popups.dismissed.connect(lambda id: service.post(service.dismiss, id))
    popups.expired.connect(lambda id: service.post(service.expire, id))
    popups.replied.connect(lambda id, text: service.post(service.reply, id, text))
    popups.answered.connect(lambda id, kind: service.post(service_reactions.answer, service, id, kind))
    popups.only_counted.connect(lambda id: service.post(service_reactions.only_counted, service, id))
    post = service.post
    actions = TrayActions(service, digest)
    if hasattr(popups, "list_requested"):  # the pop-ups' "N more waiting" card opens the list
        popups.list_requested.connect(actions.history)
    tray.checkin_requested.connect(lambda: post(service.checkin_now))
    tray.focus_requested.connect(lambda minutes: post(service.focus, minutes))
    tray.focus_tomorrow_requested.connect(lambda: post(service.focus_until_tomorrow))
    tray.end_focus_requested.connect(lambda: post(service.end_focus))
    tray.pause_requested.connect(lambda: post(service.pause))
    tray.resume_requested.connect(lambda: post(service.resume))
    tray.digest_requested.connect(digest.open)
    tray.history_requested.connect(actions.history)
    bridge.open_requested.connect(lambda window: digest.open() if window == "digest" else actions.history())
    tray.undo_rule_requested.connect(digest.undo_rule)
    digest.on_rules = lambda: tray.set_undo(newest_rule())
    migrate_rules()  # before the service loads them: an old digest.yaml must win from the start
    digest.on_rules()
    tray.edit_rules_requested.connect(actions.edit_rules)
    tray.open_file_requested.connect(actions.open_file)
    tray.report_requested.connect(actions.weekly_report)
    tray.autostart_toggled.connect(actions.autostart)
    tray.quit_requested.connect(app.quit)
    tray.actions = actions  # type: ignore[attr-defined]  # kept alive with the tray
    return digest


def watch_rules(service: Service, changed: Callable[[], None] = lambda: None) -> Any:
    """Hot reload: a saved rule file is in force within a second (notifyzen/rulefiles/watch.py).
    `changed` is told too, on the GUI thread: the tray's Undo rule follows 00-digest.yaml whoever
    changed it (`notifyzen rules undo`, an editor), not only the app's own buttons."""
    from notifyzen.rulefiles.watch import RuleWatcher

    def reload() -> None:
        service.post(service.reload_rules)
        changed()

    config = paths.config_dir()
    watcher = RuleWatcher([config, paths.user_rules_dir(), paths.presets_dir()], reload)
    service.post(service.reload_rules)  # a save between the service's start and the watch counts too
    return watcher


class _SignalWakeup:
    """Wakes Qt's loop when a signal arrives, so Python runs its handler while Qt sleeps.

    Python's C-level handler writes the signal number to a socket (signal.set_wakeup_fd) and a
    QSocketNotifier turns that into a Qt event. A polling QTimer did the same at the cost of
    waking the process 300 times a minute while idle (bench/bench_startup.py).
    """

    def __init__(self) -> None:
        self.read, self.write = socket.socketpair()
        for end in (self.read, self.write):
            end.setblocking(False)
        self.previous = signal.set_wakeup_fd(self.write.fileno(), warn_on_full_buffer=False)
        self.notifier = QSocketNotifier(self.read.fileno(), QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        try:
            while self.read.recv(512):
                pass
        except BlockingIOError:
            pass

    def stop(self) -> None:
        self.notifier.setEnabled(False)
        signal.set_wakeup_fd(self.previous)
        self.read.close()
        self.write.close()


def _quit_on_signals(app: QApplication) -> _SignalWakeup:
    """SIGTERM/SIGINT/SIGHUP end the Qt loop cleanly (names released, history closed, DND undone).

    Installed before the service starts, so a signal during start-up is not fatal; the quit is
    queued because QApplication.quit() before exec() does nothing.
    """
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda *_: QTimer.singleShot(0, app.quit))
    return _SignalWakeup()


def give_back_memory() -> None:
    """The digest was worked through: return the freed heap to the system (glibc's malloc_trim).

    A check-in of 25,000 and 25,000 more dealt with left the app at 311 MiB with nothing live;
    malloc kept the freed heap for the next time. Trimmed, it is back at 256 MiB, the same after a
    second such round (bench/bench_volume.py). Done when the digest empties, not per dismissal: a
    trim of a large heap takes a few ms. Elsewhere than glibc there is nothing to call."""
    import ctypes

    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def settle_memory() -> None:
    """What start-up made (modules, Qt and SQLAlchemy objects: ~80k) lives as long as the process,
    so it leaves the cyclic collector's view. Otherwise every full collection walks it all, 20-30 ms
    with the GIL held, and lands inside whichever Notify call happens to trigger it."""
    gc.collect()
    gc.freeze()


def main(*, mode: str, clock: Clock, bus_address: str | None = None) -> int:
    from notifyzen.ui.placement import qpa_platform

    if (platform := qpa_platform(os.environ)) is not None:  # pop-ups placed and unfocused (placement.py)
        os.environ["QT_QPA_PLATFORM"] = platform
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("notifyzen")
    app.setDesktopFileName("io.github.notifyzen.Notifyzen")
    app.setQuitOnLastWindowClosed(False)
    i18n.install(app)
    bridge = Bridge()
    service = Service(
        db_path=paths.database_file(), clock=clock, listener=bridge, mode=mode, bus_address=bus_address
    )
    popups = make_popups()
    tray = Tray(autostart=autostart.is_enabled())
    digest = connect(bridge, service, popups, tray, app)
    keepalive = _quit_on_signals(app)
    # Before the start: Plasma's Do-not-disturb applet names our inhibition by this entry.
    desktop_entry.ensure()
    try:
        actual = service.start()
    except AlreadyRunning as exc:
        print(f"notifyzen: {exc}; nothing to do.")
        return 0
    except NameTaken as exc:
        print(f"notifyzen: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # no session bus, unreadable history: say so in one line
        if service.bus is None:  # the connection itself failed: "[Errno 2] ..." alone names nothing
            address = bus_address or os.environ.get("DBUS_SESSION_BUS_ADDRESS") or "no address set"
            print(f"notifyzen: cannot reach the session bus ({address}): {exc}", file=sys.stderr)
        else:
            print(f"notifyzen: cannot start: {exc}", file=sys.stderr)
        return 1
    watcher = watch_rules(service, lambda: digest.on_rules())  # the tray's Undo follows the file
    tray.show()
    settle_memory()
    no_tray.watch(tray, paths.state_dir(), bus_address)  # no bar hosts a tray: say so, once
    print(f"notifyzen: running in {actual} mode; history in {service.db_path}", flush=True)
    log.debug("digest window ready: %s; watching rules: %s", digest, watcher)
    try:
        return app.exec()
    finally:
        keepalive.stop()
        tray.hide()
        service.stop()

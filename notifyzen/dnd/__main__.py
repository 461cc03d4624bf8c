"""`python -m notifyzen.dnd restore`: undo what a dead notifyzen left silenced, and exit.
`python -m notifyzen.dnd hold [--driver NAME]`: observe mode without the app: silence the
desktop's pop-ups, print every observed notification as a JSON line, hold them all, until a
signal ends it (and undoes the silencing). For debugging a desktop and for tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from datetime import UTC, datetime

from dbus_fast.aio import MessageBus

from notifyzen.bus import patient
from notifyzen.core.model import Decision, Item, Notification, Verdict
from notifyzen.dnd import DRIVER_NAMES, release_on_exit, restore_leftovers
from notifyzen.dnd.session import ObserveSession


class PrintingIntake:
    """Holds everything and prints it: the Service's part in observe mode, minus the store."""

    def __init__(self, bus: MessageBus, bus_address: str | None) -> None:
        self.bus: MessageBus | None = bus
        self.bus_address = bus_address
        self.external: dict[tuple[str, str], int] = {}
        self.next_id = 1

    def take(
        self,
        n: Notification,
        *,
        origin: str,
        client: str | None = None,
        external_id: str | None = None,
        replaces_id: int = 0,
        gated: bool | None = None,
    ) -> Item:
        id = replaces_id or self.next_id
        self.next_id += not replaces_id
        if external_id is not None:
            self.external[(origin, external_id)] = id
        print(
            json.dumps(
                {
                    "id": id,
                    "origin": origin,
                    "external_id": external_id,
                    "app": n.app_name,
                    "summary": n.summary,
                    "body": n.body,
                }
            ),
            flush=True,
        )
        return Item(id, n, Decision(Verdict.HOLD, "hold", "python -m notifyzen.dnd hold holds everything"))

    def find_external(self, origin: str, external_id: str) -> int | None:
        return self.external.get((origin, external_id))

    def close(self, id: int, reason: int, *, state: str | None = None, action: str | None = None) -> bool:
        print(json.dumps({"closed": id, "reason": reason, "at": datetime.now(UTC).isoformat()}), flush=True)
        return True


async def hold(driver: str) -> int:
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    bus = await patient.connect(address)  # redelivers what a flood lets through: must not end
    session = await ObserveSession(PrintingIntake(bus, address), driver=driver).start()
    await session.want(True)  # as in a focus window that never ends
    if session.driver is not None:
        release_on_exit(session.driver)
    print(
        f"engaged {session.driver.name if session.silencing and session.driver else 'nothing'}",
        file=sys.stderr,
        flush=True,
    )
    await asyncio.Event().wait()  # until a signal ends the process
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m notifyzen.dnd")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("restore", help="undo what an earlier notifyzen left silenced")
    holding = sub.add_parser("hold", help="observe and silence until a signal")
    holding.add_argument("--driver", default="auto", choices=("auto", "none", *DRIVER_NAMES))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    if args.command == "restore":
        for name in restore_leftovers():
            print(f"restored {name}")
        return 0
    return asyncio.run(hold(args.driver))


if __name__ == "__main__":
    raise SystemExit(main())

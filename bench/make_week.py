"""Write a generated week as JSONL, for `notifyzen rules simulate --input` and for demos.

python3 bench/make_week.py --week 2026-W47 --seed 1 > week.jsonl
python3 bench/make_week.py --language nl > week-nl.jsonl   # a Dutch week (core/weekgen_l10n.py)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from notifyzen.calendar.export import to_ics
from notifyzen.core.replay import iso_week, to_jsonl_line
from notifyzen.core.weekgen import generate_calendar, generate_week


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--week", default="2026-W47", help="ISO week (default 2026-W47)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--size", type=int, help="exactly this many notifications (default: a typical week)")
    p.add_argument("--tz", default=os.environ.get("TZ", "Europe/Berlin").lstrip(":") or "Europe/Berlin")
    p.add_argument("--ics", metavar="FILE", help="also write the week's calendar (its meetings) here")
    p.add_argument("--language", choices=["en", "nl", "de"], help="a language week, in the apps' words")
    args = p.parse_args()
    zone, lang = ZoneInfo(args.tz), args.language
    events = generate_week(iso_week(args.week), zone, seed=args.seed, size=args.size, language=lang)
    sys.stdout.writelines(to_jsonl_line(e) + "\n" for e in events)
    if args.ics:  # rules simulate --calendar FILE replays the meetings as focus windows
        meetings = generate_calendar(iso_week(args.week), zone, seed=args.seed, size=args.size, language=lang)
        Path(args.ics).write_bytes(to_ics(meetings, ZoneInfo(args.tz)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

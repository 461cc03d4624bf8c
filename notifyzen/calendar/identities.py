"""The user's own e-mail addresses, from the mail apps they already set up: `me:` without typing it.

A meeting you declined is no meeting, but an invitation only says which attendee declined by
address, so notifyzen must know yours. Most users have told their mail app already:

- Thunderbird (a package, Flathub's or the Snap, thunderbird.HOMES): the default profile
  (profiles.ini: the `[Install…]` section's `Default=`, which Thunderbird 67+ uses, else the
  `[Profile…]` with `Default=1`, else the only one), and in its prefs.js every
  `user_pref("mail.identity.<id>.useremail", "…")`, one per identity of every account
  (comm-central mailnews/base/src/nsMsgIdentity.cpp keeps the address under that key);
- Evolution (and GNOME Online Accounts, through evolution-data-server): every enabled
  $XDG_CONFIG_HOME/evolution/sources/*.source with a `[Mail Identity]` group, its `Address=` and
  `Aliases=` (ESourceMailIdentity's properties, written as a GKeyFile).

Read only, on every calendar read (a few small files); nothing is written or kept. A file that
cannot be read adds nothing; `me:` in config.yaml, when given, is used instead of all of this.
"""

from __future__ import annotations

import configparser
import os
import re
from pathlib import Path

from notifyzen.calendar.thunderbird import thunderbird_home

_USEREMAIL = re.compile(r'user_pref\("mail\.identity\.[^".]+\.useremail",\s*"((?:[^"\\]|\\.)*)"\);')
_ADDRESS = re.compile(r"[^\s<>,;\"']+@[^\s<>,;\"']+")


def addresses() -> tuple[str, ...]:
    """Every address of the user's Thunderbird and Evolution identities, casefolded, in order."""
    found = [*thunderbird(), *evolution()]
    return tuple(dict.fromkeys(a.strip().casefold().removeprefix("mailto:") for a in found if a.strip()))


def default_profile(home: Path | None = None) -> Path | None:
    """The profile Thunderbird starts with, from profiles.ini; None when there is none."""
    home = home or thunderbird_home()
    ini = configparser.ConfigParser(interpolation=None, strict=False)
    ini.optionxform = str  # type: ignore[assignment,method-assign]  # keys as written (Path, IsRelative)
    try:
        ini.read(home / "profiles.ini", encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return None
    installs = [ini[s].get("Default") for s in ini.sections() if s.startswith("Install")]
    profiles = [ini[s] for s in ini.sections() if s.startswith("Profile")]
    chosen = next((p for d in installs if d for p in profiles if p.get("Path") == d), None)
    if chosen is None and installs and installs[0]:  # a profile listed only under [Install…]
        return _profile_path(home, installs[0], "1")
    chosen = chosen or next((p for p in profiles if p.get("Default") == "1"), None)
    if chosen is None and len(profiles) == 1:
        chosen = profiles[0]
    if chosen is None or not chosen.get("Path"):
        return None
    return _profile_path(home, chosen["Path"], chosen.get("IsRelative", "1"))


def _profile_path(home: Path, path: str, relative: str) -> Path:
    return home / path if relative.strip() == "1" else Path(path)


def thunderbird(home: Path | None = None) -> list[str]:
    """The addresses of the default profile's identities (prefs.js)."""
    profile = default_profile(home)
    if profile is None:
        return []
    try:
        text = (profile / "prefs.js").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [re.sub(r"\\(.)", r"\1", m.group(1)) for m in _USEREMAIL.finditer(text)]


def evolution_sources() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "evolution" / "sources"


def evolution(sources: Path | None = None) -> list[str]:
    """The addresses (and aliases) of every enabled mail identity Evolution knows."""
    out: list[str] = []
    for path in sorted((sources or evolution_sources()).glob("*.source")):
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read(path, encoding="utf-8")
        except (OSError, configparser.Error, UnicodeDecodeError):
            continue
        if not parser.has_section("Mail Identity"):
            continue
        if parser.get("Data Source", "Enabled", fallback="true").strip().lower() == "false":
            continue
        address = parser.get("Mail Identity", "Address", fallback="").strip()
        if address:
            out.append(address)
        out += _ADDRESS.findall(parser.get("Mail Identity", "Aliases", fallback=""))
    return out

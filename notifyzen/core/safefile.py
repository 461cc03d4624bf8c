"""Reading rule files and config.yaml so that no file can stop or stall the app.

The rules are reloaded on the bus thread (Service.reload_rules), so a read that blocks blocks
every client: a FIFO named mine.yaml waited forever for a writer, a link to /dev/zero filled 6.8 GiB,
a 50 MB file took 30 s to parse. Here a file is read only if it is a regular file of at most
MAX_BYTES (the largest preset is 4 KiB; YAML is parsed at about 3 ms per KiB), checked before
opening (a device is never opened) and again on the open descriptor (it may have been swapped in
between); opening never waits (O_NONBLOCK). Every refusal is an `Unreadable` with a sentence a
person can act on, which the loader reports as file:line:col like any other error.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_BYTES = 256 * 1024
RULE_SUFFIXES = (".yaml", ".yml")
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY


class Unreadable(Exception):
    """Why a file cannot be used, and where (a bad byte has a line; the rest are at 1:1)."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _os_error(path: Path, exc: OSError, what: str = "file") -> Unreadable:
    if exc.errno == errno.ELOOP:
        return Unreadable(f"a symbolic link loop: {path} leads back to itself")
    if exc.errno in (errno.EACCES, errno.EPERM):
        fix = "chmod u+rx" if what == "directory" else "chmod u+r"
        return Unreadable(f"permission denied: notifyzen may not read this {what} ({fix})")
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return Unreadable(f"a symbolic link to {os.readlink(path)}, which does not exist")
    if exc.errno == errno.ENOTDIR and what == "directory":
        return Unreadable("not a directory")
    return Unreadable(f"cannot read: {exc.strerror or exc}")


def _refuse(path: Path, mode: int, size: int) -> None:
    kind = _kind(mode)
    if kind is not None:
        link = f"a link to {os.readlink(path)}, " if os.path.islink(path) else ""
        raise Unreadable(f"{link}{kind}, not a regular file: notifyzen reads only regular files")
    if size > MAX_BYTES:
        raise Unreadable(f"too large ({_size(size)}): a rule file may be at most {MAX_BYTES // 1024} KiB")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KiB"


def read_text(path: Path) -> str:
    """The file's text (UTF-8), or Unreadable saying why not; never blocks, never reads much."""
    try:
        st = os.stat(path)
        _refuse(path, st.st_mode, st.st_size)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_error(path, exc) from None
    try:
        st = os.fstat(fd)
        _refuse(path, st.st_mode, st.st_size)
        chunks: list[bytes] = []
        total = 0
        while total <= MAX_BYTES:  # it may grow while we read
            chunk = os.read(fd, MAX_BYTES + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _os_error(path, exc) from None
    finally:
        os.close(fd)
    if total > MAX_BYTES:
        raise Unreadable(f"too large (over {MAX_BYTES // 1024} KiB): a rule file may be at most that")
    data = b"".join(chunks)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - before.rfind(b"\n")
        raise Unreadable(f"not UTF-8 text: byte 0x{data[exc.start]:02x}", line, col) from None


def list_rule_files(directory: Path) -> list[Path]:
    """The *.yaml and *.yml in a directory, by name; [] if it does not exist. Hidden names
    (.#mine.yaml, an editor's lock) are left out, as a shell's *.yaml would. Whatever they are
    (a FIFO, a link to a device), they are listed: reading them then says what is wrong, rather
    than a file the user wrote being ignored without a word."""
    try:
        with os.scandir(directory) as entries:
            names = [e.name for e in entries if e.name.endswith(RULE_SUFFIXES) and not e.name.startswith(".")]
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise _os_error(directory, exc, "directory") from None
    return [directory / name for name in sorted(names)]


def real(path: Path) -> Path:
    """The path with links resolved as far as they go: Path.resolve raises on a link loop."""
    return Path(os.path.realpath(path))

"""Reading and writing the files of plan/, which come from pull requests and are built by CI.

A plan file must be a regular file inside the plan directory. A symbolic link could point at a secret elsewhere on the
machine (an error message would print its first line in a public log), at valid YAML that is not part of the
repository, or at /dev/zero (read without end); a FIFO makes a reader wait forever; a device is not data. Each is
refused from its metadata (lstat) before it is opened, so nothing of a file the plan may not read is ever read or
printed, and a directory on the way to the file may not be a link either. No read takes more than the size limit plus
one byte. Writes go to a new file that then replaces the old one, so a write never goes through a link.

Every reader and writer of plan/ (the loader, release snapshots, fmt, punctuation, fidelity) uses these functions.
The checks are about what a checkout contains, not about another process changing files while they are read, but an
open that finds something else than what was checked (a link, another file) is refused too.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

MAX_FILE_BYTES = 2 * 1024 * 1024  # a plan file; the largest real one is 43 KB, the 10x synthetic plan's 430 KB

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO for reading does not wait for a writer
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_ADVICE = (
    "plan files must be regular files inside the repository (a link can point at a file the plan may not "
    "read): replace it by the file itself"
)


class Refused(Exception):
    """A file the plan may not read or write. The message says what is wrong and what would be right; it never
    contains anything read from the file."""


def kind_of(mode: int) -> str:
    """What a file is, from its mode, as a message names it."""
    for test, name in (
        (stat.S_ISLNK, "symbolic link"),
        (stat.S_ISDIR, "directory"),
        (stat.S_ISREG, "regular file"),
        (stat.S_ISFIFO, "FIFO (named pipe)"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
    ):
        if test(mode):
            return name
    return "special file"


def _refusal(mode: int) -> Refused:
    kind = kind_of(mode)
    if kind == "directory":
        return Refused("is a directory; expected a file")
    if kind == "symbolic link":
        return Refused(f"is a symbolic link; {_ADVICE}")
    return Refused(f"is a {kind}, not a regular file (reading it could wait forever or never end); {_ADVICE}")


def _check_dirs(path: Path, base: Path) -> None:
    """The plan directory and every directory between it and path are real directories, not links."""
    parts = path.relative_to(base).parts[:-1]
    d = base
    for part in ("", *parts):
        d = d / part if part else d
        st = os.lstat(d)
        if not stat.S_ISDIR(st.st_mode):
            what = (
                "the plan directory"
                if d == base
                else f"the directory {d.relative_to(base).as_posix()}/ on the way to it"
            )
            raise Refused(f"{what} is a {kind_of(st.st_mode)}, not a directory; {_ADVICE}")


def check_directory(path: Path) -> None:
    """path is a directory itself, not a link to one (Refused); OSError when it cannot be looked at."""
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise Refused(f"is a {kind_of(st.st_mode)}, not a directory; {_ADVICE}")


def check(path: Path, base: Path) -> os.stat_result:
    """The metadata of path, a regular file inside base reached through real directories; else Refused.
    FileNotFoundError when there is no such file."""
    try:
        _check_dirs(path, base)
        st = os.lstat(path)
    except (FileNotFoundError, Refused):
        raise
    except OSError as exc:
        raise Refused(f"cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise _refusal(st.st_mode)
    return st


def _too_big(size: int | None, limit: int, what: str) -> Refused:
    shown = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return Refused(f"file is {shown}; {what} are limited to {limit:,} bytes")


def read_bytes(path: Path, base: Path, limit: int = MAX_FILE_BYTES, what: str = "plan files") -> bytes:
    """The content of a regular file inside base, at most `limit` bytes (a longer file is refused, having read at most
    one byte more). Refused for anything else; FileNotFoundError when it does not exist."""
    st = check(path, base)
    if st.st_size > limit:
        raise _too_big(st.st_size, limit, what)
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY)
    except OSError as exc:
        raise Refused(f"cannot be read: {exc.strerror}") from None
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            raise Refused("changed while it was being opened; run the command again")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise Refused(f"cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if size > limit:
        raise _too_big(None, limit, what)
    return b"".join(chunks)


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark at the start is dropped); Refused with the byte offset of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused(f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8") from None


def read_text(path: Path, base: Path, limit: int = MAX_FILE_BYTES, what: str = "plan files") -> str:
    return decode(read_bytes(path, base, limit, what))


def write_bytes(path: Path, data: bytes, base: Path, new: bool = False) -> None:
    """Replace path (inside base) by a file holding data: written to a temporary file in the same directory, then
    renamed over it, so a link is replaced rather than written through and a failure leaves the old file whole.
    With new=True the file must not exist yet (Refused if it does)."""
    try:
        _check_dirs(path, base)
        old = os.lstat(path)
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise Refused(f"cannot be written: {exc.strerror}") from None
    if old is not None and (new or not stat.S_ISREG(old.st_mode)):
        raise Refused("already exists; it was left as it is") if new else _refusal(old.st_mode)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~umask)
        if new:
            os.link(tmp, path)  # fails if path appeared meanwhile: an existing file is never replaced
        else:
            os.replace(tmp, path)
    except FileExistsError:
        raise Refused("already exists; it was left as it is") from None
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def write_text(path: Path, text: str, base: Path, new: bool = False) -> None:
    write_bytes(path, text.encode("utf-8"), base, new)


def entries(directory: Path) -> list[tuple[str, str]]:
    """(name, kind) of what a directory holds, sorted by name, without following links: kind is 'regular file',
    'directory', 'symbolic link', 'FIFO (named pipe)', 'socket', 'device' or 'special file'."""
    with os.scandir(directory) as it:
        return sorted((e.name, kind_of(e.stat(follow_symlinks=False).st_mode)) for e in it)


def special_files(directory: Path) -> list[tuple[str, str]]:
    """(path relative to directory, kind) of every link, FIFO, socket or device below it, without following links."""
    out, stack = [], [Path()]
    while stack:
        rel = stack.pop()
        try:
            found = entries(directory / rel)
        except OSError:
            continue
        for name, kind in found:
            if kind == "directory":
                stack.append(rel / name)
            elif kind != "regular file":
                out.append(((rel / name).as_posix(), kind))
    return sorted(out)

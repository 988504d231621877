"""Reading a policy or region file without trusting the path: a directory, a device
(/dev/zero would be read forever), a FIFO (opening it would wait for a writer) or a file
far bigger than any of ours is refused with a reason in Chinese, never read."""

import os
import stat
from pathlib import Path

from models.core.errors import DomainError
from models.texts import files

MAX_BYTES = 1 << 20  # 1 MiB: the biggest fixture is a few KiB


class FileRefused(DomainError):
    """The path is not a regular file we can read; message is the reason alone, for the
    caller to put in its own sentence naming the file."""


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes. FileNotFoundError is left to the caller (it has its own words for
    a missing file); anything else that stops the reading is a FileRefused."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as e:  # ValueError: a NUL in the path
        raise FileRefused(files.UNREADABLE.format(reason=_reason(e))) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(files.NOT_A_FILE)
        if info.st_size > limit:
            raise FileRefused(files.TOO_BIG.format(limit=limit // 1024))
        data = b""
        while len(data) <= limit:  # the size may have grown since fstat
            chunk = os.read(fd, limit + 1 - len(data))
            if not chunk:
                break
            data += chunk
    except OSError as e:
        raise FileRefused(files.UNREADABLE.format(reason=_reason(e))) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileRefused(files.TOO_BIG.format(limit=limit // 1024))
    return data


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """The file as UTF-8 text: read_bytes, and text that is not UTF-8 a FileRefused too."""
    try:
        return read_bytes(path, limit).decode("utf-8")
    except UnicodeDecodeError:
        raise FileRefused(files.NOT_UTF8) from None


def exists(path: Path) -> bool:
    """Path.exists() that answers False, not OSError, for a name too long or with a NUL."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _reason(e: Exception) -> str:
    return e.strerror if isinstance(e, OSError) and e.strerror else str(e)

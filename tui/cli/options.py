"""Options several commands share (--db, --today, --policy) and the argument types."""

import argparse
import datetime as dt
import math
import os
import re
import sys
import urllib.parse
from collections.abc import Callable

from models.core import audit
from models.core.clock import Clock, SystemClock, clock_for
from models.core.db import DEFAULT_URL, open_database, sqlite_file
from models.core.errors import DomainError
from models.texts import cli as t
from models.texts import messages as domain_text


def add_common(p: argparse.ArgumentParser, counter: bool = False) -> None:
    """--db and --today; with counter=True also --policy. SUPPRESS as the default keeps a
    subcommand's missing option from hiding the same option given before the subcommand."""
    p.add_argument("--db", default=argparse.SUPPRESS, help=t.HELP_DB)
    if counter:
        p.add_argument("--policy", default=os.environ.get("YIBAO_POLICY"), help=t.HELP_POLICY)
    p.add_argument("--today", default=argparse.SUPPRESS, help=t.HELP_TODAY)


def date(text: str) -> dt.date:
    """An argparse type: an ISO date, else argparse's usage error with our Chinese reason."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t.BAD_DATE.format(text=text)) from None


def integer(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number within [low, high], else a Chinese usage error."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t.BAD_INTEGER.format(text=text)) from None
        if high is not None and low is not None and not low <= value <= high:
            raise argparse.ArgumentTypeError(t.INTEGER_RANGE.format(low=low, high=high,
                                                                    value=value))
        if low is not None and value < low:
            raise argparse.ArgumentTypeError(t.INTEGER_AT_LEAST.format(low=low, value=value))
        return value

    return parse


def number(text: str) -> float:
    """An argparse type: a decimal number (a rate such as 0.02), else a Chinese usage error."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t.BAD_NUMBER.format(text=text)) from None
    if not math.isfinite(value):  # nan, inf: no rate or amount
        raise argparse.ArgumentTypeError(t.BAD_NUMBER.format(text=text))
    return value



def db_url(args: argparse.Namespace) -> str | None:
    """--db if given; None lets open_database fall back to $YIBAO_DB, then the default file."""
    return getattr(args, "db", None)


def open_db(url: str | None, *, create: bool = False, migrate: bool = True,
            app_role: str | None = None) -> None:
    """The database at `url` (db_url(args)). Only the commands that build one (init, generate, demo)
    pass create=True; they say so on stderr when the SQLite file's folder is new too.
    Every other command refuses a database that is not there, and makes nothing."""
    shown = _check_url(url or os.environ.get("YIBAO_DB") or DEFAULT_URL)
    path = sqlite_file(url) if create else None
    try:
        new_folder = path is not None and not path.parent.exists()
        try:
            open_database(url, migrate=migrate, create=create, app_role=app_role)
        finally:
            if new_folder and path.parent.exists():
                print(t.DB_FOLDER_CREATED.format(folder=path.parent), file=sys.stderr)
    except OSError as e:  # a path too long, a folder that cannot be made
        raise DomainError(domain_text.DB_CANNOT_OPEN.format(
            url=shown, reason=e.strerror or e)) from None
    if migrate:  # a command that may write: its audit key now, not at the first save
        key, created = audit.open_for_work(SystemClock(), create)
        if created:
            print(t.AUDIT_KEY_CREATED.format(path=key), file=sys.stderr)


def _check_url(url: str) -> str:
    """The URL as an error may show it (no password); one urlsplit cannot read, or with
    a port that is not a number, is refused here rather than raising ValueError inside
    open_database."""
    shown = re.sub(r"(//[^/@]*?:)[^/@]*@", r"\1***@", url)
    try:
        _ = urllib.parse.urlsplit(url).port  # reading it checks it
    except ValueError:
        raise DomainError(domain_text.DB_BAD_URL.format(url=shown)) from None
    return shown


def clock(args: argparse.Namespace) -> Clock:
    return clock_for(getattr(args, "today", None))

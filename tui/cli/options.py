"""Options several commands share (--db, --today, --policy) and the argument types."""

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable

from models.core.clock import Clock, clock_for
from models.core.db import open_database, sqlite_file
from models.texts import cli as t


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
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t.BAD_NUMBER.format(text=text)) from None


def db_url(args: argparse.Namespace) -> str | None:
    """--db if given; None lets open_database fall back to $YIBAO_DB, then the default file."""
    return getattr(args, "db", None)


def open_db(url: str | None, *, create: bool = False, migrate: bool = True,
            app_role: str | None = None) -> None:
    """The database at `url` (db_url(args)). Only the commands that build one (init, generate, demo)
    pass create=True; they say so on stderr when the SQLite file's folder is new too.
    Every other command refuses a database that is not there, and makes nothing."""
    path = sqlite_file(url) if create else None
    new_folder = path is not None and not path.parent.exists()
    try:
        open_database(url, migrate=migrate, create=create, app_role=app_role)
    finally:
        if new_folder and path.parent.exists():
            print(t.DB_FOLDER_CREATED.format(folder=path.parent), file=sys.stderr)


def clock(args: argparse.Namespace) -> Clock:
    return clock_for(getattr(args, "today", None))

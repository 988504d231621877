"""Receipt numbers: per series (the region and the counter), year and kind, gap-free.

A number is drawn by an UPDATE of its `receipt_counter` row inside the unit of work that
uses it: the row stays locked until COMMIT (PostgreSQL's row lock; SQLite's IMMEDIATE
transaction holds the whole file), so two counters never draw the same number, and a
rollback gives the number back with everything else, leaving no hole. The region code in
the number keeps two halls (or two counties) from ever colliding.

    payment  430225-01-2026-000123
    void     430225-01-2026-V000001
    refund   430225-01-2026-R000001
"""

import datetime as dt

import peewee as pw

from models.core.db import database, for_update, native
from models.core.errors import DomainError
from models.core.schema import DayClose, ReceiptCounter
from models.texts import payments as pt

KINDS = ("payment", "void", "refund")
_PREFIX = {"void": "V", "refund": "R"}


def series_for(region_code: str, counter: str) -> str:
    return f"{region_code}-{counter}"


def receipt_number(series: str, year: int, seq: int) -> str:
    return f"{series}-{year}-{seq:06d}"


def reversal_number(series: str, year: int, kind: str, seq: int) -> str:
    if kind not in _PREFIX:
        raise DomainError(pt.RECEIPT_BAD_KIND.format(kind=kind))
    return f"{series}-{year}-{_PREFIX[kind]}{seq:06d}"


def draw(series: str, year: int, kind: str) -> int:
    """The next number of the series, year and kind; inside a unit of work (see above)."""
    if kind not in KINDS:
        raise DomainError(pt.RECEIPT_BAD_KIND.format(kind=kind))
    drawn = _next(series, year, kind)
    if drawn is None:  # the series' first number this year
        _ensure(series, year, kind)
        drawn = _next(series, year, kind)
    return drawn


def _next(series: str, year: int, kind: str) -> int | None:
    row = database.execute_sql(native(
        'UPDATE "receipt_counter" SET "last" = "last" + 1 WHERE "series" = ? AND "year" = ? '
        'AND "kind" = ? RETURNING "last"'), (series, year, kind)).fetchone()
    return row[0] if row else None


def hold(series: str, year: int) -> None:
    """Lock the series' rows of every kind without drawing: until COMMIT no payment, void
    or refund of the series can draw (and so commit). The day's settlement takes this
    first. The rows are made (at 0) where none was drawn yet, so there is a row to lock."""
    for kind in KINDS:
        _ensure(series, year, kind)
    list(for_update(ReceiptCounter.select(ReceiptCounter.id)
                    .where(ReceiptCounter.series == series, ReceiptCounter.year == year)
                    .order_by(ReceiptCounter.kind)))


def require_open_day(clerk: str, counter: str, day: dt.date) -> None:
    """Refuse a day already settled and closed (日结): called after draw(), so a payment
    racing the closing waits on the series and then sees the DayClose row."""
    if database.execute_sql(native(
            'SELECT 1 FROM "day_close" WHERE "clerk" = ? AND "counter" = ? AND "day" = ? '
            'LIMIT 1'), (clerk, counter, DayClose.day.db_value(day))).fetchone():
        raise DomainError(pt.PAY_DAY_CLOSED.format(clerk=clerk, counter=counter, day=day))


def _ensure(series: str, year: int, kind: str) -> None:
    """The counter's row, inserted the first time. Two counters inserting it at once: the
    unique index lets one in, the other's savepoint rolls back and it uses that row."""
    exists = (ReceiptCounter.select().where(ReceiptCounter.series == series,
                                            ReceiptCounter.year == year,
                                            ReceiptCounter.kind == kind).exists())
    if exists:
        return
    try:
        with database.atomic():
            ReceiptCounter.insert(series=series, year=year, kind=kind, last=0).execute()
    except pw.IntegrityError:
        pass

"""The bulk writer's SQL: many rows in one statement per table, and which ids exist."""

import datetime as dt

import peewee as pw

from models.core.db import database, is_postgres
from models.core.errors import DomainError
from models.texts import messages as msg


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def existing(model: type[pw.Model], ids, column: pw.Field | None = None,
              where: pw.Expression | None = None) -> set:
    """Which of `ids` the column (the id by default) holds, a few hundred at a time."""
    column = column or model.id
    found: set[int] = set()
    ids = list(ids)
    for i in range(0, len(ids), 500):  # SQLite's bound-variable limit
        query = model.select(column).where(column.in_(ids[i:i + 500]))
        if where is not None:
            query = query.where(where)
        found.update(r for (r,) in query.tuples())
    return found


def insert(model: type[pw.Model], names_: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    fields = [model._meta.fields[n] for n in names_]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    table = model._meta.table_name
    cursor = database.cursor()
    try:
        with pw.__exception_wrapper__:  # the driver's errors as peewee's, on both engines
            if is_postgres():
                from psycopg2.extras import execute_values

                execute_values(cursor, f'INSERT INTO "{table}" ({columns}) VALUES %s', rows,
                               page_size=1000)
            else:
                marks = ", ".join("?" for _ in fields)
                cursor.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', rows)
    except (pw.IntegrityError, pw.DataError) as e:  # the schema's last word on a bad row
        raise DomainError(msg.BULK_REFUSED_BY_DATABASE.format(table=table, reason=e)) from None

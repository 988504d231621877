"""Rows as JSON, and back: what the merge log keeps of every row a merge touches.

A snapshot is `{table: {id: {field: value}}}`, the fields by their Peewee names (a
foreign key by its field name, its value the id). Dates and datetimes are tagged so they
come back as what they were; the seal columns are left out: they follow the audit trail,
not the merge (models/core/audit_seal.py reseals the people the events are about).
"""

import datetime as dt
import json

import peewee as pw

from models.core.schema import (
    DuplicateCandidate,
    Enrollment,
    Household,
    IdentityTag,
    PaymentLine,
    Person,
)

TABLES = {m._meta.table_name: m for m in (Person, Household, Enrollment, PaymentLine,
                                          IdentityTag, DuplicateCandidate)}
UNSEALED = {"person": ("audit_seq", "seal")}  # never restored: resealed by the events

Snapshot = dict[str, dict[int, dict]]


def take(rows: dict[str, list[int]]) -> Snapshot:
    """The rows as they are now: `rows` names the ids per table."""
    shot: Snapshot = {}
    for table, ids in rows.items():
        model = TABLES[table]
        skip = UNSEALED.get(table, ())
        shot[table] = {}
        for row in model.select().where(model.id.in_(sorted(set(ids)))).dicts():
            shot[table][row["id"]] = {k: v for k, v in row.items() if k not in skip}
    return shot


def ids_of(shot: Snapshot) -> dict[str, list[int]]:
    return {table: sorted(rows) for table, rows in shot.items()}


def dumps(shot: Snapshot) -> str:
    return json.dumps({t: {str(i): {k: _tag(v) for k, v in row.items()}
                           for i, row in rows.items()} for t, rows in shot.items()},
                      ensure_ascii=False, sort_keys=True)


def loads(text: str) -> Snapshot:
    raw = json.loads(text or "{}")
    return {t: {int(i): {k: _untag(v) for k, v in row.items()} for i, row in rows.items()}
            for t, rows in raw.items()}


def write(table: str, row_id: int, values: dict) -> None:
    """Put `values` (some of a row's fields) back into the row."""
    if values:
        model = TABLES[table]
        model.update(**values).where(model.id == row_id).execute()


def comparable(value):
    """A value as read and as stored compare alike (a date from SQLite text, a bool)."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, pw.Model):
        return value.id
    return value


def _tag(value):
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    return value


def _untag(value):
    if isinstance(value, dict) and "$dt" in value:
        return dt.datetime.fromisoformat(value["$dt"])
    if isinstance(value, dict) and "$date" in value:
        return dt.date.fromisoformat(value["$date"])
    return value

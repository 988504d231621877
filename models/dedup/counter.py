"""The counter's duplicate check: the records a new or corrected registration may
duplicate, fetched by blocking keys (every one an index lookup, never a scan) and scored
by the same scorer as the batch scan.

Blocking keys: the ID key (after 15 → 18) and every number one digit or one swap away
from it (person.id_key index); everyone born on the day, or on the day with day and
month swapped (person_birth_date, migration 0015) — which holds same-day homophones,
look-alikes, traditional forms and placeholder babies alike.
"""

import datetime as dt
from dataclasses import dataclass

from models.core.db import database
from models.core.schema import Person
from models.dedup.records import as_record, record_query
from models.rules.duplicates import PersonRecord, Score, score_pair
from models.rules.duplicates.ids import key_of, neighbours

LIVE = ("active", "awaiting_merge")  # the records a new one may duplicate
LIMIT = 10


@dataclass(frozen=True)
class Found:
    id: int
    score: Score


def swapped_day(day: dt.date) -> dt.date | None:
    if day.month == day.day or day.day > 12:
        return None
    try:
        return dt.date(day.year, day.day, day.month)
    except ValueError:  # pragma: no cover - day ≤ 12 is always a month
        return None


def candidate_rows(record: PersonRecord, exclude_id: int | None = None) -> list[tuple]:
    """The blocking queries' rows (models/dedup/records.COLUMNS), each record once."""
    days = [d for d in (record.birth_date, swapped_day(record.birth_date)) if d]
    batches = [_run("birth_date", days, BIRTH_SLOTS)]
    key = key_of(record.id_type, record.id_number)
    if key:
        keys = [key, *neighbours(key)] if len(key) == 18 else [key]
        batches.append(_run("id_key", keys, KEY_SLOTS))
    rows: dict[int, tuple] = {}
    for batch in batches:
        for row in batch:
            if row[0] != exclude_id:
                rows.setdefault(row[0], row)
    return list(rows.values())


BIRTH_SLOTS = 2
KEY_SLOTS = 200  # ≥ 1 + every neighbour of an 18-digit number (171)
_sql_cache: dict[tuple, str] = {}


def _run(column: str, values: list, slots: int) -> list[tuple]:
    """One blocking query, its SQL built once per dialect (Peewee's building would cost
    more than the query): `slots` placeholders, the values padded by repeating the first."""
    cache_key = (type(database.obj), column)
    sql = _sql_cache.get(cache_key)
    if sql is None:
        field = getattr(Person, column)
        query = record_query().where(Person.status.in_(LIVE), field.in_(list(range(slots))))
        sql = _sql_cache[cache_key] = query.sql()[0]
    padded = list(values[:slots]) + [values[0]] * (slots - len(values[:slots]))
    return database.execute_sql(sql, [*LIVE, *padded]).fetchall()


def likely_duplicates(record: PersonRecord, exclude_id: int | None = None,
                      limit: int = LIMIT) -> tuple[Found, ...]:
    """The records scored sure or review against `record`, best first."""
    found = []
    for row in candidate_rows(record, exclude_id):
        score = score_pair(record, as_record(row))
        if score.is_candidate:
            found.append(Found(row[0], score))
    found.sort(key=lambda f: (-f.score.score, f.id))
    return tuple(found[:limit])

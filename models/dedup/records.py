"""Person rows as the scorer sees them (models/rules/duplicates/record.PersonRecord)."""

import datetime as dt

from models.core.schema import Household, Person
from models.rules.duplicates import PersonRecord

# The columns a record is read with, in PersonRecord's order after the id.
COLUMNS = (Person.id, Person.name, Person.id_type, Person.id_number, Person.gender,
           Person.birth_date, Person.household, Household.village, Person.placeholder,
           Person.status, Person.name_pinyin)


def record_query():
    return Person.select(*COLUMNS).join(Household, on=(Person.household == Household.id))


def as_record(row: tuple) -> PersonRecord:
    birth = row[5]
    if isinstance(birth, str):  # SQLite may hand a date back as text
        row = (*row[:5], dt.date.fromisoformat(birth[:10]), *row[6:])
    return PersonRecord(*row[:8], bool(row[8]), row[9], row[10] if len(row) > 10 else "")


def records_by_id(ids) -> dict[int, PersonRecord]:
    ids = list(ids)
    out: dict[int, PersonRecord] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in record_query().where(Person.id.in_(chunk)).tuples():
            out[row[0]] = as_record(row)
    return out

"""What the merge tests share: duplicate candidates written as rows (the scan is another
helper's), a second registration of someone, and the whole database as plain data."""

import datetime as dt
import json

from actors import CLERK
from registry_helpers import DOCS, person

from models.core.db import database
from models.core.schema import DuplicateCandidate, Person
from models.registry.registration import NewHousehold, register_person

# Left out of a before/after comparison: the trail itself (an unmerge adds to it), the
# merge log (it records the merge and its undoing), and the seals, which follow the trail.
NOT_COMPARED = {"audit_event", "audit_head", "merge_log", "schema_migration"}
SEAL_COLUMNS = {"person": {"audit_seq", "seal"}}


def candidate(a: int, b: int, score=0.97, decision="sure", status="open",
              reasons=("证件号相同",), when=dt.datetime(2026, 11, 20, 9, 0)) -> int:
    low, high = sorted((a, b))
    return DuplicateCandidate.create(person_a=low, person_b=high, score=score,
                                     decision=decision, reasons=json.dumps(list(reasons)),
                                     source="scan", status=status, found_at=when).id


def second_record(clock, village: int, of: Person, name: str | None = None,
                  number: str | None = None, placeholder: bool = False) -> int:
    """The same person registered again in a new household (a hukou move registered anew):
    under the same ID it is written awaiting merge, as an import leaves it."""
    data = person(name or of.name, number or of.id_number, placeholder=placeholder)
    row = register_person(clock, CLERK, data, new_household=NewHousehold(village, "新户"),
                          documents=DOCS, duplicate_reason="户口迁入重新登记")
    return row.id


def dump() -> dict:
    """Every table, every row, ordered by id: the database as data."""
    out = {}
    for table in sorted(set(database.get_tables()) - NOT_COMPARED):
        cursor = database.execute_sql(f'SELECT * FROM "{table}"')
        names = [c[0] for c in cursor.description]
        skip = SEAL_COLUMNS.get(table, set())
        rows = [{n: _plain(v) for n, v in zip(names, r, strict=True) if n not in skip}
                for r in cursor.fetchall()]
        out[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return out


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat().replace("T", " ")
    if isinstance(value, memoryview):
        return bytes(value).hex()
    return value


def awaiting_merge(clock, actor, person_id: int, holder_id: int) -> None:
    """Give `person_id` the ID of `holder_id` and leave it awaiting merge, as a roster
    import does, through a unit of work whose event reseals the row."""
    from models.core.unit_of_work import unit_of_work

    holder = Person.get_by_id(holder_id)
    with unit_of_work(clock, actor) as uow:
        (Person.update(id_number=holder.id_number, id_key=holder.id_key,
                       id_key_rev=holder.id_key_rev, status="awaiting_merge")
         .where(Person.id == person_id).execute())
        uow.audit("person.import", "person", person_id, after={"status": "awaiting_merge"})

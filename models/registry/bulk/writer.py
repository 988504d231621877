"""The bulk writer: one way to write many households, people, identity tags and
enrollments at once.

    with unit_of_work(clock, actor) as uow:
        with BulkWriter(uow) as writer:
            household_id = writer.add_household(HouseholdRow(village_id=3))
            person_id = writer.add_person(PersonRow(household_id, "王芳", ...))
            writer.add_identity(IdentityRow(person_id, "minimum_living", source, day))
        uow.audit("roster.import", ...)

Rows are named (`HouseholdRow`, `PersonRow`, `IdentityRow`, `EnrollmentRow`) and
buffered; every `batch` people the buffers go out in one statement per table
(executemany on SQLite, psycopg2's execute_values on PostgreSQL: peewee's insert_many
is far slower here). Households and people get explicit ids from MAX(id) + 1: SQLite's
IMMEDIATE transaction and, on PostgreSQL, a table lock taken when the writer opens keep
other writers out until COMMIT; on close the PostgreSQL sequences are moved past them.

A person who arrives under an ID key an active person already holds (in the database,
or earlier in this writer) is written as `awaiting_merge`, not active: one active record
per ID is the rule (a unique index holds it), and the second waits for a merge.

The derived columns (id_key, id_key_rev, the normalised name, name_pinyin,
name_initials, hukou_no) are computed here and nowhere else in bulk. A row that breaks
the schema's rules (a household, village or person that does not exist, a second head,
an unknown code, amounts that do not add up) is refused with a DomainError naming it;
the unit of work then rolls back, so nothing is half-written.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import peewee as pw

from models.core import audit_key, audit_seal
from models.core import unit_of_work as uow_module
from models.core.db import database, is_postgres
from models.core.errors import DomainError
from models.core.schema import (
    Enrollment,
    Household,
    IdentityTag,
    Person,
    Region,
    Township,
    Village,
)
from models.core.unit_of_work import UnitOfWork
from models.registry.bulk.rows import (
    EnrollmentRow,
    HouseholdRow,
    IdentityRow,
    PersonRow,
    check_enrollment,
    check_household,
    check_identity,
    check_person,
    refused,
)
from models.rules import idcard, names
from models.rules.person import hukou_number
from models.texts import messages as msg

BATCH = 5000


class BulkOutsideUnitOfWork(RuntimeError):
    """A programming error, not a clerk's: bulk writes belong to a unit of work."""


@dataclass
class BulkCounts:
    households: int = 0
    people: int = 0
    identities: int = 0
    enrollments: int = 0
    awaiting_merge: int = 0  # people written as awaiting merge: their ID was held


class BulkWriter:
    def __init__(self, uow: UnitOfWork, batch: int = BATCH,
                 on_flush: Callable[[BulkCounts], None] | None = None):
        if uow_module.current() is not uow or not database.in_transaction():
            raise BulkOutsideUnitOfWork(msg.BULK_OUTSIDE_UNIT_OF_WORK)
        self.batch, self.on_flush = batch, on_flush
        self._db = database.obj  # checked on every row: the proxy's lookup costs
        # Dates go out as ISO text: both engines take it as is, and letting the driver
        # convert millions of date objects was a third of a generation's time.
        self.now = uow.clock.now().isoformat(sep=" ")
        region = Region.select().first()
        self.region_code = region.code if region else "000000"  # as create_household does
        if is_postgres():  # explicit ids below: no other writer until COMMIT (see above)
            database.execute_sql("LOCK TABLE household, person IN SHARE ROW EXCLUSIVE MODE")
        self.next_household = (Household.select(pw.fn.MAX(Household.id)).scalar() or 0) + 1
        self.next_person = (Person.select(pw.fn.MAX(Person.id)).scalar() or 0) + 1
        self.first_household, self.first_person = self.next_household, self.next_person
        # Every person written here is sealed to the event that follows the rows (the
        # use case's, e.g. county.generate), which then records the ids it covers.
        self._reservation = uow.reserve_audit_seq()
        self._key, _ = audit_key.key_for_writing()
        self.counts = BulkCounts()
        self.closed = False
        self._villages: set[int] = set()
        self._heads: set[int] = set()  # households written here that have an active head
        self._old_households: dict[int, PersonRow] = {}  # in the database before: checked
        self._old_heads: dict[int, PersonRow] = {}  # at the next flush, in one query each
        self._old_persons: dict[int, tuple] = {}
        self._clear()

    def __enter__(self) -> "BulkWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()

    # --- adding rows ----------------------------------------------------------

    def add_household(self, row: HouseholdRow) -> int:
        self._open()
        check_household(row)
        if row.village_id not in self._villages:
            if not Village.select().where(Village.id == row.village_id).exists():
                raise refused(msg.BULK_KIND_HOUSEHOLD, row,
                              msg.BULK_NO_VILLAGE.format(id=row.village_id))
            self._villages.add(row.village_id)
        household_id = self.next_household
        self.next_household += 1
        number = row.hukou_no.strip() if row.hukou_no else hukou_number(self.region_code,
                                                                         household_id)
        self._households.append((household_id, number, row.village_id, row.address.strip(), 1,
                                 self.now))
        self.counts.households += 1
        return household_id

    def add_township(self, name: str) -> int:
        """A township, written at once (households point at its villages): the next code."""
        self._open()
        code = Township.select().count() + 1
        return Township.insert(name=name, code=f"{code:03d}"[-3:], note="").execute()

    def add_village(self, township_id: int, name: str) -> int:
        """A village of a township, written at once, with the township's next code."""
        self._open()
        code = Village.select().where(Village.township == township_id).count() + 1
        village_id = Village.insert(township=township_id, name=name,
                                    code=f"{code:03d}"[-3:]).execute()
        self._villages.add(village_id)
        return village_id

    def add_person(self, row: PersonRow) -> int:
        self._open()
        check_person(row)
        household = row.household_id
        new_household = self.first_household <= household < self.next_household
        if not new_household:
            self._old_households.setdefault(household, row)
        if row.relation == "self" and row.status == "active":
            if household in self._heads:
                raise refused(msg.BULK_KIND_PERSON, row,
                              msg.BULK_SECOND_HEAD.format(id=household))
            self._heads.add(household)
            if not new_household:
                self._old_heads[household] = row
        person_id = self.next_person
        self.next_person += 1
        self._persons.append((person_id, row))
        self.counts.people += 1
        if len(self._persons) >= self.batch:
            self.flush()
        return person_id

    def add_identity(self, row: IdentityRow) -> None:
        self._open()
        check_identity(row)
        self._person_known(row.person_id, msg.BULK_KIND_IDENTITY, row)
        self._identities.append((row.person_id, row.category, row.source,
                                 row.valid_from.isoformat(),
                                 row.valid_to.isoformat() if row.valid_to else None))
        self.counts.identities += 1

    def add_enrollment(self, row: EnrollmentRow) -> None:
        self._open()
        check_enrollment(row)
        self._person_known(row.person_id, msg.BULK_KIND_ENROLLMENT, row)
        self._enrollments.append((
            row.person_id, row.benefit_year, row.policy, row.case, row.rate_kind, row.gross,
            row.subsidy, row.payable, _iso(row.benefit_start), _iso(row.benefit_end), row.status,
            row.paid_at.isoformat(sep=" ") if row.paid_at else None))
        self.counts.enrollments += 1

    # --- writing ----------------------------------------------------------------

    def flush(self) -> None:
        """Write what is buffered, parents first."""
        self._open()
        if not database.in_transaction() or uow_module.current() is None:
            raise BulkOutsideUnitOfWork(msg.BULK_OUTSIDE_UNIT_OF_WORK)
        self._check_old_rows()
        _insert(Household, ["id", "hukou_no", "village", "address", "version", "created_at"],
                self._households)
        _insert(Person, ["id", "id_type", "id_number", "id_key", "id_key_rev", "name",
                         "name_pinyin", "name_initials", "gender", "birth_date", "household",
                         "relation", "phone", "status", "placeholder", "version", "created_at",
                         "updated_at", "audit_seq", "seal"],
                self._sealed(self._hold_back_second_ids(
                    [self._person_values(i, r) for i, r in self._persons])))
        _insert(IdentityTag, ["person", "category", "source", "valid_from", "valid_to"],
                self._identities)
        _insert(Enrollment, ["person", "benefit_year", "policy", "case", "rate_kind", "gross",
                             "subsidy", "payable", "benefit_start", "benefit_end", "status",
                             "paid_at"], self._enrollments)
        self._clear()
        if self.on_flush:
            self.on_flush(self.counts)

    def close(self) -> None:
        """Write the rest and move PostgreSQL's id counters past the explicit ids."""
        if self.closed:
            return
        self.flush()
        self.closed = True
        if self.next_person > self.first_person:
            self._reservation.cover(self.first_person, self.next_person - 1)
        if is_postgres():
            for model in (Household, Person):
                table = model._meta.table_name
                database.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 0) + 1 FROM \"{table}\"), false)")

    def _person_values(self, person_id: int, r: PersonRow) -> tuple:
        """The one place a bulk-written person's search columns are derived."""
        keys = names.name_keys(r.name)
        key = idcard.id_key(r.id_type, r.id_number) if r.id_number else None
        return (person_id, r.id_type, r.id_number, key, key[::-1] if key else None, keys.name,
                keys.pinyin, keys.initials, r.gender, r.birth_date.isoformat(), r.household_id,
                r.relation, r.phone, r.status, r.placeholder, 1, self.now, self.now)

    def _sealed(self, values: list[tuple]) -> list[tuple]:
        """Each row with its audit_seq and seal (audit_seal.SEALED's order: no status
        date or merged_into for a new row)."""
        seq = self._reservation.seq
        return [(*v, seq, audit_seal.seal(self._key, (*v[:14], None, None, v[14], v[15]), seq))
                for v in values]

    def _hold_back_second_ids(self, values: list[tuple]) -> list[tuple]:
        """Rows whose ID key an active person holds, in the database (earlier batches
        included) or earlier in this batch, go out as awaiting merge."""
        keys = {v[_KEY] for v in values if v[_STATUS] == "active" and v[_KEY]}
        if not keys:
            return values
        held = _existing(Person, keys, Person.id_key, Person.status == "active")
        out = []
        for v in values:
            key = v[_KEY]
            if v[_STATUS] == "active" and key:
                if key in held:
                    v = (*v[:_STATUS], "awaiting_merge", *v[_STATUS + 1:])
                    self.counts.awaiting_merge += 1
                else:
                    held.add(key)
            out.append(v)
        return out

    # --- checks against the database -----------------------------------------

    def _person_known(self, person_id: int, kind: str, row: tuple) -> None:
        if not self.first_person <= person_id < self.next_person:
            self._old_persons.setdefault(person_id, (kind, row))

    def _check_old_rows(self) -> None:
        """Rows that point at households or people written before this writer opened."""
        if self._old_households:
            found = _existing(Household, self._old_households)
            for household, row in self._old_households.items():
                if household not in found:
                    raise refused(msg.BULK_KIND_PERSON, row,
                                  msg.BULK_NO_HOUSEHOLD.format(id=household))
        if self._old_heads:
            taken = _existing(Person, self._old_heads, Person.household,
                              (Person.relation == "self") & (Person.status == "active"))
            for household in taken:
                raise refused(msg.BULK_KIND_PERSON, self._old_heads[household],
                              msg.BULK_SECOND_HEAD.format(id=household))
        if self._old_persons:
            found = _existing(Person, self._old_persons)
            for person_id, (kind, row) in self._old_persons.items():
                if person_id not in found:
                    raise refused(kind, row, msg.BULK_NO_PERSON.format(id=person_id))
        self._old_households, self._old_heads, self._old_persons = {}, {}, {}

    def _open(self) -> None:
        if self.closed or not self._db.in_transaction():
            raise BulkOutsideUnitOfWork(msg.BULK_OUTSIDE_UNIT_OF_WORK)

    def _clear(self) -> None:
        self._households: list[tuple] = []
        self._persons: list[tuple[int, PersonRow]] = []
        self._identities: list[tuple] = []
        self._enrollments: list[tuple] = []


_KEY, _STATUS = 3, 13  # where _person_values puts the id key and the status


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _existing(model: type[pw.Model], ids, column: pw.Field | None = None,
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


def _insert(model: type[pw.Model], names_: list[str], rows: list[tuple]) -> None:
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

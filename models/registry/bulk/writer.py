"""The bulk writer: one way to write many households, people, identity tags and
history payments at once.

    with unit_of_work(clock, actor) as uow:
        with BulkWriter(uow) as writer:
            household_id = writer.add_household(HouseholdRow(village_id=3))
            person_id = writer.add_person(PersonRow(household_id, "王芳", ...))
            writer.add_identity(IdentityRow(person_id, "minimum_living", source, day))
        uow.audit("roster.import", ...)

Rows are named (`HouseholdRow`, `PersonRow`, `IdentityRow`, `PaymentRow` with its
`EnrollmentRow` lines) and
buffered; every `batch` people the buffers go out in one statement per table
(executemany on SQLite, psycopg2's execute_values on PostgreSQL: peewee's insert_many
is far slower here). Households and people get explicit ids from MAX(id) + 1: SQLite's
IMMEDIATE transaction and, on PostgreSQL, a table lock taken when the writer opens keep
other writers out until COMMIT; on close the PostgreSQL sequences are moved past them.
Payments (made before this software: the generator's history) go out the same way, with
their enrollments and lines, numbered in the history series `{region code}-00` per year of
payment, the series' receipt_counter row moved to the last number on close; on
PostgreSQL their ids come from the tables' own sequences (the app role may draw from a
money table's sequence, never set it).

A person who arrives under an ID key an active person already holds (in the database,
or earlier in this writer) is written as `awaiting_merge`, not active: one active record
per ID is the rule (a unique index holds it), and the second waits for a merge.

The derived columns (id_key, id_key_rev, the normalised name, name_pinyin,
name_initials, hukou_no) are computed here and nowhere else in bulk. A row that breaks
the schema's rules (a household, village or person that does not exist, a second head,
an unknown code, amounts that do not add up) is refused with a DomainError naming it;
the unit of work then rolls back, so nothing is half-written.
"""

from collections.abc import Callable
from dataclasses import dataclass

import peewee as pw

from models.core import audit_key, audit_seal
from models.core import unit_of_work as uow_module
from models.core.db import database, is_postgres
from models.core.schema import (
    Enrollment,
    Household,
    IdentityTag,
    Payment,
    PaymentLine,
    Person,
    ReceiptCounter,
    Region,
    Township,
    Village,
)
from models.core.unit_of_work import UnitOfWork
from models.registry.bulk.rows import (
    HouseholdRow,
    IdentityRow,
    PaymentRow,
    PersonRow,
    check_household,
    check_identity,
    check_payment,
    check_person,
    refused,
)
from models.registry.bulk.sql import existing as _existing
from models.registry.bulk.sql import insert as _insert
from models.registry.bulk.sql import iso as _iso
from models.rules import idcard, names
from models.rules.person import hukou_number
from models.texts import messages as msg

BATCH = 5000
HISTORY_COUNTER = "00"  # the counter of payments made before this software
HISTORY_LOCK = 0x79_69_62_61_6F_00  # PostgreSQL advisory lock: one history writer at a time


class BulkOutsideUnitOfWork(RuntimeError):
    """A programming error, not a clerk's: bulk writes belong to a unit of work."""


@dataclass
class BulkCounts:
    households: int = 0
    people: int = 0
    identities: int = 0
    enrollments: int = 0
    payments: int = 0
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
        # Into an empty register (and no other writer until COMMIT) every ID key held is
        # one written here: kept in memory, not asked of the person table at each flush
        # (whose indexes a load into an empty register builds only at the end: indexes.py).
        self._held_keys: set[str] | None = set() if self.first_person == 1 else None
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
        self.history_series = f"{self.region_code}-{HISTORY_COUNTER}"
        self._receipts: dict[int, int] | None = None  # year -> last number, once paying
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

    def add_payment(self, row: PaymentRow) -> str:
        """A history payment, its enrollments and lines; returns its receipt number."""
        self._open()
        check_payment(row)
        if self._receipts is None:
            self._start_payments()
        for line in row.lines:
            self._person_known(line.person_id, msg.BULK_KIND_PAYMENT, row)
        if not self.first_household <= row.household_id < self.next_household:
            self._old_households.setdefault(row.household_id, row)
        year = row.paid_at.year
        seq = self._receipts[year] = self._receipts.get(year, 0) + 1
        payment_id = self._new_id("payment")
        paid_at = row.paid_at.isoformat(sep=" ")
        number = f"{self.history_series}-{year}-{seq:06d}"
        self._payments.append((
            payment_id, number, self.history_series, year, seq, HISTORY_COUNTER, "",
            row.household_id, "history", None, sum(x.payable for x in row.lines), "paid",
            paid_at, row.paid_at.date().isoformat()))
        for line in row.lines:
            enrollment_id = self._new_id("enrollment")
            self._enrollments.append((
                enrollment_id, line.person_id, line.benefit_year, line.policy, line.case,
                line.rate_kind, line.gross, line.subsidy, line.subsidy_category, line.payable,
                _iso(line.benefit_start), _iso(line.benefit_end), line.waiting_months))
            self._lines.append((
                payment_id, line.person_id, enrollment_id, line.benefit_year, "year",
                line.case, line.rate_kind, line.gross, line.subsidy, line.subsidy_category,
                line.payable, "paid"))
            self.counts.enrollments += 1
        self.counts.payments += 1
        return number

    def _start_payments(self) -> None:
        """Ids for payments and enrollments: on SQLite from MAX(id) + 1 (as for people,
        above); on PostgreSQL drawn from the tables' sequences, a block at a time (the app
        role may use a money table's sequence, never set it). The history series'
        numbers as they stand, with no other history writer until COMMIT."""
        if is_postgres():
            database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (HISTORY_LOCK,))
        self._free_ids: dict[str, list[int]] = {"payment": [], "enrollment": []}
        self._next_ids = {model._meta.table_name: (model.select(pw.fn.MAX(model.id)).scalar()
                                                   or 0) + 1 for model in (Payment, Enrollment)}
        self._receipts = dict(ReceiptCounter.select(ReceiptCounter.year, ReceiptCounter.last)
                              .where(ReceiptCounter.series == self.history_series,
                                     ReceiptCounter.kind == "payment").tuples())
        self._receipts_at_start = dict(self._receipts)

    def _new_id(self, table: str) -> int:
        if not is_postgres():
            self._next_ids[table] += 1
            return self._next_ids[table] - 1
        free = self._free_ids[table]
        if not free:
            free.extend(r for (r,) in database.execute_sql(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
                "FROM generate_series(1, 500)").fetchall())
            free.reverse()
        return free.pop()

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
        _insert(Enrollment, ["id", "person", "benefit_year", "policy", "case", "rate_kind",
                             "gross", "subsidy", "subsidy_category", "payable", "benefit_start",
                             "benefit_end", "waiting_months"], self._enrollments)
        _insert(Payment, ["id", "receipt_no", "series", "receipt_year", "receipt_seq", "counter",
                          "clerk", "household", "channel", "tendered", "total", "status",
                          "paid_at", "business_day"], self._payments)
        _insert(PaymentLine, ["payment", "person", "enrollment", "benefit_year", "kind", "case",
                              "rate_kind", "gross", "subsidy", "subsidy_category", "payable",
                              "status"], self._lines)
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
        self._close_receipts()
        if is_postgres():
            for model in (Household, Person):
                table = model._meta.table_name
                database.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 0) + 1 FROM \"{table}\"), false)")

    def _close_receipts(self) -> None:
        """The history series' last numbers, as drawn here."""
        for year, last in (self._receipts or {}).items():
            if year in self._receipts_at_start:
                if last != self._receipts_at_start[year]:
                    ReceiptCounter.update(last=last).where(
                        ReceiptCounter.series == self.history_series,
                        ReceiptCounter.year == year, ReceiptCounter.kind == "payment").execute()
            else:
                ReceiptCounter.insert(series=self.history_series, year=year, kind="payment",
                                      last=last).execute()

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
        held = (self._held_keys if self._held_keys is not None
                else _existing(Person, keys, Person.id_key, Person.status == "active"))
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
        self._payments: list[tuple] = []
        self._lines: list[tuple] = []


_KEY, _STATUS = 3, 13  # where _person_values puts the id key and the status

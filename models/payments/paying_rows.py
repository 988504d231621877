"""The payment's reads and writes as plain SQL, a statement per table rather than per row.

Why not Peewee's query builder here: a payment is a few dozen small statements, and
building each one's text cost more than running it (issue 12's benchmark). The rows and
their order are the same as the builder's: the household locked first, then its members
by id ascending (PostgreSQL locks a FOR UPDATE's rows in the ORDER BY's order), the
paid years locked with them; values go through each field's own `db_value`, so both
engines store what Peewee would have stored.
"""

import datetime as dt
from collections.abc import Sequence

import peewee as pw

from models.core.db import database, is_postgres, native
from models.core.schema import Enrollment, IdentityTag, Payment, PaymentLine, Person

_PERSON_COLUMNS = ", ".join(f'"{f.column_name}"' for f in Person._meta.sorted_fields)
# (field name, converter) in that order: only dates, times and flags need converting
_PERSON_READ = tuple((f.name, f.python_value if isinstance(
    f, (pw.DateField, pw.DateTimeField, pw.BooleanField)) else None)
    for f in Person._meta.sorted_fields)


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _locked(text: str) -> str:
    return text + " FOR UPDATE" if is_postgres() else text


def lock_household_of(person_id: int) -> tuple[int, str] | None:
    """(id, hukou number) of the household the person's row names as it stands (read
    without a lock: what to lock first), locked; None if there is no such person."""
    return database.execute_sql(native(_locked(
        'SELECT "id", "hukou_no" FROM "household" WHERE "id" = (SELECT "household_id" '
        'FROM "person" WHERE "id" = ?)')), (person_id,)).fetchone()


def lock_people(person_ids: Sequence[int]) -> dict[int, Person]:
    """The rows found among `person_ids`, locked in id order (after their household)."""
    ids = sorted(person_ids)
    cursor = database.execute_sql(native(_locked(
        f'SELECT {_PERSON_COLUMNS} FROM "person" WHERE "id" IN ({_marks(len(ids))}) '
        f'ORDER BY "id"')), ids)
    return {p.id: p for p in map(_person, cursor)}


def _person(row: tuple) -> Person:
    """A Person as Peewee would have read it (each field's python_value), built
    without its per-row machinery, which cost more than the query."""
    person = Person(__no_default__=1)
    person.__data__ = {name: value if convert is None or value is None else convert(value)
                       for (name, convert), value in zip(_PERSON_READ, row, strict=True)}
    return person


def tags_of(person_ids: Sequence[int], on: dt.date) -> dict[int, list[str]]:
    """Each person's tag categories valid on `on`, in the order tags_on reads them."""
    ids = list(person_ids)
    day = IdentityTag.valid_from.db_value(on)
    cursor = database.execute_sql(native(
        f'SELECT "person_id", "category" FROM "identity_tag" WHERE "person_id" IN '
        f'({_marks(len(ids))}) AND "valid_from" <= ? AND ("valid_to" IS NULL OR '
        f'"valid_to" >= ?) ORDER BY "person_id", "valid_from", "id"'), (*ids, day, day))
    found: dict[int, list[str]] = {i: [] for i in ids}
    for person_id, category in cursor:
        found[person_id].append(category)
    return found


def paid_years_of(person_ids: Sequence[int], lock: bool = False) -> dict[int, dict[int, str]]:
    """Each person's paid years (benefit year -> receipt number), as quoting.paid_years;
    `lock`: the lines locked until COMMIT (PostgreSQL)."""
    ids = list(person_ids)
    text = (f'SELECT l."person_id", l."benefit_year", p."receipt_no" FROM "payment_line" l '
            f'JOIN "payment" p ON l."payment_id" = p."id" WHERE l."person_id" IN '
            f"({_marks(len(ids))}) AND l.\"kind\" = 'year' AND l.\"status\" = 'paid'")
    if lock and is_postgres():
        text += ' FOR UPDATE OF l'
    found: dict[int, dict[int, str]] = {i: {} for i in ids}
    for person_id, year, receipt_no in database.execute_sql(native(text), ids):
        found[person_id][year] = receipt_no
    return found


def insert(model: type[pw.Model], names: Sequence[str], rows: Sequence[tuple],
           returning: Sequence[str] = ()) -> list[tuple]:
    """One multi-row INSERT (RETURNING the named columns, in no promised order)."""
    if not rows:
        return []
    fields = [model._meta.fields[n] for n in names]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    values = ", ".join(f"({_marks(len(fields))})" for _ in rows)
    params = [f.db_value(v) for row in rows for f, v in zip(fields, row, strict=True)]
    text = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES {values}'
    if returning:
        text += " RETURNING " + ", ".join(f'"{model._meta.fields[n].column_name}"'
                                          for n in returning)
    cursor = database.execute_sql(native(text), params)
    return list(cursor.fetchall()) if returning else []


PAYMENT_COLUMNS = ("receipt_no", "series", "receipt_year", "receipt_seq", "counter", "clerk",
                   "household", "channel", "tendered", "total", "status", "paid_at",
                   "business_day", "audit_seq")
ENROLLMENT_COLUMNS = ("person", "benefit_year", "policy", "case", "rate_kind", "gross",
                      "subsidy", "subsidy_category", "payable", "benefit_start",
                      "benefit_end", "waiting_months")
LINE_COLUMNS = ("payment", "person", "enrollment", "benefit_year", "kind", "case",
                "rate_kind", "gross", "subsidy", "subsidy_category", "payable", "status")


def insert_payment(row: tuple) -> int:
    ((payment_id,),) = insert(Payment, PAYMENT_COLUMNS, [row], returning=("id",))
    return payment_id


def insert_lines(payment_id: int, members) -> None:
    """An enrollment per `year` line, then every line, each table in one statement."""
    years = [(m.person_id, x) for m in members for x in m.lines if x.kind == "year"]
    made = insert(Enrollment, ENROLLMENT_COLUMNS, [
        (person, x.benefit_year, x.policy, x.case, x.rate_kind, x.gross, x.subsidy,
         x.subsidy_category, x.payable, x.benefit_start, x.benefit_end, x.waiting_months)
        for person, x in years], returning=("id", "person", "benefit_year"))
    enrollment = {(person, year): i for i, person, year in made}
    insert(PaymentLine, LINE_COLUMNS, [
        (payment_id, m.person_id, enrollment.get((m.person_id, x.benefit_year))
         if x.kind == "year" else None, x.benefit_year, x.kind, x.case, x.rate_kind,
         x.gross, x.subsidy, x.subsidy_category, x.payable, "paid")
        for m in members for x in m.lines])


def region() -> tuple[str, str] | None:
    """The loaded region's (code, name)."""
    return database.execute_sql('SELECT "code", "name" FROM "region" ORDER BY "id" LIMIT 1'
                                ).fetchone()

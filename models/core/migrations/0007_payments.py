"""Payments are the truth about money (issue 12, point 4).

- `payment` (one receipt: counter, clerk, channel, tendered, total, status, time) and
  `payment_line` (person, enrollment, amounts, status), `reversal` (voids and refunds,
  numbered), `receipt_counter` (the last number per series, year and kind, drawn inside
  the paying transaction), `day_close` (a clerk's settled day).
- `enrollment` loses `status` and `paid_at`: a year is paid when a `year` line for it is
  `paid`. A partial unique index refuses a second paid year for the same person.
- Paid enrollments already present (the generator's history) become payments of the
  history series `{region code}-00`, numbered per year in the order they were paid, one
  payment per enrollment; an unpaid enrollment carried no money and is dropped.
"""

import peewee as pw

ONE_PAID_YEAR = "payment_line_one_paid_year"
HISTORY_COUNTER = "00"


def up(migrator, db):
    pg = isinstance(db, pw.PostgresqlDatabase)

    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Household(Base):
        class Meta:
            table_name = "household"

    class Person(Base):
        class Meta:
            table_name = "person"

    class Enrollment(Base):
        class Meta:
            table_name = "enrollment"

    class Payment(Base):
        receipt_no = pw.CharField(unique=True, max_length=40)
        series = pw.CharField(max_length=24)
        receipt_year = pw.IntegerField()
        receipt_seq = pw.IntegerField()
        counter = pw.CharField(max_length=16)
        clerk = pw.CharField(max_length=32, default="")
        household = pw.ForeignKeyField(Household, null=True, on_delete="RESTRICT", index=False)
        channel = pw.CharField(max_length=8)
        tendered = pw.IntegerField(null=True)
        total = pw.IntegerField()
        status = pw.CharField(max_length=12)
        paid_at = pw.DateTimeField()
        business_day = pw.DateField()
        audit_seq = pw.IntegerField(null=True)

        class Meta:
            indexes = (
                (("series", "receipt_year", "receipt_seq"), True),
                (("clerk", "business_day"), False),
                (("household",), False),
            )

    class PaymentLine(Base):
        payment = pw.ForeignKeyField(Payment, on_delete="RESTRICT")
        person = pw.ForeignKeyField(Person, on_delete="RESTRICT", index=False)
        enrollment = pw.ForeignKeyField(Enrollment, null=True, on_delete="RESTRICT")
        benefit_year = pw.IntegerField()
        kind = pw.CharField(max_length=12, default="year")
        case = pw.CharField(max_length=32, default="regular")
        rate_kind = pw.CharField(max_length=12, null=True)
        gross = pw.IntegerField()
        subsidy = pw.IntegerField(default=0)
        subsidy_category = pw.CharField(max_length=32, null=True)
        payable = pw.IntegerField()
        status = pw.CharField(max_length=12)

        class Meta:
            indexes = ((("person", "benefit_year"), False),)

    class Reversal(Base):
        number = pw.CharField(unique=True, max_length=40)
        kind = pw.CharField(max_length=8)
        series = pw.CharField(max_length=24)
        receipt_year = pw.IntegerField()
        receipt_seq = pw.IntegerField()
        payment = pw.ForeignKeyField(Payment, on_delete="RESTRICT")
        amount = pw.IntegerField()
        reason = pw.TextField(default="")
        counter = pw.CharField(max_length=16)
        clerk = pw.CharField(max_length=32)
        at = pw.DateTimeField()
        business_day = pw.DateField()
        audit_seq = pw.IntegerField(null=True)

        class Meta:
            indexes = ((("clerk", "business_day"), False),)

    class ReceiptCounter(Base):
        series = pw.CharField(max_length=24)
        year = pw.IntegerField()
        kind = pw.CharField(max_length=8)
        last = pw.IntegerField(default=0)

        class Meta:
            indexes = ((("series", "year", "kind"), True),)

    class DayClose(Base):
        clerk = pw.CharField(max_length=32)
        counter = pw.CharField(max_length=16)
        day = pw.DateField()
        closed_at = pw.DateTimeField()
        closed_by = pw.CharField(max_length=32)
        summary = pw.TextField(default="")
        audit_seq = pw.IntegerField(null=True)

        class Meta:
            indexes = ((("clerk", "counter", "day"), True),)

    db.create_tables([Payment, PaymentLine, Reversal, ReceiptCounter, DayClose])
    db.execute_sql(f"CREATE UNIQUE INDEX {ONE_PAID_YEAR} ON payment_line "
                   "(person_id, benefit_year) WHERE status = 'paid' AND kind = 'year'")
    db.execute_sql("ALTER TABLE enrollment ADD COLUMN subsidy_category VARCHAR(32)")
    db.execute_sql("ALTER TABLE enrollment ADD COLUMN waiting_months INTEGER")
    _history_payments(db, pg)
    db.execute_sql("DELETE FROM enrollment WHERE status <> 'paid' OR paid_at IS NULL")
    db.execute_sql("DROP INDEX IF EXISTS enrollment_benefit_year_status")
    db.execute_sql("ALTER TABLE enrollment DROP COLUMN status")
    db.execute_sql("ALTER TABLE enrollment DROP COLUMN paid_at")
    db.execute_sql("CREATE INDEX enrollment_benefit_year ON enrollment (benefit_year)")


def _history_payments(db, pg: bool) -> None:
    """One history payment per paid enrollment, the payment taking the enrollment's id (the
    table is new and empty) so its line can name both."""
    row = db.execute_sql("SELECT code FROM region ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return
    series = f"{row[0]}-{HISTORY_COUNTER}"
    year = "CAST(EXTRACT(YEAR FROM e.paid_at) AS INTEGER)" if pg \
        else "CAST(strftime('%Y', e.paid_at) AS INTEGER)"
    day = "CAST(e.paid_at AS DATE)" if pg else "date(e.paid_at)"
    # psycopg2 formats every % of a statement with parameters: its literal % are doubled
    number = ("format('%%s-%%s-%%s', n.series, n.receipt_year, "
              "lpad(n.receipt_seq::text, 6, '0'))"
              if pg else "printf('%s-%d-%06d', n.series, n.receipt_year, n.receipt_seq)")
    param = db.param
    db.execute_sql(
        "INSERT INTO payment (id, receipt_no, series, receipt_year, receipt_seq, counter, "
        "clerk, household_id, channel, tendered, total, status, paid_at, business_day) "
        f"SELECT n.id, {number}, n.series, n.receipt_year, n.receipt_seq, {param}, '', "
        "n.household_id, 'history', NULL, n.payable, 'paid', n.paid_at, n.business_day FROM ("
        f"SELECT e.id, {param} AS series, {year} AS receipt_year, ROW_NUMBER() OVER ("
        f"PARTITION BY {year} ORDER BY e.paid_at, e.id) AS receipt_seq, p.household_id, "
        f"e.payable, e.paid_at, {day} AS business_day FROM enrollment e "
        "JOIN person p ON p.id = e.person_id "
        "WHERE e.status = 'paid' AND e.paid_at IS NOT NULL) n",
        (HISTORY_COUNTER, series))
    db.execute_sql(
        "INSERT INTO payment_line (payment_id, person_id, enrollment_id, benefit_year, kind, "
        "\"case\", rate_kind, gross, subsidy, subsidy_category, payable, status) "
        "SELECT e.id, e.person_id, e.id, e.benefit_year, 'year', e.\"case\", e.rate_kind, "
        "e.gross, e.subsidy, NULL, e.payable, 'paid' FROM enrollment e "
        "WHERE e.status = 'paid' AND e.paid_at IS NOT NULL")
    db.execute_sql(
        "INSERT INTO receipt_counter (series, year, kind, last) "
        "SELECT series, receipt_year, 'payment', MAX(receipt_seq) FROM payment "
        "GROUP BY series, receipt_year")
    if pg:
        db.execute_sql("SELECT setval(pg_get_serial_sequence('payment', 'id'), "
                       "COALESCE((SELECT MAX(id) FROM payment), 0) + 1, false)")


def down(migrator, db):
    db.execute_sql("ALTER TABLE enrollment ADD COLUMN status VARCHAR(12) NOT NULL DEFAULT 'paid'")
    db.execute_sql("ALTER TABLE enrollment ADD COLUMN paid_at TIMESTAMP")
    db.execute_sql(
        "UPDATE enrollment SET paid_at = (SELECT p.paid_at FROM payment_line l "
        "JOIN payment p ON p.id = l.payment_id WHERE l.enrollment_id = enrollment.id "
        "AND l.status = 'paid' ORDER BY l.id LIMIT 1)")
    db.execute_sql("UPDATE enrollment SET status = 'void' WHERE paid_at IS NULL")
    db.execute_sql("DROP INDEX IF EXISTS enrollment_benefit_year")
    db.execute_sql("CREATE INDEX enrollment_benefit_year_status ON enrollment "
                   "(benefit_year, status)")
    for column in ("subsidy_category", "waiting_months"):
        db.execute_sql(f"ALTER TABLE enrollment DROP COLUMN {column}")
    for table in ("day_close", "receipt_counter", "reversal", "payment_line", "payment"):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")

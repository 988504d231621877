"""The tables. Created by `models/migrations`; these classes are the live mapping.

Search columns (id_key, id_key_rev, name, name_pinyin, name_initials) are
compared by prefix ranges; on PostgreSQL the migration gives them the "C"
collation so a plain b-tree serves those ranges whatever the server's locale.
"""

import peewee as pw

from models.core.db import database


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class Region(BaseModel):
    code = pw.CharField(max_length=6)
    name = pw.CharField()
    province = pw.CharField(default="")
    city = pw.CharField(default="")
    id_region_codes = pw.TextField(default="")  # comma-separated codes used in generated IDs
    source = pw.TextField(default="")


class Township(BaseModel):
    name = pw.CharField(unique=True)
    code = pw.CharField(max_length=3)
    note = pw.TextField(default="")


class Village(BaseModel):
    township = pw.ForeignKeyField(Township, backref="villages", on_delete="RESTRICT")
    name = pw.CharField()
    code = pw.CharField(max_length=3)

    class Meta:
        indexes = ((("township", "name"), True),)


class Target(BaseModel):
    township = pw.ForeignKeyField(Township, on_delete="RESTRICT")
    village = pw.ForeignKeyField(Village, null=True, on_delete="RESTRICT")
    year = pw.IntegerField()
    population = pw.IntegerField()
    deduction = pw.IntegerField(null=True)
    target = pw.IntegerField()
    note = pw.TextField(default="")
    source = pw.TextField(default="")


class Household(BaseModel):
    hukou_no = pw.CharField(unique=True, max_length=20)
    village = pw.ForeignKeyField(Village, on_delete="RESTRICT", index=True)
    address = pw.CharField(default="")
    version = pw.IntegerField(default=1)
    created_at = pw.DateTimeField()


class Person(BaseModel):
    id_type = pw.CharField(max_length=20)
    id_number = pw.CharField(null=True, max_length=20)
    id_key = pw.CharField(null=True, max_length=20)
    id_key_rev = pw.CharField(null=True, max_length=20)
    name = pw.CharField(max_length=40)
    name_pinyin = pw.CharField(max_length=240)
    name_initials = pw.CharField(max_length=40)
    gender = pw.CharField(max_length=1)
    birth_date = pw.DateField()
    household = pw.ForeignKeyField(Household, backref="members", on_delete="RESTRICT")
    relation = pw.CharField(max_length=12)
    phone = pw.CharField(null=True, max_length=20)
    status = pw.CharField(max_length=20, default="active")  # active / awaiting_merge / …
    status_date = pw.DateField(null=True)
    merged_into = pw.ForeignKeyField("self", null=True, on_delete="RESTRICT")
    placeholder = pw.BooleanField(default=False)
    version = pw.IntegerField(default=1)
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()
    # The audit event that wrote this version, and a keyed seal over the row with it
    # (models/core/audit_seal.py): a row changed behind the trail's back no longer matches.
    audit_seq = pw.IntegerField(null=True)
    seal = pw.CharField(null=True, max_length=64)


class IdentityTag(BaseModel):
    person = pw.ForeignKeyField(Person, backref="identities", on_delete="RESTRICT")
    category = pw.CharField(max_length=32)
    source = pw.CharField(default="")
    valid_from = pw.DateField()
    valid_to = pw.DateField(null=True)


class Enrollment(BaseModel):
    """A benefit year as the quote priced it for one person. Whether it is paid is its
    payment line's status (PaymentLine), never a column here: one source of truth."""

    person = pw.ForeignKeyField(Person, backref="enrollments", on_delete="RESTRICT")
    benefit_year = pw.IntegerField()
    policy = pw.CharField(max_length=40)
    case = pw.CharField(max_length=32, default="regular")
    rate_kind = pw.CharField(max_length=12, default="individual")
    gross = pw.IntegerField()  # fen
    subsidy = pw.IntegerField(default=0)  # fen
    subsidy_category = pw.CharField(max_length=32, null=True)
    payable = pw.IntegerField()  # fen
    benefit_start = pw.DateField(null=True)
    benefit_end = pw.DateField(null=True)
    waiting_months = pw.IntegerField(null=True)


class Payment(BaseModel):
    """One counter transaction: one receipt, one or more members of a family.

    The receipt number is `{series}-{receipt_year}-{receipt_seq:06d}`, the series being the
    region code and the counter ("430225-01"), drawn gap-free from ReceiptCounter inside
    the paying transaction. Series "…-00" holds the history the generator or an upgrade
    wrote (payments made before this software)."""

    receipt_no = pw.CharField(unique=True, max_length=40)
    series = pw.CharField(max_length=24)
    receipt_year = pw.IntegerField()
    receipt_seq = pw.IntegerField()
    counter = pw.CharField(max_length=16)
    clerk = pw.CharField(max_length=32, default="")  # username; "" for history
    household = pw.ForeignKeyField(Household, null=True, on_delete="RESTRICT")
    channel = pw.CharField(max_length=8)  # cash / pos / qr / other / history
    tendered = pw.IntegerField(null=True)  # fen, cash only
    total = pw.IntegerField()  # fen: the sum of the lines' payable
    status = pw.CharField(max_length=12)  # paid / void / refunded
    paid_at = pw.DateTimeField()
    business_day = pw.DateField()  # the day it belongs to in the clerk's settlement
    audit_seq = pw.IntegerField(null=True)  # the event that recorded it

    class Meta:
        indexes = (
            (("series", "receipt_year", "receipt_seq"), True),
            (("clerk", "business_day"), False),
        )


class PaymentLine(BaseModel):
    """What a payment paid for one person: a benefit year of their own (`year`, with its
    Enrollment), or a missed year paid back (`repaid_year`). Its status follows the
    payment's; a partial unique index (migration 0007) refuses a second paid `year` line
    for the same person and benefit year."""

    payment = pw.ForeignKeyField(Payment, backref="lines", on_delete="RESTRICT")
    person = pw.ForeignKeyField(Person, on_delete="RESTRICT")
    enrollment = pw.ForeignKeyField(Enrollment, null=True, on_delete="RESTRICT")
    benefit_year = pw.IntegerField()
    kind = pw.CharField(max_length=12, default="year")  # year / repaid_year
    case = pw.CharField(max_length=32, default="regular")
    rate_kind = pw.CharField(max_length=12, null=True)
    gross = pw.IntegerField()  # fen
    subsidy = pw.IntegerField(default=0)  # fen
    subsidy_category = pw.CharField(max_length=32, null=True)
    payable = pw.IntegerField()  # fen
    status = pw.CharField(max_length=12)  # paid / void / refunded


class Reversal(BaseModel):
    """A void (same day, supervisor) or a refund (with reason) of a whole payment, with
    its own number `{series}-{receipt_year}-V{seq:06d}` or `…-R{seq:06d}`. Never a delete:
    the payment stays, its status says what happened."""

    number = pw.CharField(unique=True, max_length=40)
    kind = pw.CharField(max_length=8)  # void / refund
    series = pw.CharField(max_length=24)
    receipt_year = pw.IntegerField()
    receipt_seq = pw.IntegerField()
    payment = pw.ForeignKeyField(Payment, backref="reversals", on_delete="RESTRICT")
    amount = pw.IntegerField()  # fen
    reason = pw.TextField(default="")
    counter = pw.CharField(max_length=16)
    clerk = pw.CharField(max_length=32)
    at = pw.DateTimeField()
    business_day = pw.DateField()
    audit_seq = pw.IntegerField(null=True)


class ReceiptCounter(BaseModel):
    """The last number drawn per series, year and kind (payment / void / refund). Drawn by
    an UPDATE inside the paying transaction: a rollback gives the number back."""

    series = pw.CharField(max_length=24)
    year = pw.IntegerField()
    kind = pw.CharField(max_length=8)
    last = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("series", "year", "kind"), True),)


class DayClose(BaseModel):
    """A clerk's day at a counter, closed after its settlement (日结): nothing more lands
    in it. `summary` keeps the figures as they were at closing (JSON)."""

    clerk = pw.CharField(max_length=32)
    counter = pw.CharField(max_length=16)
    day = pw.DateField()
    closed_at = pw.DateTimeField()
    closed_by = pw.CharField(max_length=32)
    summary = pw.TextField(default="")
    audit_seq = pw.IntegerField(null=True)

    class Meta:
        indexes = ((("clerk", "counter", "day"), True),)


class Clerk(BaseModel):
    username = pw.CharField(unique=True, max_length=32)
    display_name = pw.CharField(max_length=40)
    role = pw.CharField(max_length=12)
    password_hash = pw.CharField(max_length=200)
    active = pw.BooleanField(default=True)
    failed_attempts = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)
    created_at = pw.DateTimeField()


class AuditEvent(BaseModel):
    seq = pw.IntegerField(unique=True)
    at = pw.DateTimeField()
    clerk = pw.CharField(max_length=32, default="")
    action = pw.CharField(max_length=40)
    entity = pw.CharField(max_length=40)
    entity_id = pw.CharField(max_length=40, default="")
    before = pw.TextField(default="")
    after = pw.TextField(default="")
    reason = pw.TextField(default="")
    documents = pw.TextField(default="")
    prev_hash = pw.CharField(max_length=64)
    hash = pw.CharField(max_length=64)


class AuditHead(BaseModel):
    """One row: the last sequence number and hash, so a deleted tail is noticed."""

    seq = pw.IntegerField()
    hash = pw.CharField(max_length=64)


class AuditMeta(BaseModel):
    """One row: which key the chain is keyed with (its fingerprint, never the key), from
    which event on, and this database's identity for anchors; `mac` seals the row."""

    database_id = pw.CharField(max_length=32)
    key_id = pw.CharField(max_length=64)
    keyed_from = pw.IntegerField()
    mac = pw.CharField(max_length=64)


class DemoMark(BaseModel):
    """One row in a database made by `yibao demo` (migration 0006), none in any other."""

    created_at = pw.DateTimeField(null=True)


ALL_MODELS = [
    Region, Township, Village, Target, Household, Person, IdentityTag, Enrollment,
    Payment, PaymentLine, Reversal, ReceiptCounter, DayClose,
    Clerk, AuditEvent, AuditHead, AuditMeta, DemoMark,
]


class PrintJob(BaseModel):
    """A slip for a printer (migration 0010): its bytes as built, where it goes, how it
    went. Status: waiting → printing → done | failed (reason code and the Chinese
    message); a `printing` job whose process died is taken up again (printing/queue.py).
    `reprint` 0 is the first print, n the n-th 补打 of the same slip."""

    kind = pw.CharField(max_length=16)  # payment / void / refund / settlement / test
    ref = pw.CharField(max_length=48)  # the receipt or reversal number, or the day's key
    reprint = pw.IntegerField(default=0)
    printer = pw.CharField(max_length=300)  # a URI or a printer's name in the config
    width = pw.IntegerField()  # mm
    data = pw.BlobField()
    status = pw.CharField(max_length=12)
    reason = pw.CharField(max_length=24, null=True)
    message = pw.TextField(null=True)
    attempts = pw.IntegerField(default=0)
    claimed_by = pw.CharField(max_length=80, null=True)  # host:pid while printing
    clerk = pw.CharField(max_length=32)
    counter = pw.CharField(max_length=16)
    business_day = pw.DateField()
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()

    class Meta:
        table_name = "print_job"


ALL_MODELS.append(PrintJob)


class DuplicateCandidate(BaseModel):
    """A pair of records that may be one person (migration 0011), stored once with the
    lower id as `person_a`. decision: sure / review (the scorer's band when found);
    status: open → confirmed / dismissed / merged. `source`: scan (yibao dedup), counter
    (registered anyway), import (a roster row whose ID was held). A dismissed pair is
    never raised again; `merge_id` is the merge that settled it."""

    person_a = pw.ForeignKeyField(Person, on_delete="RESTRICT", backref="+")
    person_b = pw.ForeignKeyField(Person, on_delete="RESTRICT", backref="+")
    score = pw.FloatField()  # 0..1, not money
    decision = pw.CharField(max_length=8)
    reasons = pw.TextField()  # JSON list of the scorer's reasons, in Chinese
    source = pw.CharField(max_length=16)
    status = pw.CharField(max_length=12, default="open")
    found_at = pw.DateTimeField()
    decided_at = pw.DateTimeField(null=True)
    decided_by = pw.CharField(max_length=32, null=True)
    merge_id = pw.IntegerField(null=True)

    class Meta:
        table_name = "duplicate_candidate"


ALL_MODELS.append(DuplicateCandidate)


class MergeLog(BaseModel):
    """One merge of two person records (migration 0012): who survives, what was kept from
    which, and every row the merge touched as it was before and as the merge left it
    (JSON snapshots, `{table: {id: row}}`), so an unmerge puts each back and can tell a
    row changed since. Never deleted: an unmerge fills undone_at/by."""

    survivor = pw.ForeignKeyField(Person, on_delete="RESTRICT", backref="+")
    other = pw.ForeignKeyField(Person, on_delete="RESTRICT", backref="+")
    candidate = pw.IntegerField(null=True)  # the duplicate_candidate it settled
    kept = pw.TextField()  # JSON: field -> "survivor" / "other"
    before = pw.TextField()  # JSON snapshots of every touched row before the merge
    after = pw.TextField()  # and as the merge left them
    refunds = pw.TextField(default="")  # JSON: the refunds the merge opened (numbers)
    merged_at = pw.DateTimeField()
    merged_by = pw.CharField(max_length=32)
    audit_seq = pw.IntegerField(null=True)
    undone_at = pw.DateTimeField(null=True)
    undone_by = pw.CharField(max_length=32, null=True)

    class Meta:
        table_name = "merge_log"


ALL_MODELS.append(MergeLog)

"""The print queue (issue 13 point 5): one row a slip sent (or to send) to a printer.

The bytes are kept as built, so a retry prints exactly what the first attempt meant to,
and a reprint is the same slip with its 补打 mark. A job names what it prints by number
(a receipt, a void or refund, a settlement), not by foreign key: printing never holds a
lock on the money, and a test slip has no payment at all.
"""

import peewee as pw


def up(migrator, db):
    class PrintJob(pw.Model):
        kind = pw.CharField(max_length=16)
        ref = pw.CharField(max_length=48)
        reprint = pw.IntegerField(default=0)
        printer = pw.CharField(max_length=300)
        width = pw.IntegerField()
        data = pw.BlobField()
        status = pw.CharField(max_length=12)
        reason = pw.CharField(max_length=24, null=True)
        message = pw.TextField(null=True)
        attempts = pw.IntegerField(default=0)
        claimed_by = pw.CharField(max_length=80, null=True)
        clerk = pw.CharField(max_length=32)
        counter = pw.CharField(max_length=16)
        business_day = pw.DateField()
        created_at = pw.DateTimeField()
        updated_at = pw.DateTimeField()

        class Meta:
            database = db
            table_name = "print_job"
            indexes = (
                (("kind", "ref", "reprint"), True),
                (("status",), False),
                (("clerk", "business_day"), False),
            )

    db.create_tables([PrintJob])


def down(migrator, db):
    db.execute_sql("DROP TABLE IF EXISTS print_job")

"""The merge log (issue 14 points 4 and 5): one row a merge of two person records.

It keeps the snapshots of both records and of every row the merge moved or changed
(enrollments, payment lines, identity tags, household members and households, the
duplicate candidate), before and after, so a supervisor's unmerge restores them exactly
and can tell what was changed since. A merge is never deleted: undoing it fills
undone_at and undone_by, and the app role may not delete a row (models/core/app_role.py).
"""

import peewee as pw


def up(migrator, db):
    class Person(pw.Model):
        class Meta:
            database = db
            table_name = "person"

    class MergeLog(pw.Model):
        survivor = pw.ForeignKeyField(Person, on_delete="RESTRICT")
        other = pw.ForeignKeyField(Person, on_delete="RESTRICT")
        candidate = pw.IntegerField(null=True)
        kept = pw.TextField()
        before = pw.TextField()
        after = pw.TextField()
        refunds = pw.TextField(default="")
        merged_at = pw.DateTimeField()
        merged_by = pw.CharField(max_length=32)
        audit_seq = pw.IntegerField(null=True)
        undone_at = pw.DateTimeField(null=True)
        undone_by = pw.CharField(max_length=32, null=True)

        class Meta:
            database = db
            table_name = "merge_log"
            indexes = ((("survivor",), False), (("other",), False))

    db.create_tables([MergeLog])


def down(migrator, db):
    db.execute_sql("DROP TABLE IF EXISTS merge_log")

"""Duplicate candidates (issue 14): a pair of person records the scorer thinks may be one
person, and what the clerks decided about it.

A pair is stored once, the lower record id first, so a re-scan finds the decision it
made before: a dismissed pair is never raised again, a confirmed or merged one keeps its
status, and only pairs never seen are added. The reasons are the scorer's own words at
the time it found the pair; the score is between 0 and 1.
"""

import peewee as pw


def up(migrator, db):
    class Person(pw.Model):
        class Meta:
            database = db
            table_name = "person"

    class DuplicateCandidate(pw.Model):
        person_a = pw.ForeignKeyField(Person, on_delete="RESTRICT")
        person_b = pw.ForeignKeyField(Person, on_delete="RESTRICT")
        score = pw.FloatField()
        decision = pw.CharField(max_length=8)
        reasons = pw.TextField()
        source = pw.CharField(max_length=16)
        status = pw.CharField(max_length=12, default="open")
        found_at = pw.DateTimeField()
        decided_at = pw.DateTimeField(null=True)
        decided_by = pw.CharField(max_length=32, null=True)
        merge_id = pw.IntegerField(null=True)

        class Meta:
            database = db
            table_name = "duplicate_candidate"
            indexes = (
                (("person_a", "person_b"), True),
                (("status", "score"), False),
            )

    db.create_tables([DuplicateCandidate])
    db.execute_sql("CREATE INDEX duplicate_candidate_person_b ON duplicate_candidate "
                   "(person_b_id)")


def down(migrator, db):
    db.execute_sql("DROP TABLE IF EXISTS duplicate_candidate")

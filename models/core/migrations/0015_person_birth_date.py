"""An index on the person's birth date (issue 14): the duplicate check at the counter
fetches everyone born on the day typed (and on its day and month swapped) to score them,
and the batch scan walks the register in birth-date order. At a million people a day
holds a few dozen records: an index lookup, never a scan."""


def up(migrator, db):
    db.execute_sql("CREATE INDEX person_birth_date ON person (birth_date, id)")


def down(migrator, db):
    db.execute_sql("DROP INDEX IF EXISTS person_birth_date")

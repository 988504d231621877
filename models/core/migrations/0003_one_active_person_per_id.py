"""One active person per ID: the database refuses a second, as the services do.

A record that shares its ID key with an earlier active one (a generated duplicate, or one
"registered anyway" before this rule) becomes `awaiting_merge`: the earliest record keeps
the ID, the later ones wait for a merge and are shown with it. Then a partial unique
index holds the rule on both engines.

On PostgreSQL two columns widen (SQLite does not enforce a CHAR length): the status for
`awaiting_merge`, and name_pinyin, six letters (zhuang) for each of a name's up to 40
characters. The collation stays "C", so the search indexes keep serving prefix ranges.
"""

import peewee as pw

INDEX = "person_one_active_per_id"


def up(migrator, db):
    if isinstance(db, pw.PostgresqlDatabase):
        db.execute_sql("ALTER TABLE person ALTER COLUMN status TYPE varchar(20)")
        db.execute_sql('ALTER TABLE person ALTER COLUMN name_pinyin TYPE varchar(240) '
                       'COLLATE "C"')
    db.execute_sql(
        "UPDATE person SET status = 'awaiting_merge' "
        "WHERE status = 'active' AND id_key IS NOT NULL AND EXISTS ("
        "SELECT 1 FROM person AS earlier WHERE earlier.id_key = person.id_key "
        "AND earlier.status = 'active' AND earlier.id < person.id)")
    db.execute_sql(
        f"CREATE UNIQUE INDEX {INDEX} ON person (id_key) "
        "WHERE status = 'active' AND id_key IS NOT NULL")


def down(migrator, db):
    db.execute_sql(f"DROP INDEX IF EXISTS {INDEX}")
    db.execute_sql("UPDATE person SET status = 'active' WHERE status = 'awaiting_merge'")
    if isinstance(db, pw.PostgresqlDatabase):
        # name_pinyin stays wide: narrowing it could cut a long name's key
        db.execute_sql("ALTER TABLE person ALTER COLUMN status TYPE varchar(12)")

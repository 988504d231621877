"""A small settings table: on PostgreSQL it remembers the app role the counters use.

The grants themselves are not a migration: models/core/app_role.py applies them after
every migration run (as the owner), so a table any later migration adds is covered.
"""


def up(migrator, db):
    db.execute_sql("CREATE TABLE db_setting (key VARCHAR(40) NOT NULL PRIMARY KEY, "
                   "value TEXT NOT NULL)")


def down(migrator, db):
    db.execute_sql("DROP TABLE IF EXISTS db_setting")

"""A database made by `yibao demo` says so: one row in demo_mark. Only such a database
opens the counter signed in without a password (issue 10, point 3).

A demo database from before this migration has no mark: it is recognised by what only
`yibao demo` made, the demo county (演示县, from fixtures/regions/demo.toml) as its region
and the demo's own clerk as its only account. Any other database stays unmarked, so
`yibao demo` on it is refused.
"""

import peewee as pw

from models.rules.region_file import read_region_file, resolve_region_path
from models.texts.cli import DEMO_CLERK, DEMO_CLERK_NAME


def up(migrator, db):
    class DemoMark(pw.Model):
        created_at = pw.DateTimeField(null=True)  # unknown for a mark this migration sets

        class Meta:
            database = db
            table_name = "demo_mark"

    db.create_tables([DemoMark])
    if _made_by_demo_before(db):
        DemoMark.create(created_at=None)


def _made_by_demo_before(db) -> bool:
    demo = read_region_file(resolve_region_path("demo"))
    regions = db.execute_sql("SELECT code, name FROM region").fetchall()
    clerks = db.execute_sql("SELECT username, display_name FROM clerk").fetchall()
    return (regions == [(demo.code, demo.name)]
            and [tuple(row) for row in clerks] == [(DEMO_CLERK, DEMO_CLERK_NAME)])


def down(migrator, db):
    db.execute_sql("DROP TABLE IF EXISTS demo_mark")

"""Audit events are append-only in the database itself, not only by convention.

Someone with direct database access can still drop these triggers; `yibao audit verify`
is what catches that kind of tampering. The triggers stop the honest mistake.
"""

import peewee as pw

MESSAGE = "audit_event is append-only"


def up(migrator, db):
    if isinstance(db, pw.PostgresqlDatabase):
        db.execute_sql(
            "CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql")
        db.execute_sql(
            "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()")
        return
    for verb in ("UPDATE", "DELETE"):
        db.execute_sql(
            f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")


def down(migrator, db):
    if isinstance(db, pw.PostgresqlDatabase):
        db.execute_sql("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event")
        db.execute_sql("DROP FUNCTION IF EXISTS audit_event_append_only()")
        return
    for verb in ("update", "delete"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS audit_event_no_{verb}")

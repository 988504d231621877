"""PostgreSQL: the owner migrates, the counters connect as a lesser app role.

The owner role owns the database and every table and runs the migrations (`yibao init`
and any later upgrade). The app role, which every counter uses, owns nothing, so it
cannot ALTER, DROP or disable a trigger; what it may do to each table is granted here,
after every migration run, from APP_RIGHTS: a table a later migration adds gets the
register's rights without anyone remembering, the exceptions are listed once below.
The app role's name is kept in the db_setting table (migration 0005) for later runs.

SQLite has no roles: a counter's file is protected by its file permissions, and the
audit trail by its keyed chain and the anchors kept outside the file.
"""

import os
import re

import peewee as pw

from models.core.errors import DomainError
from models.texts import messages as msg

DEFAULT_APP_ROLE = "yibao_app"
SETTING_KEY = "app_role"
REGISTER_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"
# nextval, and setval: the bulk writer moves a table's sequence past the ids it wrote
REGISTER_SEQUENCE_RIGHTS = "USAGE, UPDATE"
# The one place that says what the app role may do beyond reading and writing the register.
APP_RIGHTS = {
    "audit_event": "SELECT, INSERT",  # append only: no UPDATE, DELETE, TRUNCATE
    # the chain's trigger moves the head, and audit_lock_head() locks it, both SECURITY
    # DEFINER functions of the owner (migration 0004): the app only reads it
    "audit_head": "SELECT",
    # one row, the key's fingerprint, inserted by the first keyed write (whoever makes it);
    # a second row fails on its primary key, and verify wants exactly one, MAC intact
    "audit_meta": "SELECT, INSERT",
    "schema_migration": "SELECT",  # to see that nothing is pending
    "db_setting": "SELECT",
    "demo_mark": "SELECT",  # a counter must not make a hall's database a passwordless demo
    # money is never deleted (issue 12): a payment is voided or refunded, its status says so
    "payment": "SELECT, INSERT, UPDATE",
    "payment_line": "SELECT, INSERT, UPDATE",
    "reversal": "SELECT, INSERT",
    "receipt_counter": "SELECT, INSERT, UPDATE",
    "day_close": "SELECT, INSERT",
    # a slip's job stays, done or not: the settlement counts reprints from it
    "print_job": "SELECT, INSERT, UPDATE",
    # a decision is changed, never deleted: a dismissed pair must stay to stay dismissed
    "duplicate_candidate": "SELECT, INSERT, UPDATE",
    "merge_log": "SELECT, INSERT, UPDATE",  # an unmerge marks it undone, never deletes it
}  # and a listed table's own sequence only USAGE
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"


def default_app_role() -> str:
    return os.environ.get("YIBAO_APP_ROLE") or DEFAULT_APP_ROLE


def check_role_name(role: str) -> str:
    if not ROLE_NAME.fullmatch(role):
        raise DomainError(msg.APP_ROLE_BAD_NAME.format(role=role))
    return role


def stored_app_role(db: pw.Database) -> str | None:
    if "db_setting" not in db.get_tables():
        return None
    row = db.execute_sql("SELECT value FROM db_setting WHERE key = %s",
                         (SETTING_KEY,)).fetchone()
    return row[0] if row else None


def refuse_unless_owner(db: pw.Database, pending: list[str]) -> None:
    """Migrating takes the database's owner (or a member of that role): anyone else is
    told so before anything is changed."""
    row = db.execute_sql(
        "SELECT current_user, current_database(), pg_has_role(current_user, d.datdba, 'USAGE') "
        "AND NOT EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = current_schema() "
        "AND NOT pg_has_role(current_user, t.tableowner, 'USAGE')) "
        "FROM pg_database d WHERE d.datname = current_database()").fetchone()
    user, name, owner = row
    if owner:
        return
    if pending:
        raise DomainError(msg.DB_NEEDS_UPGRADE.format(count=len(pending), user=user,
                                                      database=name))
    raise DomainError(msg.DB_INIT_NEEDS_OWNER.format(user=user, database=name))


def refuse_without_rights(db: pw.Database) -> None:
    """The connected role was granted nothing here (a hall from before this layout)."""
    user, name = db.execute_sql("SELECT current_user, current_database()").fetchone()
    raise DomainError(msg.DB_NO_RIGHTS.format(user=user, database=name))


def check_app_role(db: pw.Database, role: str) -> None:
    """The app role must exist and must be weaker than the owner."""
    check_role_name(role)
    row = db.execute_sql(
        "SELECT r.rolsuper OR pg_has_role(r.oid, d.datdba, 'MEMBER'), current_database() "
        "FROM pg_roles r, pg_database d "
        "WHERE r.rolname = %s AND d.datname = current_database()", (role,)).fetchone()
    if row is None:
        raise DomainError(msg.APP_ROLE_MISSING.format(role=role))
    if row[0]:
        raise DomainError(msg.APP_ROLE_TOO_STRONG.format(role=role, database=row[1]))


def grant(db: pw.Database, role: str) -> None:
    """Give `role` exactly APP_RIGHTS on every table of the schema (idempotent), and
    remember it; a role named before loses what it was given."""
    schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
    tables = db.get_tables()
    with db.atomic():
        previous = stored_app_role(db)
        if previous and previous != role:
            _revoke_everything(db, schema, previous)
        if not db.execute_sql("SELECT has_schema_privilege(%s, %s, 'USAGE')",
                              (role, schema)).fetchone()[0]:
            db.execute_sql(f"GRANT USAGE ON SCHEMA {_q(schema)} TO {_q(role)}")
        for table in tables:
            db.execute_sql(f"REVOKE ALL ON TABLE {_q(table)} FROM {_q(role)}")
            db.execute_sql(f"GRANT {APP_RIGHTS.get(table, REGISTER_RIGHTS)} "
                           f"ON TABLE {_q(table)} TO {_q(role)}")
        for sequence, table in _sequences(db):
            db.execute_sql(f"REVOKE ALL ON SEQUENCE {_q(sequence)} FROM {_q(role)}")
            rights = "USAGE" if table in APP_RIGHTS else REGISTER_SEQUENCE_RIGHTS
            db.execute_sql(f"GRANT {rights} ON SEQUENCE {_q(sequence)} TO {_q(role)}")
        db.execute_sql(
            "INSERT INTO db_setting (key, value) VALUES (%s, %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (SETTING_KEY, role))


def _sequences(db: pw.Database) -> list[tuple[str, str | None]]:
    """Every sequence of the schema with the table whose column it serves (if any)."""
    return db.execute_sql(
        "SELECT s.relname, t.relname FROM pg_class s "
        "LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass "
        "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
        "LEFT JOIN pg_class t ON t.oid = d.refobjid "
        "WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace").fetchall()


def _revoke_everything(db: pw.Database, schema: str, role: str) -> None:
    exists = db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if exists:
        db.execute_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA {_q(schema)} FROM {_q(role)}")
        db.execute_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {_q(schema)} FROM {_q(role)}")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

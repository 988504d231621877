"""A hall's PostgreSQL layout (issue 10, point 7): the owner migrates, every counter
connects as the app role, which may read and write the register, append to the audit
trail and nothing more. SQLite has no roles: its half of these rules is the file's
permissions and the keyed chain, tested with the audit trail."""

import os
import shutil

import peewee as pw
import pytest
from actors import ADMIN
from db_peek import applied_at, tables_at

from models.access import clerks
from models.core import app_role, audit
from models.core import db as db_module
from models.core.db import open_database
from models.core.errors import DomainError
from models.core.schema import AuditEvent, Person

ON_POSTGRESQL = [b for b in os.environ.get("YIBAO_TEST_BACKENDS", "sqlite,postgresql").split(",")
                 if b == "postgresql"]
pytestmark = pytest.mark.parametrize("empty_database", ON_POSTGRESQL, indirect=True)
INSUFFICIENT_PRIVILEGE = "42501"  # "permission denied" and "must be owner", alike


def refused(db, sql: str) -> str:
    """Run `sql` as the connected role; the permission error it must meet, as text."""
    with pytest.raises(pw.ProgrammingError) as e, db.atomic():
        db.execute_sql(sql)
    cause = e.value.orig  # the driver's error
    assert cause.pgcode == INSUFFICIENT_PRIVILEGE, cause
    return str(cause)


def rights(db, table: str) -> set[str]:
    rows = db.execute_sql(
        "SELECT privilege_type FROM information_schema.role_table_grants "
        "WHERE grantee = current_user AND table_name = %s", (table,))
    return {r[0] for r in rows}


def close(handle) -> None:
    handle.close_all()


def test_the_counter_is_the_app_role_not_a_superuser_and_owns_nothing(db, db_urls):
    user, superuser, create_role, create_db = db.execute_sql(
        "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
        "WHERE rolname = current_user").fetchone()
    assert user == app_role.default_app_role()
    assert not (superuser or create_role or create_db)
    owned = db.execute_sql(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND pg_get_userbyid(c.relowner) = current_user")
    assert owned.fetchone()[0] == 0
    owner = db.execute_sql("SELECT pg_get_userbyid(datdba) FROM pg_database "
                           "WHERE datname = current_database()").fetchone()[0]
    assert owner != user and db_urls.owner.startswith(f"postgresql://{owner}:")
    assert db.execute_sql("SELECT value FROM db_setting WHERE key = 'app_role'"
                          ).fetchone()[0] == user


def test_the_grants_are_exactly_the_layout(db):
    assert rights(db, "audit_event") == {"SELECT", "INSERT"}
    assert rights(db, "audit_head") == {"SELECT"}
    assert rights(db, "audit_meta") == {"SELECT", "INSERT"}
    assert rights(db, "schema_migration") == {"SELECT"}
    assert rights(db, "db_setting") == {"SELECT"}
    assert rights(db, "demo_mark") == {"SELECT"}
    for table in ("person", "household", "village", "township", "target", "region",
                  "identity_tag", "enrollment", "clerk"):
        assert rights(db, table) == {"SELECT", "INSERT", "UPDATE", "DELETE"}, table
    sequences = {
        name: db.execute_sql("SELECT has_sequence_privilege(%s, 'USAGE'), "
                             "has_sequence_privilege(%s, 'UPDATE')", (name, name)).fetchone()
        for name in ("audit_event_id_seq", "audit_head_id_seq", "person_id_seq",
                     "household_id_seq")}
    assert sequences == {"audit_event_id_seq": (True, False), "audit_head_id_seq": (True, False),
                         "person_id_seq": (True, True), "household_id_seq": (True, True)}


@pytest.mark.parametrize("sql", [
    "UPDATE audit_event SET reason = 'x'",
    "DELETE FROM audit_event",
    "TRUNCATE audit_event",
    "ALTER TABLE audit_event DISABLE TRIGGER ALL",
    "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only",
    "DROP TRIGGER audit_event_append_only ON audit_event",
    "DROP TABLE audit_event",
    "ALTER TABLE audit_event RENAME TO audit_event_old",
    "DELETE FROM audit_head",
    "INSERT INTO audit_head (seq, hash) VALUES (0, 'x')",
    "TRUNCATE audit_head",
    "UPDATE audit_head SET seq = 0",
    "UPDATE audit_meta SET keyed_from = 0",
    "DELETE FROM audit_meta",
    "INSERT INTO demo_mark (created_at) VALUES (now())",
    "ALTER TABLE person ADD COLUMN note text",
    "ALTER TABLE person DROP CONSTRAINT person_pkey",
    "DROP INDEX person_one_active_per_id",
    "CREATE TRIGGER sneak BEFORE UPDATE ON person FOR EACH ROW "
    "EXECUTE FUNCTION audit_event_append_only()",
    "TRUNCATE person",
    "DELETE FROM schema_migration",
    "INSERT INTO schema_migration (name, applied) VALUES ('9999_x', now())",
    "UPDATE db_setting SET value = 'x'",
    "SELECT setval('audit_event_id_seq', 1000)",
])
def test_what_the_app_role_cannot_do(db, clock, sql):
    clerks.add_clerk(clock, ADMIN, username="zhao_admin", display_name="赵管理", role="admin",
                     password="admin-pass-1")
    refused(db, sql)
    assert AuditEvent.select().count() == 1 and audit.verify().ok


def test_the_app_role_works_the_register_and_appends_to_the_trail(family, db, clock):
    """The demo region, a family of three and an account, all written as the app role:
    rows in, sequences drawn, events appended and the head moved."""
    clerks.add_clerk(clock, ADMIN, username="zhao_admin", display_name="赵管理", role="admin",
                     password="admin-pass-1")
    report = audit.verify()
    last = AuditEvent.select(pw.fn.MAX(AuditEvent.seq)).scalar()
    assert report.ok and last >= 5  # region, three people, clerk
    assert db.execute_sql("SELECT seq FROM audit_head").fetchone()[0] == last
    assert sorted(p.name for p in Person.select()) == sorted(p.name for p in family)


def test_a_counter_refuses_a_database_that_needs_upgrading(db_urls, tmp_path, monkeypatch):
    """A migration the counter's role may not run is refused before anything changes;
    the owner runs it and grants the app role the new table, nobody having to remember.
    (A register table of the future: `payment` is a real table since migration 0007.)"""
    later = tmp_path / "migrations"
    shutil.copytree(db_module.MIGRATIONS, later, ignore=shutil.ignore_patterns("__pycache__"))
    (later / "0099_counter_note.py").write_text(
        "def up(migrator, db):\n"
        "    db.execute_sql('CREATE TABLE counter_note (id SERIAL PRIMARY KEY, '\n"
        "                   'fen INTEGER NOT NULL)')\n"
        "\n\ndef down(migrator, db):\n    db.execute_sql('DROP TABLE counter_note')\n",
        encoding="utf-8")
    monkeypatch.setattr(db_module, "MIGRATIONS", later)

    for options in ({"create": False}, {"create": True}, {"migrate": False}):
        with pytest.raises(DomainError) as e:
            open_database(db_urls.app, **options)
        assert "数据库需要升级（还有1个迁移未运行）" in e.value.message
        assert "所有者账号运行 yibao init" in e.value.message
    assert "counter_note" not in tables_at(db_urls.app)
    assert "0099_counter_note" not in applied_at(db_urls.app)

    close(open_database(db_urls.owner))  # the upgrade, as the owner
    counter = open_database(db_urls.app)
    try:
        with counter.atomic():
            counter.execute_sql("INSERT INTO counter_note (fen) VALUES (28000)")
        assert counter.execute_sql("SELECT fen FROM counter_note").fetchone()[0] == 28000
        assert rights(counter, "counter_note") == {"SELECT", "INSERT", "UPDATE", "DELETE"}
        assert rights(counter, "audit_event") == {"SELECT", "INSERT"}
        refused(counter, "DROP TABLE counter_note")
    finally:
        close(counter)


@pytest.mark.parametrize("migrate", [True, False])
def test_a_counter_given_no_rights_is_told_to_run_init(db_urls, migrate):
    """A hall from before this layout: the app role was never granted anything."""
    from playhouse.db_url import connect

    role = app_role.default_app_role()
    owner = connect(db_urls.owner)
    owner.execute_sql(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"')
    owner.close()
    with pytest.raises(DomainError) as e:
        open_database(db_urls.app, migrate=migrate)
    assert f"当前账号 {role} 没有使用数据库" in e.value.message
    assert "所有者账号运行 yibao init" in e.value.message
    close(open_database(db_urls.owner, app_role=role))
    close(open_database(db_urls.app, migrate=migrate))


def test_only_the_owner_migrates_an_empty_database(empty_database):
    with pytest.raises(DomainError) as e:
        open_database(empty_database.app)
    assert "数据库需要升级" in e.value.message and "什么也没有改动" in e.value.message
    assert tables_at(empty_database.app) == []


@pytest.mark.parametrize(("role", "fragment"), [
    ("nobody_here", "没有应用账号 nobody_here：请管理员先以 postgres 身份运行 "
                    "CREATE ROLE nobody_here LOGIN PASSWORD"),
    ("Bad-Name", "应用账号名只能由小写字母"),
    (None, "不能是超级用户，也不能是数据库"),  # the owner itself
])
def test_a_wrong_app_role_is_refused_before_anything_is_made(empty_database, pg_roles, role,
                                                             fragment):
    with pytest.raises(DomainError) as e:
        open_database(empty_database.owner, app_role=role or pg_roles.owner)
    assert fragment in e.value.message
    assert tables_at(empty_database.owner) == []


def test_naming_another_app_role_moves_the_rights_to_it(db_urls, pg_server_url, pg_roles):
    """`yibao init --app-role other`: the new role gets the layout, the old one keeps
    nothing, and the database remembers the new name for later upgrades."""
    from playhouse.db_url import connect

    other = f"{pg_roles.app}_next"
    server = connect(pg_server_url)
    server.execute_sql(f'CREATE ROLE "{other}" NOLOGIN')
    try:
        owner = open_database(db_urls.owner, app_role=other)
        try:
            def can(role: str, table: str, right: str) -> bool:
                return owner.execute_sql("SELECT has_table_privilege(%s, %s, %s)",
                                         (role, table, right)).fetchone()[0]

            assert can(other, "person", "UPDATE") and can(other, "audit_event", "INSERT")
            assert not can(other, "audit_event", "UPDATE")
            assert not any(can(pg_roles.app, table, "SELECT")
                           for table in ("person", "audit_event", "schema_migration"))
            assert app_role.stored_app_role(owner) == other
        finally:
            close(owner)
        close(open_database(db_urls.owner, app_role=pg_roles.app))  # and back
        counter = open_database(db_urls.app)
        try:
            assert rights(counter, "person") == {"SELECT", "INSERT", "UPDATE", "DELETE"}
        finally:
            close(counter)
    finally:
        server.execute_sql(f'DROP ROLE "{other}"')
        server.close()

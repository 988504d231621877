import pytest

from models.core.db import is_postgres, open_database
from models.core.errors import DomainError


def test_schema_is_created_by_migrations_and_reopening_is_harmless(db, db_url):
    tables = set(db.get_tables())
    assert {"person", "household", "village", "township", "target", "identity_tag",
            "enrollment", "clerk", "audit_event", "audit_head", "schema_migration"} <= tables
    history = "SELECT name FROM schema_migration ORDER BY id"
    applied = [r[0] for r in db.execute_sql(history)]
    assert applied == ["0001_initial", "0002_audit_append_only", "0003_one_active_person_per_id",
                       "0004_keyed_audit", "0005_app_role_settings", "0006_demo_mark",
                       "0007_payments",
                       "0010_print_jobs", "0011_duplicate_candidates",
                       "0012_merge_log", "0015_person_birth_date"]
    again = open_database(db_url)
    assert [r[0] for r in again.execute_sql(history)] == applied


def test_lookup_indexes_exist(db):
    indexes = {i.name for i in db.get_indexes("person")}
    for name in ("person_id_key", "person_id_key_rev", "person_name_id", "person_name_initials_id",
                 "person_name_pinyin_id", "person_phone", "person_household_id",
                 "person_one_head_per_household", "person_one_active_per_id"):
        assert name in indexes


def test_sqlite_settings(db):
    if is_postgres(db):
        rows = db.execute_sql(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'person' AND column_name IN ('name', 'id_key_rev')").fetchall()
        assert [r[0] for r in rows] == ["C", "C"]
        return
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db._lock_type == "IMMEDIATE"
    assert db._timeout >= 5


@pytest.mark.parametrize("url", ["mysql://x/y", "sqlite://", "postgresql://host/"])
def test_bad_urls_are_refused_in_chinese(url):
    with pytest.raises(DomainError) as e:
        open_database(url)
    assert "数据库地址不对" in e.value.message


def test_reading_an_uninitialised_file_does_not_create_it(tmp_path):
    path = tmp_path / "missing.db"
    with pytest.raises(DomainError) as e:
        open_database(f"sqlite:///{path}", migrate=False)
    assert "尚未初始化" in e.value.message
    assert not path.exists()

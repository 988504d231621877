"""A load into an empty register builds the big tables' indexes after the rows (SQLite)."""

import pytest
from actors import SYSTEM

from models.core.db import is_postgres
from models.core.errors import DomainError
from models.core.schema import Household, Person, Village
from models.demo.generator import generate_county
from models.registry.bulk import indexes
from models.registry.regions import load_region
from models.rules.region_file import read_region_file, resolve_region_path


def index_definitions(db) -> set:
    if is_postgres(db):
        sql = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
    else:
        sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
    return set(db.execute_sql(sql).fetchall())


def test_generating_into_an_empty_register_leaves_every_index_as_it_was(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    before = index_definitions(db)
    result = generate_county(clock, SYSTEM, 1500, seed=5, duplicates=0.05)
    assert index_definitions(db) == before
    # the one-active-record-per-ID rule held during the load, without the index
    assert Person.select().where(Person.status == "awaiting_merge").count() > 0
    assert result.people == Person.select().count()


def test_an_index_the_loaded_rows_break_refuses_the_load(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    village = Village.select().first()
    with pytest.raises(DomainError) as e, db.atomic():
        saved = indexes.drop_for_load(("household",))
        if is_postgres(db):  # only the owner may drop an index: PostgreSQL keeps them
            assert saved == []
            raise DomainError("kept")
        assert "household_hukou_no" in {name for name, _ in saved}
        for _ in range(2):
            Household.insert(hukou_no="4302250000001", village=village, address="",
                             version=1, created_at="2026-11-22 09:00:00").execute()
        indexes.rebuild(saved)
    assert "household" in e.value.message or e.value.message == "kept"
    assert Household.select().count() == 0

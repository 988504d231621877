"""Every kind of lookup is served by its index, on both databases, so that its cost does
not grow with the register: a point lookup reads its few rows; a prefix reads one page
in the index's order (no sort of all the matches). PostgreSQL is asked with sequential
and bitmap scans turned off (each then costs it a fortune rather than being refused): on a
small table it would rightly prefer them, and what matters here is that the index can
serve the query at a city's size (the "C" collation keeps the prefix ranges). A page that
must come in order is chosen by its index under a LIMIT before it is joined, a shape
that holds whatever the planner estimates the matches to be (at ten million it guessed
32 rows for a prefix that matched 6,521, and sorted them all)."""

import json

import pytest
from actors import SYSTEM

from models.core.db import is_postgres
from models.demo.generator import generate_county
from models.registry.lookup import PAGE_SIZE, statement, status_statement
from models.registry.regions import load_region
from models.rules.region_file import read_region_file, resolve_region_path

# kind, key, the index that must serve it, whether the page must come in the index's
# order: the kinds that can match thousands (a surname, two initials). The others match a
# handful even at ten million (a whole ID or 17 digits of one, six or more last digits, a
# household number, a phone), and PostgreSQL may sort those few: its single-column
# id_key indexes, unlike SQLite's, do not end with the row id.
KINDS = [
    ("id", "430225198001010011", "person_id_key", False),
    ("id_prefix", "43022519800101001", "person_id_key", False),
    ("id_suffix", "110010", "person_id_key_rev", False),
    ("name", "王", "person_name_id", True),
    ("initials", "wf", "person_name_initials_id", True),
    ("pinyin", "wang", "person_name_pinyin_id", True),
    ("household", "4302250000001", "household_hukou_no", False),
    ("phone", "13812345678", "person_phone", False),
]


@pytest.fixture
def county(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    generate_county(clock, SYSTEM, 2000, seed=3)
    return db


def postgres_explain(db, explain: str, sql: str, params: list) -> list[tuple]:
    with db.atomic():
        for setting in ("enable_seqscan", "enable_bitmapscan"):
            db.execute_sql(f"SET LOCAL {setting} = off")
        return db.execute_sql(explain + sql, params).fetchall()


def plan(db, sql: str, params: list) -> str:
    if is_postgres(db):
        return "\n".join(r[0] for r in postgres_explain(db, "EXPLAIN ", sql, params))
    return "\n".join(str(r) for r in db.execute_sql("EXPLAIN QUERY PLAN " + sql,
                                                    params).fetchall())


def _index_scan_under_limit(db, query: tuple[str, list], index: str) -> bool:
    """Whether the plan has a scan of `index` whose parent is a Limit node."""
    [(document,)] = postgres_explain(db, "EXPLAIN (FORMAT JSON) ", *query)
    if isinstance(document, str):  # psycopg2 parses json; another driver may not
        document = json.loads(document)

    def walk(node: dict, parent: dict | None):
        yield node, parent
        for child in node.get("Plans", ()):
            yield from walk(child, node)

    return any(n.get("Index Name") == index and p is not None and p["Node Type"] == "Limit"
               for n, p in walk(document[0]["Plan"], None))


@pytest.mark.parametrize(("kind", "key", "index", "in_order"), KINDS)
def test_each_kind_of_lookup_is_served_by_its_index(county, kind, key, index, in_order):
    query = statement(kind, key, PAGE_SIZE + 1)
    text = plan(county, *query)
    assert index in text, text
    if is_postgres(county):
        assert "Seq Scan on person" not in text, text
        if in_order:  # the page chosen in the index's order, stopping after its rows,
            # before any join or sort: whatever the planner guesses the matches to be
            assert _index_scan_under_limit(county, query, index), text
    else:
        assert "SCAN t1" not in text and "SCAN person" not in text, text
        if in_order:
            assert "TEMP B-TREE" not in text, text


def test_the_year_status_of_a_page_is_served_by_the_person_index(county):
    text = plan(county, *status_statement(list(range(1, PAGE_SIZE + 1)), 2027))
    assert "payment_line_person_id_benefit_year" in text, text

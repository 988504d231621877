"""`yibao lookup`: its JSON contract (one document; one line per query with --stdin)."""

import csv
import json

import pytest
from cli_process import yibao

from models.core.db import open_database
from models.core.schema import Person

HIT_KEYS = ["id", "name", "id_type", "id_number", "masked_id", "gender", "birth_date", "age",
            "township", "village", "household_id", "hukou_no", "relation", "phone", "status",
            "merged_into", "placeholder", "match", "year_status", "collides_with"]


def test_lookup_json_and_stdin(county_url):
    out = yibao("lookup", "wang", "--db", county_url, "--json", "--limit", "5")
    assert out.returncode == 0, out.stderr
    page = json.loads(out.stdout)
    assert list(page) == ["query", "kinds", "offset", "has_more", "results"]
    assert page["kinds"] == ["initials", "pinyin"] and len(page["results"]) == 5
    assert page["query"] == "wang" and page["offset"] == 0 and page["has_more"] is True
    first = page["results"][0]
    assert list(first) == HIT_KEYS
    assert first["birth_date"][4] == "-" and first["year_status"] is None
    # The output masks the ID (issue 10, point 6); the whole number comes from the register.
    db = open_database(county_url, migrate=False)
    try:
        number = Person.get_by_id(first["id"]).id_number
    finally:
        db.close_all() if hasattr(db, "close_all") else db.close()
    assert first["id_number"] == (first["masked_id"] or None)
    lines = yibao("lookup", "--stdin", "--db", county_url,
                  stdin=f"{number or first['name']}\n123\n王\n")
    assert lines.returncode == 0
    answers = [json.loads(line) for line in lines.stdout.splitlines()]
    assert len(answers) == 3
    assert answers[0]["results"][0]["id"] == first["id"]
    assert answers[1] == {"query": "123", "error": answers[1]["error"]}
    assert "至少输入后6位" in answers[1]["error"]
    assert all(r["name"].startswith("王") for r in answers[2]["results"])


def test_lookup_year_status_in_json(county_url):
    out = yibao("lookup", "wang", "--db", county_url, "--json", "--limit", "3", "--year", "2024")
    statuses = {hit["year_status"] for hit in json.loads(out.stdout)["results"]}
    assert statuses and None not in statuses and all(isinstance(s, str) for s in statuses)


def test_lookup_json_names_the_record_a_duplicate_collides_with(county_url, tmp_path):
    """Issue 9: a generated duplicate under an ID already held waits for a merge, and the
    lookup names the active record it collides with."""
    truth = list(csv.DictReader((tmp_path / "truth.csv").open(encoding="utf-8")))
    row = next(r for r in truth if r["kind"] == "same_id_same_name")
    db = open_database(county_url, migrate=False)
    try:
        number = Person.get_by_id(int(row["duplicate_id"])).id_number
    finally:
        db.close_all() if hasattr(db, "close_all") else db.close()
    out = yibao("lookup", number, "--db", county_url, "--json")
    assert out.returncode == 0, out.stderr
    hits = {h["id"]: h for h in json.loads(out.stdout)["results"]}
    duplicate = hits[int(row["duplicate_id"])]
    assert duplicate["status"] == "awaiting_merge"
    assert hits[duplicate["collides_with"]]["status"] == "active"


def test_lookup_text_output(county_url):
    out = yibao("lookup", "wang", "--db", county_url, "--limit", "2")
    lines = out.stdout.splitlines()
    assert len(lines) == 3 and lines[0].count("\t") == 10
    assert "--offset 2" in lines[2]
    none = yibao("lookup", "430000190001010000", "--db", county_url)
    assert none.returncode == 0 and none.stdout.strip() == "没有找到"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["lookup", "12", "--db", "{url}"], "至少输入后6位"),
        (["lookup", "!!", "--db", "{url}"], "无法识别"),
        (["lookup", "--db", "{url}"], "请输入"),
        (["lookup", "王", "--db", "mysql://nowhere/x"], "数据库地址不对"),
        (["init", "--db", "{url}", "--region", "nowhere"], "找不到区域文件"),
        (["generate", "--db", "{url}", "--people", "0"], "人数必须是正整数"),
        (["lookup", "王", "--db", "{url}", "--today", "2026-13-01"], "日期格式不对"),
    ],
)
def test_bad_input_is_a_message_and_nonzero_exit(county_url, args, fragment):
    result = yibao(*[a.replace("{url}", county_url) for a in args], today=False)
    assert result.returncode == 2
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_lookup_on_a_missing_database_file(tmp_path):
    result = yibao("lookup", "王", "--db", f"sqlite:///{tmp_path}/none.db")
    assert result.returncode == 2 and "尚未初始化" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_lookup_text_is_in_the_clerks_words(county_url):
    """Gender, relation and status as the counter shows them; the year's status last."""
    out = yibao("lookup", "wang", "--db", county_url, "--limit", "5", "--year", "2024")
    rows = [line.split("\t") for line in out.stdout.splitlines()[:5]]
    assert {row[3] for row in rows} <= {"男", "女"}
    assert all("\u4e00" <= row[9][0] <= "\u9fff" for row in rows)  # status, not "active"
    assert all("\u4e00" <= row[8][0] <= "\u9fff" for row in rows)  # relation, not "self"
    assert {row[11] for row in rows} <= {"已缴费", "未缴费", "未参保"}

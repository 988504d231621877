"""A base-roster row checked alone (models/rosters/base_rows.py, pure): what is read,
what is imported with its flaw noted, and what is refused with which reason (issue 15,
point 1)."""

import datetime as dt

import pytest
from roster_files import make_id, wrong_check

from models.rosters.base_rows import RowRefused, check_row, header_fields

TODAY = dt.date(2026, 11, 22)
GOOD = {"township": "青石镇", "village": "青石村", "hukou_no": "HH001", "relation": "户主",
        "name": "王建国", "gender": None, "id_number": make_id("19800101", "011"),
        "birth_date": None, "phone": None, "identity": None}


def row(**changes):
    return check_row(5, {**GOOD, **changes}, TODAY)


def test_a_good_row_takes_birth_date_and_gender_from_the_id():
    r = row()
    assert (r.name, r.relation, r.gender, r.birth_date, r.id_type) == \
        ("王建国", "self", "M", dt.date(1980, 1, 1), "resident")
    assert r.id_key == GOOD["id_number"] and r.flaws == () and r.line == 5


@pytest.mark.parametrize("cells, expected", [
    ({"relation": "妻"}, ("relation", "spouse")),
    ({"relation": "长女"}, ("relation", "child")),
    ({"relation": "子女"}, ("relation", "child")),
    ({"gender": "男"}, ("gender", "M")),
    ({"birth_date": dt.datetime(1980, 1, 1)}, ("birth_date", dt.date(1980, 1, 1))),
    ({"birth_date": "1980年1月1日"}, ("birth_date", dt.date(1980, 1, 1))),
    ({"birth_date": "1980/01/01"}, ("birth_date", dt.date(1980, 1, 1))),
    ({"birth_date": 19800101}, ("birth_date", dt.date(1980, 1, 1))),
    ({"hukou_no": 430225001001.0}, ("hukou_no", "430225001001")),
    ({"phone": 13800138000}, ("phone", "13800138000")),
    ({"identity": "低保、特困人员"}, ("identities", ("minimum_living", "extreme_poverty"))),
    ({"id_number": make_id("19800101", "011")[:6] + "800101011"},
     ("id_number", make_id("19800101", "011"))),  # an old 15-digit number, stored as 18
    ({"id_number": 430225800101011}, ("id_number", make_id("19800101", "011"))),
    ({"id_number": None, "gender": "女", "birth_date": "1941-03-02"}, ("id_type", "none")),
    ({"village": "  青石村 "}, ("village", "青石村")),
])
def test_what_a_roster_writes_is_read(cells, expected):
    assert getattr(row(**cells), expected[0]) == expected[1]


def test_a_wrong_check_character_is_imported_as_written_and_flagged():
    number = wrong_check(GOOD["id_number"])
    r = row(id_number=number)
    assert r.id_number == number and r.check_character == GOOD["id_number"][17]
    assert "校验位" in r.flaws[0] and GOOD["id_number"][17] in r.flaws[0]


def test_an_unknown_identity_is_a_flaw_not_a_refusal():
    r = row(identity="低保、外星人")
    assert r.identities == ("minimum_living",) and "外星人" in r.flaws[0]


@pytest.mark.parametrize("cells, reason", [
    ({"id_number": 4.3310119900805E+17}, "4.3310119900805E+17"),
    ({"id_number": 433101199008051234}, "被Excel存成了数字"),
    ({"name": ""}, "姓名为空"),
    ({"name": None}, "姓名为空"),
    ({"name": "王@"}, "姓名有误"),
    ({"birth_date": "不详"}, "出生日期不是日期：不详"),
    ({"birth_date": "1980-02-30"}, "出生日期不是日期"),
    ({"birth_date": 1980.5}, "出生日期不是日期"),
    ({"birth_date": "1981-01-01"}, "身份证号与本行不符"),
    ({"gender": "女"}, "身份证号与本行不符"),
    ({"gender": "未知"}, "性别无法识别"),
    ({"relation": "邻居"}, "与户主关系无法识别"),
    ({"relation": None}, "与户主关系为空"),
    ({"hukou_no": None}, "户号为空"),
    ({"township": ""}, "乡镇为空"),
    ({"village": None}, "村(社区)为空"),
    ({"id_number": "43022519800101"}, "身份证号无法识别"),
    ({"id_number": None, "gender": "男"}, "出生日期不能为空"),
    ({"id_number": None, "birth_date": "1980-01-01"}, "性别不能为空"),
    ({"birth_date": dt.datetime(2030, 1, 1), "id_number": None, "gender": "男"}, "出生日期有误"),
    ({"phone": "1" * 30}, "联系电话有误"),
])
def test_what_cannot_be_read_is_refused_with_its_reason(cells, reason):
    with pytest.raises(RowRefused) as e:
        row(**cells)
    assert reason in e.value.message


def test_the_header_is_found_by_its_names_in_any_order_and_spelling():
    cells = ["序号", "身份证号码", "姓名", " 性 别", "出生日期", "与户主关系", "户号", "乡镇",
             "村（社区）", "联系电话", None, "姓名"]
    found = header_fields(cells)
    assert found["id_number"] == 1 and found["gender"] == 3 and found["village"] == 8
    assert found["name"] == 2  # the first of a repeated header
    assert "identity" not in found

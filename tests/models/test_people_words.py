"""The read model in the clerk's words (issue 9): a history that names households and
people instead of their ids, whom an unnamed baby is named after, and the region's own
name and ID codes. On SQLite and PostgreSQL."""

import dataclasses
import datetime as dt

import pytest
from actors import CLERK, SYSTEM
from stdnum.cn import ric

from models.core.schema import Household, Village
from models.registry.households import mark_left, move_member
from models.registry.people import HouseholdDetail, MemberView
from models.registry.regions import current_region, load_region
from models.registry.registration import NewHousehold, register_person
from models.rules.person import PersonInput
from models.rules.region_file import read_region_file, resolve_region_path

DOCS = ("id_card", "hukou_book")


def make_id(birth: str, seq: str, region: str = "430225") -> str:
    body = region + birth + seq
    return body + ric.calc_check_digit(body + "0")


def person(name, birth, seq, relation="self", **kw) -> PersonInput:
    fields = {"id_type": "resident", "id_number": make_id(birth, seq), "gender": None,
              "birth_date": None, **kw}
    return PersonInput(name=name, relation=relation, **fields)


@pytest.fixture
def village(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    return Village.select().order_by(Village.id).first().id


def test_history_names_the_households_and_people_an_event_points_to(village, clock):
    head = register_person(clock, CLERK, person("王建国", "19800101", "011"),
                           new_household=NewHousehold(village), documents=DOCS)
    wife = register_person(clock, CLERK, person("李秀英", "19820202", "022", "spouse"),
                           household_id=head.household.id, documents=DOCS)
    other = register_person(clock, CLERK, person("陈志强", "19881205", "051"),
                            new_household=NewHousehold(village), documents=DOCS)
    moved = move_member(clock, CLERK, head.id, head.version, relation="other",
                        to_household_id=other.household.id, new_head_id=wife.id,
                        reason="投亲", documents=DOCS)
    entry = moved.history[0]
    assert entry.before["hukou_no"] == head.household.hukou_no
    assert entry.after["hukou_no"] == other.household.hukou_no
    assert entry.after["new_head"] == "李秀英"
    assert not {"household_id", "new_head_id"} & {*entry.before, *entry.after}

    twin = register_person(clock, CLERK, PersonInput("李秀英", "none", None, "F",
                                                     dt.date(1982, 2, 2), "other"),
                           household_id=other.household.id, documents=DOCS,
                           duplicate_reason="同名同生日")
    assert twin.history[0].after["possible_duplicates"] == [
        f"李秀英（户号{head.household.hukou_no}）"]

    gone = mark_left(clock, CLERK, twin.id, twin.version, status="moved_out",
                     on=dt.date(2026, 11, 1), reason="迁往外省", documents=DOCS)
    assert gone.history[0].after["status"] == "moved_out"  # other fields pass through


def member(name, relation, gender, age, status="active", id_=0):
    return MemberView(id_, name, relation, gender, age, "", status, "unpaid")


def household(*members) -> HouseholdDetail:
    head = next((m.id for m in members if m.relation == "self"), None)
    return HouseholdDetail(1, "1", 1, "村", "镇", "", 1, head, members)


def test_an_unnamed_baby_is_named_after_its_mother_else_father_else_the_head():
    home = household(member("王建国", "self", "M", 58, id_=1),
                     member("李秀英", "spouse", "F", 56, id_=2),
                     member("王芳", "child", "F", 31, id_=3),
                     member("王强", "child", "M", 28, id_=4),
                     member("王小花", "child", "F", 12, id_=5))
    assert home.likely_parent("child").name == "李秀英"
    assert home.likely_parent("grandchild").name == "王芳"  # adult daughter before son
    assert home.likely_parent("other").name == "王建国"
    widower = household(member("王建国", "self", "M", 58, id_=1),
                        member("李秀英", "spouse", "F", 56, status="deceased", id_=2))
    assert widower.likely_parent("child").name == "王建国"  # the father
    sons = household(member("张德明", "self", "M", 70, id_=1),
                     member("张强", "child", "M", 40, id_=2))
    assert sons.likely_parent("grandchild").name == "张强"
    assert dataclasses.replace(sons, head_id=None).likely_parent("sibling") is None


def test_the_region_knows_the_id_codes_its_residents_carry(village):
    region = current_region()
    assert region.name == "演示县" and region.full_name == "湖南省演示县"
    assert region.id_region_codes == ("430225", "430224", "430223")
    assert Household.select().count() == 0

"""Issue 9, point 3: a registration without documents, a birth date of 1800-01-01, a
300-character address. Refused with a clear message in the service (the forms show the
same message), before anything reaches the database; the limits live in
models/rules/limits.py."""

import datetime as dt

import pytest
from actors import CLERK, WANG
from registry_helpers import DOCS, make_id, person

from models.core.errors import DomainError
from models.core.schema import Household, Person
from models.registry.households import change_head, move_member
from models.registry.people import person_detail
from models.registry.registration import NewHousehold, correct_person, register_person
from models.rules import limits
from models.rules.person import PersonInput, check_person

TODAY = dt.date(2026, 11, 22)


def no_id(birth: dt.date, name="张老汉") -> PersonInput:
    return PersonInput(name, "none", None, "M", birth, "self")


@pytest.mark.parametrize("birth", [dt.date(1800, 1, 1), dt.date(1899, 12, 31),
                                   dt.date(1906, 11, 21)])
def test_implausible_birth_dates_are_refused(birth):
    with pytest.raises(DomainError) as e:
        check_person(no_id(birth), TODAY)
    assert f"出生日期{birth}不合理" in e.value.message and "1906-11-22" in e.value.message


def test_the_oldest_birth_date_taken_is_120_years_back_and_never_before_1900():
    assert check_person(no_id(dt.date(1906, 11, 22)), TODAY).birth_date == dt.date(1906, 11, 22)
    assert limits.earliest_birth(dt.date(2010, 5, 1)) == dt.date(1900, 1, 1)
    assert limits.earliest_birth(dt.date(2020, 2, 29)) == dt.date(1900, 2, 28)  # no 1900-02-29
    with pytest.raises(DomainError, match="不合理"):  # the ID says 1905: 121 years old
        check_person(person("张老汉", make_id("19050101", "011")), TODAY)
    with pytest.raises(DomainError, match="在今天之后"):
        check_person(no_id(dt.date(2026, 11, 23)), TODAY)


def test_a_registration_needs_the_documents_seen(region, clock):
    with pytest.raises(DomainError, match="请勾选已查验的材料"):
        register_person(clock, CLERK, person("赵新民", make_id("19850312", "137")),
                        new_household=NewHousehold(region, "竹园村5组"))
    with pytest.raises(DomainError, match="请勾选已查验的材料"):
        register_person(clock, CLERK, person("赵新民", make_id("19850312", "137")),
                        new_household=NewHousehold(region), documents=("passport",))
    assert Person.select().count() == 0 and Household.select().count() == 0


def test_an_address_longer_than_its_column_is_refused_everywhere(family, region, clock):
    head, spouse, child = family
    long = "青石村" * 86  # 258 characters
    with pytest.raises(DomainError) as e:
        register_person(clock, CLERK, person("赵新民", make_id("19850312", "137")),
                        new_household=NewHousehold(region, long), documents=DOCS)
    assert e.value.message == "地址过长：最多255个字，现在是258个字"
    with pytest.raises(DomainError, match="地址过长"):
        correct_person(clock, WANG, spouse.id, spouse.version, spouse.as_input(),
                       address=long, reason="地址变更", documents=DOCS)
    with pytest.raises(DomainError, match="地址过长"):
        move_member(clock, CLERK, child.id, child.version, relation="self",
                    new_household=NewHousehold(region, long), reason="分户", documents=DOCS)
    assert Household.select().count() == 1
    assert Household.get_by_id(head.household.id).address == "青石村3组"
    full = "青" * 255  # exactly the limit is kept whole, on both engines
    done = correct_person(clock, WANG, spouse.id, spouse.version, spouse.as_input(),
                          address=full, reason="地址变更", documents=DOCS)
    assert done.household.address == full


def test_names_are_kept_to_their_limit_and_a_long_one_fits(region, clock):
    with pytest.raises(DomainError, match="姓名过长"):
        register_person(clock, CLERK, no_id(dt.date(1950, 1, 1), "庄" * 41),
                        new_household=NewHousehold(region), documents=DOCS)
    # 40 characters of six-letter pinyin (zhuang): 240 letters of search key
    longest = register_person(clock, CLERK, no_id(dt.date(1950, 1, 1), "庄" * 40),
                              new_household=NewHousehold(region), documents=DOCS)
    assert Person.get_by_id(longest.id).name_pinyin == "zhuang" * 40


def test_reasons_and_phones_over_their_limits_are_refused(family, region, clock):
    head, spouse, _child = family
    essay = "因" * (limits.REASON_LENGTH + 1)
    with pytest.raises(DomainError) as e:
        correct_person(clock, WANG, spouse.id, spouse.version,
                       PersonInput(**{**spouse.as_input().__dict__, "phone": "13912345678"}),
                       reason=essay, documents=DOCS)
    assert e.value.message == "原因过长：最多200个字，现在是201个字"
    with pytest.raises(DomainError, match="原因过长"):
        register_person(clock, CLERK, PersonInput("王建国", "none", None, "M",
                                                  dt.date(1980, 1, 1), "self"),
                        new_household=NewHousehold(region), documents=DOCS,
                        duplicate_reason=essay)
    household = person_detail(head.id, clock.today(), None).household
    with pytest.raises(DomainError, match="原因过长"):
        change_head(clock, CLERK, household.id, household.version, spouse.id, reason=essay,
                    documents=DOCS)
    with pytest.raises(DomainError, match="手机号应为11位数字"):
        correct_person(clock, WANG, spouse.id, spouse.version,
                       PersonInput(**{**spouse.as_input().__dict__, "phone": "1" * 30}),
                       reason="改电话", documents=DOCS)
    assert Person.get_by_id(spouse.id).phone is None

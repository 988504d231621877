import datetime as dt

import pytest
from actors import CLERK, CLERK_A, CLERK_B, WANG
from registry_helpers import DOCS, make_id, person

from models.core.errors import DomainError
from models.core.schema import AuditEvent, DuplicateCandidate, Household, Person
from models.registry.households import change_head, mark_left, move_member
from models.registry.people import person_detail
from models.registry.registration import (
    DuplicatesFound,
    NewHousehold,
    VersionConflict,
    correct_person,
    register_person,
)
from models.rules.person import PersonInput, check_person


def test_checks_as_the_clerk_types(clock):
    checked = check_person(person(), clock.today())
    assert (checked.gender, checked.birth_date) == ("M", dt.date(1990, 8, 5))  # from the ID
    with pytest.raises(DomainError, match="出生日期与证件号码不一致"):
        check_person(person(birth_date=dt.date(1990, 8, 6)), clock.today())
    with pytest.raises(DomainError, match="性别与证件号码不一致"):
        check_person(person(gender="F"), clock.today())
    with pytest.raises(DomainError, match="校验位错误"):
        check_person(person(number=make_id()[:17] + "0" if make_id()[17] != "0" else
                            make_id()[:17] + "1"), clock.today())
    with pytest.raises(DomainError, match="手机号"):
        check_person(person(phone="1234"), clock.today())


def test_register_into_new_household_makes_a_never_reused_number(family, clock):
    head, _spouse, child = family
    assert head.household.hukou_no.startswith("430225") and len(head.household.hukou_no) == 13
    assert [m.relation for m in child.household.members] == ["self", "spouse", "child"]
    assert head.history[0].action == "person.register"
    assert set(head.history[0].documents) == set(DOCS)


def test_newborn_with_birth_certificate_only_and_placeholder(family, clock):
    hh = family[0].household.id
    baby = register_person(clock, CLERK, PersonInput("王小红", "birth_certificate", "O430012345",
                                                    "F", dt.date(2026, 10, 1), "child"),
                           household_id=hh, documents=("birth_certificate",))
    assert baby.id_type == "birth_certificate" and baby.age == 0
    with pytest.raises(DomainError, match="请录入出生日期"):
        register_person(clock, CLERK, PersonInput("王小蓝", "birth_certificate", "O430012346",
                                                 "F", None, "child"), household_id=hh)
    unborn = register_person(clock, CLERK, PersonInput("李秀英宝宝", "none", None, "M",
                                                      dt.date(2026, 11, 20), "child",
                                                      placeholder=True), household_id=hh,
                             documents=("hukou_book",))
    assert unborn.placeholder
    with pytest.raises(DomainError, match="父亲或母亲姓名"):
        register_person(clock, CLERK, PersonInput("宝宝", "none", None, "M",
                                                 dt.date(2026, 11, 20), "child",
                                                 placeholder=True), household_id=hh,
                        documents=("hukou_book",))


def test_placeholder_baby_corrected_to_its_real_name_is_the_same_record(family, clock):
    hh = family[0].household.id
    unborn = register_person(clock, CLERK, PersonInput("李秀英宝宝", "none", None, "M",
                                                      dt.date(2026, 11, 1), "child",
                                                      placeholder=True), household_id=hh,
                             documents=("hukou_book",))
    real = correct_person(clock, WANG, unborn.id, unborn.version,
                          PersonInput("王安", "resident", make_id("20261101", "015"), "M",
                                      dt.date(2026, 11, 1), "child"),
                          reason="出生后更正姓名和身份证号", documents=("birth_certificate",
                                                                  "hukou_book"))
    assert real.id == unborn.id and not real.placeholder and real.name == "王安"
    assert Person.select().where(Person.household == hh).count() == 4
    entry = real.history[0]
    assert entry.action == "person.correct" and entry.before["name"] == "李秀英宝宝"
    assert entry.after["name"] == "王安" and entry.reason == "出生后更正姓名和身份证号"


def test_near_duplicates_are_shown_before_saving_and_need_a_reason(family, region, clock):
    head = family[0]
    same = PersonInput("王建国", "none", None, "M", dt.date(1980, 1, 1), "self")
    with pytest.raises(DuplicatesFound) as e:  # same name, birth date and gender, no ID
        register_person(clock, CLERK, same, new_household=NewHousehold(region), documents=DOCS)
    assert [(c.id, c.match) for c in e.value.candidates] == [(head.id, "sure")]
    scored = e.value.scores[head.id]
    assert scored.reasons[:3] == ("一条没有证件号码", "姓名相同", "出生日期相同")
    assert not DuplicateCandidate.select().exists()  # nothing saved, nothing raised
    anyway = register_person(clock, CLERK, same, new_household=NewHousehold(region),
                             documents=DOCS, duplicate_reason="户籍在两地，待核实")
    stored = DuplicateCandidate.get()  # registered anyway: the pair waits for review
    assert (stored.person_a_id, stored.person_b_id) == (head.id, anyway.id)
    assert (stored.source, stored.status, stored.decision) == ("counter", "open", "sure")
    event = AuditEvent.select().where(AuditEvent.entity_id == str(anyway.id)).get()
    assert event.reason == "户籍在两地，待核实" and str(head.id) in event.after
    assert anyway.status == "active"


def test_household_rules_on_register(family, clock):
    hh = family[0].household.id
    with pytest.raises(DomainError, match="已有户主"):
        register_person(clock, CLERK, person("赵六", make_id("19700101", "051")),
                        household_id=hh, documents=DOCS)
    with pytest.raises(DomainError, match="第一个人必须是户主"):
        register_person(clock, CLERK, person("赵六", make_id("19700101", "051"),
                                            relation="child"),
                        new_household=NewHousehold(family[0].household.village_id),
                        documents=DOCS)


def test_correction_requires_reason_and_documents_and_keeps_history(family, clock):
    child = family[2]
    fixed = child.as_input()
    fixed = PersonInput(**{**fixed.__dict__, "name": "王晓明", "phone": "13912345678"})
    with pytest.raises(DomainError, match="办理原因"):
        correct_person(clock, WANG, child.id, child.version, fixed, reason=" ", documents=DOCS)
    with pytest.raises(DomainError, match="已查验的材料"):
        correct_person(clock, WANG, child.id, child.version, fixed, reason="姓名错字",
                       documents=())
    done = correct_person(clock, WANG, child.id, child.version, fixed, reason="姓名错字",
                          documents=DOCS)
    assert done.name == "王晓明" and done.version == child.version + 1
    assert done.history[0].before == {"name": "王小明", "phone": None}
    with pytest.raises(DomainError, match="没有修改"):
        correct_person(clock, WANG, child.id, done.version, fixed, reason="x", documents=DOCS)


def test_two_clerks_correcting_at_once_the_second_is_told(family, clock):
    child = family[2]
    first = PersonInput(**{**child.as_input().__dict__, "phone": "13900000001"})
    second = PersonInput(**{**child.as_input().__dict__, "phone": "13900000002"})
    correct_person(clock, CLERK_A, child.id, child.version, first, reason="改电话",
                   documents=DOCS)
    with pytest.raises(VersionConflict) as e:
        correct_person(clock, CLERK_B, child.id, child.version, second, reason="改电话",
                       documents=DOCS)
    assert e.value.actual == child.version + 1 and "其他窗口" in e.value.message
    assert Person.get_by_id(child.id).phone == "13900000001"
    retry = correct_person(clock, CLERK_B, child.id, e.value.actual, second,
                           reason="改电话", documents=DOCS)
    assert retry.phone == "13900000002"


def test_correcting_to_an_id_someone_else_has_is_refused(family, clock):
    spouse, child = family[1], family[2]
    taken = PersonInput(**{**child.as_input().__dict__, "id_number": spouse.id_number,
                           "birth_date": None, "gender": None})
    with pytest.raises(DomainError, match="已登记在李秀英"):
        correct_person(clock, WANG, child.id, child.version, taken, reason="x",
                       documents=DOCS)


def test_move_member_to_another_household_and_to_a_new_one(family, region, clock):
    head, spouse, child = family
    other = register_person(clock, CLERK, person("陈红", make_id("19750505", "042")),
                            new_household=NewHousehold(region), documents=DOCS)
    moved = move_member(clock, CLERK, child.id, child.version, relation="grandchild",
                        to_household_id=other.household.id, reason="投靠外婆",
                        documents=("hukou_book",))
    assert moved.household.id == other.household.id and moved.relation == "grandchild"
    own = move_member(clock, CLERK, spouse.id, spouse.version, relation="self",
                      new_household=NewHousehold(region, "新村"), reason="分户",
                      documents=("hukou_book",))
    assert own.relation == "self" and own.household.id not in (head.household.id,
                                                               other.household.id)
    assert own.history[0].action == "person.move"


def test_head_cannot_leave_without_a_successor(family, region, clock):
    head, spouse, _child = family
    with pytest.raises(DomainError, match="请先指定新户主"):
        move_member(clock, CLERK, head.id, head.version, relation="self",
                    new_household=NewHousehold(region), reason="分户", documents=DOCS)
    with pytest.raises(DomainError, match="请先指定新户主"):
        mark_left(clock, CLERK, head.id, head.version, status="deceased",
                  on=dt.date(2026, 11, 1), reason="死亡", documents=("death_certificate",))
    gone = mark_left(clock, CLERK, head.id, head.version, status="deceased",
                     on=dt.date(2026, 11, 1), new_head_id=spouse.id, reason="死亡",
                     documents=("death_certificate",))
    assert gone.status == "deceased" and gone.status_date == dt.date(2026, 11, 1)
    members = {m.id: m for m in gone.household.members}
    assert members[spouse.id].relation == "self" and gone.household.head_id == spouse.id


def test_change_head_keeps_exactly_one(family, clock):
    head, spouse, _child = family
    household = person_detail(head.id, clock.today(), None).household
    after = change_head(clock, CLERK, household.id, household.version, spouse.id,
                        old_head_relation="spouse", reason="户主变更", documents=DOCS)
    heads = Person.select().where(Person.household == household.id, Person.relation == "self")
    assert [p.id for p in heads] == [spouse.id]
    assert after.household.head_id == spouse.id
    with pytest.raises(DomainError, match="刚被其他窗口修改"):
        change_head(clock, CLERK, household.id, household.version, head.id,
                    old_head_relation="spouse", reason="x", documents=DOCS)
    assert Household.get_by_id(household.id).version == household.version + 1


def test_moved_out_person_cannot_be_changed(family, clock):
    child = family[2]
    out = mark_left(clock, CLERK, child.id, child.version, status="moved_out",
                    on=dt.date(2026, 9, 1), reason="迁出本县", documents=("migration_certificate",))
    with pytest.raises(DomainError, match="已迁出"):
        correct_person(clock, CLERK, child.id, out.version, out.as_input(), reason="x",
                       documents=DOCS)
    with pytest.raises(DomainError, match="今天之后"):
        mark_left(clock, CLERK, family[1].id, family[1].version, status="moved_out",
                  on=dt.date(2027, 1, 1), reason="x", documents=DOCS)


def test_address_is_corrected_for_the_whole_household(family, clock):
    head, spouse, _child = family
    done = correct_person(clock, WANG, spouse.id, spouse.version, spouse.as_input(),
                          address="青石村4组", reason="地址变更", documents=("hukou_book",))
    assert done.household.address == "青石村4组"
    assert done.history[0].before == {"address": "青石村3组"}
    assert person_detail(head.id, clock.today(), None).household.address == "青石村4组"

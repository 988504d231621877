"""The bulk writer: named rows in, rows with their derived columns out, ids that later
registrations do not collide with, and refusals that leave nothing behind. On both
databases."""

import datetime as dt

import pytest
from actors import CLERK, SYSTEM
from stdnum.cn import ric

from models.core.errors import DomainError
from models.core.schema import (
    AuditEvent,
    Enrollment,
    Household,
    IdentityTag,
    Payment,
    PaymentLine,
    Person,
    ReceiptCounter,
    Village,
)
from models.core.unit_of_work import unit_of_work
from models.registry.bulk import (
    BulkOutsideUnitOfWork,
    BulkWriter,
    EnrollmentRow,
    HouseholdRow,
    IdentityRow,
    PaymentRow,
    PersonRow,
)
from models.registry.regions import load_region
from models.registry.registration import NewHousehold, register_person
from models.rules.person import PersonInput, check_person, hukou_number
from models.rules.policy import load_policy_id
from models.rules.quote import quote
from models.rules.region_file import read_region_file, resolve_region_path

DOCS = ("id_card", "hukou_book")


def make_id(birth="19900805", seq="101", region="430225"):
    body = region + birth + seq
    return body + ric.calc_check_digit(body + "0")


@pytest.fixture
def village(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    return Village.select().order_by(Village.id).first().id


def table_counts():
    return [m.select().count() for m in (Household, Person, IdentityTag, Enrollment, Payment,
                                         PaymentLine, ReceiptCounter)]


def test_rows_land_with_the_derived_columns_a_registration_would_give(village, clock):
    people = [
        PersonRow(0, "欧阳 娜娜", "resident", make_id("19800101", "012"), "F",
                  dt.date(1980, 1, 1), "self", "13800138000"),
        PersonRow(0, "阿依古丽•买买提", "none", None, "F", dt.date(1941, 3, 2), "parent"),
        PersonRow(0, "张伟", "resident", "430225800101101", "M", dt.date(1980, 1, 1), "spouse"),
        PersonRow(0, "欧阳娜娜宝宝", "none", None, "M", dt.date(2026, 10, 1), "child",
                  placeholder=True),
    ]
    policy = load_policy_id("demo-2027")
    priced = quote(policy, "regular", dt.date(2026, 10, 8), identities=["minimum_living"])
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        household_id = writer.add_household(HouseholdRow(village, " 青石村3组 "))
        ids = [writer.add_person(p._replace(household_id=household_id)) for p in people]
        writer.add_identity(IdentityRow(ids[0], "minimum_living", "低保花名册",
                                        dt.date(2026, 1, 1)))
        number = writer.add_payment(PaymentRow(household_id, dt.datetime(2026, 10, 8, 9, 30), (
            EnrollmentRow.priced(ids[0], 2027, priced),)))
    household = Household.get_by_id(household_id)
    assert household.hukou_no == hukou_number("430225", household_id)
    assert (household.village_id, household.address, household.version) == (village, "青石村3组", 1)
    assert household.created_at == clock.now()
    for person_id, row in zip(ids, people, strict=True):
        stored = Person.get_by_id(person_id)
        checked = check_person(PersonInput(row.name, row.id_type, row.id_number, row.gender,
                                           row.birth_date, row.relation, row.phone,
                                           row.placeholder), clock.today())
        for column, value in checked.columns().items():
            if column != "id_number":  # the writer stores the number as given (15 digits)
                assert getattr(stored, column) == value, column
        assert (stored.household_id, stored.status, stored.version) == (household_id, "active", 1)
    old = Person.get_by_id(ids[2])
    assert old.id_number == "430225800101101" and old.id_key == make_id("19800101", "101")
    assert old.id_key_rev == old.id_key[::-1]
    assert Person.get_by_id(ids[0]).name_pinyin == "ouyangnana"
    assert Person.get_by_id(ids[1]).name == "阿依古丽·买买提"
    tag = IdentityTag.get()
    assert (tag.person_id, tag.category, tag.valid_from, tag.valid_to) == (
        ids[0], "minimum_living", dt.date(2026, 1, 1), None)
    e = Enrollment.get()
    assert (e.person_id, e.benefit_year, e.policy, e.case, e.rate_kind) == (
        ids[0], 2027, "demo-2027", "regular", "individual")
    assert (e.gross, e.subsidy, e.payable) == (40000, 28000, 12000)
    assert (e.benefit_start, e.benefit_end, e.subsidy_category, e.waiting_months) == (
        dt.date(2027, 1, 1), dt.date(2027, 12, 31), "minimum_living", 0)
    payment, line = Payment.get(), PaymentLine.get()
    assert number == payment.receipt_no == "430225-00-2026-000001"
    assert (payment.household_id, payment.channel, payment.total, payment.status) == (
        household_id, "history", 12000, "paid")
    assert payment.paid_at == dt.datetime(2026, 10, 8, 9, 30)
    assert payment.business_day == dt.date(2026, 10, 8)
    assert (line.payment_id, line.person_id, line.enrollment_id, line.kind, line.status) == (
        payment.id, ids[0], e.id, "year", "paid")
    assert (line.subsidy, line.subsidy_category, line.payable) == (28000, "minimum_living",
                                                                   12000)
    counter = ReceiptCounter.get()
    assert (counter.series, counter.year, counter.kind, counter.last) == (
        "430225-00", 2026, "payment", 1)


def test_history_payments_continue_the_series_after_a_second_writer(village, clock):
    policy = load_policy_id("demo-2027")
    priced = quote(policy, "regular", dt.date(2026, 10, 8))
    numbers = []
    for _ in range(2):
        with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
            household = writer.add_household(HouseholdRow(village))
            people = [writer.add_person(PersonRow(household, "王芳", "none", None, "F",
                                                  dt.date(1990, 1, 1), relation))
                      for relation in ("self", "child")]
            numbers.append(writer.add_payment(PaymentRow(
                household, dt.datetime(2026, 10, 8, 9, 30),
                tuple(EnrollmentRow.priced(p, 2027, priced) for p in people))))
    assert numbers == ["430225-00-2026-000001", "430225-00-2026-000002"]
    assert ReceiptCounter.get().last == 2 and PaymentLine.select().count() == 4
    assert [p.total for p in Payment.select().order_by(Payment.id)] == [80000, 80000]


def test_it_flushes_every_n_people_parents_first(village, clock):
    flushed = []
    with unit_of_work(clock, SYSTEM) as uow:
        writer = BulkWriter(uow, batch=3, on_flush=lambda c: flushed.append(c.people))
        household = writer.add_household(HouseholdRow(village))
        for i in range(7):
            writer.add_person(PersonRow(household, "王芳", "none", None, "F",
                                        dt.date(1990, 1, 1), "self" if i == 0 else "child"))
            if i == 2:
                assert Person.select().count() == 3  # written, inside the transaction
        writer.close()
    assert flushed == [3, 6, 7]
    assert writer.counts.people == 7 and writer.counts.households == 1
    assert Person.select().count() == 7


def test_it_refuses_to_work_outside_a_unit_of_work(village, clock):
    with unit_of_work(clock, SYSTEM) as uow:
        pass
    with pytest.raises(BulkOutsideUnitOfWork):
        BulkWriter(uow)
    with unit_of_work(clock, SYSTEM) as outer:
        with unit_of_work(clock, SYSTEM), pytest.raises(BulkOutsideUnitOfWork):
            BulkWriter(outer)  # not the unit of work that is open now
        writer = BulkWriter(outer)
        household = writer.add_household(HouseholdRow(village))
    with pytest.raises(BulkOutsideUnitOfWork):  # kept past its unit of work
        writer.add_person(PersonRow(household, "王芳", "none", None, "F", dt.date(1990, 1, 1),
                                    "self"))
    with pytest.raises(BulkOutsideUnitOfWork):
        writer.flush()
    assert table_counts() == [0] * 7


@pytest.mark.parametrize("bad", [
    PersonRow(999_999, "王芳", "none", None, "F", dt.date(1990, 1, 1), "self"),  # no household
    PersonRow(None, "王芳", "none", None, "F", dt.date(1990, 1, 1), "self"),
    PersonRow(1, "王芳", "none", None, "F", dt.date(1990, 1, 1), "wife"),
    PersonRow(1, "王芳", "none", None, "X", dt.date(1990, 1, 1), "child"),
    PersonRow(1, "王芳", "passport", "E12345678", "F", dt.date(1990, 1, 1), "child"),
    PersonRow(1, "王芳", "resident", None, "F", dt.date(1990, 1, 1), "child"),
    PersonRow(1, "王芳", "none", "430225199001011234", "F", dt.date(1990, 1, 1), "child"),
    PersonRow(1, " ", "none", None, "F", dt.date(1990, 1, 1), "child"),
    PersonRow(1, "王芳", "none", None, "F", "1990-01-01", "child"),
    PersonRow(1, "王芳", "none", None, "F", dt.date(1990, 1, 1), "child", status="merged"),
    PersonRow(1, "王芳", "none", None, "F", dt.date(1990, 1, 1), "self"),  # a second head
    IdentityRow(999_999, "minimum_living", "", dt.date(2026, 1, 1)),  # no such person
    IdentityRow(1, "rich", "", dt.date(2026, 1, 1)),
    IdentityRow(1, "orphan", "", dt.date(2026, 1, 1), dt.date(2025, 1, 1)),
    PaymentRow(1, dt.datetime(2026, 10, 8), (EnrollmentRow(
        999_999, 2027, "demo-2027", "regular", "individual", 40000, 0, 40000, None, None),)),
    PaymentRow(1, dt.datetime(2026, 10, 8), (EnrollmentRow(
        1, 2027, "demo-2027", "regular", "individual", 40000, 100, 40000, None, None),)),
    PaymentRow(1, dt.datetime(2026, 10, 8), (EnrollmentRow(
        1, 2027, "demo-2027", "regular", "individual", 400.0, 0, 400.0, None, None),)),
    PaymentRow(1, dt.datetime(2026, 10, 8), (EnrollmentRow(
        1, 2027, "demo-2027", "lottery", "individual", 40000, 0, 40000, None, None),)),
    PaymentRow(1, dt.date(2026, 10, 8), (EnrollmentRow(  # paid, but when?
        1, 2027, "demo-2027", "regular", "individual", 40000, 0, 40000, None, None),)),
    PaymentRow(1, dt.datetime(2026, 10, 8), ()),  # a payment of nothing
    PaymentRow(999_999, dt.datetime(2026, 10, 8), (EnrollmentRow(  # no such household
        1, 2027, "demo-2027", "regular", "individual", 40000, 0, 40000, None, None),)),
    PaymentRow(1, dt.datetime(2026, 10, 8), (EnrollmentRow(  # the same year twice
        1, 2027, "demo-2027", "regular", "individual", 40000, 0, 40000, None, None),) * 2),
    HouseholdRow(999_999),  # no such village
])
def test_a_row_that_breaks_the_rules_is_refused_and_nothing_is_written(village, clock, bad):
    head = register_person(clock, CLERK, PersonInput("王建国", "resident", make_id(), None, None,
                                                     "self"),
                           new_household=NewHousehold(village), documents=DOCS)
    assert (head.id, head.household.id) == (1, 1)  # what the bad rows point at
    before, events = table_counts(), AuditEvent.select().count()
    with pytest.raises(DomainError) as e, unit_of_work(clock, SYSTEM) as uow:
        with BulkWriter(uow) as writer:
            household = writer.add_household(HouseholdRow(village))
            person = writer.add_person(PersonRow(household, "李娜", "none", None, "F",
                                                 dt.date(1990, 1, 1), "self"))
            writer.add_identity(IdentityRow(person, "orphan", "", dt.date(2026, 1, 1)))
            add = {HouseholdRow: writer.add_household, PersonRow: writer.add_person,
                   IdentityRow: writer.add_identity, PaymentRow: writer.add_payment}
            add[type(bad)](bad)
        uow.audit("roster.import", "region", "430225")
    assert "批量写入" in e.value.message
    assert table_counts() == before and AuditEvent.select().count() == events


def test_a_second_head_in_the_writers_own_household_is_refused(village, clock):
    with pytest.raises(DomainError, match="已有户主"), unit_of_work(clock, SYSTEM) as uow:
        writer = BulkWriter(uow)
        household = writer.add_household(HouseholdRow(village))
        for name in ("王芳", "李娜"):
            writer.add_person(PersonRow(household, name, "none", None, "F", dt.date(1990, 1, 1),
                                        "self"))
    assert table_counts() == [0] * 7


def test_rows_may_join_households_and_people_already_registered(village, clock):
    head = register_person(clock, CLERK, PersonInput("王建国", "resident", make_id(), None, None,
                                                     "self"),
                           new_household=NewHousehold(village), documents=DOCS)
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        child = writer.add_person(PersonRow(head.household.id, "王小明", "none", None, "M",
                                            dt.date(2015, 5, 5), "child"))
        writer.add_identity(IdentityRow(head.id, "minimum_living", "", dt.date(2026, 1, 1)))
    assert child == head.id + 1
    assert Person.get_by_id(child).household_id == head.household.id
    assert IdentityTag.get().person_id == head.id


def test_ids_follow_the_rows_there_and_later_registrations_get_fresh_ones(village, clock):
    first = register_person(clock, CLERK, PersonInput("王建国", "resident", make_id(), None, None,
                                                      "self"),
                            new_household=NewHousehold(village), documents=DOCS)
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        households = [writer.add_household(HouseholdRow(village)) for _ in range(3)]
        people = [writer.add_person(PersonRow(h, "李娜", "none", None, "F", dt.date(1990, 1, 1),
                                              "self")) for h in households]
    assert households == [first.household.id + 1 + i for i in range(3)]
    assert people == [first.id + 1 + i for i in range(3)]
    # an ordinary registration afterwards: the sequences were moved past the bulk ids
    later = register_person(clock, CLERK, PersonInput("赵新民", "resident",
                                                      make_id("19850312", "137"), None, None,
                                                      "self"),
                            new_household=NewHousehold(village), documents=DOCS)
    assert later.id == people[-1] + 1 and later.household.id == households[-1] + 1
    assert Household.get_by_id(later.household.id).hukou_no == hukou_number(
        "430225", households[-1] + 1)
    child = register_person(clock, CLERK, PersonInput("赵小华", "none", None, "F",
                                                      dt.date(2020, 2, 2), "child"),
                            household_id=households[0], documents=DOCS)
    assert child.id == later.id + 1


def test_a_household_keeps_a_rosters_own_number_and_places_are_added(village, clock):
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        township = writer.add_township("新丰镇")
        new_village = writer.add_village(township, "新丰村")
        own = writer.add_household(HouseholdRow(new_village, hukou_no=" 430225001001 "))
        generated = writer.add_household(HouseholdRow(village))
    assert Household.get_by_id(own).hukou_no == "430225001001"
    assert Household.get_by_id(generated).hukou_no.endswith(f"{generated:07d}")
    assert Village.get_by_id(new_village).township.name == "新丰镇"
    for bad in ("", "  ", "4" * 21, 430225001001):
        before = table_counts()
        with pytest.raises(DomainError), unit_of_work(clock, SYSTEM) as uow, \
                BulkWriter(uow) as writer:
            writer.add_household(HouseholdRow(village, hukou_no=bad))
        assert table_counts() == before

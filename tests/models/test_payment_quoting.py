"""Quoting every member at the counter (issue 12, points 1-3): tags valid on the payment
day, the years a newborn needs, missed and repaid years as lines, refusals with reasons."""

import datetime as dt

import pytest
from actors import CLERK, SYSTEM
from payments_helpers import RATE, D, family_of_four, newborn, policy, tag

from models.core.clock import FixedClock
from models.core.errors import DomainError
from models.core.schema import Person
from models.core.unit_of_work import unit_of_work
from models.payments.quoting import MemberRequest, members_to_pay, quote_member
from models.registry.bulk import BulkWriter, HouseholdRow, PersonRow
from models.registry.households import mark_left
from models.rules.quote import quote


def test_a_family_of_four_with_one_minimum_living_member(region, clock):
    ids = family_of_four(clock, region)
    quotes = {q.name: q for q in members_to_pay(ids["王建国"], clock.today(), policy())}
    assert list(quotes) == ["王建国", "赵桂兰", "李秀英", "王小明"]  # head first, then by birth
    assert all(q.allowed for q in quotes.values())
    wife = quotes["李秀英"]
    assert wife.identities == ("minimum_living",)
    (line,) = [x for x in wife.lines if x.kind == "year"]
    assert (line.gross, line.subsidy, line.subsidy_category, line.payable) == \
        (RATE, 28000, "minimum_living", 12000)
    assert any("低保对象资助70%" in c for c in line.clauses)
    head = quotes["王建国"]
    assert head.lines[-1].subsidy == 0 and head.lines[-1].rate_kind == "individual"
    assert head.lines[-1].policy == "demo-2027"
    assert head.lines[-1].benefit_end == D("2027-12-31")


def test_the_quote_uses_the_tags_valid_on_the_payment_day(region, clock):
    ids = family_of_four(clock, region)
    tag(ids["王建国"], "extreme_poverty", D("2026-01-01"), D("2026-11-21"))  # ended yesterday
    tag(ids["王小明"], "monitored", D("2026-12-01"))  # not yet
    tag(ids["赵桂兰"], "monitored", D("2026-01-01"))
    tag(ids["赵桂兰"], "severe_disability", D("2026-06-01"))  # several: the highest only
    def q(name):
        return quote_member(MemberRequest(ids[name], missed_years=0), clock.today(), policy())

    assert q("王建国").identities == ()
    assert q("王小明").payable == RATE
    grandma = q("赵桂兰")
    assert grandma.identities == ("monitored", "severe_disability")
    assert grandma.payable == 0 and grandma.lines[-1].subsidy_category == "severe_disability"


def test_missed_years_count_back_to_the_oldest_policy_file_and_become_lines_when_repaid(
        region, clock):
    ids = family_of_four(clock, region)
    # No paid year on record: 2026 and 2025 are missed (demo-2025 is the oldest file), 2024
    # is before the register's files and is not counted.
    head = quote_member(MemberRequest(ids["王建国"]), clock.today(), policy())
    assert head.missed_years == 2
    year = head.lines[-1]
    assert year.waiting_months == 4 and year.benefit_start == D("2027-05-01")
    # A late enrollment with one missed year paid back: a line of its own for 2026
    repaid = quote_member(MemberRequest(ids["王建国"], repaid_years=1), clock.today(), policy())
    assert [(x.benefit_year, x.kind) for x in repaid.lines] == [(2026, "repaid_year"),
                                                               (2027, "year")]
    back, own = repaid.lines
    assert back.payable == RATE and back.rate_kind is None and back.benefit_start is None
    assert own.waiting_months == 3 and own.payable == RATE and repaid.payable == 2 * RATE
    assert any("补缴1年" in c for c in own.clauses)


def test_a_child_born_in_2026_misses_no_year_before_its_birth(region, clock):
    ids = family_of_four(clock, region)
    baby = newborn(clock, Person.get_by_id(ids["王建国"]).household_id, D("2026-03-01"))
    q = quote_member(MemberRequest(baby), clock.today(), policy())
    assert q.missed_years == 1  # 2026 only, not 2025


def test_a_newborn_before_the_benefit_year_needs_two_years_on_one_quote(region):
    on = dt.date(2026, 12, 1)
    clock = FixedClock(on)
    ids = family_of_four(clock, region)
    baby = newborn(clock, Person.get_by_id(ids["王建国"]).household_id, D("2026-11-20"))
    q = quote_member(MemberRequest(baby, "newborn"), on, policy())
    assert q.allowed and q.missed_years == 0  # the birth year is paid in this same visit
    assert [(x.benefit_year, x.kind, x.policy) for x in q.lines] == [
        (2026, "year", "demo-2026"), (2027, "year", "demo-2027")]
    birth_year, coming = q.lines
    assert birth_year.benefit_start == D("2026-11-20") and birth_year.benefit_end == D("2026-12-31")
    assert coming.benefit_start == D("2027-01-01") and coming.waiting_months == 0
    assert q.payable == 2 * RATE


def test_a_late_newborn_cites_the_late_rule_first():
    late = quote(policy(), "newborn", D("2027-06-01"), birth=D("2027-01-15"))
    rule = policy().cases["newborn"]
    assert late.clauses.index(rule.late.clause) < late.clauses.index(rule.clause)
    assert late.clauses[0] == rule.late.clause
    outside = quote(policy(), "regular", D("2027-02-10"))
    assert outside.clauses[0] == policy().cases["regular"].outside_window.clause


def test_refusals_are_answers_with_the_reason(region, clock):
    ids = family_of_four(clock, region)
    head = Person.get_by_id(ids["王建国"])
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        household = writer.add_household(HouseholdRow(region))
        second = writer.add_person(PersonRow(household, "王建国", "resident", head.id_number,
                                             "M", dt.date(1980, 1, 1), "self"))
    waiting = quote_member(MemberRequest(second), clock.today(), policy())
    assert not waiting.allowed and waiting.lines == () and waiting.payable == 0
    assert "待合并" in waiting.reason and head.household.hukou_no in waiting.reason
    grandma = Person.get_by_id(ids["赵桂兰"])
    mark_left(clock, CLERK, grandma.id, grandma.version, status="deceased",
              on=clock.today(), reason="死亡证明", documents=("death_certificate",))
    gone = quote_member(MemberRequest(grandma.id), clock.today(), policy())
    assert not gone.allowed and "死亡" in gone.reason
    # the policy's own refusal: new hukou is for after the window
    moved = quote_member(MemberRequest(ids["王小明"], "new_hukou"), clock.today(), policy())
    assert not moved.allowed and moved.reason
    listed = {q.name: q for q in members_to_pay(head.id, clock.today(), policy())}
    assert not listed["赵桂兰"].allowed and listed["王建国"].allowed


def test_impossible_input_raises(region, clock):
    ids = family_of_four(clock, region)
    with pytest.raises(DomainError, match="找不到"):
        quote_member(MemberRequest(999_999), clock.today(), policy())
    with pytest.raises(DomainError):
        quote_member(MemberRequest(ids["王建国"], "lottery"), clock.today(), policy())
    with pytest.raises(DomainError):
        quote_member(MemberRequest(ids["王建国"], repaid_years=3), clock.today(), policy())


def test_the_counter_starts_a_baby_on_the_newborn_case_and_everyone_else_on_regular(
        region, clock):
    """Quoted as regular, a baby born 2026-11-20 would pay no birth year and wait three
    months for 2027, as if 2026 had been missed: the pay screen proposes newborn."""
    ids = family_of_four(clock, region)
    baby = newborn(clock, Person.get_by_id(ids["王建国"]).household_id, D("2026-11-20"))
    quotes = {q.person_id: q for q in members_to_pay(ids["王建国"], D("2026-12-01"), policy())}
    assert quotes[baby].request.case == "newborn"
    assert [(x.benefit_year, x.benefit_start) for x in quotes[baby].lines] == \
        [(2026, D("2026-11-20")), (2027, D("2027-01-01"))]
    assert {quotes[i].request.case for i in ids.values()} == {"regular"}

"""Merging two records of one person, and undoing it (issue 14, points 4 and 5): every
row moves to the survivor, the other record stays as `merged`, the merge log keeps both,
and an unmerge gives back the very same database."""

import pytest
from actors import CLERK, SUPERVISOR
from merge_helpers import candidate, dump
from payments_helpers import family_of_four, policy
from registry_helpers import DOCS, make_id, person

from models.core import audit
from models.core.errors import DomainError
from models.core.schema import (
    DuplicateCandidate,
    IdentityTag,
    MergeLog,
    Payment,
    PaymentLine,
    Person,
    Reversal,
)
from models.merging.merge import MergeRequest, PaidTwiceRefused, merge_records, preview
from models.merging.unmerge import unmerge
from models.payments.paying import pay
from models.payments.quoting import MemberRequest
from models.registry.identities import add_identity_tag
from models.registry.lookup import lookup
from models.registry.people import person_detail
from models.registry.registration import NewHousehold, correct_person, register_person

CHILD_ID = make_id("20100303", "033")
TYPO_ID = make_id("20100303", "053")  # the same child registered again, one digit off


@pytest.fixture
def twice(region, clock):
    """A family of four, and the child registered again as the head of a new household
    (a hukou move registered anew), with a phone, a tag and a paid year of its own."""
    ids = family_of_four(clock, region)
    again = register_person(clock, CLERK, person("王晓明", TYPO_ID, phone="13800001111"),
                            new_household=NewHousehold(region, "新村1组"), documents=DOCS)
    ids["again"] = again.id
    return ids


def test_a_merge_moves_every_row_and_an_unmerge_restores_the_database(twice, clock):
    pay(clock, CLERK, policy(), [MemberRequest(twice["again"])], "cash")
    add_identity_tag(clock, CLERK, twice["again"], "extreme_poverty", "县民政局",
                     clock.today(), None, ("minimum_living_certificate",), policy=policy())
    cand = candidate(twice["王小明"], twice["again"], decision="review", score=0.8)
    start = dump()
    result = merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"],
                                                      keep={"phone": "other"}), "同一人")
    survivor, other = Person.get_by_id(twice["王小明"]), Person.get_by_id(twice["again"])
    assert (other.status, other.merged_into_id) == ("merged", survivor.id)
    assert survivor.phone == "13800001111" and survivor.id_number == CHILD_ID
    assert PaymentLine.get().person_id == survivor.id
    assert IdentityTag.get(IdentityTag.category == "extreme_poverty").person_id == survivor.id
    assert result.moved == {"enrollment": 1, "payment_line": 1, "identity_tag": 1}
    row = DuplicateCandidate.get_by_id(cand)
    assert (row.status, row.merge_id, row.decided_by) == ("merged", result.merge_id, "li")
    log = MergeLog.get_by_id(result.merge_id)
    assert (log.survivor_id, log.other_id, log.merged_by) == (survivor.id, other.id, "li")
    # looking the other up leads to the survivor; its history shows on the survivor
    hit = next(h for h in lookup(TYPO_ID, clock).hits if h.id == other.id)
    assert hit.merged_into == survivor.id
    history = person_detail(survivor.id, clock.today(), 2027).history
    assert {"person.merge", "person.merged"} <= {h.action for h in history}
    assert audit.verify().ok
    with pytest.raises(DomainError, match="审核员"):
        unmerge(clock, CLERK, result.merge_id)
    done = unmerge(clock, SUPERVISOR, result.merge_id, "合并错了")
    assert done.carried == ()
    assert dump() == start
    assert audit.verify().ok
    with pytest.raises(DomainError, match="已于"):
        unmerge(clock, SUPERVISOR, result.merge_id)


def test_a_head_merged_away_hands_the_household_to_an_adult(twice, region, clock):
    wife = register_person(clock, CLERK, person("陈芳", make_id("19900101", "024"),
                                               relation="spouse"),
                           household_id=Person.get_by_id(twice["again"]).household_id,
                           documents=DOCS)
    start = dump()
    result = merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"]))
    assert Person.get_by_id(wife.id).relation == "self"
    assert result.new_heads == ((wife.household.id, wife.id),)
    unmerge(clock, SUPERVISOR, result.merge_id)
    assert dump() == start and audit.verify().ok


def test_the_survivor_may_take_the_others_place(twice, clock):
    """household=other: the child leaves its parents' household for the new one, as its
    head; its old household keeps its own head."""
    start = dump()
    result = merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"],
                                                      keep={"household": "other"}))
    child = Person.get_by_id(twice["王小明"])
    assert child.household_id == Person.get_by_id(twice["again"]).household_id
    assert child.relation == "self" and result.new_heads == ()
    unmerge(clock, SUPERVISOR, result.merge_id)
    assert dump() == start and audit.verify().ok


def test_both_paid_for_a_year_the_merge_asks_which_payment_stands(twice, clock):
    first = pay(clock, CLERK, policy(), [MemberRequest(twice["王小明"])], "cash")
    second = pay(clock, CLERK, policy(), [MemberRequest(twice["again"])], "cash")
    request = MergeRequest(twice["王小明"], twice["again"])
    with pytest.raises(PaidTwiceRefused, match="2027年度两条记录都已缴费"):
        merge_records(clock, CLERK, request)
    with pytest.raises(DomainError, match="不是这两条记录"):
        merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"],
                                                 keep_payments=("430225-T1-2026-999999",)))
    keep = MergeRequest(twice["王小明"], twice["again"], keep_payments=(first.receipt_no,))
    assert preview(clock, keep).refunds == (second.receipt_no,)
    assert Reversal.select().count() == 0  # a preview writes nothing
    result = merge_records(clock, CLERK, keep)
    refund = Reversal.get()
    assert result.refunds == (refund.number,) and refund.kind == "refund"
    assert Payment.get(Payment.receipt_no == second.receipt_no).status == "refunded"
    lines = PaymentLine.select().where(PaymentLine.person == twice["王小明"])
    assert sorted(x.status for x in lines) == ["paid", "refunded"]
    # the unmerge moves the lines back; the refund stands
    done = unmerge(clock, SUPERVISOR, result.merge_id)
    assert done.refunds == (refund.number,)
    assert PaymentLine.get(PaymentLine.payment == second.payment_id).person_id == twice["again"]
    assert Payment.get(Payment.receipt_no == second.receipt_no).status == "refunded"
    assert audit.verify().ok


def test_a_family_receipt_is_not_refunded_by_a_merge(twice, clock):
    family = pay(clock, CLERK, policy(), [MemberRequest(twice["王小明"]),
                                          MemberRequest(twice["王建国"])], "cash")
    alone = pay(clock, CLERK, policy(), [MemberRequest(twice["again"])], "cash")
    with pytest.raises(DomainError, match="还包含其他人"):
        merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"],
                                                 keep_payments=(alone.receipt_no,)))
    merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"],
                                             keep_payments=(family.receipt_no,)))
    assert Payment.get(Payment.receipt_no == alone.receipt_no).status == "refunded"


def test_a_later_change_the_merge_did_not_make_is_carried(twice, clock):
    """The survivor's phone is corrected after the merge: the unmerge keeps it on the
    survivor (it was changed on that record), and everything else goes back."""
    result = merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"],
                                                      keep={"phone": "survivor"}))
    child = person_detail(twice["王小明"], clock.today(), 2027)
    correct_person(clock, CLERK, child.id, child.version,
                   _with(child.as_input(), phone="13900002222"), reason="本人来电",
                   documents=DOCS)
    done = unmerge(clock, SUPERVISOR, result.merge_id)
    survivor, other = Person.get_by_id(twice["王小明"]), Person.get_by_id(twice["again"])
    # nothing of the merge left to undo on it: it stays as the correction left it
    assert survivor.phone == "13900002222" and survivor.version == child.version + 1
    assert (other.status, other.merged_into_id, other.phone) == ("active", None, "13800001111")
    assert done.carried and audit.verify().ok


def test_a_field_the_merge_set_and_someone_changed_since_refuses(twice, clock):
    result = merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"],
                                                      keep={"phone": "other"}))
    child = person_detail(twice["王小明"], clock.today(), 2027)
    correct_person(clock, CLERK, child.id, child.version,
                   _with(child.as_input(), phone="13900002222"), reason="本人来电",
                   documents=DOCS)
    with pytest.raises(DomainError, match="联系电话又改过"):
        unmerge(clock, SUPERVISOR, result.merge_id)
    assert Person.get_by_id(twice["again"]).status == "merged"
    assert MergeLog.get_by_id(result.merge_id).undone_at is None


def test_odd_requests_are_refused_in_words(twice, clock):
    with pytest.raises(DomainError, match="自己"):
        merge_records(clock, CLERK, MergeRequest(twice["again"], twice["again"]))
    with pytest.raises(DomainError, match="没有这个字段"):
        merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"],
                                                 keep={"colour": "other"}))
    with pytest.raises(DomainError, match="找不到"):
        merge_records(clock, CLERK, MergeRequest(twice["王小明"], 99999))
    merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"]))
    with pytest.raises(DomainError, match="已合并"):
        merge_records(clock, CLERK, MergeRequest(twice["王建国"], twice["again"]))
    with pytest.raises(DomainError, match="没有编号为 77 的合并"):
        unmerge(clock, SUPERVISOR, 77)


def _with(data, **changes):
    from models.rules.person import PersonInput
    return PersonInput(**{**data.__dict__, **changes})

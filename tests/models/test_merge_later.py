"""After a merge: what an unmerge does with what happened since (issue 14, point 5), row by
row; the sure band in bulk; the clerks' decisions on a pair; the merge log's rights."""

import peewee as pw
import pytest
from actors import CLERK, SUPERVISOR
from merge_helpers import awaiting_merge, candidate, dump
from payments_helpers import family_of_four, policy
from registry_helpers import DOCS, make_id, person

from models.core import audit
from models.core.db import is_postgres
from models.core.errors import DomainError
from models.core.schema import DuplicateCandidate, MergeLog, Payment, PaymentLine, Person
from models.merging.bulk import merge_sure
from models.merging.merge import MergeRequest, merge_records
from models.merging.review import compare, decide, open_candidate_for, queue
from models.merging.unmerge import UnmergeConflict, unmerge
from models.payments.paying import pay
from models.payments.quoting import MemberRequest
from models.payments.reversals import refund_payment
from models.registry.households import move_member
from models.registry.registration import NewHousehold, register_person

TYPO_ID = make_id("20100303", "053")


@pytest.fixture
def twice(region, clock):
    ids = family_of_four(clock, region)
    ids["again"] = register_person(clock, CLERK, person("王晓明", TYPO_ID, phone="13800001111"),
                                   new_household=NewHousehold(region, "新村1组"),
                                   documents=DOCS).id
    return ids


def test_a_moved_payment_refunded_since_goes_back_refunded(twice, clock):
    """The refund was made on the line the merge moved: the line goes back to the record
    it was paid for, refunded; a payment made for the survivor since stays with it."""
    moved = pay(clock, CLERK, policy(), [MemberRequest(twice["again"])], "cash")
    result = merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"]))
    refund_payment(clock, CLERK, moved.receipt_no, "重复缴费")
    later = pay(clock, CLERK, policy(), [MemberRequest(twice["王小明"])], "cash")
    done = unmerge(clock, SUPERVISOR, result.merge_id)
    back = PaymentLine.get(PaymentLine.payment == moved.payment_id)
    assert (back.person_id, back.status) == (twice["again"], "refunded")
    stays = PaymentLine.get(PaymentLine.payment == later.payment_id)
    assert (stays.person_id, stays.status) == (twice["王小明"], "paid")
    assert any("缴费明细" in words for words in done.carried)
    assert audit.verify().ok


def test_a_survivor_moved_since_into_the_others_old_place_refuses(twice, clock):
    """household=other put the survivor in the other's household; it moved on since: the
    unmerge cannot put the other back as that household's head by itself."""
    result = merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"],
                                                      keep={"household": "other"}))
    child = Person.get_by_id(twice["王小明"])
    move_member(clock, CLERK, child.id, child.version, relation="child",
                to_household_id=Person.get_by_id(twice["王建国"]).household_id,
                reason="迁回", documents=DOCS)
    with pytest.raises(UnmergeConflict, match="所在户又改过"):
        unmerge(clock, SUPERVISOR, result.merge_id)
    assert MergeLog.get_by_id(result.merge_id).undone_at is None


def test_the_survivor_awaiting_merge_becomes_the_active_record(twice, clock):
    awaiting_merge(clock, CLERK, twice["again"], twice["王小明"])
    start = dump()
    result = merge_records(clock, CLERK, MergeRequest(twice["again"], twice["王小明"]))
    assert Person.get_by_id(twice["again"]).status == "active"
    assert Person.get_by_id(twice["王小明"]).status == "merged"
    unmerge(clock, SUPERVISOR, result.merge_id)
    assert dump() == start and audit.verify().ok


def test_the_sure_band_in_bulk_leaves_what_needs_a_clerk(twice, region, clock):
    both = [pay(clock, CLERK, policy(), [MemberRequest(i)], "cash")
            for i in (twice["王小明"], twice["again"])]
    candidate(twice["王小明"], twice["again"], decision="sure", score=0.99)
    lone = register_person(clock, CLERK, person("李秀英", make_id("19820202", "042"),
                                               relation="self"),
                           new_household=NewHousehold(region, "三组"), documents=DOCS,
                           duplicate_reason="另立户").id
    candidate(twice["李秀英"], lone, decision="sure", score=0.98)
    candidate(twice["王建国"], lone, decision="review", score=0.6)
    with pytest.raises(DomainError, match="审核员"):
        merge_sure(clock, CLERK)
    dry = merge_sure(clock, SUPERVISOR, dry_run=True)
    assert [(o.result is not None, o.refused is not None) for o in dry] == [(False, True),
                                                                           (True, False)]
    assert "2027年度两条记录都已缴费" in dry[0].refused
    assert MergeLog.select().count() == 0 and Payment.select().count() == len(both)
    done = merge_sure(clock, SUPERVISOR, dry_run=False)
    assert [o.result.merge_id is not None for o in done if o.result] == [True]
    assert Person.get_by_id(lone).status == "merged"
    assert Person.get_by_id(twice["again"]).status == "active"  # left for a clerk
    assert [r.id for r in queue()] == [DuplicateCandidate.get(
        DuplicateCandidate.person_b == twice["again"]).id]  # the merged pair's other gone


def test_dismissed_and_confirmed_pairs(twice, clock):
    pair = candidate(twice["王小明"], twice["again"], decision="review", score=0.7)
    view = compare(twice["王小明"], twice["again"], clock.today(), 2027)
    assert view.candidate_id == pair and "id_number" in view.differs
    assert view.kept["phone"] == "other" and view.survivor.id == twice["王小明"]
    assert open_candidate_for(twice["again"]) == (twice["王小明"], twice["again"])
    decide(clock, CLERK, pair, "confirmed", "同一人")
    assert DuplicateCandidate.get_by_id(pair).status == "confirmed"
    decide(clock, CLERK, pair, "dismissed", "双胞胎")
    row = DuplicateCandidate.get_by_id(pair)
    assert (row.status, row.decided_by) == ("dismissed", "li")
    with pytest.raises(DomainError, match="已排除"):
        decide(clock, CLERK, pair, "dismissed")
    with pytest.raises(DomainError, match="没有编号为 999"):
        decide(clock, CLERK, 999, "confirmed")
    assert queue() == () and open_candidate_for(twice["again"]) is None


def test_the_merge_log_is_never_deleted_by_a_counter(twice, db, clock):
    result = merge_records(clock, CLERK, MergeRequest(twice["王小明"], twice["again"]))
    if not is_postgres():
        return  # SQLite has no roles: the file's permissions protect it
    with pytest.raises(pw.ProgrammingError), db.atomic():
        db.execute_sql("DELETE FROM merge_log")
    assert MergeLog.get_by_id(result.merge_id).merged_by == "li"

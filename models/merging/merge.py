"""The merge: one unit of work that makes two person records one.

The other record's enrollments, payment lines and identity tags move to the survivor,
the fields the clerk chose are copied onto it, and the other record is marked `merged`
with `merged_into`: never deleted, a lookup of it leads to the survivor. A household that
loses its head gets the new one the plan names. A year both paid for has one payment
refunded (models/payments/reversals.refund_payment, in the same transaction). The merge
log keeps every touched row before and after (models/merging/snapshots.py); the events
are about both people (so both are resealed) and any member whose relation changed.
"""

import json
from dataclasses import dataclass

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.errors import DomainError
from models.core.schema import DuplicateCandidate, MergeLog, Person
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.merging import plan as planning
from models.merging import snapshots
from models.payments.reversals import refund_payment
from models.registry.rows import (
    VersionConflict,
    bump_household,
    lock_households,
    lock_member,
    lock_person,
)
from models.rules import limits
from models.texts import merging as mt

HIDDEN = ("name_pinyin", "name_initials", "id_key", "id_key_rev")  # follow name and ID


class PaidTwiceRefused(DomainError):
    """Both records paid for a year and no payment was chosen to stand."""


@dataclass(frozen=True)
class MergeRequest:
    survivor_id: int
    other_id: int
    keep: dict[str, str] | None = None
    keep_payments: tuple[str, ...] = ()
    new_heads: dict[int, int] | None = None
    expected_versions: tuple[int, int] | None = None  # the counter's: survivor, other


@dataclass(frozen=True)
class MergeResult:
    merge_id: int | None  # None: a dry run
    survivor_id: int
    other_id: int
    kept: dict[str, str]
    changes: dict[str, object]
    moved: dict[str, int]
    refunds: tuple[str, ...]  # the refunds' numbers (receipts, in a dry run)
    new_heads: tuple[tuple[int, int], ...]  # (household id, new head id)


def preview(clock: Clock, request: MergeRequest) -> MergeResult:
    """What the merge would do, nothing written (a refusal is raised as the merge would)."""
    plan = _plan(clock, request)
    return _result(None, plan, tuple(plan.refunds))


@retry_on_conflict
def merge_records(clock: Clock, actor: Actor, request: MergeRequest,
                  reason: str = "") -> MergeResult:
    reason = limits.check_reason(reason, required=False)
    now = clock.now()
    with unit_of_work(clock, actor) as uow:
        _lock(request)
        plan = _plan(clock, request)
        before = snapshots.take(plan.touched())
        refunds = tuple(refund_payment(clock, actor, receipt, reason or mt.REFUND_REASON).number
                        for receipt in plan.refunds)
        if refunds:  # the refunded lines' status is the merge's doing too
            before = _after_refunds(before)
        log = MergeLog.create(survivor=plan.survivor.id, other=plan.other.id,
                              candidate=plan.candidate_id, kept=_json(plan.kept),
                              before=snapshots.dumps(before), after="{}",
                              refunds=_json(list(refunds)), merged_at=now,
                              merged_by=actor.username)
        _write(plan, clock)
        for household_id in {plan.survivor.household_id, plan.other.household_id}:
            bump_household(_Row(household_id))
        if plan.candidate_id is not None:
            (DuplicateCandidate.update(status="merged", merge_id=log.id, decided_at=now,
                                       decided_by=actor.username)
             .where(DuplicateCandidate.id == plan.candidate_id).execute())
        seq = _events(uow, plan, log.id, before, reason)
        after = snapshots.take(snapshots.ids_of(before))
        (MergeLog.update(after=snapshots.dumps(after), audit_seq=seq)
         .where(MergeLog.id == log.id).execute())
    return _result(log.id, plan, refunds)


@dataclass(frozen=True)
class _Row:
    id: int


def _lock(request: MergeRequest) -> None:
    """Households first, by id, then the two people, by id (models/registry/rows.py)."""
    rows = {r.id: r.household_id for r in Person.select(Person.id, Person.household)
            .where(Person.id.in_([request.survivor_id, request.other_id]))}
    lock_households(*rows.values())
    for person_id in sorted({request.survivor_id, request.other_id}):
        if person_id in rows:  # moved since it was read: a version conflict, said
            lock_member(person_id, rows[person_id])
        else:
            lock_person(person_id)  # refused: no such record


def _plan(clock: Clock, request: MergeRequest) -> planning.MergePlan:
    survivor, other = _person(request.survivor_id), _person(request.other_id)
    if request.expected_versions is not None:
        for row, expected in zip((survivor, other), request.expected_versions, strict=True):
            if row.version != expected:
                raise VersionConflict(expected, row.version)
    plan = planning.build(survivor, other, clock.today(), request.keep, request.keep_payments,
                          request.new_heads)
    if plan.problems:
        words = mt.PROBLEMS.format(problems=mt.CLAUSE_SEPARATOR.join(plan.problems))
        if plan.paid_twice and not request.keep_payments:
            raise PaidTwiceRefused(words)
        raise DomainError(words)
    return plan


def _person(person_id: int) -> Person:
    row = Person.get_or_none(Person.id == person_id)
    if row is None:
        raise DomainError(mt.PERSON_UNKNOWN.format(ref=person_id))
    return row


def _after_refunds(before: snapshots.Snapshot) -> snapshots.Snapshot:
    """The moved payment lines as the refund left them: an unmerge moves them back, it
    does not pay them again."""
    lines = snapshots.take({"payment_line": list(before.get("payment_line", {}))})
    return {**before, **lines}


def _write(plan: planning.MergePlan, clock: Clock) -> None:
    """Other first (it frees its ID and its head's place: both are unique among active
    records), then the survivor, then the new heads and their members."""
    s, o, now = plan.survivor, plan.other, clock.now()
    Person.update(status="merged", merged_into=s.id, status_date=clock.today(),
                  version=Person.version + 1, updated_at=now).where(Person.id == o.id).execute()
    Person.update(version=Person.version + 1, updated_at=now, **plan.changes).where(
        Person.id == s.id).execute()
    for table, ids in plan.moves.items():
        if ids:
            model = snapshots.TABLES[table]
            model.update(person=s.id).where(model.id.in_(ids)).execute()
    for head in plan.heads:
        # the old head is merged or gone from here: the household has no active head now
        Person.update(relation="self", version=Person.version + 1, updated_at=now).where(
            Person.id == head.new_head_id).execute()
        for member_id, relation in head.relations.items():
            Person.update(relation=relation, version=Person.version + 1, updated_at=now).where(
                Person.id == member_id, Person.relation != relation).execute()


def _events(uow, plan: planning.MergePlan, merge_id: int, before: snapshots.Snapshot,
            reason: str) -> int:
    s, o = plan.survivor, plan.other
    people = before["person"]
    moved = plan.moved_counts()
    shown = [k for k in plan.changes if k not in HIDDEN]
    seq = uow.audit("person.merge", "person", s.id,
                    before={_key(k): _plain(people[s.id].get(k)) for k in shown},
                    after={**{_key(k): _plain(plan.changes[k]) for k in shown},
                           "merge_id": merge_id, "merged_from": o.id,
                           **{f"moved_{table}": n for table, n in moved.items() if n}},
                    reason=reason)
    uow.audit("person.merged", "person", o.id, before={"status": o.status},
              after={"status": "merged", "merged_into": s.id, "merge_id": merge_id},
              reason=reason)
    for head in plan.heads:
        changed = {head.new_head_id: "self", **head.relations}
        for member_id, relation in changed.items():
            was = people.get(member_id, {}).get("relation")
            if member_id not in (s.id, o.id) and was != relation:
                uow.audit("person.relation", "person", member_id, before={"relation": was},
                          after={"relation": relation, "merge_id": merge_id}, reason=reason)
    return seq


def _key(column: str) -> str:
    """The history's name for a column (household_id becomes the household's number)."""
    return "household_id" if column == "household" else column


def _plain(value):
    return snapshots.comparable(value)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _result(merge_id: int | None, plan: planning.MergePlan, refunds: tuple) -> MergeResult:
    return MergeResult(merge_id, plan.survivor.id, plan.other.id, dict(plan.kept),
                       {k: _plain(v) for k, v in plan.changes.items()}, plan.moved_counts(),
                       tuple(refunds), tuple((h.household_id, h.new_head_id) for h in plan.heads))

"""Household changes: moving a member, changing the head, moving out and death.

A household never lacks a head: a change that would leave active members without
one must name the member who takes over. A minor does not take over while an adult
member remains, and after a change of head every other member's relation to the new
head is the one given (`relations`: member id → relation) or else the one proposed by
models/rules/relations.py; each change is in the audit trail.
"""

import datetime as dt
from dataclasses import dataclass

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.errors import DomainError
from models.core.schema import Person
from models.core.unit_of_work import UnitOfWork, retry_on_conflict, unit_of_work
from models.registry.people import PersonDetail, active_head, person_detail
from models.registry.rows import (
    NewHousehold,
    VersionConflict,
    bump_household,
    check_documents,
    create_household,
    household_of,
    lock_household,
    lock_households,
    lock_member,
)
from models.rules import idcard, limits
from models.rules.person import RELATIONS
from models.rules.relations import is_minor, propose_relations
from models.texts import labels
from models.texts import messages as msg

LEAVING = ("moved_out", "deceased")


@retry_on_conflict
def move_member(clock: Clock, actor: Actor, person_id: int, expected_version: int, *,
                relation: str, to_household_id: int | None = None,
                new_household: NewHousehold | None = None, new_head_id: int | None = None,
                old_head_relation: str = "other", relations: dict[int, str] | None = None,
                reason: str, documents: tuple[str, ...],
                benefit_year: int | None = None) -> PersonDetail:
    """Move a person to another household, or to a new one of which they are the head.
    A head who leaves members behind names the new head (`new_head_id`)."""
    reason = _check_request(reason, documents, relation)
    with unit_of_work(clock, actor) as uow:
        source_id = household_of(person_id)
        if new_household is not None:
            source = lock_household(source_id)
        else:  # both, by id ascending: a move the other way locks them in the same order
            locked = lock_households(source_id, to_household_id)
            source, target = locked[source_id], locked[to_household_id]
        person = _active_person(person_id, expected_version, source.id)
        if new_household is not None:
            relation = "self"
            target_id = create_household(new_household, clock.now())
        else:
            if target.id == source.id:
                raise DomainError(msg.SAME_HOUSEHOLD)
            head = active_head(target.id)
            if relation == "self" and head is not None:
                raise DomainError(msg.HOUSEHOLD_HAS_HEAD.format(name=head.name))
            if relation != "self" and head is None:
                raise DomainError(msg.NEW_HOUSEHOLD_NEEDS_HEAD)
            bump_household(target)
            target_id = target.id
        handover = _hand_over_head(clock, person, new_head_id, old_head_relation, relations)
        bump_household(source)
        Person.update(household=target_id, relation=relation, version=Person.version + 1,
                      updated_at=clock.now()).where(Person.id == person.id).execute()
        uow.audit("person.move", "person", person.id,
                  before={"household_id": source.id, "relation": person.relation},
                  after={"household_id": target_id, "relation": relation,
                         **(handover.summary() if handover else {})},
                  reason=reason, documents=documents)
        if handover:
            _record_head_change(uow, handover, person, reason, documents)
    return person_detail(person_id, clock.today(), benefit_year)


@retry_on_conflict
def change_head(clock: Clock, actor: Actor, household_id: int, expected_version: int,
                new_head_id: int, *, old_head_relation: str | None = None,
                relations: dict[int, str] | None = None, reason: str,
                documents: tuple[str, ...], benefit_year: int | None = None) -> PersonDetail:
    """Make another member the head. Each other member (the old head too) takes the
    relation given in `relations`, or `old_head_relation` for the old head, or else the
    proposed one."""
    reason = _check_request(reason, documents, old_head_relation or "other")
    with unit_of_work(clock, actor) as uow:
        household = lock_household(household_id)
        if household.version != expected_version:
            raise DomainError(msg.HOUSEHOLD_VERSION_CONFLICT)
        old = active_head(household_id)
        new = _member(household_id, new_head_id)
        if old is not None and old.id == new.id:
            raise DomainError(msg.NOTHING_CHANGED)
        given = dict(relations or {})
        if old is not None and old_head_relation is not None:
            given.setdefault(old.id, old_head_relation)
        others = [m for m in _active_members(household_id) if m.id != new.id]
        _refuse_minor_head(new, others, clock.today())
        changes = _new_relations(new, others, given)
        if old is not None:  # steps down first: one active head per household is an index
            _set_relation(old, changes[old.id][1], clock)
        _set_relation(new, "self", clock)
        for member in others:
            if old is None or member.id != old.id:
                _set_relation(member, changes[member.id][1], clock)
        bump_household(household)
        uow.audit("household.change_head", "household", household_id,
                  before={"head_id": old.id if old else None},
                  after={"head_id": new.id,
                         "relations": {str(k): after for k, (_, after) in changes.items()}},
                  reason=reason, documents=documents)
        _record_relations(uow, {new.id: (new.relation, "self"), **changes}, reason, documents)
    return person_detail(new.id, clock.today(), benefit_year)


@retry_on_conflict
def mark_left(clock: Clock, actor: Actor, person_id: int, expected_version: int, *, status: str,
              on: dt.date, new_head_id: int | None = None, old_head_relation: str = "other",
              relations: dict[int, str] | None = None, reason: str,
              documents: tuple[str, ...], benefit_year: int | None = None) -> PersonDetail:
    """Moved out of the region, or deceased, from a date. The record stays, marked."""
    if status not in LEAVING:
        raise DomainError(msg.BAD_STATUS)
    if on > clock.today():
        raise DomainError(msg.STATUS_DATE_FUTURE.format(date=on))
    reason = _check_request(reason, documents, old_head_relation)
    with unit_of_work(clock, actor) as uow:
        household = lock_household(household_of(person_id))
        person = _active_person(person_id, expected_version, household.id)
        handover = _hand_over_head(clock, person, new_head_id, old_head_relation, relations)
        Person.update(status=status, status_date=on, version=Person.version + 1,
                      updated_at=clock.now()).where(Person.id == person.id).execute()
        bump_household(household)
        uow.audit(f"person.{status}", "person", person.id, before={"status": person.status},
                  after={"status": status, "status_date": on.isoformat(),
                         **(handover.summary() if handover else {})},
                  reason=reason, documents=documents)
        if handover:
            _record_head_change(uow, handover, person, reason, documents)
    return person_detail(person_id, clock.today(), benefit_year)


# --- helpers -------------------------------------------------------------------


@dataclass(frozen=True)
class _Handover:
    """A leaving head's successor, and what each remaining member became."""

    new_head_id: int
    new_head_old_relation: str
    relations: dict[int, tuple[str, str]]  # member id → (before, after), not the new head's

    def summary(self) -> dict:
        return {"new_head_id": self.new_head_id,
                "new_head_old_relation": self.new_head_old_relation}


def _check_request(reason: str, documents: tuple[str, ...], relation: str) -> str:
    if relation not in RELATIONS:
        raise DomainError(msg.BAD_RELATION.format(relation=relation))
    reason = limits.check_reason(reason, required=True)
    check_documents(documents, required=True)
    return reason


def _active_person(person_id: int, expected_version: int, household_id: int) -> Person:
    """The person locked, after their household (locked by the caller)."""
    person = lock_member(person_id, household_id, expected_version)
    if person.status != "active":
        raise DomainError(msg.NOT_ACTIVE.format(status=labels.STATUS_LABELS[person.status]))
    if person.version != expected_version:
        raise VersionConflict(expected_version, person.version)
    return person


def _member(household_id: int, person_id: int | None) -> Person:
    person = Person.get_or_none(Person.id == person_id)
    if person is None or person.household_id != household_id or person.status != "active":
        raise DomainError(msg.NEW_HEAD_NOT_MEMBER)
    return person


def _active_members(household_id: int) -> list[Person]:
    return list(Person.select().where(Person.household == household_id,
                                      Person.status == "active").order_by(Person.id))


def _refuse_minor_head(new: Person, remaining: list[Person], today: dt.date) -> None:
    """A child does not head a household while an adult member remains in it."""
    if not is_minor(new.birth_date, today):
        return
    adult = next((m for m in remaining if not is_minor(m.birth_date, today)), None)
    if adult is not None:
        raise DomainError(msg.HEAD_IS_MINOR.format(
            name=new.name, age=idcard.age_on(new.birth_date, today), adult=adult.name))


def _new_relations(new: Person, others: list[Person],
                   given: dict[int, str]) -> dict[int, tuple[str, str]]:
    """Each of `others` (the new head not among them): (relation before, relation after),
    the one given or else the proposed one."""
    by_id = {m.id: m for m in others}
    for member_id, relation in given.items():
        if member_id not in by_id:
            raise DomainError(msg.RELATION_NOT_MEMBER.format(id=member_id))
        if relation not in RELATIONS:
            raise DomainError(msg.BAD_RELATION.format(relation=relation))
        if relation == "self":
            raise DomainError(msg.RELATION_NOT_SELF.format(name=by_id[member_id].name))
    proposed = propose_relations(new.relation, {m.id: m.relation for m in others})
    return {m.id: (m.relation, given.get(m.id, proposed[m.id])) for m in others}


def _hand_over_head(clock: Clock, person: Person, new_head_id: int | None,
                    old_head_relation: str, relations: dict[int, str] | None) -> _Handover | None:
    """When the head leaves a household that still has members, one of them takes over,
    and the others are related to the new head."""
    if person.relation != "self":
        return None
    remaining = [m for m in _active_members(person.household_id) if m.id != person.id]
    if not remaining:
        return None
    if new_head_id is None:
        raise DomainError(msg.HOUSEHOLD_NEEDS_NEW_HEAD.format(count=len(remaining)))
    new = _member(person.household_id, new_head_id)
    if new.id == person.id:
        raise DomainError(msg.NEW_HEAD_NOT_MEMBER)
    if old_head_relation == "self":  # two heads: the database would refuse it, unexplained
        raise DomainError(msg.OLD_HEAD_STAYS_HEAD)
    others = [m for m in remaining if m.id != new.id]
    _refuse_minor_head(new, others, clock.today())
    changes = _new_relations(new, others, dict(relations or {}))
    # The leaving head steps down first: one active head per household is a unique index.
    Person.update(relation=old_head_relation).where(Person.id == person.id).execute()
    Person.update(relation="self", version=Person.version + 1).where(
        Person.id == new.id).execute()
    for member in others:
        _set_relation(member, changes[member.id][1], clock)
    return _Handover(new.id, new.relation, changes)


def _record_head_change(uow: UnitOfWork, handover: _Handover, person: Person, reason: str,
                        documents: tuple[str, ...]) -> None:
    uow.audit("household.change_head", "household", person.household_id,
              before={"head_id": person.id},
              after={"head_id": handover.new_head_id,
                     "relations": {str(k): after for k, (_, after) in handover.relations.items()}},
              reason=reason, documents=documents)
    _record_relations(uow, {handover.new_head_id: (handover.new_head_old_relation, "self"),
                            **handover.relations}, reason, documents)


def _record_relations(uow: UnitOfWork, changes: dict[int, tuple[str, str]], reason: str,
                      documents: tuple[str, ...]) -> None:
    """One event per member whose relation changed."""
    for member_id, (before, after) in changes.items():
        if before != after:
            uow.audit("person.relation", "person", member_id, before={"relation": before},
                      after={"relation": after}, reason=reason, documents=documents)


def _set_relation(person: Person, relation: str, clock: Clock) -> None:
    if person.relation == relation:
        return
    Person.update(relation=relation, version=Person.version + 1,
                  updated_at=clock.now()).where(Person.id == person.id).execute()

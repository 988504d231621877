"""Household changes: moving a member, changing the head, moving out and death.

A household never lacks a head: a change that would leave active members without
one must name the member who takes over.
"""

import datetime as dt

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.errors import DomainError
from models.core.schema import Person
from models.core.unit_of_work import UnitOfWork, unit_of_work
from models.registry.people import PersonDetail, active_head, person_detail
from models.registry.rows import (
    NewHousehold,
    VersionConflict,
    bump_household,
    check_documents,
    create_household,
    lock_household,
    lock_person,
)
from models.rules.person import RELATIONS
from models.texts import labels
from models.texts import messages as msg

LEAVING = ("moved_out", "deceased")


def move_member(clock: Clock, actor: Actor, person_id: int, expected_version: int, *,
                relation: str, to_household_id: int | None = None,
                new_household: NewHousehold | None = None, new_head_id: int | None = None,
                old_head_relation: str = "other", reason: str,
                documents: tuple[str, ...], benefit_year: int | None = None) -> PersonDetail:
    """Move a person to another household, or to a new one of which they are the head."""
    _check_request(reason, documents, relation)
    with unit_of_work(clock, actor) as uow:
        person = _active_person(person_id, expected_version)
        source = lock_household(person.household_id)
        if new_household is not None:
            relation = "self"
            target_id = create_household(new_household, clock.now())
        else:
            target = lock_household(to_household_id)
            if target.id == source.id:
                raise DomainError(msg.SAME_HOUSEHOLD)
            head = active_head(target.id)
            if relation == "self" and head is not None:
                raise DomainError(msg.HOUSEHOLD_HAS_HEAD.format(name=head.name))
            if relation != "self" and head is None:
                raise DomainError(msg.NEW_HOUSEHOLD_NEEDS_HEAD)
            bump_household(target)
            target_id = target.id
        handover = _hand_over_head(person, new_head_id, old_head_relation)
        bump_household(source)
        Person.update(household=target_id, relation=relation, version=Person.version + 1,
                      updated_at=clock.now()).where(Person.id == person.id).execute()
        uow.audit("person.move", "person", person.id,
                  before={"household_id": source.id, "relation": person.relation},
                  after={"household_id": target_id, "relation": relation, **handover},
                  reason=reason.strip(), documents=documents)
        if handover:
            _record_head_change(uow, handover, person, reason, documents)
    return person_detail(person_id, clock.today(), benefit_year)


def change_head(clock: Clock, actor: Actor, household_id: int, expected_version: int,
                new_head_id: int, *, old_head_relation: str, reason: str,
                documents: tuple[str, ...], benefit_year: int | None = None) -> PersonDetail:
    """Make another member the head; the old head takes `old_head_relation`."""
    _check_request(reason, documents, old_head_relation)
    with unit_of_work(clock, actor) as uow:
        household = lock_household(household_id)
        if household.version != expected_version:
            raise DomainError(msg.HOUSEHOLD_VERSION_CONFLICT)
        old = active_head(household_id)
        new = _member(household_id, new_head_id)
        if old is not None and old.id == new.id:
            raise DomainError(msg.NOTHING_CHANGED)
        if old is not None:
            _set_relation(old, old_head_relation, clock)
        _set_relation(new, "self", clock)
        bump_household(household)
        uow.audit("household.change_head", "household", household_id,
                  before={"head_id": old.id if old else None},
                  after={"head_id": new.id, "old_head_relation": old_head_relation},
                  reason=reason.strip(), documents=documents)
        for person, before, after in ((old, "self", old_head_relation),
                                      (new, new.relation, "self")):
            if person is not None:
                uow.audit("person.relation", "person", person.id, before={"relation": before},
                          after={"relation": after}, reason=reason.strip(),
                          documents=documents)
    return person_detail(new.id, clock.today(), benefit_year)


def mark_left(clock: Clock, actor: Actor, person_id: int, expected_version: int, *, status: str,
              on: dt.date, new_head_id: int | None = None, old_head_relation: str = "other",
              reason: str, documents: tuple[str, ...],
              benefit_year: int | None = None) -> PersonDetail:
    """Moved out of the region, or deceased, from a date. The record stays, marked."""
    if status not in LEAVING:
        raise DomainError(msg.BAD_STATUS)
    if on > clock.today():
        raise DomainError(msg.STATUS_DATE_FUTURE.format(date=on))
    _check_request(reason, documents, old_head_relation)
    with unit_of_work(clock, actor) as uow:
        person = _active_person(person_id, expected_version)
        household = lock_household(person.household_id)
        handover = _hand_over_head(person, new_head_id, old_head_relation)
        Person.update(status=status, status_date=on, version=Person.version + 1,
                      updated_at=clock.now()).where(Person.id == person.id).execute()
        bump_household(household)
        uow.audit(f"person.{status}", "person", person.id, before={"status": person.status},
                  after={"status": status, "status_date": on.isoformat(), **handover},
                  reason=reason.strip(), documents=documents)
        if handover:
            _record_head_change(uow, handover, person, reason, documents)
    return person_detail(person_id, clock.today(), benefit_year)


# --- helpers -------------------------------------------------------------------


def _check_request(reason: str, documents: tuple[str, ...], relation: str) -> None:
    if relation not in RELATIONS:
        raise DomainError(msg.BAD_RELATION.format(relation=relation))
    if not reason.strip():
        raise DomainError(msg.NEEDS_REASON)
    check_documents(documents, required=True)


def _active_person(person_id: int, expected_version: int) -> Person:
    person = lock_person(person_id)
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


def _hand_over_head(person: Person, new_head_id: int | None, old_head_relation: str) -> dict:
    """When the head leaves a household that still has members, one of them takes over."""
    if person.relation != "self":
        return {}
    others = (Person.select().where(Person.household == person.household_id,
                                    Person.status == "active", Person.id != person.id).count())
    if not others:
        return {}
    if new_head_id is None:
        raise DomainError(msg.HOUSEHOLD_NEEDS_NEW_HEAD.format(count=others))
    new = _member(person.household_id, new_head_id)
    if new.id == person.id:
        raise DomainError(msg.NEW_HEAD_NOT_MEMBER)
    # The leaving head steps down first: one active head per household is a unique index.
    Person.update(relation=old_head_relation).where(Person.id == person.id).execute()
    Person.update(relation="self", version=Person.version + 1).where(
        Person.id == new.id).execute()
    return {"new_head_id": new.id, "new_head_old_relation": new.relation}


def _record_head_change(uow: UnitOfWork, handover: dict, person: Person, reason: str,
                        documents: tuple[str, ...]) -> None:
    uow.audit("household.change_head", "household", person.household_id,
              before={"head_id": person.id}, after={"head_id": handover["new_head_id"]},
              reason=reason.strip(), documents=documents)
    uow.audit("person.relation", "person", handover["new_head_id"],
              before={"relation": handover["new_head_old_relation"]},
              after={"relation": "self"}, reason=reason.strip(), documents=documents)


def _set_relation(person: Person, relation: str, clock: Clock) -> None:
    Person.update(relation=relation, version=Person.version + 1,
                  updated_at=clock.now()).where(Person.id == person.id).execute()

"""Registration and correction: the use cases that create and change a person.

Each is one transaction that writes its audit event; a refusal is a DomainError.
"""

import datetime as dt

import peewee as pw

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.db import database
from models.core.errors import DomainError
from models.core.schema import Household, Person
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.dedup.candidates import ScoredPair, store_candidates
from models.registry.lookup import PersonHit
from models.registry.people import (
    PersonDetail,
    active_head,
    get_person,
    person_detail,
    possible_duplicates,
)
from models.registry.rows import (
    NewHousehold,
    VersionConflict,
    bump_household,
    check_documents,
    create_household,
    household_of,
    lock_household,
    lock_member,
)
from models.rules import limits
from models.rules.person import CheckedPerson, PersonInput, check_person
from models.texts import labels
from models.texts import messages as msg

CORRECTABLE = ("name", "id_type", "id_number", "gender", "birth_date", "relation", "phone")
IDENTIFYING = frozenset({"name", "id_type", "id_number", "gender", "birth_date"})


class DuplicatesFound(DomainError):
    """Possible duplicates exist: the clerk opens one, or registers anyway with a reason.
    `scores`: the scorer's Score per candidate id (its band, score and reasons)."""

    def __init__(self, candidates: tuple[PersonHit, ...], scores: dict | None = None):
        super().__init__(msg.POSSIBLE_DUPLICATES.format(count=len(candidates)))
        self.candidates = candidates
        self.scores = scores or {}


class IdAlreadyRegistered(DomainError):
    """An active person holds this ID (after 15 → 18): not a possible duplicate but the
    same registration. The clerk opens that record, or corrects it; nothing is saved."""

    def __init__(self, existing: PersonHit, number: str | None):
        super().__init__(msg.ID_ALREADY_REGISTERED.format(
            number=number or existing.id_number, name=existing.name,
            hukou_no=existing.hukou_no))
        self.existing = existing


def register_person(clock: Clock, actor: Actor, data: PersonInput, *,
                    household_id: int | None = None, new_household: NewHousehold | None = None,
                    documents: tuple[str, ...] = (), duplicate_reason: str = "",
                    benefit_year: int | None = None) -> PersonDetail:
    """Register into an existing household, or into a new one as its head. The documents
    seen are required. An ID an active person holds is refused (IdAlreadyRegistered);
    a near match (same name, birth date and gender, or the same ID on a record no longer
    active) is shown first (DuplicatesFound) and registered only with a reason."""
    today = clock.today()
    person = check_person(data, today)
    reason = limits.check_reason(duplicate_reason, required=False)
    if new_household is not None:
        limits.check_address(new_household.address)
    try:
        return _register(clock, actor, person, household_id, new_household, documents,
                         reason, benefit_year)
    except pw.IntegrityError:
        # Another counter registered the same ID between our check and our insert: the
        # unique index refused ours, and the transaction was rolled back.
        holder = _id_holder(possible_duplicates(person, today).hits)
        if holder is None:
            raise
        raise IdAlreadyRegistered(holder, person.id_number) from None


@retry_on_conflict
def _register(clock: Clock, actor: Actor, person: CheckedPerson, household_id: int | None,
              new_household: NewHousehold | None, documents: tuple[str, ...], reason: str,
              benefit_year: int | None) -> PersonDetail:
    today, now = clock.today(), clock.now()
    with unit_of_work(clock, actor) as uow:
        village_id = new_household.village_id if new_household is not None else None
        found = possible_duplicates(person, today, household_id=household_id,
                                    village_id=village_id)
        duplicates = found.hits
        holder = _id_holder(duplicates)
        if holder is not None:
            raise IdAlreadyRegistered(holder, person.id_number)
        check_documents(documents, required=True)
        if duplicates and not reason:
            raise DuplicatesFound(duplicates, found.scores)
        if new_household is not None:
            if person.relation != "self":
                raise DomainError(msg.NEW_HOUSEHOLD_NEEDS_HEAD)
            household_id = create_household(new_household, now)
        else:
            household = lock_household(household_id)
            head = active_head(household.id)
            if person.relation == "self" and head is not None:
                raise DomainError(msg.HOUSEHOLD_HAS_HEAD.format(name=head.name))
            bump_household(household)
        row = Person.create(household=household_id, status="active", version=1,
                            created_at=now, updated_at=now, **person.columns())
        after = _snapshot(row)
        if duplicates:
            after["possible_duplicates"] = [d.id for d in duplicates]
            # registered anyway: the pairs wait in the review queue (issue 14)
            store_candidates(uow, [ScoredPair(row.id, other, score)
                                   for other, score in found.scores.items()], "counter")
        uow.audit("person.register", "person", row.id, after=after, reason=reason,
                  documents=documents)
    return person_detail(row.id, today, benefit_year)


def _id_holder(duplicates: tuple[PersonHit, ...]) -> PersonHit | None:
    return next((d for d in duplicates if d.match == "id" and d.status == "active"), None)


@retry_on_conflict
def correct_person(clock: Clock, actor: Actor, person_id: int, expected_version: int,
                   data: PersonInput, *, reason: str, documents: tuple[str, ...],
                   address: str | None = None, benefit_year: int | None = None,
                   duplicates_seen: frozenset[int] = frozenset()) -> PersonDetail:
    """Change a registration. A change to the name, ID, gender or birth date that makes
    the record look like another one is shown first (DuplicatesFound); saved once the
    clerk has seen them (their ids in `duplicates_seen`), the pairs wait in the review
    queue. The old values stay in the audit history; a placeholder baby given its real
    name and number is corrected, not registered again. The address is the household's:
    correcting it corrects it for every member. A record awaiting merge may be corrected
    too; it becomes active only when its ID is corrected to one no active person holds
    (it was mistyped, not a second registration)."""
    today = clock.today()
    reason = limits.check_reason(reason, required=True)
    check_documents(documents, required=True)
    if address is not None:
        address = limits.check_address(address)
    with unit_of_work(clock, actor) as uow:
        # Household first, then the person: the one lock order (models/registry/rows.py).
        household = lock_household(household_of(person_id))
        current = lock_member(person_id, household.id, expected_version)
        if current.status not in ("active", "awaiting_merge"):
            raise DomainError(msg.NOT_ACTIVE.format(status=labels.STATUS_LABELS[current.status]))
        awaiting = current.status == "awaiting_merge"
        if current.version != expected_version:
            raise VersionConflict(expected_version, current.version)
        placeholder = data.placeholder and data.name == current.name and data.id_type == "none"
        checked = check_person(_with(data, placeholder=placeholder), today)
        changes = _changes(current, checked)
        if address is not None and address != household.address:
            changes["address"] = address
        if not changes:
            raise DomainError(msg.NOTHING_CHANGED)
        if "relation" in changes and not awaiting:
            _check_relation_change(current, checked.relation)
        status = None
        if checked.id_key and checked.id_key != current.id_key:
            _refuse_taken_id(checked, current.id)
            if awaiting:  # its own ID now: no longer a second record of someone
                status = changes["status"] = "active"
                if checked.relation == "self":
                    _check_relation_change(current, "self")
        found = None
        if IDENTIFYING & changes.keys():
            found = possible_duplicates(checked, today, exclude_id=person_id,
                                        household_id=household.id)
            # The same ID held by another record is _refuse_taken_id's (and the unique
            # index's) to refuse; a record awaiting merge is already known as a duplicate.
            unseen = {h.id for h in found.hits if h.match != "id"} - set(duplicates_seen)
            if unseen and not awaiting:
                raise DuplicatesFound(found.hits, found.scores)
        before = {k: _plain(getattr(current, k)) for k in changes if k != "address"}
        if "address" in changes:
            before["address"] = household.address
            Household.update(address=changes["address"], version=Household.version + 1).where(
                Household.id == household.id).execute()
        try:
            with database.atomic():  # a savepoint: the transaction outlives a refusal
                updated = (Person.update(version=Person.version + 1, updated_at=clock.now(),
                                         **checked.columns(),
                                         **({"status": status} if status else {}))
                           .where(Person.id == person_id, Person.version == expected_version)
                           .execute())
        except pw.IntegrityError:
            # another counter gave this ID to an active record since our check
            _refuse_taken_id(checked, current.id)
            raise
        if updated != 1:  # pragma: no cover - the row lock above makes this unreachable
            raise VersionConflict(expected_version, get_person(person_id).version)
        if found:
            store_candidates(uow, [ScoredPair(person_id, other, score)
                                   for other, score in found.scores.items()], "counter")
        uow.audit("person.correct", "person", person_id, before=before,
                  after={k: _plain(v) for k, v in changes.items()}, reason=reason,
                  documents=documents)
    return person_detail(person_id, today, benefit_year)


def _snapshot(row: Person) -> dict:
    return {k: _plain(getattr(row, k)) for k in (*CORRECTABLE, "household_id", "placeholder")}


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _with(data: PersonInput, **changes) -> PersonInput:
    return PersonInput(**{**data.__dict__, **changes})


def _changes(current: Person, checked: CheckedPerson) -> dict:
    new = checked.columns()
    changes = {k: new[k] for k in CORRECTABLE if getattr(current, k) != new[k]}
    if current.placeholder != checked.placeholder:
        changes["placeholder"] = checked.placeholder
    return changes


def _check_relation_change(current: Person, relation: str) -> None:
    if relation == "self":
        head = active_head(current.household_id)
        if head is not None and head.id != current.id:
            raise DomainError(msg.HOUSEHOLD_HAS_HEAD.format(name=head.name))
    elif current.relation == "self":
        others = (Person.select().where(Person.household == current.household_id,
                                        Person.status == "active", Person.id != current.id)
                  .count())
        if others:
            raise DomainError(msg.HOUSEHOLD_NEEDS_NEW_HEAD.format(count=others))


def _refuse_taken_id(checked: CheckedPerson, person_id: int) -> None:
    other = (Person.select(Person, Household.hukou_no).join(Household)
             .where(Person.id_key == checked.id_key, Person.id != person_id,
                    Person.status == "active").objects().first())
    if other is not None:
        raise DomainError(msg.ID_TAKEN.format(number=checked.id_number, name=other.name,
                                              hukou_no=other.hukou_no))

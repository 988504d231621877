"""What the registry's use cases share: row locks, version bumps, new households,
the documents seen.

Rows are locked in one global order, so two counters never each hold a row the other
waits for (a PostgreSQL deadlock): households first, by id ascending, then persons, by
id ascending; the audit head last (models/core/audit.py takes it when the event is
written). A use case that needs a person's household reads the person unlocked, locks
the household, then locks the person and checks it is still there (`lock_member`)."""

import datetime as dt
import uuid
from dataclasses import dataclass

from models.core.db import for_update
from models.core.errors import DomainError
from models.core.schema import Household, Person, Region, Village
from models.rules import limits
from models.rules.person import hukou_number
from models.texts import labels
from models.texts import messages as msg


@dataclass(frozen=True)
class NewHousehold:
    village_id: int | None  # None: not chosen yet, refused once the person's own checks pass
    address: str = ""


class VersionConflict(DomainError):
    def __init__(self, expected: int, actual: int):
        super().__init__(msg.VERSION_CONFLICT.format(expected=expected, actual=actual))
        self.actual = actual


def check_documents(documents: tuple[str, ...], required: bool = False) -> None:
    if required and not documents:
        raise DomainError(msg.NEEDS_DOCUMENTS)
    unknown = [d for d in documents if d not in labels.DOCUMENT_LABELS]
    if unknown:
        raise DomainError(msg.NEEDS_DOCUMENTS)


def lock_person(person_id: int) -> Person:
    return _lock(Person, person_id, msg.PERSON_NOT_FOUND.format(id=person_id))


def lock_household(household_id: int | None) -> Household:
    return _lock(Household, household_id, msg.HOUSEHOLD_NOT_FOUND.format(ref=household_id))


def lock_households(*household_ids: int | None) -> dict[int | None, Household]:
    """Each household locked, by id ascending whatever order they are given in."""
    ids = sorted(set(household_ids), key=lambda i: (i is None, i or 0))
    return {i: lock_household(i) for i in ids}


def household_of(person_id: int) -> int:
    """The person's household as it stands, read without a lock: what to lock first."""
    row = Person.select(Person.household).where(Person.id == person_id).first()
    if row is None:
        raise DomainError(msg.PERSON_NOT_FOUND.format(id=person_id))
    return row.household_id


def lock_member(person_id: int, household_id: int, expected_version: int | None = None) -> Person:
    """The person locked after their household (already locked by the caller). Moved to
    another household since it was read: their version has changed, a conflict."""
    person = lock_person(person_id)
    if person.household_id != household_id:
        raise VersionConflict(person.version if expected_version is None else expected_version,
                              person.version)
    return person


def _lock(model, row_id, missing: str):
    row = for_update(model.select().where(model.id == row_id)).first()
    if row is None:
        raise DomainError(missing)
    return row


def bump_household(household: Household) -> None:
    Household.update(version=Household.version + 1).where(Household.id == household.id).execute()


def create_household(spec: NewHousehold, now: dt.datetime) -> int:
    address = limits.check_address(spec.address)
    if not Village.select().where(Village.id == spec.village_id).exists():
        raise DomainError(msg.VILLAGE_NOT_FOUND)
    region = Region.select().first()
    # The number comes from the row id, known only after the insert: a unique stand-in first.
    row = Household.create(hukou_no="~" + uuid.uuid4().hex[:18],
                           village=spec.village_id, address=address, created_at=now)
    Household.update(hukou_no=hukou_number(region.code if region else "000000", row.id)).where(
        Household.id == row.id).execute()
    return row.id

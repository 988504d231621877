"""Identity tags at the counter: a subsidy category (特困, 低保, 残疾, …) added to a
person or ended, with the department that certified it, its dates and the document
seen. Each is one transaction with its audit event.

The event is about the person (entity "person"), so it shows in their history and
audit.record reseals their row to it (models/core/audit_seal.py): verify wants a
person's seal to point at their latest event. The tag changes none of the sealed fields,
but the reseal writes the person row, so the household and then the person are locked
first, in the one lock order (models/registry/rows.py); holding the person also makes
the overlap check safe against a second counter tagging the same person at once.

Read by the payment quote: `identity_tags(person_id)` then
models/rules/identities.tags_valid_on(tags, day).
"""

import datetime as dt
from dataclasses import dataclass

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.db import for_update
from models.core.errors import DomainError
from models.core.schema import IdentityTag, Person
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.registry.regions import current_region
from models.registry.rows import household_of, lock_household, lock_member
from models.rules import limits
from models.rules.clean_text import clean
from models.rules.identities import overlaps
from models.rules.policy import Policy, policy_in_force
from models.texts import labels
from models.texts import messages as msg


@dataclass(frozen=True)
class TagView:
    id: int
    person_id: int
    category: str
    source: str
    valid_from: dt.date
    valid_to: dt.date | None


def identity_tags(person_id: int) -> tuple[TagView, ...]:
    """The person's tags, oldest start first."""
    return tuple(_view(t) for t in IdentityTag.select()
                 .where(IdentityTag.person == person_id)
                 .order_by(IdentityTag.valid_from, IdentityTag.id))


@retry_on_conflict
def add_identity_tag(clock: Clock, actor: Actor, person_id: int, category: str, source: str,
                     valid_from: dt.date, valid_to: dt.date | None,
                     documents: tuple[str, ...], reason: str = "",
                     policy: Policy | None = None) -> TagView:
    """Tag an active person with a category the policy subsidises (`policy`: the
    session's; None: the one in force today for this database's region)."""
    policy = policy or _policy_today(clock)
    _check_category(policy, category)
    source = _check_source(source)
    _check_dates(valid_from, valid_to)
    documents = _check_documents(documents, required=True)
    reason = limits.check_reason(reason, required=False)
    with unit_of_work(clock, actor) as uow:
        person = _lock_person(person_id)
        if valid_from < person.birth_date:
            raise DomainError(msg.IDENTITY_STARTS_BEFORE_BIRTH.format(
                valid_from=valid_from, birth=person.birth_date))
        for other in identity_tags(person_id):
            if other.category == category and overlaps(other.valid_from, other.valid_to,
                                                       valid_from, valid_to):
                raise DomainError(msg.IDENTITY_OVERLAP.format(
                    label=policy.label(category), valid_from=other.valid_from,
                    valid_to=other.valid_to or msg.IDENTITY_OPEN_END))
        row = IdentityTag.create(person=person_id, category=category, source=source,
                                 valid_from=valid_from, valid_to=valid_to)
        uow.audit("identity.add", "person", person_id,
                  after={"tag_id": row.id, "category": category, "source": source,
                         "valid_from": valid_from.isoformat(), "valid_to": _day(valid_to)},
                  reason=reason, documents=documents)
    return _view(row)


@retry_on_conflict
def end_identity_tag(clock: Clock, actor: Actor, tag_id: int, valid_to: dt.date | None,
                     reason: str, documents: tuple[str, ...] = ()) -> TagView:
    """End a tag on `valid_to` (its last day), earlier than it would have ended; the
    reason is required, the document seen (a department's notice) is kept if given."""
    if valid_to is None:
        raise DomainError(msg.IDENTITY_NEEDS_END)
    reason = limits.check_reason(reason, required=True)
    documents = _check_documents(documents, required=False)
    with unit_of_work(clock, actor) as uow:
        person_id = _tag_person(tag_id)
        _lock_person(person_id)
        tag = for_update(IdentityTag.select().where(IdentityTag.id == tag_id)).first()
        if tag is None:  # pragma: no cover - tags are never deleted
            raise DomainError(msg.IDENTITY_TAG_NOT_FOUND.format(id=tag_id))
        _check_dates(tag.valid_from, valid_to)
        if tag.valid_to is not None and valid_to >= tag.valid_to:
            raise DomainError(msg.IDENTITY_ALREADY_ENDED.format(
                label=labels.IDENTITY_LABELS.get(tag.category, tag.category),
                valid_to=tag.valid_to, new=valid_to))
        before = _day(tag.valid_to)
        IdentityTag.update(valid_to=valid_to).where(IdentityTag.id == tag_id).execute()
        uow.audit("identity.end", "person", person_id, before={"valid_to": before},
                  after={"tag_id": tag_id, "category": tag.category,
                         "valid_to": valid_to.isoformat()},
                  reason=reason, documents=documents)
        tag.valid_to = valid_to
    return _view(tag)


# --- checks ------------------------------------------------------------------


def _policy_today(clock: Clock) -> Policy:
    region = current_region()
    policy = region and policy_in_force(region.code, region.name, clock.today())
    if not policy:
        raise DomainError(msg.IDENTITY_NO_POLICY)
    return policy


def _check_category(policy: Policy, category: str) -> None:
    subsidised = msg.LIST_SEPARATOR.join(policy.label(c) for c in policy.subsidies)
    if category not in policy.category_codes:
        raise DomainError(msg.IDENTITY_UNKNOWN_CATEGORY.format(
            category=category, policy=policy.id,
            known=msg.LIST_SEPARATOR.join(policy.label(c) for c in policy.category_codes)))
    if category not in policy.subsidies:
        if not policy.subsidies:
            raise DomainError(msg.IDENTITY_NO_SUBSIDIES.format(policy=policy.id))
        raise DomainError(msg.IDENTITY_NOT_SUBSIDISED.format(
            policy=policy.id, label=policy.label(category), known=subsidised))


def _check_source(text: str | None) -> str:
    source = clean(text or "").strip()
    if not source:
        raise DomainError(msg.IDENTITY_NEEDS_SOURCE)
    if len(source) > limits.SOURCE_LENGTH:
        raise DomainError(msg.IDENTITY_SOURCE_TOO_LONG.format(limit=limits.SOURCE_LENGTH,
                                                              length=len(source)))
    return source


def _check_dates(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from is None:
        raise DomainError(msg.IDENTITY_NEEDS_START)
    if valid_to is not None and valid_to < valid_from:
        raise DomainError(msg.IDENTITY_ENDS_BEFORE_START.format(valid_from=valid_from,
                                                                valid_to=valid_to))


def _check_documents(documents, required: bool) -> tuple[str, ...]:
    documents = tuple(dict.fromkeys(documents or ()))
    if required and not documents:
        raise DomainError(msg.IDENTITY_NEEDS_DOCUMENT)
    for document in documents:
        if document not in labels.IDENTITY_DOCUMENT_LABELS:
            raise DomainError(msg.IDENTITY_UNKNOWN_DOCUMENT.format(document=document))
    return documents


# --- rows --------------------------------------------------------------------


def _lock_person(person_id: int) -> Person:
    """Household, then person (the one lock order); refused unless active."""
    household = lock_household(household_of(person_id))
    person = lock_member(person_id, household.id)
    if person.status != "active":
        raise DomainError(msg.IDENTITY_NOT_ACTIVE.format(
            status=labels.STATUS_LABELS.get(person.status, person.status)))
    return person


def _tag_person(tag_id: int) -> int:
    row = IdentityTag.select(IdentityTag.person).where(IdentityTag.id == tag_id).first()
    if row is None:
        raise DomainError(msg.IDENTITY_TAG_NOT_FOUND.format(id=tag_id))
    return row.person_id


def _view(tag: IdentityTag) -> TagView:
    return TagView(tag.id, tag.person_id, tag.category, tag.source, tag.valid_from,
                   tag.valid_to)


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None

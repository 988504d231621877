"""The review queue of duplicate candidates, and the clerks' decisions on them.

The queue holds the open pairs whose two records can still be merged (active or
awaiting merge), best score first, by village if asked. `compare` puts the two records
side by side (households, identity tags, enrollments and payments: the person screen's
own read model) with the fields that differ and the proposal: which record survives
and whose value each field keeps. Dismissing a pair keeps it dismissed for every later
scan; confirming it says "the same person" without merging yet.
"""

import datetime as dt
import json
from dataclasses import dataclass

import peewee as pw

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.db import for_update
from models.core.errors import DomainError
from models.core.schema import DuplicateCandidate, Household, Person, Village
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.merging import plan as planning
from models.registry.people import PersonDetail, person_detail
from models.rules import limits
from models.texts import merging as mt

PAGE = 200


@dataclass(frozen=True)
class QueueRow:
    id: int
    score: float
    decision: str
    reasons: tuple[str, ...]
    status: str
    village: str
    a_id: int
    a_name: str
    b_id: int
    b_name: str


@dataclass(frozen=True)
class Comparison:
    candidate_id: int | None
    survivor: PersonDetail  # as proposed: the record to keep
    other: PersonDetail
    differs: tuple[str, ...]  # planning.FIELDS whose values differ
    kept: dict[str, str]  # the proposal, field -> survivor / other
    reasons: tuple[str, ...]
    score: float | None
    paid_twice: tuple[planning.PaidTwice, ...]


def queue(village_id: int | None = None, limit: int = PAGE, offset: int = 0,
          status: str = "open") -> tuple[QueueRow, ...]:
    A, B = Person.alias(), Person.alias()
    HA, HB = Household.alias(), Household.alias()
    query = (DuplicateCandidate
             .select(DuplicateCandidate, A.name.alias("a_name"), B.name.alias("b_name"),
                     Village.name.alias("village"))
             .join(A, on=(DuplicateCandidate.person_a == A.id))
             .join(HA, on=(A.household == HA.id))
             .join(Village, on=(HA.village == Village.id))
             .switch(DuplicateCandidate)
             .join(B, on=(DuplicateCandidate.person_b == B.id))
             .join(HB, on=(B.household == HB.id))
             .where(DuplicateCandidate.status == status,
                    A.status.in_(planning.MERGEABLE), B.status.in_(planning.MERGEABLE)))
    if village_id is not None:
        query = query.where((HA.village == village_id) | (HB.village == village_id))
    rows = (query.order_by(DuplicateCandidate.score.desc(), DuplicateCandidate.id)
            .limit(limit).offset(offset).objects())
    return tuple(QueueRow(r.id, r.score, r.decision, _reasons(r.reasons), r.status,
                          r.village, r.person_a_id, r.a_name, r.person_b_id, r.b_name)
                 for r in rows)


def villages_in_queue() -> tuple[tuple[int, str, int], ...]:
    """(village id, name, open pairs) for the queue's village filter."""
    A, B = Person.alias(), Person.alias()
    query = (DuplicateCandidate
             .select(Village.id, Village.name, pw.fn.COUNT(DuplicateCandidate.id))
             .join(A, on=(DuplicateCandidate.person_a == A.id))
             .join(Household, on=(A.household == Household.id))
             .join(Village, on=(Household.village == Village.id))
             .switch(DuplicateCandidate)
             .join(B, on=(DuplicateCandidate.person_b == B.id))
             .where(DuplicateCandidate.status == "open", A.status.in_(planning.MERGEABLE),
                    B.status.in_(planning.MERGEABLE))
             .group_by(Village.id, Village.name).order_by(Village.id).tuples())
    return tuple(query)


def compare(a_id: int, b_id: int, today: dt.date, benefit_year: int | None = None,
            survivor_id: int | None = None) -> Comparison:
    """The pair side by side, the proposed survivor first (or `survivor_id`)."""
    a, b = Person.get_or_none(Person.id == a_id), Person.get_or_none(Person.id == b_id)
    if a is None or b is None:
        raise DomainError(mt.PERSON_UNKNOWN.format(ref=a_id if a is None else b_id))
    if survivor_id is None:
        survivor, other = planning.propose_survivor(a, b)
    else:
        survivor, other = (a, b) if survivor_id == a.id else (b, a)
    row = _candidate_row(a.id, b.id)
    differs = tuple(f for f in planning.FIELDS
                    if any(getattr(survivor, _attr(c)) != getattr(other, _attr(c))
                           for c in planning.COLUMNS[f] if c not in ("name_pinyin",
                                                                     "name_initials")))
    return Comparison(row.id if row else None, person_detail(survivor.id, today, benefit_year),
                      person_detail(other.id, today, benefit_year), differs,
                      planning.propose(survivor, other), _reasons(row.reasons) if row else (),
                      row.score if row else None,
                      tuple(planning._paid_twice(survivor.id, other.id)))


def open_candidate_for(person_id: int) -> tuple[int, int] | None:
    """The pair to review for this record: its open candidate, else (awaiting merge)
    the record holding its ID."""
    row = (DuplicateCandidate.select()
           .where(((DuplicateCandidate.person_a == person_id)
                   | (DuplicateCandidate.person_b == person_id)),
                  DuplicateCandidate.status.in_(("open", "confirmed")))
           .order_by(DuplicateCandidate.score.desc()).first())
    if row is not None:
        return row.person_a_id, row.person_b_id
    person = Person.get_or_none(Person.id == person_id)
    if person is None or person.status != "awaiting_merge" or not person.id_key:
        return None
    holder = (Person.select(Person.id).where(Person.id_key == person.id_key,
                                             Person.status == "active",
                                             Person.id != person_id).first())
    return (holder.id, person_id) if holder else None


@retry_on_conflict
def decide(clock: Clock, actor: Actor, candidate_id: int, status: str,
           reason: str = "") -> None:
    """Dismiss ("not the same person") or confirm ("the same, merge later") an open pair."""
    if status not in ("dismissed", "confirmed"):
        raise DomainError(mt.UNKNOWN_DECISION.format(status=status))
    reason = limits.check_reason(reason, required=False)
    with unit_of_work(clock, actor) as uow:
        row = for_update(DuplicateCandidate.select()
                         .where(DuplicateCandidate.id == candidate_id)).first()
        if row is None:
            raise DomainError(mt.CANDIDATE_UNKNOWN.format(id=candidate_id))
        if row.status not in ("open", "confirmed") or row.status == status:
            raise DomainError(mt.CANDIDATE_NOT_OPEN.format(
                status=mt.CANDIDATE_STATUS_LABELS.get(row.status, row.status),
                action=mt.CANDIDATE_STATUS_LABELS[status]))
        (DuplicateCandidate.update(status=status, decided_at=clock.now(),
                                   decided_by=actor.username)
         .where(DuplicateCandidate.id == candidate_id).execute())
        uow.audit(f"duplicate.{status[:-1] if status.endswith('ed') else status}",
                  "duplicate_candidate", candidate_id, before={"status": row.status},
                  after={"status": status, "a": row.person_a_id, "b": row.person_b_id},
                  reason=reason)


def _candidate_row(a: int, b: int) -> DuplicateCandidate | None:
    low, high = sorted((a, b))
    return DuplicateCandidate.get_or_none(DuplicateCandidate.person_a == low,
                                          DuplicateCandidate.person_b == high)


def _attr(column: str) -> str:
    return column + "_id" if column == "household" else column


def _reasons(text: str) -> tuple[str, ...]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()

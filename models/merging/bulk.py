"""The `sure` band merged in bulk, by a supervisor, after a dry run.

Each open pair the scorer was sure of is merged as the review screen would propose it
(the survivor and each field's value from models/merging/plan.py), one unit of work a
pair, so a pair that cannot be merged this way (both paid for a year, a twin-like
refusal of the plan) is left in the queue with its reason and the others go on.
"""

from dataclasses import dataclass

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.errors import DomainError
from models.core.schema import DuplicateCandidate, Person
from models.merging import plan as planning
from models.merging.merge import MergeRequest, MergeResult, merge_records, preview


@dataclass(frozen=True)
class BulkOutcome:
    candidate_id: int
    result: MergeResult | None
    refused: str | None  # why this pair was left for a clerk


def merge_sure(clock: Clock, actor: Actor, dry_run: bool = True,
               reason: str = "") -> tuple[BulkOutcome, ...]:
    actor.require("supervisor")
    pairs = list(DuplicateCandidate.select()
                 .where(DuplicateCandidate.status.in_(("open", "confirmed")),
                        DuplicateCandidate.decision == "sure")
                 .order_by(DuplicateCandidate.score.desc(), DuplicateCandidate.id))
    outcomes = []
    for pair in pairs:
        a = Person.get_by_id(pair.person_a_id)
        b = Person.get_by_id(pair.person_b_id)
        if a.status not in planning.MERGEABLE or b.status not in planning.MERGEABLE:
            continue  # one of them was merged by an earlier pair of this run
        survivor, other = planning.propose_survivor(a, b)
        request = MergeRequest(survivor.id, other.id)
        try:
            result = (preview(clock, request) if dry_run
                      else merge_records(clock, actor, request, reason))
        except DomainError as e:
            outcomes.append(BulkOutcome(pair.id, None, e.message))
            continue
        outcomes.append(BulkOutcome(pair.id, result, None))
    return tuple(outcomes)

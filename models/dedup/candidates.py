"""Storing the pairs the scorer found (the duplicate_candidate table, migration 0011).

A pair is stored once, lower record id first. Storing never changes a stored pair: a
dismissed pair stays dismissed, a confirmed or merged one keeps its status, so a re-scan
or a second registration raises only what is new. Used by the batch scan (source scan),
the counter's "register anyway" (counter) and the roster import (import).
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.errors import DomainError
from models.core.schema import DuplicateCandidate
from models.core.unit_of_work import UnitOfWork, retry_on_conflict, unit_of_work
from models.dedup.records import records_by_id
from models.rules.duplicates import Decision, Score, score_pair
from models.texts import messages as msg

SOURCES = ("scan", "counter", "import")
STATUSES = ("open", "confirmed", "dismissed", "merged")
BATCH = 500


@dataclass(frozen=True)
class ScoredPair:
    a_id: int
    b_id: int
    score: Score

    def ordered(self) -> "ScoredPair":
        return self if self.a_id < self.b_id else ScoredPair(self.b_id, self.a_id, self.score)


def store_candidates(uow: UnitOfWork, pairs: Iterable[ScoredPair], source: str) -> int:
    """Store every sure or review pair not stored before; answer how many were new.
    Pairs scored `different` are left out. Runs inside the caller's unit of work."""
    if source not in SOURCES:
        raise ValueError(f"unknown candidate source {source!r}")
    now = uow.clock.now()
    rows: dict[tuple[int, int], dict] = {}
    for pair in pairs:
        if not pair.score.is_candidate or pair.a_id == pair.b_id:
            continue
        p = pair.ordered()
        rows.setdefault((p.a_id, p.b_id), {
            "person_a": p.a_id, "person_b": p.b_id, "score": p.score.score,
            "decision": str(p.score.decision), "source": source, "status": "open",
            "reasons": json.dumps(list(p.score.reasons), ensure_ascii=False),
            "found_at": now})
    new = [rows[k] for k in sorted(rows.keys() - stored_pairs(rows.keys()))]
    for start in range(0, len(new), BATCH):
        # another counter may store the same pair meanwhile: its row stands, ours is dropped
        DuplicateCandidate.insert_many(new[start:start + BATCH]).on_conflict_ignore().execute()
    return len(new)


def stored_pairs(keys: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Of these (lower id, higher id) pairs, the ones already stored, in any status."""
    keys = sorted(set(keys))
    found: set[tuple[int, int]] = set()
    for start in range(0, len(keys), BATCH):
        chunk = keys[start:start + BATCH]
        low = {a for a, _ in chunk}
        query = (DuplicateCandidate.select(DuplicateCandidate.person_a,
                                           DuplicateCandidate.person_b)
                 .where(DuplicateCandidate.person_a.in_(low)).tuples())
        wanted = set(chunk)
        found.update(k for k in query if k in wanted)
    return found


@retry_on_conflict
def raise_candidate(clock: Clock, actor: Actor, a_id: int, b_id: int,
                    source: str) -> Score | None:
    """Score the pair of records and store it unless it is stored already (whatever its
    status) or the scorer calls them two people. Answers the score, or None when nothing
    new was stored."""
    if a_id == b_id:
        return None
    records = records_by_id((a_id, b_id))
    missing = next((i for i in (a_id, b_id) if i not in records), None)
    if missing is not None:
        raise DomainError(msg.PERSON_NOT_FOUND.format(id=missing))
    score = score_pair(records[a_id], records[b_id])
    if score.decision is Decision.DIFFERENT:
        return None
    pair = ScoredPair(a_id, b_id, score).ordered()
    with unit_of_work(clock, actor) as uow:
        if not store_candidates(uow, [pair], source):
            return None
        uow.audit("duplicate.raise", "person", pair.a_id,
                  after={"person_a": pair.a_id, "person_b": pair.b_id, "score": score.score,
                         "decision": str(score.decision), "source": source})
    return score

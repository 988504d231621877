"""Storing candidate pairs (issue 14): once a pair, lower id first, never over a decision."""

import datetime as dt
import json

from actors import CLERK
from registry_helpers import DOCS, make_id, person

from models.core.schema import AuditEvent, DuplicateCandidate
from models.core.unit_of_work import unit_of_work
from models.dedup.candidates import ScoredPair, raise_candidate, store_candidates
from models.registry.registration import NewHousehold, register_person
from models.rules.duplicates import Decision, Score
from models.rules.person import PersonInput


def _twice(region, clock):
    first = register_person(clock, CLERK, person("刘德明", make_id("19750505", "071")),
                            new_household=NewHousehold(region), documents=DOCS)
    again = PersonInput("刘德明", "none", None, "M", dt.date(1975, 5, 5), "self")
    second = register_person(clock, CLERK, again, new_household=NewHousehold(region),
                             documents=DOCS, duplicate_reason="老人无证件，先登记")
    return first, second


def test_raise_candidate_scores_and_stores_once(region, clock, as_owner):
    first, second = _twice(region, clock)
    with as_owner():  # as if the counter had not stored it (the app role may not delete)
        DuplicateCandidate.delete().execute()
    score = raise_candidate(clock, CLERK, second.id, first.id, "import")
    assert score is not None and score.decision is Decision.SURE
    row = DuplicateCandidate.get()
    assert (row.person_a_id, row.person_b_id, row.source, row.status) == \
        (first.id, second.id, "import", "open")
    assert json.loads(row.reasons)[1] == "姓名相同"
    assert AuditEvent.select().where(AuditEvent.action == "duplicate.raise").count() == 1
    assert raise_candidate(clock, CLERK, first.id, second.id, "scan") is None
    assert DuplicateCandidate.select().count() == 1


def test_a_dismissed_pair_is_never_raised_again(region, clock):
    first, second = _twice(region, clock)
    DuplicateCandidate.update(status="dismissed").execute()
    sure = Score(0.99, Decision.SURE, ("证件号码相同",))
    with unit_of_work(clock, CLERK) as uow:
        assert store_candidates(uow, [ScoredPair(second.id, first.id, sure)], "scan") == 0
    row = DuplicateCandidate.get()
    assert row.status == "dismissed" and row.source == "counter"


def test_two_people_are_not_stored(family, clock):
    head, spouse, _ = family
    assert raise_candidate(clock, CLERK, head.id, spouse.id, "scan") is None
    different = Score(0.02, Decision.DIFFERENT, ())
    with unit_of_work(clock, CLERK) as uow:
        assert store_candidates(uow, [ScoredPair(head.id, spouse.id, different)], "scan") == 0
    assert not DuplicateCandidate.select().exists()

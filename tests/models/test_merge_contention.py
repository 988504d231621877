"""Two counters merging at the same moment, in real processes: the same pair from both
sides (A into B at one counter, B into A at the other), round after round. Each pair is
merged once, the other counter is refused in words (the record is merged already), no
deadlock or database error reaches a clerk, and the audit trail and seals hold."""

import multiprocessing

from actors import CLERK_A, CLERK_B
from merge_workers import merge_pairs
from registry_helpers import DOCS, make_id, person

from models.core import audit
from models.core.schema import MergeLog, Person
from models.registry.registration import NewHousehold, register_person

ROUNDS = 12


def test_the_same_pair_merged_from_both_counters_is_merged_once(db, db_url, region, clock):
    pairs = []
    for n in range(ROUNDS):
        first = register_person(clock, CLERK_A, person("赵一", make_id("19700101", f"{n:03d}")),
                                new_household=NewHousehold(region, "一组"), documents=DOCS,
                                duplicate_reason="同名同生日")
        second = register_person(clock, CLERK_A,
                                 person("赵一", make_id("19700101", f"{n + 500:03d}")),
                                 new_household=NewHousehold(region, "二组"), documents=DOCS,
                                 duplicate_reason="重复登记")
        pairs.append((first.id, second.id))
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    counters = [ctx.Process(target=merge_pairs,
                            args=(db_url, clock.today(), actor, work, barrier, results))
                for actor, work in ((CLERK_A, pairs), (CLERK_B, [(b, a) for a, b in pairs]))]
    for process in counters:
        process.start()
    outcomes = [results.get(timeout=600) for _ in counters]
    for process in counters:
        process.join(timeout=60)
    by_round = list(zip(*outcomes, strict=True))
    assert all(sorted(o[:6] for o in r) == ["domain", "ok"] for r in by_round), by_round
    assert all("已合并" in o for r in by_round for o in r if o != "ok"), by_round
    assert MergeLog.select().count() == ROUNDS
    for a, b in pairs:
        statuses = sorted(Person.get_by_id(i).status for i in (a, b))
        assert statuses == ["active", "merged"]
    assert audit.verify().ok

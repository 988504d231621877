"""Two counters moving people across the same two households at the same moment, in
crossed directions (counter A from household 1 to 2, counter B from 2 to 1), in real
processes. Each locks rows in one global order, so no deadlock reaches a clerk, and
no member is lost or counted twice."""

import multiprocessing

from actors import CLERK_A, CLERK_B
from contention_workers import crossed_moves
from registry_helpers import DOCS, make_id, person

from models.core.schema import AuditEvent, Household, Person
from models.registry.registration import NewHousehold, register_person

ROUNDS = 80


def _household(clock, village, head_seq: int, member_seqs: range, birth: str) -> tuple[int, list]:
    head = register_person(clock, CLERK_A, person("户主", make_id(birth, f"{head_seq:03d}")),
                           new_household=NewHousehold(village, "青石村"), documents=DOCS)
    hh = head.household.id
    members = [register_person(clock, CLERK_A,
                               person("成员", make_id(birth, f"{seq:03d}"), relation="other"),
                               household_id=hh, documents=DOCS, duplicate_reason="同名同生日").id
               for seq in member_seqs]
    return hh, members


def test_crossed_moves_in_two_processes_never_deadlock_nor_lose_a_member(db, db_url, region,
                                                                          clock):
    one, from_one = _household(clock, region, 1, range(2, 2 + ROUNDS), "19700101")
    two, from_two = _household(clock, region, 1, range(2, 2 + ROUNDS), "19710101")
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    counters = [ctx.Process(target=crossed_moves,
                            args=(db_url, clock.today(), actor, [(p, target) for p in people],
                                  barrier, results))
                for actor, people, target in ((CLERK_A, from_one, two),
                                              (CLERK_B, from_two, one))]
    for process in counters:
        process.start()
    outcomes = [results.get(timeout=600) for _ in counters]
    for process in counters:
        process.join(timeout=60)
    everything = [o for counter in outcomes for o in counter]
    assert [o for o in everything if o != "ok"] == []
    assert len(everything) == 2 * ROUNDS

    # Every member is where the move put it, exactly once; each household has its head.
    assert Person.select().count() == 2 * (ROUNDS + 1)
    assert {p.household_id for p in Person.select().where(Person.id.in_(from_one))} == {two}
    assert {p.household_id for p in Person.select().where(Person.id.in_(from_two))} == {one}
    for hh in (one, two):
        members = Person.select().where(Person.household == hh, Person.status == "active")
        assert members.count() == ROUNDS + 1
        assert [p.relation for p in members].count("self") == 1
        assert Household.get_by_id(hh).version == 1 + ROUNDS + 2 * ROUNDS
    assert AuditEvent.select().where(AuditEvent.action == "person.move").count() == 2 * ROUNDS

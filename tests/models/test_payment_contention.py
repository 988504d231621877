"""Counters paying at once, in real processes: twenty on one PostgreSQL server, several
on one SQLite file. Clerks share counters (so their receipt numbers come from one
series), and pairs of them reach for the same household at the same moment.

No receipt number twice, no hole, no payment lost (every receipt a clerk was given is
in the database) or made twice (the household both reached for is paid once, the other
clerk told so); a busy database or a conflict is a Chinese message the clerk answers by
trying again, never a traceback.

YIBAO_FUZZ_SCALE multiplies the households each counter pays."""

import multiprocessing
import os
from collections import Counter

import pytest
from actors import SYSTEM
from payment_workers import check_whole, child_env, make_households, pay_households

from models.core.actor import Actor
from models.core.schema import Payment
from models.texts import messages as msg

SCALE = float(os.environ.get("YIBAO_FUZZ_SCALE", "1"))
OWN = max(2, int(2 * SCALE))  # households each clerk pays alone
COUNTERS = 4
_BACKENDS = os.environ.get("YIBAO_TEST_BACKENDS", "sqlite,postgresql").split(",")
CASES = [pytest.param(b, n, busy, id=f"{b}-{n}")
         for b, n, busy in (("postgresql", 20, None), ("sqlite", 4, 0.05)) if b in _BACKENDS]
TROUBLE = (msg.DB_BUSY, msg.DB_CONFLICT.format(attempts=4), msg.DB_CONNECTION_LOST)


@pytest.mark.parametrize(("empty_database", "clerks", "busy_timeout"), CASES,
                         indirect=["empty_database"])
def test_counters_paying_at_once_lose_nothing_and_repeat_nothing(db, db_url, region, clock,
                                                                 clerks, busy_timeout):
    actors = [Actor(100 + i, f"clerk{i:02d}", "clerk", f"C{i % COUNTERS}", f"经办{i}")
              for i in range(clerks)]
    own = make_households(clock, SYSTEM, region, [1 + i % 4 for i in range(clerks * OWN)])
    shared = make_households(clock, SYSTEM, region, [2] * (clerks // 2), first=len(own))
    # clerks 2k and 2k+1 both reach for shared[k], each at a different point of their turn
    work = [own[i * OWN:(i + 1) * OWN] for i in range(clerks)]
    for i in range(clerks):
        work[i].insert((i % 2) * OWN, shared[i // 2])

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["payment_workers", "models.payments.paying"])
    start, results = ctx.Event(), ctx.Queue()
    processes = [ctx.Process(target=pay_households,
                             args=(db_url, clock.today(), actor, households, start, results,
                                   busy_timeout, child_env()))
                 for actor, households in zip(actors, work, strict=True)]
    for p in processes:
        p.start()
    start.set()
    outcomes = [o for _ in processes for o in results.get(timeout=600)]
    for p in processes:
        p.join(timeout=60)

    assert [o for o in outcomes if o[0] == "error"] == []
    assert {o[1] for o in outcomes if o[0] == "busy"} <= set(TROUBLE)
    paid = [o for o in outcomes if o[0] == "ok"]
    refused = [o for o in outcomes if o[0] == "refused"]
    receipts = [o[1] for o in paid]
    assert len(set(receipts)) == len(receipts)  # no number twice
    in_db = {p.receipt_no: p.total for p in Payment.select()}
    assert in_db == {o[1]: o[3] for o in paid}  # nothing lost, nothing the clerk was not given
    households = Counter(o[2] for o in paid)
    assert all(households[tuple(h)] == 1 for h in own), "a clerk's own household unpaid"
    assert all(households[tuple(h)] == 1 for h in shared), "a shared household not paid once"
    assert len(refused) == len(shared)  # the second clerk at each shared household is told
    assert all("已缴费" in o[1] for o in refused), refused
    series = {f"430225-C{c}" for c in range(COUNTERS)}
    assert {r.rsplit("-", 2)[0] for r in receipts} == series
    assert check_whole(tuple(series)) == []


@pytest.mark.parametrize("empty_database", _BACKENDS, indirect=True)
def test_closing_the_day_while_the_clerk_is_paying_keeps_every_payment_in_or_out(
        db, db_url, region, clock):
    """The clerk is still taking payments at another window when the day is closed: each
    payment either committed before the closing (and is in its figures) or is refused."""
    from actors import CLERK, SUPERVISOR

    from models.payments.settlement import close_day, closed_summary

    # enough households that the payer is still paying when the day closes (a payment
    # takes about a millisecond on SQLite)
    households = make_households(clock, SYSTEM, region, [1 + i % 3 for i in range(400)])
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["payment_workers", "models.payments.paying"])
    start, results, progress = ctx.Event(), ctx.Queue(), ctx.Array("i", 2, lock=False)
    payer = ctx.Process(target=pay_households,
                        args=(db_url, clock.today(), CLERK, households, start, results, None,
                              child_env(), progress))
    payer.start()
    start.set()
    while progress[1] < 3 and payer.is_alive():
        payer.join(timeout=0.01)
    closed = close_day(clock, SUPERVISOR, CLERK.username, CLERK.counter, clock.today())
    outcomes = results.get(timeout=600)
    payer.join(timeout=60)

    kinds = [o[0] for o in outcomes]
    assert "error" not in kinds and "busy" not in kinds
    first_refused = kinds.index("refused")
    assert set(kinds[first_refused:]) == {"refused"} and first_refused >= 3
    assert all("已日结" in o[1] for o in outcomes[first_refused:])
    receipts = sorted(o[1] for o in outcomes if o[0] == "ok")
    assert sorted(p.receipt_no for p in Payment.select()) == receipts
    kept = closed_summary(CLERK.username, CLERK.counter, clock.today())
    assert kept["receipts"] == closed.receipts == len(receipts)
    assert {r["receipt_no"] for r in kept["roster"]} == set(receipts)
    assert closed.agreed and check_whole() == []

"""A counter's process killed (SIGKILL: no clean-up, no rollback of its own) at random
moments while it takes payments, again and again, on each database: every payment is
whole or absent, the receipt numbers run without a hole, the audit chain verifies, and
the next counter pays on as if nothing had happened.

YIBAO_FUZZ_SCALE multiplies the kills (the default run: a few, a few seconds)."""

import multiprocessing
import os
import random

from actors import CLERK, SYSTEM
from payment_workers import (
    check_whole,
    child_env,
    crash_child,
    make_households,
    pay_households,
)

from models.core.schema import Payment
from models.payments.settlement import settlement

SCALE = float(os.environ.get("YIBAO_FUZZ_SCALE", "1"))
KILLS = max(2, int(6 * SCALE))
SERIES = ("430225-T1",)


def test_a_counter_killed_mid_payment_leaves_each_payment_whole_or_absent(db, db_url, region,
                                                                           clock):
    households = make_households(clock, SYSTEM, region, [1 + i % 4 for i in range(40 * KILLS)])
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["payment_workers", "models.payments.paying"])
    rng = random.Random(2027)
    paid_before = inside = 0
    for kill in range(KILLS):
        todo = _unpaid(households)
        ready, progress = ctx.Event(), ctx.Array("i", 2, lock=False)
        child = ctx.Process(target=crash_child,
                            args=(db_url, clock.today().isoformat(), CLERK, todo, ready,
                                  child_env(), progress))
        child.start()
        assert ready.wait(timeout=120)
        # a random moment within the first few payments: most of a payment's time is
        # spent inside its transaction, so most kills land in one
        child.join(timeout=rng.uniform(0.02, 0.6))
        child.kill()
        child.join(timeout=30)
        begun, returned = progress[:]
        inside += begun > returned
        assert child.exitcode == -9 or child.exitcode == 0, child.exitcode
        assert check_whole(SERIES) == [], f"after kill {kill}"
        paid_now = Payment.select().count()
        assert paid_now >= paid_before
        paid_before = paid_now
    assert paid_before > 0, "no payment committed between the kills: kill later"
    assert inside > 0, "no kill landed inside a payment"
    # the next counter pays on, numbers following on without a hole
    rest = _unpaid(households)[:3]
    outcomes = pay_households(db_url, clock.today(), CLERK, rest)
    assert [o[0] for o in outcomes] == ["ok"] * len(rest), outcomes
    assert check_whole(SERIES) == []
    day = settlement(CLERK.username, CLERK.counter, clock.today())
    assert day.agreed, day.agreements
    assert day.receipts == Payment.select().count()
    assert day.runs[0].missing_count == 0 and day.runs[0].count == day.receipts


def _unpaid(households: list[list[int]]) -> list[list[int]]:
    from models.core.schema import PaymentLine

    paid = {p for (p,) in PaymentLine.select(PaymentLine.person).tuples()}
    return [h for h in households if not set(h) & paid]

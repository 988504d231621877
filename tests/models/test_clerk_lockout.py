"""Lock-out under parallel guessing (issue 10, point 2): real processes, each with its own
connection, guess at one account at once. Every password check is counted before it is
made, so at most MAX_FAILED_ATTEMPTS checks happen, and the account ends locked."""

import json
import os
import subprocess
import sys
from pathlib import Path

from actors import ADMIN

from models.access import clerks
from models.core.clock import SystemClock
from models.core.schema import AuditEvent, Clerk

GUESSER = Path(__file__).with_name("clerk_guesser.py")
PROCESSES, TRIES = 8, 5


def guess_in_parallel(db_url: str, username: str) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(GUESSER.parents[2])}
    procs = [subprocess.Popen([sys.executable, str(GUESSER), db_url, username, str(TRIES)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env=env)
             for _ in range(PROCESSES)]
    for proc in procs:  # every process connected before any guesses
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        results.append(json.loads(out))
    return results


def test_parallel_guessing_makes_at_most_the_limit_of_checks_and_locks(db, db_url, clock):
    clerks.add_clerk(clock, ADMIN, username="li_clerk", display_name="李经办", role="clerk",
                     password="correct-horse")
    results = guess_in_parallel(db_url, "li_clerk")
    checks = sum(r["checks"] for r in results)
    failed_events = AuditEvent.select().where(AuditEvent.action == "clerk.login_failed").count()
    told = [m for r in results for m in r["told"]]
    clerk = Clerk.get(Clerk.username == "li_clerk")
    locked = clerk.locked_until is not None and clerk.locked_until > SystemClock().now()
    print(f"\nparallel lock-out: account locked at the end: {locked}", end="")
    print(f"\nparallel lock-out: {checks} password checks, {failed_events} login_failed "
          f"events, {sum('已锁定' in m for m in told)} of {len(told)} tries told locked")
    assert "in" not in told
    assert checks <= clerks.MAX_FAILED_ATTEMPTS
    assert failed_events == checks
    assert locked
    assert sum("已锁定" in m for m in told) >= len(told) - clerks.MAX_FAILED_ATTEMPTS + 1

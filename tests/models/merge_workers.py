"""What the merge contention test runs in other processes (spawned: each its own
connection, as a second counter would). Kept out of the test module so a spawned child
imports only this."""

import peewee as pw

from models.core.clock import FixedClock
from models.core.db import open_database
from models.core.errors import DomainError


def merge_pairs(url: str, today, actor, pairs, barrier, results) -> None:
    """Merge each (survivor, other) in turn, the counters starting each round together;
    one outcome a pair: "ok", "domain: …" (refused in words), or "error: …"."""
    from models.merging.merge import MergeRequest, merge_records

    db = open_database(url, migrate=False)
    clock = FixedClock(today)
    outcomes = []
    for survivor, other in pairs:
        barrier.wait(timeout=120)
        try:
            merge_records(clock, actor, MergeRequest(survivor, other))
            outcomes.append("ok")
        except DomainError as e:
            outcomes.append(f"domain: {e.message}")
        except (pw.PeeweeException, Exception) as e:  # anything a clerk would see raw
            outcomes.append(f"error: {e!r}")
    if hasattr(db, "close_all"):
        db.close_all()
    results.put(outcomes)

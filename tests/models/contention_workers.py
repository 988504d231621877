"""What the contention tests run in other processes (spawned, not forked: each opens
its own connection, as a second counter would). Kept out of the test module so a
spawned child imports only this."""

import peewee as pw

from models.core.clock import FixedClock
from models.core.db import open_database
from models.core.errors import DomainError


def crossed_moves(url: str, today, actor, moves, barrier, results) -> None:
    """Move each (person_id, to_household_id) in turn, all counters starting each round
    together; report one outcome per move: "ok", "deadlock" (a PostgreSQL deadlock or
    serialization failure reached the caller), "domain: ..." or "error: ...". """
    from models.registry.households import move_member

    db = open_database(url, migrate=False)
    clock = FixedClock(today)
    outcomes = []
    for person_id, target in moves:
        barrier.wait(timeout=120)
        try:
            move_member(clock, actor, person_id, 1, relation="other",
                        to_household_id=target, reason="crossed move", documents=("hukou_book",))
            outcomes.append("ok")
        except pw.PeeweeException as e:
            code = getattr(getattr(e, "orig", None), "pgcode", None)
            outcomes.append("deadlock" if code in ("40P01", "40001") else f"error: {e!r}")
        except DomainError as e:
            outcomes.append(f"domain: {type(e).__name__}: {e.message}")
        except Exception as e:  # anything else the caller would see, counted as such
            outcomes.append(f"error: {e!r}")
    if hasattr(db, "close_all"):
        db.close_all()
    results.put(outcomes)

"""What the identity-tag contention test runs in other processes (spawned: each opens its
own connection, as a second counter would)."""

from models.core.clock import FixedClock
from models.core.db import open_database
from models.core.errors import DomainError


def same_tags(url: str, today, actor, person_ids, barrier, results) -> None:
    """Tag each person 低保 from `today`, every counter starting each round together;
    one outcome per person: "ok", "domain: ..." or "error: ..."."""
    from models.registry.identities import add_identity_tag
    from models.rules.policy import load_policy_id

    db = open_database(url, migrate=False)
    clock, policy = FixedClock(today), load_policy_id("demo-2027")
    outcomes = []
    for person_id in person_ids:
        barrier.wait(timeout=120)
        try:
            add_identity_tag(clock, actor, person_id, "minimum_living", "县民政局", today, None,
                             ("minimum_living_certificate",), "", policy=policy)
            outcomes.append("ok")
        except DomainError as e:
            outcomes.append(f"domain: {e.message}")
        except Exception as e:  # anything else the clerk would see, counted as such
            outcomes.append(f"error: {e!r}")
    if hasattr(db, "close_all"):
        db.close_all()
    results.put(outcomes)

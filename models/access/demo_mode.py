"""Demo mode: the counter signed in without a password, as the demo's own clerk, only on a
database `yibao demo` made (issue 10, point 3). Such a database carries a demo mark
(schema.DemoMark); a database made by `yibao init`, or one with accounts, never gets one,
so `yibao demo` on it is refused and the clerks sign in as usual."""

import os
from enum import Enum

from models.access import clerks
from models.core.actor import Actor, system_actor
from models.core.clock import Clock
from models.core.errors import DomainError
from models.core.schema import Clerk, DemoMark, Person, Region
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.texts import cli as t


class DatabaseKind(Enum):
    EMPTY = "empty"  # nothing in it yet: demo may make it a demo database
    DEMO = "demo"  # made by demo
    OTHER = "other"  # made by init, or holding accounts or people: never demo


def database_kind() -> DatabaseKind:
    """What the open (migrated) database is, for `yibao demo`."""
    if DemoMark.select().exists():
        return DatabaseKind.DEMO
    if Region.select().exists() or Clerk.select().exists() or Person.select().exists():
        return DatabaseKind.OTHER
    return DatabaseKind.EMPTY


@retry_on_conflict
def make_demo_database(clock: Clock, actor: Actor, where: str) -> None:
    """Mark an empty database as a demo one, before the demo county goes in (so a demo
    stopped half-way is still a demo database the next run finishes). `where` names it
    in the refusal if it is not empty."""
    with unit_of_work(clock, actor) as uow:
        if database_kind() is not DatabaseKind.EMPTY:
            raise DomainError(t.DEMO_NOT_A_DEMO_DATABASE.format(url=where))
        mark = DemoMark.create(created_at=clock.now())
        uow.audit("database.demo", "database", mark.id, after={"demo": True})


def require_demo_database(where: str) -> None:
    if database_kind() is not DatabaseKind.DEMO:
        raise DomainError(t.DEMO_NOT_A_DEMO_DATABASE.format(url=where))


def demo_clerk(clock: Clock, counter: str, where: str) -> Actor:
    """The demo's own clerk, signed in without a password: only in a demo database,
    created there on first use (with a password nobody knows)."""
    require_demo_database(where)
    actor = clerks.acting_as(t.DEMO_CLERK, counter)
    if actor is None:
        clerks.add_clerk(clock, system_actor(counter), username=t.DEMO_CLERK,
                         display_name=t.DEMO_CLERK_NAME, role="clerk",
                         password=os.urandom(12).hex())
        actor = clerks.acting_as(t.DEMO_CLERK, counter)
    return actor

"""One way to run a use case: open the transaction, know who acts, append audit
events, and register what must happen only after COMMIT.

    with unit_of_work(clock, actor) as uow:
        ...                                  # reads and writes, one transaction
        uow.audit("person.register", "person", row.id, after=...)
        uow.after_commit(lambda: queue_print(job_id))

A use case run inside another (the generator loading a region, say) joins it: its
work becomes a savepoint and its after-commit actions wait for the outer COMMIT.

Every service that writes is decorated with @retry_on_conflict, around the function
that holds the `with` (a `with` block cannot be run again, a function can):

    @retry_on_conflict
    def move_member(clock, actor, ...):
        with unit_of_work(clock, actor) as uow:
            ...

A PostgreSQL deadlock or serialization failure rolls the whole attempt back, so the
function runs again from the start, a few times after a short jittered pause; the
after-commit actions of a failed attempt were never run, those of the one that
commits run once. A busy SQLite file (the busy timeout has already waited), a lost
connection or a failure on every attempt becomes a DatabaseTrouble, a DomainError the
clerk reads; the clerk's form keeps what was typed.
"""

import functools
import random
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from models.core import audit, audit_anchor
from models.core.actor import Actor
from models.core.clock import Clock
from models.core.db import DATABASE_ERRORS, database, is_retryable, known_trouble, unfit_text
from models.core.errors import DomainError
from models.texts import messages as msg

_open = threading.local()
ATTEMPTS = 4  # the first, and three more
BACKOFF = 0.02  # seconds: the pause before attempt n is up to BACKOFF * 2**n, at random
_F = TypeVar("_F", bound=Callable[..., Any])
BULK_ACTION = "bulk.write"  # the event of bulk-written rows no use-case event covered


class AfterCommitFailed(DomainError):
    """The work was committed; an action registered to follow it failed."""


class AfterCommitOutsideUnitOfWork(RuntimeError):
    """A programming error: the transaction around this unit of work is someone else's,
    so an after-commit action could run before the data is committed."""


class UnitOfWork:
    def __init__(self, clock: Clock, actor: Actor):
        self.clock = clock
        self.actor = actor
        self._after: list[Callable[[], Any]] = []
        self._outer: UnitOfWork | None = None
        self._transaction = None
        self._inside_foreign_transaction = False
        self._reservation: audit.Reservation | None = None
        self._written: tuple[str, int, str] | None = None  # the last event, for the anchor

    def __enter__(self) -> "UnitOfWork":
        self._outer = getattr(_open, "uow", None)
        # Opened inside a transaction that is not a unit of work's: this one is only a
        # savepoint, and nothing here can tell when the real COMMIT comes.
        self._inside_foreign_transaction = self._outer is None and database.in_transaction()
        self._transaction = database.atomic()
        self._transaction.__enter__()
        _open.uow = self
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        _open.uow = self._outer
        if exc_type is None and self._outer is None and self._reservation is not None \
                and self._reservation.covers:
            # rows sealed to an event the use case did not record: record it for them
            _open.uow = self
            try:
                self.audit(BULK_ACTION, "bulk")
            except BaseException as e:
                _open.uow = self._outer
                self._transaction.__exit__(type(e), e, e.__traceback__)
                raise
            _open.uow = self._outer
        # Commits (or rolls back) here; a failed COMMIT raises and nothing below runs.
        swallowed = self._transaction.__exit__(exc_type, exc, tb)
        if exc_type is None:
            if self._outer is not None:
                self._outer._after.extend(self._after)
                self._outer._written = self._written or self._outer._written
            else:
                if self._written and not self._inside_foreign_transaction:
                    audit_anchor.remember(*self._written)
                self._run_after_commit()
        return bool(swallowed)

    def audit(self, action: str, entity: str, entity_id: Any = "", *,
              before: dict | None = None, after: dict | None = None, reason: str = "",
              documents: tuple[str, ...] | list[str] = ()) -> int:
        """Append one audit event, in this transaction, in the actor's name."""
        root = self._root()
        seq = audit.record(self.clock, clerk=self.actor.username, action=action,
                           entity=entity, entity_id=entity_id, before=before, after=after,
                           reason=reason, documents=documents, reservation=root._reservation)
        if root._reservation is not None and root._reservation.seq <= seq:
            root._reservation = None  # taken by this event
        self._written = audit.last_written()
        return seq

    def reserve_audit_seq(self) -> "audit.Reservation":
        """The seq this transaction's next event will take: rows written before that
        event (the bulk writer's) are sealed to it, and it records the ids it covers."""
        root = self._root()
        if root._reservation is None:
            root._reservation = audit.reserve(self.clock)
        return root._reservation

    def _root(self) -> "UnitOfWork":
        root = self
        while root._outer is not None:
            root = root._outer
        return root

    def after_commit(self, action: Callable[[], Any]) -> None:
        """Run `action` once the outermost transaction has committed; never on rollback."""
        root = self
        while root._outer is not None:
            root = root._outer
        if root._inside_foreign_transaction:
            raise AfterCommitOutsideUnitOfWork(msg.AFTER_COMMIT_FOREIGN_TRANSACTION)
        self._after.append(action)

    def _run_after_commit(self) -> None:
        failures = []
        for action in self._after:
            try:
                action()
            except Exception as e:  # the work is committed: tell, but run the rest
                failures.append(str(e))
        self._after.clear()
        if failures:
            reasons = msg.CLAUSE_SEPARATOR.join(failures)
            raise AfterCommitFailed(msg.AFTER_COMMIT_FAILED.format(reasons=reasons))


def unit_of_work(clock: Clock, actor: Actor) -> UnitOfWork:
    return UnitOfWork(clock, actor)


def current() -> UnitOfWork | None:
    """The unit of work open on this thread, if any."""
    return getattr(_open, "uow", None)


def retry_on_conflict(service: _F) -> _F:
    """Run `service` again while PostgreSQL reports a deadlock or serialization
    failure; turn what the database could not do into a DatabaseTrouble. Called inside
    an open transaction (one use case inside another) it runs once: the outermost
    caller's attempt is the one that is repeated."""

    @functools.wraps(service)
    def run(*args, **kwargs):
        if database.obj is not None and database.in_transaction():
            return service(*args, **kwargs)
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return service(*args, **kwargs)
            except DATABASE_ERRORS as e:
                if is_retryable(e) and attempt < ATTEMPTS:
                    time.sleep(random.uniform(0, BACKOFF * 2 ** attempt))
                    continue
                trouble = known_trouble(e, attempt)
                if trouble is None:
                    raise  # a refusal the service answers itself (a unique index, say)
                raise trouble from e
            except ValueError as e:  # the last line: text is cleaned where it comes in
                if not unfit_text(e):
                    raise
                raise DomainError(msg.TEXT_UNFIT) from e
        raise AssertionError("unreachable")  # pragma: no cover

    return run  # type: ignore[return-value]

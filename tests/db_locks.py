"""Another counter holding a lock, for the tests of what a clerk sees when the database
is busy or two saves cross: a real second process on a SQLite file, a real second
connection on PostgreSQL."""

import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import peewee as pw

from models.core.db import database
from models.core.schema import Household, Person

_HOLDER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
con.execute("ROLLBACK")
"""


@contextmanager
def sqlite_write_lock(path):
    """Another process holds the SQLite file's write lock (BEGIN IMMEDIATE) until the
    block ends."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.communicate("\n", timeout=30)


class CrossedLocks(threading.Thread):
    """A second PostgreSQL connection that locks the person, waits until a save (which
    locks the household first, then the person) is waiting for it, and then locks the
    household: a real deadlock. PostgreSQL aborts the save, the one that waited longest
    (its deadlock_timeout runs out first); this connection then gets the household and
    commits. `victim` says whether this connection was the one aborted instead."""

    def __init__(self, person_id: int, household_id: int):
        super().__init__(daemon=True)
        self.person_id, self.household_id = person_id, household_id
        self.holding = threading.Event()
        self.victim: bool | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with database.atomic():
                Person.select().where(Person.id == self.person_id).for_update().get()
                self.holding.set()
                _wait_for_a_waiter()
                try:
                    with database.atomic():  # a savepoint: this side may be the victim
                        (Household.select().where(Household.id == self.household_id)
                         .for_update().get())
                    self.victim = False
                except pw.OperationalError as e:
                    if getattr(getattr(e, "orig", None), "pgcode", None) != "40P01":
                        raise
                    self.victim = True
        except BaseException as e:  # seen by the test, never lost in the thread
            self.error = e
        finally:
            self.holding.set()
            database.close()


def _wait_for_a_waiter(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if database.execute_sql("SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()[0]:
            return
        time.sleep(0.01)
    raise TimeoutError("no save came to wait for the lock")


"""The print queue (issue 13 point 5) on both databases, against the fake network
printer: a printer that is off, silent, out of paper or drops the connection leaves
the job failed with its reason in Chinese, retried on the same printer or sent to
another; a process killed mid-print leaves the job interrupted, to retry; a reprint is
numbered, audited and counted for the settlement."""

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from actors import CLERK, WANG
from fake_printer import FakePrinter, off_uri

from models.core.clock import FixedClock
from models.core.errors import DomainError
from models.core.schema import AuditEvent, PrintJob
from printing import print_queue as q

ROOT = Path(__file__).resolve().parents[2]
DATA = b"\x1b@\x1c&" + "缴费凭证".encode("gbk") + b"\n" + bytes(range(256)) * 20 + b"\n"


def _job(clock, printer, **kw):
    return q.enqueue(clock, CLERK, kw.pop("kind", "payment"), kw.pop("ref", "430225-T1-1"),
                     DATA, printer, 58, **kw)


def test_a_job_prints_once_and_leaves_the_queue(db, clock):
    with FakePrinter() as printer:
        job_id = _job(clock, printer.uri)
        assert [v.status for v in q.open_jobs(clock)] == ["waiting"]
        view = q.print_job(clock, CLERK, job_id)
    assert view.status == "done" and view.attempts == 1 and view.reason is None
    assert printer.printed == DATA
    assert q.open_jobs(clock) == []
    with pytest.raises(DomainError, match="已打印完成"):
        q.print_job(clock, CLERK, job_id)


@pytest.mark.parametrize(("state", "reason", "says"), [
    ("paper_out", "paper_out", "缺纸"), ("slow", "no_answer", "没有应答"),
    ("cover_open", "cover_open", "盖未合上"), ("drop", "dropped", "中途连接断开"),
])
def test_printer_trouble_leaves_the_job_to_retry(db, clock, state, reason, says):
    with FakePrinter(state, drop_after=1000) as printer:
        job_id = _job(clock, printer.uri + "?timeout=0.5")
        view = q.print_job(clock, CLERK, job_id)
        assert (view.status, view.reason) == ("failed", reason) and says in view.message
        assert [v.id for v in q.open_jobs(clock)] == [job_id]
        printer.state = "ok"
        view = q.print_job(clock, CLERK, job_id)
    assert (view.status, view.attempts) == ("done", 2)
    assert printer.printed == DATA


def test_a_printer_that_is_off_and_another_that_works(db, clock):
    job_id = _job(clock, off_uri() + "?timeout=1")
    view = q.print_job(clock, CLERK, job_id)
    assert (view.status, view.reason) == ("failed", "not_found")
    assert "打印机连不上" in view.message
    with FakePrinter() as other:
        view = q.print_job(clock, CLERK, job_id, printer=other.uri)
    assert view.status == "done" and view.printer == other.uri
    assert other.printed == DATA
    with FakePrinter() as wide:
        second = _job(clock, wide.uri, ref="430225-T1-2")
        with pytest.raises(DomainError, match="58 毫米的小票"):
            q.print_job(clock, CLERK, second, printer=wide.uri + "?width=80")
    assert q.job(second, clock).status == "waiting"  # refused before anything moved


def test_a_process_killed_mid_print_leaves_the_job_to_retry(db, db_url, clock):
    with FakePrinter("slow") as stuck:
        job_id = _job(clock, stuck.uri + "?timeout=120")
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, db_url, str(job_id)], cwd=ROOT,
            env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"})
        try:
            for _ in range(600):  # until the child is at the printer (not a timed check)
                if stuck.queries or child.poll() is not None:
                    break
                time.sleep(0.05)
            assert stuck.queries and child.poll() is None
            assert q.open_jobs(clock) == []  # held by a live process: not offered
            with pytest.raises(DomainError, match="正在打印中"):
                q.print_job(clock, CLERK, job_id)
        finally:
            child.kill()
            child.wait()
    assert [(v.id, v.status) for v in q.open_jobs(clock)] == [(job_id, "interrupted")]
    with FakePrinter() as printer:
        view = q.print_job(clock, CLERK, job_id, printer=printer.uri)
    assert (view.status, view.attempts) == ("done", 2) and printer.printed == DATA


_CHILD = """
import sys
from actors import CLERK
from models.core.clock import FixedClock
from models.core.db import open_database
from printing import print_queue as q
import datetime as dt
open_database(sys.argv[1])
q.print_job(FixedClock(dt.date(2026, 11, 22)), CLERK, int(sys.argv[2]))
"""


def test_a_job_held_too_long_is_taken_as_interrupted(db, clock):
    job_id = _job(clock, "/dev/null")
    PrintJob.update(status="printing", claimed_by="another-host:1").where(
        PrintJob.id == job_id).execute()
    assert q.open_jobs(clock) == []
    later = FixedClock(clock.today() + dt.timedelta(days=1))
    assert [v.status for v in q.open_jobs(later)] == ["interrupted"]


def test_reprints_are_numbered_audited_and_counted(db, clock):
    ref = "430225-T1-2026-000123"
    assert q.next_reprint("payment", ref) == 0
    _job(clock, "/dev/null", ref=ref)
    assert q.next_reprint("payment", ref) == 1
    job_id = _job(clock, "/dev/null", ref=ref, reprint=1)
    assert q.next_reprint("payment", ref) == 2
    q.enqueue(clock, WANG, "payment", "430225-T2-9", DATA, "/dev/null", 58, reprint=1)
    assert q.reprint_count(CLERK.username, clock.today()) == 1
    assert q.reprint_count(WANG.username, clock.today()) == 1
    event = AuditEvent.select().where(AuditEvent.action == "print.reprint",
                                      AuditEvent.entity_id == str(job_id)).get()
    assert event.clerk == CLERK.username and ref in event.after
    with pytest.raises(Exception) as caught:  # the same slip, the same number: the index
        _job(clock, "/dev/null", ref=ref, reprint=1)
    assert "print_job" in str(caught.value) or "UNIQUE" in str(caught.value).upper()


def test_the_counters_cannot_delete_print_jobs(db, clock):
    """PostgreSQL: the app role may add and update jobs, never delete one (a reprint
    would vanish from the settlement's count). SQLite has no roles: the file's own."""
    from models.core.db import is_postgres
    job_id = _job(clock, "/dev/null")
    if not is_postgres():
        return
    import peewee as pw
    with pytest.raises(pw.ProgrammingError, match="permission denied"), db.atomic():
        db.execute_sql("DELETE FROM print_job WHERE id = %s", (job_id,))
    assert q.job(job_id, clock).status == "waiting"

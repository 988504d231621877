"""The print queue (issue 13 point 5): a slip is a job before it is paper.

A job is written (its bytes as built) after the payment has committed; printing is
three steps, each its own short transaction or none: claim (status `printing`, one more
attempt, who holds it), send (no transaction open: the printer may take its time),
finish (`done`, or `failed` with the printer's reason code and the Chinese message).
Whatever happens to the printer, or to the process, the job stays: a `printing` job
whose process is gone (same host, pid no longer alive) or that has been held longer
than STALE counts as interrupted and can be taken up again, by this printer or another.
The payment itself is never touched here.
"""

import datetime as dt
import os
import socket
from dataclasses import dataclass

from models.core.clock import Clock
from models.core.db import for_update
from models.core.errors import DomainError
from models.core.schema import PrintJob
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.texts import printing as p
from printing.printers import PrinterError, PrinterSpec, printer_spec
from printing.sending import send

KINDS = ("payment", "void", "refund", "settlement", "test")
STALE = dt.timedelta(minutes=10)
OPEN = ("waiting", "printing", "failed")
NO_PRINTER = "none"  # queued where no printer is configured: kept until sent elsewhere


@dataclass(frozen=True)
class JobView:
    id: int
    kind: str
    ref: str
    reprint: int
    printer: str
    width: int
    status: str  # waiting / printing / done / failed / interrupted (a dead `printing`)
    reason: str | None
    message: str | None
    attempts: int
    created_at: dt.datetime
    updated_at: dt.datetime


def holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@retry_on_conflict
def enqueue(clock: Clock, actor, kind: str, ref: str, data: bytes, printer: str,
            width: int, reprint: int = 0) -> int:
    """A new job, waiting. A reprint (补打) is an audit event too."""
    if kind not in KINDS:
        raise ValueError(kind)
    with unit_of_work(clock, actor) as uow:
        now = clock.now()
        row = PrintJob.create(kind=kind, ref=ref, reprint=reprint, printer=printer,
                              width=width, data=data, status="waiting",
                              clerk=actor.username, counter=actor.counter or "",
                              business_day=clock.today(), created_at=now, updated_at=now)
        if reprint:
            uow.audit("print.reprint", "print_job", row.id,
                      after={"kind": kind, "ref": ref, "reprint": reprint,
                             "printer": printer})
    return row.id


def next_reprint(kind: str, ref: str) -> int:
    """The number the next print of this slip gets: 0 if it was never queued."""
    last = (PrintJob.select(PrintJob.reprint).where(PrintJob.kind == kind, PrintJob.ref == ref)
            .order_by(PrintJob.reprint.desc()).first())
    return 0 if last is None else last.reprint + 1


def reprint_count(clerk: str, day: dt.date) -> int:
    """The day's 补打 by this clerk: for the settlement slip."""
    return (PrintJob.select().where(PrintJob.clerk == clerk, PrintJob.business_day == day,
                                    PrintJob.reprint > 0).count())


def job(job_id: int, clock: Clock) -> JobView:
    row = PrintJob.get_or_none(PrintJob.id == job_id)
    if row is None:
        raise DomainError(p.JOB_UNKNOWN.format(id=job_id))
    return _view(row, clock)


def job_data(job_id: int) -> bytes:
    """The bytes a job keeps: what its preview reads back."""
    row = PrintJob.select(PrintJob.data).where(PrintJob.id == job_id).first()
    if row is None:
        raise DomainError(p.JOB_UNKNOWN.format(id=job_id))
    return bytes(row.data)


def open_jobs(clock: Clock, counter: str | None = None) -> list[JobView]:
    """Waiting, failed and interrupted jobs (oldest first); `printing` ones still held
    by a live process are left out."""
    query = PrintJob.select().where(PrintJob.status.in_(OPEN)).order_by(PrintJob.id)
    if counter is not None:
        query = query.where(PrintJob.counter == counter)
    views = [_view(row, clock) for row in query]
    return [v for v in views if v.status != "printing"]


def print_job(clock: Clock, actor, job_id: int, printer: str | None = None) -> JobView:
    """Claim, send, finish. `printer` sends it elsewhere than the job said (a URI or a
    configured name; the paper must be as wide). A printer's failure is the job's state,
    not an exception: the caller reads the returned view."""
    row = PrintJob.get_or_none(PrintJob.id == job_id)
    if row is None:
        raise DomainError(p.JOB_UNKNOWN.format(id=job_id))
    try:
        spec = _spec_for(row, printer)
    except PrinterError as e:
        if printer:
            raise  # the clerk's choice of printer is refused; the job stays as it was
        _finish(clock, actor, job_id, e)  # no printer, or its setting is wrong: kept, failed
        return job(job_id, clock)
    data = _claim(clock, actor, job_id, spec.uri if printer else None)
    try:
        send(spec, data)
    except PrinterError as e:
        _finish(clock, actor, job_id, e)
    else:
        _finish(clock, actor, job_id, None)
    return job(job_id, clock)


def _spec_for(row, printer: str | None) -> PrinterSpec:
    if not printer and row.printer == NO_PRINTER:
        raise PrinterError(p.NO_PRINTER, "no_printer")
    spec = printer_spec(printer or row.printer, width=row.width if not printer else None)
    if spec.paper.mm != row.width:
        raise DomainError(p.JOB_WIDTH_MISMATCH.format(id=row.id, job=row.width, uri=spec.uri,
                                                      printer=spec.paper.mm))
    return spec


@retry_on_conflict
def _claim(clock: Clock, actor, job_id: int, printer: str | None) -> bytes:
    with unit_of_work(clock, actor):
        row = for_update(PrintJob.select().where(PrintJob.id == job_id)).get()
        view = _view(row, clock)
        if view.status == "done":
            raise DomainError(p.JOB_DONE.format(id=job_id))
        if view.status == "printing":
            raise DomainError(p.JOB_BUSY.format(id=job_id, by=row.claimed_by))
        changes = {"status": "printing", "attempts": row.attempts + 1,
                   "claimed_by": holder(), "updated_at": clock.now()}
        if printer:
            changes["printer"] = printer
        PrintJob.update(**changes).where(PrintJob.id == job_id).execute()
        return bytes(row.data)


@retry_on_conflict
def _finish(clock: Clock, actor, job_id: int, error: PrinterError | None) -> None:
    with unit_of_work(clock, actor):
        changes = {"status": "done" if error is None else "failed",
                   "reason": None if error is None else error.reason,
                   "message": None if error is None else error.message,
                   "claimed_by": None, "updated_at": clock.now()}
        PrintJob.update(**changes).where(PrintJob.id == job_id).execute()


def _view(row, clock: Clock) -> JobView:
    status = row.status
    if status == "printing" and _gone(row.claimed_by, row.updated_at, clock):
        status = "interrupted"
    return JobView(id=row.id, kind=row.kind, ref=row.ref, reprint=row.reprint,
                   printer=row.printer, width=row.width, status=status, reason=row.reason,
                   message=row.message, attempts=row.attempts, created_at=row.created_at,
                   updated_at=row.updated_at)


def _gone(claimed_by: str | None, since: dt.datetime, clock: Clock) -> bool:
    if not claimed_by:
        return True
    if clock.now() - since > STALE:
        return True
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False

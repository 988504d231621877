"""Printing at the counter (issue 13 points 1, 5, 6): after a payment, a void or refund,
or a day's close has committed, its slip is built, queued and printed; a receipt can be
printed again (补打, numbered).

Called only once the money's transaction is over, never inside it. Nothing here raises
to the caller: whatever the printer, the key file or the database says ends in the
outcome's `message` (and, once queued, in a failed job the queue screen shows), so the
payment on the screen is never in doubt.

The printer: the one asked for (a name in the config's `[printers.NAME]`, or a URI),
else the counter's `[printer]`. With none configured the job is still queued, to the
printer `none`, and fails at once with a message saying so: the slip is kept, and the
clerk sends it to another printer from the queue screen.
"""

from dataclasses import dataclass

from models.core.db import DATABASE_ERRORS
from models.core.errors import DomainError
from models.payments.reading import payment_by_receipt
from models.payments.settlement import Settlement
from models.registry.regions import current_region
from models.texts import printing as p
from printing import print_queue
from printing.cells import Paper
from printing.escpos_bytes import Finish, slip_bytes
from printing.lines import Line, preview
from printing.other_slips import (
    SettlementSlip,
    reversal_from_view,
    reversal_lines,
    settlement_lines,
)
from printing.print_queue import NO_PRINTER, JobView
from printing.printers import DEFAULT_NAME, DEFAULT_WIDTH, default_printer, printer_spec
from printing.slip import payment_lines, slip_from_receipt
from printing.slip_check import load_key, payload


@dataclass(frozen=True)
class PrintOutcome:
    preview: str  # the slip's lines as text ("" if it could not be built)
    job: JobView | None  # None: not even queued (then `message` says why)
    message: str  # what the clerk reads: printed where, or why not

    @property
    def printed(self) -> bool:
        return self.job is not None and self.job.status == "done"


def print_receipt(clock, actor, receipt_no: str, printer: str | None = None) -> PrintOutcome:
    """The payment slip of `receipt_no`: its first print, or the next 补打 if it has been
    queued before (the same bytes but the mark)."""
    def lines(paper: Paper, reprint: int) -> list[Line]:
        receipt = payment_by_receipt(receipt_no)
        slip = slip_from_receipt(receipt, payload(receipt.receipt_no, load_key(create=True)),
                                 reprint)
        return payment_lines(slip, paper)

    return _print(clock, actor, "payment", receipt_no, lines, printer)


def print_reversal(clock, actor, view, receipt_no: str,
                   printer: str | None = None) -> PrintOutcome:
    """A void's or refund's slip (`view`: the ReversalView the service returned for the
    payment `receipt_no`)."""
    def lines(paper: Paper, reprint: int) -> list[Line]:
        receipt = payment_by_receipt(receipt_no)
        slip = reversal_from_view(view, receipt, payload(view.number, load_key(create=True)),
                                  reprint)
        return reversal_lines(slip, paper)

    return _print(clock, actor, view.kind, view.number, lines, printer)


def print_settlement(clock, actor, figures: Settlement, clerk_name: str,
                     printer: str | None = None) -> PrintOutcome:
    """The day's settlement slip (日结单), the reprint count in it."""
    ref = f"{figures.clerk}:{figures.counter}:{figures.day.isoformat()}"

    def lines(paper: Paper, reprint: int) -> list[Line]:
        return settlement_lines(settlement_slip(figures, clerk_name), paper)

    return _print(clock, actor, "settlement", ref, lines, printer)


def settlement_slip(figures: Settlement, clerk_name: str) -> SettlementSlip:
    region = current_region()
    payments = [r for r in figures.runs if r.kind == "payment"]
    return SettlementSlip(
        day=figures.day, clerk_name=clerk_name or figures.clerk, counter=figures.counter,
        region_code=region.code if region else "", region_name=region.name if region else "",
        payments=figures.receipts, paid=figures.collected, voids=len(figures.voids),
        voided=figures.voided, refunds=len(figures.refunds), refunded=figures.refunded,
        by_channel=tuple((c.channel, c.net) for c in figures.channels),
        first_receipt=payments[0].first if payments else None,
        last_receipt=payments[-1].last if payments else None,
        reprints=figures.reprints,
        closed_at=figures.closed_at)


def receipt_preview(receipt_no: str, width: int | None = None) -> str:
    """A receipt's slip as text, the way it prints on the counter's printer (or `width`)."""
    paper = _paper(width)
    receipt = payment_by_receipt(receipt_no)
    slip = slip_from_receipt(receipt, payload(receipt.receipt_no, load_key(create=True)))
    return preview(payment_lines(slip, paper), paper)


def _print(clock, actor, kind: str, ref: str, build, printer: str | None) -> PrintOutcome:
    text = ""
    try:
        name, paper, finish, problem = _target(printer)
        reprint = print_queue.next_reprint(kind, ref)
        lines = build(paper, reprint)
        text = preview(lines, paper)
        data = slip_bytes(lines, paper, finish)
        job_id = print_queue.enqueue(clock, actor, kind, ref, data, name, paper.mm, reprint)
        job = print_queue.print_job(clock, actor, job_id)
    except DomainError as e:  # the key file, a bad config: never the payment's trouble
        return PrintOutcome(text, None, p.PRINT_NOT_QUEUED.format(reason=e.message))
    except DATABASE_ERRORS as e:  # the queue's table busy or gone: said, the money stands
        return PrintOutcome(text, None, p.PRINT_DB_TROUBLE.format(reason=_short(e)))
    return PrintOutcome(text, job, outcome_message(job, problem))


def outcome_message(job: JobView, problem: str = "") -> str:
    if job.status == "done":
        return p.PRINT_DONE.format(printer=printer_label(job.printer))
    if job.status in ("failed", "interrupted"):
        return p.PRINT_FAILED.format(message=problem or job.message or "")
    return p.PRINT_WAITING


def printer_label(name: str) -> str:
    return {NO_PRINTER: p.PRINTER_NONE_LABEL, DEFAULT_NAME: p.PRINTER_DEFAULT_LABEL}.get(name,
                                                                                      name)


def _target(printer: str | None) -> tuple[str, Paper, Finish, str]:
    """Where the job goes: (the job's printer, paper, finish, a problem to say)."""
    if printer:
        spec = printer_spec(printer)
        return printer, spec.paper, spec.finish, ""
    try:
        spec = default_printer()
    except DomainError as e:  # a broken [printer] table: kept for another printer
        return NO_PRINTER, Paper.of(DEFAULT_WIDTH), Finish(), e.message
    if spec is None:
        return NO_PRINTER, Paper.of(DEFAULT_WIDTH), Finish(), ""
    return DEFAULT_NAME, spec.paper, spec.finish, ""


def _paper(width: int | None) -> Paper:
    if width:
        return Paper.of(width)
    try:
        spec = default_printer()
    except DomainError:
        spec = None
    return spec.paper if spec else Paper.of(DEFAULT_WIDTH)


def _short(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return " ".join(lines) or type(error).__name__

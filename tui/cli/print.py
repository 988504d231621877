"""`yibao print test --printer URI [--width 58|80]`: a test slip to a printer.
`yibao print queue [--db URL] [--retry [--printer P]]`: the jobs not printed, retried.
`yibao print receipt NO --printer P [--db URL] [--clerk U [--password-stdin]]`: a
receipt's slip again (补打, numbered, audited; its first print if it never had one).
Exit 0 printed, 1 queued but not printed (the job waits in the queue), 2 refused."""

import argparse
import sys

from models.core.actor import counter_from_config, system_actor
from models.payments.reading import payment_by_receipt
from models.texts import printing as p
from printing import counter_slips, print_queue
from printing.escpos_bytes import slip_bytes
from printing.printers import printer_spec
from printing.sending import send
from printing.test_slip import test_lines
from tui.cli import full_id, options


def register(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("print", help=p.HELP_PRINT_GROUP)
    actions = group.add_subparsers(dest="print_command", required=True, metavar="ACTION")
    a = actions.add_parser("test", help=p.HELP_PRINT_TEST)
    a.add_argument("--printer", required=True, help=p.HELP_PRINTER)
    a.add_argument("--width", type=int, choices=(58, 80), help=p.HELP_WIDTH)
    a.set_defaults(handler=run_test)
    a = actions.add_parser("queue", help=p.HELP_PRINT_QUEUE)
    options.add_common(a)
    a.add_argument("--retry", action="store_true", help=p.HELP_RETRY)
    a.add_argument("--printer", help=p.HELP_QUEUE_PRINTER)
    a.set_defaults(handler=run_queue)
    a = actions.add_parser("receipt", help=p.HELP_PRINT_RECEIPT)
    options.add_common(a)
    a.add_argument("receipt", metavar="NO", help=p.HELP_RECEIPT_NO)
    a.add_argument("--printer", required=True, help=p.HELP_PRINTER)
    a.add_argument("--clerk", metavar="USERNAME", help=p.HELP_REPRINT_CLERK)
    a.add_argument("--password-stdin", action="store_true", help=argparse.SUPPRESS)
    a.set_defaults(handler=run_receipt)


def run_test(args: argparse.Namespace) -> int:
    spec = printer_spec(args.printer, width=args.width)
    data = slip_bytes(test_lines(spec.paper, spec.uri), spec.paper, spec.finish)
    send(spec, data)
    print(p.TEST_SENT.format(uri=spec.uri, size=len(data), mm=spec.paper.mm))
    return 0


def run_queue(args: argparse.Namespace) -> int:
    options.open_db(options.db_url(args))
    clock = options.clock(args)
    jobs = print_queue.open_jobs(clock)
    if not jobs:
        print(p.QUEUE_EMPTY)
        return 0
    left = 0
    for job in jobs:
        if args.retry:
            job = print_queue.print_job(clock, system_actor(counter_from_config()), job.id,
                                        printer=args.printer)
        left += job.status != "done"
        print(_line(job))
    if left and args.retry:
        print(p.QUEUE_LEFT.format(n=left), file=sys.stderr)
        return 2
    return 0


def run_receipt(args: argparse.Namespace) -> int:
    options.open_db(options.db_url(args))
    clock = options.clock(args)
    actor = (full_id.sign_in_clerk(clock, args.clerk, args.password_stdin) if args.clerk
             else system_actor(counter_from_config()))
    payment_by_receipt(args.receipt)  # an unknown number is refused, nothing queued
    outcome = counter_slips.print_receipt(clock, actor, args.receipt.strip(), args.printer)
    if outcome.job is not None:
        print(_line(outcome.job))
    print(outcome.message, file=sys.stdout if outcome.printed else sys.stderr)
    return 0 if outcome.printed else 1


def _line(job: print_queue.JobView) -> str:
    return p.JOB_LINE.format(
        id=job.id, kind=p.JOB_KIND_LABELS.get(job.kind, job.kind), ref=job.ref,
        reprint=p.JOB_LINE_REPRINT.format(n=job.reprint) if job.reprint else "",
        status=p.JOB_STATUS_LABELS.get(job.status, job.status), attempts=job.attempts,
        printer=job.printer,
        reason=p.JOB_LINE_REASON.format(message=job.message) if job.message else "")

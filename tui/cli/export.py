"""`yibao export KIND --db URL --out FILE [--year Y] [--village V] …`: reports to Excel.

KIND: progress (征缴进度), unpaid (未缴费清册), payments (缴费明细, --from/--to), settlement
(日结单: the clerk signs in with --clerk as for `yibao settle`; --for another clerk's day,
a supervisor's). IDs are masked unless --full-ids, for a supervisor or administrator who
signs in with --clerk (each such export is an audit event). A progress bar on stderr,
the path and row count on stdout; exit 2 with one Chinese line for an unwritable --out,
an unknown village, a year with no policy file.
"""

import argparse
from pathlib import Path

from models.core.actor import counter_from_config
from models.core.errors import DomainError
from models.reports import access
from models.reports.payments import payments_report
from models.reports.progress import progress_report
from models.reports.settlement import settlement_report
from models.reports.sheets import report_year
from models.reports.unpaid import unpaid_report
from models.texts import messages as domain_text
from models.texts import reports as t
from printing.report_book import check_out_path, write_report
from tui.cli import full_id, options

KINDS = ("progress", "unpaid", "payments", "settlement")
YEARS = (2000, 2100)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help=t.HELP_EXPORT)
    options.add_common(p)
    p.add_argument("kind", choices=KINDS, metavar="KIND", help=t.HELP_KIND)
    p.add_argument("--out", required=True, metavar="FILE", help=t.HELP_OUT)
    p.add_argument("--year", type=options.integer(*YEARS), help=t.HELP_YEAR)
    p.add_argument("--village", help=t.HELP_VILLAGE)
    p.add_argument("--from", dest="start", type=options.date, help=t.HELP_FROM)
    p.add_argument("--to", dest="end", type=options.date, help=t.HELP_TO)
    p.add_argument("--full-ids", action="store_true", help=t.HELP_FULL_IDS)
    p.add_argument("--clerk", metavar="USERNAME", help=t.HELP_CLERK)
    p.add_argument("--password-stdin", action="store_true", help=t.HELP_CLERK)
    p.add_argument("--for", dest="for_clerk", metavar="USERNAME", help=t.HELP_FOR)
    p.add_argument("--counter", metavar="C", help=t.HELP_COUNTER)
    p.add_argument("--day", type=options.date, help=t.HELP_DAY)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    out = check_out_path(Path(args.out))  # before any password is asked
    today = clock.today()
    options.open_db(options.db_url(args), migrate=args.full_ids)
    actor = None
    if args.full_ids or args.kind == "settlement":
        if not args.clerk:
            raise DomainError(t.CLERK_NEEDED.format(kind=t.KIND_NAMES[args.kind]))
        actor = full_id.sign_in_clerk(clock, args.clerk, args.password_stdin,
                                      counter=args.counter)
    if args.full_ids:
        if args.kind in ("progress", "settlement"):
            args.full_ids = False  # nothing to unmask
        else:
            access.may_see_full_ids(actor)
    report = build(args, today, actor)
    rows = _write(report, out)
    if args.full_ids:
        access.record_full_ids(clock, actor, args.kind, str(out), rows)
    print(t.EXPORT_WRITTEN.format(kind=t.KIND_NAMES[args.kind], path=out, rows=rows))
    return 0


def build(args: argparse.Namespace, today, actor):
    if args.kind == "progress":
        return progress_report(report_year(args.year, today), today, args.village)
    if args.kind == "unpaid":
        return unpaid_report(report_year(args.year, today), today, args.village,
                             full_ids=args.full_ids)
    if args.kind == "payments":
        return payments_report(args.start or today, args.end or today, args.full_ids)
    counter = args.counter or counter_from_config()
    if not counter.isalnum() or len(counter) > 8:
        raise DomainError(domain_text.COUNTER_BAD)
    clerk = args.for_clerk or actor.username
    if clerk != actor.username:
        actor.require("supervisor")
    return settlement_report(clerk, counter, args.day or today)


def _write(report, out: Path) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TimeElapsedColumn

    with Progress("{task.description}", BarColumn(), "{task.completed}", TimeElapsedColumn(),
                  console=Console(stderr=True)) as bar:
        task = bar.add_task(t.PROGRESS_WRITING, total=None)
        return write_report(report, out, lambda n: bar.update(task, completed=n))

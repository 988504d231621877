"""`yibao import roster FILE --db URL [--kind base|subsidy] [--dry-run] [--strict]
[--source DEPT] [--on DATE] [--json]`: a base roster (参保底表) into the register, or a
department's subsidy roster (资助对象花名册) into identity tags, with a progress bar on
stderr, a summary on stdout, and the refused rows in an error workbook beside the file.
Without --kind the header says which it is."""

import argparse
import dataclasses
import sys
from pathlib import Path

from models.core.actor import system_actor
from models.core.errors import DomainError
from models.rosters.base_import import ImportReport, import_base_roster
from models.rosters.subsidy_import import SubsidyReport, import_subsidy_roster
from models.rosters.summary import subsidy_summary_lines, summary_lines
from models.texts import cli as cli_text
from models.texts import rosters as t
from printing.roster_book import RosterBook, open_roster, write_errors
from tui.cli import options, output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help=t.HELP_IMPORT)
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    r = kinds.add_parser("roster", help=t.HELP_ROSTER)
    options.add_common(r)
    r.add_argument("file", metavar="FILE", help=t.HELP_FILE)
    r.add_argument("--dry-run", action="store_true", help=t.HELP_DRY_RUN)
    r.add_argument("--strict", action="store_true", help=t.HELP_STRICT)
    r.add_argument("--json", action="store_true", help=t.HELP_JSON)
    r.add_argument("--kind", dest="roster_kind", choices=("base", "subsidy"),
                   help=t.HELP_KIND)
    r.add_argument("--source", help=t.HELP_SOURCE)
    r.add_argument("--on", type=options.date, help=t.HELP_ON)
    r.set_defaults(handler=run_roster)


def run_roster(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    # the file's own trouble before the database's
    book = open_roster(Path(args.file), args.roster_kind)
    try:
        options.open_db(options.db_url(args))
        if book.kind == "subsidy":
            report = _run_subsidy(book, clock, args)
        else:
            report = _run(book, clock, args.dry_run, args.strict)
        errors = unwritten = None
        if report.refused:
            try:
                errors = write_errors(book, report.refused)
            except DomainError as e:  # the import itself stands: say so, then the trouble
                unwritten = e.message
    finally:
        book.close()
    if args.json:
        output.print_json(_view(report, errors))
    elif book.kind == "subsidy":
        for line in subsidy_summary_lines(report, errors):
            print(line)
    else:
        _summary(report, errors)
    if unwritten:
        print(cli_text.ERROR_PREFIX + unwritten, file=sys.stderr)
        return 2
    return 0


def _run(book: RosterBook, clock, dry_run: bool, strict: bool) -> ImportReport:
    with _bar() as bar:
        return _import(book, bar, lambda lines, wrote: import_base_roster(
            clock, system_actor(), lines, book.source, dry_run=dry_run, strict=strict,
            progress=wrote), dry_run)


def _run_subsidy(book: RosterBook, clock, args) -> SubsidyReport:
    with _bar() as bar:
        return _import(book, bar, lambda lines, wrote: import_subsidy_roster(
            clock, system_actor(), lines, book.source, on=args.on,
            default_source=args.source, dry_run=args.dry_run, progress=wrote), args.dry_run)


def _bar():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress("{task.description}", BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=Console(stderr=True))


def _import(book: RosterBook, bar, service, dry_run: bool):
    """Read the book's rows through `service` with a bar for reading and one for writing."""
    reading = bar.add_task(t.PROGRESS_READING_SUBSIDY if book.kind == "subsidy"
                           else t.PROGRESS_READING, total=book.total)
    writing = bar.add_task(t.PROGRESS_WRITING, total=None, visible=not dry_run)

    def lines():
        last = 0
        for n, line in enumerate(book.lines(), 1):
            if n % 500 == 0:
                bar.update(reading, completed=n)
            yield line
            last = n
        bar.update(reading, total=last if book.total is None else None, completed=last)

    def wrote(done: int, total: int) -> None:
        bar.update(writing, completed=done, total=total)

    return service(lines(), wrote)


def _summary(report: ImportReport, errors: Path | None) -> None:
    for line in summary_lines(report, errors):
        print(line)
    sys.stdout.flush()


def _view(report: ImportReport, errors: Path | None) -> dict:
    """The report in English keys; refused rows by number and reason (the cells are in
    the error workbook)."""
    view = output.plain(dataclasses.replace(report, refused=()))  # cells: in the workbook
    view["refused"] = [{"line": r.line, "reason": r.reason} for r in report.refused]
    view["errors_file"] = str(errors) if errors else None
    return view

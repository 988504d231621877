"""`yibao audit verify`: walk the audit chain; exit 1 if an event was altered."""

import argparse
import sys

from models.core import audit
from models.texts import cli as t
from tui.cli import options


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help=t.HELP_AUDIT)
    asub = p.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    a = asub.add_parser("verify", help=t.HELP_AUDIT_VERIFY)
    options.add_common(a)
    a.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    options.open_db(options.db_url(args), migrate=False)
    report = audit.verify()
    print(report.message, file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1

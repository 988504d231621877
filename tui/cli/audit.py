"""`yibao audit verify`: walk the audit chain and the records; exit 1 if anything was
altered. `yibao audit anchor`: the chain's head as one line to write down or print."""

import argparse
import sys
from pathlib import Path

from models.core import audit, audit_anchor
from models.core.errors import DomainError
from models.texts import cli as t
from tui.cli import options, output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help=t.HELP_AUDIT)
    asub = p.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    a = asub.add_parser("verify", help=t.HELP_AUDIT_VERIFY)
    options.add_common(a)
    a.add_argument("--anchor", action="append", default=[], metavar="TEXT_OR_FILE",
                   help=t.HELP_AUDIT_ANCHOR_OPT)
    a.set_defaults(handler=run_verify)
    a = asub.add_parser("anchor", help=t.HELP_AUDIT_ANCHOR)
    options.add_common(a)
    a.add_argument("--json", action="store_true", help=t.HELP_AUDIT_JSON)
    a.add_argument("--out", metavar="FILE", help=t.HELP_AUDIT_OUT)
    a.set_defaults(handler=run_anchor)


def run_verify(args: argparse.Namespace) -> int:
    anchors = tuple(a for value in args.anchor for a in audit_anchor.read_anchors(value))
    options.open_db(options.db_url(args), migrate=False)
    report = audit.verify(anchors=anchors)
    print(report.message, file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def run_anchor(args: argparse.Namespace) -> int:
    options.open_db(options.db_url(args), migrate=False)
    anchor = audit.current_anchor()
    if args.out:
        path = Path(args.out)
        try:
            with path.open("a", encoding="utf-8") as f:
                f.write(anchor.line + "\n")
        except OSError as e:
            raise DomainError(t.AUDIT_ANCHOR_OUT_BAD.format(path=path, reason=e)) from None
        print(t.AUDIT_ANCHOR_WRITTEN.format(path=path), file=sys.stderr)
    if args.json:
        output.print_json({"seq": anchor.seq, "at": anchor.at, "head": anchor.head,
                           "check": anchor.check, "anchor": anchor.line})
    else:
        print(anchor.line)
    return 0

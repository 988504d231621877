"""The `yibao` parser, put together from the command groups, and its error handling.

Exit codes: 0 done; 1 `audit verify` found the chain altered; 2 a refusal the clerk can
read (DomainError: bad input, unknown policy, bad config) or a usage error (argparse's
own); 3 the database failed; 130 interrupted. Every error is one line on stderr in
Chinese, never a traceback.
"""

import sys

from models.core.db import DATABASE_ERRORS
from models.core.errors import DomainError
from models.texts import cli as t
from tui.cli import audit, clerk, counter, lookup, policy, quote, setup
from tui.cli.parser import Parser

EXIT_REFUSED = 2
EXIT_DATABASE = 3
EXIT_INTERRUPTED = 130


def build_parser() -> Parser:
    parser = Parser(prog="yibao", description=t.DESCRIPTION)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    counter.register(parser, sub)
    setup.register(sub)
    lookup.register(sub)
    quote.register(sub)
    policy.register(sub)
    clerk.register(sub)
    audit.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except DomainError as e:
        _error(e.message)
        return EXIT_REFUSED
    except DATABASE_ERRORS as e:
        _error(t.DB_ERROR.format(reason=e))
        return EXIT_DATABASE
    except KeyboardInterrupt:
        print(t.INTERRUPTED, file=sys.stderr)
        return EXIT_INTERRUPTED


def _error(message: str) -> None:
    """One line: a driver's reason (psycopg2's spans several) is joined up."""
    lines = (line.strip() for line in message.splitlines())
    print(t.ERROR_PREFIX + " ".join(line for line in lines if line), file=sys.stderr)

"""The `yibao` parser, put together from the command groups, and its error handling.

Exit codes: 0 done; 1 `audit verify` found the chain altered; 2 a refusal the clerk can
read (DomainError: bad input, unknown policy, bad config) or a usage error (argparse's
own); 3 the database failed; 130 interrupted; 141 (128 + SIGPIPE, what a shell shows
for `yes | head`) the reader of stdout went away, as `yibao lookup … | head` does: the
command stops quietly. Every error is one line on stderr in Chinese, never a traceback.
"""

import os
import sys

from models.core.db import DATABASE_ERRORS, is_not_allowed
from models.core.errors import DomainError
from models.rules.clean_text import is_fit
from models.texts import cli as t
from models.texts import messages as domain_text
from tui.cli import (
    audit,
    clerk,
    counter,
    dedup,
    export,
    lookup,
    pay,
    policy,
    quote,
    roster,
    settle,
    setup,
)
from tui.cli import merge as merge_command
from tui.cli import print as print_command
from tui.cli import verify as verify_command
from tui.cli.output import shown
from tui.cli.parser import Parser

EXIT_REFUSED = 2
EXIT_DATABASE = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


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
    pay.register(sub)
    settle.register(sub)
    print_command.register(sub)
    verify_command.register(sub)
    roster.register(sub)
    dedup.register(sub)
    merge_command.register(sub)
    export.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    unfit = next((arg for arg in argv if not is_fit(arg)), None)
    if unfit is not None:
        # Bytes that are not UTF-8 arrive as lone surrogates: an ID with a byte dropped
        # would be a different ID, so the argument is refused, never cleaned.
        _error(t.ARGUMENT_NOT_TEXT.format(shown=shown(unfit)))
        return EXIT_REFUSED
    args = build_parser().parse_args(argv)
    try:
        code = args.handler(args)
        sys.stdout.flush()  # a pipe closed early fails here, inside the try, not at exit
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except DomainError as e:
        _error(e.message)
        return EXIT_REFUSED
    except DATABASE_ERRORS as e:
        _error((domain_text.DB_NOT_ALLOWED if is_not_allowed(e) else t.DB_ERROR).format(reason=e))
        return EXIT_DATABASE
    except KeyboardInterrupt:
        print(t.INTERRUPTED, file=sys.stderr)
        return EXIT_INTERRUPTED


def _error(message: str) -> None:
    """One line: a driver's reason (psycopg2's spans several) is joined up."""
    lines = (line.strip() for line in message.splitlines())
    print(t.ERROR_PREFIX + " ".join(line for line in lines if line), file=sys.stderr)


def _silence_stdout() -> None:
    """Point stdout at /dev/null: what is still buffered for the closed pipe would
    otherwise fail again when the interpreter flushes it on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (a test's capture)
        pass

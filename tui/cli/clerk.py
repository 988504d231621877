"""`yibao clerk add`: clerk accounts."""

import argparse
import getpass
import sys

from models.access import clerks
from models.core.actor import ROLES, system_actor
from models.core.db import open_database
from models.core.errors import DomainError
from models.texts import cli as t
from tui.cli import options


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("clerk", help=t.HELP_CLERK)
    csub = p.add_subparsers(dest="clerk_command", required=True, metavar="ACTION")
    a = csub.add_parser("add", help=t.HELP_CLERK_ADD)
    options.add_common(a)
    a.add_argument("--username", required=True, help=t.HELP_USERNAME)
    a.add_argument("--name", default="", help=t.HELP_NAME)
    a.add_argument("--role", default="clerk", choices=ROLES, help=t.HELP_ROLE)
    a.add_argument("--password-stdin", action="store_true", help=t.HELP_PASSWORD_STDIN)
    a.set_defaults(handler=run_add)


def run_add(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(t.CLERK_PASSWORD_PROMPT)
        if getpass.getpass(t.CLERK_PASSWORD_AGAIN) != password:
            raise DomainError(t.CLERK_PASSWORD_DIFFERENT)
    open_database(options.db_url(args))
    info = clerks.add_clerk(clock, system_actor(), username=args.username,
                            display_name=args.name, role=args.role, password=password)
    print(t.CLERK_ADDED.format(username=info.username, name=info.display_name, role=info.role))
    return 0

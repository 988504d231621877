"""`yibao clerk add | list | unlock | disable | passwd`: clerk accounts, administered by the
command line as the system actor (above every role); each change is in the audit trail.

A password comes from the terminal (asked twice, not echoed) or, with --password-stdin,
from the first line of stdin. Without a terminal and without that option the command says
so instead of waiting on a prompt nobody sees. Everything the command can refuse without
the database is refused before the database is opened.
"""

import argparse
import getpass
import sys

from models.access import clerks
from models.core.actor import ROLES, system_actor
from models.core.errors import DomainError
from models.texts import cli as t
from models.texts import labels
from tui.clerk_cells import clerk_cells
from tui.cli import options, output


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

    a = csub.add_parser("list", help=t.HELP_CLERK_LIST)
    options.add_common(a)
    a.add_argument("--json", action="store_true", help=t.HELP_JSON)
    a.set_defaults(handler=run_list)

    for name, help_text, handler in (("unlock", t.HELP_CLERK_UNLOCK, run_unlock),
                                     ("disable", t.HELP_CLERK_DISABLE, run_disable),
                                     ("passwd", t.HELP_CLERK_PASSWD, run_passwd)):
        a = csub.add_parser(name, help=help_text)
        options.add_common(a)
        a.add_argument("username", metavar="USERNAME", help=t.HELP_USERNAME)
        if name == "passwd":
            a.add_argument("--password-stdin", action="store_true", help=t.HELP_PASSWORD_STDIN)
        a.set_defaults(handler=handler)


def run_add(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    password = _read_password(args)
    clerks.check_new_clerk(args.username, args.role, password)
    options.open_db(options.db_url(args))
    info = clerks.add_clerk(clock, system_actor(), username=args.username,
                            display_name=args.name, role=args.role, password=password)
    print(t.CLERK_ADDED.format(username=info.username, name=info.display_name,
                               role=labels.ROLE_LABELS[info.role]))
    return 0


def run_list(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    options.open_db(options.db_url(args))
    rows = clerks.list_clerks(clock, system_actor())
    if args.json:
        output.print_json({"clerks": [_view(row) for row in rows]})
        return 0
    if not rows:
        print(t.CLERK_LIST_EMPTY)
        return 0
    print("\t".join(labels.CLERK_COLUMNS))
    for row in rows:
        print("\t".join(clerk_cells(row, t.CLERK_NOT_LOCKED)))
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    options.open_db(options.db_url(args))
    row = clerks.unlock_clerk(clock, system_actor(), args.username)
    print(t.CLERK_UNLOCKED.format(username=row.username, name=row.display_name))
    return 0


def run_disable(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    options.open_db(options.db_url(args))
    row = clerks.disable_clerk(clock, system_actor(), args.username)
    print(t.CLERK_DISABLED.format(username=row.username, name=row.display_name))
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    password = _read_password(args)
    clerks.check_password_strength(password)
    options.open_db(options.db_url(args))
    row = clerks.set_password(clock, system_actor(), args.username, password)
    print(t.CLERK_PASSWORD_SET.format(username=row.username, name=row.display_name))
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise DomainError(t.CLERK_NO_TERMINAL)
    try:
        password = getpass.getpass(t.CLERK_PASSWORD_PROMPT)
        again = getpass.getpass(t.CLERK_PASSWORD_AGAIN)
    except EOFError:  # Ctrl+D at the prompt
        raise DomainError(t.CLERK_NO_PASSWORD) from None
    if again != password:
        raise DomainError(t.CLERK_PASSWORD_DIFFERENT)
    return password


def _view(row: clerks.ClerkRow) -> dict:
    """The JSON contract of one account in `clerk list --json`."""
    return {"username": row.username, "display_name": row.display_name, "role": row.role,
            "active": row.active, "locked_until": row.locked_until,
            "failed_attempts": row.failed_attempts}

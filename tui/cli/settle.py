"""`yibao settle`: a clerk's day at a counter (日结), as text or JSON; --close closes it.

The clerk signs in for the command as `lookup --full-id` does (--clerk USERNAME, the
password at the terminal or with --password-stdin); a supervisor may settle another
clerk's day with --for. Exit 0 when the four agreements hold, 1 when one does not (the
figures are still shown, and --close still closes: the disagreement is kept with them),
2 for a refusal, as every command.
"""

import argparse
import json
import sys

from models.core.actor import counter_from_config
from models.core.errors import DomainError
from models.payments import settlement as settle
from models.texts import cli as cli_text
from models.texts import messages as domain_text
from models.texts import settle as t
from tui.cli import full_id, options, output
from tui.settlement_lines import text_lines

EXIT_DISAGREES = 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("settle", help=t.HELP_SETTLE)
    options.add_common(p)
    p.add_argument("--clerk", metavar="USERNAME", required=True, help=t.HELP_SETTLE_CLERK)
    p.add_argument("--password-stdin", action="store_true", help=t.HELP_SETTLE_PASSWORD_STDIN)
    p.add_argument("--for", dest="for_clerk", metavar="USERNAME", help=t.HELP_SETTLE_FOR)
    p.add_argument("--counter", metavar="C", help=t.HELP_SETTLE_COUNTER)
    p.add_argument("--day", type=options.date, help=t.HELP_SETTLE_DAY)
    p.add_argument("--close", action="store_true", help=t.HELP_SETTLE_CLOSE)
    p.add_argument("--json", action="store_true", help=cli_text.HELP_JSON)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    counter = args.counter or counter_from_config()
    if not counter.isalnum() or len(counter) > 8:
        raise DomainError(domain_text.COUNTER_BAD)
    day = args.day or clock.today()
    options.open_db(options.db_url(args), migrate=args.close)
    actor = full_id.sign_in_clerk(clock, args.clerk, args.password_stdin, counter=counter)
    clerk = args.for_clerk or actor.username
    if clerk != actor.username:
        actor.require("supervisor")
    if args.close:
        figures = settle.close_day(clock, actor, clerk, counter, day)
    else:
        figures = settle.settlement(clerk, counter, day)
    if args.json:
        view = json.loads(output.dumps(figures))
        view.update(agreed=figures.agreed, closed=figures.closed)
        output.print_json(view)
    else:
        for line in text_lines(figures):
            print(line)
    if args.close:
        print(t.SETTLE_CLOSED_NOW, file=sys.stderr)
    if not figures.agreed:
        print(t.SETTLE_DISAGREES_EXIT, file=sys.stderr)
        return EXIT_DISAGREES
    return 0

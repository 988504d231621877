"""`yibao` with no subcommand (the counter on an existing database) and `yibao demo`.

The counter works under the policy in force: `--policy ID` (or $YIBAO_POLICY) if given,
else the policy file serving this database's region on today's date. With none, the
counter still opens, without a benefit-year status, and says so on stderr.
"""

import argparse
import os
import sys
import urllib.parse
from pathlib import Path

from models.access import demo_mode
from models.core.actor import Actor, counter_from_config, system_actor
from models.core.clock import Clock
from models.core.errors import DomainError
from models.registry import regions
from models.registry.people import register_is_empty
from models.rules.policy import Policy, load_policy_id, policy_in_force
from models.rules.region_file import read_region_file, resolve_region_path
from models.texts import cli as t
from tui.cli import options, setup

DEMO_PATH = Path(os.environ.get("YIBAO_DEMO_DB", "yibao-demo.db"))
DEMO_REGION = "demo"


def register(parser: argparse.ArgumentParser, sub: argparse._SubParsersAction) -> None:
    options.add_common(parser, counter=True)
    parser.set_defaults(handler=run_counter)

    p = sub.add_parser("demo", help=t.HELP_DEMO)
    options.add_common(p, counter=True)
    p.add_argument("--people", type=options.integer(), default=20_000, help=t.HELP_DEMO_PEOPLE)
    p.add_argument("--seed", type=options.integer(), default=2027, help=t.HELP_SEED)
    p.set_defaults(handler=run_demo)


def counter_policy(args: argparse.Namespace, clock: Clock) -> Policy | None:
    """The policy the counter works under (the database must be open): `args.policy` if
    set, else the one in force on clock.today() for the region in the database, else None."""
    if getattr(args, "policy", None):
        return load_policy_id(args.policy)
    region = regions.current_region()
    if region is None:
        return None
    return policy_in_force(region.code, region.name, clock.today())


def run_counter(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    counter, keymap = _start_config()
    options.open_db(options.db_url(args))
    _open(args, clock, counter, keymap, actor=None)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Demo mode (signed in without a password) only on a database demo made: a new or
    empty one is made a demo database; any other (made by init, or with accounts) is
    refused before anything is written into it."""
    clock = options.clock(args)
    counter, keymap = _start_config()
    url = options.db_url(args) or f"sqlite:///{DEMO_PATH}"
    where = _shown(url)
    options.open_db(url, create=True)
    kind = demo_mode.database_kind()
    if kind is demo_mode.DatabaseKind.OTHER:
        raise DomainError(t.DEMO_NOT_A_DEMO_DATABASE.format(url=where))
    if kind is demo_mode.DatabaseKind.EMPTY:
        demo_mode.make_demo_database(clock, system_actor(counter), where)
    if not register_is_empty():
        print(t.DEMO_REUSING.format(path=where), file=sys.stderr)
    else:  # new, or a demo stopped before its county was in
        print(t.DEMO_CREATING.format(people=args.people, seed=args.seed, path=where),
              file=sys.stderr)
        if not regions.region_loaded():
            regions.load_region(clock, system_actor(counter),
                                read_region_file(resolve_region_path(DEMO_REGION)))
        setup.generate(clock, args.people, args.seed)
    _open(args, clock, counter, keymap, actor=demo_mode.demo_clerk(clock, counter, where))
    return 0


def _shown(url: str) -> str:
    """The URL as messages show it: a password in it replaced by ***."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.password:
        return url.replace(":" + parsed.password + "@", ":***@")
    return url


def _start_config() -> tuple[str, dict[str, str]]:
    """The counter id and the hall's keys, read before anything else so a bad config file
    stops the command (a Chinese DomainError) before it touches the database."""
    from tui.keymap import load_keymap

    return counter_from_config(), load_keymap()


def _open(args: argparse.Namespace, clock: Clock, counter: str, keymap: dict[str, str],
          actor: Actor | None) -> None:
    from tui.app import CounterApp

    policy = counter_policy(args, clock)
    if policy is None:
        print(_no_policy_notice(clock), file=sys.stderr)
    CounterApp(clock=clock, actor=actor, policy=policy, keymap=keymap, counter=counter).run()


def _no_policy_notice(clock: Clock) -> str:
    region = regions.current_region()
    if region is None:
        return t.COUNTER_NO_REGION
    return t.COUNTER_NO_POLICY.format(region=region.name, today=clock.today().isoformat())

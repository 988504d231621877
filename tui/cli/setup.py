"""`yibao init` (schema and region) and `yibao generate` (a reproducible county)."""

import argparse
import dataclasses
import sys
from pathlib import Path

from models.core.actor import system_actor
from models.core.app_role import default_app_role
from models.core.clock import Clock
from models.core.errors import DomainError
from models.demo.generator import generate_county
from models.registry import regions
from models.rules.region_file import read_region_file, resolve_region_path
from models.texts import cli as t
from models.texts import messages as domain_text
from tui.cli import options

DEFAULT_TRUTH = Path("duplicates-truth.csv")
# Checked before the progress bar starts (the generator's own check comes after it): a
# county, not a province (a number beyond this would run for days), and the rate.
MAX_PEOPLE = 5_000_000
MAX_DUPLICATES = 0.5


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help=t.HELP_INIT)
    options.add_common(p)
    p.add_argument("--region", required=True, help=t.HELP_INIT_REGION)
    p.add_argument("--app-role", metavar="ROLE", help=t.HELP_INIT_APP_ROLE)
    p.set_defaults(handler=run_init)

    p = sub.add_parser("generate", help=t.HELP_GENERATE)
    options.add_common(p)
    p.add_argument("--people", type=options.integer(), required=True, help=t.HELP_GENERATE_PEOPLE)
    p.add_argument("--seed", type=options.integer(), default=1, help=t.HELP_SEED)
    p.add_argument("--duplicates", type=options.number, default=0.0, metavar="RATE",
                   help=t.HELP_DUPLICATES)
    p.add_argument("--truth", help=t.HELP_TRUTH)
    p.add_argument("--region", default="demo", help=t.HELP_GENERATE_REGION)
    p.set_defaults(handler=run_generate)


def run_init(args: argparse.Namespace) -> int:
    clock = options.clock(args)
    spec = read_region_file(resolve_region_path(args.region))
    options.open_db(options.db_url(args), create=True,
                    app_role=args.app_role or default_app_role())
    result = regions.load_region(clock, system_actor(), spec)
    template = t.INIT_ALREADY if result.already_loaded else t.INIT_DONE
    print(template.format(region=result.region, townships=result.townships,
                          villages=result.villages, targets=result.targets))
    return 0


def run_generate(args: argparse.Namespace) -> int:
    if not 1 <= args.people <= MAX_PEOPLE:
        raise DomainError(domain_text.GENERATE_BAD_COUNT)
    if not 0 <= args.duplicates <= MAX_DUPLICATES:
        raise DomainError(domain_text.GENERATE_BAD_RATE)
    clock = options.clock(args)
    options.open_db(options.db_url(args), create=True)
    if not regions.region_loaded():
        regions.load_region(clock, system_actor(),
                            read_region_file(resolve_region_path(args.region)))
    truth = Path(args.truth) if args.truth else (DEFAULT_TRUTH if args.duplicates else None)
    generate(clock, args.people, args.seed, args.duplicates, truth)
    return 0


def generate(clock: Clock, people: int, seed: int, duplicates: float = 0.0,
             truth: Path | None = None) -> None:
    """Generate a county into the open database with a progress bar on stderr
    (also `yibao demo`'s first run)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(t.GENERATE_PROGRESS, BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(t.GENERATE_PROGRESS, total=people)
        result = generate_county(clock, system_actor(), people, seed=seed, duplicates=duplicates,
                                 truth_path=truth,
                                 progress=lambda done, total: bar.update(task, completed=done))
    print(t.GENERATE_DONE.format(**dataclasses.asdict(result)), file=sys.stderr)
    if result.truth_path:
        print(t.GENERATE_TRUTH.format(count=result.duplicates, path=result.truth_path),
              file=sys.stderr)

"""`yibao dedup`: the batch duplicate scan (models/dedup/scan.py) with a progress bar on
stderr; the pairs raised as text, or as JSON: {"pairs": [{"a": …, "b": …, "score",
"decision", "reasons"}]}."""

import argparse
import sys

from models.core.actor import system_actor
from models.dedup.scan import FoundPair, PairView, scan
from models.texts import duplicates as t
from tui.cli import options, output

SIDE_KEYS = ("id", "name", "id_number", "gender", "birth_date", "hukou_no", "village")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dedup", help=t.HELP_DEDUP)
    options.add_common(p)
    p.add_argument("--json", action="store_true", help=t.HELP_DEDUP_JSON)
    p.set_defaults(handler=run)


def side(view: PairView) -> dict:
    return {k: getattr(view, k) for k in SIDE_KEYS}


def pair_json(pair: FoundPair) -> dict:
    return {"a": side(pair.a), "b": side(pair.b), "score": pair.score,
            "decision": pair.decision, "reasons": list(pair.reasons)}


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    clock = options.clock(args)
    options.open_db(options.db_url(args), migrate=False)
    with Progress(t.SCAN_PROGRESS, BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(t.SCAN_PROGRESS, total=None)
        result = scan(clock, system_actor(), progress=lambda done, total: bar.update(
            task, completed=done, total=total))
    print(t.SCAN_DONE.format(compared=result.compared, sure=result.sure, review=result.review,
                             new=result.new, kept=result.kept, seconds=result.seconds),
          file=sys.stderr)
    if args.json:
        output.print_json({"pairs": [pair_json(p) for p in result.pairs]})
        return 0
    if not result.pairs:
        print(t.SCAN_NONE)
    for p in result.pairs:
        print(t.SCAN_PAIR.format(decision=t.DECISION_LABELS[p.decision], score=p.score,
                                 a_id=p.a.id, a_name=p.a.name, b_id=p.b.id, b_name=p.b.name,
                                 reasons=t.REASON_SEPARATOR.join(p.reasons)))
    return 0

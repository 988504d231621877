"""Keystroke to results on the real counter at county scale (not in the default run).

    .venv/bin/python tests/benchmarks/bench_keystroke.py [--people 1000000] [--runs 3]
        [--db PATH | --url URL]

Uses the county that bench_county.py generated (run that first), or with --url any
database, such as the PostgreSQL city bench_pg_city.py --keep leaves running. Drives the real
Textual app through Pilot: types each query a key at a time, and takes the screen's
own measure from the last keystroke (the input's change) to the first screen refresh
after the results were drawn. The counter waits 10 ms after a keystroke before it
searches (a newer key cancels the search; a whole 18-character ID searches at once), so
that wait is inside the figure.
"""

import argparse
import asyncio
import datetime as dt
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from textual.widgets import Input  # noqa: E402

from models.core.actor import Actor  # noqa: E402
from models.core.clock import FixedClock  # noqa: E402
from models.core.db import open_database  # noqa: E402
from models.core.schema import Person  # noqa: E402
from models.rules.policy import load_policy_id  # noqa: E402
from tui.app import CounterApp  # noqa: E402

DATA = Path(__file__).with_name(".data")
# Surnames and two-character starts that match thousands (100,000 for 王 at a million):
# the page must cost what a page costs, however many match.
PHASES: list[tuple[float, float, float]] = []  # (waited, found, drawn) ms, per query
BROAD = ["王", "李", "张", "刘", "李伟", "李云", "王春", "刘云"]


def queries(count: int) -> list[str]:
    rng = random.Random(11)
    max_id = Person.select(Person.id).order_by(Person.id.desc()).scalar()
    out = []
    while len(out) < count:
        row = (Person.select(Person.id_number, Person.name, Person.name_initials, Person.phone)
               .where(Person.id == rng.randint(1, max_id)).first())
        if row is None or not row.id_number:
            continue
        kind = len(out) % 4
        out.append([row.id_number, row.name, row.name_initials[:3],
                    row.id_number[-6:]][kind])
    return out


async def measure(texts: list[str]) -> list[float]:
    app = CounterApp(clock=FixedClock(dt.date(2026, 11, 22)),
                     actor=Actor(1, "bench", "clerk", "B1", "bench"),
                     policy=load_policy_id("demo-2027"))
    timings = []
    async with app.run_test(size=(130, 40)) as pilot:
        query = app.screen.query_one("#query", Input)
        for text in texts:
            query.value = ""
            await pilot.pause(0.1)
            await pilot.press(*text[:-1])
            page_before = app.screen.last_page
            await pilot.press(text[-1])
            while True:
                page = app.screen.last_page
                if page is not page_before and page.query == text:
                    break
                await asyncio.sleep(0.001)
            timings.append(app.screen.last_latency_ms)
            PHASES.append(app.screen.last_phases)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=84)
    parser.add_argument("--runs", type=int, default=3, help="fresh counters, one by one")
    parser.add_argument("--db", help="a county's SQLite file (default: bench_county's)")
    parser.add_argument("--url", help="a database URL instead of --db: the city that "
                        "bench_pg_city.py --keep left running, say")
    args = parser.parse_args()
    if args.url:
        open_database(args.url, migrate=False)
    else:
        path = Path(args.db) if args.db else DATA / f"county-{args.people}.db"
        if not path.exists():
            sys.exit(f"{path} is missing: run tests/benchmarks/bench_county.py "
                     f"--people {args.people}")
        open_database(f"sqlite:///{path}", migrate=False)
    texts = queries(args.queries)
    figures = []
    for run in range(args.runs):
        # the broad queries go in among the others, not all at the end
        mixed = list(texts)
        for i, text in enumerate(BROAD):
            mixed.insert(8 + i * (len(texts) // len(BROAD)), text)
        PHASES.clear()
        timings = asyncio.run(measure(mixed))
        phases = [statistics.median(p[i] for p in PHASES[4:]) for i in range(3)]
        by_text = dict(zip(mixed, timings, strict=True))
        for _ in range(4):  # the first queries warm SQLite's page cache
            timings.pop(0)
        broad = sorted(by_text[t] for t in BROAD)
        timings.sort()
        figures.append({"p50": statistics.median(timings),
                         "p95": timings[int(0.95 * (len(timings) - 1))],
                         "max": timings[-1], "broad_max": broad[-1],
                         "broad_p50": statistics.median(broad),
                         "p50 debounce": phases[0], "p50 lookup incl. thread hop": phases[1],
                         "p50 draw to repaint": phases[2]})
        print(f"run {run + 1}: " + ", ".join(f"{k} {v:.0f} ms" for k, v in figures[-1].items()),
              file=sys.stderr)
    print("| figure | value |\n|---|---|")
    print(f"| people | {Person.select().count():,} |")
    print(f"| queries per run | {len(timings)} (full ID, name, 3 initials, last 6 ID digits, "
          f"and {len(BROAD)} broad names: {' '.join(BROAD)}) |")
    print(f"| runs | {args.runs} |")
    for key in figures[0]:
        values = [round(f[key]) for f in figures]
        print(f"| keystroke to results {key} | {min(values)}–{max(values)} ms |")


if __name__ == "__main__":
    main()

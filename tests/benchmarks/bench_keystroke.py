"""Keystroke to results on the real counter at county scale (not in the default run).

    .venv/bin/python tests/benchmarks/bench_keystroke.py [--people 1000000]

Uses the county that bench_county.py generated (run that first). Drives the real
Textual app through Pilot: types each query a key at a time, and takes the screen's
own measure from the last keystroke (the input's change) to the first screen refresh
after the results were drawn. The counter waits 30 ms after a keystroke before it
searches (a newer key cancels the search), so that wait is inside the figure.
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
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=84)
    args = parser.parse_args()
    path = DATA / f"county-{args.people}.db"
    if not path.exists():
        sys.exit(f"{path} is missing: run tests/benchmarks/bench_county.py --people {args.people}")
    open_database(f"sqlite:///{path}", migrate=False)
    timings = asyncio.run(measure(queries(args.queries)))
    for _ in range(4):  # the first queries warm SQLite's page cache
        timings.pop(0)
    timings.sort()
    print("| figure | value |\n|---|---|")
    print(f"| people | {args.people} |")
    print(f"| queries | {len(timings)} (full ID, name, 3 initials, last 6 ID digits) |")
    print(f"| keystroke to results p50 | {statistics.median(timings):.0f} ms |")
    print(f"| keystroke to results p95 | {timings[int(0.95 * (len(timings) - 1))]:.0f} ms |")
    print(f"| keystroke to results max | {timings[-1]:.0f} ms |")


if __name__ == "__main__":
    main()

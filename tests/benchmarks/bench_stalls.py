"""How often this machine stalls a short operation (not part of the default test run).

    .venv/bin/python tests/benchmarks/bench_stalls.py --db COUNTY.db [--runs 3] [--samples 10000]

The p99 of a 15-35 µs lookup is decided by the rare operation that the machine holds up
for 30-400 µs. This measures how rare, for the parts a lookup is made of, each in a fresh
process with the county file read into the kernel's cache first (as bench_county does):

- raw sqlite3 ID lookups of people not yet read (each reads 3-4 pages into SQLite's cache,
  which grows into memory the process never touched), and the same 20 people again and
  again (every page in SQLite's cache already);
- os.pread of a random 4 KB page of the cached file; touching a fresh 4 KB buffer;
- a pure-Python loop of about 2 µs.

Prints, per operation, p50 and p99 and the share over 30 µs and over 60 µs, each with its
spread over the runs. No service code is timed here: only sqlite3, the kernel and the VM.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench_county import (  # noqa: E402
    open_county,
    raw_connection,
    read_into_kernel_cache,
    sample_queries,
)


def summary(micros: list[float]) -> dict:
    ordered = sorted(micros)
    count = len(ordered)
    return {"p50_us": round(statistics.median(ordered), 1),
            "p99_us": round(ordered[min(count - 1, round(0.99 * (count - 1)))], 1),
            "over_30us_pct": round(100 * sum(x > 30 for x in ordered) / count, 2),
            "over_60us_pct": round(100 * sum(x > 60 for x in ordered) / count, 2)}


def timed(calls) -> list[float]:
    clock, out = time.perf_counter_ns, []
    for call, arg in calls:
        started = clock()
        call(arg)
        out.append((clock() - started) / 1000)
    return out


def measure(path: Path, samples: int, seed: int) -> dict:
    from models.registry.lookup import PAGE_SIZE, statement

    read_into_kernel_cache(path)
    open_county(path)  # statement() builds its SQL through the service's database
    ids = sample_queries(path, samples, seed)["id"]
    raw = raw_connection(path)
    plans = [statement("id", key, PAGE_SIZE + 1) for key in ids]

    def run(plan):
        return raw.execute(*plan).fetchall()

    out = {"id_lookup_unread": summary(timed((run, plan) for plan in plans)),
           "id_lookup_cached": summary(timed((run, plans[i % 20]) for i in range(samples)))}
    rng = random.Random(seed)
    pages = path.stat().st_size // 4096
    descriptor = os.open(path, os.O_RDONLY)
    try:
        out["pread_cached_4kb"] = summary(timed(
            (lambda offset: os.pread(descriptor, 4096, offset), rng.randrange(pages) * 4096)
            for _ in range(samples)))
    finally:
        os.close(descriptor)
    kept = []

    def fresh_buffer(size):
        buffer = bytearray(size)  # glibc's heap: new memory, touched at both ends
        buffer[0] = buffer[-1] = 1
        kept.append(buffer)

    out["fresh_4kb_buffer"] = summary(timed((fresh_buffer, 4200) for _ in range(samples)))
    out["python_2us_loop"] = summary(timed((lambda n: sum(range(n)), 300)
                                           for _ in range(samples)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, help="a county's SQLite file")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=7, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not Path(args.db).is_file():
        parser.error(f"no county file at {args.db} (make one with yibao generate)")
    if args.measure:
        print(json.dumps(measure(Path(args.db), args.samples, args.seed)))
        return
    runs = []
    for run in range(args.runs):  # a fresh process each: SQLite's cache starts empty
        done = subprocess.run([sys.executable, __file__, "--measure", "--db", args.db,
                               "--samples", str(args.samples), "--seed", str(7 + run)],
                              check=True, capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        runs.append(json.loads(done.stdout))
    print(f"samples per run: {args.samples}, runs: {args.runs}\n")
    print("| operation | p50 µs | p99 µs | over 30 µs | over 60 µs |\n|---|---|---|---|---|")
    for operation in runs[0]:
        cells = []
        for figure in ("p50_us", "p99_us", "over_30us_pct", "over_60us_pct"):
            values = [run[operation][figure] for run in runs]
            low, high = min(values), max(values)
            unit = " %" if figure.endswith("pct") else ""
            cells.append(f"{low}{unit}" if low == high else f"{low}–{high}{unit}")
        print(f"| {operation} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()

"""Benchmarks at county scale (not part of the default test run).

    .venv/bin/python tests/benchmarks/bench_county.py --people 1000000 [--fresh] [--runs 3]

Generates a county into tests/benchmarks/.data/ (kept, so later runs reuse it
unless --fresh), then measures it `--runs` times, each run with its own sample of
people and in fresh processes (so memory is not mixed): one pairs lookup by ID through
the service with raw sqlite3 on the same file; the other, with no raw connection, times
the year's status, name / initials prefix first pages, and takes its peak memory.
Prints a Markdown table for the README: one column per run and the spread (min–max)
of each figure over the runs.

The ratios are paired (see paired.py): on each sampled ID the service, the very
statement it runs through raw sqlite3, and the bare indexed point query are timed back
to back, in rotating order, so the three sides share the machine's moments. A control
pairs the statement with itself on two raw connections: its ratios show the method's
own noise (p50 1.00; p99 within about ±20 % on this shared 2-core machine).
"""

import argparse
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from paired import interleaved, latency, percentile, ratio  # noqa: E402

DATA = Path(__file__).with_name(".data")
TODAY = "2026-11-22"
WARMUP = 60  # inputs run on every side before timing: code paths and the page cache
BARE_SQL = "SELECT id FROM person WHERE id_key = ?"


def generate(path: Path, people: int) -> dict:
    cmd = [sys.executable, "-m", "tui.cli", "generate", "--db", f"sqlite:///{path}",
           "--people", str(people), "--seed", "2027", "--region", "demo",
           "--today", TODAY]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT)
    return {"generate_seconds": round(time.perf_counter() - started, 1),
            "file_mb": round(path.stat().st_size / 2**20)}


def sample_people(path: Path, count: int, seed: int) -> tuple[list, list, list]:
    """ID keys, 2-character name prefixes and 3-letter initials of random people, read
    through a connection of their own: the sides' page caches start cold alike."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    try:
        (max_id,) = conn.execute("SELECT max(id) FROM person").fetchone()
        ids, names, initials = [], [], []
        while len(ids) < count:
            row = conn.execute("SELECT id_key, name, name_initials FROM person WHERE id = ?",
                               (rng.randint(1, max_id),)).fetchone()
            if row and row[0]:
                ids.append(row[0])
                names.append(row[1][:2])
                initials.append(row[2][:3])
    finally:
        conn.close()
    return ids, names, initials


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection set up as the service's own (same pragmas, autocommit)."""
    from models.core.db import SQLITE_PRAGMAS

    raw = sqlite3.connect(path, isolation_level=None)
    for pragma, value in SQLITE_PRAGMAS.items():
        raw.execute(f"PRAGMA {pragma} = {value}")
    return raw


def measure_ratios(path: Path, samples: int, seed: int) -> dict:
    """Runs in its own process (`--measure PATH --part ratios`): lookup by ID through the
    service, paired with raw sqlite3 on a connection set up like the service's own."""
    from models.core.db import database
    from models.registry.lookup import _SENTINELS, PAGE_SIZE, _build, _sql_cache, lookup

    clock = open_county(path)
    ids, _, _ = sample_people(path, samples + WARMUP, seed)
    raw = raw_connection(path)
    # The very statement lookup() runs for an ID (it asks for one row more than a page,
    # to know whether there is a next page), with the ID in the sentinel's place.
    sql, template = _build("id", PAGE_SIZE + 1).sql()
    slot = template.index(_SENTINELS[0])

    def params(key: str) -> list:
        values = list(template)
        values[slot] = key
        return values

    # (ID key, parameters of the same statement): the parameters are built beforehand
    # so that the raw side times only sqlite3.
    inputs = [(key, params(key)) for key in ids]
    sides = {
        "service": lambda v: lookup(v[0], clock),
        "raw_same_sql": lambda v: raw.execute(sql, v[1]).fetchall(),
        "raw_bare_select": lambda v: raw.execute(BARE_SQL, (v[0],)).fetchall(),
    }
    paired = interleaved(sides, inputs[WARMUP:], warmup=inputs[:WARMUP])
    # Checked after the timing, which must meet each ID for the first time: the raw side
    # fetched the rows the service shows, in its order.
    for key, values in inputs:
        page = lookup(key, clock)
        rows = raw.execute(sql, values).fetchall()
        if page.kinds != ("id",) or [h.id for h in page.hits] != [r[0] for r in rows]:
            raise SystemExit(f"raw rows differ from the service's for {key}")
    if _sql_cache[(type(database.obj), "id", PAGE_SIZE + 1)][0] != sql:
        raise SystemExit("the raw side's statement is not the one the service ran")
    # The control: the same statement on two fresh raw connections, paired the same way.
    # Its ratios would be 1 on a perfect machine; how far they stray is this method's noise.
    one, two = raw_connection(path), raw_connection(path)
    control = interleaved({"raw_a": lambda v: one.execute(sql, v[1]).fetchall(),
                           "raw_b": lambda v: two.execute(sql, v[1]).fetchall()},
                          inputs[WARMUP:], warmup=inputs[:WARMUP])
    return {
        **latency(paired, "service", "id_service"),
        **latency(paired, "raw_same_sql", "id_raw_same_sql"),
        **latency(paired, "raw_bare_select", "id_raw_bare_select"),
        **ratio(paired, "service", "raw_same_sql", "service_over_raw_same_sql"),
        **ratio(paired, "service", "raw_bare_select", "service_over_bare_select"),
        **ratio(control, "raw_a", "raw_b", "control_raw_over_raw"),
    }


def measure_service(path: Path, samples: int, seed: int) -> dict:
    """Runs in its own process (`--measure PATH --part service`), with no raw connection
    whose page cache would count in the memory figure: absolute latencies, no ratio."""
    from models.registry.lookup import lookup

    clock = open_county(path)
    ids, names, initials = sample_people(path, samples + WARMUP, seed)

    def alone(fn, queries):
        return interleaved({"only": fn}, queries[WARMUP:], warmup=queries[:WARMUP])["only"]

    # the counter's own path: with the status of the benefit year being collected
    with_status = alone(lambda key: lookup(key, clock, benefit_year=2027), ids)
    name_ms = alone(lambda text: lookup(text, clock), names)
    initials_ms = alone(lambda text: lookup(text, clock), initials)
    return {
        "id_with_year_status_p99_ms": round(percentile(with_status, 99), 3),
        "name_prefix_first_page_p99_ms": round(percentile(name_ms, 99), 2),
        "initials_first_page_p99_ms": round(percentile(initials_ms, 99), 2),
        "lookup_process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                            / 1024),
    }


PARTS = {"ratios": measure_ratios, "service": measure_service}


def open_county(path: Path):
    import datetime as dt

    from models.core.clock import FixedClock
    from models.core.db import open_database

    open_database(f"sqlite:///{path}", migrate=False)
    return FixedClock(dt.date.fromisoformat(TODAY))


def measure_in_process(path: Path, part: str, samples: int, seed: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--measure", str(path), "--part", part,
                          "--samples", str(samples), "--seed", str(seed)],
                         check=True, capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout)


def spread(values: list) -> str:
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}–{high}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=10_000, help="IDs (and names) per run")
    parser.add_argument("--runs", type=int, default=3, help="measuring processes, one by one")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--part", choices=PARTS, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=7, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(PARTS[args.part](Path(args.measure), args.samples, args.seed)))
        return
    DATA.mkdir(exist_ok=True)
    path = DATA / f"county-{args.people}.db"
    header = {"people": args.people}
    if args.fresh or not path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        header.update(generate(path, args.people))
    # each run samples other people: the spread covers the inputs as well as the machine
    runs = [{key: value for part in PARTS
             for key, value in measure_in_process(path, part, args.samples, 7 + run).items()}
            for run in range(args.runs)]
    print("| figure | value |\n|---|---|")
    for key, value in header.items():
        print(f"| {key} | {value} |")
    print(f"| samples per run | {args.samples} |\n")
    names = " | ".join(f"run {i + 1}" for i in range(len(runs)))
    print(f"| figure | {names} | min–max |\n|---|{'---|' * len(runs)}---|")
    for key in runs[0]:
        values = [run[key] for run in runs]
        print(f"| {key} | {' | '.join(str(v) for v in values)} | {spread(values)} |")


if __name__ == "__main__":
    main()

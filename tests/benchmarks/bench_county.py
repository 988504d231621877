"""Benchmarks at county scale (not part of the default test run).

    .venv/bin/python tests/benchmarks/bench_county.py --people 1000000 [--fresh] [--runs 3]
        [--db PATH]

Generates a county into tests/benchmarks/.data/ (kept, so later runs reuse it
unless --fresh), then measures it `--runs` times, each run with its own sample of
people and in fresh processes (so memory is not mixed): one pairs lookup by ID through
the service with raw sqlite3 on the same file; the other, with no raw connection, times
the year's status, name / initials prefix first pages, and takes its peak memory.
Prints a Markdown table for the README: one column per run and the spread (min–max)
of each figure over the runs.

The ratios are paired (see paired.py): on each sampled query the service and the very
statements it runs through raw sqlite3 are timed back to back, in rotating order, so the
two sides share the machine's moments; each side has a connection of its own. A control
pairs raw sqlite3 with itself on two raw connections, over other people of the same
kind: its ratios show the method's own noise. For the ID kind, the raw statement is also
paired with the bare indexed point query (two fresh connections again): what the joins
cost. Each measuring process first reads the county file through (read_into_kernel_cache):
what is timed is the lookup over a file the kernel holds, as at a counter in use, not
this VM's disk.
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


KINDS = ("id", "name", "initials", "id_tail", "household", "phone")


def sample_people(path: Path, count: int, seed: int) -> tuple[list, list, list]:
    """ID keys, 2-character name prefixes and 3-letter initials of random people."""
    queries = sample_queries(path, count, seed)
    return queries["id"], queries["name"], queries["initials"]


def sample_queries(path: Path, count: int, seed: int) -> dict[str, list[str]]:
    """`count` queries of each kind, as a clerk types them, from random people (one person
    gives one of each; those with no phone, or no resident ID, are passed over), read
    through a connection of their own: the sides' page caches start cold alike."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    try:
        (max_id,) = conn.execute("SELECT max(id) FROM person").fetchone()
        out: dict[str, list[str]] = {kind: [] for kind in KINDS}
        while len(out["id"]) < count:
            row = conn.execute(
                "SELECT p.id_key, p.name, p.name_initials, p.phone, h.hukou_no FROM person p"
                " JOIN household h ON h.id = p.household_id"
                " WHERE p.id = ? AND p.id_type = 'resident' AND p.phone IS NOT NULL",
                (rng.randint(1, max_id),)).fetchone()
            if row and row[0] and len(row[0]) == 18:
                key, name, initials, phone, hukou_no = row
                for kind, text in zip(KINDS, (key, name[:2], initials[:3], key[-6:],
                                              hukou_no, phone), strict=True):
                    out[kind].append(text)
    finally:
        conn.close()
    return out


def read_into_kernel_cache(path: Path) -> None:
    """Reads the county file through once, as a counter that has run for a while finds it
    in the kernel's cache. This VM's host reclaims file pages untouched for a minute (DAMON
    `pageout`: /sys/kernel/mm/damon/admin), so that without this about one lookup in a
    hundred, on whichever side met the page first, read the disk: stalls of 30-200 µs that
    decided the p99 ratios of 15 µs lookups by which side drew more of them."""
    for part in (path, Path(f"{path}-wal")):
        if part.exists():
            with part.open("rb") as stream:
                while stream.read(1 << 20):
                    pass


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection set up as the service's own (same pragmas, autocommit)."""
    from models.core.db import SQLITE_PRAGMAS

    raw = sqlite3.connect(path, isolation_level=None)
    for pragma, value in SQLITE_PRAGMAS.items():
        raw.execute(f"PRAGMA {pragma} = {value}")
    return raw


def measure_ratios(path: Path, samples: int, seed: int) -> dict:
    """Runs in its own process (`--measure PATH --part ratios`): each kind of lookup through
    the service, paired with raw sqlite3 running the very statements it runs (on a
    connection set up like the service's own) and building the same row list."""
    from models.registry.lookup import PAGE_SIZE, classify, lookup, statement

    read_into_kernel_cache(path)
    clock = open_county(path)
    queries = sample_queries(path, samples + WARMUP, seed)
    control_queries = sample_queries(path, samples + WARMUP, seed + 1000)
    raw = raw_connection(path)
    wanted = PAGE_SIZE + 1  # a page and one row more: is there a next page?

    def plan(text: str) -> list[tuple[str, list]]:
        """The statements lookup() runs for `text`, in its order, built beforehand so
        that the raw side times only sqlite3."""
        return [statement(kind, key, wanted) for kind, key in classify(text)]

    def raw_rows(conn: sqlite3.Connection, statements: list) -> list[tuple]:
        # lookup()'s own rule: kinds in order, each row once, until a page and one more
        if len(statements) == 1:  # one statement: its rows are distinct already
            return conn.execute(*statements[0]).fetchall()
        rows, seen = [], set()
        for sql, params in statements:
            for row in conn.execute(sql, params).fetchall():
                if row[0] not in seen:
                    seen.add(row[0])
                    rows.append(row)
            if len(rows) >= wanted:
                break
        return rows

    one, two = raw_connection(path), raw_connection(path)  # the control's (see below)
    # The bare select is paired apart, raw statement against bare select on two fresh
    # connections: as a third side beside the service it read the ID index's pages into
    # the raw side's cache (or, on its own connection, into the machine's caches) just
    # before the raw statement in four orders of six, a warm-up the service had in two.
    three, bare = raw_connection(path), raw_connection(path)
    out = {}
    for kind in KINDS:
        inputs = [(text, plan(text)) for text in queries[kind]]
        sides = {"service": lambda v: lookup(v[0], clock),
                 "raw_same_sql": lambda v: raw_rows(raw, v[1])}
        paired = interleaved(sides, inputs[WARMUP:], warmup=inputs[:WARMUP])
        # Checked after the timing, which must meet each query for the first time: the
        # raw side fetched the rows the service shows, in its order.
        for text, statements in inputs:
            page = lookup(text, clock)
            if [h.id for h in page.hits] != [r[0] for r in raw_rows(raw, statements)][:PAGE_SIZE]:
                raise SystemExit(f"raw rows differ from the service's for {kind} {text}")
        # Before the control: after it (5,000 other people read), this pairing's raw
        # statement took 47 µs where the service's pairing had taken 16 in every run.
        if kind == "id":
            joins = interleaved({"raw_same_sql": lambda v: raw_rows(three, v[1]),
                                 "raw_bare_select": lambda v: bare.execute(
                                     BARE_SQL, (v[0],)).fetchall()},
                                inputs[WARMUP:], warmup=inputs[:WARMUP])
            out.update({**latency(joins, "raw_bare_select", "id_raw_bare_select"),
                        **ratio(joins, "raw_same_sql", "raw_bare_select",
                                "id_raw_same_sql_over_bare")})
        # The control: two raw connections paired the same way, over a sample of other
        # people, so that it meets pages no side has read, as the pairing above did (over
        # the same inputs again it met them read, and its p99 hid most of the noise). Its
        # ratios would be 1 on a perfect machine; their stray is the method's noise.
        fresh = [(text, plan(text)) for text in control_queries[kind]]
        control = interleaved({"raw_a": lambda v: raw_rows(one, v[1]),
                               "raw_b": lambda v: raw_rows(two, v[1])},
                              fresh[WARMUP:], warmup=fresh[:WARMUP])
        out.update({
            **latency(paired, "service", f"{kind}_service"),
            **latency(paired, "raw_same_sql", f"{kind}_raw_same_sql"),
            **ratio(paired, "service", "raw_same_sql", f"{kind}_service_over_raw"),
            **ratio(control, "raw_a", "raw_b", f"{kind}_control_raw_over_raw"),
        })
    return out


def measure_service(path: Path, samples: int, seed: int) -> dict:
    """Runs in its own process (`--measure PATH --part service`), with no raw connection
    whose page cache would count in the memory figure: absolute latencies, no ratio."""
    from models.registry.lookup import lookup

    read_into_kernel_cache(path)
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
    parser.add_argument("--db", help="the county's SQLite file (default: in .data/)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--part", choices=PARTS, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=7, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(PARTS[args.part](Path(args.measure), args.samples, args.seed)))
        return
    DATA.mkdir(exist_ok=True)
    path = Path(args.db) if args.db else DATA / f"county-{args.people}.db"
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

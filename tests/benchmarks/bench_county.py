"""Benchmarks at county scale (not part of the default test run).

    .venv/bin/python tests/benchmarks/bench_county.py --people 1000000

Generates a county into tests/benchmarks/.data/ (kept, so later runs reuse it
unless --fresh), then measures, in separate processes so memory is not mixed:
generation time, lookup by ID through the service against a raw sqlite3
indexed point query on the same file, name / initials prefix first pages, and
the lookup process's peak memory. Prints a Markdown table for the README.
"""

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DATA = Path(__file__).with_name(".data")
TODAY = "2026-11-22"


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def generate(path: Path, people: int) -> dict:
    cmd = [sys.executable, "-m", "tui.cli", "generate", "--db", f"sqlite:///{path}",
           "--people", str(people), "--seed", "2027", "--region", "yanling-2021",
           "--today", TODAY]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT)
    return {"generate_seconds": round(time.perf_counter() - started, 1),
            "file_mb": round(path.stat().st_size / 2**20)}


def measure_lookups(path: Path, samples: int) -> dict:
    """Runs in its own process: `--measure`."""
    import datetime as dt

    from models.core.clock import FixedClock
    from models.core.db import open_database
    from models.core.schema import Person
    from models.registry.lookup import lookup

    clock = FixedClock(dt.date.fromisoformat(TODAY))
    open_database(f"sqlite:///{path}", migrate=False)
    rng = random.Random(7)
    max_id = Person.select(Person.id).order_by(Person.id.desc()).scalar()
    ids, names, initials = [], [], []
    while len(ids) < samples:
        row = (Person.select(Person.id_key, Person.name, Person.name_initials)
               .where(Person.id == rng.randint(1, max_id)).tuples().first())
        if row and row[0]:
            ids.append(row[0])
            names.append(row[1][:2])
            initials.append(row[2][:3])

    def timed(fn, queries):
        for q in queries[:50]:
            fn(q)  # warm the page cache and the code paths
        out = []
        for q in queries:
            t0 = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t0) * 1000)
        return out

    service = timed(lambda q: lookup(q, clock), ids)
    # the counter's own path: with the status of the benefit year being collected
    with_status = timed(lambda q: lookup(q, clock, benefit_year=2027), ids)
    raw = sqlite3.connect(path)

    def raw_query(q):
        return raw.execute("SELECT id FROM person WHERE id_key = ?", (q,)).fetchall()

    raw_ms = timed(raw_query, ids)
    # The like-for-like comparator: the very statement the service runs, through raw sqlite3.
    from models.registry.lookup import _SENTINELS, _build

    same_sql, template = _build("id", 51).sql()
    raw_same = timed(lambda q: raw.execute(same_sql, [q if p == _SENTINELS[0] else p
                                                      for p in template]).fetchall(), ids)
    name_ms = timed(lambda q: lookup(q, clock), names)
    initials_ms = timed(lambda q: lookup(q, clock), initials)
    return {
        "id_service_p50_ms": round(statistics.median(service), 3),
        "id_service_p99_ms": round(percentile(service, 99), 3),
        "id_with_year_status_p99_ms": round(percentile(with_status, 99), 3),
        "id_raw_p50_ms": round(statistics.median(raw_ms), 3),
        "id_raw_p99_ms": round(percentile(raw_ms, 99), 3),
        "id_raw_same_sql_p50_ms": round(statistics.median(raw_same), 3),
        "id_raw_same_sql_p99_ms": round(percentile(raw_same, 99), 3),
        "service_over_raw_same_sql_p50": round(statistics.median(service)
                                               / statistics.median(raw_same), 2),
        "service_over_raw_same_sql_p99": round(percentile(service, 99)
                                               / percentile(raw_same, 99), 2),
        "service_over_bare_select_id_p50": round(statistics.median(service)
                                                 / statistics.median(raw_ms), 1),
        "name_prefix_first_page_p99_ms": round(percentile(name_ms, 99), 2),
        "initials_first_page_p99_ms": round(percentile(initials_ms, 99), 2),
        "lookup_process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                            / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_lookups(Path(args.measure), args.samples)))
        return
    DATA.mkdir(exist_ok=True)
    path = DATA / f"county-{args.people}.db"
    figures = {"people": args.people}
    if args.fresh or not path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        figures.update(generate(path, args.people))
    out = subprocess.run([sys.executable, __file__, "--measure", str(path),
                          "--samples", str(args.samples)], check=True, capture_output=True,
                         text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    figures.update(json.loads(out.stdout))
    print("| figure | value |\n|---|---|")
    for key, value in figures.items():
        print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()

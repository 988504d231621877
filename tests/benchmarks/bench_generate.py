"""Generating a county, against a raw executemany of the very same rows (not in the default
run).

    .venv/bin/python tests/benchmarks/bench_generate.py --people 1000000 [--runs 2]

Each run: `yibao generate` (seed 2027, --today 2026-11-22, the demo region, its history)
into a fresh SQLite file, timed whole (schema, region, rows, indexes, ANALYZE), as a
clerk's `yibao demo` does it; then the same rows, read back from that file a table at a
time in batches, written by raw sqlite3 `executemany` into a fresh copy of the schema
with the big tables' indexes dropped and built after the rows, as the generator does now.
Only the executemany calls and the index builds are timed on the raw side (not reading
the rows back). The ratio says what the generator's own work (names, pinyin, IDs,
pricing the history, the audit seal) costs above writing its rows.
"""

import argparse
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("household", "person", "identity_tag", "enrollment", "payment", "payment_line")
BATCH = 5000


def generate(path: Path, people: int) -> float:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tui.cli", "generate", "--db", f"sqlite:///{path}",
                    "--people", str(people), "--seed", "2027", "--region", "demo",
                    "--today", "2026-11-22"], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - started


def raw_copy(source: Path, target: Path) -> float:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(source)
    schema = [sql for (sql,) in src.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL"
        " AND name NOT LIKE 'sqlite_%'")]
    indexes = [sql for (sql,) in src.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")]
    out = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode = wal", "synchronous = normal", "cache_size = -64000",
                   "temp_store = memory"):
        out.execute(f"PRAGMA {pragma}")
    for sql in schema:
        out.execute(sql)
    spent = 0.0
    out.execute("BEGIN")
    for table in TABLES:
        columns = [r[1] for r in src.execute(f'PRAGMA table_info("{table}")')]
        marks = ", ".join("?" for _ in columns)
        insert = f'INSERT INTO "{table}" VALUES ({marks})'
        cursor = src.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
        while rows := cursor.fetchmany(BATCH):
            started = time.perf_counter()
            out.executemany(insert, rows)
            spent += time.perf_counter() - started
    started = time.perf_counter()
    for sql in indexes:
        out.execute(sql)
    out.execute("COMMIT")
    out.execute("ANALYZE")
    spent += time.perf_counter() - started
    src.close()
    out.close()
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--dir", default="/tmp")
    args = parser.parse_args()
    folder = Path(args.dir)
    generated, raw = [], []
    for run in range(args.runs):
        path = folder / f"bench-generate-{args.people}.db"
        generated.append(generate(path, args.people))
        raw.append(raw_copy(path, folder / f"bench-generate-{args.people}-raw.db"))
        print(f"run {run + 1}: generate {generated[-1]:.1f} s, raw executemany {raw[-1]:.1f} s",
              file=sys.stderr, flush=True)
    ratios = [g / r for g, r in zip(generated, raw, strict=True)]
    print("| figure | min–max |\n|---|---|")
    print(f"| people | {args.people} |\n| runs | {args.runs} |")
    print(f"| yibao generate, whole | {min(generated):.0f}–{max(generated):.0f} s |")
    print(f"| raw executemany of the same rows, indexes after | {min(raw):.0f}–{max(raw):.0f} s |")
    print(f"| generate ÷ raw | {min(ratios):.1f}–{max(ratios):.1f}× |")


if __name__ == "__main__":
    main()

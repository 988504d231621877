"""The counter's duplicate check at county scale (issue 14 point 2); not part of the
default test run.

    .venv/bin/python tests/benchmarks/bench_dedup_counter.py [--db PATH] [--people 1000000]
        [--samples 400]

On a generated county (tests/benchmarks/.data/dedup-1000000-1.db, made by
bench_dedup.py --people 1000000 --seeds 1, or generated here when missing), each sampled
person is typed in again — as registered, with two neighbouring ID digits swapped, or
without an ID — and the check the registration runs (models/registry/people.
possible_duplicates: the blocking queries, the scorer, the result rows) is timed against
the same candidate queries through raw sqlite3 on the same file, paired input by input
(paired.py). Prints p50 / p95 / p99 in ms and the ratios.
"""

import argparse
import datetime as dt
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from paired import interleaved, latency, percentile, ratio  # noqa: E402

DATA = Path(__file__).with_name(".data")
TODAY = dt.date(2026, 11, 22)
RAW_COLUMNS = ("SELECT p.id, p.name, p.id_type, p.id_number, p.gender, p.birth_date, "
               "p.household_id, h.village_id, p.placeholder, p.status FROM person p "
               "JOIN household h ON h.id = p.household_id WHERE p.status IN "
               "('active', 'awaiting_merge') AND ")


def ensure(path: Path, people: int) -> None:
    if path.exists():
        return
    url = f"sqlite:///{path}"
    subprocess.run([sys.executable, "-m", "tui.cli", "init", "--db", url, "--region", "demo"],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "tui.cli", "generate", "--db", url, "--people",
                    str(people), "--seed", "1", "--duplicates", "0.05", "--today",
                    TODAY.isoformat(), "--truth", str(path.with_suffix(".csv"))],
                   check=True, cwd=ROOT)


def typed_again(path: Path, count: int, seed: int) -> list[tuple]:
    """(CheckedPerson, household id) of sampled people, typed in again."""
    from models.rules import names
    from models.rules.duplicates.ids import key_of
    from models.rules.person import CheckedPerson

    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    (top,) = conn.execute("SELECT max(id) FROM person").fetchone()
    out = []
    while len(out) < count:
        row = conn.execute("SELECT name, id_type, id_number, gender, birth_date, household_id "
                           "FROM person WHERE id = ?", (rng.randint(1, top),)).fetchone()
        if row is None:
            continue
        name, id_type, number, gender, birth, household = row
        how = len(out) % 3
        if how == 1 and number and len(number) == 18:
            number = number[:14] + number[15] + number[14] + number[16:]
        elif how == 2:
            id_type, number = "none", None
        keys = names.name_keys(name)
        key = key_of(id_type, number) if number else None
        out.append((CheckedPerson(name, keys.pinyin, keys.initials, id_type, number, key,
                                  gender, dt.date.fromisoformat(birth), "self", None, False),
                    household))
    conn.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=DATA / "dedup-1000000-1.db")
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=400)
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    ensure(args.db, args.people)

    from models.core.db import open_database
    from models.dedup.counter import swapped_day
    from models.registry.people import possible_duplicates
    from models.rules.duplicates.ids import neighbours

    open_database(f"sqlite:///{args.db}", migrate=False)
    raw = sqlite3.connect(args.db)
    inputs = typed_again(args.db, args.samples + 40, seed=7)

    def service(item):
        person, household = item
        return possible_duplicates(person, TODAY, household_id=household)

    def raw_sql(item):
        person, _ = item
        days = [d.isoformat() for d in (person.birth_date, swapped_day(person.birth_date))
                if d]
        rows = raw.execute(RAW_COLUMNS + f"p.birth_date IN ({','.join('?' * len(days))})",
                           days).fetchall()
        if person.id_key:
            keys = [person.id_key, *neighbours(person.id_key)]
            rows += raw.execute(RAW_COLUMNS + f"p.id_key IN ({','.join('?' * len(keys))})",
                                keys).fetchall()
        return rows

    timings = interleaved({"service": service, "raw": raw_sql}, inputs[40:], inputs[:40])
    found = sum(1 for item in inputs[40:] if service(item))
    figures = {**latency(timings, "service", "check"), **latency(timings, "raw", "raw"),
               "check_p95_ms": round(percentile(timings["service"], 95), 3),
               "raw_p95_ms": round(percentile(timings["raw"], 95), 3),
               **ratio(timings, "service", "raw", "check_over_raw"),
               "samples": len(inputs) - 40, "with_a_duplicate_found": found}
    (people,) = raw.execute("SELECT count(*) FROM person").fetchone()
    print(f"| figure ({people:,} people) | value |")
    print("|---|---|")
    for k, v in figures.items():
        print(f"| {k} | {v} |")


if __name__ == "__main__":
    main()

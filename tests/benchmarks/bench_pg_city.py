"""A city's pool on PostgreSQL: lookups with 20 clients at once (not in the default run).

    .venv/bin/python tests/benchmarks/bench_pg_city.py --people 10000000 [--clients 20]
        [--samples 2000] [--dir /tmp/h16-pg] [--keep] [--url URL]

Starts a throwaway PostgreSQL cluster in --dir (as tests/throwaway_pg.py does), creates
the schema and the demo region, then bulk-loads a synthetic city with COPY: households of
one to six in the region's villages, people with valid 18-digit IDs, names drawn from a
pool whose search keys are worked out once, phones for most adults, and this benefit
year's history payment (one a household, a line and an enrollment a member) for most
households. The secondary indexes are dropped for the load and built after it, then
ANALYZE. The rows have the generator's shape (models/registry/bulk's columns), not its
frequencies: the generator writes about 20,000 people a second, which for ten million
would take most of a working day on this machine.

Then `--clients` processes at once each run `--samples` lookups of every kind (ID with
this year's status, the counter's own path; name prefix; 3 initials; ID tail; household
number; phone) through the service, interleaved kind by kind; p50 / p99 per kind over all
clients, and the server's size on disk. Stops the cluster and deletes it unless --keep.
"""

import argparse
import datetime as dt
import io
import json
import multiprocessing
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from paired import percentile  # noqa: E402

TODAY = dt.date(2026, 11, 22)
YEAR = 2027
KINDS = ("id_with_status", "name", "initials", "id_tail", "household", "phone")
TABLES = ("household", "person", "enrollment", "payment", "payment_line")
NOW = "2026-11-22 09:00:00"


def start_cluster(folder: Path) -> tuple[object, str]:
    import tempfile

    from throwaway_pg import ThrowawayPostgres

    folder.mkdir(parents=True, exist_ok=True)
    tempfile.tempdir = str(folder)  # the cluster's folder goes under --dir
    server = ThrowawayPostgres()
    url = server.start()
    return server, url.replace("/postgres?", "/city?")


def create_database(url: str) -> None:
    import psycopg2

    admin = psycopg2.connect(url.replace("/city?", "/postgres?"))
    admin.autocommit = True
    admin.cursor().execute("CREATE DATABASE city")
    # the hall's app role, as an operator makes it (the counters would connect as it)
    admin.cursor().execute('CREATE ROLE "yibao_app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE')
    admin.close()
    from actors import SYSTEM

    from models.core.clock import FixedClock
    from models.core.db import open_database
    from models.registry.regions import load_region
    from models.rules.region_file import read_region_file, resolve_region_path

    open_database(url)
    load_region(FixedClock(TODAY), SYSTEM, read_region_file(resolve_region_path("demo")))


class Pool:
    """Names with their search keys worked out once (pinyin costs ~20 µs a name)."""

    def __init__(self, rng: random.Random, size: int = 20_000):
        from models.demo.generator import load_settings
        from models.rules import names

        n = load_settings()["names"]
        surnames = [s for s, _ in n["surname_list"]]
        weights = [w for _, w in n["surname_list"]]
        chars = n["male_chars"] + n["female_chars"]
        self.names = []
        for _ in range(size):
            name = rng.choices(surnames, weights)[0] + "".join(
                rng.choice(chars) for _ in range(rng.choice((1, 2, 2))))
            keys = names.name_keys(name)
            self.names.append((keys.name, keys.pinyin, keys.initials))


def synthetic_rows(people: int, seed: int, villages: list[int], region: str):
    """(household rows, person rows, payment rows, enrollment rows, line rows) per household,
    as tab-separated lines for COPY."""
    from models.rules import idcard
    from models.rules.person import hukou_number

    rng = random.Random(seed)
    pool = Pool(rng)
    used: dict[str, int] = {}
    person_id = payment_id = 0
    household_id = 0
    series = f"{region}-00"
    while person_id < people:
        household_id += 1
        size = min(people - person_id, rng.choice((1, 2, 3, 3, 4, 4, 5, 6)))
        hh = [f"{household_id}\t{hukou_number(region, household_id)}\t"
              f"{villages[household_id % len(villages)]}\t\t1\t{NOW}\n"]
        members = []
        for m in range(size):
            person_id += 1
            while True:
                birth = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(35000))
                day = birth.strftime("%Y%m%d")
                seq = used.get(day, rng.randrange(100))
                if seq < 999:
                    used[day] = seq + 1
                    break
            body = f"{region}{day}{seq:03d}"
            number = body + idcard.check_character(body)
            gender = "M" if seq % 2 else "F"
            name, pinyin, initials = rng.choice(pool.names)
            phone = (f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
                     if birth.year < 2008 and rng.random() < 0.7 else r"\N")
            relation = "self" if m == 0 else ("spouse" if m == 1 else "child")
            members.append(
                f"{person_id}\tresident\t{number}\t{number}\t{number[::-1]}\t{name}\t{pinyin}"
                f"\t{initials}\t{gender}\t{birth.isoformat()}\t{household_id}\t{relation}"
                f"\t{phone}\tactive\tf\t1\t{NOW}\t{NOW}\n")
        pays, enrolls, lines = [], [], []
        if rng.random() < 0.7:  # this year's history payment: the year status reads it
            payment_id += 1
            total = 40000 * size
            pays.append(f"{payment_id}\t{series}-2026-{payment_id:07d}\t{series}\t2026\t"
                        f"{payment_id}\t00\t\t{household_id}\thistory\t\\N\t{total}\tpaid\t"
                        f"{NOW}\t2026-11-22\n")
            for k in range(size):
                pid = person_id - size + 1 + k
                enrolls.append(f"{pid}\t{pid}\t{YEAR}\tdemo-{YEAR}\tregular\tindividual\t"
                               f"40000\t0\t\\N\t40000\t\\N\t\\N\t\\N\n")
                lines.append(f"{payment_id}\t{pid}\t{pid}\t{YEAR}\tyear\tregular\tindividual"
                             f"\t40000\t0\t\\N\t40000\tpaid\n")
        yield hh, members, pays, enrolls, lines


COLUMNS = {
    "household": "id, hukou_no, village_id, address, version, created_at",
    "person": "id, id_type, id_number, id_key, id_key_rev, name, name_pinyin, name_initials,"
              " gender, birth_date, household_id, relation, phone, status, placeholder,"
              " version, created_at, updated_at",
    "payment": "id, receipt_no, series, receipt_year, receipt_seq, counter, clerk,"
               " household_id, channel, tendered, total, status, paid_at, business_day",
    "enrollment": "id, person_id, benefit_year, policy, \"case\", rate_kind, gross, subsidy,"
                  " subsidy_category, payable, benefit_start, benefit_end, waiting_months",
    "payment_line": "payment_id, person_id, enrollment_id, benefit_year, kind, \"case\","
                    " rate_kind, gross, subsidy, subsidy_category, payable, status",
}


def load(url: str, people: int, seed: int) -> dict:
    import psycopg2

    conn = psycopg2.connect(url)
    cur = conn.cursor()
    cur.execute("SELECT id FROM village ORDER BY id")
    villages = [r for (r,) in cur.fetchall()]
    cur.execute("SELECT code FROM region")
    (region,) = cur.fetchone()
    # the secondary indexes, dropped for the load and built after it (constraints stay)
    cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
                " AND indexname NOT IN (SELECT conname FROM pg_constraint)", (list(TABLES),))
    saved = cur.fetchall()
    for name, _ in saved:
        cur.execute(f'DROP INDEX "{name}"')
    cur.execute("SET session_replication_role = replica")  # no FK triggers: rows are whole
    started = time.perf_counter()
    order = ("household", "person", "payment", "enrollment", "payment_line")
    buffers = {t: io.StringIO() for t in order}
    done = 0

    def flush() -> None:
        for table in order:
            buffer = buffers[table]
            buffer.seek(0)
            cur.copy_expert(f"COPY {table} ({COLUMNS[table]}) FROM STDIN", buffer)
            buffers[table] = io.StringIO()

    for parts in synthetic_rows(people, seed, villages, region):
        for table, lines in zip(("household", "person", "payment", "enrollment",
                                 "payment_line"), parts, strict=True):
            buffers[table].writelines(lines)
        done += len(parts[1])
        if buffers["person"].tell() > 8 * 2**20:
            flush()
            print(f"  {done:,} people", file=sys.stderr, flush=True)
    flush()
    loaded = time.perf_counter() - started
    cur.execute("SET session_replication_role = origin")
    for table in ("household", "person", "payment", "enrollment"):
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)")
    conn.commit()
    started = time.perf_counter()
    for _name, sql in saved:
        cur.execute(sql)
        conn.commit()
    indexed = time.perf_counter() - started
    conn.autocommit = True
    cur.execute("ANALYZE")
    cur.execute("SELECT pg_database_size('city')")
    (size,) = cur.fetchone()
    conn.close()
    return {"copy_seconds": round(loaded), "index_seconds": round(indexed),
            "database_gb": round(size / 2**30, 2)}


def sample(url: str, count: int, seed: int) -> dict[str, list[str]]:
    import psycopg2

    conn = psycopg2.connect(url)
    cur = conn.cursor()
    cur.execute("SELECT max(id) FROM person")
    (max_id,) = cur.fetchone()
    rng = random.Random(seed)
    out: dict[str, list[str]] = {kind: [] for kind in KINDS}
    while len(out["id_with_status"]) < count:
        cur.execute("SELECT p.id_key, p.name, p.name_initials, p.phone, h.hukou_no"
                    " FROM person p JOIN household h ON h.id = p.household_id"
                    " WHERE p.id = %s AND p.phone IS NOT NULL", (rng.randint(1, max_id),))
        row = cur.fetchone()
        if row:
            key, name, initials, phone, hukou_no = row
            for kind, text in zip(KINDS, (key, name[:2], initials[:3], key[-6:], hukou_no,
                                          phone), strict=True):
                out[kind].append(text)
    conn.close()
    return out


def client(args: tuple[str, dict[str, list[str]]]) -> dict[str, list[float]]:
    """One lookup client (its own process and connection): every kind, query by query."""
    url, queries = args
    from models.core.clock import FixedClock
    from models.core.db import open_database
    from models.registry.lookup import lookup

    open_database(url, migrate=False)
    clock = FixedClock(TODAY)
    timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for i in range(len(queries["name"])):
        for kind in KINDS:
            text = queries[kind][i]
            started = time.perf_counter_ns()
            lookup(text, clock, benefit_year=YEAR if kind == "id_with_status" else None)
            timings[kind].append((time.perf_counter_ns() - started) / 1e6)
    return timings


def measure(url: str, clients: int, samples: int) -> dict:
    everyone = sample(url, clients * samples, 5)
    shares = [(url, {kind: everyone[kind][i::clients] for kind in KINDS})
              for i in range(clients)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(clients) as pool:
        results = pool.map(client, shares)
    seconds = time.perf_counter() - started
    out = {"clients": clients, "lookups": clients * samples * len(KINDS),
           "lookups_per_second": round(clients * samples * len(KINDS) / seconds)}
    for kind in KINDS:
        values = [v for r in results for v in r[kind]]
        out[f"{kind}_p50_ms"] = round(statistics.median(values), 2)
        out[f"{kind}_p99_ms"] = round(percentile(values, 99), 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--samples", type=int, default=2000, help="queries per kind a client")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default="/tmp/h16-pg")
    parser.add_argument("--keep", action="store_true", help="leave the cluster running")
    parser.add_argument("--url", help="measure the city a --keep run left at this URL again "
                        "(no cluster started, nothing loaded: --people, --dir and --keep "
                        "do not apply)")
    args = parser.parse_args()
    if args.url:
        server, url = None, args.url
    else:
        server, url = start_cluster(Path(args.dir))
    try:
        if server is None:
            figures = {"people": count_people(url)}
        else:
            create_database(url)
            figures = {"people": args.people, **load(url, args.people, 2027)}
        print(json.dumps(figures), file=sys.stderr, flush=True)
        runs = [measure(url, args.clients, args.samples) for _ in range(args.runs)]
        print(f"| figure | {' | '.join(f'run {i + 1}' for i in range(len(runs)))} |")
        print(f"|---|{'---|' * len(runs)}")
        for key, value in figures.items():
            print(f"| {key} | {value} |{' |' * (len(runs) - 1)}")
        for key in runs[0]:
            print(f"| {key} | {' | '.join(str(r[key]) for r in runs)} |")
        if args.keep and server is not None:
            print(f"kept: {url}", file=sys.stderr)
    finally:
        if server is not None and not args.keep:
            server.stop()


def count_people(url: str) -> int:
    import psycopg2

    conn = psycopg2.connect(url)
    cur = conn.cursor()
    cur.execute("SELECT count(*) FROM person")
    (people,) = cur.fetchone()
    conn.close()
    return people


if __name__ == "__main__":
    main()

"""Benchmarks of taking the money (issue 12; not part of the default test run).

    .venv/bin/python tests/benchmarks/bench_payment.py --db /tmp/county-1000000.db \
        [--payments 300] [--counters 20] [--per-counter 25]

SQLite, on a county of a million people (a file `yibao generate --people 1000000` made;
build it once and reuse it: each run pays families not yet paid, so it can run again):
the commit of a family-of-four payment through the service (`pay`: the household and
members locked, each member quoted, the receipt number drawn, Enrollment, Payment and
PaymentLine rows, the audit event), p50 / p99, paired (tests/benchmarks/paired.py) with
the same rows written by raw `sqlite3` in one transaction on another family: BEGIN
IMMEDIATE, the counter's UPDATE, one payment, four enrollments, four lines, the audit
event (its HMAC computed, the chain's head read, as the service does) and the
payment's audit_seq, COMMIT. The ratio is what the service layer costs over the writes.

PostgreSQL (a throwaway server from Debian's packages, as the tests use): `--counters`
processes, five clerks to a counter, each paying `--per-counter` families of four as
fast as it can, all starting at once: payments per second over the whole, and the p50 /
p99 of one payment. Prints a Markdown table for the README.
"""

import argparse
import datetime as dt
import json
import multiprocessing
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "models"))

from paired import interleaved, latency, percentile, ratio  # noqa: E402

TODAY = dt.date(2026, 11, 22)
POLICY = "demo-2027"
WARMUP = 10


def unpaid_families(path: Path, count: int) -> list[list[int]]:
    """Households of exactly four active members none of whom has paid the benefit year."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT group_concat(p.id) FROM person p WHERE p.status = 'active' "
            "GROUP BY p.household_id HAVING count(*) = 4 AND sum(EXISTS (SELECT 1 FROM "
            "payment_line l WHERE l.person_id = p.id AND l.benefit_year = 2027 AND "
            "l.status = 'paid')) = 0 ORDER BY p.household_id LIMIT ?", (count,)).fetchall()
    finally:
        conn.close()
    return [sorted(int(x) for x in ids.split(",")) for (ids,) in rows]


class RawPayment:
    """The rows pay() writes for a family of four, written through raw sqlite3."""

    def __init__(self, path: Path, template: dict, key: bytes):
        from models.core.db import SQLITE_PRAGMAS

        self.conn = sqlite3.connect(path, isolation_level=None)
        for name, value in SQLITE_PRAGMAS.items():
            self.conn.execute(f"PRAGMA {name} = {value}")
        self.template, self.key = template, key
        self.series = "430225-RW"

    def __call__(self, family: list[int]) -> None:
        from models.core import audit

        t, c = self.template, self.conn
        now = dt.datetime.combine(TODAY, dt.time(10, 0))
        c.execute("BEGIN IMMEDIATE")
        if not c.execute("UPDATE receipt_counter SET last = last + 1 WHERE series = ? AND "
                         "year = ? AND kind = 'payment'", (self.series, now.year)).rowcount:
            c.execute("INSERT INTO receipt_counter (series, year, kind, last) VALUES "
                      "(?, ?, 'payment', 1)", (self.series, now.year))
        (seq,) = c.execute("SELECT last FROM receipt_counter WHERE series = ? AND year = ? "
                           "AND kind = 'payment'", (self.series, now.year)).fetchone()
        receipt_no = f"{self.series}-{now.year}-{seq:06d}"
        payment = c.execute(
            "INSERT INTO payment (receipt_no, series, receipt_year, receipt_seq, counter, "
            "clerk, household_id, channel, tendered, total, status, paid_at, business_day) "
            "VALUES (?, ?, ?, ?, 'RW', 'raw', (SELECT household_id FROM person WHERE id = ?),"
            " 'cash', ?, ?, 'paid', ?, ?)",
            (receipt_no, self.series, now.year, seq, family[0], t["total"], t["total"],
             now.isoformat(" "), TODAY.isoformat())).lastrowid
        for person, line in zip(family, t["lines"], strict=True):
            enrollment = c.execute(
                "INSERT INTO enrollment (person_id, benefit_year, policy, \"case\", rate_kind, "
                "gross, subsidy, subsidy_category, payable, benefit_start, benefit_end, "
                "waiting_months) VALUES (?, 2027, ?, 'regular', ?, ?, ?, ?, ?, ?, ?, ?)",
                (person, POLICY, line["rate_kind"], line["gross"], line["subsidy"],
                 line["subsidy_category"], line["payable"], line["benefit_start"],
                 line["benefit_end"], line["waiting_months"])).lastrowid
            c.execute(
                "INSERT INTO payment_line (payment_id, person_id, enrollment_id, benefit_year, "
                "kind, \"case\", rate_kind, gross, subsidy, subsidy_category, payable, status) "
                "VALUES (?, ?, ?, 2027, 'year', 'regular', ?, ?, ?, ?, ?, 'paid')",
                (payment, person, enrollment, line["rate_kind"], line["gross"],
                 line["subsidy"], line["subsidy_category"], line["payable"]))
        head_seq, head_hash = c.execute("SELECT seq, hash FROM audit_head").fetchone()
        fields = {"seq": head_seq + 1, "at": now, "clerk": "raw", "action": "payment.pay",
                  "entity": "payment", "entity_id": str(payment), "before": "",
                  "after": json.dumps({**t["after"], "receipt_no": receipt_no},
                                      ensure_ascii=False, sort_keys=True),
                  "reason": "", "documents": "", "prev_hash": head_hash}
        fields["hash"] = audit._hash(fields, self.key)
        fields["at"] = now.isoformat(" ")
        c.execute("INSERT INTO audit_event (seq, at, clerk, action, entity, entity_id, before, "
                  "after, reason, documents, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                  "?, ?, ?, ?)", tuple(fields[k] for k in (
                      "seq", "at", "clerk", "action", "entity", "entity_id", "before", "after",
                      "reason", "documents", "prev_hash", "hash")))
        c.execute("UPDATE payment SET audit_seq = ? WHERE id = ?", (head_seq + 1, payment))
        c.execute("COMMIT")


def sqlite_side(path: Path, payments: int, warmup: int = WARMUP) -> dict:
    from actors import CLERK

    from models.core import audit_key
    from models.core.clock import FixedClock
    from models.core.db import open_database
    from models.core.schema import Enrollment, Payment, PaymentLine
    from models.payments.paying import pay
    from models.payments.quoting import MemberRequest
    from models.rules.policy import load_policy_id

    families = unpaid_families(path, 2 * (payments + warmup) + 1)
    if len(families) < 2 * (payments + warmup) + 1:
        raise SystemExit(f"only {len(families)} unpaid families of four left in {path}")
    open_database(f"sqlite:///{path}")
    clock, policy = FixedClock(TODAY), load_policy_id(POLICY)

    def service(family: list[int]) -> None:
        pay(clock, CLERK, policy, [MemberRequest(p, missed_years=0) for p in family], "cash")

    service(families.pop())  # the template the raw side writes
    last = Payment.select().order_by(Payment.id.desc()).get()
    lines = [{"rate_kind": x.rate_kind, "gross": x.gross, "subsidy": x.subsidy,
              "subsidy_category": x.subsidy_category, "payable": x.payable,
              "benefit_start": str(e.benefit_start), "benefit_end": str(e.benefit_end),
              "waiting_months": e.waiting_months}
             for x in PaymentLine.select().where(PaymentLine.payment == last.id)
             for e in [Enrollment.get_by_id(x.enrollment_id)]]
    from models.core.schema import AuditEvent

    after = json.loads(AuditEvent.get(AuditEvent.seq == last.audit_seq).after)
    template = {"total": last.total, "lines": lines, "after": after}
    key, _ = audit_key.checked_key()
    raw = RawPayment(path, template, key)
    pairs = [(families.pop(), families.pop()) for _ in range(payments + warmup)]
    timings = interleaved({"service": lambda pair: service(pair[0]),
                           "raw": lambda pair: raw(pair[1])},
                          pairs[warmup:], warmup=pairs[:warmup])
    people = sqlite3.connect(path).execute("SELECT count(*) FROM person").fetchone()[0]
    return {"people": people, "payments": payments, **latency(timings, "service", "pay"),
            **latency(timings, "raw", "raw"), **ratio(timings, "service", "raw", "pay_raw")}


def postgres_side(counters: int, per_counter: int) -> dict:
    from actors import SYSTEM
    from payment_workers import child_env, make_households
    from throwaway_pg import ThrowawayPostgres

    from models.core.actor import Actor
    from models.core.clock import FixedClock
    from models.core.db import open_database
    from models.core.schema import Village
    from models.registry.regions import load_region
    from models.rules.region_file import read_region_file, resolve_region_path

    server = ThrowawayPostgres()
    try:
        url = _hall_database(server.start())
        clock = FixedClock(TODAY)
        db = open_database(url.owner)
        load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
        village = Village.select().order_by(Village.id).first().id
        families = make_households(clock, SYSTEM, village, [4] * (counters * per_counter))
        db.close_all()
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["payment_workers", "models.payments.paying"])
        start, results = ctx.Event(), ctx.Queue()
        actors = [Actor(100 + i, f"clerk{i:02d}", "clerk", f"C{i // 5}", f"经办{i}")
                  for i in range(counters)]
        processes = [ctx.Process(target=_timed_counter,
                                 args=(url.app, actor, families[i::counters], start, results,
                                       child_env()))
                     for i, actor in enumerate(actors)]
        for p in processes:
            p.start()
        time.sleep(3)  # every counter connected and waiting
        began = time.perf_counter()
        start.set()
        timings = [results.get(timeout=900) for _ in processes]
        wall = time.perf_counter() - began
        for p in processes:
            p.join(timeout=60)
        all_ms = [ms for counter in timings for ms, ok in counter if ok]
        failed = sum(1 for counter in timings for _, ok in counter if not ok)
        return {"counters": counters, "pg_payments": len(all_ms), "pg_failed": failed,
                "pg_per_second": round(len(all_ms) / wall, 1),
                "pg_p50_ms": round(statistics.median(all_ms), 1),
                "pg_p99_ms": round(percentile(all_ms, 99), 1)}
    finally:
        server.stop()


def _hall_database(server_url: str):
    """A database owned by its owner role, opened by the counters as the app role, as
    tests/conftest.py sets a hall up."""
    import uuid

    from tests.conftest import Urls, _as_role, _pg_admin, _with_database

    password = uuid.uuid4().hex
    admin = _pg_admin(server_url)
    for role in ("yibao_owner", "yibao_app"):
        admin.execute_sql(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
    admin.execute_sql('CREATE DATABASE bench OWNER yibao_owner')
    admin.close()
    url = _with_database(server_url, "bench")
    return Urls(_as_role(url, "yibao_owner", password), _as_role(url, "yibao_app", password))


def _timed_counter(url, actor, families, start, results, env) -> None:
    import payment_workers

    from models.core.clock import FixedClock
    from models.core.db import open_database
    from models.core.errors import DomainError
    from models.payments.paying import pay
    from models.payments.quoting import MemberRequest
    from models.rules.policy import load_policy_id

    payment_workers._take_env(env)
    open_database(url, migrate=False)
    clock, policy = FixedClock(TODAY), load_policy_id(POLICY)
    start.wait(timeout=120)
    timings = []
    for family in families:
        began = time.perf_counter()
        try:
            pay(clock, actor, policy, [MemberRequest(p, missed_years=0) for p in family], "qr")
            ok = True
        except DomainError:
            ok = False
        timings.append(((time.perf_counter() - began) * 1000, ok))
    results.put(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a generated county's file")
    parser.add_argument("--payments", type=int, default=300)
    parser.add_argument("--counters", type=int, default=20)
    parser.add_argument("--per-counter", type=int, default=25)
    parser.add_argument("--warmup", type=int, default=WARMUP)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    figures = sqlite_side(args.db, args.payments, args.warmup)
    print(json.dumps(figures), flush=True)
    if not args.skip_postgres:
        figures.update(postgres_side(args.counters, args.per_counter))
        print(json.dumps(figures), flush=True)
    print("\n| what | measured | goal |\n|---|---|---|")
    print(f"| family-of-four payment through `pay`, p50 / p99 | {figures['pay_p50_ms']} ms / "
          f"{figures['pay_p99_ms']} ms | |")
    print(f"| the same rows by raw `sqlite3`, one transaction, p50 / p99 | "
          f"{figures['raw_p50_ms']} ms / {figures['raw_p99_ms']} ms | |")
    print(f"| **pay ÷ raw, paired: p50 / p99 / per-payment median** | "
          f"**{figures['pay_raw_p50']}× / {figures['pay_raw_p99']}× / "
          f"{figures['pay_raw_per_query_median']}×** | ≤ 3× |")
    if "pg_per_second" in figures:
        print(f"| {figures['counters']} counters on PostgreSQL: payments per second | "
              f"{figures['pg_per_second']} | |")
        print(f"| the same: one payment, p50 / p99 | {figures['pg_p50_ms']} ms / "
              f"{figures['pg_p99_ms']} ms | |")


if __name__ == "__main__":
    main()

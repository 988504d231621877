"""Benchmark of the whole pay-then-print path (issue 13; not part of the default test run).

    .venv/bin/python tests/benchmarks/bench_pay_print.py --db /tmp/county-1000000.db \
        [--payments 150] [--width 58]

SQLite, on a county of a million people (a file `yibao generate --people 1000000` made;
copy the pristine file back before each run: a run pays 2 × (payments + warm-up)
families). Each pair of unpaid families of four is timed back to back, the order
rotating (tests/benchmarks/paired.py): one family through `pay` alone, the other through
`pay` then the counter's print (printing/counter_slips.print_receipt: the receipt read
back, the check value under the slip key, the layout, the QR code, the bytes, the job
queued, claimed, sent to the fake ESC/POS network printer on 127.0.0.1 with DLE EOT asked
before and after, finished `done`). Prints p50 / p99 of both, the ratio, and the print's
own share (the path minus pay alone, per pair).
"""

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "printing"))

from bench_payment import POLICY, TODAY, WARMUP, unpaid_families  # noqa: E402
from paired import interleaved, latency, percentile, ratio  # noqa: E402


def run(path: Path, payments: int, warmup: int, width: int) -> dict:
    import os

    from actors import CLERK
    from fake_printer import FakePrinter

    from models.core.clock import FixedClock
    from models.core.db import open_database
    from models.payments.paying import pay
    from models.payments.quoting import MemberRequest
    from models.rules.policy import load_policy_id
    from printing.counter_slips import print_receipt

    os.environ.setdefault("YIBAO_SLIP_KEY", str(Path(tempfile.mkdtemp()) / "slip.key"))
    needed = 2 * (payments + warmup)
    families = unpaid_families(path, needed)
    if len(families) < needed:
        raise SystemExit(f"only {len(families)} unpaid families of four left in {path}")
    open_database(f"sqlite:///{path}")
    clock, policy = FixedClock(TODAY), load_policy_id(POLICY)

    def pay_alone(family: list[int]):
        return pay(clock, CLERK, policy, [MemberRequest(p, missed_years=0) for p in family],
                   "cash")

    with FakePrinter() as printer:
        uri = f"{printer.uri}?width={width}"

        def pay_and_print(family: list[int]) -> None:
            receipt = pay_alone(family)
            outcome = print_receipt(clock, CLERK, receipt.receipt_no, uri)
            if not outcome.printed:
                raise SystemExit(f"not printed: {outcome.message}")

        pairs = [(families.pop(), families.pop()) for _ in range(payments + warmup)]
        timings = interleaved({"print": lambda pair: pay_and_print(pair[0]),
                               "pay": lambda pair: pay_alone(pair[1])},
                              pairs[warmup:], warmup=pairs[:warmup])
        sizes = [len(job) for job in printer.jobs if job]
    share = [a - b for a, b in zip(timings["print"], timings["pay"], strict=True)]
    people = open_database(f"sqlite:///{path}").execute_sql(
        "SELECT count(*) FROM person").fetchone()[0]
    return {"people": people, "payments": payments, "width": width,
            "slip_bytes": statistics.median(sizes), **latency(timings, "print", "path"),
            **latency(timings, "pay", "pay"), **ratio(timings, "print", "pay", "path_pay"),
            "print_share_p50_ms": round(statistics.median(share), 3),
            "print_share_p99_ms": round(percentile(share, 99), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a generated county's file")
    parser.add_argument("--payments", type=int, default=150)
    parser.add_argument("--warmup", type=int, default=WARMUP)
    parser.add_argument("--width", type=int, choices=(58, 80), default=58)
    args = parser.parse_args()
    f = run(args.db, args.payments, args.warmup, args.width)
    print(json.dumps(f), flush=True)
    print(f"\n{dt.date.today()}, {f['people']:,} people, {f['payments']} pairs, "
          f"{f['width']} mm, slip {f['slip_bytes']:,.0f} bytes\n")
    print("| what | p50 | p99 |\n|---|---|---|")
    print(f"| pay a family of four, then print its slip to the fake network printer | "
          f"{f['path_p50_ms']} ms | {f['path_p99_ms']} ms |")
    print(f"| pay alone (the same run, interleaved) | {f['pay_p50_ms']} ms | "
          f"{f['pay_p99_ms']} ms |")
    print(f"| the print's share (path − pay, per pair) | {f['print_share_p50_ms']} ms | "
          f"{f['print_share_p99_ms']} ms |")
    print(f"| **path ÷ pay** (per-pair median {f['path_pay_per_query_median']}×) | "
          f"**{f['path_pay_p50']}×** | **{f['path_pay_p99']}×** |")


if __name__ == "__main__":
    main()

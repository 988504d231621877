"""Building a family-of-four payment slip's bytes, QR code included (not in the default
run), and sending it to the fake network printer on 127.0.0.1.

    .venv/bin/python tests/benchmarks/bench_slip.py [--runs 2000]

Pure work: no database (the slip's part of the pay-then-print path; the payment's own
figures wait for the payments benchmark). Each run lays out the slip, draws the QR code
and the two lines with characters outside GBK, and builds the bytes into escpos's Dummy.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "printing"))

from fake_printer import FakePrinter  # noqa: E402
from samples import family_receipt  # noqa: E402

from printing.cells import Paper  # noqa: E402
from printing.escpos_bytes import Finish  # noqa: E402
from printing.printers import parse_uri  # noqa: E402
from printing.receipt_print import receipt_bytes  # noqa: E402
from printing.sending import send  # noqa: E402

KEY = bytes(range(32))


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[98] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    receipt = family_receipt()
    for mm in (58, 80):
        paper = Paper.of(mm)
        receipt_bytes(receipt, paper, Finish(), key=KEY)  # fonts and profile loaded once
        build = []
        for _ in range(args.runs):
            start = time.perf_counter()
            data = receipt_bytes(receipt, paper, Finish(), key=KEY)
            build.append(time.perf_counter() - start)
        sent = []
        with FakePrinter() as printer:
            spec = parse_uri(f"{printer.uri}?width={mm}")
            for _ in range(min(args.runs, 200)):
                start = time.perf_counter()
                send(spec, data)
                sent.append(time.perf_counter() - start)
        b50, b99 = _percentiles(build)
        s50, s99 = _percentiles(sent)
        print(f"{mm} mm: {len(data)} bytes; build p50 {b50:.2f} ms p99 {b99:.2f} ms; "
              f"send with DLE EOT before and after p50 {s50:.2f} ms p99 {s99:.2f} ms")


if __name__ == "__main__":
    main()

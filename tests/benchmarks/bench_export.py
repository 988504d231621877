"""Benchmark: the unpaid list (未缴费清册) of a county (issue 15). Not in the default run.

    .venv/bin/yibao generate --db sqlite:////tmp/county-1m.db --people 1000000   # once
    .venv/bin/python tests/benchmarks/bench_export.py --db sqlite:////tmp/county-1m.db

Each run times `yibao export unpaid` as the command does it (the register read a page of
households at a time, the workbook written by openpyxl in write-only mode), then the same
rows, gathered beforehand and untimed, written bare by openpyxl write-only (plain
append, no title, widths or guard): the ratio is what the report's reading and care
cost over openpyxl's own writing.

A generated county's history has paid most households for the year being collected. With
--all-unpaid the run works on a copy of the file (beside it, deleted after) whose lines
for that year are voided, as on the collection's first day: every registered person is
on the list, the largest it can be.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from models.core.clock import SystemClock  # noqa: E402
from models.core.db import open_database  # noqa: E402
from models.reports.sheets import report_year  # noqa: E402
from models.reports.unpaid import unpaid_report  # noqa: E402
from printing.report_book import write_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--today", default=None)
    parser.add_argument("--all-unpaid", action="store_true",
                        help="on a copy whose lines for the year are voided (SQLite)")
    args = parser.parse_args()
    import datetime as dt

    today = dt.date.fromisoformat(args.today) if args.today else SystemClock().today()
    open_database(args.db, migrate=False)
    year = report_year(None, today)
    url = nobody_paid(args.db, year) if args.all_unpaid else args.db
    try:
        run(url, today, year, args.runs)
    finally:
        if args.all_unpaid:
            remove_sqlite(Path(url.removeprefix("sqlite:///")))


def remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def nobody_paid(url: str, year: int) -> str:
    """A copy of the SQLite county beside it (sqlite3's backup: a consistent snapshot,
    whatever another connection is doing), the year's paid lines voided."""
    import sqlite3

    source = Path(url.removeprefix("sqlite:///"))
    copy = source.with_name(f"{source.stem}-nobody-paid.db")
    remove_sqlite(copy)  # what a killed run left would be replayed onto the copy
    src, out = sqlite3.connect(source), sqlite3.connect(copy)
    src.backup(out)
    with out:
        out.execute("UPDATE payment_line SET status = 'void' WHERE benefit_year = ?"
                    " AND kind = 'year'", (year,))
    src.close()
    out.close()
    return f"sqlite:///{copy}"


def run(url: str, today, year: int, runs: int) -> None:
    open_database(url, migrate=False)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "unpaid.xlsx"
        for _ in range(runs):
            started = time.perf_counter()
            rows = write_report(unpaid_report(year, today), out)
            export = time.perf_counter() - started
            gathered = [list(r) for r in unpaid_report(year, today).sheets[0].rows]
            started = time.perf_counter()
            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet("bare")
            for r in gathered:
                sheet.append(r)
            book.save(os.path.join(folder, "bare.xlsx"))
            bare = time.perf_counter() - started
            results.append((rows, export, bare))
    print(f"\nunpaid list, {results[0][0]:,} rows, benefit year {year}\n")
    print("| figure | " + " | ".join(f"run {i + 1}" for i in range(len(results))) + " |")
    print("|---|" + "---|" * len(results))
    print("| yibao export unpaid (s) | " + " | ".join(f"{r[1]:.1f}" for r in results) + " |")
    print("| openpyxl write-only, same rows bare (s) | "
          + " | ".join(f"{r[2]:.1f}" for r in results) + " |")
    print("| export ÷ bare write | " + " | ".join(f"{r[1] / r[2]:.1f}×" for r in results) + " |")


if __name__ == "__main__":
    main()

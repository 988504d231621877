"""Benchmark: importing a base roster (issue 15). Not part of the default test run.

    .venv/bin/python tests/benchmarks/bench_roster.py --rows 100000 [--runs 3]

Writes a roster of `--rows` rows (households of one to six in the demo region's
villages, a few in villages it does not have, every tenth person with an identity)
into tests/benchmarks/.data/, then, `--runs` times, each into a fresh SQLite file
loaded with the demo region: openpyxl merely reading the file in read-only mode (every
cell of every row, nothing else), the import as `yibao import roster` runs it (read,
check, plan, write in one unit of work, audited), and the same file imported again
(every row matched, nothing written). Prints a Markdown table for the README: each
run's seconds, and the import's ratio to the bare read in the same run.
"""

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
from stdnum.cn import ric  # noqa: E402

from models.core import audit  # noqa: E402
from models.core.actor import system_actor  # noqa: E402
from models.core.clock import FixedClock  # noqa: E402
from models.core.db import open_database  # noqa: E402
from models.registry.regions import load_region  # noqa: E402
from models.rosters.base_import import import_base_roster  # noqa: E402
from models.rules.region_file import read_region_file, resolve_region_path  # noqa: E402
from printing.roster_book import open_roster  # noqa: E402

DATA = Path(__file__).with_name(".data")
TODAY = dt.date(2026, 11, 22)
HEADER = ["序号", "乡镇", "村(社区)", "户号", "与户主关系", "姓名", "性别", "身份证号",
          "出生日期", "联系电话", "身份属性"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国秀英小明芳伟强军华丽敏静磊洋勇艳杰娟涛超霞平刚桂英"
RELATIONS = ["配偶", "子", "女", "父亲", "母亲", "孙子"]


def make_roster(path: Path, rows: int, seed: int = 15) -> None:
    rng = random.Random(seed)
    spec = read_region_file(resolve_region_path("demo"))
    places = [(t.name, v.name) for t in spec.townships for v in t.villages]
    places += [("新丰镇", f"新丰{i}村") for i in range(1, 4)]
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("底表")
    sheet.append(["2026年度城乡居民医保参保底表"])
    sheet.append(HEADER)
    used: set[str] = set()
    n = household = 0
    while n < rows:
        household += 1
        township, village = rng.choice(places)
        for member in range(min(rng.randint(1, 6), rows - n)):
            n += 1
            birth = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(33000))
            while True:
                body = f"430225{birth:%Y%m%d}{rng.randrange(1000):03d}"
                number = body + ric.calc_check_digit(body + "0")
                if number not in used:
                    used.add(number)
                    break
            name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
            gender = "男" if int(number[16]) % 2 else "女"
            sheet.append([n, township, village, f"H{household:08d}",
                          "户主" if member == 0 else rng.choice(RELATIONS), name, gender,
                          number, birth, f"138{rng.randrange(10**8):08d}",
                          "低保" if n % 10 == 0 else None])
    workbook.save(path)


def bare_read(path: Path) -> float:
    started = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    workbook.close()
    return time.perf_counter() - started


def import_once(path: Path) -> tuple[float, object]:
    started = time.perf_counter()
    book = open_roster(path)
    try:
        report = import_base_roster(FixedClock(TODAY), system_actor(), book.lines(),
                                    book.source)
    finally:
        book.close()
    return time.perf_counter() - started, report


def one_run(path: Path, folder: Path, run: int) -> dict:
    db = folder / f"run{run}.db"
    open_database(f"sqlite:///{db}", create=True)
    audit.open_for_work(FixedClock(TODAY), True)
    load_region(FixedClock(TODAY), system_actor(), read_region_file(resolve_region_path("demo")))
    read = bare_read(path)
    seconds, report = import_once(path)
    again, second = import_once(path)
    assert second.people == 0 and second.matched == report.people, second
    return {"read": read, "import": seconds, "again": again, "people": report.people,
            "households": report.households, "refused": len(report.refused)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    path = DATA / f"roster-{args.rows}.xlsx"
    if not path.exists():
        started = time.perf_counter()
        make_roster(path, args.rows)
        print(f"roster written in {time.perf_counter() - started:.1f} s "
              f"({path.stat().st_size / 2**20:.1f} MB)", file=sys.stderr)
    with tempfile.TemporaryDirectory(dir=DATA) as folder:
        os.environ["YIBAO_AUDIT_KEY"] = str(Path(folder) / "audit.key")
        runs = [one_run(path, Path(folder), i) for i in range(args.runs)]
    first = runs[0]
    print(f"\n{args.rows:,} rows: {first['people']:,} people in {first['households']:,} "
          f"households, {first['refused']} refused\n")
    print("| figure | " + " | ".join(f"run {i + 1}" for i in range(len(runs))) + " |")
    print("|---|" + "---|" * len(runs))
    for key, label in (("read", "openpyxl read-only, bare read (s)"),
                       ("import", "import (s)"), ("again", "same file again, all matched (s)")):
        print(f"| {label} | " + " | ".join(f"{r[key]:.1f}" for r in runs) + " |")
    print("| import ÷ bare read | " + " | ".join(f"{r['import'] / r['read']:.1f}×"
                                                for r in runs) + " |")


if __name__ == "__main__":
    main()

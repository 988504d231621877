"""How long a refused sign-in takes: an unknown username against a wrong password for a
real account (issue 10, point 2: the two must cost the same, or usernames can be found
by timing). Not part of the default test run.

    .venv/bin/python tests/benchmarks/bench_login_timing.py [--runs 21] [--db URL]

Alternates the two refusals, `--runs` times each, on a fresh SQLite file (or `--db`),
and prints the median and spread of each in milliseconds. Runs at the production cost
unless YIBAO_SCRYPT_LOG_N says otherwise.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.access import clerks
from models.core.actor import system_actor
from models.core.clock import SystemClock
from models.core.db import open_database
from models.core.errors import DomainError


def refused_ms(clock, username: str, password: str) -> float:
    start = time.perf_counter()
    try:
        clerks.authenticate(clock, username, password)
    except DomainError:
        pass
    else:
        raise SystemExit("signed in: the benchmark expects a refusal")
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--db")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    open_database(args.db or f"sqlite:///{folder}/bench.db")
    clock = SystemClock()
    clerks.add_clerk(clock, system_actor(), username="bench_clerk", display_name="bench",
                     role="clerk", password="correct-horse")
    unknown, wrong = [], []
    for i in range(args.runs):
        unknown.append(refused_ms(clock, f"nobody_{i}", "wrong-password"))
        wrong.append(refused_ms(clock, "bench_clerk", "wrong-password"))
        # stay below the lock-out: a locked account is refused without a check
        clerks.unlock_clerk(clock, system_actor(), "bench_clerk")
    for name, values in (("unknown username", unknown), ("wrong password", wrong)):
        print(f"{name:17} median {statistics.median(values):7.1f} ms  "
              f"(min {min(values):.1f}, max {max(values):.1f}, n={len(values)})")


if __name__ == "__main__":
    main()

"""One guessing process for the parallel lock-out test: `python clerk_guesser.py URL
USERNAME TRIES`. Opens the database, says `ready`, waits for a line on stdin (so every
process starts guessing at once), tries TRIES wrong passwords and prints one JSON line:
how many scrypt computations this process made (hashlib.scrypt counted) and what each
try was told."""

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.access import clerks
from models.core.clock import SystemClock
from models.core.db import open_database
from models.core.errors import DomainError

checks = 0
_scrypt = hashlib.scrypt


def counting_scrypt(*args, **kwargs):
    global checks
    checks += 1
    return _scrypt(*args, **kwargs)


def main() -> None:
    url, username, tries = sys.argv[1], sys.argv[2], int(sys.argv[3])
    open_database(url, migrate=False)
    hashlib.scrypt = counting_scrypt
    print("ready", flush=True)
    sys.stdin.readline()
    told = []
    for i in range(tries):
        try:
            clerks.authenticate(SystemClock(), username, f"wrong-guess-{i}", counter="P")
            told.append("in")
        except DomainError as e:
            told.append(e.message)
    print(json.dumps({"checks": checks, "told": told}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()

"""A small real county in a SQLite file, built once per fuzz module: the lookup and the
command line are fuzzed against real rows, and real values seed the queries."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from actors import SYSTEM

from models.core.clock import FixedClock
from models.core.db import open_database
from models.core.schema import Household, Person
from models.demo.generator import generate_county
from models.registry.regions import load_region
from models.rules.region_file import read_region_file, resolve_region_path

CLOCK = FixedClock(dt.date(2026, 11, 22))


@dataclass(frozen=True)
class County:
    url: str
    folder: Path
    id_numbers: tuple[str, ...]
    names: tuple[str, ...]
    phones: tuple[str, ...]
    households: tuple[str, ...]

    def samples(self) -> tuple[str, ...]:
        return (*self.id_numbers, *self.names, *self.phones, *self.households)


def build_county(folder: Path, people: int = 300, url: str | None = None) -> County:
    """The county in `url` (a fresh database), else in a SQLite file in `folder`. The
    database is left closed."""
    url = url or f"sqlite:///{folder / 'county.db'}"
    db = open_database(url)
    load_region(CLOCK, SYSTEM, read_region_file(resolve_region_path("demo")))
    generate_county(CLOCK, SYSTEM, people, seed=5, duplicates=0.03)
    rows = list(Person.select(Person.id_number, Person.name, Person.phone)
                .order_by(Person.id).limit(60).tuples())
    households = [h for (h,) in Household.select(Household.hukou_no).limit(20).tuples()]
    db.close_all() if hasattr(db, "close_all") else db.close()
    return County(url, folder, tuple(r[0] for r in rows if r[0]), tuple(r[1] for r in rows),
                  tuple(r[2] for r in rows if r[2]), tuple(households))

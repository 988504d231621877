"""A generated county: households, people, identities and enrollment history.

Reproducible: the same seed, settings, region and day give the same county.
Everything is invented; see fixtures/demo/generator.toml for the frequencies.
Households and people come from models/demo/households.py, identity tags and the
enrollment history (priced by the quote engine on the region's policy files; a
benefit year with no policy file for the region gets no history) from
models/demo/history.py. Every row goes out through the bulk writer
(models/registry/bulk.py), in one unit of work: a refusal anywhere (a policy that
will not price a payment, say) leaves no half-written county.
"""

import csv
import datetime as dt
import random
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.db import database
from models.core.errors import DomainError
from models.core.schema import Person, Region, Target, Village
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.demo.history import History, HistoryYear, history_years
from models.demo.households import Households, Member
from models.paths import GENERATOR_SETTINGS
from models.registry.bulk import BATCH, BulkCounts, BulkWriter, PersonRow, indexes
from models.rules import idcard
from models.rules.duplicates import names as dn
from models.texts import messages as msg

SETTINGS = GENERATOR_SETTINGS
PEOPLE_PER_GENERATED_VILLAGE = 1500
# Every kind of duplicate issue 14 names, one after the other; twins (households.py) are
# written to the truth file too, as `twin_non_duplicate`: two people, never one.
DUPLICATE_KINDS = ("same_id_same_name", "hukou_move", "old_15_digit", "name_homophone",
                   "name_lookalike", "name_traditional", "mistyped_id", "mistyped_digit",
                   "placeholder_baby", "day_month_swapped", "no_id")
TWIN_KIND = "twin_non_duplicate"

Progress = Callable[[int, int], None]


class VillageShare(NamedTuple):
    village_id: int
    people: int


@dataclass(frozen=True)
class GenerateResult:
    people: int
    households: int
    identities: int
    enrollments: int
    duplicates: int
    truth_path: str | None
    seconds: float


def load_settings(path: Path = SETTINGS) -> dict:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    n = data["names"]
    surnames = []
    for token in n["surnames"].split():
        name = token.rstrip("0123456789")
        surnames.append((name, int(token[len(name):])))
    n["surname_list"] = surnames
    n["male_chars"] = n["male"].split()
    n["female_chars"] = n["female"].split()
    n["village_part_list"] = n["village_parts"].split()
    n["typo_map"] = dict(pair.split(":") for pair in n["typos"].split())
    return data


@retry_on_conflict
def generate_county(clock: Clock, actor: Actor, people: int, seed: int = 1,
                    duplicates: float = 0.0, truth_path: Path | None = None,
                    progress: Progress | None = None,
                    settings: dict | None = None) -> GenerateResult:
    actor.require("admin")
    if not isinstance(people, int) or people <= 0:
        raise DomainError(msg.GENERATE_BAD_COUNT)
    if not 0 <= duplicates <= 0.5:
        raise DomainError(msg.GENERATE_BAD_RATE)
    region = Region.select().first()
    if region is None:
        raise DomainError(msg.DB_NO_REGION.format(url="…"))
    existing = Person.select().count()
    if existing:
        raise DomainError(msg.GENERATE_NOT_EMPTY.format(count=existing))
    started = time.perf_counter()
    settings = settings or load_settings()
    years = history_years(settings, region.code, region.name, clock.today())
    report = progress or (lambda done, total: None)
    with unit_of_work(clock, actor) as uow:
        deferred = indexes.drop_for_load()  # the register is empty: build them at the end
        with BulkWriter(uow, BATCH, lambda c: report(c.people, people)) as writer:
            county = _County(clock, settings, seed, region, writer, years)
            duplicate_count = round(people * duplicates)
            units = county.plan_villages(people - duplicate_count)
            county.run(units, duplicate_count)
        indexes.rebuild(deferred)
        counts = writer.counts
        uow.audit("county.generate", "region", region.code,
                  after={"people": counts.people, "households": counts.households,
                         "seed": seed, "duplicates": _duplicates_made(county),
                         "awaiting_merge": counts.awaiting_merge,
                         "history": [y.policy.id for y in years]})
    report(counts.people, people)
    database.execute_sql("ANALYZE")  # the planner's statistics, now that the tables are full
    if county.truth and truth_path:
        with open(truth_path, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["kind", "original_id", "duplicate_id"])
            out.writerows(county.truth)
    return _result(counts, county, truth_path, time.perf_counter() - started)


def _result(counts: BulkCounts, county: "_County", truth_path: Path | None,
            seconds: float) -> GenerateResult:
    written = str(truth_path) if county.truth and truth_path else None
    return GenerateResult(counts.people, counts.households, counts.identities,
                          counts.enrollments, _duplicates_made(county), written, seconds)


def _duplicates_made(county: "_County") -> int:
    return sum(1 for kind, _, _ in county.truth if kind != TWIN_KIND)


class _County:
    def __init__(self, clock: Clock, settings: dict, seed: int, region: Region,
                 writer: BulkWriter, years: list[HistoryYear]):
        self.s, self.today = settings, clock.today()
        self.rng = random.Random(seed)
        self.names = settings["names"]
        self.people = Households(settings, self.rng, writer, region.id_region_codes.split(","),
                                 self.today)
        self.history = History(settings, years, random.Random(f"history:{seed}"), self.rng,
                               writer, self.today)
        self.truth: list[tuple[str, int, int]] = []

    # --- where people live ------------------------------------------------

    def plan_villages(self, people: int) -> list[VillageShare]:
        """(village id, people) for every village, spread by the target table's population."""
        weights: list[tuple[int, int]] = []
        targets = list(Target.select().order_by(Target.id))
        for t in targets:
            if t.village_id:
                weights.append((t.village_id, t.population))
                continue
            share = max(1, round(people * t.population /
                                 max(1, sum(x.population for x in targets))))
            villages = list(Village.select().where(Village.township == t.township_id)
                            .order_by(Village.id))
            if not villages:
                villages = self._invent_villages(t.township_id,
                                                 max(3, share // PEOPLE_PER_GENERATED_VILLAGE))
            for v in villages:
                weights.append((v.id, max(1, t.population // len(villages))))
        if not weights:
            for v in Village.select().order_by(Village.id):
                weights.append((v.id, 1))
        total = sum(w for _, w in weights)
        counts = [people * w // total for _, w in weights]
        for i in range(people - sum(counts)):
            counts[i % len(counts)] += 1
        return [VillageShare(vid, c) for (vid, _), c in zip(weights, counts, strict=True) if c]

    def _invent_villages(self, township_id: int, count: int) -> list[Village]:
        parts, suffix = self.names["village_part_list"], self.names["village_suffix"]
        chosen: list[str] = []
        while len(chosen) < count:
            name = self.rng.choice(parts) + suffix
            if name in chosen:
                name = self.rng.choice(parts) + self.rng.choice(parts)[0] + suffix
            if name not in chosen:
                chosen.append(name)
        return [Village.create(township=township_id, name=n, code=f"{i:03d}")
                for i, n in enumerate(chosen, 1)]

    # --- the run ------------------------------------------------------------

    def run(self, units: list[VillageShare], duplicate_count: int) -> None:
        surnames, weights = self.people.surnames[:30], self.people.surname_weights[:30]
        for village_id, want in units:
            clans = self.rng.choices(surnames, weights=weights, k=2)
            made = 0
            while made < want:
                members = self.people.household(village_id, clans, limit=want - made)
                self.history.household(members)
                made += len(members)
        if duplicate_count:
            self._duplicates(duplicate_count, units)
            self.truth.extend((TWIN_KIND, a, b) for a, b in self.people.twins)

    # --- duplicates -----------------------------------------------------------

    def _duplicates(self, count: int, units: list[VillageShare]) -> None:
        made = attempts = 0
        people = self.people
        while made < count and attempts < count * 20 and people.kept:
            kind = DUPLICATE_KINDS[made % len(DUPLICATE_KINDS)]  # tried until it takes
            attempts += 1
            if kind == "placeholder_baby":
                if not people.babies:
                    continue
                baby = people.babies.pop(self.rng.randrange(len(people.babies)))
                b = baby.member.person
                placeholder = PersonRow(b.household_id, baby.parent_name + msg.PLACEHOLDER_SUFFIX,
                                        "none", None, b.gender, b.birth_date, "child",
                                        placeholder=True)
                original, duplicate = baby.member, people.add(placeholder, 0).id
            else:
                original = self.rng.choice(people.kept)
                duplicate = self._duplicate_of(original, kind, units)
            if duplicate is not None:
                self.truth.append((kind, original.id, duplicate))
                made += 1

    def _duplicate_of(self, original: Member, kind: str,
                      units: list[VillageShare]) -> int | None:
        o = original.person
        age = idcard.age_on(o.birth_date, self.today)
        if o.id_type != "resident" or not o.id_number or len(o.id_number) != 18:
            return None
        # re-registered in its own village, or — a hukou move and the others — elsewhere
        village_id = self.people.village_of.get(o.household_id) \
            if kind == "same_id_same_name" else self.rng.choice(units).village_id
        number, name, phone, birth = o.id_number, o.name, o.phone, o.birth_date
        if kind in ("name_homophone", "name_lookalike", "name_traditional"):
            name = typo_name(o.name, kind, self.rng)
            if name is None:
                return None
        elif kind == "old_15_digit":
            if not 1900 <= o.birth_date.year <= 1999 or age > 99:
                return None
            number, phone = number[:6] + number[8:17], None
        elif kind == "mistyped_id":  # two neighbouring digits swapped: fails the check
            i = self.rng.randrange(6, 16)
            if number[i] == number[i + 1]:
                return None
            number = number[:i] + number[i + 1] + number[i] + number[i + 2:]
            if i < 14 and _birth_in(number) != o.birth_date:
                return None  # the birth date in the number is the one typed
        elif kind == "mistyped_digit":  # one sequence digit mistyped: fails the check
            i = self.rng.randrange(14, 17)
            digit = str((int(number[i]) + self.rng.randint(1, 9)) % 10)
            number = number[:i] + digit + number[i + 1:]
        elif kind == "day_month_swapped":  # no number to check the date against
            if birth.day > 12 or birth.day == birth.month:
                return None
            birth, number, phone = dt.date(birth.year, birth.day, birth.month), None, None
        elif kind == "no_id":
            number, phone = None, None
        # the record turns up again as the head of a household of its own
        household_id = self.people.new_household(village_id)
        row = PersonRow(household_id, name, "resident" if number else "none", number, o.gender,
                        birth, "self", phone)
        return self.people.add(row, age).id


def typo_name(name: str, kind: str, rng: random.Random) -> str | None:
    """The name with one character written as a homophone, a look-alike or its
    traditional form (fixtures/names/variants.toml, the settings' typos); None when no
    character of the name has one."""
    table = _typo_tables()[kind]
    spots = [i for i, c in enumerate(name) if c in table]
    if not spots:
        return None
    i = rng.choice(spots)
    return name[:i] + rng.choice(table[name[i]]) + name[i + 1:]


@lru_cache(maxsize=1)
def _typo_tables() -> dict[str, dict[str, list[str]]]:
    settings = load_settings()
    homophone: dict[str, list[str]] = {}
    for a, b in settings["names"]["typo_map"].items():
        if dn.pinyin(a) == dn.pinyin(b) and dn.fold(a) != dn.fold(b):
            homophone.setdefault(a, []).append(b)
    traditional: dict[str, list[str]] = {}
    for old, new in dn.SIMPLIFIED.items():
        traditional.setdefault(new, []).append(old)
    lookalike: dict[str, list[str]] = {}
    for a, ca in dn.LOOKALIKE_CLASS.items():
        lookalike[a] = [b for b, cb in dn.LOOKALIKE_CLASS.items() if cb == ca and b != a]
    return {"name_homophone": homophone, "name_traditional": traditional,
            "name_lookalike": {k: v for k, v in lookalike.items() if v}}


def _birth_in(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None

"""A generated county: households, people, identities and enrollment history.

Reproducible: the same seed, settings, region and day give the same county.
Everything is invented; see fixtures/demo/generator.toml for the frequencies.
"""

import csv
import datetime as dt
import random
import time
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw
from stdnum.cn import ric

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.db import database, is_postgres
from models.core.errors import DomainError
from models.core.schema import (
    Enrollment,
    Household,
    IdentityTag,
    Person,
    Region,
    Target,
    Village,
)
from models.core.unit_of_work import unit_of_work
from models.paths import GENERATOR_SETTINGS
from models.rules import idcard, names
from models.rules.person import hukou_number
from models.texts import messages as msg

SETTINGS = GENERATOR_SETTINGS
PEOPLE_PER_GENERATED_VILLAGE = 1500
BATCH = 5000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class GenerateResult:
    people: int
    households: int
    identities: int
    enrollments: int
    duplicates: int
    truth_path: str | None
    seconds: float


@dataclass
class _Batch:
    """Rows waiting to be written, flushed every BATCH people."""

    households: list[tuple] = field(default_factory=list)
    persons: list[tuple] = field(default_factory=list)
    identities: list[tuple] = field(default_factory=list)
    enrollments: list[tuple] = field(default_factory=list)


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
    gen = _Generator(clock, settings or load_settings(), random.Random(seed), region, progress)
    with unit_of_work(clock, actor) as uow:
        duplicate_count = round(people * duplicates)
        units = gen.plan_villages(people - duplicate_count)
        gen.run(units, people, duplicate_count)
        _advance_sequences([Household, Person])
        uow.audit("county.generate", "region", region.code,
                  after={"people": gen.person_count, "households": gen.household_count,
                         "seed": seed, "duplicates": len(gen.truth)})
    database.execute_sql("ANALYZE")  # the planner's statistics, now that the tables are full
    if gen.truth and truth_path:
        with open(truth_path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["kind", "original_id", "duplicate_id"])
            writer.writerows(gen.truth)
    return GenerateResult(gen.person_count, gen.household_count, gen.identity_count,
                          gen.enrollment_count, len(gen.truth),
                          str(truth_path) if gen.truth and truth_path else None,
                          time.perf_counter() - started)


class _Generator:
    def __init__(self, clock: Clock, settings: dict, rng: random.Random, region: Region,
                 progress: Progress | None):
        self.clock, self.s, self.rng = clock, settings, rng
        self.codes = region.id_region_codes.split(",")
        self.region_code = region.code
        self.today = clock.today()
        # Dates go into rows as ISO text: both SQLite and PostgreSQL take it as is, and
        # converting millions of date objects at write time was a third of the run.
        self.now = clock.now().isoformat(sep=" ")
        self.progress = progress or (lambda done, total: None)
        self.names = settings["names"]
        surnames = self.names["surname_list"]
        self.surnames = [s for s, _ in surnames]
        self.surname_weights = [w for _, w in surnames]
        self.used_ids: set[str] = set()
        self.next_person = (Person.select(pw.fn.MAX(Person.id)).scalar() or 0) + 1
        self.next_household = (Household.select(pw.fn.MAX(Household.id)).scalar() or 0) + 1
        self.person_count = self.household_count = 0
        self.identity_count = self.enrollment_count = 0
        self.truth: list[tuple[str, int, int]] = []
        self.batch = _Batch()
        self.kept: list[tuple] = []  # a sample of persons, for duplicates
        self.babies: list[tuple[tuple, str]] = []  # (baby, parent's name), for placeholders

    # --- where people live ------------------------------------------------

    def plan_villages(self, people: int) -> list[tuple[int, int]]:
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
        return [(vid, c) for (vid, _), c in zip(weights, counts, strict=True) if c]

    def _invent_villages(self, township_id: int, count: int) -> list[Village]:
        parts = self.names["village_part_list"]
        chosen: list[str] = []
        while len(chosen) < count:
            name = self.rng.choice(parts) + "村"
            if name in chosen:
                name = self.rng.choice(parts) + self.rng.choice(parts)[0] + "村"
            if name not in chosen:
                chosen.append(name)
        return [Village.create(township=township_id, name=n, code=f"{i:03d}")
                for i, n in enumerate(chosen, 1)]

    # --- the run ------------------------------------------------------------

    def run(self, units: list[tuple[int, int]], people: int, duplicate_count: int) -> None:
        for village_id, want in units:
            clans = self.rng.choices(self.surnames[:30], weights=self.surname_weights[:30], k=2)
            made = 0
            while made < want:
                made += self._household(village_id, clans, limit=want - made)
                if len(self.batch.persons) >= BATCH:
                    self._flush()
                    self.progress(self.person_count, people)
        self._flush()
        if duplicate_count:
            self._duplicates(duplicate_count, units)
            self._flush()
        self.progress(self.person_count, people)

    def _household(self, village_id: int, clans: list[str], limit: int) -> int:
        rng, h = self.rng, self.s["households"]
        shapes = ["single_elderly", "couple", "nuclear", "three_generations"]
        shape = rng.choices(shapes, weights=[h[s] for s in shapes])[0]
        surname = (rng.choice(clans) if rng.random() < h["clan_share"]
                   else self._surname())
        household_id = self._new_household(village_id)
        members: list[tuple] = []

        head_male = rng.random() < h["head_is_male"]
        if shape == "single_elderly":
            head_age = rng.randint(65, 96)
        elif shape == "couple":
            head_age = rng.randint(45, 82)
        else:
            head_age = rng.randint(26, 56)
        head = self._person(household_id, "self", surname, head_male, head_age)
        members.append(head)
        father_surname = surname if head_male else self._surname()
        if shape != "single_elderly" and len(members) < limit:
            spouse_age = max(20, head_age + rng.randint(-5, 5) * (1 if head_male else -1) - 2)
            spouse_surname = self._surname() if head_male else surname
            members.append(self._person(household_id, "spouse", spouse_surname, not head_male,
                                        spouse_age))
        if shape in ("nuclear", "three_generations"):
            mother_age = head_age if not head_male else members[-1][-1]
            for _ in range(rng.choice([1, 1, 2, 2, 3])):
                if len(members) >= limit:
                    break
                child_age = rng.randint(0, max(0, min(25, mother_age - 20)))
                twins = 2 if rng.random() < h["twins_per_birth"] else 1
                birth = self._birth_date(child_age)
                for _ in range(twins):
                    if len(members) >= limit:
                        break
                    child_surname = (father_surname if rng.random()
                                     < h["child_takes_father_surname"] else surname)
                    members.append(self._person(household_id, "child", child_surname,
                                                rng.random() < 0.52, child_age, birth=birth))
        if shape == "three_generations":
            for male in rng.sample([True, False], k=rng.choice([1, 2])):
                if len(members) >= limit:
                    break
                age = min(100, head_age + rng.randint(22, 34))
                parent_surname = surname if male else self._surname()
                members.append(self._person(household_id, "parent", parent_surname, male, age))
        mother = members[1] if head_male and len(members) > 1 and members[1][11] == "spouse" \
            else head
        parent_name = mother[5]
        self.babies.extend((m, parent_name) for m in members
                           if m[11] == "child" and m[-1] == 0 and len(self.babies) < 100_000)
        self._history(members, self._identities(members))
        return len(members)

    def _person(self, household_id: int, relation: str, surname: str, male: bool, age: int,
                birth: dt.date | None = None) -> tuple:
        rng = self.rng
        birth = birth or self._birth_date(age)
        name = self._name(surname, male)
        docs = self.s["documents"]
        elderly = age >= docs["elderly_without_id_age"]
        if elderly and rng.random() < docs["elderly_without_id_share"]:
            id_type, number = "none", None
        elif age == 0 and rng.random() < docs["newborn_birth_certificate_only"]:
            id_type = "birth_certificate"
            number = rng.choice("NOPQ") + f"{rng.randint(0, 999_999_999):09d}"
        else:
            id_type, number = "resident", self._id_number(birth, male)
        phone = None
        chance = self.s["phones"]
        p = chance["head"] if relation == "self" else chance["spouse"] if relation == "spouse" \
            else chance["adult"] if 18 <= age <= 65 else 0
        if rng.random() < p:
            phone = rng.choice(chance["prefixes"]) + f"{rng.randint(0, 99_999_999):08d}"
        return self._add_person(id_type, number, name, "M" if male else "F", birth, household_id,
                                relation, phone, age)

    def _add_person(self, id_type: str, number: str | None, name: str, gender: str,
                    birth: dt.date, household_id: int, relation: str, phone: str | None,
                    age: int, placeholder: bool = False) -> tuple:
        keys = names.name_keys(name)
        key = idcard.id_key(id_type, number) if number else None
        person_id = self.next_person
        self.next_person += 1
        row = (person_id, id_type, number, key, key[::-1] if key else None, keys.name,
               keys.pinyin, keys.initials, gender, birth, household_id, relation, phone,
               "active", None, None, placeholder, 1, self.now, self.now)
        self.batch.persons.append((*row[:9], birth.isoformat(), *row[10:]))
        self.person_count += 1
        if len(self.kept) < 200_000 and self.rng.random() < 0.2:
            self.kept.append(row)
        return (*row, age)

    def _surname(self) -> str:
        return self.rng.choices(self.surnames, weights=self.surname_weights)[0]

    def _name(self, surname: str, male: bool) -> str:
        rng, n = self.rng, self.names
        if rng.random() < self.s["households"]["minority_name_share"]:
            return rng.choice(n["minority_given"]) + "·" + rng.choice(n["minority_father"])
        chars = n["male_chars"] if male else n["female_chars"]
        given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")
        return surname + given

    def _birth_date(self, age: int) -> dt.date:
        latest = self.today - dt.timedelta(days=365 * age)
        birth = latest - dt.timedelta(days=self.rng.randint(0, 364))
        return min(birth, self.today)

    def _id_number(self, birth: dt.date, male: bool) -> str:
        docs = self.s["documents"]
        code = self.codes[0] if self.rng.random() < docs["home_region_share"] else \
            self.rng.choice(self.codes)
        for _ in range(50):
            seq = self.rng.randrange(0, 1000)
            if (seq % 2 == 1) != male:
                seq = (seq + 1) % 1000
            body = f"{code}{birth:%Y%m%d}{seq:03d}"
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number
        raise RuntimeError("no free sequence number")  # a thousand people born the same day

    # --- identities and history ---------------------------------------------

    def _identities(self, members: list[tuple]) -> dict[int, set[str]]:
        valid_from = f"{self.today.year}-01-01"
        tagged: dict[int, set[str]] = {}
        for category, rule in self.s["identities"].items():
            if rule.get("household"):
                chosen = members if self.rng.random() < rule["share"] else []
            else:
                chosen = [m for m in members if self.rng.random() < rule["share"]]
            for m in chosen:
                self.batch.identities.append((m[0], category, rule["source"], valid_from, None))
                tagged.setdefault(m[0], set()).add(category)
                self.identity_count += 1
        return tagged

    def _history(self, members: list[tuple], tagged: dict[int, set[str]]) -> None:
        rng = self.rng
        full = set(self.s["history_subsidy"]["full"])
        half = set(self.s["history_subsidy"]["half"])
        lapsing = rng.random() < 0.03  # a household that skipped years
        for year in self.s["history"]:
            y = year["benefit_year"]
            window_start = dt.date(y - 1, 9, 1)
            days_open = (min(self.today, dt.date(y - 1, 12, 31)) - window_start).days
            if days_open < 0 or (lapsing and rng.random() < 0.7):
                continue  # that collection has not begun, or this household skipped it
            for m in members:
                person_id, birth = m[0], m[9]
                if birth.year > y or rng.random() > year["paid_share"]:
                    continue
                paid_day = max(window_start + dt.timedelta(days=rng.randint(0, days_open)),
                               birth)
                if paid_day > self.today:
                    continue
                gross = year["individual_rate_fen"]
                cats = tagged.get(person_id, set())
                subsidy = gross if cats & full else gross // 2 if cats & half else 0
                start = max(dt.date(y, 1, 1), birth).isoformat()
                paid_at = f"{paid_day} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}:00"
                self.batch.enrollments.append(
                    (person_id, y, f"history-{y}", "regular", "individual", gross, subsidy,
                     gross - subsidy, start, f"{y}-12-31", "paid", paid_at))
                self.enrollment_count += 1

    # --- duplicates -----------------------------------------------------------

    def _duplicates(self, count: int, units: list[tuple[int, int]]) -> None:
        kinds = ["same_id_same_name", "same_id_other_name", "old_15_digit", "mistyped_id",
                 "no_id", "placeholder_baby"]
        made = attempts = 0
        while made < count and attempts < count * 20 and self.kept:
            kind = kinds[attempts % len(kinds)]
            attempts += 1
            if kind == "placeholder_baby":
                if not self.babies:
                    continue
                baby, parent_name = self.babies.pop(self.rng.randrange(len(self.babies)))
                duplicate = self._add_person("none", None, parent_name + "宝宝", baby[8],
                                             baby[9], baby[10], "child", None, 0,
                                             placeholder=True)[0]
                original = baby
            else:
                original = self.rng.choice(self.kept)
                duplicate = self._duplicate_of(original, kind, units)
            if duplicate is not None:
                self.truth.append((kind, original[0], duplicate))
                made += 1

    def _duplicate_of(self, o: tuple, kind: str, units: list[tuple[int, int]]) -> int | None:
        (_, id_type, number, _key, _rev, name, _py, _ini, gender, birth, _household,
         _rel, phone, *_rest) = o
        age = idcard.age_on(birth, self.today)
        if id_type != "resident" or not number:
            return None
        other_household = self._new_household(self.rng.choice(units)[0])
        if kind == "same_id_same_name":
            row = self._add_person(id_type, number, name, gender, birth, other_household, "self",
                                   phone, age)
        elif kind == "same_id_other_name":
            typo = self.names["typo_map"]
            swapped = "".join(typo.get(c, c) for c in name)
            if swapped == name:
                return None
            row = self._add_person(id_type, number, swapped, gender, birth, other_household,
                                   "self", phone, age)
        elif kind == "old_15_digit":
            if not 1900 <= birth.year <= 1999 or age > 99:
                return None
            old = number[:6] + number[8:17]
            row = self._add_person(id_type, old, name, gender, birth, other_household, "self",
                                   None, age)
        elif kind == "mistyped_id":
            seq = number[14:17]
            if seq[0] == seq[1]:
                return None
            wrong = number[:14] + seq[1] + seq[0] + seq[2] + number[17]
            row = self._add_person(id_type, wrong, name, gender, birth, other_household, "self",
                                   phone, age)
        else:  # no_id
            row = self._add_person("none", None, name, gender, birth, other_household, "self",
                                   None, age)
        return row[0]

    def _new_household(self, village_id: int) -> int:
        household_id = self.next_household
        self.next_household += 1
        self.batch.households.append((household_id, hukou_number(self.region_code, household_id),
                                      village_id, "", 1, self.now))
        self.household_count += 1
        return household_id

    # --- writing ------------------------------------------------------------

    def _flush(self) -> None:
        b = self.batch
        _bulk(Household, ["id", "hukou_no", "village", "address", "version", "created_at"],
              b.households)
        _bulk(Person, ["id", "id_type", "id_number", "id_key", "id_key_rev", "name",
                       "name_pinyin", "name_initials", "gender", "birth_date", "household",
                       "relation", "phone", "status", "status_date", "merged_into",
                       "placeholder", "version", "created_at", "updated_at"], b.persons)
        _bulk(IdentityTag, ["person", "category", "source", "valid_from", "valid_to"],
              b.identities)
        _bulk(Enrollment, ["person", "benefit_year", "policy", "case", "rate_kind", "gross",
                           "subsidy", "payable", "benefit_start", "benefit_end", "status",
                           "paid_at"], b.enrollments)
        self.batch = _Batch()


def _bulk(model: type[pw.Model], names_: list[str], rows: Iterable[tuple]) -> None:
    rows = list(rows)
    if not rows:
        return
    fields = [model._meta.fields[n] for n in names_]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    table = model._meta.table_name
    cursor = database.cursor()
    if is_postgres():
        from psycopg2.extras import execute_values  # peewee's insert_many is ~100x slower here

        execute_values(cursor, f'INSERT INTO "{table}" ({columns}) VALUES %s', rows,
                       page_size=1000)
        return
    marks = ", ".join("?" for _ in fields)
    cursor.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', rows)


def _advance_sequences(models: list[type[pw.Model]]) -> None:
    """Rows were written with explicit ids: move PostgreSQL's counters past them."""
    if not is_postgres():
        return
    for model in models:
        table = model._meta.table_name
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 0) + 1 FROM \"{table}\"), false)")

"""Generated households: their shapes, and the people in them.

Everything is drawn from one random stream in a fixed order, so the same seed,
settings, region and day give the same people. Rows go out through the bulk writer.
"""

import datetime as dt
import random
from typing import NamedTuple

from stdnum.cn import ric

from models.registry.bulk import BulkWriter, HouseholdRow, PersonRow
from models.rules import names

SHAPES = ("single_elderly", "couple", "nuclear", "three_generations")
KEPT_FOR_DUPLICATES = 200_000
BABIES_FOR_PLACEHOLDERS = 100_000


class Member(NamedTuple):
    id: int
    person: PersonRow
    age: int


class Baby(NamedTuple):
    member: Member
    parent_name: str  # the mother's name, or the head's: the placeholder's prefix


class Households:
    def __init__(self, settings: dict, rng: random.Random, writer: BulkWriter,
                 id_region_codes: list[str], today: dt.date):
        self.s, self.rng, self.writer, self.today = settings, rng, writer, today
        self.codes = id_region_codes
        self.names = settings["names"]
        surnames = self.names["surname_list"]
        self.surnames = [s for s, _ in surnames]
        self.surname_weights = [w for _, w in surnames]
        self.used_ids: set[str] = set()
        self.kept: list[Member] = []  # a sample of people, for duplicates
        self.babies: list[Baby] = []  # babies under one, for placeholder duplicates
        self.twins: list[tuple[int, int]] = []  # twins with neighbouring ID numbers
        self.village_of: dict[int, int] = {}  # household id → village id

    def household(self, village_id: int, clans: list[str], limit: int) -> list[Member]:
        """One household of at most `limit` people, head first."""
        rng, h = self.rng, self.s["households"]
        shape = rng.choices(SHAPES, weights=[h[s] for s in SHAPES])[0]
        surname = rng.choice(clans) if rng.random() < h["clan_share"] else self.surname()
        household_id = self.new_household(village_id)
        head_male = rng.random() < h["head_is_male"]
        if shape == "single_elderly":
            head_age = rng.randint(65, 96)
        elif shape == "couple":
            head_age = rng.randint(45, 82)
        else:
            head_age = rng.randint(26, 56)
        head = self.person(household_id, "self", surname, head_male, head_age)
        members = [head]
        father_surname = surname if head_male else self.surname()
        if shape != "single_elderly" and len(members) < limit:
            spouse_age = max(20, head_age + rng.randint(-5, 5) * (1 if head_male else -1) - 2)
            spouse_surname = self.surname() if head_male else surname
            members.append(self.person(household_id, "spouse", spouse_surname, not head_male,
                                       spouse_age))
        if shape in ("nuclear", "three_generations"):
            mother_age = head_age if not head_male else members[-1].age
            self._children(members, household_id, limit, mother_age, surname, father_surname)
        if shape == "three_generations":
            for male in rng.sample([True, False], k=rng.choice([1, 2])):
                if len(members) >= limit:
                    break
                age = min(100, head_age + rng.randint(22, 34))
                parent_surname = surname if male else self.surname()
                members.append(self.person(household_id, "parent", parent_surname, male, age))
        spouse = members[1] if len(members) > 1 and members[1].person.relation == "spouse" \
            else None
        mother = spouse if head_male and spouse else head
        for m in members:
            if m.person.relation == "child" and m.age == 0 and \
                    len(self.babies) < BABIES_FOR_PLACEHOLDERS:
                self.babies.append(Baby(m, mother.person.name))
        return members

    def _children(self, members: list[Member], household_id: int, limit: int, mother_age: int,
                  surname: str, father_surname: str) -> None:
        rng, h = self.rng, self.s["households"]
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            if len(members) >= limit:
                break
            child_age = rng.randint(0, max(0, min(25, mother_age - 20)))
            twins = 2 if rng.random() < h["twins_per_birth"] else 1
            birth = self.birth_date(child_age)
            first: Member | None = None
            for _ in range(twins):
                if len(members) >= limit:
                    break
                child_surname = (father_surname if rng.random()
                                 < h["child_takes_father_surname"] else surname)
                child = self.person(household_id, "child", child_surname,
                                    rng.random() < 0.52, child_age, birth=birth, twin_of=first)
                members.append(child)
                if first is not None:
                    self.twins.append((first.id, child.id))
                first = child

    def person(self, household_id: int, relation: str, surname: str, male: bool, age: int,
               birth: dt.date | None = None, twin_of: Member | None = None) -> Member:
        rng = self.rng
        birth = birth or self.birth_date(age)
        name = self.name(surname, male)
        docs = self.s["documents"]
        elderly = age >= docs["elderly_without_id_age"]
        if elderly and rng.random() < docs["elderly_without_id_share"]:
            id_type, number = "none", None
        elif age == 0 and rng.random() < docs["newborn_birth_certificate_only"]:
            id_type = "birth_certificate"
            number = rng.choice("NOPQ") + f"{rng.randint(0, 999_999_999):09d}"
        else:
            id_type, number = "resident", self.id_number(birth, male)
            twin = twin_of.person.id_number if twin_of is not None else None
            if twin and twin_of.person.id_type == "resident":
                number = self.next_to(twin, male) or number  # registered one after the other
        phone = None
        chance = self.s["phones"]
        p = chance["head"] if relation == "self" else chance["spouse"] if relation == "spouse" \
            else chance["adult"] if 18 <= age <= 65 else 0
        if rng.random() < p:
            phone = rng.choice(chance["prefixes"]) + f"{rng.randint(0, 99_999_999):08d}"
        return self.add(PersonRow(household_id, name, id_type, number, "M" if male else "F",
                                  birth, relation, phone), age)

    def add(self, row: PersonRow, age: int) -> Member:
        member = Member(self.writer.add_person(row), row, age)
        if len(self.kept) < KEPT_FOR_DUPLICATES and self.rng.random() < 0.2:
            self.kept.append(member)
        return member

    def new_household(self, village_id: int) -> int:
        household_id = self.writer.add_household(HouseholdRow(village_id))
        self.village_of[household_id] = village_id
        return household_id

    def next_to(self, number: str, male: bool) -> str | None:
        """A free number right after a twin's: the next sequence numbers of the gender's
        parity (odd for a boy). Draws nothing from the random stream."""
        seq = int(number[14:17])
        for step in range(1, 12):
            nxt = seq + step
            if nxt > 999 or (nxt % 2 == 1) != male:
                continue
            body = f"{number[:14]}{nxt:03d}"
            candidate = body + ric.calc_check_digit(body + "0")
            if candidate not in self.used_ids:
                self.used_ids.add(candidate)
                return candidate
        return None

    def surname(self) -> str:
        return self.rng.choices(self.surnames, weights=self.surname_weights)[0]

    def name(self, surname: str, male: bool) -> str:
        rng, n = self.rng, self.names
        if rng.random() < self.s["households"]["minority_name_share"]:
            return rng.choice(n["minority_given"]) + names.MIDDLE_DOT + \
                rng.choice(n["minority_father"])
        chars = n["male_chars"] if male else n["female_chars"]
        given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")
        return surname + given

    def birth_date(self, age: int) -> dt.date:
        latest = self.today - dt.timedelta(days=365 * age)
        birth = latest - dt.timedelta(days=self.rng.randint(0, 364))
        return min(birth, self.today)

    def id_number(self, birth: dt.date, male: bool) -> str:
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

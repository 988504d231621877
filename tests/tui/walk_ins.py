"""Households for the pay screen's walk-ins, built through the real services on a real
SQLite file: a region, one village, the people registered by a clerk, identity tags as
a roster import would leave them (a raw IdentityTag row: no tag service is merged here)."""

import datetime as dt
from dataclasses import dataclass

from actors import CLERK, SYSTEM
from stdnum.cn import ric

from models.core.db import open_database
from models.core.schema import IdentityTag, Township, Village
from models.registry.regions import load_region
from models.registry.registration import NewHousehold, register_person
from models.rules.person import PersonInput
from models.rules.region_file import read_region_file, resolve_region_path


def resident_id(birth: str, seq: str, region: str = "430225") -> str:
    body = region + birth + seq
    return body + ric.calc_check_digit(body + "0")


@dataclass(frozen=True)
class Someone:
    name: str
    relation: str
    birth: str  # YYYYMMDD
    seq: str = "011"  # odd last digit: male; even: female
    certificate: str | None = None  # a newborn's birth certificate number, instead of an ID
    tag: str | None = None  # an identity category valid from the tag's day on


def open_walk_in(path, clock, region: str, people: tuple[Someone, ...],
                 tagged_from: dt.date = dt.date(2020, 1, 1)) -> tuple[object, dict[str, int]]:
    """A fresh SQLite file at `path` holding `region` and one household of `people`, the
    first its head; returns the database and everyone's id by name."""
    db = open_database(f"sqlite:///{path}")
    load_region(clock, SYSTEM, read_region_file(resolve_region_path(region)))
    village = Village.select().first()
    if village is None:  # a region file of townships only (炎陵县): one village to live in
        village = Village.create(township=Township.select().first(), name="测试村", code="001")
    ids, household = {}, None
    for p in people:
        if p.certificate:
            data = PersonInput(name=p.name, id_type="birth_certificate", id_number=p.certificate,
                               gender="M" if int(p.seq[-1]) % 2 else "F",
                               birth_date=dt.date.fromisoformat(
                                   f"{p.birth[:4]}-{p.birth[4:6]}-{p.birth[6:]}"),
                               relation=p.relation)
            documents = ("birth_certificate", "hukou_book")
        else:
            data = PersonInput(name=p.name, id_type="resident", id_number=resident_id(
                p.birth, p.seq), gender=None, birth_date=None, relation=p.relation)
            documents = ("id_card",)
        detail = register_person(clock, CLERK, data, household_id=household, documents=documents,
                                 new_household=None if household else NewHousehold(
                                     village.id, "一组"))
        household, ids[p.name] = detail.household.id, detail.id
        if p.tag:
            IdentityTag.create(person=detail.id, category=p.tag, source="民政局名单",
                               valid_from=tagged_from)
    return db, ids

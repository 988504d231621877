"""What a base roster's checked rows would do to the register: read-only.

Each row is matched (an identical record is there: same ID key, name and household
number), refused (its household sits in another village, a second head, a repeated
row, a village unknown in strict mode), or new: active, or awaiting merge when an
active record (in the register, or earlier in the file) already holds its ID. Only
reads: the import runs it inside its unit of work, after the bulk writer has locked the
tables on PostgreSQL, and the dry run runs it alone.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from models.core.db import database
from models.core.schema import Household, IdentityTag, Person, Township, Village
from models.rosters.base_rows import CheckedRow
from models.texts import rosters as t

CHUNK = 500  # SQLite's bound-variable limit


@dataclass(frozen=True)
class Holder:
    """Who already holds a new row's ID: a record (person_id) or an earlier row (line)."""

    name: str
    hukou_no: str
    person_id: int | None = None
    line: int | None = None


@dataclass
class Plan:
    new: list[tuple[CheckedRow, str]] = field(default_factory=list)  # (row, status)
    matched: list[tuple[CheckedRow, int]] = field(default_factory=list)  # (row, person id)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    holders: dict[int, Holder] = field(default_factory=dict)  # line -> who holds its ID
    villages: dict[tuple[str, str], int] = field(default_factory=dict)  # known places
    townships: dict[str, int] = field(default_factory=dict)
    new_places: list[tuple[str, str]] = field(default_factory=list)
    households: dict[str, int] = field(default_factory=dict)  # hukou_no -> id (present)
    new_households: list[tuple[str, tuple[str, str]]] = field(default_factory=list)
    tags_held: set[tuple[int, str]] = field(default_factory=set)  # (person, category)

    @property
    def new_townships(self) -> list[str]:
        return list(dict.fromkeys(p[0] for p in self.new_places
                                  if p[0] not in self.townships))


def plan_rows(rows: list[CheckedRow], strict: bool) -> Plan:
    plan = Plan()
    _load_places(plan)
    present = _households({r.hukou_no for r in rows})
    plan.households = {number: hid for number, (hid, _) in present.items()}
    place_of = {vid: place for place, vid in plan.villages.items()}
    by_key = _people_by_key({r.id_key for r in rows if r.id_key})
    household_ids = {hid for hid, _ in present.values()}
    without_id = _people_without_id(household_ids)
    heads = _heads(household_ids)
    active_keys = {key for key, people in by_key.items()
                   if any(p[4] == "active" for p in people)}
    seen: dict[tuple, int] = {}
    places: dict[str, tuple[tuple[str, str], int]] = {}  # hukou_no -> (place, first line)
    file_heads: dict[str, tuple[str, int]] = {}
    file_holders: dict[str, CheckedRow] = {}
    new_households: set[str] = set()
    for row in rows:
        reason = _in_file(row, seen, places)
        old = present.get(row.hukou_no)
        if reason is None and old and place_of.get(old[1]) != row.place:
            there = place_of.get(old[1], ("", ""))
            reason = t.ROW_HOUSEHOLD_IN_DATABASE.format(hukou_no=row.hukou_no,
                                                        township=there[0], village=there[1],
                                                        here="".join(row.place))
        if reason is None and strict and row.place not in plan.villages:
            reason = t.ROW_UNKNOWN_VILLAGE.format(township=row.township, village=row.village)
        person_id = _match(row, old[0], by_key, without_id) if reason is None and old else None
        if reason is None and person_id is None:
            status = "awaiting_merge" if row.id_key and (
                row.id_key in active_keys or row.id_key in file_holders) else "active"
            if row.relation == "self" and status == "active":
                reason = _second_head(row, old, file_heads, heads)
        if reason is not None:
            plan.refused.append((row.line, reason))
            continue
        seen[_identity(row)] = row.line
        places.setdefault(row.hukou_no, (row.place, row.line))
        if row.relation == "self":
            file_heads.setdefault(row.hukou_no, (row.name, row.line))
        if person_id is not None:
            plan.matched.append((row, person_id))
            continue
        plan.new.append((row, status))
        if status == "awaiting_merge":
            plan.holders[row.line] = _holder(row, by_key, file_holders)
        elif row.id_key:
            file_holders[row.id_key] = row
        if row.place not in plan.villages and row.place not in plan.new_places:
            plan.new_places.append(row.place)
        if not old and row.hukou_no not in new_households:
            new_households.add(row.hukou_no)
            plan.new_households.append((row.hukou_no, row.place))
    plan.tags_held = _open_tags([pid for _, pid in plan.matched])
    return plan


# --- one row ------------------------------------------------------------------------


def _identity(row: CheckedRow) -> tuple:
    return (row.id_key or row.birth_date, row.name, row.hukou_no)


def _in_file(row: CheckedRow, seen: dict, places: dict) -> str | None:
    """Refusals the file alone decides: a repeated row, a household in two villages."""
    if _identity(row) in seen:
        return t.ROW_REPEATED.format(line=seen[_identity(row)])
    first = places.get(row.hukou_no)
    if first and first[0] != row.place:
        return t.ROW_HOUSEHOLD_ELSEWHERE.format(hukou_no=row.hukou_no, line=first[1],
                                                township=first[0][0], village=first[0][1],
                                                here="".join(row.place))
    return None


def _match(row: CheckedRow, household_id: int, by_key: dict, without_id: dict) -> int | None:
    """The record this row is: same ID key (or, with no ID, same birth date), same name,
    same household. Any status: a record an earlier import left awaiting merge counts."""
    if row.id_key:
        candidates = by_key.get(row.id_key, ())
        return next((p[0] for p in candidates if p[2] == row.name and p[3] == household_id),
                    None)
    return next((pid for pid, name, birth in without_id.get(household_id, ())
                 if name == row.name and birth == row.birth_date), None)


def _second_head(row: CheckedRow, old, file_heads: dict, heads: dict) -> str | None:
    if row.hukou_no in file_heads:
        name, line = file_heads[row.hukou_no]
        return t.ROW_SECOND_HEAD.format(hukou_no=row.hukou_no, name=name, line=line)
    if old and old[0] in heads:
        return t.ROW_SECOND_HEAD_IN_DATABASE.format(hukou_no=row.hukou_no, name=heads[old[0]])
    return None


def _holder(row: CheckedRow, by_key: dict, file_holders: dict) -> Holder:
    for pid, _, name, _, status, hukou_no in by_key.get(row.id_key, ()):
        if status == "active":
            return Holder(name, hukou_no, person_id=pid)
    first = file_holders[row.id_key]
    return Holder(first.name, first.hukou_no, line=first.line)


# --- reads ------------------------------------------------------------------------------


def _chunks(values: Iterable) -> Iterable[list]:
    values = list(values)
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def _load_places(plan: Plan) -> None:
    plan.townships = {name: tid for tid, name in
                      Township.select(Township.id, Township.name).tuples()}
    names = {tid: name for name, tid in plan.townships.items()}
    plan.villages = {(names[tid], name): vid for vid, tid, name in
                     Village.select(Village.id, Village.township, Village.name).tuples()}


def _in(sql: str, values: Iterable) -> Iterable[tuple]:
    """Rows of `sql` whose one `IN ({})` takes the values a chunk at a time: the plain
    statement, as peewee would write it (only ids, codes and names: no dates to convert),
    without building an expression for each of a hundred thousand values."""
    for part in _chunks(values):
        marks = ", ".join([database.param] * len(part))
        yield from database.execute_sql(sql.format(marks), part).fetchall()


def _households(numbers: set[str]) -> dict[str, tuple[int, int]]:
    """hukou_no -> (household id, village id) for the numbers already present."""
    return {number: (hid, village) for hid, number, village in _in(
        f"SELECT id, hukou_no, village_id FROM {_table(Household)} WHERE hukou_no IN ({{}})",
        numbers)}


def _people_by_key(keys: set[str]) -> dict[str, list[tuple]]:
    """id key -> [(id, key, name, household id, status, hukou_no)], oldest first."""
    found: dict[str, list[tuple]] = {}
    rows = _in(f"SELECT p.id, p.id_key, p.name, p.household_id, p.status, h.hukou_no "
               f"FROM {_table(Person)} p JOIN {_table(Household)} h ON h.id = p.household_id "
               f"WHERE p.id_key IN ({{}})", keys)
    for row in sorted(rows):
        found.setdefault(row[1], []).append(tuple(row))
    return found


def _table(model) -> str:
    return f'"{model._meta.table_name}"'


def _people_without_id(household_ids: set[int]) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {}
    for part in _chunks(household_ids):
        for pid, household, name, birth in (
                Person.select(Person.id, Person.household, Person.name, Person.birth_date)
                .where(Person.household.in_(part), Person.id_key.is_null()).tuples()):
            found.setdefault(household, []).append((pid, name, birth))
    return found


def _heads(household_ids: set[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for part in _chunks(household_ids):
        found.update(Person.select(Person.household, Person.name)
                     .where(Person.household.in_(part), Person.relation == "self",
                            Person.status == "active").tuples())
    return found


def _open_tags(person_ids: list[int]) -> set[tuple[int, str]]:
    """(person, category) for every identity tag the matched people hold with no end:
    a tag the roster repeats is not written twice."""
    return {(pid, category) for pid, category in _in(
        f"SELECT person_id, category FROM {_table(IdentityTag)} "
        f"WHERE valid_to IS NULL AND person_id IN ({{}})", person_ids)}

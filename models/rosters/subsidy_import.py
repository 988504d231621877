"""`import_subsidy_roster`: a department's subsidy roster (资助对象花名册) into identity
tags, all or nothing.

    report = import_subsidy_roster(clock, actor, lines, source, on=day, default_source=…)

Each row names a person by ID and name, a category and the department (a column, or
`default_source` for the whole file), optionally the dates it holds (from `on`, the
roster's date, by default). A row is:

- **added**: the active record holding the ID has that name, and no tag of that category
  overlapping the row's dates: a tag (person, category, department, from, to) is written;
- **matched**: such a tag is there already: nothing is written (importing the same
  roster twice changes nothing);
- **not registered**: no active record holds the ID: listed, and in the error workbook;
- **name mismatch**: the record holding the ID has another name: flagged, not applied;
- **refused**: unreadable (its reason in the error workbook).

Re-importing next month's roster of the same department and category ends, on the day
before `on`, the open tags of that department and category whose people are no longer on
it (seed 003: the October roster first, then December's 在册人员 re-adjusts who is
subsidised). One unit of work, one `roster.subsidy` audit event; a dry run only reads.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.schema import IdentityTag, Person
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.rosters.base_import import Refusal, RosterLine, RosterSource
from models.rosters.base_rows import RowRefused
from models.rosters.subsidy_rows import SubsidyRow, check_subsidy_row
from models.rules import idcard
from models.rules.identities import overlaps
from models.texts import rosters as t

CHUNK = 500
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class OnRoster:
    """A row naming someone the register does not have, or has under another name."""

    line: int
    name: str
    masked_id: str
    registered: str = ""


@dataclass(frozen=True)
class EndedTag:
    tag_id: int
    person_id: int
    name: str
    masked_id: str
    category: str
    source: str


@dataclass(frozen=True)
class SubsidyReport:
    source: RosterSource
    dry_run: bool
    on: dt.date
    rows: int
    added: int
    matched: int
    groups: tuple[tuple[str, str], ...]  # (department, category) the roster covers
    ended: tuple[EndedTag, ...]
    not_registered: tuple[OnRoster, ...]
    mismatched: tuple[OnRoster, ...]
    refused: tuple[Refusal, ...]  # every row not applied, for the error workbook


@dataclass
class _Plan:
    new: list[tuple[SubsidyRow, int]]
    matched: int
    ended: list[EndedTag]
    not_registered: list[OnRoster]
    mismatched: list[OnRoster]
    refused: list[tuple[int, str]]
    groups: list[tuple[str, str]]


def import_subsidy_roster(clock: Clock, actor: Actor, lines: Iterable[RosterLine],
                          source: RosterSource, *, on: dt.date | None = None,
                          default_source: str | None = None, dry_run: bool = False,
                          progress: Progress | None = None) -> SubsidyReport:
    actor.require("supervisor")
    today = clock.today()
    on = on or today
    checked: list[SubsidyRow] = []
    refused: list[Refusal] = []
    cells: dict[int, tuple] = {}
    rows = 0
    for line in lines:
        rows += 1
        cells[line.line] = line.cells
        try:
            checked.append(check_subsidy_row(line.line, line.values, default_source, on,
                                             today))
        except RowRefused as e:
            refused.append(Refusal(line.line, line.cells, e.message))
    if dry_run:
        plan = _plan(checked, on)
    else:
        plan = _write(clock, actor, checked, source, on, rows, progress)
    refused += [Refusal(line, cells[line], reason) for line, reason in plan.refused]
    refused.sort(key=lambda r: r.line)
    return SubsidyReport(source, dry_run, on, rows, len(plan.new), plan.matched,
                         tuple(plan.groups), tuple(plan.ended), tuple(plan.not_registered),
                         tuple(plan.mismatched), tuple(refused))


@retry_on_conflict
def _write(clock: Clock, actor: Actor, rows: list[SubsidyRow], source: RosterSource,
           on: dt.date, total: int, progress: Progress | None) -> _Plan:
    with unit_of_work(clock, actor) as uow:
        plan = _plan(rows, on)
        values = [{"person": pid, "category": r.category, "source": r.source,
                   "valid_from": r.valid_from, "valid_to": r.valid_to} for r, pid in plan.new]
        for i in range(0, len(values), 100):
            IdentityTag.insert_many(values[i:i + 100]).execute()
            if progress:
                progress(min(i + 100, len(values)), len(values))
        ended_ids = [e.tag_id for e in plan.ended]
        for i in range(0, len(ended_ids), CHUNK):
            (IdentityTag.update(valid_to=on - dt.timedelta(days=1))
             .where(IdentityTag.id.in_(ended_ids[i:i + CHUNK])).execute())
        uow.audit("roster.subsidy", "roster", source.sha256[:16], after={
            "file": source.file, "sha256": source.sha256, "sheet": source.sheet,
            "header_line": source.header_line, "on": on.isoformat(), "rows": total,
            "added": len(plan.new), "matched": plan.matched,
            "groups": [list(g) for g in plan.groups],
            "ended": [[e.tag_id, e.person_id, e.category] for e in plan.ended],
            "not_registered": len(plan.not_registered), "mismatched": len(plan.mismatched)})
    return plan


def _plan(rows: list[SubsidyRow], on: dt.date) -> _Plan:
    plan = _Plan([], 0, [], [], [], [], [])
    people = _people({r.id_key for r in rows})
    tags = _tags([p[0] for p in people.values()])
    seen: dict[tuple[str, str], int] = {}
    on_roster: set[int] = set()
    for row in rows:
        if (row.id_key, row.category) in seen:
            plan.refused.append((row.line, t.ROW_SUBSIDY_REPEATED.format(
                line=seen[(row.id_key, row.category)])))
            continue
        seen[(row.id_key, row.category)] = row.line
        group = (row.source, row.category)
        if group not in plan.groups:
            plan.groups.append(group)
        person = people.get(row.id_key)
        masked = idcard.mask(row.id_number)
        if person is None:
            plan.not_registered.append(OnRoster(row.line, row.name, masked))
            plan.refused.append((row.line, t.ROW_NOT_REGISTERED.format(masked=masked)))
            continue
        person_id, name = person
        on_roster.add(person_id)
        if name != row.name:
            plan.mismatched.append(OnRoster(row.line, row.name, masked, name))
            plan.refused.append((row.line, t.ROW_NAME_MISMATCH.format(registered=name,
                                                                      name=row.name)))
            continue
        held = tags.get((person_id, row.category), [])
        if any(overlaps(start, end, row.valid_from, row.valid_to) for _, start, end, _ in held):
            plan.matched += 1
            continue
        plan.new.append((row, person_id))
        held.append((None, row.valid_from, row.valid_to, row.source))
        tags[(person_id, row.category)] = held
    plan.ended = _to_end(plan.groups, on_roster, on)
    return plan


def _people(keys: set[str]) -> dict[str, tuple[int, str]]:
    """id key -> (person id, name) of the active record holding it."""
    found: dict[str, tuple[int, str]] = {}
    keys = list(keys)
    for i in range(0, len(keys), CHUNK):
        for pid, key, name in (Person.select(Person.id, Person.id_key, Person.name)
                               .where(Person.id_key.in_(keys[i:i + CHUNK]),
                                      Person.status == "active").tuples()):
            found[key] = (pid, name)
    return found


def _tags(person_ids: list[int]) -> dict[tuple[int, str], list[tuple]]:
    found: dict[tuple[int, str], list[tuple]] = {}
    for i in range(0, len(person_ids), CHUNK):
        for tid, pid, category, start, end, source in (
                IdentityTag.select(IdentityTag.id, IdentityTag.person, IdentityTag.category,
                                   IdentityTag.valid_from, IdentityTag.valid_to,
                                   IdentityTag.source)
                .where(IdentityTag.person.in_(person_ids[i:i + CHUNK])).tuples()):
            found.setdefault((pid, category), []).append((tid, start, end, source))
    return found


def _to_end(groups: list[tuple[str, str]], on_roster: set[int], on: dt.date) -> list[EndedTag]:
    """The open tags of the roster's departments and categories whose people it no
    longer names: they end the day before the roster's date."""
    ended: list[EndedTag] = []
    for source, category in groups:
        query = (IdentityTag.select(IdentityTag.id, IdentityTag.person, Person.name,
                                    Person.id_number)
                 .join(Person, on=IdentityTag.person == Person.id)
                 .where(IdentityTag.source == source, IdentityTag.category == category,
                        IdentityTag.valid_from < on,
                        IdentityTag.valid_to.is_null() | (IdentityTag.valid_to >= on))
                 .order_by(IdentityTag.id).tuples())
        for tid, pid, name, number in query:
            if pid not in on_roster:
                ended.append(EndedTag(tid, pid, name, idcard.mask(number), category, source))
    return ended

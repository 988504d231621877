"""`import_base_roster`: a base roster's rows into the register, all or nothing.

    report = import_base_roster(clock, actor, lines, source, dry_run=False)

`lines` are the rows under the header as printing/roster_book.py reads them. Each is
checked (base_rows, pure), then planned against the register (base_plan), then, unless
this is a dry run, written in one unit of work through the bulk writer the generator
uses: new townships and villages (unless `strict`), households under the roster's own
household numbers, people, and their identity tags; one `roster.import` event records
what was written, the records left awaiting merge with the record each collides with,
and the records whose ID is to be corrected. A row identical to a record present is
matched and changes nothing, so importing the same file twice writes nothing the
second time.

Each record left awaiting merge is also a duplicate candidate (source `import`, the
lower id first, decision review, score 1.0: the ID is the same), stored in the same
unit of work, for the clerks' merge; the event lists the pairs (`awaiting_merge`:
[new id, holder]).
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.dedup.candidates import ScoredPair, store_candidates
from models.registry.bulk import BulkWriter, HouseholdRow, IdentityRow, PersonRow
from models.rosters.base_plan import Holder, Plan, plan_rows
from models.rosters.base_rows import CheckedRow, RowRefused, check_row
from models.rules import idcard, limits
from models.rules.duplicates import Decision, Score
from models.texts import rosters as t

Progress = Callable[[int, int], None]


class RosterLine(NamedTuple):
    """One row under the header: its number on the sheet, the cells by field, and the
    cells as they stand (for the error workbook)."""

    line: int
    values: dict
    cells: tuple


@dataclass(frozen=True)
class RosterSource:
    file: str  # the file's name, as the event and identity tags name it
    sha256: str
    sheet: str
    header_line: int


@dataclass(frozen=True)
class Refusal:
    line: int
    cells: tuple
    reason: str


@dataclass(frozen=True)
class Candidate:
    """A row imported as awaiting merge, and who already holds its ID."""

    line: int
    name: str
    masked_id: str
    hukou_no: str
    holder: Holder
    person_id: int | None = None  # the new record; None in a dry run


@dataclass(frozen=True)
class Flawed:
    line: int
    name: str
    flaws: tuple[str, ...]
    person_id: int | None = None


@dataclass(frozen=True)
class ImportReport:
    source: RosterSource
    dry_run: bool
    rows: int
    matched: int
    townships: int
    villages: int
    households: int
    people: int
    identities: int
    candidates: tuple[Candidate, ...]
    flawed: tuple[Flawed, ...]
    refused: tuple[Refusal, ...]


def import_base_roster(clock: Clock, actor: Actor, lines: Iterable[RosterLine],
                       source: RosterSource, *, dry_run: bool = False, strict: bool = False,
                       progress: Progress | None = None) -> ImportReport:
    """A supervisor's (or the command line's) work; a dry run reads only."""
    actor.require("supervisor")
    today = clock.today()
    checked: list[CheckedRow] = []
    refused: list[Refusal] = []
    cells: dict[int, tuple] = {}
    rows = 0
    for line in lines:
        rows += 1
        try:
            checked.append(check_row(line.line, line.values, today))
            cells[line.line] = line.cells
        except RowRefused as e:
            refused.append(Refusal(line.line, line.cells, e.message))
    if dry_run:
        plan, written = plan_rows(checked, strict), None
    else:
        plan, written = _write(clock, actor, checked, source, strict, rows,
                               len(refused), progress)
    refused += [Refusal(line, cells[line], reason) for line, reason in plan.refused]
    refused.sort(key=lambda r: r.line)
    return _report(source, dry_run, rows, plan, written, tuple(refused))


class _Written(NamedTuple):
    person_ids: dict[int, int]  # line -> new person id
    identities: int


@retry_on_conflict
def _write(clock: Clock, actor: Actor, rows: list[CheckedRow], source: RosterSource,
           strict: bool, total: int, refused: int,
           progress: Progress | None) -> tuple[Plan, _Written]:
    today = clock.today()
    tag_source = t.IDENTITY_SOURCE.format(file=source.file)[:limits.SOURCE_LENGTH]
    with unit_of_work(clock, actor) as uow:
        to_write = [0]
        with BulkWriter(uow, on_flush=_reporter(progress, to_write)) as writer:
            plan = plan_rows(rows, strict)  # after the writer's lock: nobody else writes
            to_write[0] = len(plan.new)
            villages = _places(writer, plan)
            households = dict(plan.households)
            for number, place in plan.new_households:
                households[number] = writer.add_household(
                    HouseholdRow(villages[place], hukou_no=number))
            person_ids: dict[int, int] = {}
            identities = 0
            for row, status in plan.new:
                person_id = writer.add_person(PersonRow(
                    households[row.hukou_no], row.name, row.id_type, row.id_number,
                    row.gender, row.birth_date, row.relation, row.phone, status=status))
                person_ids[row.line] = person_id
                identities += _tags(writer, person_id, row, set(), tag_source, today)
            for row, person_id in plan.matched:
                identities += _tags(writer, person_id, row, plan.tags_held, tag_source, today)
        pairs = [[person_ids[line], holder.person_id or person_ids[holder.line]]
                 for line, holder in plan.holders.items()]
        _candidates(uow, pairs)
        uow.audit("roster.import", "roster", source.sha256[:16], after={
            "file": source.file, "sha256": source.sha256, "sheet": source.sheet,
            "header_line": source.header_line, "rows": total, "refused": refused +
            len(plan.refused), "matched": len(plan.matched),
            "townships": len(plan.new_townships), "villages": len(plan.new_places),
            "households": len(plan.new_households), "people": len(plan.new),
            "identities": identities,
            "awaiting_merge": pairs,
            "id_to_correct": [person_ids[row.line] for row, _ in plan.new
                              if row.check_character]})
    if progress:
        progress(len(plan.new), len(plan.new))
    return plan, _Written(person_ids, identities)


def _candidates(uow, pairs: list[list[int]]) -> None:
    """Each new record awaiting merge and the record holding its ID, as a duplicate
    candidate pair (issue 14's table): the clerks decide, the import never merges."""
    held = Score(1.0, Decision.REVIEW, (t.CANDIDATE_REASON,))
    store_candidates(uow, (ScoredPair(a, b, held) for a, b in pairs), "import")


def _reporter(progress: Progress | None, total: list[int]):
    if progress is None:
        return None

    def report(counts) -> None:
        progress(counts.people, total[0])

    return report


def _places(writer: BulkWriter, plan: Plan) -> dict[tuple[str, str], int]:
    villages = dict(plan.villages)
    townships = dict(plan.townships)
    for township, village in plan.new_places:
        if township not in townships:
            townships[township] = writer.add_township(township)
        villages[(township, village)] = writer.add_village(townships[township], village)
    return villages


def _tags(writer: BulkWriter, person_id: int, row: CheckedRow, held: set,
          source: str, today: dt.date) -> int:
    written = 0
    for category in row.identities:
        if (person_id, category) not in held:
            writer.add_identity(IdentityRow(person_id, category, source, today))
            written += 1
    return written


def _report(source: RosterSource, dry_run: bool, rows: int, plan: Plan,
            written: _Written | None, refused: tuple[Refusal, ...]) -> ImportReport:
    ids = written.person_ids if written else {}
    by_line = {row.line: row for row, _ in plan.new}
    candidates = tuple(
        Candidate(line, by_line[line].name, idcard.mask(by_line[line].id_number),
                  by_line[line].hukou_no, holder, ids.get(line))
        for line, holder in plan.holders.items())
    flawed = sorted([Flawed(row.line, row.name, row.flaws, ids.get(row.line))
                     for row, _ in plan.new if row.flaws]
                    + [Flawed(row.line, row.name, row.flaws, pid)
                       for row, pid in plan.matched if row.flaws], key=lambda f: f.line)
    identities = written.identities if written else (
        sum(len(r.identities) for r, _ in plan.new)
        + sum(1 for r, pid in plan.matched for c in r.identities
              if (pid, c) not in plan.tags_held))
    return ImportReport(source, dry_run, rows, len(plan.matched), len(plan.new_townships),
                        len(plan.new_places), len(plan.new_households), len(plan.new),
                        identities, candidates, tuple(flawed), refused)

"""The batch scan (`yibao dedup`): every likely duplicate pair in the register, found by
blocking — never all pairs — scored by the one scorer and stored as candidates.

Two streamed passes, each in an index's order, holding little at a time:

1. by ID key (person.id_key): records sharing a key are scored together; every key is
   kept in a dict so each number failing its check is looked up one digit or one swap
   away (models/rules/duplicates/ids.neighbours) — about 170 dict lookups a bad number;
2. by birth date (person_birth_date, migration 0015), one year at a time: the day and
   its day/month swap form one block, split into small blocks by pinyin (homophones),
   by the name with traditional forms and look-alikes folded to one character each
   (models/rules/duplicates/names.canonical) and by household (a placeholder baby).

Each pair is scored once. Pairs already stored keep their status (a dismissed pair is
never raised again); only new sure / review pairs are stored, with source scan.
"""

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.db import database
from models.core.schema import DuplicateCandidate, Household, Person, Village
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.dedup.candidates import ScoredPair, store_candidates
from models.dedup.records import as_record, record_query, records_by_id
from models.rules.duplicates import Decision, PersonRecord, Score, score_pair
from models.rules.duplicates.ids import key_of, neighbours, passes_check
from models.rules.duplicates.names import canonical
from models.texts import duplicates as t

LIVE = ("active", "awaiting_merge")
CHUNK = 5000
MAX_BLOCK = 200  # a sub-block this big says nothing (a common surname on a busy day)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PairView:
    """One side of a pair as `yibao dedup --json` shows it."""

    id: int
    name: str
    id_number: str | None
    gender: str
    birth_date: dt.date
    hukou_no: str
    village: str


@dataclass(frozen=True)
class FoundPair:
    a: PairView
    b: PairView
    score: float
    decision: str
    reasons: tuple[str, ...]
    status: str  # the stored candidate's: open (new or still open)


@dataclass
class ScanResult:
    people: int = 0
    compared: int = 0
    sure: int = 0
    review: int = 0
    new: int = 0
    kept: int = 0  # found again, already stored: their decision kept
    seconds: float = 0.0
    pairs: list[FoundPair] = field(default_factory=list)


def _stream(query, order) -> Iterable[tuple]:
    """The query's rows in `order` from one cursor, as the driver hands them (no per-value
    conversion: a million rows through Peewee's converters cost more than the scan)."""
    sql, params = query.order_by(*order).sql()
    cursor = database.execute_sql(sql, params)
    while rows := cursor.fetchmany(CHUNK):
        yield from rows


def _day(value) -> tuple[int, int, int]:
    """(year, month, day) of a date as PostgreSQL (a date) or SQLite (text) gives it."""
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    return int(value[:4]), int(value[5:7]), int(value[8:10])


def candidate_pairs(progress: Progress, total: int) -> dict[tuple[int, int], None]:
    """The blocked pairs (lower id first), in the order found."""
    pairs: dict[tuple[int, int], None] = {}
    done = 0

    def add(ids: list[int]) -> None:
        if len(ids) < 2 or len(ids) > MAX_BLOCK:
            return
        for a, b in combinations(sorted(ids), 2):
            pairs[(a, b)] = None

    # 1. by ID key
    keys: dict[str, int] = {}
    bad: list[tuple[int, str]] = []
    group_key, group = None, []
    with_key = (Person.select(Person.id, Person.id_type, Person.id_key)
                .where(Person.status.in_(LIVE), Person.id_key.is_null(False)))
    for person_id, id_type, key in _stream(with_key, (Person.id_key, Person.id)):
        done += 1
        if done % CHUNK == 0:
            progress(done, total)
        if key != group_key:
            add(group)
            group_key, group = key, []
        group.append(person_id)
        keys.setdefault(key, person_id)
        if passes_check(id_type, key) is False:
            bad.append((person_id, key))
    add(group)
    for person_id, key in bad:
        for near in neighbours(key):
            other = keys.get(near)
            if other is not None and other != person_id:
                pairs[(min(person_id, other), max(person_id, other))] = None
    del keys
    # 2. by birth date, a year at a time
    year, year_rows = None, []
    everyone = (Person.select(Person.id, Person.name, Person.name_pinyin, Person.household,
                              Person.birth_date)
                .where(Person.status.in_(LIVE)))
    for row in _stream(everyone, (Person.birth_date, Person.id)):
        done += 1
        if done % CHUNK == 0:
            progress(done, total)
        birth = _day(row[4])
        if birth[0] != year:
            _year_blocks(year_rows, add)
            year, year_rows = birth[0], []
        year_rows.append((row, birth))
    _year_blocks(year_rows, add)
    progress(done, total)
    return pairs


def _year_blocks(rows: list[tuple[tuple, tuple[int, int, int]]],
                 add: Callable[[list[int]], None]) -> None:
    days: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    for row, (_, month, day) in rows:  # the day and its day/month swap are one block
        days[(month, day) if month <= day else (day, month)].append(row)
    for block in days.values():
        if len(block) < 2:
            continue
        subs: dict[tuple, list[int]] = defaultdict(list)
        for row in block:
            person_id = row[0]
            subs[("p", row[2])].append(person_id)
            subs[("c", canonical(row[1]))].append(person_id)
            subs[("h", row[3])].append(person_id)
        for ids in subs.values():
            add(ids)


def score_pairs(pairs: Iterable[tuple[int, int]]) -> list[ScoredPair]:
    """Score the pairs, fetching their records a chunk at a time."""
    found: list[ScoredPair] = []
    pending = list(pairs)
    for start in range(0, len(pending), CHUNK):
        chunk = pending[start:start + CHUNK]
        ids = sorted({i for pair in chunk for i in pair})
        records: dict[int, PersonRecord] = {}
        for s in range(0, len(ids), 500):
            query = record_query().where(Person.id.in_(ids[s:s + 500]))
            for row in database.execute_sql(*query.sql()):
                records[row[0]] = as_record(row)
        for a, b in chunk:
            score = score_pair(records[a], records[b])
            if score.decision is not Decision.DIFFERENT:
                found.append(ScoredPair(a, b, score))
    return found


def unambiguous(scored: list[ScoredPair]) -> list[ScoredPair]:
    """A record sure with two records the scorer calls two people (a placeholder baby
    beside same-sex twins) is not sure with either: those pairs go to review."""
    sure: dict[int, set[int]] = defaultdict(set)
    for p in scored:
        if p.score.decision is Decision.SURE:
            sure[p.a_id].add(p.b_id)
            sure[p.b_id].add(p.a_id)
    crowded = {x: partners for x, partners in sure.items() if len(partners) > 1}
    records = records_by_id({y for partners in crowded.values() for y in partners})
    torn = {x for x, partners in crowded.items()
            if any(score_pair(records[y], records[z]).decision is Decision.DIFFERENT
                   for y, z in combinations(sorted(partners), 2))}
    out = []
    for p in scored:
        if p.score.decision is Decision.SURE and (p.a_id in torn or p.b_id in torn):
            s = p.score
            p = ScoredPair(p.a_id, p.b_id, Score(min(s.score, 0.89), Decision.REVIEW,
                                                 (*s.reasons, t.AMBIGUOUS)))
        out.append(p)
    return out


@retry_on_conflict
def scan(clock: Clock, actor: Actor, progress: Progress | None = None) -> ScanResult:
    """Find, score and store. Answers the counts and the pairs raised (new or still open),
    best first."""
    started = time.perf_counter()
    report = progress or (lambda done, total: None)
    total_people = Person.select().where(Person.status.in_(LIVE)).count()
    with_key = Person.select().where(Person.status.in_(LIVE), Person.id_key.is_null(False))
    total = total_people + with_key.count()
    blocked = candidate_pairs(report, total)
    scored = unambiguous(score_pairs(blocked))
    result = ScanResult(people=total_people, compared=len(blocked))
    result.sure = sum(1 for p in scored if p.score.decision is Decision.SURE)
    result.review = len(scored) - result.sure
    with unit_of_work(clock, actor) as uow:
        result.new = store_candidates(uow, scored, "scan")
        result.kept = len(scored) - result.new
        uow.audit("dedup.scan", "duplicate_candidate", "",
                  after={"people": result.people, "compared": result.compared,
                         "sure": result.sure, "review": result.review, "new": result.new})
    result.pairs = raised_pairs(scored)
    result.seconds = time.perf_counter() - started
    return result


def raised_pairs(scored: list[ScoredPair]) -> list[FoundPair]:
    """The scored pairs whose candidate is open, with both records as shown."""
    status: dict[tuple[int, int], str] = {}
    low = sorted({p.a_id for p in scored})
    for s in range(0, len(low), 500):
        for a, b, st in (DuplicateCandidate
                         .select(DuplicateCandidate.person_a, DuplicateCandidate.person_b,
                                 DuplicateCandidate.status)
                         .where(DuplicateCandidate.person_a.in_(low[s:s + 500])).tuples()):
            status[(a, b)] = st
    open_pairs = [p for p in scored if status.get((p.a_id, p.b_id)) == "open"]
    views = _views({i for p in open_pairs for i in (p.a_id, p.b_id)})
    out = [FoundPair(views[p.a_id], views[p.b_id], p.score.score, str(p.score.decision),
                     p.score.reasons, "open") for p in open_pairs]
    out.sort(key=lambda f: (-f.score, f.a.id, f.b.id))
    return out


def _views(ids: set[int]) -> dict[int, PairView]:
    ids_list = sorted(ids)
    views: dict[int, PairView] = {}
    for s in range(0, len(ids_list), 500):
        query = (Person.select(Person.id, Person.name, Person.id_number, Person.gender,
                               Person.birth_date, Household.hukou_no, Village.name)
                 .join(Household).join(Village)
                 .where(Person.id.in_(ids_list[s:s + 500])).tuples())
        for row in query:
            birth = row[4] if isinstance(row[4], dt.date) else dt.date.fromisoformat(row[4])
            views[row[0]] = PairView(row[0], row[1], row[2], row[3], birth, row[5], row[6])
    return views


__all__ = ["FoundPair", "PairView", "ScanResult", "candidate_pairs", "key_of", "scan"]

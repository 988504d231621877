"""The scorer: two person records → a score, a decision and the reasons, in Chinese.

Rules first, a number second: each piece of evidence (the ID numbers, the names, the
birth dates, gender, where they live) is put in one of a few relations, and the
decision follows from those relations in the plain order a clerk would reason:

- two different numbers that both pass GB 11643's check are two people, whatever else
  agrees (twins: same household, same day, neighbouring numbers);
- the same number (after 15 → 18), or a number one slip away from the other where one
  fails its check, with a name that is the same, a traditional form, a homophone or a
  look-alike → sure; with a name further off → review;
- no usable number on one side: the same name (or its traditional form), day and gender,
  the day or the day with day and month swapped, or a placeholder baby with the
  household's child born that day → sure; a homophone or a look-alike → review; a
  placeholder outside its household → different.
"""

import datetime as dt

from models.rules.duplicates import ids
from models.rules.duplicates import names as dn
from models.rules.duplicates.ids import IdRelation
from models.rules.duplicates.names import NameRelation
from models.rules.duplicates.record import Decision, PersonRecord, Score
from models.texts import duplicates as t

NAME_NEAR = frozenset({NameRelation.SAME, NameRelation.TRADITIONAL, NameRelation.HOMOPHONE,
                       NameRelation.LOOKALIKE})
ID_MATCH = frozenset({IdRelation.SAME, IdRelation.SAME_15_18})
ID_TYPO = frozenset({IdRelation.TYPO_DIGIT, IdRelation.TYPO_SWAP})
# what each name relation is worth when the numbers agree or are missing
NAME_WEIGHT = {NameRelation.SAME: 1.0, NameRelation.TRADITIONAL: 0.97,
               NameRelation.HOMOPHONE: 0.94, NameRelation.LOOKALIKE: 0.92,
               NameRelation.CLOSE: 0.8, NameRelation.PLACEHOLDER: 0.85,
               NameRelation.DIFFERENT: 0.5}


def birth_relation(a: dt.date, b: dt.date) -> str:
    if a == b:
        return "same"
    if a.year == b.year and a.month == b.day and a.day == b.month:
        return "swapped"
    return "different"


def score_pair(a: PersonRecord, b: PersonRecord) -> Score:
    id_rel, which = ids.relate(a.id_type, a.id_number, b.id_type, b.id_number)
    name_rel = dn.relate(a.name, b.name, a.placeholder, b.placeholder, a.pinyin, b.pinyin)
    birth = birth_relation(a.birth_date, b.birth_date)
    same_gender = a.gender == b.gender
    household = a.household_id is not None and a.household_id == b.household_id
    village = a.village_id is not None and a.village_id == b.village_id
    reasons = _id_reasons(id_rel, which) + _name_reasons(name_rel, a, b) + \
        _birth_reasons(birth, a, b)
    if not same_gender:
        reasons.append(t.GENDER_DIFFERENT)
    if household:
        reasons.append(t.SAME_HOUSEHOLD)
    elif village:
        reasons.append(t.SAME_VILLAGE)

    if id_rel is IdRelation.BOTH_VALID:
        if household and birth == "same":
            reasons.insert(0, t.TWINS)
        return Score(0.02, Decision.DIFFERENT, tuple(reasons))
    name_w = NAME_WEIGHT[name_rel]
    birth_w = {"same": 1.0, "swapped": 0.95, "different": 0.6}[birth]
    gender_w = 1.0 if same_gender else 0.85
    if id_rel in ID_MATCH or id_rel in ID_TYPO:
        id_w = 1.0 if id_rel in ID_MATCH else 0.97
        value = id_w * name_w * birth_w * gender_w
        near = name_rel in NAME_NEAR and birth != "different" and same_gender
        if id_rel in ID_TYPO and not (name_rel in NAME_NEAR or name_rel is NameRelation.CLOSE):
            # a slip of a number, but another name: the slip landed on a neighbour's number
            return Score(round(min(0.45, value * 0.5), 3), Decision.DIFFERENT, tuple(reasons))
        return _band(value, Decision.SURE if near else Decision.REVIEW, reasons)
    # no number to go by, or two numbers not a slip apart
    if not same_gender or birth == "different":
        return Score(round(0.3 * name_w * birth_w * gender_w, 3), Decision.DIFFERENT,
                     tuple(reasons))
    if id_rel is IdRelation.DIFFERENT:  # one fails its check but is not a slip of the other
        return _band(0.7 * name_w * birth_w,
                     Decision.REVIEW if name_rel in NAME_NEAR else Decision.DIFFERENT, reasons)
    place_w = 1.0 if household else 0.96 if village else 0.9
    value = 0.97 * name_w * birth_w * place_w
    if name_rel is NameRelation.PLACEHOLDER:  # a baby is named in the household it was born to
        if household and birth == "same":
            return _band(value, Decision.SURE, reasons)
        return Score(round(min(value, 0.45), 3), Decision.DIFFERENT, tuple(reasons))
    if name_rel in NAME_NEAR:
        # the very name, day (or the day read month-first) and gender, one record without
        # a number: registered again (an elder first registered without a card); a
        # homophone or a look-alike waits for a clerk
        sure = name_rel in (NameRelation.SAME, NameRelation.TRADITIONAL)
        return _band(value, Decision.SURE if sure else Decision.REVIEW, reasons)
    if name_rel is NameRelation.CLOSE and (household or village):
        return _band(value, Decision.REVIEW, reasons)
    return Score(round(min(value, 0.45), 3), Decision.DIFFERENT, tuple(reasons))


def _band(value: float, decision: Decision, reasons: list[str]) -> Score:
    """Keep the number inside its band: sure ≥ 0.9, review 0.5–0.9, different < 0.5."""
    low, high = {Decision.SURE: (0.9, 1.0), Decision.REVIEW: (0.5, 0.89),
                 Decision.DIFFERENT: (0.0, 0.49)}[decision]
    return Score(round(min(high, max(low, value)), 3), decision, tuple(reasons))


def _id_reasons(rel: IdRelation, which: str) -> list[str]:
    who = {"a": t.ID_WHICH_A, "b": t.ID_WHICH_B, "both": t.ID_WHICH_BOTH}.get(which, "")
    return {
        IdRelation.SAME: [t.ID_SAME],
        IdRelation.SAME_15_18: [t.ID_SAME_15_18],
        IdRelation.TYPO_DIGIT: [t.ID_TYPO_DIGIT.format(which=who)],
        IdRelation.TYPO_SWAP: [t.ID_TYPO_SWAP.format(which=who)],
        IdRelation.BOTH_VALID: [t.ID_BOTH_VALID],
        IdRelation.DIFFERENT: [t.ID_DIFFERENT],
        IdRelation.MISSING: [t.ID_ONE_MISSING],
    }[rel]


def _name_reasons(rel: NameRelation, a: PersonRecord, b: PersonRecord) -> list[str]:
    x, y = dn.differing(a.name, b.name)
    if rel is NameRelation.SAME:
        return [t.NAME_SAME]
    if rel is NameRelation.TRADITIONAL:
        return [t.NAME_TRADITIONAL.format(a=x, b=y)]
    if rel is NameRelation.HOMOPHONE:
        return [t.NAME_HOMOPHONE.format(pinyin=a.pinyin or dn.pinyin(a.name))]
    if rel is NameRelation.LOOKALIKE:
        return [t.NAME_LOOKALIKE.format(a=x, b=y)]
    if rel is NameRelation.CLOSE:
        return [t.NAME_CLOSE.format(a=a.name, b=b.name)]
    if rel is NameRelation.PLACEHOLDER:
        held = a.name if (a.placeholder or dn.is_placeholder_name(a.name)) else b.name
        return [t.NAME_PLACEHOLDER.format(name=held)]
    return [t.NAME_DIFFERENT.format(a=a.name, b=b.name)]


def _birth_reasons(rel: str, a: PersonRecord, b: PersonRecord) -> list[str]:
    if rel == "same":
        return [t.BIRTH_SAME]
    if rel == "swapped":
        return [t.BIRTH_SWAPPED.format(a=a.birth_date.isoformat(), b=b.birth_date.isoformat())]
    return [t.BIRTH_DIFFERENT.format(a=a.birth_date.isoformat(), b=b.birth_date.isoformat())]

"""How two document numbers relate: the same after 15 → 18, a typing slip (one digit or two
neighbours swapped, which GB 11643's check character always catches), or two numbers."""

from enum import StrEnum
from functools import lru_cache

from stdnum.cn import ric

from models.core.errors import DomainError
from models.rules import idcard

CHECKED_TYPES = frozenset({"resident", "hmt_permit", "foreign_permanent"})


class IdRelation(StrEnum):
    SAME = "same"
    SAME_15_18 = "same_15_18"  # one is the old 15-digit form of the other
    TYPO_DIGIT = "typo_digit"  # one digit apart, at least one fails its check
    TYPO_SWAP = "typo_swap"  # two neighbouring characters swapped, one fails its check
    BOTH_VALID = "both_valid"  # two different numbers that both pass: two people
    DIFFERENT = "different"
    MISSING = "missing"  # at least one record has no number


@lru_cache(maxsize=200_000)
def key_of(id_type: str, number: str | None) -> str | None:
    try:
        return idcard.id_key(id_type, number)
    except DomainError:
        return idcard.normalize(number) if number else None


def passes_check(id_type: str, key: str) -> bool | None:
    """True / False for an 18-character number under GB 11643; None when the type has none."""
    if id_type not in CHECKED_TYPES or len(key) != 18 or not key[:17].isdigit():
        return None
    return ric.calc_check_digit(key) == key[17]


def relate(a_type: str, a_number: str | None, b_type: str,
           b_number: str | None) -> tuple[IdRelation, str]:
    """The relation, and which record fails its check ("a", "b", "both" or "")."""
    a_key, b_key = key_of(a_type, a_number), key_of(b_type, b_number)
    if not a_key or not b_key:
        return IdRelation.MISSING, ""
    if a_key == b_key:
        shorter = min(len(a_number.strip()), len(b_number.strip()))
        return (IdRelation.SAME_15_18 if shorter == 15 else IdRelation.SAME), ""
    a_ok, b_ok = passes_check(a_type, a_key), passes_check(b_type, b_key)
    if a_ok and b_ok:
        return IdRelation.BOTH_VALID, ""
    which = "both" if a_ok is False and b_ok is False else "a" if a_ok is False else \
        "b" if b_ok is False else ""
    if which and len(a_key) == len(b_key):
        diff = [i for i, (x, y) in enumerate(zip(a_key, b_key, strict=True)) if x != y]
        if len(diff) == 1:
            return IdRelation.TYPO_DIGIT, which
        if (len(diff) == 2 and diff[1] == diff[0] + 1
                and a_key[diff[0]] == b_key[diff[1]] and a_key[diff[1]] == b_key[diff[0]]):
            return IdRelation.TYPO_SWAP, which
    return IdRelation.DIFFERENT, which


def neighbours(key: str) -> list[str]:
    """Every number one digit or one neighbouring swap away from `key`: the blocking keys
    a mistyped number is found by (about 170 for an 18-digit number)."""
    out: list[str] = []
    for i, c in enumerate(key):
        alphabet = "0123456789X" if i == len(key) - 1 else "0123456789"
        out.extend(key[:i] + d + key[i + 1:] for d in alphabet if d != c)
        if i + 1 < len(key) and key[i] != key[i + 1]:
            out.append(key[:i] + key[i + 1] + key[i] + key[i + 2:])
    return out

"""Names: normalisation and the pinyin keys the lookup searches by."""

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from models.core.errors import DomainError
from models.paths import SURNAMES
from models.rules import limits
from models.texts import messages as msg

MAX_NAME_LENGTH = limits.NAME_LENGTH
MIDDLE_DOT = "·"
# • ・ ‧ ･ . ． ⋅ ∙ as typed for the middle dot of a minority name
_DOT_VARIANTS = str.maketrans({c: MIDDLE_DOT for c in
                               "\u2022\u30fb\u2027\uff65.\uff0e\u22c5\u2219"})
_HAN_START = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003134F\uf900-\ufaff]")
_ALLOWED = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003134F\uf900-\ufaffA-Za-z· ]+$")

# Readings of surnames that pypinyin's everyday reading gets wrong (data, not code).
SURNAME_READINGS: dict[str, list[str]] = tomllib.loads(
    SURNAMES.read_text(encoding="utf-8"))["readings"]
COMPOUND_SURNAMES = frozenset(k for k in SURNAME_READINGS if len(k) == 2)


@dataclass(frozen=True)
class NameKeys:
    name: str
    pinyin: str  # "liweiqiang"
    initials: str  # "lwq"


def normalize_name(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_DOT_VARIANTS)
    text = re.sub(r"\s*·\s*", MIDDLE_DOT, text)
    text = re.sub(r"\s+", " ", text).strip()
    # "王 芳" is 王芳: spaces only separate words of names written in Latin letters
    return re.sub(r"(?<=[^A-Za-z]) | (?=[^A-Za-z])", "", text)


def validate_name(text: str) -> str:
    name = normalize_name(text)
    if not name:
        raise DomainError(msg.NAME_EMPTY)
    if len(name) > MAX_NAME_LENGTH:
        raise DomainError(msg.NAME_TOO_LONG.format(limit=MAX_NAME_LENGTH))
    if not _ALLOWED.match(name):
        bad = next(c for c in name if not _ALLOWED.match(c))
        raise DomainError(msg.NAME_BAD_CHARACTER.format(char=bad))
    return name


def split_surname(name: str) -> tuple[str, str]:
    if MIDDLE_DOT in name or not name or not _HAN_START.match(name):
        return "", name
    if name[:2] in COMPOUND_SURNAMES and len(name) > 2:
        return name[:2], name[2:]
    return name[:1], name[1:]


def name_keys(text: str) -> NameKeys:
    name = normalize_name(text)
    surname, given = split_surname(name)
    syllables = list(_surname_syllables(surname)) + _given_syllables(given)
    pinyin = "".join(syllables)
    initials = "".join(s[0] for s in syllables if s)
    return NameKeys(name, pinyin, initials)


def query_key(text: str) -> str:
    """A typed pinyin query in the form the keys are stored in."""
    return re.sub(r"[^a-z]", "", unicodedata.normalize("NFKC", text).lower())


@lru_cache(maxsize=65536)
def _surname_syllables(surname: str) -> tuple[str, ...]:
    if not surname:
        return ()
    if surname in SURNAME_READINGS:
        return tuple(SURNAME_READINGS[surname])
    return tuple(_syllables(surname))


@lru_cache(maxsize=65536)
def _given_cached(given: str) -> tuple[str, ...]:
    return tuple(_syllables(given))


def _given_syllables(given: str) -> list[str]:
    return list(_given_cached(given))


def _syllables(text: str) -> list[str]:
    """Pinyin for Han characters; a word written in Latin letters is one syllable."""
    out: list[str] = []
    for part in lazy_pinyin(text, style=Style.NORMAL, errors="default"):
        for word in re.split(r"[^A-Za-z]+", part):
            if word:
                out.append(word.lower())
    return out

"""How two names relate: the same, a traditional form, a homophone (with the surname
readings of models/rules/names.py), a look-alike character, close, or a placeholder for a
baby not yet named (王芳宝宝, 李之子, 王某某之女)."""

import re
import tomllib
from enum import StrEnum
from functools import lru_cache

from models.paths import FIXTURES
from models.rules import names
from models.texts import duplicates as t

VARIANTS = FIXTURES / "names" / "variants.toml"
# An unnamed baby: a parent's name and 宝宝 / 之子 / 之女, or 某某 for a name not known.
_PLACEHOLDER = re.compile("|".join(map(re.escape, t.PLACEHOLDER_MARKS)))


class NameRelation(StrEnum):
    SAME = "same"
    TRADITIONAL = "traditional"
    HOMOPHONE = "homophone"
    LOOKALIKE = "lookalike"
    CLOSE = "close"  # one character apart in a name of three or more
    PLACEHOLDER = "placeholder"  # exactly one of the two is a placeholder
    DIFFERENT = "different"


def _load() -> tuple[dict[str, str], dict[str, int]]:
    data = tomllib.loads(VARIANTS.read_text(encoding="utf-8"))
    simplified: dict[str, str] = {}
    for pair in data["traditional"]["pairs"].split():
        if len(pair) == 2 and pair[0] != pair[1]:
            simplified[pair[0]] = pair[1]
    lookalike: dict[str, int] = {}
    for n, group in enumerate(data["lookalike"]["groups"].split()):
        for c in group:
            lookalike.setdefault(c, n)
    return simplified, lookalike


SIMPLIFIED, LOOKALIKE_CLASS = _load()
_FOLD = str.maketrans(SIMPLIFIED)
_FIRST_OF_CLASS: dict[int, str] = {}
for _c, _n in LOOKALIKE_CLASS.items():
    _FIRST_OF_CLASS.setdefault(_n, _c)
# traditional → simplified, then each look-alike to the first of its class
_CANONICAL = str.maketrans({**SIMPLIFIED, **{
    c: _FIRST_OF_CLASS[n] for c, n in LOOKALIKE_CLASS.items() if _FIRST_OF_CLASS[n] != c}})


def canonical(name: str) -> str:
    """A blocking key: the name with traditional forms and look-alikes folded, so a
    look-alike or traditional slip lands in the same block as the name it slipped from."""
    return (name or "").translate(_CANONICAL).translate(_CANONICAL)


def is_placeholder_name(name: str) -> bool:
    return bool(_PLACEHOLDER.search(name or ""))


def fold(name: str) -> str:
    """Traditional forms to simplified, so 張偉 and 张伟 compare equal."""
    return names.normalize_name(name).translate(_FOLD)


@lru_cache(maxsize=200_000)
def pinyin(name: str) -> str:
    return names.name_keys(fold(name)).pinyin


@lru_cache(maxsize=200_000)
def _normal(name: str) -> str:
    return names.normalize_name(name)


def relate(a: str, b: str, a_placeholder: bool = False, b_placeholder: bool = False,
           a_pinyin: str = "", b_pinyin: str = "") -> NameRelation:
    a, b = _normal(a), _normal(b)
    pa = a_placeholder or is_placeholder_name(a)
    pb = b_placeholder or is_placeholder_name(b)
    if pa != pb:
        return NameRelation.PLACEHOLDER
    if a == b:
        return NameRelation.SAME
    fa, fb = a.translate(_FOLD), b.translate(_FOLD)
    if fa == fb:
        return NameRelation.TRADITIONAL
    a_pinyin, b_pinyin = a_pinyin or pinyin(a), b_pinyin or pinyin(b)
    if a_pinyin and a_pinyin == b_pinyin:
        return NameRelation.HOMOPHONE
    if len(fa) == len(fb):
        diff = [(x, y) for x, y in zip(fa, fb, strict=True) if x != y]
        if len(diff) == 1:
            x, y = diff[0]
            if x in LOOKALIKE_CLASS and LOOKALIKE_CLASS[x] == LOOKALIKE_CLASS.get(y):
                return NameRelation.LOOKALIKE
            if len(fa) >= 3:
                return NameRelation.CLOSE
    return NameRelation.DIFFERENT


def differing(a: str, b: str) -> tuple[str, str]:
    """The characters that differ, for the reason's words."""
    fa, fb = _normal(a), _normal(b)
    if len(fa) != len(fb):
        return fa, fb
    diff = [(x, y) for x, y in zip(fa, fb, strict=True) if x != y]
    return ("".join(x for x, _ in diff), "".join(y for _, y in diff)) if diff else (fa, fb)

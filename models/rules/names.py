"""Names: normalisation and the pinyin keys the lookup searches by."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from models.core.errors import DomainError
from models.texts import messages as msg

MAX_NAME_LENGTH = 40
MIDDLE_DOT = "·"
_DOT_VARIANTS = str.maketrans({c: MIDDLE_DOT for c in "•・‧･.．⋅∙"})
_HAN_START = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003134F\uf900-\ufaff]")
_ALLOWED = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003134F\uf900-\ufaffA-Za-z· ]+$")

# Readings of surnames that pypinyin's everyday reading gets wrong.
SURNAME_READINGS = {
    "曾": ["zeng"], "单": ["shan"], "解": ["xie"], "仇": ["qiu"], "区": ["ou"],
    "朴": ["piao"], "查": ["zha"], "覃": ["qin"], "缪": ["miao"], "翟": ["zhai"],
    "盖": ["ge"], "乐": ["yue"], "秘": ["bi"], "种": ["chong"], "冼": ["xian"],
    "折": ["she"], "贲": ["ben"], "繁": ["po"], "召": ["shao"], "宓": ["fu"],
    "员": ["yun"], "祭": ["zhai"], "句": ["gou"], "逄": ["pang"], "牟": ["mou"],
    "尉迟": ["yu", "chi"], "万俟": ["mo", "qi"], "单于": ["chan", "yu"],
    "澹台": ["tan", "tai"], "长孙": ["zhang", "sun"], "欧阳": ["ou", "yang"],
    "司马": ["si", "ma"], "上官": ["shang", "guan"], "诸葛": ["zhu", "ge"],
    "东方": ["dong", "fang"], "皇甫": ["huang", "fu"], "公孙": ["gong", "sun"],
    "慕容": ["mu", "rong"], "宇文": ["yu", "wen"], "司徒": ["si", "tu"],
    "夏侯": ["xia", "hou"], "令狐": ["ling", "hu"], "端木": ["duan", "mu"],
    "独孤": ["du", "gu"], "南宫": ["nan", "gong"], "西门": ["xi", "men"],
    "轩辕": ["xuan", "yuan"], "公冶": ["gong", "ye"], "宗政": ["zong", "zheng"],
    "濮阳": ["pu", "yang"], "申屠": ["shen", "tu"], "钟离": ["zhong", "li"],
    "闻人": ["wen", "ren"], "赫连": ["he", "lian"], "呼延": ["hu", "yan"],
    "百里": ["bai", "li"], "东郭": ["dong", "guo"], "拓跋": ["tuo", "ba"],
}
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

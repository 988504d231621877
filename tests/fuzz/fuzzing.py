"""What every fuzz test shares: reproducible settings and the kinds of text people and
files bring.

Reproducible: derandomize=True (the examples follow from the test alone) and no example
database, so CI runs exactly what a developer ran. YIBAO_FUZZ_SCALE=10 runs ten times as
many examples, for a longer look by hand; the default run keeps to its budget.
"""

import datetime as dt
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from models.core.errors import DomainError

SCALE = float(os.environ.get("YIBAO_FUZZ_SCALE", "1"))
RUNS: dict[str, int] = {}  # examples run per target, printed at the end of the session


def fuzz(examples: int):
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None,
                    derandomize=True, database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large])


def counted(name: str) -> None:
    RUNS[name] = RUNS.get(name, 0) + 1


def result_or_domain_error(call, *args, **kwargs):
    """call's result, or None when it refused with a DomainError: anything else fails."""
    try:
        return call(*args, **kwargs)
    except DomainError as e:
        assert e.message and isinstance(e.message, str)
        return None


# Any character at all, lone surrogates and NUL included (st.text() leaves those out).
anything = st.characters(codec=None, exclude_categories=())
ID_ALPHABET = "0123456789Xx０１２３４５６７８９ＸｘAZ -_./·×\t\u3000٣"
id_like = st.text(alphabet=ID_ALPHABET, max_size=22)
wild_text = st.text(alphabet=anything, max_size=40)
# What breaks things most often, drawn on purpose: NUL, lone surrogates (bytes that were
# not UTF-8), full-width and Arabic-Indic digits, control and combining characters.
NASTY = ["\x00", "\udcff", "\ud800", "\udfff", "４", "٣", "\u200b", "\ufeff", "\r", "\n",
         "\t", "\u0301", "\U0010ffff", "'", "\"", "%", "_", "\\", "王", "X", " "]
nasty_text = st.text(alphabet=st.sampled_from(NASTY), max_size=12)
odd_text = st.one_of(wild_text, id_like, st.text(max_size=30), nasty_text)


@st.composite
def spoiled(draw, text: str) -> str:
    """`text` with a few nasty characters put in somewhere."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(NASTY)) + text[at:]
    return text
any_date = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
near_date = st.dates(min_value=dt.date(1890, 1, 1), max_value=dt.date(2130, 12, 31))
today = st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2100, 12, 31))
dates = st.one_of(near_date, any_date)


@st.composite
def resident_numbers(draw) -> str:
    """18-digit numbers shaped like real ones (region, birth date, sequence, check), then
    sometimes broken: a wrong check character, 15 digits, a date that does not exist."""
    from stdnum.cn import ric

    region = draw(st.sampled_from(["430225", "430923", "110101", "810000", "999999", "000000"]))
    birth = draw(st.one_of(near_date, any_date)).strftime("%Y%m%d").rjust(8, "0")
    if draw(st.booleans()):
        birth = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    body = region + birth + draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    try:
        check = ric.calc_check_digit(body)
    except Exception:
        check = "0"
    number = body + check
    shape = draw(st.sampled_from(["ok", "check", "fifteen", "short", "space"]))
    if shape == "check":
        number = body + draw(st.sampled_from("0123456789Xx"))
    elif shape == "fifteen":
        number = region + birth[2:] + body[-3:]
    elif shape == "short":
        number = number[:draw(st.integers(0, 17))]
    elif shape == "space":
        number = number[:6] + " " + number[6:14] + "-" + number[14:]
    return number


id_numbers = st.one_of(resident_numbers(), id_like, wild_text, nasty_text,
                       resident_numbers().flatmap(spoiled))

"""How much of an ID number or a phone number is shown where the whole is not needed:
the lookup's results, screens, slips, `yibao lookup` unless a supervisor asks with
--full-id. One rule, kept here.

An ID number keeps its first 6 (the issuing region) and last 4 characters, as slips
print it: 430225199001011234 -> 430225********1234. A phone keeps its first 3 (the
carrier) and last 4: 13812345678 -> 138****5678. A number too short for that to hide
at least MIN_HIDDEN characters (a 10-character birth certificate number would be shown
whole) keeps only its first and last two, and a very short one nothing.
"""

ID_KEEP = (6, 4)
PHONE_KEEP = (3, 4)
MIN_HIDDEN = 4
MARK = "*"


_RESIDENT_LENGTH = 18
_RESIDENT_HIDDEN = MARK * (_RESIDENT_LENGTH - sum(ID_KEEP))


def mask_id(number: str | None) -> str:
    if number and len(number) == _RESIDENT_LENGTH:  # nearly every number: each lookup row
        return number[:ID_KEEP[0]] + _RESIDENT_HIDDEN + number[-ID_KEEP[1]:]
    return _mask(number, *ID_KEEP)


def mask_phone(phone: str | None) -> str:
    return _mask(phone, *PHONE_KEEP)


def _mask(text: str | None, head: int, tail: int) -> str:
    if not text:
        return ""
    if len(text) - head - tail < MIN_HIDDEN:
        head = tail = min(2, len(text) // 4)
        if len(text) - head - tail < 1:
            head = tail = 0
    return text[:head] + MARK * (len(text) - head - tail) + text[len(text) - tail:]

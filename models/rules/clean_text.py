"""Text from people and files, made fit for the database at the edge.

A NUL character is refused by PostgreSQL's driver, and a lone surrogate (what Python
makes of bytes that are not UTF-8, or of half an emoji pasted from a broken clipboard)
cannot be encoded by either driver. Neither is ever part of a name, an address or a
reason, so they are dropped where text comes in, never passed on to fail deep inside
a transaction.
"""

import re

_UNFIT = re.compile("[\x00\ud800-\udfff]")


def is_fit(text: str) -> bool:
    """True when the text holds no NUL and no lone surrogate."""
    return _UNFIT.search(text) is None


def clean(text: str) -> str:
    """The text without NUL characters and lone surrogates (a proper surrogate pair
    cannot occur in a Python str: it is one code point there)."""
    return _UNFIT.sub("", text)


def all_fit(value) -> bool:
    """True when every text in a parsed file (keys and values, nested in tables and
    lists) is fit: TOML's "\\u0000" escape puts a NUL into a string."""
    if isinstance(value, str):
        return is_fit(value)
    if isinstance(value, dict):
        return all(all_fit(k) and all_fit(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(all_fit(v) for v in value)
    return True

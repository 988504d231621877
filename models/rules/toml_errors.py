"""Where a TOML file is broken, from tomllib's error: Python 3.11's TOMLDecodeError has no
line attribute (3.14 adds one), only "Invalid value (at line 4, column 7)" in its message."""

import re
import tomllib

from models.rules.clean_text import all_fit
from models.texts import files
from models.texts import messages as msg

_TOML_AT = re.compile(r"^(?P<reason>.*) \(at (?:line (?P<line>\d+), column \d+|end of document)\)$",
                      re.DOTALL)
_HEADER = re.compile(r"^\s*\[+\s*(?P<name>[^\[\]]+?)\s*\]*\s*(#.*)?$")
_KEY = re.compile(r"^\s*(?P<key>[A-Za-z0-9_\-.\"' ]+?)\s*=")


def toml_error_place(error: tomllib.TOMLDecodeError, text: str) -> tuple[str, str, str]:
    """Where tomllib's error is, for a refusal: (line, key, reason in Chinese). tomllib
    gives the place only inside its message, "Invalid value (at line 4, column 7)" or
    "... (at end of document)" (the last written line, then); the key is the one written
    on that line (under its table), "-" when the line holds none."""
    found = _TOML_AT.match(str(error))
    if found is None:
        return "-", "-", str(error)
    lines = text.splitlines()
    if found["line"]:
        number = int(found["line"])
    else:
        number = max((i + 1 for i, line in enumerate(lines) if line.strip()), default=1)
    english = found["reason"]
    reason = next((words for start, words in files.TOML_REASONS.items()
                   if english.startswith(start)), english)
    return str(number), _key_on_line(lines, number - 1), reason


def _key_on_line(lines: list[str], index: int) -> str:
    if not 0 <= index < len(lines):
        return "-"
    line = lines[index]
    header = _HEADER.match(line)
    if header and line.lstrip().startswith("["):
        return header["name"].strip()
    key = _KEY.match(line)
    if key is None:
        return "-"
    table = next((h["name"].strip() for h in map(_HEADER.match, reversed(lines[:index]))
                  if h), "")
    return f"{table}.{key['key'].strip()}" if table else key["key"].strip()



def load_fit_toml(text: str) -> dict:
    """tomllib.loads, refusing text no database can store: TOML's "\\u0000" escape puts a
    NUL into a string or a key. Valid TOML, but a malformed file here: refused, with the
    line, as a TOMLDecodeError like any other."""
    data = tomllib.loads(text)
    if not all_fit(data):
        escape = re.search(r"\\(u0000|U00000000)", text)
        line = text.count("\n", 0, escape.start()) + 1 if escape else 1
        raise tomllib.TOMLDecodeError(f"{files.UNFIT_TEXT} (at line {line}, column 1)")
    return data


def policy_bad(path: object, line: str, key: str, reason: str) -> str:
    """The refusal's words, naming only the place that is known ("-" is unknown)."""
    if line != "-":
        return msg.POLICY_BAD.format(path=path, line=line, key=key, reason=reason)
    if key != "-":
        return msg.POLICY_BAD_KEY.format(path=path, key=key, reason=reason)
    return msg.POLICY_BAD_FILE.format(path=path, reason=reason)

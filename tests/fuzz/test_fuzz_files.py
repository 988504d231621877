"""Property-based: real policy and region files, mutated (bytes flipped, lines and keys
dropped, values of another type, huge numbers, NUL, bytes that are not UTF-8), load or
are refused with a DomainError naming the file, never another exception (issue 10, 5)."""

import re
import tempfile
from pathlib import Path

import pytest
from fuzzing import counted, fuzz, result_or_domain_error
from hypothesis import given
from hypothesis import strategies as st

from models.core.errors import DomainError
from models.paths import POLICIES, REGIONS
from models.rules.policy import Policy, load_policy
from models.rules.region_file import RegionSpec, read_region_file

POLICY_FILES = sorted(POLICIES.glob("*.toml"))
REGION_FILES = sorted(REGIONS.glob("*.toml"))
_VALUE = re.compile(rb"=\s*(.+)$", re.M)
REPLACEMENTS = [b"0", b"-1", b"9" * 30, b"1e999", b"nan", b"\"\"", b"\"x\"", b"[]", b"{}",
                b"true", b"9999-12-31", b"0001-01-01", b"\"\x00\"", b"\"\xff\xfe\"",
                b"\"\xef\xbc\x94\xef\xbc\x93\"", b"[\"x\", 1]", b"\"" + b"9" * 400 + b"\""]


@st.composite
def mutated(draw, files: list[Path]) -> bytes:
    data = draw(st.sampled_from(files)).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "drop_line", "value", "insert", "truncate"]))
        lines = data.split(b"\n")
        if kind == "flip" and data:
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif kind == "drop_line":
            del lines[draw(st.integers(0, len(lines) - 1))]
            data = b"\n".join(lines)
        elif kind == "value":
            spots = list(_VALUE.finditer(data))
            if spots:
                spot = draw(st.sampled_from(spots))
                data = (data[:spot.start(1)] + draw(st.sampled_from(REPLACEMENTS))
                        + data[spot.end(1):])
        elif kind == "insert":
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.sampled_from([b"\x00", b"\xff", b"\xc3", b"[[", b"]",
                                                     b"=", b"\"", b"\n[x]\n"])) + data[at:]
        else:
            data = data[:draw(st.integers(0, len(data)))]
    return data


_scratch = Path(tempfile.mkdtemp(prefix="yibao-fuzz-"))


def _written(data: bytes, name: str) -> Path:
    path = _scratch / name  # the id must match the file name: keep the real one
    path.write_bytes(data)
    return path


@fuzz(1000)
@given(data=st.data())
def test_mutated_policy_files(data):
    counted("policy.load_policy (mutated file)")
    original = data.draw(st.sampled_from(POLICY_FILES))
    content = data.draw(mutated([original]))
    policy = result_or_domain_error(load_policy, _written(content, original.name))
    assert policy is None or isinstance(policy, Policy)


@fuzz(1000)
@given(content=mutated(REGION_FILES))
def test_mutated_region_files(content):
    counted("region_file.read_region_file (mutated file)")
    spec = result_or_domain_error(read_region_file, _written(content, "region.toml"))
    if spec is not None:
        assert isinstance(spec, RegionSpec)
        assert all(c.isascii() and c.isdigit() and len(c) == 6
                   for c in (spec.code, *spec.id_region_codes))


@pytest.mark.parametrize("start", ["payment_plus_days:٣٠", "payment_plus_days:３０",
                                   "date:２０２６-09-01"])
def test_a_policy_file_takes_ascii_digits_only(start):
    original = POLICIES / "demo-2026.toml"
    text = original.read_text(encoding="utf-8").replace(
        'benefit_start = "from_payment"', f'benefit_start = "{start}"', 1)
    with pytest.raises(DomainError, match="benefit_start"):
        load_policy(_written(text.encode("utf-8"), original.name))

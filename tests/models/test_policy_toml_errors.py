"""A policy file that is not valid TOML is refused with its real line and, where the line
holds one, its key (issue 9, point 15: it said 第-行，键 -)."""

import pytest

from models.paths import POLICIES
from models.rules.policy import load_policy
from models.rules.policy_model import PolicyError

DEMO = (POLICIES / "demo-2027.toml").read_text(encoding="utf-8")


def line_of(old: str, new: str) -> int:
    """The line where `new` ends once it replaces the first `old` in the demo file."""
    return DEMO[:DEMO.index(old)].count("\n") + 1 + new.count("\n")


@pytest.mark.parametrize(
    ("old", "new", "key", "reason"),
    [
        ("end = 2026-12-31", "end = ", "window.end", "值无效"),
        ("end = 2026-12-31", "end = 2026-12-31x", "window.end", "值后面多了内容"),
        ("individual = 400", "individual = 400\nindividual = 500", "rates.individual",
         "同一个键写了两次"),
        ('note = "演示用政策，不是任何真实县的规定"', 'note = "演示用政策', "note",
         "文字缺少结尾的引号"),
        ("[benefit]", "[benefit", "benefit", "表头缺少结尾的 ]"),
        ("[benefit]", "[window]", "window", "同一个表写了两次"),
        ("individual = 400", "individual 400", "-", "键后面缺少 ="),
    ],
)
def test_broken_toml_names_its_line_and_key(tmp_path, old, new, key, reason):
    assert old in DEMO
    text = DEMO.replace(old, new, 1)
    path = tmp_path / "demo-2027.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as e:
        load_policy(path)
    assert e.value.message.startswith(
        f"政策文件 {path} 第{line_of(old, new)}行，键 {key}：不是有效的 TOML（{reason}")
    assert not any(word in e.value.message for word in ("Invalid", "Expected", "Cannot"))


def test_an_error_at_the_end_of_the_file_names_the_last_line(tmp_path):
    path = tmp_path / "demo-2027.toml"
    path.write_text(DEMO.rstrip("\n") + "\nextra = [1, 2\n\n", encoding="utf-8")
    with pytest.raises(PolicyError) as e:
        load_policy(path)
    last = len(DEMO.rstrip("\n").splitlines()) + 1
    assert f"第{last}行" in e.value.message and "列表缺少结尾的 ]" in e.value.message


def test_a_file_refused_as_a_whole_names_no_line_or_key(tmp_path):
    """A device or a folder as a policy file: the refusal names the file, not a place in it
    (it said 第-行，键 -)."""
    with pytest.raises(PolicyError) as refused:
        load_policy(tmp_path)
    message = str(refused.value)
    assert message == f"政策文件 {tmp_path}：不是普通文件（是文件夹、设备或管道）"

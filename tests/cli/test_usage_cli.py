"""argparse's own words in Chinese: usage, help, and each usage error as the usage followed
by one Chinese line, exit 2; the lookup's paging and year options refuse what makes no
sense instead of answering it."""

import argparse
import re

import pytest
from cli_process import yibao

from tui.cli.app import build_parser

# argparse's English, none of which a clerk should see
ENGLISH = re.compile(r"usage|error|argument|invalid|required|choose from|unrecognized|"
                     r"expected|options:|show this help", re.IGNORECASE)


def usage_error(result) -> str:
    """The usage (first line 用法：…), then the reason as the last line, in Chinese; returns
    that line."""
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("用法：yibao"), result.stderr
    last = lines[-1]
    assert last.startswith("错误：") and not ENGLISH.search(last), last
    return last


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["clerk"], "缺少必需的参数：ACTION"),
        (["clerk", "add", "--db", "sqlite:///x.db"], "缺少必需的参数：--username"),
        (["bogus"], "没有 'bogus' 这一项"),
        (["lookup", "王", "--bogus"], "无法识别的参数：--bogus"),
        (["lookup", "王", "--limit"], "参数 --limit：后面应跟一个值"),
        (["lookup", "王", "--limit", "x"], "应为整数"),
        (["clerk", "add", "--username", "abc", "--role", "boss"], "没有 'boss' 这一项"),
        (["generate", "--people", "many"], "参数 --people：应为整数"),
        (["generate", "--people", "5", "--duplicates", "lots"], "应为数字"),
        (["quote", "--policy", "demo-2027", "--case", "regular", "--on", "2026-11-22",
          "--missed-years", "two"], "参数 --missed-years：应为整数"),
    ],
)
def test_usage_errors_are_the_usage_and_one_chinese_line(args, fragment):
    assert fragment in usage_error(yibao(*args, today=False))


@pytest.mark.parametrize("args", [["--help"], ["lookup", "-h"], ["clerk", "add", "--help"],
                                  ["policy", "--help"]])
def test_help_is_in_chinese(args):
    result = yibao(*args, today=False)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("用法：yibao")
    assert "显示本帮助并退出" in result.stdout and "选项" in result.stdout
    assert not ENGLISH.search(result.stdout), result.stdout


def test_other_parsers_in_the_process_keep_their_words():
    """The translation is in place only while yibao's parser works (pytest's own stays)."""
    parser = build_parser()
    assert "显示本帮助并退出" in parser.format_help()
    other = argparse.ArgumentParser(prog="other")
    assert "show this help message and exit" in other.format_help()
    assert other.format_usage().startswith("usage: other")


@pytest.mark.parametrize(
    ("option", "value", "fragment"),
    [
        ("--limit", "-5", "参数 --limit：应为1到500之间的整数，收到 -5"),
        ("--limit", "0", "参数 --limit：应为1到500之间的整数，收到 0"),
        ("--limit", "100000000", "收到 100000000"),
        ("--offset", "-1", "参数 --offset：应为0到100000之间的整数，收到 -1"),
        ("--year", "1800", "参数 --year：应为2000到2100之间的整数，收到 1800"),
        ("--year", "20270", "收到 20270"),
    ],
)
def test_lookup_refuses_pages_and_years_that_make_no_sense(tmp_path, option, value, fragment):
    url = f"sqlite:///{tmp_path / 'none.db'}"
    line = usage_error(yibao("lookup", "王", "--db", url, option, value))
    assert fragment in line

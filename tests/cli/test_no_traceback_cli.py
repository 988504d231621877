"""Issue 10, point 5: whatever the command line is given, a Chinese line and an exit code,
never a traceback. Each case here was a traceback (or a hang) before."""

import json
import os
import subprocess

import pytest
from cli_process import COMMAND, TODAY, one_chinese_line, yibao

LONG = "x" * 5000


def refused(result: subprocess.CompletedProcess) -> bool:
    """A refusal: exit 2 and one Chinese line on stderr."""
    return result.returncode == 2 and one_chinese_line(result.stderr)


def test_an_argument_that_is_not_utf8_is_refused_in_chinese(tmp_path):
    # b"\xff\xfe" arrives in sys.argv as lone surrogates; str args are encoded back to the
    # same bytes by subprocess (os.fsencode).
    result = yibao("lookup", "\udcff\udcfe430225", "--db", f"sqlite:///{tmp_path}/x.db")
    assert refused(result)
    assert "UTF-8" in result.stderr and "\ufffd\ufffd430225" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_a_stdin_line_that_is_not_utf8_is_an_error_line_and_the_batch_goes_on(county_url):
    answer = subprocess.run([*COMMAND, "lookup", "--stdin", "--db", county_url,
                             "--today", TODAY],
                            input=b"wang\n\xff\xfe\xc3\nab\x00c\nli\n", capture_output=True,
                            timeout=120)
    assert answer.returncode == 0, answer.stderr.decode()
    lines = [json.loads(line) for line in answer.stdout.decode("utf-8").splitlines()]
    assert len(lines) == 4
    assert lines[0]["query"] == "wang" and lines[0]["results"]
    assert lines[1] == {"query": "\ufffd\ufffd\ufffd", "error": lines[1]["error"]}
    assert "UTF-8" in lines[1]["error"]
    assert lines[2] == {"query": "ab\ufffdc", "error": lines[1]["error"]}
    assert lines[3]["query"] == "li" and lines[3]["results"]


@pytest.mark.parametrize("args", [
    ["--limit", str(2**63)], ["--limit", "-1"], ["--limit", "0"], ["--limit", "1" * 5000],
    ["--offset", str(2**63)], ["--offset", "-1"], ["--year", str(2**64)],
])
def test_out_of_range_page_options_are_usage_errors(tmp_path, args):
    result = yibao("lookup", "wang", "--db", f"sqlite:///{tmp_path}/x.db", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("用法") and "错误：参数 " + args[0] in result.stderr


@pytest.mark.parametrize("url", [
    "sqlite:///{tmp}/" + LONG, "sqlite:///{tmp}/" + LONG + "/a.db",
    "postgresql://[::1/x", "postgresql://u:secret@h:99999/x",
])
@pytest.mark.parametrize("command", [["lookup", "wang"], ["init", "--region", "demo"]])
def test_a_database_url_that_cannot_be_used_is_refused(tmp_path, url, command):
    result = yibao(*command, "--db", url.format(tmp=tmp_path))
    assert refused(result), result.stderr
    assert "数据库" in result.stderr and "secret" not in result.stderr


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("target", ["dir", "/dev/zero", "/dev/null", "fifo", "long"])
@pytest.mark.parametrize("command", [["policy", "check"],
                                     ["init", "--db", "sqlite:///{tmp}/x.db", "--region"]])
def test_a_policy_or_region_path_that_is_no_file_is_refused(tmp_path, fifo, target, command):
    path = {"dir": str(tmp_path), "fifo": str(fifo),
            "long": str(tmp_path / LONG)}.get(target, target)
    result = yibao(*[a.format(tmp=tmp_path) for a in command], path)  # timeout: no hang
    assert refused(result), result.stderr
    assert not (tmp_path / "x.db").exists()


def test_a_file_bigger_than_any_policy_is_not_read(tmp_path):
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (2 << 20))
    result = yibao("policy", "check", str(big))
    assert refused(result) and "太大" in result.stderr


@pytest.mark.parametrize("args", [
    ["--missed-years", "100000"], ["--missed-years", "100000", "--repaid-years", "100000"],
    ["--missed-years", str(10**30), "--repaid-years", "5"], ["--repaid-years", "-1"],
])
def test_absurd_break_years_are_usage_errors(args):
    result = yibao("quote", "--policy", "demo-2026", "--case", "regular", "--on", "2026-03-01",
                   *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize("args", [
    ["--case", "regular", "--on", "9999-12-31"],
    ["--case", "regular", "--on", "0001-01-01"],
    ["--case", "newborn", "--on", "2026-03-01", "--birth", "0001-01-01"],
])
def test_dates_far_out_are_a_message(args):
    result = yibao("quote", "--policy", "demo-2026", *args)
    assert refused(result), result.stderr
    assert "太远" in result.stderr


@pytest.mark.parametrize("args", [["--people", "-5"], ["--people", str(10**12)],
                                  ["--people", "5", "--duplicates", "nan"],
                                  ["--people", "5", "--duplicates", "-1"]])
def test_generate_refuses_absurd_numbers_before_it_starts(tmp_path, args):
    result = yibao("generate", "--db", f"sqlite:///{tmp_path}/x.db", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "生成人员" not in result.stderr  # refused before the progress bar


def test_a_postgresql_url_without_the_driver_installed_says_how_to_install_it(tmp_path):
    """A counter installed with `pip install -e .` alone has no psycopg2: a hall's URL
    then gets the Chinese way out, not peewee's English at the first query."""
    blocker = tmp_path / "no_psycopg2"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import sys\nsys.modules['psycopg2'] = None  # import psycopg2 -> ImportError\n")
    env = dict(os.environ, PYTHONPATH=f"{blocker}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    done = subprocess.run([*COMMAND, "lookup", "王",
                           "--db", "postgresql://yibao_app@127.0.0.1:1/yibao"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "没有装 PostgreSQL 的驱动" in done.stderr and ".[postgresql]" in done.stderr

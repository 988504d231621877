"""A failing database is one Chinese line on stderr and a non-zero exit, never a traceback."""

import pytest
from cli_process import one_chinese_line, yibao


@pytest.mark.parametrize(
    "command",
    [["lookup", "王"], ["audit", "verify"], ["init", "--region", "demo"],
     ["clerk", "add", "--username", "zhang_clerk", "--password-stdin"]],
)
def test_a_file_that_is_not_a_database(tmp_path, command):
    path = tmp_path / "not-a.db"
    path.write_bytes(b"this is a text file, not SQLite " * 64)
    result = yibao(*command, "--db", f"sqlite:///{path}", stdin="password-1\n")
    assert result.returncode == 3, result.stderr
    assert one_chinese_line(result.stderr) and "数据库出错" in result.stderr


def test_an_unreachable_postgresql_server_is_one_line():
    # psycopg2's reason spans two lines; the command joins them into one
    result = yibao("lookup", "王", "--db", "postgresql://nobody@127.0.0.1:1/yibao")
    assert result.returncode == 2
    assert one_chinese_line(result.stderr) and "无法打开数据库" in result.stderr

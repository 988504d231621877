"""No tracebacks, and nothing made that was not asked for (issue 9, point 13): output into
a pipe whose reader has gone; `clerk add` with nobody at a terminal, or Ctrl+D at its
prompt; a refused `clerk add` on a new path; a --db in a folder that does not exist."""

import pytest
from cli_process import one_chinese_line, yibao, yibao_at_terminal, yibao_into_closed_pipe


@pytest.fixture
def small_county(empty_database):
    """Built by the owner; the app role's URL."""
    assert yibao("init", "--db", empty_database.owner, "--region", "demo").returncode == 0
    done = yibao("generate", "--db", empty_database.owner, "--people", "300", "--seed", "3")
    assert done.returncode == 0, done.stderr
    return empty_database.app


def holds_a_schema(db_url: str, tmp_path) -> bool:
    """Whether anything was made at db_url: the SQLite file, or tables in PostgreSQL."""
    if db_url.startswith("sqlite:///"):
        return (tmp_path / "yibao.db").exists()
    from playhouse.db_url import connect

    handle = connect(db_url)
    try:
        return bool(handle.get_tables())
    finally:
        handle.close()


@pytest.mark.parametrize(
    ("args", "stdin"),
    [(["lookup", "wang", "--db", "{url}"], None),
     (["lookup", "wang", "--db", "{url}", "--json"], None),
     (["lookup", "--stdin", "--db", "{url}"], "wang\n王\nli\n"),
     (["audit", "verify", "--db", "{url}"], None), (["policy", "list"], None)],
    ids=["text", "json", "stdin", "audit", "policy"],
)
def test_output_into_a_closed_pipe_stops_quietly(small_county, args, stdin):
    result = yibao_into_closed_pipe(*[a.replace("{url}", small_county) for a in args],
                                    stdin=stdin)
    assert result.stderr == ""  # no traceback, no "Exception ignored"
    assert result.returncode == 141  # 128 + SIGPIPE, as a shell reports `yes | head`


@pytest.mark.parametrize("command", [["add", "--username", "zhou"], ["passwd", "zhou"]])
def test_no_terminal_and_no_password_stdin_says_what_to_do(small_county, command):
    result = yibao("clerk", command[0], "--db", small_county, *command[1:], stdin="")
    assert result.returncode == 2 and one_chinese_line(result.stderr)
    assert "没有终端可以输入密码" in result.stderr and "--password-stdin" in result.stderr
    listed = yibao("clerk", "list", "--db", small_county)
    assert listed.stdout.strip() == "还没有账号"


def test_at_a_terminal_the_password_is_asked_twice(small_county):
    typed = [("密码：", b"counter-2027\n"), ("再输一次：", b"counter-2027\n")]
    status, shown = yibao_at_terminal("clerk", "add", "--db", small_county, "--username", "zhou",
                                      answers=typed)
    assert status == 0 and "已添加账号 zhou" in shown
    assert "counter-2027" not in shown  # not echoed


@pytest.mark.parametrize(
    ("typed", "message"),
    [([("密码：", b"\x04")], "没有输入密码"),  # Ctrl+D at the prompt
     ([("密码：", b"counter-2027\n"), ("再输一次：", b"counter-2028\n")], "两次输入的密码不一致")],
    ids=["ctrl-d", "mismatch"],
)
def test_at_a_terminal_a_refusal_is_one_line(small_county, typed, message):
    status, shown = yibao_at_terminal("clerk", "add", "--db", small_county, "--username", "zhou",
                                      answers=typed)
    assert status == 2 and message in shown and "Traceback" not in shown
    assert yibao("clerk", "list", "--db", small_county).stdout.strip() == "还没有账号"


@pytest.mark.parametrize(
    ("stdin", "message"),
    [("", "没有终端可以输入密码"), ("short\n", "密码至少8位"),
     ("long-enough-1\n", "尚未初始化")],
)
@pytest.mark.parametrize("username", ["zhou", "x"])
def test_a_refused_clerk_add_on_a_new_database_leaves_nothing(empty_database, tmp_path, stdin,
                                                              message, username):
    db_url = empty_database.app
    password_stdin = [] if stdin == "" else ["--password-stdin"]
    result = yibao("clerk", "add", "--db", db_url, "--username", username, *password_stdin,
                   stdin=stdin)
    assert result.returncode == 2 and one_chinese_line(result.stderr)
    if username == "zhou" or stdin == "":
        assert message in result.stderr
    assert not holds_a_schema(db_url, tmp_path)


@pytest.mark.parametrize(
    "command",
    [["lookup", "王"], ["audit", "verify"], ["clerk", "list"], ["clerk", "unlock", "zhou"],
     ["clerk", "add", "--username", "zhou", "--password-stdin"], []],
    ids=["lookup", "audit", "clerk-list", "clerk-unlock", "clerk-add", "counter"],
)
def test_a_database_in_a_missing_folder_is_refused_and_no_folder_made(tmp_path, command):
    url = f"sqlite:///{tmp_path}/missing/dir/x.db"
    result = yibao(*command, "--db", url, stdin="long-enough-1\n")
    assert result.returncode == 2 and one_chinese_line(result.stderr)
    assert f"没有数据库文件 {tmp_path}/missing/dir/x.db" in result.stderr
    assert "yibao init" in result.stderr
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("command", [["init", "--region", "demo"],
                                     ["generate", "--people", "20"]])
def test_the_commands_that_build_a_database_say_they_made_its_folder(tmp_path, command):
    url = f"sqlite:///{tmp_path}/new/place/x.db"
    result = yibao(*command, "--db", url)
    assert result.returncode == 0, result.stderr
    assert f"数据库所在的文件夹 {tmp_path}/new/place 不存在，已新建" in result.stderr
    assert (tmp_path / "new" / "place" / "x.db").exists()
    again = yibao("lookup", "王", "--db", url)
    assert again.returncode == 0 and "已新建" not in again.stderr


def test_the_default_database_is_not_made_by_the_counter(tmp_path, monkeypatch):
    """`yibao` with no --db and no $YIBAO_DB: yibao.db in the folder it runs in."""
    monkeypatch.delenv("YIBAO_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    result = yibao()
    assert result.returncode == 2 and "没有数据库文件 yibao.db" in result.stderr
    assert list(tmp_path.iterdir()) == []

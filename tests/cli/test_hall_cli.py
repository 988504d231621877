"""A hall's PostgreSQL server as the README sets it up (issue 10, point 7): `yibao init`
by the owner, every counter command as the app role; the wrong account is told what to
do in one Chinese line and nothing is made."""

import os

import pytest
from cli_process import one_chinese_line, yibao
from db_peek import tables_at

from models.core.app_role import default_app_role

ON_POSTGRESQL = [b for b in os.environ.get("YIBAO_TEST_BACKENDS", "sqlite,postgresql").split(",")
                 if b == "postgresql"]
postgresql_only = pytest.mark.parametrize("empty_database", ON_POSTGRESQL, indirect=True)


def test_init_by_the_owner_then_the_counters_as_the_app_role(empty_database):
    """On SQLite both URLs are the one file and --app-role is not used."""
    owner, app = empty_database.owner, empty_database.app
    init = yibao("init", "--db", owner, "--region", "demo", "--app-role", default_app_role())
    assert init.returncode == 0, init.stderr
    add = yibao("clerk", "add", "--db", app, "--username", "zhou", "--name", "周经办",
                "--role", "clerk", "--password-stdin", stdin="counter-2027\n")
    assert add.returncode == 0, add.stderr
    gen = yibao("generate", "--db", app, "--people", "30", "--seed", "2")
    assert gen.returncode == 0, gen.stderr
    found = yibao("lookup", "wang", "--db", app, "--json")
    assert found.returncode == 0, found.stderr
    verify = yibao("audit", "verify", "--db", app)
    assert verify.returncode == 0 and "审计链完好" in verify.stdout
    again = yibao("init", "--db", owner, "--region", "demo")  # a later upgrade: harmless
    assert again.returncode == 0 and "已载入" in again.stdout


@postgresql_only
def test_init_as_the_app_role_is_refused(empty_database):
    result = yibao("init", "--db", empty_database.app, "--region", "demo")
    assert result.returncode == 2 and one_chinese_line(result.stderr)
    assert "数据库需要升级" in result.stderr and "所有者账号运行 yibao init" in result.stderr
    assert tables_at(empty_database.app) == []
    assert yibao("init", "--db", empty_database.owner, "--region", "demo").returncode == 0
    again = yibao("init", "--db", empty_database.app, "--region", "demo")
    assert again.returncode == 2 and one_chinese_line(again.stderr)
    assert "yibao init 要用数据库所有者的账号运行" in again.stderr


@postgresql_only
def test_init_names_the_sql_for_a_missing_app_role(empty_database):
    result = yibao("init", "--db", empty_database.owner, "--region", "demo",
                   "--app-role", "counter_role_nobody_made")
    assert result.returncode == 2 and one_chinese_line(result.stderr)
    assert "CREATE ROLE counter_role_nobody_made LOGIN PASSWORD" in result.stderr
    assert tables_at(empty_database.owner) == []


@postgresql_only
def test_a_counter_without_rights_is_one_line_not_a_traceback(empty_database):
    """Before `init` granted the app role anything: the lookup (which does not migrate)
    and the clerk commands say what to do."""
    assert yibao("init", "--db", empty_database.owner, "--region", "demo").returncode == 0
    from playhouse.db_url import connect

    owner = connect(empty_database.owner)
    owner.execute_sql(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{default_app_role()}"')
    owner.close()
    for command in (["lookup", "王"], ["clerk", "list"]):
        result = yibao(*command, "--db", empty_database.app)
        assert result.returncode == 2 and one_chinese_line(result.stderr), result.stderr
        assert "没有使用数据库" in result.stderr and "yibao init" in result.stderr


@postgresql_only
def test_a_demo_asked_of_the_app_role_is_told_it_takes_the_owner(db_urls):
    """The app role may not write the demo mark (a counter must not turn the hall's
    database into a passwordless demo): the refusal is in words, and nothing is made."""
    done = yibao("demo", "--db", db_urls.app, "--people", "30")
    said = done.stderr.strip().splitlines()[-1]  # after the line saying the key was made
    assert done.returncode == 3 and said.startswith("错误：")
    assert "无权" in said and "所有者" in said and "Traceback" not in done.stderr
    people = yibao("lookup", "wang", "--db", db_urls.app, "--json")
    assert people.returncode == 0 and '"results": []' in people.stdout

"""`yibao` and `yibao demo`: the policy in force chosen from the database's region and the
day (no year in the code), --policy / $YIBAO_POLICY overriding it, the counter id from
config handed to the window, and a bad config refused before anything opens.

The window itself is not run here (tests/tui drive it with Pilot): CounterApp.run is
replaced by a recorder, so these tests see the app exactly as the command built it."""

import datetime as dt

import pytest
from actors import SYSTEM
from cli_process import one_chinese_line, yibao

from models.core.clock import FixedClock
from models.registry.regions import load_region
from models.rules.region_file import read_region_file, resolve_region_path
from tui.app import CounterApp
from tui.cli import main
from tui.cli.app import build_parser
from tui.cli.counter import counter_policy


def load(region: str) -> None:
    load_region(FixedClock(dt.date(2026, 11, 22)), SYSTEM,
                read_region_file(resolve_region_path(region)))


def parse(*argv: str):
    return build_parser().parse_args(list(argv))


@pytest.fixture
def opened(monkeypatch):
    """The CounterApps the command would have run."""
    apps: list[CounterApp] = []
    monkeypatch.setattr(CounterApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


@pytest.mark.parametrize(
    ("region", "today", "expected"),
    [
        ("demo", "2026-11-22", "demo-2027"),  # collecting for 2027 (window 09-01..12-31)
        ("demo", "2027-06-01", "demo-2027"),  # inside the 2027 benefit year
        ("demo", "2028-03-01", None),  # no 2028 file for the demo county
        ("yanling-2021", "2020-11-11", "yanling-2021"),  # collection window 2020-10-01..12-31
        ("yanling-2021", "2021-06-01", "yanling-2021"),
        # 演示县 and 炎陵县 share the region code 430225: the name tells them apart
        ("yanling-2021", "2026-11-22", None),
        ("demo", "2020-11-11", None),
    ],
)
def test_counter_policy_is_the_one_in_force(db, region, today, expected):
    load(region)
    policy = counter_policy(parse("--db", "x"), FixedClock(dt.date.fromisoformat(today)))
    assert (policy.id if policy else None) == expected


def test_policy_option_and_environment_override_the_choice(db, monkeypatch):
    load("demo")
    clock = FixedClock(dt.date(2026, 11, 22))
    assert counter_policy(parse("--policy", "lengshi-2024"), clock).id == "lengshi-2024"
    assert counter_policy(parse("demo", "--policy", "chaqi-2021"), clock).id == "chaqi-2021"
    monkeypatch.setenv("YIBAO_POLICY", "yanling-2021")
    assert counter_policy(parse(), clock).id == "yanling-2021"
    assert counter_policy(parse("--policy", "dongzhi-2021"), clock).id == "dongzhi-2021"


def test_no_region_means_no_policy(db):
    assert counter_policy(parse(), FixedClock(dt.date(2026, 11, 22))) is None


def test_counter_opens_with_this_years_policy_and_the_configured_counter(
        db, db_url, opened, monkeypatch, capsys):
    load("demo")
    monkeypatch.setenv("YIBAO_COUNTER", "T7")
    assert main(["--db", db_url, "--today", "2026-11-22"]) == 0
    (app,) = opened
    assert app.session.policy.id == "demo-2027" and app.session.benefit_year == 2027
    assert app.session.counter == "T7" and app.session.actor is None  # the clerk logs in
    assert capsys.readouterr().err == ""


def test_counter_without_a_policy_in_force_still_opens_and_says_so(
        db, db_url, opened, capsys):
    load("yanling-2021")
    assert main(["--db", db_url, "--today", "2026-11-22"]) == 0
    (app,) = opened
    assert app.session.policy is None
    err = capsys.readouterr().err
    assert one_chinese_line(err) and "炎陵县" in err and "2026-11-22" in err
    assert "没有生效的政策" in err


def test_counter_on_a_database_without_a_region_says_so(db, db_url, opened, capsys):
    assert main(["--db", db_url, "--today", "2026-11-22"]) == 0
    assert opened[0].session.policy is None
    err = capsys.readouterr().err
    assert one_chinese_line(err) and "yibao init" in err


def test_demo_builds_the_county_then_opens_signed_in_with_this_years_policy(
        empty_database, opened, monkeypatch, capsys):
    db_url = empty_database.owner  # demo makes the database: its owner's work
    monkeypatch.setenv("YIBAO_COUNTER", "T7")
    assert main(["demo", "--db", db_url, "--people", "40", "--today", "2026-11-22"]) == 0
    assert "正在生成演示县（40人" in capsys.readouterr().err
    assert main(["demo", "--db", db_url, "--today", "2027-02-01"]) == 0
    assert "使用已有的演示库" in capsys.readouterr().err
    for app in opened[:2]:
        assert app.session.policy.id == "demo-2027"
        assert app.session.counter == "T7"
        assert (app.session.actor.username, app.session.actor.counter) == ("demo", "T7")
    assert opened[1].session.actor.clerk_id == opened[0].session.actor.clerk_id
    # no year is written into the command: past the demo's only policy file there is none
    assert main(["demo", "--db", db_url, "--today", "2028-03-01"]) == 0
    assert opened[2].session.policy is None and opened[2].session.actor.username == "demo"
    assert "没有生效的政策" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("config", "counter", "fragment"),
    [
        ("counter = \n", None, "有误"),  # not TOML
        ("counter = 5\n", None, "窗口号"),  # not text
        (None, "no such counter!", "窗口号"),  # YIBAO_COUNTER beats the file
    ],
)
@pytest.mark.parametrize("command", [[], ["demo"]])
def test_a_bad_counter_config_stops_before_the_database_is_touched(
        tmp_path, monkeypatch, config, counter, fragment, command):
    if config is not None:
        (tmp_path / "config.toml").write_text(config, encoding="utf-8")
        monkeypatch.setenv("YIBAO_CONFIG", str(tmp_path / "config.toml"))
    if counter is not None:
        monkeypatch.setenv("YIBAO_COUNTER", counter)
    url = f"sqlite:///{tmp_path}/counter.db"
    result = yibao(*command, "--db", url)
    assert result.returncode == 2 and result.stdout == ""
    assert one_chinese_line(result.stderr) and fragment in result.stderr
    assert not (tmp_path / "counter.db").exists()

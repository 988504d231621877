"""`yibao policy list | check | show`: the JSON contract of `show` and Chinese refusals."""

import json

from cli_process import yibao

from models.paths import POLICIES

DEMO = POLICIES / "demo-2027.toml"
SHOW_KEYS = ["id", "region", "benefit_year", "demo", "note", "sources", "individual_rate",
             "fiscal_subsidy", "fiscal_subsidy_assumed", "full_rate", "clauses", "window",
             "benefit", "cases", "subsidies", "waiting"]


def test_policy_list_check_show(tmp_path):
    listed = yibao("policy", "list")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 8
    assert "demo-2027" in listed.stdout and "（演示）" in listed.stdout
    shown = json.loads(yibao("policy", "show", "lengshi-2024", "--json").stdout)
    assert shown["individual_rate"] == "380.00" and shown["fiscal_subsidy"] == "640.00"
    assert shown["cases"]["newborn"]["late"]["rate"] == "full"
    good = yibao("policy", "check", str(DEMO))
    assert good.returncode == 0 and "校验通过" in good.stdout
    bad = tmp_path / "demo-2027.toml"
    bad.write_text(DEMO.read_text(encoding="utf-8")
                   .replace("fixed_months = 3", "fixed_months = 3\nfixed_weeks = 1"),
                   encoding="utf-8")
    refused = yibao("policy", "check", str(bad))
    assert refused.returncode == 2 and "waiting.fixed_weeks" in refused.stderr
    assert "未知的键" in refused.stderr and "Traceback" not in refused.stderr


def test_policy_show_json_shape():
    shown = json.loads(yibao("policy", "show", "yangcheng-2021", "--json").stdout)
    assert list(shown) == SHOW_KEYS
    assert list(shown["clauses"]) == ["individual_rate", "fiscal_subsidy", "window", "benefit",
                                      "combine"]
    window = shown["window"]
    assert list(window) == ["start", "end", "days_of_month"]
    assert window["start"][4] == "-" and window["days_of_month"] == [1, 25]
    assert list(shown["benefit"]) == ["start", "end"]
    assert isinstance(shown["sources"], list)
    for rule in shown["cases"].values():
        assert {"rate", "benefit_start", "clause"} <= set(rule)
        assert None not in rule.values() and [] not in rule.values()  # unset keys left out


def test_policy_show_subsidy_amounts_in_yuan():
    subsidies = json.loads(yibao("policy", "show", "dongzhi-2021", "--json").stdout)["subsidies"]
    assert all(list(rule) == ["kind", "percent", "amount", "clause"]
               for rule in subsidies.values())
    assert subsidies["minimum_living"] == {
        "kind": "fixed_subsidy", "percent": None, "amount": "250.00",
        "clause": subsidies["minimum_living"]["clause"]}
    assert subsidies["retired_fisher"]["percent"] == 60
    assert subsidies["retired_fisher"]["amount"] is None
    assert subsidies["extreme_poverty"]["kind"] == "full"


def test_policy_show_waiting_rule_and_demo_flag():
    shown = json.loads(yibao("policy", "show", "demo-2027", "--json").stdout)
    assert shown["demo"] is True and shown["full_rate"] == "1100.00"
    assert shown["waiting"]["fixed_months"] == 3
    assert list(shown["waiting"]) == ["fixed_months", "per_extra_break_year", "per_repaid_year",
                                      "long_break_years", "long_break_min_months",
                                      "in_window_counts_from", "outside_window_counts_from",
                                      "clause", "citation"]  # issue 11: the seed's words apart
    assert json.loads(yibao("policy", "show", "yanling-2021", "--json").stdout)["waiting"] is None


def test_policy_check_on_broken_toml_names_the_line(tmp_path):
    bad = tmp_path / "demo-2027.toml"
    text = DEMO.read_text(encoding="utf-8")
    bad.write_text(text.replace("end = 2026-12-31", "end = ", 1), encoding="utf-8")
    line = text[:text.index("end = 2026-12-31")].count("\n") + 1
    refused = yibao("policy", "check", str(bad))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert f"第{line}行，键 window.end：不是有效的 TOML（值无效" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1

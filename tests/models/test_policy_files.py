import datetime as dt

import pytest

from models.core.errors import DomainError
from models.paths import POLICIES
from models.rules.policy import PolicyError, list_policies, load_policy, load_policy_id
from models.rules.quote import quote

SEED_POLICIES = ["yanling-2021", "chaqi-2021", "lengshi-2024", "dongzhi-2021", "yangcheng-2021",
                 "demo-2025", "demo-2026", "demo-2027"]


def test_every_seed_county_year_and_the_demo_load():
    assert sorted(p.id for p in list_policies()) == sorted(SEED_POLICIES)


@pytest.mark.parametrize("policy_id", SEED_POLICIES)
def test_every_rule_cites_its_source(policy_id):
    policy = load_policy_id(policy_id)
    assert policy.individual_clause and policy.fiscal_subsidy_clause and policy.window.clause
    for rule in policy.cases.values():
        assert rule.clause
        for sub in (rule.late, rule.outside_window):
            assert sub is None or sub.clause
    assert all(s.clause for s in policy.subsidies.values())


def test_where_a_seed_gives_no_subsidy_figure_the_file_says_so():
    assert not load_policy_id("dongzhi-2021").fiscal_subsidy_assumed  # seed 003 states 550
    for policy_id in ("yanling-2021", "chaqi-2021", "lengshi-2024", "yangcheng-2021"):
        policy = load_policy_id(policy_id)
        assert policy.fiscal_subsidy_assumed
        assert "假定" in policy.fiscal_subsidy_clause and "医保发" in policy.fiscal_subsidy_clause
    demo = load_policy_id("demo-2027")
    assert demo.demo and "演示" in demo.note and demo.waiting is not None


def test_amounts_are_fen():
    policy = load_policy_id("lengshi-2024")
    assert (policy.individual_rate, policy.fiscal_subsidy, policy.full_rate) == (
        38000, 64000, 102000)


BASE = (POLICIES / "chaqi-2021.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "key", "fragment"),
    [
        (lambda s: s.replace("[rates]", "[rates]\nindividul = 3"), "rates.individul", "未知的键"),
        (lambda s: s.replace("individual = 280", 'individual = "二百八"'), "rates.individual",
         "金额应写成"),
        (lambda s: s.replace("individual = 280", "individual = 280.5"), "rates.individual",
         "金额应写成"),
        (lambda s: s.replace("end = 2020-12-31", "end = 2020-08-31"), "window.end", "早于开始日期"),
        (lambda s: s.replace("percent = 50", "percent = 150", 1),
         "subsidies.categories.registered_poor.percent", "应在1到100之间"),
        (lambda s: s.replace('benefit_start = "period_start"\n', ""),
         "cases.regular.benefit_start", "待遇开始规则"),
        (lambda s: s.replace('benefit_start = "period_start"', 'benefit_start = "someday"'),
         "cases.regular.benefit_start", "应为 period_start"),
        (lambda s: s.replace("[cases.regular]", "[cases.holiday]"), "cases.holiday", "未知的情形"),
        (lambda s: s.replace("[subsidies.categories.marginal]", "[subsidies.categories.vip]"),
         "subsidies.categories.vip", "未知的身份"),
        (lambda s: s.replace('rate = "individual"', 'rate = "half"'), "cases.regular.rate",
         "只能是 individual / full / free"),
        (lambda s: s.replace('id = "chaqi-2021"', 'id = "other"'), "id", "应与文件名一致"),
        (lambda s: s.replace("benefit_year = 2021", "benefit_year = \"2021\""), "benefit_year",
         "应为整数"),
    ],
)
def test_broken_files_are_refused_with_file_key_line_and_reason(tmp_path, edit, key, fragment):
    path = tmp_path / "chaqi-2021.toml"
    path.write_text(edit(BASE), encoding="utf-8")
    with pytest.raises(PolicyError) as e:
        load_policy(path)
    message = e.value.message
    assert str(path) in message and f"键 {key}：" in message and fragment in message
    assert "第-行" not in message  # the line was found


def test_not_toml_at_all(tmp_path):
    path = tmp_path / "chaqi-2021.toml"
    path.write_text("[rates\nindividual = ", encoding="utf-8")
    with pytest.raises(PolicyError) as e:
        load_policy(path)
    assert "不是有效的 TOML" in e.value.message


def test_unknown_policy_id_lists_the_known_ones():
    with pytest.raises(PolicyError) as e:
        load_policy_id("../../etc/passwd")
    assert "demo-2027" in e.value.message


def test_the_policy_in_force_comes_from_the_region_and_the_day():
    from models.rules.policy import policy_in_force

    demo = ("430225", "演示县")
    assert policy_in_force(*demo, dt.date(2026, 11, 22)).id == "demo-2027"  # collecting
    assert policy_in_force(*demo, dt.date(2027, 6, 1)).id == "demo-2027"  # its benefit year
    assert policy_in_force(*demo, dt.date(2026, 3, 1)).id == "demo-2026"  # the year before
    assert policy_in_force(*demo, dt.date(2024, 3, 1)) is None  # no demo file for 2024
    # 炎陵县 shares the demo's code: the name tells them apart.
    assert policy_in_force("430225", "炎陵县", dt.date(2020, 11, 1)).id == "yanling-2021"
    assert policy_in_force("430623", "华容县插旗镇", dt.date(2021, 5, 1)).id == "chaqi-2021"
    assert policy_in_force("999999", "无此县", dt.date(2021, 5, 1)) is None


DEMO = (POLICIES / "demo-2027.toml").read_text(encoding="utf-8")
FLOOD = """
[subsidies.categories.flood_victim]
label = "受灾群众"
kind = "fixed_payable"
amount = 100
quote = ""
assumption = "演示：受灾群众个人缴费100元"
because = "演示县的取值"
"""


def test_a_policy_file_may_add_a_category_of_its_own(tmp_path):
    path = tmp_path / "demo-2027.toml"
    path.write_text(DEMO.replace("[subsidies.categories.extreme_poverty]",
                                 FLOOD + "\n[subsidies.categories.extreme_poverty]"),
                    encoding="utf-8")
    policy = load_policy(path)
    assert policy.label("flood_victim") == "受灾群众"
    assert policy.label("extreme_poverty") == "特困人员"  # the catalog's words
    assert "flood_victim" in policy.category_codes
    result = quote(policy, "regular", dt.date(2026, 11, 1), identities=["flood_victim"])
    assert (result.subsidy_category, result.payable) == ("flood_victim", 10000)
    assert any("演示：受灾群众个人缴费100元" in c for c in result.clauses)
    # Another policy has never heard of it.
    with pytest.raises(DomainError, match="未知的身份属性：flood_victim"):
        quote(load_policy_id("demo-2027"), "regular", dt.date(2026, 11, 1),
              identities=["flood_victim"])


def test_a_new_category_without_its_words_is_refused(tmp_path):
    path = tmp_path / "demo-2027.toml"
    path.write_text(DEMO.replace("[subsidies.categories.extreme_poverty]",
                                 FLOOD.replace('label = "受灾群众"\n', "")
                                 + "\n[subsidies.categories.extreme_poverty]"),
                    encoding="utf-8")
    with pytest.raises(PolicyError) as e:
        load_policy(path)
    assert "subsidies.categories.flood_victim" in e.value.message
    assert "须写明 label" in e.value.message

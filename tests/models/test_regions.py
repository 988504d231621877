from pathlib import Path

import pytest
from actors import SYSTEM

from models.core.errors import DomainError
from models.core.schema import AuditEvent, Target, Township, Village
from models.paths import REGIONS
from models.registry.regions import load_region
from models.rules.region_file import read_region_file, resolve_region_path


@pytest.mark.parametrize(
    ("name", "townships", "villages", "population", "target"),
    [
        # seed 000 附件1: 10 townships, 合计 191739 / 179332
        ("yanling-2021", 10, 0, 191739, 179332),
        # seed 001 附件1: 8 villages of 插旗镇, 合计 28871 / 27431
        ("chaqi-2021", 1, 8, 28871, 27431),
        # seed 002 附件: 18 villages of 冷市镇, 合计 37288 / 31700
        ("lengshi-2024", 1, 18, 37288, 31700),
    ],
)
def test_seed_target_tables_load(db, clock, name, townships, villages, population, target):
    spec = read_region_file(resolve_region_path(name))
    result = load_region(clock, SYSTEM, spec)
    assert (result.townships, result.villages) == (townships, villages)
    assert Township.select().count() == townships
    assert Village.select().count() == villages
    assert sum(t.population for t in Target.select()) == population
    assert sum(t.target for t in Target.select()) == target
    assert AuditEvent.select().where(AuditEvent.action == "region.load").count() == 1


def test_loading_the_same_region_twice_changes_nothing(db, clock):
    spec = read_region_file(REGIONS / "chaqi-2021.toml")
    load_region(clock, SYSTEM, spec)
    again = load_region(clock, SYSTEM, spec)
    assert again.already_loaded and Village.select().count() == 8
    with pytest.raises(DomainError) as e:
        load_region(clock, SYSTEM, read_region_file(REGIONS / "lengshi-2024.toml"))
    assert "不能再载入" in e.value.message


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda s: s.replace("total_target = 27431", "total_target = 27432"),
         "targets.total_target 为 27432，但各行相加为 27431"),
        (lambda s: s.replace('unit = "village"', 'unit = "county"'), "targets.unit"),
        (lambda s: s.replace("population = 4381", 'population = "4381"'),
         "townships[1].villages[1].population 应为非负整数"),
        (lambda s: s.replace('name = "注北村"', 'name = "同福村"'), "同福村”重复"),
        (lambda s: s.replace('code = "430623"', 'code = "4306"'), "region.code"),
        # Digits that are digits to str.isdigit() but would go into ID and household numbers
        (lambda s: s.replace('code = "430623"', 'code = "４３０６２３"'), "region.code"),
        (lambda s: s.replace('code = "430623"', 'code = "\u0664\u0663\u0660\u0666\u0662\u0663"'),
         "region.code"),
        (lambda s: s + "\n[[[broken", "不是有效的 TOML"),
    ],
)
def test_broken_region_files_are_refused_with_key_and_reason(tmp_path, edit, fragment):
    path = tmp_path / "broken.toml"
    path.write_text(edit((REGIONS / "chaqi-2021.toml").read_text(encoding="utf-8")),
                    encoding="utf-8")
    with pytest.raises(DomainError) as e:
        read_region_file(path)
    assert str(path) in e.value.message and fragment in e.value.message


def test_missing_region_file():
    with pytest.raises(DomainError) as e:
        resolve_region_path("no-such-region")
    assert "找不到区域文件" in e.value.message
    assert resolve_region_path("demo") == Path(REGIONS / "demo.toml")

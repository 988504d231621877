"""`yibao import roster FILE --db URL [--dry-run] [--strict] [--json]` as a clerk's IT
person runs it (issue 15, point 1): a summary on stdout, a progress bar on stderr, the
error workbook beside the file, and a file it cannot read refused in one Chinese line,
never a traceback. The import runs as the counters' app role on PostgreSQL."""

import json

import msoffcrypto.format.ooxml
import openpyxl
import pytest
from cli_process import one_chinese_line, yibao
from roster_files import FAMILY, make_id, person, save_roster

from models.core.db import open_database
from models.core.schema import AuditEvent, Household, Person


@pytest.fixture
def url(empty_database):
    assert yibao("init", "--db", empty_database.owner, "--region", "demo").returncode == 0
    return empty_database.app


def people_in(url: str) -> tuple[int, int, int]:
    db = open_database(url, create=False)
    try:
        return Person.select().count(), Household.select().count(), AuditEvent.select().count()
    finally:
        db.close()


def test_a_dry_run_then_the_import_then_the_same_file_again(url, tmp_path):
    path = save_roster(tmp_path / "底表.xlsx", [
        *FAMILY, person("赵六", make_id("19700101", "061"), hukou="HH004", birth="不详")])
    before = people_in(url)
    dry = yibao("import", "roster", str(path), "--db", url, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "试导入" in dry.stdout and "人员4人" in dry.stdout and "未导入1行" in dry.stdout
    assert "读取底表" in dry.stderr  # the progress bar
    assert people_in(url) == before
    done = yibao("import", "roster", str(path), "--db", url)
    assert done.returncode == 0, done.stderr
    assert "已导入" in done.stdout and "人员4人" in done.stdout and "写入" in done.stderr
    assert "底表_错误行.xlsx" in done.stdout and (tmp_path / "底表_错误行.xlsx").exists()
    after = people_in(url)
    assert after[:2] == (before[0] + 4, before[1] + 2) and after[2] == before[2] + 1
    again = yibao("import", "roster", str(path), "--db", url, "--json")
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert (report["people"], report["matched"], report["households"]) == (0, 4, 0)
    assert report["refused"] == [{"line": 6, "reason": "出生日期不是日期：不详"}]
    assert report["errors_file"].endswith("底表_错误行.xlsx")
    assert people_in(url)[:2] == after[:2]


def test_a_roster_with_an_id_excel_turned_into_a_number(url, tmp_path):
    path = save_roster(tmp_path / "底表.xlsx", [person("张三", 4.3310119900805E+17)])
    done = yibao("import", "roster", str(path), "--db", url)
    assert done.returncode == 0 and "未导入1行" in done.stdout


def encrypted(path, tmp_path):
    out = tmp_path / "加密.xlsx"
    with open(path, "rb") as plain, open(out, "wb") as sealed:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("123456", sealed)
    return out


@pytest.mark.parametrize("make, words", [
    (lambda tmp: tmp / "没有.xlsx", "找不到文件"),
    (lambda tmp: tmp, "是文件夹"),
    (lambda tmp: _write(tmp / "底表.csv", "姓名,身份证号\n"), "只能导入 .xlsx"),
    (lambda tmp: _write(tmp / "底表.xlsx", "not a workbook"), "无法读取Excel文件"),
    (lambda tmp: encrypted(save_roster(tmp / "a.xlsx", FAMILY), tmp), "设有打开密码"),
    (lambda tmp: save_roster(tmp / "a.xlsx", FAMILY, header=["姓名", "身份证号", "户号"]),
     "缺少：乡镇、村(社区)"),
    (lambda tmp: save_roster(tmp / "a.xlsx", [], header=["x"]), "没有找到参保底表的表头"),
])
def test_a_file_it_cannot_read_is_one_chinese_line(url, tmp_path, make, words):
    before = people_in(url)
    done = yibao("import", "roster", str(make(tmp_path)), "--db", url)
    assert done.returncode == 2 and one_chinese_line(done.stderr), done.stderr
    assert words in done.stderr
    assert people_in(url) == before


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_an_error_workbook_it_cannot_write_is_said_after_the_import(url, tmp_path):
    path = save_roster(tmp_path / "底表.xlsx", [*FAMILY, person("", make_id("19700101", "051"),
                                                               hukou="HH009")])
    (tmp_path / "底表_错误行.xlsx").mkdir()  # in the way: the workbook cannot be saved
    before = people_in(url)
    done = yibao("import", "roster", str(path), "--db", url)
    assert done.returncode == 2 and "已导入" in done.stdout and "错误表未能写入" in done.stdout
    assert "无法写入错误表" in done.stderr.splitlines()[-1] and "Traceback" not in done.stderr
    assert people_in(url)[0] == before[0] + 4


def test_a_subsidy_roster_at_the_command_line(url, tmp_path):
    done = yibao("import", "roster", str(save_roster(tmp_path / "底表.xlsx", FAMILY)),
                 "--db", url)
    assert done.returncode == 0, done.stderr
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["2026年12月低保对象花名册"])
    ws.append(["姓名", "身份证号", "类别"])
    ws.append(["王建国", make_id("19800101", "011"), "低保对象"])
    ws.append(["李秀英", make_id("19820202", "022"), "特困人员"])
    ws.append(["无此人", make_id("19500101", "555"), "低保对象"])
    path = tmp_path / "民政.xlsx"
    book.save(path)
    dry = yibao("import", "roster", str(path), "--db", url, "--source", "县民政局",
                "--on", "2026-12-01", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "试导入资助花名册" in dry.stdout and "读取花名册" in dry.stderr
    assert "系统中没有的1人" in dry.stdout
    real = yibao("import", "roster", str(path), "--db", url, "--source", "县民政局",
                 "--on", "2026-12-01", "--json")
    assert real.returncode == 0, real.stderr
    view = json.loads(real.stdout)
    # 王建国's 低保 came with the base roster (another source): a second tag is not written
    assert (view["added"], view["matched"]) == (1, 1)
    assert view["groups"] == [["县民政局", "minimum_living"], ["县民政局", "extreme_poverty"]]
    assert view["errors_file"].endswith("民政_错误行.xlsx")
    nobody = yibao("import", "roster", str(path), "--db", url, "--kind", "subsidy",
                   "--on", "2026-12-01")
    assert nobody.returncode == 0 and "未导入3行" in nobody.stdout  # no department: none in

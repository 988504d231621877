"""`yibao init` and `yibao generate`."""

from cli_process import yibao


def test_init_and_generate_report_in_chinese(empty_database, tmp_path):
    db_url = empty_database.owner
    init = yibao("init", "--db", db_url, "--region", "lengshi-2024")
    assert init.returncode == 0 and "冷市镇" in init.stdout and "18个村" in init.stdout
    again = yibao("init", "--db", db_url, "--region", "lengshi-2024")
    assert again.returncode == 0 and "已载入" in again.stdout
    gen = yibao("generate", "--db", db_url, "--people", "500", "--seed", "1",
                "--duplicates", "0.02", "--truth", str(tmp_path / "t.csv"))
    assert gen.returncode == 0
    assert "已生成500人" in gen.stderr and "生成人员" in gen.stderr  # the progress bar
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").startswith("kind,original_id")


def test_init_refuses_a_second_region(empty_database):
    db_url = empty_database.owner
    assert yibao("init", "--db", db_url, "--region", "demo").returncode == 0
    other = yibao("init", "--db", db_url, "--region", "yanling-2021")
    assert other.returncode == 2 and "演示县" in other.stderr
    assert "Traceback" not in other.stderr

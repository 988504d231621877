import pytest
from cli_process import yibao


@pytest.fixture
def county_url(empty_database, tmp_path):
    """A small generated county (冷市镇) with injected duplicates, built through the CLI by
    the database's owner; the URL a counter (the app role) uses."""
    owner = empty_database.owner
    assert yibao("init", "--db", owner, "--region", "lengshi-2024").returncode == 0
    done = yibao("generate", "--db", owner, "--people", "2000", "--seed", "9",
                 "--duplicates", "0.02", "--truth", str(tmp_path / "truth.csv"))
    assert done.returncode == 0, done.stderr
    return empty_database.app

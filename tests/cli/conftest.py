import os

import pytest
from cli_process import yibao

# scrypt at a test cost (models/access/passwords.py; production never sets it): 2^17 takes
# about 0.3 s a hash. Read at the first hash; processes the tests start inherit it. The
# upgrade test runs at the production cost.
os.environ.setdefault("YIBAO_SCRYPT_LOG_N", "10")


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

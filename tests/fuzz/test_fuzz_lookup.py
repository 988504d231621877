"""Property-based: the counter's lookup service, on a real small county on SQLite and on
PostgreSQL, answers any query, page and year with a page or a DomainError (issue 10,
point 5)."""

import pytest
from county import CLOCK, build_county
from fuzzing import counted, fuzz, nasty_text, result_or_domain_error, spoiled, wild_text
from hypothesis import given
from hypothesis import strategies as st

from models.core.db import open_database
from models.registry.lookup import LookupPage, lookup

# Examples per backend: PostgreSQL's round trips cost more.
EXAMPLES = {"sqlite": 1200, "postgresql": 400}


@pytest.fixture
def county(db_url, tmp_path):
    """Once per backend (the fuzz runs inside one test call, not one call per example)."""
    county = build_county(tmp_path, url=db_url)
    db = open_database(county.url, migrate=False)
    yield county
    db.close_all() if hasattr(db, "close_all") else db.close()


@st.composite
def queries(draw, samples):
    real = draw(st.sampled_from(samples))
    cut = draw(st.integers(0, len(real)))
    return draw(st.one_of(
        st.just(real), st.just(real[:cut]), st.just(real[cut:]),  # prefixes and suffixes
        st.just(real[:cut] + draw(wild_text) + real[cut:]), spoiled(real),
        st.just(" ".join(real)), wild_text, nasty_text, st.text(max_size=70)))


def test_lookup_service(county):
    backend = "sqlite" if county.url.startswith("sqlite") else "postgresql"

    @fuzz(EXAMPLES[backend])
    @given(data=st.data())
    def run(data):
        counted(f"registry.lookup ({backend})")
        query = data.draw(queries(county.samples()))
        limit = data.draw(st.one_of(st.integers(1, 500), st.sampled_from([1, 50, 500])))
        offset = data.draw(st.one_of(st.just(0), st.integers(0, 100_000)))
        year = data.draw(st.one_of(st.none(), st.integers(2000, 2100)))
        page = result_or_domain_error(lookup, query, CLOCK, limit=limit, offset=offset,
                                      benefit_year=year)
        if page is not None:
            assert isinstance(page, LookupPage) and len(page.hits) <= limit
            assert page.offset == offset

    run()

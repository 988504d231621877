"""Where the project's data files are. Imports nothing, so finding a fixture never
pulls the database in."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGIONS = FIXTURES / "regions"
POLICIES = FIXTURES / "policies"
GENERATOR_SETTINGS = FIXTURES / "demo" / "generator.toml"
SURNAMES = FIXTURES / "names" / "surnames.toml"

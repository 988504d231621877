"""The register of people and households: lookup, reading a record, registration,
correction, household moves, region loading, the bulk writer."""

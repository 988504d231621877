"""Duplicate records (issue 14), the database side: the candidates the scorer found
(candidates.py), the indexed queries that fetch a new record's likely duplicates at the
counter (counter.py) and the batch scan over the whole register (scan.py)."""

"""Duplicate records (issue 14), the pure part: how alike two person records are.

`score_pair(a, b)` → Score(score, decision, reasons). No database: the counter's check
(models/dedup/counter.py), the batch scan (models/dedup/scan.py) and the roster import
all ask this one scorer.
"""

from models.rules.duplicates.record import Decision, PersonRecord, Score
from models.rules.duplicates.score import score_pair

__all__ = ["Decision", "PersonRecord", "Score", "score_pair"]

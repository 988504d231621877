"""Merging two person records into one, and undoing it (issue 14, points 4 to 6).

plan.py reads what a merge would do (the proposal, what moves, what stands in its way);
merge.py does it in one unit of work and writes the merge log; unmerge.py puts every
row back; bulk.py merges the scorer's `sure` band; review.py is the clerks' queue.
"""

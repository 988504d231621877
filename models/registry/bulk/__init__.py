"""Bulk writes of households, people, identity tags and enrollments (the generator,
roster imports): named rows in `rows`, the writer in `writer`."""

from models.registry.bulk.rows import EnrollmentRow, HouseholdRow, IdentityRow, PersonRow
from models.registry.bulk.writer import BATCH, BulkCounts, BulkOutsideUnitOfWork, BulkWriter

__all__ = ["BATCH", "BulkCounts", "BulkOutsideUnitOfWork", "BulkWriter", "EnrollmentRow",
           "HouseholdRow", "IdentityRow", "PersonRow"]

"""Bulk writes of households, people, identity tags and history payments (the generator,
roster imports): named rows in `rows`, the writer in `writer`."""

from models.registry.bulk.rows import (
    EnrollmentRow,
    HouseholdRow,
    IdentityRow,
    PaymentRow,
    PersonRow,
)
from models.registry.bulk.writer import BATCH, BulkCounts, BulkOutsideUnitOfWork, BulkWriter

__all__ = ["BATCH", "BulkCounts", "BulkOutsideUnitOfWork", "BulkWriter", "EnrollmentRow",
           "HouseholdRow", "IdentityRow", "PaymentRow", "PersonRow"]

"""Rosters from Excel: what a row means (base_rows, pure) and the import into the
register through the bulk writer (base_import). Reading and writing the workbooks
themselves is printing/'s (printing/roster_book.py)."""

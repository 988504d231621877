"""Reports out of the register (issue 15, point 3): the rows of each export, read a page
at a time, as plain values for printing/report_book.py to write."""

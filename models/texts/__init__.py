"""The Chinese catalog, shared by the counter, the command line, slips and Excel:
labels (cases, categories, statuses, relations …), domain messages, counter and
command-line texts. No Chinese text lives outside this package."""

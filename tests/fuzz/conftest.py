from fuzzing import RUNS


def pytest_terminal_summary(terminalreporter):
    if RUNS:
        terminalreporter.section("fuzz examples run")
        for name, count in sorted(RUNS.items()):
            terminalreporter.write_line(f"{name}: {count}")
        terminalreporter.write_line(f"total: {sum(RUNS.values())}")

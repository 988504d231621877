"""Paired timing for the benchmarks' ratios.

A ratio of two sides timed one after the other compares two stretches of a shared
2-core machine as much as it compares the two sides: four such runs of the service ÷
raw ratio gave 1.8× to 4.9×. Here every input is timed on every side back to back, the
order rotating through all orders of the sides (service first, then raw first, ...), so
both sides meet the same moments of the machine and the same warm-up of each input.
"""

import itertools
import statistics
import time
from collections.abc import Callable, Sequence


def percentile(values: Sequence[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def interleaved(sides: dict[str, Callable], inputs: Sequence, warmup: Sequence = ()
                ) -> dict[str, list[float]]:
    """Milliseconds per input for each side, the sides timed back to back on each input.

    Input i runs the sides in the i-th order of all their orders (for two sides: a b,
    then b a), so each side goes first equally often and no side always finds the
    other's pages freshly cached. `warmup` inputs run on every side first, untimed.
    """
    names = list(sides)
    orders = list(itertools.permutations(names))
    for value in warmup:
        for name in names:
            sides[name](value)
    timings: dict[str, list[float]] = {name: [] for name in names}
    clock = time.perf_counter_ns
    for i, value in enumerate(inputs):
        for name in orders[i % len(orders)]:
            fn = sides[name]
            started = clock()
            fn(value)
            timings[name].append((clock() - started) / 1e6)
    return timings


def ratio(timings: dict[str, list[float]], over: str, under: str, label: str) -> dict:
    """`over` ÷ `under`: the ratio of their p50s and of their p99s, and the median of the
    per-input ratios (the two sides on the same input, moments apart)."""
    a, b = timings[over], timings[under]
    per_input = [x / y for x, y in zip(a, b, strict=True) if y > 0]
    return {
        f"{label}_p50": round(statistics.median(a) / statistics.median(b), 2),
        f"{label}_p99": round(percentile(a, 99) / percentile(b, 99), 2),
        f"{label}_per_query_median": round(statistics.median(per_input), 2),
    }


def latency(timings: dict[str, list[float]], side: str, label: str, digits: int = 3) -> dict:
    values = timings[side]
    return {f"{label}_p50_ms": round(statistics.median(values), digits),
            f"{label}_p99_ms": round(percentile(values, 99), digits)}

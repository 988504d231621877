"""The duplicate finder's quality on generated ground truth (issue 14 point 7); not part
of the default test run.

    .venv/bin/python tests/benchmarks/bench_dedup.py [--people 200000] [--seeds 1 2 3]
        [--splink] [--fresh]

For each seed: `yibao generate --duplicates 0.05 --truth …` into tests/benchmarks/.data/
(kept for later runs unless --fresh), then the scan (models/dedup/scan.candidate_pairs and
score_pairs, timed; nothing is stored, so a run can be repeated), and the figures against
the truth file, each kind on its own: recall of sure + review and of sure, precision of
sure (a pair is true when both records belong to one generated person: two duplicates of
one original count too), twin pairs in sure, the review queue as a share of the records.
With --splink (pip install -e '.[bench]'), Splink 4 on DuckDB on the same records and the
same features (ID key, name pinyin, first and last character, birth date, gender,
household, village; blocking on ID key and on birth date), trained by EM and predicted,
timed; its pairwise F1 at its best threshold is set beside the F1 of our sure band.
Prints a Markdown table for the README.
"""

import argparse
import csv
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DATA = Path(__file__).with_name(".data")
TODAY = "2026-11-22"
TWIN = "twin_non_duplicate"


def generate(path: Path, truth: Path, people: int, seed: int) -> None:
    cmd = [sys.executable, "-m", "tui.cli", "generate", "--db", f"sqlite:///{path}",
           "--people", str(people), "--seed", str(seed), "--region", "demo",
           "--duplicates", "0.05", "--truth", str(truth), "--today", TODAY]
    subprocess.run(cmd, check=True, cwd=ROOT, stderr=subprocess.DEVNULL)


def read_truth(truth: Path) -> tuple[dict[int, int], list[tuple[str, int, int]]]:
    """Each record's cluster (its original's id), and the truth rows (kind, a, b)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    rows = []
    with truth.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            a, b = int(r["original_id"]), int(r["duplicate_id"])
            rows.append((r["kind"], min(a, b), max(a, b)))
            if r["kind"] != TWIN:
                parent.setdefault(a, a)
                parent.setdefault(b, b)
                parent[find(b)] = find(a)
    return {x: find(x) for x in list(parent)}, rows


def our_scan(url: str) -> tuple[dict[tuple[int, int], str], float, int, int]:
    from models.core.db import open_database
    from models.core.schema import Person
    from models.dedup.scan import LIVE, candidate_pairs, score_pairs, unambiguous

    db = open_database(url, migrate=False)
    total = Person.select().where(Person.status.in_(LIVE)).count()
    started = time.perf_counter()
    blocked = candidate_pairs(lambda done, all_: None, total * 2)
    scored = unambiguous(score_pairs(blocked))
    seconds = time.perf_counter() - started
    db.close()
    return ({(p.a_id, p.b_id): str(p.score.decision) for p in scored}, seconds, len(blocked),
            total)


def figures(found: dict[tuple[int, int], str], cluster: dict[int, int],
            rows: list[tuple[str, int, int]], people: int) -> dict:
    def same(a: int, b: int) -> bool:
        return a in cluster and b in cluster and cluster[a] == cluster[b]

    sure = [p for p, d in found.items() if d == "sure"]
    review = [p for p, d in found.items() if d == "review"]
    true_sure = sum(1 for a, b in sure if same(a, b))
    twins = {(a, b) for kind, a, b in rows if kind == TWIN}
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for kind, a, b in rows:
        if kind == TWIN:
            continue
        k = per_kind[kind]
        k[0] += 1
        k[1] += (a, b) in found
        k[2] += found.get((a, b)) == "sure"
    # every true pair (within a cluster), for F1
    members: dict[int, list[int]] = defaultdict(list)
    for x, c in cluster.items():
        members[c].append(x)
    true_pairs = sum(len(m) * (len(m) - 1) // 2 for m in members.values())
    positives = sum(k[0] for k in per_kind.values())
    recall_sure = true_sure / true_pairs if true_pairs else 0.0
    precision = true_sure / len(sure) if sure else 1.0
    return {
        "precision_sure": precision,
        "recall": sum(k[1] for k in per_kind.values()) / positives,
        "recall_sure": sum(k[2] for k in per_kind.values()) / positives,
        "f1_sure": 2 * precision * recall_sure / (precision + recall_sure)
        if precision + recall_sure else 0.0,
        "twins_in_sure": len(twins & set(sure)),
        "twins": len(twins),
        "review_share": len(review) / people,
        "sure": len(sure), "review": len(review), "true_pairs": true_pairs,
        "kinds": {kind: (k[0], k[1] / k[0], k[2] / k[0]) for kind, k in per_kind.items()},
    }


def run_splink(path: Path, cluster: dict[int, int]) -> dict:
    import sqlite3

    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from models.rules.duplicates.ids import key_of

    conn = sqlite3.connect(path)
    frame = pd.read_sql_query(
        "SELECT p.id AS unique_id, p.name, p.name_pinyin, p.id_type, p.id_number, p.gender, "
        "p.birth_date, p.household_id, h.village_id FROM person p JOIN household h "
        "ON h.id = p.household_id WHERE p.status IN ('active', 'awaiting_merge')", conn)
    conn.close()
    frame["id_key"] = [key_of(t, n if isinstance(n, str) else None)
                       for t, n in zip(frame.id_type, frame.id_number, strict=True)]
    frame["first_char"] = frame.name.str[:1]
    frame["last_char"] = frame.name.str[-1:]
    frame["household_id"] = frame.household_id.astype(str)
    frame["village_id"] = frame.village_id.astype(str)
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[block_on("id_key"), block_on("birth_date")],
        comparisons=[
            cl.LevenshteinAtThresholds("id_key", [1, 2]),
            cl.ExactMatch("name_pinyin"),
            cl.ExactMatch("first_char"),
            cl.ExactMatch("last_char"),
            cl.ExactMatch("gender"),
            cl.ExactMatch("household_id"),
            cl.ExactMatch("village_id"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    started = time.perf_counter()
    linker = Linker(frame, settings, db_api=DuckDBAPI())
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("id_key"))
    predictions = linker.inference.predict(threshold_match_probability=0.01).as_pandas_dataframe()
    seconds = time.perf_counter() - started
    members: dict[int, int] = defaultdict(int)
    for c in cluster.values():
        members[c] += 1
    true_pairs = sum(n * (n - 1) // 2 for n in members.values())
    best = (0.0, 0.0)
    for threshold in (0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999):
        chosen = predictions[predictions.match_probability >= threshold]
        tp = sum(1 for a, b in zip(chosen.unique_id_l, chosen.unique_id_r, strict=True)
                 if a in cluster and b in cluster and cluster[a] == cluster[b])
        precision = tp / len(chosen) if len(chosen) else 1.0
        recall = tp / true_pairs if true_pairs else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        best = max(best, (f1, threshold))
    return {"seconds": seconds, "f1": best[0], "threshold": best[1]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--splink", action="store_true")
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    os.environ.setdefault("YIBAO_TODAY", TODAY)
    results = []
    for seed in args.seeds:
        path = DATA / f"dedup-{args.people}-{seed}.db"
        truth = DATA / f"dedup-{args.people}-{seed}.csv"
        if args.fresh or not path.exists() or not truth.exists():
            for p in (path, truth):
                p.unlink(missing_ok=True)
            subprocess.run([sys.executable, "-m", "tui.cli", "init", "--db",
                            f"sqlite:///{path}", "--region", "demo"], check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
            generate(path, truth, args.people, seed)
        cluster, rows = read_truth(truth)
        found, seconds, compared, people = our_scan(f"sqlite:///{path}")
        fig = figures(found, cluster, rows, people)
        fig.update(seed=seed, seconds=seconds, compared=compared, people=people)
        if args.splink:
            fig["splink"] = run_splink(path, cluster)
        results.append(fig)
        print(f"seed {seed}: {fig}", file=sys.stderr)
    report(results)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MB")


def report(results: list[dict]) -> None:
    seeds = " | ".join(f"seed {r['seed']}" for r in results)
    print(f"| figure | {seeds} |")
    print("|---|" + "---|" * len(results))

    def line(label: str, values) -> None:
        print(f"| {label} | " + " | ".join(values) + " |")

    line("records", [f"{r['people']:,}" for r in results])
    line("pairs compared (blocked)", [f"{r['compared']:,}" for r in results])
    line("scan seconds (block + score)", [f"{r['seconds']:.1f}" for r in results])
    line("precision of sure", [f"{r['precision_sure']:.4f}" for r in results])
    line("recall of sure + review", [f"{r['recall']:.4f}" for r in results])
    line("recall of sure", [f"{r['recall_sure']:.4f}" for r in results])
    line("twin pairs in sure", [f"{r['twins_in_sure']} of {r['twins']}" for r in results])
    line("review queue, share of records", [f"{r['review_share']:.2%}" for r in results])
    line("pairwise F1 of sure", [f"{r['f1_sure']:.4f}" for r in results])
    if all("splink" in r for r in results):
        line("Splink best F1 (threshold)",
             [f"{r['splink']['f1']:.4f} ({r['splink']['threshold']})" for r in results])
        line("Splink train + predict seconds", [f"{r['splink']['seconds']:.1f}"
                                                for r in results])
    kinds = sorted({k for r in results for k in r["kinds"]})
    for kind in kinds:
        line(f"{kind}: recall (sure)", [
            "{:.3f} ({:.3f}) of {}".format(r["kinds"][kind][1], r["kinds"][kind][2],
                                           r["kinds"][kind][0]) if kind in r["kinds"] else "-"
            for r in results])


if __name__ == "__main__":
    main()

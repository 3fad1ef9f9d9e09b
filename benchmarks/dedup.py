"""Near-duplicate detection: quality against brute force, speed against datasketch, memory.

    .venv/bin/python benchmarks/dedup.py                 # 100,000 articles
    .venv/bin/python benchmarks/dedup.py --quick         # 10,000 articles, for development
    .venv/bin/python benchmarks/dedup.py --articles 200000

The corpus is generated (`benchmarks/dedup_corpus.py`) with planted copies of known edit kind.
Quality is measured twice: on a sample of whole families plus same-topic articles, against exact
Jaccard of shingle sets for every pair of the sample (brute force, `dedup_truth.py`); and on the
whole corpus, against the planted labels. datasketch (`dedup_baseline.py`) runs with the same
normal form, shingles, num_perm, bands x rows and threshold on a subset. Memory is measured in
a subprocess per size. Figures only, no assertions: timings depend on load (printed first).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.dedup_baseline import datasketch_run
from benchmarks.dedup_corpus import Article, generate
from benchmarks.dedup_truth import (
    choose_sample,
    exact_jaccard_pairs,
    jaccard_bins,
    max_unplanted,
    planted_quality,
    sample_quality,
)
from corpus.dedup import (
    DedupConfig,
    content_hash,
    find_duplicates,
    fingerprints,
    minhash_signatures,
    pack_signatures,
)

CONFIG = DedupConfig()


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def table(title: str, header: list[str], rows: list[list]) -> None:
    cells = [header] + [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n{title}")
    for i, r in enumerate(cells):
        print(
            "  "
            + "  ".join(
                c.rjust(w) if j else c.ljust(w)
                for j, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
        if i == 0:
            print("  " + "  ".join("-" * w for w in widths))


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.4f}" if value < 10 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def frames(articles: list[Article], hashes: list[str], signatures: np.ndarray):
    ids = [a.article_id for a in articles]
    sig = pl.DataFrame(
        {"article_id": ids, "content_hash": hashes, "minhash": pack_signatures(signatures)},
        schema={"article_id": pl.String, "content_hash": pl.String, "minhash": pl.Binary},
    )
    keep = pl.DataFrame(
        {
            "article_id": ids,
            "published_at": [a.published_at for a in articles],
            "n_chars": [len(a.text) for a in articles],
        },
        schema={
            "article_id": pl.String,
            "published_at": pl.Datetime("us", "UTC"),
            "n_chars": pl.Int64,
        },
    )
    return sig, keep


def memory_child(path: str) -> None:
    """Run in a subprocess: peak memory of find_duplicates on the frames saved at `path`."""
    sig = pl.read_parquet(f"{path}/signatures.parquet")
    keep = pl.read_parquet(f"{path}/keep.parquet")
    gc.collect()
    page = os.sysconf("SC_PAGE_SIZE")

    def rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * page

    base, peak, done = rss(), [0], threading.Event()

    def poll():
        while not done.is_set():
            peak[0] = max(peak[0], rss())
            time.sleep(0.002)

    watcher = threading.Thread(target=poll)
    watcher.start()
    _, seconds = timed(find_duplicates, sig, keep, CONFIG)
    done.set()
    watcher.join()
    tracemalloc.start()
    find_duplicates(sig, keep, CONFIG)
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "n": sig.height,
                "seconds": seconds,
                "rss_delta": max(peak[0], rss()) - base,
                "traced_peak": traced,
                "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                "input_bytes": sig.estimated_size() + keep.estimated_size(),
            }
        )
    )


def memory_runs(sig: pl.DataFrame, keep: pl.DataFrame, subsets: list[list[int]]) -> list[dict]:
    """`memory_child` on each subset of rows, each in its own process."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for rows in subsets:
            sig[rows].write_parquet(f"{tmp}/signatures.parquet")
            keep[rows].write_parquet(f"{tmp}/keep.parquet")
            result = subprocess.run(
                [sys.executable, __file__, "--memory-child", tmp],
                capture_output=True,
                text=True,
                check=True,
            )
            out.append(json.loads(result.stdout.strip().splitlines()[-1]))
    return out


def tenth(articles: list[Article]) -> list[int]:
    """A tenth of the corpus with the same make-up: whole families and singles, by id."""
    return [
        i
        for i, a in enumerate(articles)
        if (a.family if a.family >= 0 else int(a.article_id, 16)) % 10 == 0
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10,000 articles")
    parser.add_argument("--sample", type=int, default=2000, help="brute-force sample size")
    parser.add_argument("--datasketch", type=int, default=5000, help="datasketch subset size")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return
    n = 10_000 if args.quick else args.articles
    t = CONFIG.threshold
    print(
        f"dedup benchmark: {n:,} articles, {CONFIG.signature_id}, bands x rows "
        f"{CONFIG.bands} x {CONFIG.rows}, threshold {t}; {os.cpu_count()} cpus, "
        f"load average {os.getloadavg()[0]:.1f}"
    )

    articles, t_gen = timed(generate, n, args.seed)
    texts, ids = [a.text for a in articles], [a.article_id for a in articles]
    print(
        f"generated in {t_gen:.0f} s: {np.mean([x.count(' ') + 1 for x in texts]):.0f} words "
        f"and {sum(map(len, texts)) / n:,.0f} characters per article, "
        f"{sum(a.family >= 0 for a in articles):,} articles in planted families"
    )

    fingerprints(texts[:200], CONFIG)  # warm-up: lookup tables
    (hashes, signatures), t_fingerprint = timed(fingerprints, texts, CONFIG)
    _, t_sig = timed(minhash_signatures, texts, CONFIG)
    _, t_hash = timed(lambda: [content_hash(x) for x in texts[: n // 5]])
    _, t_sig_thread = timed(minhash_signatures, texts[: n // 5], CONFIG, threads=1)
    sig, keep = frames(articles, hashes, signatures)
    find_duplicates(sig[:1000], keep[:1000], CONFIG)  # warm-up: polars thread pool
    result, t_cluster = timed(find_duplicates, sig, keep, CONFIG)
    cluster_of = dict(zip(result["article_id"], result["cluster_id"], strict=True))
    print(
        f"duplicates: {result.height:,} articles in {result['cluster_id'].n_unique():,} "
        f"clusters ({(result['kind'] == 'exact').sum():,} exact, "
        f"{(result['kind'] == 'near').sum():,} near)"
    )

    sub = choose_sample(articles, min(args.sample, n), args.seed)
    sub_texts, sub_ids = [texts[i] for i in sub], [ids[i] for i in sub]
    truth, t_truth = timed(exact_jaccard_pairs, sub_texts)
    pairs, jaccard = truth
    quality = sample_quality(sub_ids, cluster_of, t, truth)
    print(
        f"sample: {len(sub):,} articles ({len(sub) * (len(sub) - 1) // 2:,} pairs, exact "
        f"Jaccard in {t_truth:.1f} s): {quality['true_direct']:,} pairs >= {t}, "
        f"{int(((jaccard >= 0.5) & (jaccard < t)).sum()):,} in [0.5, {t}); highest Jaccard "
        f"between articles of different families: {max_unplanted(articles, sub, truth):.3f}"
    )

    # datasketch on the sample plus random others; ours on the same articles
    rest = sorted(set(range(n)) - set(sub))
    extra = random.Random(args.seed).sample(rest, max(0, min(args.datasketch, n) - len(sub)))
    ds_idx = sub + extra
    ds_texts, ds_ids, m = [texts[i] for i in ds_idx], [ids[i] for i in ds_idx], len(ds_idx)
    ds_clusters, t_ds_sign, t_ds_cluster = datasketch_run(ds_texts, ds_ids, CONFIG)
    ds_quality = sample_quality(sub_ids, ds_clusters, t, truth)
    _, t_our_sign = timed(minhash_signatures, ds_texts, CONFIG)
    _, t_our_cluster = timed(find_duplicates, sig[ds_idx], keep[ds_idx], CONFIG)

    def quality_row(name: str, q: dict) -> list:
        return [
            name,
            q["pred"],
            q["p_trans"],
            q["r_trans"],
            q["p_direct"],
            q["r_direct"],
            q["gross"],
            q["fp_j"],
            q["fn_j"],
        ]

    table(
        f"Pair quality on the sample (truth: exact Jaccard of 5-word shingle sets >= {t})",
        [
            "system",
            "pairs",
            "precision",
            "recall",
            "precision (direct)",
            "recall (direct)",
            "pairs J<0.5",
            "J of false +",
            "J of false -",
        ],
        [
            quality_row("ours (whole corpus)", quality),
            quality_row(f"datasketch ({m:,} subset)", ds_quality),
        ],
    )
    print("  precision, recall: against the true clusters (pairs >= threshold and their chains);")
    print("  (direct): against the pairs >= threshold themselves, which clusters do not transit.")

    sample_jaccard = {
        tuple(sorted((sub_ids[p // len(sub)], sub_ids[p % len(sub)]))): j
        for p, j in zip(pairs.tolist(), jaccard.tolist(), strict=True)
    }
    rows, planted_precision, planted_pairs = planted_quality(articles, cluster_of, sample_jaccard)
    table(
        "Planted labels, whole corpus: (original, variant) pairs found in one cluster",
        ["edit kind", "pairs", "recall", "mean J (sample)", "J range (sample)"],
        rows,
    )
    print(
        f"  planted precision: {planted_precision:.4f} of {planted_pairs:,} clustered pairs "
        "are in one planted family"
    )
    table(
        "Sample pairs by exact Jaccard: share in one cluster (expected: 0 below, 1 above 0.7)",
        ["exact Jaccard", "pairs", "ours", "datasketch"],
        jaccard_bins(sub_ids, truth, [cluster_of, ds_clusters]),
    )

    ratio_sign, ratio_cluster = t_ds_sign / t_our_sign, t_ds_cluster / t_our_cluster
    table(
        "Speed",
        ["step", "articles", "seconds", "articles/s", "vs datasketch"],
        [
            ["fingerprints (content hash + signature)", n, t_fingerprint, n / t_fingerprint, ""],
            ["signatures, ours", n, t_sig, n / t_sig, ""],
            ["signatures, ours + 1 worker thread", n // 5, t_sig_thread, n // 5 / t_sig_thread, ""],
            ["content_hash, one text at a time", n // 5, t_hash, n // 5 / t_hash, ""],
            ["signatures, ours (subset)", m, t_our_sign, m / t_our_sign, f"{ratio_sign:.1f}x"],
            ["signatures, datasketch (subset)", m, t_ds_sign, m / t_ds_sign, "1x"],
            ["clustering, ours", n, t_cluster, n / t_cluster, ""],
            [
                "clustering, ours (subset)",
                m,
                t_our_cluster,
                m / t_our_cluster,
                f"{ratio_cluster:.1f}x",
            ],
            ["clustering, datasketch (subset)", m, t_ds_cluster, m / t_ds_cluster, "1x"],
        ],
    )

    memory = memory_runs(sig, keep, [tenth(articles), list(range(n))])
    table(
        "Memory of find_duplicates (a tenth with whole families, then all; own process each;"
        " peak RSS above the loaded inputs)",
        ["articles", "seconds", "peak RSS MB", "bytes/article", "numpy+python peak MB", "input MB"],
        [
            [
                r["n"],
                r["seconds"],
                r["rss_delta"] / 2**20,
                int(r["rss_delta"] / r["n"]),
                r["traced_peak"] / 2**20,
                r["input_bytes"] / 2**20,
            ]
            for r in memory
        ],
    )
    small, large = memory
    grown = large["n"] - small["n"]
    print(
        f"  growth from {small['n']:,} to {large['n']:,} articles: "
        f"{(large['rss_delta'] - small['rss_delta']) / grown:,.0f} bytes/article of RSS, "
        f"{(large['traced_peak'] - small['traced_peak']) / grown:,.0f} of numpy+python "
        f"(the input itself: {(large['input_bytes'] - small['input_bytes']) / grown:,.0f})"
    )

    rows = [
        [
            f"{CONFIG.bands} x {CONFIG.rows}, {t} (default)",
            t_cluster,
            quality["p_trans"],
            quality["r_trans"],
            quality["r_direct"],
        ]
    ]
    for config in SWEEP:
        res, seconds = timed(find_duplicates, sig, keep, config)
        found = dict(zip(res["article_id"], res["cluster_id"], strict=True))
        q = sample_quality(sub_ids, found, config.threshold, truth)
        rows.append(
            [
                f"{config.bands} x {config.rows}, {config.threshold}",
                seconds,
                q["p_trans"],
                q["r_trans"],
                q["r_direct"],
            ]
        )
    table(
        "Other parameters on the same signatures (truth at each threshold)",
        ["bands x rows, threshold", "cluster s", "precision", "recall", "recall (direct)"],
        rows,
    )


SWEEP = [
    DedupConfig(bands=16, rows=8),
    DedupConfig(bands=42, rows=3),
    DedupConfig(threshold=0.6),
    DedupConfig(threshold=0.8),
]


if __name__ == "__main__":
    main()

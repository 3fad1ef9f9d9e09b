"""datasketch MinHash + MinHashLSH with our parameters, for `benchmarks/dedup.py`."""

from __future__ import annotations

import time

from corpus.dedup import DedupConfig, normalize_for_hash


def datasketch_run(texts: list[str], ids: list[str], config: DedupConfig):
    """Sign with datasketch (same normal form and shingles), then LSH with (bands, rows), each
    candidate verified on the estimated Jaccard, union-find. Returns ({id: cluster root} for
    clustered ids, signing seconds, clustering seconds)."""
    from datasketch import MinHash, MinHashLSH

    def sign(text):
        words = normalize_for_hash(text).split()
        k = config.shingle_size
        grams = {" ".join(words[i : i + k]) for i in range(max(len(words) - k + 1, 1))}
        m = MinHash(num_perm=config.num_perm, seed=config.seed)
        m.update_batch([g.encode() for g in grams])
        return m

    start = time.perf_counter()
    minhashes = [sign(t) for t in texts]
    t_sign = time.perf_counter() - start

    def cluster():
        lsh = MinHashLSH(num_perm=config.num_perm, params=(config.bands, config.rows))
        for article_id, m in zip(ids, minhashes, strict=True):
            lsh.insert(article_id, m)
        parent = {i: i for i in ids}

        def root(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        index = dict(zip(ids, minhashes, strict=True))
        for article_id, m in zip(ids, minhashes, strict=True):
            for other in lsh.query(m):
                if other != article_id and m.jaccard(index[other]) >= config.threshold:
                    a, b = root(article_id), root(other)
                    parent[max(a, b)] = min(a, b)
        return {i: root(i) for i in ids}

    start = time.perf_counter()
    roots = cluster()
    t_cluster = time.perf_counter() - start
    sizes: dict[str, int] = {}
    for r in roots.values():
        sizes[r] = sizes.get(r, 0) + 1
    return {i: r for i, r in roots.items() if sizes[r] > 1}, t_sign, t_cluster

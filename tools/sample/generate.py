"""Write the bundled sample corpus (`raw/`) and larger benchmark corpora of plain-text dumps.

All text is synthetic, made from `tools.sample.words` with fixed seeds, so the output is
byte-for-byte reproducible and owes nothing to any publisher. The sample plants what the pipeline
must cope with (exact and near duplicates, every dateline variant, bad files) and returns a
`SampleTruth` saying where, so tests can check the pipeline against it.

    python -m tools.sample.generate --out raw                  # the sample
    python -m tools.sample.generate --out /tmp/big --articles 10000 --seed 1
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

from tools.sample.bad import BAD_KINDS, bad_bytes
from tools.sample.formats import build_format_samples
from tools.sample.readme import readme_text
from tools.sample.render import NEAR_KINDS, near_duplicate, render, with_title_header
from tools.sample.scripts import build_script_samples
from tools.sample.text import STYLES, Article, add_nbsp, add_tabs, compose, wire_dateline

SOURCES: tuple[str, ...] = ("meridian-wire", "northbay-courier", "valley-gazette")
SAMPLE_SEED = 20240305
N_ORIGINALS = 68
FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)
EXACT_GROUP_SIZES: tuple[int, ...] = (3, 2, 2, 2)
# One tuple per near-duplicate group: the rewrites made of its original.
NEAR_PLAN: tuple[tuple[str, ...], ...] = (
    ("words_changed",),
    ("paragraph_dropped",),
    ("paragraph_added",),
    ("rewrapped",),
    ("title_changed",),
    ("words_changed", "paragraph_added"),
)
SAME_SOURCE_KINDS = frozenset({"paragraph_added", "title_changed"})  # an update, same paper
# (kind, path): planted bad files; the date in the name is the one the generator uses.
SAMPLE_BAD: tuple[tuple[str, str], ...] = (
    ("empty", "northbay-courier/2023/08-14-untitled.txt"),
    ("whitespace", "valley-gazette/2024/05-02-draft.txt"),
    ("binary", "meridian-wire/2024/02-11-photo-caption.txt"),
    ("invalid_utf8", "valley-gazette/2023/10-09-legacy-export.txt"),
    ("no_date", "northbay-courier/2024/07-22-undated.txt"),
    ("impossible_date", "meridian-wire/2024/02-30-wire-copy.txt"),
    ("impossible_date", "northbay-courier/2023/04-31-late-edition.txt"),
    ("header_only", "valley-gazette/2024/01-01-notice.txt"),
    ("headers_no_body", "meridian-wire/2024/06-12-briefing.txt"),
)


# The brief's own examples, pinned so each is in the sample whatever the seed draws:
# (style of the article to pin, place, agency or None, dash).
PINNED_DATELINES: tuple[tuple[str, str, str | None, str], ...] = (
    ("wire_date", "KABUL", "Reuters", " - "),
    ("wire_date", "PORT ELLEN", "Courier Wire", " - "),
    ("wire_agency", "BEIRUT", "AP", " — "),
    ("multiword", "NEW DELHI", None, " – "),
    ("accented", "SÃO PAULO", None, " – "),
    ("accented", "ZÜRICH", None, " — "),
)


@dataclass(slots=True)
class SampleTruth:
    """Where the sample planted each case; paths are POSIX and relative to the output dir."""

    sources: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # every well-formed article file
    exact_duplicates: list[list[str]] = field(default_factory=list)  # original first
    near_duplicates: list[list[str]] = field(default_factory=list)  # original first
    near_duplicate_kinds: dict[str, str] = field(default_factory=dict)  # variant -> rewrite
    bad_files: dict[str, str] = field(default_factory=dict)  # path -> expected reason code
    datelines: dict[str, str | None] = field(default_factory=dict)  # article -> dateline
    # other formats (HTML, JSON/JSONL, WARC, compressed, archives): (raw_path[#record], outcome)
    # with outcome 'article' or 'reject:<reason>'; see tools.sample.formats
    formats: list[tuple[str, str]] = field(default_factory=list)
    # Chinese, Japanese and Hindi dumps (path -> language), outside `articles` (whose checks
    # read English), and their planted near duplicates (original first); see tools.sample.scripts
    scripts: dict[str, str] = field(default_factory=dict)
    script_near_duplicates: list[list[str]] = field(default_factory=list)


def _random_day(rng: Random, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _free_path(files: dict[str, bytes], a: Article, suffix: str = "", prefix: str = "") -> str:
    """`<source>/<year>/<MM-DD>-<slug>.txt`, numbered if that name is taken."""
    stem = f"{a.source}/{a.when.year}/{prefix}{a.when:%m-%d}-{a.slug}{suffix}"
    path, n = f"{stem}.txt", 2
    while path in files:
        path, n = f"{stem}-{n}.txt", n + 1
    return path


def _add(files: dict[str, bytes], truth: SampleTruth, a: Article, suffix: str = "") -> str:
    path = _free_path(files, a, suffix)
    files[path] = render(a)
    truth.articles.append(path)
    truth.datelines[path] = a.dateline
    return path


def _originals(rng: Random) -> list[Article]:
    """Balanced over sources and dateline styles; features planted at fixed counts."""
    styles = [STYLES[i % len(STYLES)] for i in range(N_ORIGINALS)]
    rng.shuffle(styles)
    articles = [
        compose(rng, _random_day(rng), SOURCES[i % len(SOURCES)], style)
        for i, style in enumerate(styles)
    ]
    _pin_datelines(articles)
    picks = rng.sample(range(N_ORIGINALS), 21)
    for i in picks[0:6]:
        articles[i].crlf = True
    articles[picks[6]].bom = True
    for i in picks[7:9]:
        articles[i].indent = "  "
    for i in picks[9:17]:
        add_nbsp(articles[i])
    for i in picks[17:21]:
        add_tabs(articles[i], rng)
    return articles


def _pin_datelines(articles: list[Article]) -> None:
    """Give the first unpinned article of each pinned style its fixed dateline."""
    pinned: set[int] = set()
    for style, place, agency, dash in PINNED_DATELINES:
        i = next(i for i, s in enumerate(_styles_of(articles)) if s == style and i not in pinned)
        pinned.add(i)
        a = articles[i]
        day = a.when if style == "wire_date" else None
        a.dateline = place if agency is None else wire_dateline(place, agency, day)
        a.dash = dash


def _styles_of(articles: list[Article]) -> list[str]:
    """The dateline style each article was composed in, read back from its dateline."""
    return [_style(a.dateline, a.dash) for a in articles]


def _style(dateline: str | None, dash: str) -> str:
    if dateline is None:
        return "none"
    if "(" in dateline:
        return "wire_date" if "," in dateline else "wire_agency"
    if not dateline.isascii():
        return "accented"
    if " " in dateline:
        return "multiword"
    return {" – ": "en_dash", " - ": "hyphen", " — ": "em_dash"}[dash]


def _other_sources(rng: Random, source: str) -> list[str]:
    others = [s for s in SOURCES if s != source]
    rng.shuffle(others)
    return others


def _plant_exact(
    rng: Random, files: dict[str, bytes], truth: SampleTruth, a: Article, path: str, size: int
) -> None:
    """The wire-story case: the same body republished by other papers (own URL header)."""
    group = [path]
    for source in _other_sources(rng, a.source)[: size - 1]:
        group.append(_add(files, truth, dataclasses.replace(a, source=source)))
    truth.exact_duplicates.append(group)


def _plant_near(
    rng: Random,
    files: dict[str, bytes],
    truth: SampleTruth,
    a: Article,
    path: str,
    kinds: Sequence[str],
) -> None:
    group = [path]
    for kind in kinds:
        variant = near_duplicate(a, kind, rng)
        if kind in SAME_SOURCE_KINDS:
            suffix = "-updated" if kind == "paragraph_added" else ""
            variant_path = _add(files, truth, variant, suffix)
        else:
            source = _other_sources(rng, a.source)[0]
            variant_path = _add(files, truth, dataclasses.replace(variant, source=source))
        group.append(variant_path)
        truth.near_duplicate_kinds[variant_path] = kind
    truth.near_duplicates.append(group)


def build_sample() -> tuple[dict[str, bytes], SampleTruth]:
    """Every file of the sample (relative path -> bytes) and its truth, without writing."""
    rng = Random(SAMPLE_SEED)
    files: dict[str, bytes] = {}
    truth = SampleTruth(sources=list(SOURCES))
    originals = _originals(rng)
    picks = rng.sample(range(N_ORIGINALS), len(EXACT_GROUP_SIZES) + len(NEAR_PLAN))
    exact, near = picks[: len(EXACT_GROUP_SIZES)], picks[len(EXACT_GROUP_SIZES) :]
    for i, kinds in zip(near, NEAR_PLAN, strict=True):
        if "title_changed" in kinds:
            originals[i] = with_title_header(originals[i])
    paths = [_add(files, truth, a) for a in originals]
    for i, size in zip(exact, EXACT_GROUP_SIZES, strict=True):
        _plant_exact(rng, files, truth, originals[i], paths[i], size)
    for i, kinds in zip(near, NEAR_PLAN, strict=True):
        _plant_near(rng, files, truth, originals[i], paths[i], kinds)
    for kind, path in SAMPLE_BAD:
        source, year, name = path.split("/")
        when = dt.date(int(year), int(name[:2]), min(int(name[3:5]), 28))
        files[path] = bad_bytes(kind, rng, when, source)
        truth.bad_files[path] = BAD_KINDS[kind]
    truth.articles.sort()
    format_files, truth.formats = build_format_samples()
    files.update(format_files)
    scripts = build_script_samples()
    if taken := sorted(set(scripts.files) & set(files)):
        raise ValueError(f"data/scripts.toml names paths the sample already has: {taken}")
    files.update(scripts.files)
    truth.scripts, truth.script_near_duplicates = scripts.languages, scripts.near_duplicates
    files["README.md"] = readme_text(files, truth).encode("utf-8")
    return files, truth


def write_files(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write in sorted order; bytes as given (no newline translation, no timestamps)."""
    made: set[Path] = set()
    for rel in sorted(files):
        path = out_dir / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(files[rel])


def generate_sample(out_dir: Path) -> SampleTruth:
    """Write the bundled sample under `out_dir` (overwriting) and return where cases are."""
    files, truth = build_sample()
    write_files(Path(out_dir), files)
    return truth


def _safe_rewrite(rng: Random, a: Article, kind: str) -> Article:
    """A near duplicate of `a`; a story too short for `kind` is re-wrapped instead."""
    if kind == "title_changed":
        a = with_title_header(a)
    try:
        return near_duplicate(a, kind, rng)
    except ValueError:
        return near_duplicate(a, "rewrapped", rng)


def _corpus_file(
    rng: Random, i: int, originals: list[Article], dup_fraction: float, bad_fraction: float
) -> tuple[str, bytes]:
    """The i-th file of a benchmark corpus: new story, copy, rewrite or (rarely) a bad file."""
    roll = rng.random()
    if originals and roll < dup_fraction:
        a = rng.choice(originals)
        if roll < dup_fraction / 2:
            a = dataclasses.replace(a, source=_other_sources(rng, a.source)[0])
        else:
            a = _safe_rewrite(rng, a, rng.choice(NEAR_KINDS))
    elif roll < dup_fraction + bad_fraction:
        kind = rng.choice(sorted(BAD_KINDS))
        source, when = rng.choice(SOURCES), _random_day(rng)
        return f"{source}/{when.year}/{i:06d}-{kind}.txt", bad_bytes(kind, rng, when, source)
    else:
        a = compose(rng, _random_day(rng), rng.choice(SOURCES), rng.choice(STYLES))
        a.crlf = rng.random() < 0.05
        a.indent = "  " if rng.random() < 0.02 else ""
        originals.append(a)
    return f"{a.source}/{a.when.year}/{i:06d}-{a.slug}.txt", render(a)


def generate_corpus(
    out_dir: Path,
    n_articles: int,
    seed: int = 0,
    *,
    dup_fraction: float = 0.1,
    bad_fraction: float = 0.01,
) -> None:
    """Write `n_articles` dump files for benchmarks: ~`dup_fraction` copies or rewrites of earlier
    stories (half exact, half near) and ~`bad_fraction` bad files, all from `seed`."""
    rng = Random(seed)
    originals: list[Article] = []
    files = dict(
        _corpus_file(rng, i, originals, dup_fraction, bad_fraction) for i in range(n_articles)
    )
    write_files(Path(out_dir), files)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("raw"), help="output directory")
    parser.add_argument("--articles", type=int, help="write a benchmark corpus of N files")
    parser.add_argument("--seed", type=int, default=0, help="seed for --articles")
    args = parser.parse_args(argv)
    if args.articles is None:
        truth = generate_sample(args.out)
        print(
            f"wrote the sample to {args.out}: {len(truth.articles)} articles, "
            f"{len(truth.bad_files)} bad files, {len(truth.exact_duplicates)} exact and "
            f"{len(truth.near_duplicates)} near-duplicate groups"
        )
    else:
        generate_corpus(args.out, args.articles, args.seed)
        print(f"wrote {args.articles} files to {args.out} (seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

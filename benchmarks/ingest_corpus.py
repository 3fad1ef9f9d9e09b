"""The generated raw root that `benchmarks/ingest.py` ingests: text dumps plus simple HTML pages.

Text dumps come from `tools.sample.generate.generate_corpus` (duplicates and bad files included).
HTML pages wrap other generated stories (another seed, so they are not copies of the dumps) in
the boilerplate a news site puts around an article: navigation, share buttons, a newsletter box,
related links, a footer. They sit under `raw/web-desk/`, one source folder.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from pathlib import Path
from random import Random

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Web Desk</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T{hour:02d}:15:00Z">
<meta name="author" content="{author}"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>
<a href="/sport">Sport</a> <a href="/login">Sign in</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By {author} · {date}</p>
<div class="share"><a href="#">Share on X</a> <a href="#">Share by email</a></div>
{paragraphs}
<figure><img src="/img/{slug}.jpg" alt=""><figcaption>File photo. (Web Desk)</figcaption></figure>
</article>
<aside class="newsletter"><h3>Get the morning briefing</h3><p>Sign up for our newsletter.</p></aside>
<aside class="related"><h3>Related</h3><ul>{related}</ul></aside></main>
<footer><p>© 2026 Web Desk. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""
AUTHORS = ["Ana Ruiz", "Tom Becker", "Priya Nair", "Lena Vogt", "Sam Okafor", "Mei Chen"]


def _page(story: str, slug: str, rng: Random, related: list[str]) -> str | None:
    """One HTML page from one generated dump, or None for the generator's deliberately bad files."""
    head, _, body = story.partition("\n")
    if not head.strip().startswith("date ") or not body.strip():
        return None
    date = head.strip()[5:15]
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    title = slug.split("-", 1)[-1].replace("-", " ").capitalize()
    return PAGE.format(
        title=html.escape(title),
        date=date,
        hour=rng.randrange(24),
        author=rng.choice(AUTHORS),
        slug=slug,
        paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        related="".join(f'<li><a href="/{r}">{r.replace("-", " ")}</a></li>' for r in related),
    )


def write_html_pages(out_dir: Path, n_pages: int, seed: int = 11) -> int:
    """Write up to `n_pages` article pages under `out_dir`; returns how many were written."""
    from tools.sample.generate import generate_corpus

    rng = Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        generate_corpus(Path(tmp), n_articles=n_pages, seed=seed, bad_fraction=0.0)
        dumps = sorted(Path(tmp).rglob("*.txt"))
        slugs = [p.stem for p in dumps]
        written = 0
        for path in dumps:
            try:
                story = path.read_text("utf-8")
            except UnicodeDecodeError:
                continue
            page = _page(story, path.stem, rng, rng.sample(slugs, k=min(4, len(slugs))))
            if page is not None:
                (out_dir / f"{path.stem}.html").write_text(page, "utf-8")
                written += 1
    return written


def corpus_dir(data: Path, n_text: int, n_html: int) -> Path:
    """The raw root for these sizes, generated once and kept under `data`."""
    target = data / f"corpus-{n_text}-{n_html}"
    if not (target / ".complete").exists():
        shutil.rmtree(target, ignore_errors=True)
        from tools.sample.generate import generate_corpus

        generate_corpus(target, n_articles=n_text, seed=7)
        write_html_pages(target / "web-desk", n_html)
        (target / ".complete").write_text("ok")
    return target

"""The bundled sample in `raw/` is exactly what the generator writes, and plants what it claims.

The dump format is re-parsed here with a few lines of independent code on purpose: these tests
check the generator, not the project's reader.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from corpus.reasons import is_known
from tools.sample.generate import SampleTruth, generate_corpus, generate_sample

ROOT = Path(__file__).parents[2]
RAW = ROOT / "raw"
DATE_LINE = re.compile(r"\s*date (\d{4}-\d{2}-\d{2})(?: (.*))?")
DATELINE = re.compile(
    r"(?P<place>[^\W\d_][^,(–—]*?)(?:, (?P<day>[A-Z][a-z]+\.? \d{1,2}))?"
    r"(?: \((?P<agency>[^()]+)\))? (?P<dash>[–—-]) \S"
)
INVENTED_AGENCIES = {"Meridian Wire", "Courier Wire", "Valley News Service", "Harbour Press"}
SENTENCE_END = (".", "!", "?", "”", '"', ":", ";")


def read_tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def split_dump(data: bytes) -> tuple[str, dict[str, str], str]:
    """(date, headers, body) of a well-formed dump; the body keeps its line endings."""
    text = data.decode("utf-8").removeprefix("\ufeff")
    first, _, rest = text.partition("\n")
    match = DATE_LINE.fullmatch(first.rstrip("\r"))
    assert match is not None, first
    if match.group(2) is not None:  # the body starts on the date line
        return match.group(1), {}, first[match.start(2) :] + "\n" + rest
    headers: dict[str, str] = {}
    lines = rest.split("\n")
    while lines and lines[0].strip():
        key, _, value = lines.pop(0).rstrip("\r").partition(": ")
        headers[key] = value
    return match.group(1), headers, "\n".join(lines[1:])


def blocks(body: str) -> list[str]:
    """Blank-line separated blocks, each with its lines joined."""
    parts = re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n").strip("\n"))
    return [" ".join(part.split("\n")) for part in parts if part.strip()]


def shingles(body: str, k: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", body.lower())
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    return len(a & b) / len(a | b)


def dateline_of(body: str) -> re.Match[str] | None:
    """The opening dateline, if the place is written in capitals."""
    match = DATELINE.match(body)
    if match is None or not match.group("place").replace(" ", "").replace("-", "").isupper():
        return None
    return match


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], SampleTruth]:
    out = tmp_path_factory.mktemp("sample")
    truth = generate_sample(out)
    return read_tree(out), truth


@pytest.fixture(scope="module")
def parsed(sample: tuple[dict[str, bytes], SampleTruth]) -> dict[str, tuple[str, dict, str]]:
    files, truth = sample
    return {path: split_dump(files[path]) for path in truth.articles}


def tracked_sample_files() -> set[str]:
    """The sample as committed: what git tracks under raw/ (a user's own files there are not
    the sample, and must never make this test fail)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "raw"], cwd=RAW.parent, capture_output=True, check=True
    ).stdout.decode()
    return {Path(p).relative_to("raw").as_posix() for p in listed.split("\0") if p}


def test_repo_raw_is_the_generated_sample(sample: tuple[dict[str, bytes], SampleTruth]) -> None:
    files, _ = sample
    assert sorted(files) == sorted(tracked_sample_files()), (
        "regenerate with: python -m tools.sample.generate"
    )
    differing = [p for p in files if (RAW / p).read_bytes() != files[p]]
    assert differing == [], "regenerate with: python -m tools.sample.generate"


def test_generation_is_deterministic(
    sample: tuple[dict[str, bytes], SampleTruth], tmp_path: Path
) -> None:
    files, truth = sample
    assert generate_sample(tmp_path) == truth
    assert read_tree(tmp_path) == files


def test_sample_shape(sample: tuple[dict[str, bytes], SampleTruth]) -> None:
    files, truth = sample
    # the text-dump sample lives in year folders; other formats have their own folders
    txt = [p for p in files if p.endswith(".txt") and p.split("/")[1].isdigit()]
    per_source = Counter(p.split("/")[0] for p in txt)
    assert len(txt) >= 70
    assert len(per_source) >= 3 and min(per_source.values()) >= 15
    assert set(per_source) == set(truth.sources)
    assert sorted(truth.articles) == sorted(set(txt) - set(truth.bad_files) - set(truth.scripts))
    assert "README.md" in files
    assert sum(len(b) for b in files.values()) < 300_000


def test_dates_spread(parsed: dict[str, tuple[str, dict, str]]) -> None:
    days = [dt.date.fromisoformat(date) for date, _, _ in parsed.values()]
    assert len({(d.year, d.month) for d in days}) >= 6
    assert len({d.year for d in days}) >= 2


def test_articles_are_well_formed(parsed: dict[str, tuple[str, dict, str]]) -> None:
    for path, (_, headers, body) in parsed.items():
        assert set(headers) <= {"title", "url", "author"}, path
        assert len(blocks(body)) >= 3, path
        assert blocks(body)[0][:1].isupper(), path


def test_exact_duplicates(
    sample: tuple[dict[str, bytes], SampleTruth], parsed: dict[str, tuple[str, dict, str]]
) -> None:
    _, truth = sample
    assert len(truth.exact_duplicates) >= 4
    cross_source = 0
    for group in truth.exact_duplicates:
        assert len(group) == len(set(group)) >= 2
        assert {parsed[p][2] for p in group} == {parsed[group[0]][2]}, group
        assert {parsed[p][0] for p in group} == {parsed[group[0]][0]}, group
        cross_source += len({p.split("/")[0] for p in group}) > 1
    assert cross_source >= 4


def test_near_duplicates(
    sample: tuple[dict[str, bytes], SampleTruth], parsed: dict[str, tuple[str, dict, str]]
) -> None:
    files, truth = sample
    variants = [v for group in truth.near_duplicates for v in group[1:]]
    assert len(variants) >= 6
    kinds = {truth.near_duplicate_kinds[v] for v in variants}
    assert kinds >= {
        "words_changed",
        "paragraph_dropped",
        "paragraph_added",
        "rewrapped",
        "title_changed",
    }
    for original, *rest in truth.near_duplicates:
        body = parsed[original][2]
        for v in rest:
            kind = truth.near_duplicate_kinds[v]
            assert files[v] != files[original], v
            if kind in ("words_changed", "paragraph_dropped", "paragraph_added"):
                assert blocks(parsed[v][2]) != blocks(body), v
            if kind == "rewrapped":
                assert parsed[v][2] != body and blocks(parsed[v][2]) == blocks(body), v
            if kind == "title_changed":
                assert parsed[v][1]["title"] != parsed[original][1]["title"], v
            assert jaccard(shingles(parsed[v][2]), shingles(body)) >= 0.7, v


def test_unrelated_articles_are_not_near_duplicates(
    sample: tuple[dict[str, bytes], SampleTruth], parsed: dict[str, tuple[str, dict, str]]
) -> None:
    _, truth = sample
    planted = {p for g in truth.exact_duplicates + truth.near_duplicates for p in g}
    solo = {p: shingles(parsed[p][2]) for p in truth.articles if p not in planted}
    worst = max(jaccard(solo[a], solo[b]) for a, b in itertools.combinations(sorted(solo), 2))
    assert worst < 0.6


def test_dateline_variants(
    sample: tuple[dict[str, bytes], SampleTruth], parsed: dict[str, tuple[str, dict, str]]
) -> None:
    _, truth = sample
    seen: Counter[str] = Counter()
    for path, (_, _, body) in parsed.items():
        match = dateline_of(body)
        raw = body[: match.start("dash") - 1] if match else None
        assert raw == truth.datelines[path], path
        if match is None:
            seen["none"] += 1
            seen["officials"] += bool(re.match(r"(?:[A-Z][a-z]+ )*[Oo]fficials said", body))
            continue
        place, day, agency, dash = match.group("place", "day", "agency", "dash")
        if day is None and agency is None and " " not in place and place.isascii():
            seen[{"–": "en_dash", "-": "hyphen", "—": "em_dash"}[dash]] += 1
        seen["multiword"] += day is None and agency is None and " " in place
        seen["accented"] += not place.isascii()
        seen["wire_date"] += day is not None and agency is not None
        seen["wire_agency"] += day is None and agency is not None
        seen["invented_agency"] += agency in INVENTED_AGENCIES
        seen["real_agency"] += agency in {"Reuters", "AP", "AFP"}
    for variant in (
        "en_dash", "hyphen", "em_dash", "multiword", "accented", "wire_date", "wire_agency",
        "invented_agency", "real_agency", "none", "officials",
    ):  # fmt: skip
        assert seen[variant] >= 3, (variant, seen)
    openings = "\n".join(body[:60] for _, _, body in parsed.values())
    for needle in ("(Reuters)", "(AP)", "(Meridian Wire)", "–", "—"):
        assert needle in openings, needle


def test_layout_variants(
    sample: tuple[dict[str, bytes], SampleTruth], parsed: dict[str, tuple[str, dict, str]]
) -> None:
    files, truth = sample
    raw = {p: files[p] for p in truth.articles}
    assert sum(b"\r\n" in b for b in raw.values()) >= 3
    assert sum(b.startswith(b"\xef\xbb\xbf") for b in raw.values()) >= 1
    assert sum(b.startswith(b" ") for b in raw.values()) >= 1
    assert sum(not b.endswith(b"\n") for b in raw.values()) >= 1
    bodies = [body for _, _, body in parsed.values()]
    assert sum("\u00a0" in b for b in bodies) >= 3
    assert sum("\t" in b for b in bodies) >= 3
    assert all(any(ch in b for b in bodies) for ch in "“”’")
    assert sum("title" in h for _, h, _ in parsed.values()) >= 10
    assert sum("title" not in h for _, h, _ in parsed.values()) >= 10
    assert sum(bool(h) and "title" not in h for _, h, _ in parsed.values()) >= 1
    assert sum(any("\n" in p for p in re.split(r"\n\s*\n", b)) for b in bodies) >= 10


def test_structure_variants(parsed: dict[str, tuple[str, dict, str]]) -> None:
    counts: Counter[str] = Counter()
    for _, _, body in parsed.values():
        parts = blocks(body)
        for part in parts[1:-1]:
            counts["quote"] += part[:1] in '“"' and part[-1:] in '”"'
            counts["heading"] += 2 <= len(part.split()) <= 8 and not part.endswith(SENTENCE_END)
        last = parts[-1]
        counts["signoff"] += len(last.split()) <= 8 and not last.endswith(SENTENCE_END)
    assert counts["quote"] >= 3 and counts["heading"] >= 3 and counts["signoff"] >= 3, counts


def test_bad_files(sample: tuple[dict[str, bytes], SampleTruth]) -> None:
    files, truth = sample
    reasons = set(truth.bad_files.values())
    assert reasons == {
        "empty_file", "binary_content", "invalid_encoding", "missing_date_header",
        "invalid_date", "empty_body",
    }  # fmt: skip
    assert all(is_known(reason) for reason in reasons)
    assert any(files[p] == b"" for p in truth.bad_files)
    assert any(files[p] and not files[p].strip() for p in truth.bad_files)
    for path, reason in truth.bad_files.items():
        data = files[path]
        if reason == "empty_file":
            assert not data.strip(), path
        elif reason == "binary_content":
            assert b"\x00" in data, path
        elif reason == "invalid_encoding":
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            with pytest.raises(UnicodeDecodeError):
                data.decode("cp1252")
        else:
            text = data.decode("utf-8")
            match = DATE_LINE.match(text.split("\n", 1)[0])
            if reason == "missing_date_header":
                assert match is None and len(text) > 200, path
            elif reason == "invalid_date":
                assert match is not None and len(text) > 200, path
                with pytest.raises(ValueError):
                    dt.date.fromisoformat(match.group(1))
            elif reason == "empty_body":
                assert match is not None, path
                dt.date.fromisoformat(match.group(1))
                assert not "".join(text.split("\n\n", 1)[1:]).strip(), path
    header_only = [p for p in truth.bad_files if files[p].strip() == b"date 2024-01-01"]
    assert header_only


def test_other_scripts(sample: tuple[dict[str, bytes], SampleTruth]) -> None:
    """Chinese, Japanese and Hindi dumps, each with a copy one character (Hindi: word) apart."""
    files, truth = sample
    assert sorted(set(truth.scripts.values())) == ["hi", "ja", "zh"]
    assert sorted(p for group in truth.script_near_duplicates for p in group) == sorted(
        truth.scripts
    )
    for original, copy in truth.script_near_duplicates:
        (day, headers, body), (copy_day, copy_headers, copy_body) = (
            split_dump(files[original]),
            split_dump(files[copy]),
        )
        assert (day, headers) == (copy_day, copy_headers) and body != copy_body
        assert original.split("/")[0] != copy.split("/")[0]  # republished by another paper
        if truth.scripts[original] in ("zh", "ja"):
            assert len(body) == len(copy_body)
            assert sum(a != b for a, b in zip(body, copy_body, strict=True)) == 1
        paragraphs = blocks(body)
        assert len(paragraphs) >= 3 and all(p.endswith(("。", "।")) for p in paragraphs)
        assert not any(" " in p for p in paragraphs) or truth.scripts[original] == "hi"


def test_generate_corpus(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "a", 200, seed=3)
    generate_corpus(tmp_path / "b", 200, seed=3)
    first, second = read_tree(tmp_path / "a"), read_tree(tmp_path / "b")
    assert len(first) == 200 and all(p.endswith(".txt") for p in first)
    assert first == second
    bodies = Counter(data.split(b"\n\n", 1)[-1] for data in first.values())
    assert sum(n - 1 for n in bodies.values()) >= 3  # some exact copies
    assert len({p.split("/")[0] for p in first}) >= 3
    generate_corpus(tmp_path / "c", 200, seed=4)
    assert read_tree(tmp_path / "c") != first


def test_generator_is_a_tool_outside_the_installed_package() -> None:
    """`corpus` ships the pipeline only: the generator and its prose live in `tools/sample`."""
    import importlib.util
    import tomllib

    assert importlib.util.find_spec("corpus.sample") is None
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    assert not any(pattern.startswith("tools") for pattern in included)
    assert sorted(p.name for p in (ROOT / "tools/sample/data").glob("*.toml")) == [
        "scripts.toml",
        "topics_civic.toml",
        "topics_economy.toml",
        "words.toml",
    ]

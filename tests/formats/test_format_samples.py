"""The format samples are deterministic and every record becomes what the generator says."""

from __future__ import annotations

from pathlib import Path

from corpus.extract import extract
from corpus.formats import read_file
from corpus.reasons import is_known
from corpus.records import Reject
from tools.sample.formats import generate_format_samples


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_samples_are_byte_for_byte_reproducible(tmp_path: Path) -> None:
    first = generate_format_samples(tmp_path / "a")
    second = generate_format_samples(tmp_path / "b")
    assert first == second
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert {p.split("/")[0] for p in _tree(tmp_path / "a")} == {
        "northbay-courier", "meridian-wire", "valley-gazette"}  # fmt: skip


def test_every_record_has_its_expected_outcome(tmp_path: Path) -> None:
    expected = generate_format_samples(tmp_path)
    actual: list[tuple[str, str]] = []
    files = sorted({path.split("!")[0].split("#")[0] for path, _ in expected})
    several = {path.split("#")[0] for path, _ in expected if "#" in path}
    for relative in files:
        for item in read_file(tmp_path / relative, relative):
            result = item if isinstance(item, Reject) else extract(item)
            name = item.raw_path
            if (
                name in several
                and item.record_index is not None
                and not (isinstance(result, Reject) and result.reason == "corrupt_archive")
            ):
                name = f"{name}#{item.record_index}"
            outcome = f"reject:{result.reason}" if isinstance(result, Reject) else "article"
            actual.append((name, outcome))
    assert sorted(actual) == sorted(expected)
    assert all(is_known(o.split(":", 1)[1]) for _, o in expected if o.startswith("reject:"))
    kinds = {o for _, o in expected}
    for reason in ("corrupt_archive", "invalid_json", "not_an_article", "unsafe_member_path"):
        assert f"reject:{reason}" in kinds

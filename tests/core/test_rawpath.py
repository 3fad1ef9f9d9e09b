"""raw_path names are unambiguous: a real file named like an archive member never collides."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from corpus.rawpath import member_raw_path, raw_path_of, split_raw_path
from tests.core.helpers import tables_of
from tests.formats.helpers import zip_bytes

DUMP = b"date 2024-03-05 NAIROBI - The council met on Monday to agree the budget for the year."


def _raw_path(parts: tuple[str, list[str]]) -> str:
    path, members = parts
    raw_path = raw_path_of(path)
    for member in members:
        raw_path = member_raw_path(raw_path, member)
    return raw_path


_NAMES = st.text(alphabet=st.sampled_from("a!^/.%\\"), max_size=6)
_INPUTS = st.tuples(_NAMES, st.lists(_NAMES, max_size=3))


@given(_INPUTS, _INPUTS)
def test_two_different_inputs_never_share_a_raw_path(a, b) -> None:
    if a != b:
        assert _raw_path(a) != _raw_path(b)


@given(_INPUTS)
def test_raw_paths_split_back_into_their_names(parts) -> None:
    path, members = parts
    assert split_raw_path(_raw_path(parts)) == [path, *members]


def test_plain_names_are_unchanged() -> None:
    assert raw_path_of("news/2024/a b%20.html") == "news/2024/a b%20.html"
    assert member_raw_path("news/dump.zip", "2024/a.txt") == "news/dump.zip!2024/a.txt"


def test_a_file_named_like_a_member_gets_its_own_raw_path_and_id(tmp_path: Path) -> None:
    # before: both were 'dump.zip!a.txt' with one article_id, and the refresh failed every run
    tables = tables_of(tmp_path, {"dump.zip": zip_bytes({"a.txt": DUMP}), "dump.zip!a.txt": DUMP})
    rows = tables.articles.to_pylist()
    assert sorted(r["raw_path"] for r in rows) == ["dump.zip!a.txt", "dump.zip^!a.txt"]
    assert len({r["article_id"] for r in rows}) == 2

"""Inputs the fuzz job (`make fuzz`) found, kept as fixtures; and properties it checks at scale.

Each fixture is named by its fuzz input number (`python benchmarks/fuzz.py --replay N`). The
property tests assert what the job counts: generated inputs never raise out of the readers and
never yield a bug-class reason (`read_error` on a readable file, `reader_error`,
`extract_error`).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.extract import extract
from corpus.formats import read_bytes
from corpus.records import RawRecord, Reject
from tests.formats.helpers import BODY, page, warc_bytes, zip_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "fuzz"
BUG_REASONS = {"read_error", "reader_error", "extract_error"}


def _outcomes(data: bytes, name: str) -> list:
    return [
        i if isinstance(i, Reject) else extract(i, time_limit=None) for i in read_bytes(data, name)
    ]


@pytest.mark.parametrize(
    ("fixture", "reason"),
    [
        # a response record without WARC-Target-URI: AttributeError inside warcio (reader_error)
        ("0000323.warc", "malformed_warc"),
        # a damaged member offset: zipfile seeks before the start (ValueError; was read_error)
        ("0000422.zip", "corrupt_archive"),
        # Content-Length '23²': str.isdigit() accepts '²', int() does not (reader_error)
        ("0008118.warc", "malformed_warc"),
        # a damaged central directory: ZipFile() raises NotImplementedError (reader_error)
        ("0093811.zip", "corrupt_archive"),
    ],
)
def test_fuzz_finds_are_precise_rejects(fixture: str, reason: str) -> None:
    items = _outcomes((FIXTURES / fixture).read_bytes(), fixture)
    reasons = [i.reason for i in items if isinstance(i, Reject)]
    assert reason in reasons
    assert not BUG_REASONS & set(reasons)


def test_html_with_control_characters_is_extracted_not_an_extract_error() -> None:
    # found by atheris: a decoded page with NUL and C0 controls; lxml refused it ("All strings
    # must be XML compatible") and the record became extract_error
    html = (FIXTURES / "atheris-e38f6b3a.html").read_bytes().decode("utf-8")
    assert "\x00" in html
    outcome = extract(RawRecord("a.html", 0, "html", html), time_limit=None)
    assert not isinstance(outcome, Reject) or outcome.reason not in BUG_REASONS


def test_a_character_reference_to_a_control_in_moved_text_is_not_an_extract_error() -> None:
    # fuzz input 164810: `&#x2` in the tail of a dropped element; lxml decoded it to U+0002
    # and refused to store it again when the tail moved (extract_error before)
    html = (
        f"<html><head><title>Gates</title></head><body><article><h1>Gates</h1>"
        f"<p>{BODY}<span hidden>x</span>&#x2 after {BODY}</p><p>{BODY}</p></article></body></html>"
    )
    outcome = extract(RawRecord("a.html", 0, "html", html), time_limit=None)
    assert not isinstance(outcome, Reject), outcome
    assert all("\x02" not in block.text for block in outcome.blocks)


_SEEDS = [
    ("a.html", page("Seed page").encode()),
    ("a.jsonl", json.dumps({"title": "T", "text": BODY}).encode() + b"\n"),
    ("a.json", json.dumps([{"title": "T", "text": BODY}] * 2).encode()),
    ("a.txt", f"date 2024-03-05 NAIROBI - {BODY}".encode()),
    ("a.warc", warc_bytes([("https://a.example/x", page().encode(), "text/html")])),
    ("a.zip", zip_bytes({"x.html": page().encode(), "y.jsonl": b'{"text": "t"}\n'})),
    ("a.jsonl.gz", gzip.compress(json.dumps({"text": BODY}).encode())),
]


@st.composite
def _damaged(draw) -> tuple[str, bytes]:
    name, data = draw(st.sampled_from(_SEEDS))
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(buf)))
        op = draw(st.sampled_from(["flip", "insert", "cut", "delete"]))
        if op == "flip" and buf:
            i = draw(st.integers(0, len(buf) - 1))
            buf[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            buf[at:at] = draw(st.sampled_from([b"\x00", b"\xff", b"\\ud800", b"\\u0000", b"!"]))
        elif op == "cut":
            del buf[at:]
        else:
            del buf[at : at + draw(st.integers(1, 64))]
    return name, bytes(buf)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_damaged())
def test_damaged_inputs_never_yield_a_bug_class_reason(case: tuple[str, bytes]) -> None:
    name, data = case
    items = _outcomes(data, name)
    assert items, "every input has a row"
    reasons = {i.reason for i in items if isinstance(i, Reject)}
    assert not BUG_REASONS & reasons, reasons


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048), st.sampled_from(["a.bin", "a.json", "a.warc", "a.zip", "a.gz"]))
def test_random_bytes_never_raise_out_of_the_readers(data: bytes, name: str) -> None:
    items = list(read_bytes(data, name))
    assert items
    assert all(isinstance(i, RawRecord | Reject) for i in items)
    assert not BUG_REASONS & {i.reason for i in items if isinstance(i, Reject)}

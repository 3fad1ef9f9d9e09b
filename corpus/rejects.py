"""One way to say "this input is not an article": `RejectError`, and one way to make its row.

Code deep in a reader, decoder or extractor raises `RejectError(reason, message)`; the stage
boundary (`corpus.formats` for reading, `corpus.extract.extract` for extraction) turns it into a
`Reject` with `reject_of`, which applies the one excerpt rule (`excerpt_of`). Readers that must
go on after a bad record (a JSONL line, a WARC record) yield `make_reject(...)` directly: the
same rule, no positional repetition.
"""

from __future__ import annotations

from corpus.reasons import REASONS
from corpus.records import Reject

EXCERPT_CHARS = 200


class RejectError(Exception):
    """An input that cannot become an article: a stable reason code and a one-line message.

    `data` is the input the excerpt is taken from, when the raiser has it; `stage` overrides
    the stage of the boundary that catches it (a decode failure inside the reader says
    'decode').
    """

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        data: bytes | str | None = None,
        stage: str | None = None,
    ) -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown reject reason {reason!r}")  # a typo must fail a test
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.data = data
        self.stage = stage


def excerpt_of(data: bytes | str | None, limit: int = EXCERPT_CHARS) -> str:
    """The excerpt rule: the first `limit` characters; bytes as UTF-8, other bytes escaped."""
    if data is None:
        return ""
    if isinstance(data, bytes):
        data = data[: limit * 4].decode("utf-8", errors="backslashreplace")
    return data[:limit]


def one_line(message: str) -> str:
    """A message on one line (exception texts from libraries often span several)."""
    lines = message.strip().splitlines()
    return lines[0] if lines else ""


def make_reject(
    raw_path: str,
    record_index: int | None,
    reason: str,
    message: str,
    *,
    stage: str = "read",
    data: bytes | str | None = None,
) -> Reject:
    """A `Reject` row's record, with the one excerpt rule applied to `data`."""
    return Reject(
        raw_path=raw_path,
        record_index=record_index,
        stage=stage,
        reason=reason,
        message=one_line(message),
        excerpt=excerpt_of(data),
    )


def reject_of(
    error: RejectError,
    raw_path: str,
    record_index: int | None,
    *,
    stage: str = "read",
    data: bytes | str | None = None,
    where: str = "",
) -> Reject:
    """The `Reject` for a caught `RejectError`; `where` prefixes the message ('line 3')."""
    message = f"{where}: {error.message}" if where else error.message
    return make_reject(raw_path, record_index, error.reason, message,
                       stage=error.stage or stage,
                       data=error.data if error.data is not None else data)  # fmt: skip

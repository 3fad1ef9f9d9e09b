"""A top-level JSON array, streamed element by element, that survives a damaged element.

Memory is bounded by the largest element (`max_record_bytes`), not the file. When an element
does not parse, it becomes one `invalid_json` reject and the reader resynchronizes: it looks for
the next `{` that follows a `,` and starts a complete object followed by `,` or `]`, and goes on
from there, so one bad byte costs one element, not the rest of the array.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from corpus.formats.jsondoc import nesting_depth, record_from_object
from corpus.formats.options import ReadOptions
from corpus.formats.streams import CHUNK
from corpus.records import RawRecord, Reject
from corpus.rejects import make_reject

_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"
_NEXT_OBJECT = re.compile(r",\s*\{")


class _Buffer:
    """Decoded text of the stream, read in growing chunks; `pos` is the parse position."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        # the decode rule of corpus.formats.jsondoc: UTF-8, invalid bytes as U+FFFD
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self.text = ""
        self.pos = 0
        self.want = CHUNK
        self.eof = False

    def more(self) -> bool:
        """Read one more chunk; False at the end of the stream."""
        if self.eof:
            return False
        data = self.stream.read(self.want)
        self.eof = not data
        self.text = self.text[self.pos :] + self.decoder.decode(data, final=self.eof)
        self.pos = 0
        self.want = min(self.want * 2, 64 * CHUNK)
        return not self.eof

    def skip_space(self, also: str = "") -> str | None:
        """The next character that is not white space (or in `also`), None at the end."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _SPACE + also:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return None


def _resync(buf: _Buffer, limit: int) -> bool:
    """Move past a damaged element to the next element that parses; False when none is left.

    Skipped text is dropped as the search goes, so memory stays bounded by one element."""
    search = buf.pos + 1
    while True:
        match = _NEXT_OBJECT.search(buf.text, search)
        if match is None:
            comma = buf.text.rfind(",", search)  # may start a match cut by the chunk's end
            buf.pos = comma if comma >= 0 else len(buf.text)
            if not buf.more():
                return False
            search = 0
            continue
        candidate = match.end() - 1
        try:
            _, end = _DECODER.raw_decode(buf.text, candidate)
        except (json.JSONDecodeError, RecursionError) as exc:
            cut = isinstance(exc, json.JSONDecodeError) and exc.pos >= len(buf.text) - 1
            if cut and len(buf.text) - match.start() <= limit and not buf.eof:
                buf.pos = match.start()
                buf.more()
                search = 0
                continue
            search = candidate + 1
            continue
        after = buf.text[end:].lstrip(_SPACE)
        if not after and not buf.eof:
            buf.pos = match.start()
            buf.more()
            search = 0
            continue
        if after[:1] in (",", "]") or not after:
            buf.pos = candidate
            return True
        search = candidate + 1


def iter_array(
    stream: BinaryIO, raw_path: str, fmt: str, options: ReadOptions
) -> Iterator[RawRecord | Reject]:
    """Elements of a top-level JSON array, one at a time."""
    buf = _Buffer(stream)
    buf.more()
    start = buf.text.find("[")
    buf.pos = start + 1
    index = 0
    limit = options.max_record_bytes
    while True:
        char = buf.skip_space(",")
        if char is None:
            yield make_reject(raw_path, index, "invalid_json",
                              f"the array ends before its closing ']' (after {index} elements)")  # fmt: skip
            return
        if char == "]":
            if index == 0:
                yield make_reject(raw_path, None, "empty_file", "the JSON array is empty")
            return
        where = f"element {index}"
        try:
            value, end = _DECODER.raw_decode(buf.text, buf.pos)
        except RecursionError:
            yield make_reject(raw_path, index, "too_deeply_nested", f"{where} nests too deeply")
            index += 1
            if not _resync(buf, limit):
                return
            continue
        except json.JSONDecodeError as exc:
            unfinished = exc.pos >= len(buf.text) - 1 or exc.msg.startswith("Unterminated")
            if unfinished and not buf.eof:
                if len(buf.text) - buf.pos > limit:
                    yield make_reject(raw_path, index, "too_large",
                                      f"{where} is larger than {limit} bytes")  # fmt: skip
                    return
                buf.more()
                continue
            yield make_reject(raw_path, index, "invalid_json", f"{where}: {exc}",
                              data=buf.text[buf.pos : buf.pos + 200])  # fmt: skip
            index += 1
            if not _resync(buf, limit):
                return
            continue
        depth = nesting_depth(buf.text[buf.pos : end], options.max_json_depth)
        buf.pos = end
        if depth > options.max_json_depth:
            yield make_reject(raw_path, index, "too_deeply_nested",
                              f"{where}: nesting deeper than {options.max_json_depth} levels")  # fmt: skip
        else:
            yield record_from_object(value, raw_path, index, fmt, options, where)
        index += 1

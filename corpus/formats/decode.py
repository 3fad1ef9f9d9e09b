"""Bytes to text for text-like inputs, strict by default: a wrong decoding is worse than a reject."""

from __future__ import annotations

import codecs
import re

from corpus.rejects import RejectError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# every byte but the C0 controls that never occur in text (tab, newlines, form feed, ESC do)
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13, 27))


def _decode_error(reason: str, message: str) -> RejectError:
    return RejectError(reason, message, stage="decode")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many C0 control bytes mean binary content, not a text dump."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = len(head.translate(None, _NOT_CONTROL))
    return len(head) > 0 and controls / len(head) > 0.05


def decode_text(data: bytes) -> str:
    """Decode by BOM, else strict UTF-8; never emits replacement characters."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _decode_error("invalid_encoding", f"bad {encoding} after BOM: {exc}") from exc
    if looks_binary(data):
        raise _decode_error("binary_content", "NUL or control bytes: not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _decode_error(
            "invalid_encoding",
            f"not valid UTF-8 at byte {exc.start} ({data[exc.start : exc.start + 4]!r})",
        ) from exc


# Markup (HTML, JSON, WARC payloads) is decoded more leniently than a text dump: these formats say
# or imply their encoding, and a page in windows-1252 is common and legitimate.
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]{2,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""")
# the WHATWG encoding standard: these labels mean windows-1252 in a web page
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252",
                "x-sjis": "shift_jis", "gb2312": "gb18030", "gbk": "gb18030"}  # fmt: skip


def charset_label(label: str | bytes | None) -> str | None:
    """A Python codec name for a declared charset label, or None when unknown or unusable."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    name = label.strip().strip("\"'").lower()
    name = _WEB_ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # a page that declares UTF-16 without a BOM is read as UTF-8 (the WHATWG rule)
    return "utf-8" if codec.startswith("utf-16") or codec.startswith("utf-32") else codec


def sniff_markup_charset(data: bytes) -> str | None:
    """The charset a document declares in its first bytes (`<meta charset>`, XML declaration)."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return charset_label(match.group(1)) if match else None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536], cp_isolation=None).best()
    return best.encoding if best is not None else None


# typographic characters windows-1252 adds that news text uses between words
_LEGACY_PUNCTUATION = frozenset("‘’“”–—…«»°£€§©®•·")
MOSTLY_ASCII = 0.02  # at most this share of non-ASCII bytes: "ASCII with a few stray bytes"


def legacy_latin(data: bytes) -> str | None:
    """The windows-1252 reading of `data` when it is plainly Latin text, else None.

    Plainly Latin: every non-ASCII character is a letter next to a letter (`Café`, `Zürich`)
    or typographic punctuation (curly quotes, dashes). A stray byte between non-letters (`bad
    \xc3(`) fails the test: it is damage, not a legacy encoding, and must not become mojibake.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    for i, char in enumerate(text):
        if char < "\x80" or char in _LEGACY_PUNCTUATION:
            continue
        near = text[max(i - 1, 0) : i] + text[i + 1 : i + 2]
        if not (char.isalpha() and any(c.isalpha() for c in near)):
            return None
    return text


def decode_damaged_utf8(data: bytes) -> str:
    """The rule for bytes that are meant as UTF-8 (declared, JSON, or mostly ASCII) but are
    not valid: plainly Latin legacy text is read as windows-1252, anything else as UTF-8 with
    each invalid byte shown as U+FFFD. A code page is never guessed statistically here."""
    return legacy_latin(data) or data.decode("utf-8", errors="replace")


def _mostly_ascii(data: bytes) -> bool:
    head = data[:65536]
    return len(head.translate(None, bytes(range(128)))) <= MOSTLY_ASCII * max(len(head), 1)


def decode_markup(data: bytes, *, declared: str | None = None) -> str:
    """Decode HTML/JSON/WARC payloads; raises `RejectError` rather than emit U+FFFD.

    Order: BOM; strict UTF-8 (valid UTF-8 with non-ASCII bytes is almost never another
    encoding, while pages that declare Latin-1 but hold UTF-8 are common); the charset declared
    by the transport (`declared`, e.g. an HTTP Content-Type in a WARC record); the document's own
    `<meta charset>`/XML declaration (a declared UTF-8 that does not decode, and undeclared
    bytes that are mostly ASCII, follow `decode_damaged_utf8`: never a guessed code page); then
    charset-normalizer's guess. Mojibake (UTF-8 read as
    Latin-1 before it was saved) is repaired later, on the extracted text
    (`corpus.normalize.text.repair_mojibake`), where it is cheaper.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _decode_error("invalid_encoding", f"bad {encoding} after BOM: {exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    tried = {"utf-8"}
    labels = (charset_label(declared), sniff_markup_charset(data))
    if "utf-8" in labels:
        return decode_damaged_utf8(data)
    for encoding in labels:
        if encoding and encoding not in tried:
            tried.add(encoding)
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    if looks_binary(data):
        raise _decode_error("binary_content", "NUL or control bytes: not a text document")
    if _mostly_ascii(data):
        return decode_damaged_utf8(data)
    guess = _detect(data)
    if guess and guess not in tried:
        try:
            return data.decode(guess)
        except UnicodeDecodeError:
            pass
    raise _decode_error("invalid_encoding", "no declared or detected encoding decodes these bytes")

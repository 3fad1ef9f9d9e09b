"""Which JSON fields hold an article's text and metadata: a default mapping plus the user's own.

Each article field has a list of candidate paths, tried in order; the first one present with a
non-empty value wins. A path is a dotted key path (`meta.title`, `article.body.text`); through a
list, the rest of the path applies to every item (`authors.name` on
`{"authors": [{"name": "A"}, {"name": "B"}]}` gives `["A", "B"]`).

A user mapping file (TOML or JSON) names paths per field; the fields it names replace the
defaults for those fields, the others keep them:

    # mapping.toml
    [fields]
    text = ["body.content", "body.html"]
    date = "meta.first_published"
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

FIELD_NAMES = ("title", "text", "date", "url", "authors", "source", "language")


@dataclass(frozen=True, slots=True)
class FieldMapping:
    """Candidate JSON paths per article field, most preferred first."""

    title: tuple[str, ...] = ("title", "headline")
    text: tuple[str, ...] = (
        "text", "maintext", "content", "body", "article", "raw_text", "html", "raw_content",
    )  # fmt: skip
    date: tuple[str, ...] = (
        "date", "date_publish", "published", "published_at", "pubDate", "date_published",
        "publish_date", "datePublished",
    )  # fmt: skip
    url: tuple[str, ...] = ("url", "link", "source_url", "canonical_url")
    authors: tuple[str, ...] = ("authors", "author", "byline")
    source: tuple[str, ...] = (
        "source", "source_domain", "site", "sitename", "hostname", "source-hostname",
    )  # fmt: skip
    language: tuple[str, ...] = ("language", "lang")


DEFAULT_MAPPING = FieldMapping()


class MappingError(ValueError):
    """A mapping file that cannot be used; the message says why."""


def load_field_mapping(path: str | Path) -> FieldMapping:
    """A `FieldMapping` from a TOML or JSON file (see the module docstring for the format)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MappingError(f"cannot read mapping file {path}: {exc}") from exc
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw)
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise MappingError(f"mapping file {path} does not parse: {exc}") from exc
    if not isinstance(data, dict):
        raise MappingError(f"mapping file {path} must hold a table/object")
    table = data.get("fields", data)
    if not isinstance(table, dict):
        raise MappingError(f"'fields' in {path} must be a table/object")
    unknown = sorted(set(table) - set(FIELD_NAMES))
    if unknown:
        raise MappingError(f"unknown fields in {path}: {', '.join(unknown)}; known: {FIELD_NAMES}")
    changes: dict[str, tuple[str, ...]] = {}
    for name, value in table.items():
        paths = [value] if isinstance(value, str) else value
        if not isinstance(paths, list) or not all(isinstance(p, str) and p for p in paths):
            raise MappingError(f"field {name!r} in {path} must be a path or a list of paths")
        changes[name] = tuple(paths)
    return replace(DEFAULT_MAPPING, **changes)


def lookup(obj: object, path: str) -> object | None:
    """The value at a dotted path, or None; lists map the rest of the path over their items."""
    current: object = obj
    parts = path.split(".")
    for i, part in enumerate(parts):
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list):
            rest = ".".join(parts[i:])
            values = [lookup(item, rest) for item in current]
            flat = [v for value in values for v in (value if isinstance(value, list) else [value])]
            present = [v for v in flat if v not in (None, "", [])]
            return present or None
        else:
            return None
        if current is None:
            return None
    return current


def _is_url(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def map_fields(obj: dict, mapping: FieldMapping) -> dict[str, object]:
    """The article fields found in one JSON record (absent ones left out).

    A source candidate that holds a page URL is the record's URL, not its publisher (trafilatura's
    JSON export writes the URL under `source`, the site under `hostname`/`source-hostname`): it
    fills `url` when no URL field has one, and the next candidate names the source."""
    found: dict[str, object] = {}
    for spec in fields(mapping):
        skipped = None
        for path in getattr(mapping, spec.name):
            value = lookup(obj, path)
            if value in (None, "", [], {}):
                continue
            if spec.name == "source" and _is_url(value):
                skipped = skipped or value
                continue
            found[spec.name] = value
            break
        if skipped is not None:
            found.setdefault("url", skipped)
            found.setdefault("source", skipped)
    return found

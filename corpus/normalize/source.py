"""One publisher, one `source`: the canonical name of where an article came from.

An article's source is found in different shapes: the publisher folder of its raw path
(`raw/meridian-wire/...`), the host of its URL (`www.meridian-wire.example`), a JSON export's
`source`/`sitename` field (`Meridian Wire`). The lake stores the found value in `raw_source` and
one canonical name in `source`, by two rules, in order:

1. the alias map (`[sources]` in `corpus.toml`: `canonical = ["alias", ...]`), matched on the
   value as found (case-insensitive), then on its built-in name (below), so one alias entry
   `meridian-wire.example` also covers `https://www.meridian-wire.example/` and `MERIDIAN-WIRE.example`;
2. the built-in name: a host or URL becomes its registrable name, the label before the public
   suffix of the Public Suffix List (`news.bbc.co.uk` -> `bbc`, `foo.blogspot.com` -> `foo`; a
   host under a suffix the list does not know, such as the reserved `.example`, drops its last
   label: `www.meridian-wire.example` -> `meridian-wire`); any other name is lower-cased with
   runs of spaces, underscores and punctuation as one `-` (`Meridian Wire` -> `meridian-wire`).

So a folder named after the publisher and the publisher's own URLs agree without any
configuration; the alias map is for the rest (`the-guardian` and `theguardian.com`). Two
publishers sharing a name under different suffixes (`example.com`, `example.org`) become one
source by rule 2: give one of them an alias entry by its full host to keep them apart.

The rule is versioned (`SOURCE_VERSION`) and the map is part of the read options, so changing
either changes the batches' `parameters_digest` and `corpus ingest --reprocess` re-derives sources.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

SOURCE_VERSION = "source_v1"

_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)+\.?$")
_SEPARATORS = re.compile(r"[^\w.]+|_+")


class SourceMapError(ValueError):
    """An alias map that cannot be used: the message says why."""


def _host_of(value: str) -> str | None:
    """The host when `value` is a URL or a bare host name, else None."""
    if "://" in value:
        try:
            return (urlsplit(value).hostname or "").rstrip(".") or None
        except ValueError:
            return None
    if _HOST.match(value) and not value.replace(".", "").isdigit():
        return value.lower().rstrip(".")
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return None
    return value


@functools.lru_cache(maxsize=65536)
def registrable_name(host: str) -> str:
    """The label of `host` before its public suffix; an IP address or one-label host as is."""
    from tld import get_tld

    host = host.lower()
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    found = get_tld(host, fix_protocol=True, as_object=True, fail_silently=True,
                    search_private=True)  # fmt: skip
    if found is not None and getattr(found, "domain", ""):
        return found.domain  # type: ignore[union-attr]
    labels = [label for label in host.removeprefix("www.").split(".") if label]
    return labels[-2] if len(labels) >= 2 else host


@functools.lru_cache(maxsize=65536)  # a batch names few publishers, many times each
def source_name(value: str | None) -> str | None:
    """The built-in name of a source as found (rule 2 of the module docstring)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    host = _host_of(value)
    if host is not None:
        return registrable_name(host)
    return _SEPARATORS.sub("-", value.casefold()).strip("-.") or value.casefold()


@dataclass(frozen=True)
class SourceMap:
    """Aliases to canonical sources, and the version of the built-in rule. Frozen and
    picklable (part of `ReadOptions`, which workers receive and the digest covers)."""

    aliases: tuple[tuple[str, str], ...] = ()  # (alias key, canonical), sorted
    version: str = SOURCE_VERSION

    def __post_init__(self) -> None:
        # the lookup table, built once (not a field: the digest and equality see `aliases`)
        object.__setattr__(self, "_lookup", dict(self.aliases))

    @classmethod
    def from_table(cls, table: Mapping[str, object]) -> SourceMap:
        """From `{canonical: alias or [aliases]}` (the `[sources]` table of `corpus.toml`)."""
        found: dict[str, str] = {}
        for canonical, names in table.items():
            names = [names] if isinstance(names, str) else names
            if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
                raise SourceMapError(f"[sources] {canonical}: a name or a list of names")
            for name in names:
                for key in {name.strip().casefold(), source_name(name)}:
                    if key and found.setdefault(key, canonical) != canonical:
                        raise SourceMapError(
                            f"[sources]: {name!r} is an alias of both {found[key]!r} "
                            f"and {canonical!r}"
                        )
        return cls(aliases=tuple(sorted(found.items())))

    def canonical(self, found: str | None) -> str | None:
        """The canonical source of a value as found (see the module docstring)."""
        if found is None or not found.strip():
            return None
        aliases: dict[str, str] = self._lookup  # type: ignore[attr-defined]
        name = source_name(found)
        return aliases.get(found.strip().casefold()) or aliases.get(name or "") or name


DEFAULT_SOURCES = SourceMap()

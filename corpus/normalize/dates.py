"""Publication dates from metadata strings, URLs and visible text, normalized to UTC.

A `FoundDate` keeps two views of one date: `at`, the instant in UTC (midnight UTC when only the
day is known), and `day`, the calendar day as the publisher wrote it. They differ only for a time
late or early in a day away from UTC ("2024-03-05T23:30-05:00" is 04:30 UTC on the 6th, but the
paper dated it the 5th); `day` is what readers and the dev sets call the publication day.

Only plausible dates are returned: between `MIN_YEAR` and two days after `now` (a future date is
a scheduled or mistyped one). `now` is the caller's reference instant (a crawl date), never the
wall clock: a re-run on the same input gives the same date. Without one the ceiling is the fixed
`LAST_DAY`; `corpus.extract.html` then checks the date against the crawl date when there is one.
Nothing here guesses a century or reads a two-digit year.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

MIN_YEAR = 1990
LAST_DAY = dt.date(2099, 12, 31)  # the ceiling without a reference instant (no wall clock)
_FUTURE_SLACK = dt.timedelta(days=2)


@dataclass(frozen=True, slots=True)
class FoundDate:
    at: dt.datetime  # timezone-aware, UTC
    day: dt.date  # the calendar day as written (local to the publisher)
    precision: str  # 'day' or 'time'


MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv januar jän jänner enero ene gennaio gen januari janeiro",
        "february feb février fév fevrier fevr februar febrero febbraio febr februari fevereiro fev",
        "march mar mars märz maerz marzo mrt maart março",
        "april apr avril abril aprile",
        "may mai mayo maggio mei maio",
        "june jun juin juni junio giugno giu junho",
        "july jul juillet juil juli julio luglio lug julho",
        "august aug août aout august agosto ago augustus",
        "september sep sept septembre septiembre settembre set setembro",
        "october oct octobre oktober okt octubre ottobre ott outubro out",
        "november nov novembre noviembre novembro",
        "december dec décembre déc decembre dezember dez diciembre dic dicembre desember dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS.setdefault(_name, _number)
# Slavic and Nordic names (genitive forms, as dates write them); kept apart so that a word that
# names different months in two languages never overrides the first table
for _number, _names in enumerate(
    (
        "января январь січня stycznia ledna styczeń",
        "февраля февраль лютого lutego února",
        "марта март березня marca března",
        "апреля апрель квітня kwietnia dubna",
        "мая май травня maja května",
        "июня июнь червня czerwca června",
        "июля июль липня lipca července",
        "августа август серпня sierpnia srpna augusti",
        "сентября сентябрь вересня września září",
        "октября октябрь жовтня października října",
        "ноября ноябрь листопада listopada listopadu",
        "декабря декабрь грудня grudnia prosince",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS.setdefault(_name, _number)
_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?"
)
# ISO 8601 basic format: 20240305, 20180619T055000+0900, 20180619T0550Z
_COMPACT = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)"
    r"(?:T(?P<H>[0-2]\d)(?P<M>[0-5]\d)(?P<S>[0-5]\d)?(?:[.,]\d+)?(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?"
    r"(?!\d)"
)
_SLASHED_YMD = re.compile(r"(?<!\d)(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})(?!\d)")
_DMY_NUMERIC = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})(?!\d)")
_DAY_MONTH_YEAR = re.compile(
    r"(?<![\w.])(?P<d>\d{1,2})(?:\.|st|nd|rd|th|er|º)?(?:\s*|-)(?:de\s+)?(?P<mon>"
    + _MONTH_RE
    + r")\.?"
    r",?(?:\s*|-)(?:de\s+)?(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    r"(?<!\w)(?P<mon>"
    + _MONTH_RE
    + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(
    r"\s*(?:,|at|@|um|à|a las|-|–|—|\|)?\s*(?P<H>\d{1,2})[:.h](?P<M>\d{2})(?:\s*(?P<ampm>[ap]\.?m\.?))?"
    r"(?:\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}))?",
    re.IGNORECASE,
)
_URL_DATE = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d{2})[/_-](?P<m>[01]?\d)[/_-](?P<d>[0-3]?\d)(?=[/_.-]|$)"
    r"|/(?P<y2>(?:19|20)\d{2})(?P<m2>[01]\d)(?P<d2>[0-3]\d)/"
    r"|(?<![\d])(?P<d3>[0-3]\d)-(?P<m3>[01]\d)-(?P<y3>(?:19|20)\d{2})(?=[/.?#]|$)"
)


def _tz_of(token: str | None) -> dt.tzinfo | None:
    if not token or token.upper() in ("Z", "UTC", "GMT"):
        return dt.UTC if token else None
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        return None
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def _plausible(day: dt.date, now: dt.datetime | None) -> bool:
    ceiling = (now + _FUTURE_SLACK).date() if now is not None else LAST_DAY
    return day.year >= MIN_YEAR and day <= ceiling


def _build(
    y: int,
    m: int,
    d: int,
    hh: int | None = None,
    mm: int | None = None,
    ss: int = 0,
    tz: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> FoundDate | None:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None
    if not _plausible(day, now):
        return None
    if hh is None or mm is None:
        return FoundDate(dt.datetime(y, m, d, tzinfo=dt.UTC), day, "day")
    try:
        local = dt.datetime(y, m, d, hh, mm, ss, tzinfo=tz or dt.UTC)
    except ValueError:
        return FoundDate(dt.datetime(y, m, d, tzinfo=dt.UTC), day, "day")
    return FoundDate(local.astimezone(dt.UTC), day, "time")


def _from_match(match: re.Match[str], now: dt.datetime | None) -> FoundDate | None:
    groups = match.groupdict()
    hour = groups.get("H")
    return _build(
        int(groups["y"]),
        int(groups["m"]),
        int(groups["d"]),
        int(hour) if hour is not None else None,
        int(groups["M"]) if hour is not None else None,
        int(groups.get("S") or 0),
        _tz_of(groups.get("tz")),
        now,
    )


def _with_month_name(match: re.Match[str], text: str, now: dt.datetime | None) -> FoundDate | None:
    month = MONTHS.get(match.group("mon").lower().rstrip("."))
    if month is None:
        return None
    y, d = int(match.group("y")), int(match.group("d"))
    time = _TIME_AFTER.match(text, match.end())
    if time is None or not time.group("tz"):  # a wall-clock time in an unknown zone: the day only
        return _build(y, month, d, now=now)
    hour = int(time.group("H"))
    ampm = (time.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return _build(y, month, d, now=now)
    return _build(y, month, d, hour, int(time.group("M")), 0, _tz_of(time.group("tz")), now)


def parse_date(value: object, *, now: dt.datetime | None = None) -> FoundDate | None:
    """A date from one metadata value (ISO 8601, RFC 2822, epoch seconds, or a written date)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(float(value), now)
    if not isinstance(value, str):
        return None
    text = value.strip()[:200]
    if not text:
        return None
    if text.isdigit() and len(text) in (10, 13):
        return _from_epoch(float(text) / (1000 if len(text) == 13 else 1), now)
    compact = _COMPACT.fullmatch(text)
    if compact:
        return _from_match(compact, now)
    match = _ISO.search(text)
    if match:
        return _from_match(match, now)
    if re.match(r"^[A-Za-z]{3},?\s+\d", text):
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            tz = parsed.tzinfo or dt.UTC
            return _build(
                parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second,
                tz, now,
            )  # fmt: skip
    return find_date_in_text(text, now=now)


def _from_epoch(seconds: float, now: dt.datetime | None) -> FoundDate | None:
    try:
        at = dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return _build(at.year, at.month, at.day, at.hour, at.minute, at.second, dt.UTC, now)


def find_date_in_text(text: str, *, now: dt.datetime | None = None) -> FoundDate | None:
    """The first plausible full date (day, month and year) written in running text."""
    best: tuple[int, FoundDate] | None = None
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            found = _with_month_name(match, text, now)
            if found is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), found)
                break
    for pattern in (_ISO, _SLASHED_YMD, _DMY_NUMERIC):
        for match in pattern.finditer(text):
            found = _from_match(match, now)
            if found is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), found)
                break
    return best[1] if best else None


def date_from_url(url: str | None, *, now: dt.datetime | None = None) -> FoundDate | None:
    """A day written in a URL path: /2024/03/05/, /2024-03-05-, /20240305/."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    for match in _URL_DATE.finditer(path):
        if match.group("y"):
            found = _build(int(match["y"]), int(match["m"]), int(match["d"]), now=now)
        elif match.group("y2"):
            found = _build(int(match["y2"]), int(match["m2"]), int(match["d2"]), now=now)
        else:
            found = _build(int(match["y3"]), int(match["m3"]), int(match["d3"]), now=now)
        if found is not None:
            return found
    return None


def parse_crawl_date(value: str | None) -> FoundDate | None:
    """A WARC-Date or HTTP Date header; no plausibility ceiling (the crawl happened)."""
    if not value:
        return None
    far_future = dt.datetime(9000, 1, 1, tzinfo=dt.UTC)
    return parse_date(value, now=far_future)

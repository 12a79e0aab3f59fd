"""Resolve when an event happened from the temporal expressions in its sentence.

News sentences almost never carry a full date; they say "on Tuesday", "last week" or
"October 7", all of which only mean something relative to the article's publication date.
This module finds those expressions and turns them into calendar dates.

It runs on every sentence of millions of articles, so:

* every regex is compiled once, at import;
* a single cheap pre-check regex rejects sentences with no temporal trigger word before any
  of the real patterns run (most sentences have none);
* nothing here touches spaCy; the caller passes plain strings and character offsets.

Conventions for ``TemporalMatch.date`` by granularity: "day" is the exact day; "week" is a
representative day in that week (``published - 7`` for "last week"); "month" is always the
first of the month and "year" always January 1, so callers can compare coarse dates without
knowing which phrase produced them.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["TemporalMatch", "find_temporal_expressions", "resolve_date"]

# How far past the publication date a yearless date ("on October 9") may land when the clause
# is future tense: far enough for "will meet on October 9" in a preview article, near enough
# that a past-tense misparse cannot jump a whole year forward.
FUTURE_SLACK_DAYS = 7

_GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2}  # "year" never dates an event

_MONTHS_FULL = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
_MONTH_NUMBER: dict[str, int] = {name: i + 1 for i, name in enumerate(_MONTHS_FULL)}
_MONTH_NUMBER.update(
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
     "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
)
# Words that are also everyday English ("Russia may respond", "protesters march"). They count
# as months only when capitalised, on top of the context each pattern already demands.
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar"})

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NUMBER = {name: i for i, name in enumerate(_WEEKDAYS)}
_SATURDAY = 5

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

# Full names must precede their abbreviations: Python alternation takes the first branch that
# matches, and "jun" would otherwise win inside "june".
_MONTH_ANY = (
    r"(?P<mon>" + "|".join(_MONTHS_FULL)
    + r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)
_MONTH_FULL = r"(?P<mon>" + "|".join(_MONTHS_FULL) + r")\b"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A year must not be the head of a longer number ("2024.5", "2,0245").
_YEAR = r"(?P<year>\d{4})\b(?![.,]?\d)"
_NUM = (
    r"(?P<num>\d{1,3}|a\s+couple\s+of|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
)
_PREP = r"(?:in|since|until|till|by|during|through|from|before|after)"
# Counted nouns that show a 4-digit number after "of"/"in" is a quantity, not a year.
_QUANTITY_NOUNS = (
    r"(?:million|billion|thousand|hundred|people|persons|troops|soldiers|men|women|children|"
    r"civilians|residents|refugees|protesters|demonstrators|fighters|members|votes|voters|"
    r"dollars|euros|pounds|rubles|yuan|tons|tonnes|km|kilometers|kilometres|miles|"
    r"barrels|cases|deaths|units|rockets|missiles|drones|percent|%)"
)



class _Pattern:
    """One pattern compiled twice, because matching the pre-lowered sentence without
    IGNORECASE is several times faster; the IGNORECASE twin is only for the rare sentence
    whose length changes when lowered (some non-ASCII letters), where offsets would drift."""

    __slots__ = ("lower", "anycase")

    def __init__(self, source: str) -> None:
        self.lower = re.compile(source)
        self.anycase = re.compile(source, re.IGNORECASE)



def _trie_regex(words: list[str]) -> str:
    """Alternation factored by common prefix: the pre-check scans every sentence, and Python's
    regex engine tries a flat alternation branch by branch at each position, which is about
    twice as slow on typical news sentences."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return emit(trie)


# Which families of patterns a trigger word makes worth running: a sentence that only says
# "this" need not be scanned by the eight month and date patterns.
_MONTHISH, _YEARISH, _ISO, _RELDAY, _AGO, _LTN, _WEEKDAY, _WEEKEND = (1 << i for i in range(8))
_TRIGGERS: dict[str, int] = {w: _MONTHISH for w in _MONTH_NUMBER}
_TRIGGERS.update({w: _WEEKDAY for w in _WEEKDAYS})
_TRIGGERS.update({w: _RELDAY for w in ("today", "tonight", "yesterday", "tomorrow")})
_TRIGGERS.update({"ago": _AGO, "weekend": _WEEKEND, "last": _LTN, "this": _LTN, "next": _LTN})

# Runs on the lowered sentence, so no IGNORECASE (which costs ~3x here).
_PRECHECK = re.compile(
    r"\b" + _trie_regex(sorted(_TRIGGERS)) + r"\b|\b(?:19|20)\d\d\b|\d-\d"
)

_RE_ISO = _Pattern(r"(?<![\d-])(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})(?![\d-])")
_RE_MDY = _Pattern(r"\b" + _MONTH_ANY + r"\s*" + _DAY + r"\b,?\s+" + _YEAR)
_RE_DMY = _Pattern(
    r"(?<![\d,.$])\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH_ANY + r",?\s+" + _YEAR
)
# Yearless dates. The lookaheads keep "May 1,000 people" from reading as May 1, and keep an
# invalid full date ("February 29, 2025") from being re-read as a valid yearless one.
_NO_YEAR_AFTER = r"(?!,?\s+\d{4}\b)"
_RE_MD = _Pattern(r"\b" + _MONTH_ANY + r"\s*" + _DAY + r"\b(?![.,]\d)" + _NO_YEAR_AFTER)
_RE_DM = _Pattern(r"(?<![\d,.$])\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH_ANY + _NO_YEAR_AFTER)
_RE_MONTH_YEAR = _Pattern(
    r"\b(?:" + _PREP + r"\s+)?(?:(?:early|late|mid)[\s-]+)?" + _MONTH_ANY
    + r",?\s+(?:of\s+)?" + _YEAR,
)
# "in January of last year", "March this year": a month in a year named relative to publication
_RE_MONTH_REL_YEAR = _Pattern(
    r"\b(?:" + _PREP + r"\s+)?(?:(?:early|late|mid)[\s-]+)?" + _MONTH_FULL
    + r",?\s+(?:of\s+)?(?P<which>last|this|next)\s+year\b",
)
# A bare month name is too often a person ("June", "August") or a verb ("may", "march"), so
# the month-only pattern needs a preposition or modifier in front; the handler enforces that.
_RE_MONTH = _Pattern(
    r"\b(?:(?P<prep>" + _PREP + r")\s+)?(?:(?P<mod>early|late|mid|last|next|this)[\s-]+)?"
    + _MONTH_FULL,
)
_RE_YEAR = _Pattern(
    r"(?:\b(?:in|since|from|until|till|of|during|by)\s+(?:(?:early|late|mid)[\s-]+)?|\bmid-)"
    + _YEAR + r"(?!-\d)(?!\s+" + _QUANTITY_NOUNS + r"\b)",
)
# The next three patterns begin with their keyword, not with \b or an optional modifier:
# Python's regex engine can then skip ahead by first character, which makes them 2-5x faster.
# The handlers check the left word boundary and read any modifier ("early on", "last") from
# the text just before the keyword; "the day before yesterday" is handled by _apply_shift.
_RE_RELATIVE_DAY = _Pattern(
    r"(?P<rel>today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))"
    r"\b(?:\s+(?:morning|afternoon|evening|night)\b)?"
)
_RE_AGO = _Pattern(r"\b" + _NUM + r"\s+(?P<unit>day|week|month|year)s?\s+ago\b")
_RE_PERIOD = _Pattern(r"(?P<which>last|this|next)\s+(?P<unit>week|month|year)\b")
_RE_WEEKEND = _Pattern(r"\b(?P<which>last|this|next|over\s+the)\s+weekend\b")
_RE_WEEKDAY = _Pattern(
    r"(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"(?:\s+(?:morning|afternoon|evening|night)\b)?"
)
_RE_WEEKDAY_PREFIX = re.compile(
    r"(?:\b(?P<mod>this\s+past|this\s+coming|last|next|this|past|coming|on)\s+)?"
    r"(?:\b(?:early|late)\s+(?:on\s+)?)?$",
    re.IGNORECASE,
)
# "a day after Monday's vote": shift the resolved day rather than report Monday itself.
_RE_SHIFT_PREFIX = re.compile(
    r"\b(?P<n>a|the|one|two|three|\d{1,2})\s+days?\s+(?P<dir>after|before)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TemporalMatch:
    """One temporal expression found in a sentence, already resolved to a calendar date."""

    start: int  # character offsets in the sentence
    end: int
    text: str
    date: date
    granularity: str  # "day", "week", "month", "year"


# ---------------------------------------------------------------------------------------------
# Calendar helpers


def _on_or_before(published: date, weekday: int) -> date:
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _strictly_after(published: date, weekday: int) -> date:
    return published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)


def _on_or_after(published: date, weekday: int) -> date:
    return published + timedelta(days=(weekday - published.weekday()) % 7)


def _month_start(year: int, month: int, offset: int = 0) -> date:
    index = year * 12 + (month - 1) + offset
    return date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    """Build a date or return None: "February 30" in text is noise, not a reason to crash."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _valid_year(year: int) -> bool:
    return 1900 <= year <= 2100


def _month_ok(m: re.Match[str], original: str) -> bool:
    """Reject lower-case "may"/"march": as verbs they outnumber the months in news prose.

    Reads the original sentence, since the match may have run on a lowered copy.
    """
    token = original[m.start("mon"):m.end("mon")]
    word = token.lower()
    return word not in _AMBIGUOUS_MONTHS or token[0].isupper()


def _yearless(published: date, month: int, day: int, future: bool) -> date | None:
    """Pick the year for "October 7": the latest occurrence not after the limit.

    Going back up to eight years lets "February 29" find the last leap year.
    """
    limit = published + timedelta(days=FUTURE_SLACK_DAYS) if future else published
    for year in range(limit.year, limit.year - 9, -1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= limit:
            return candidate
    return None


# ---------------------------------------------------------------------------------------------
# Per-pattern handlers: each turns a regex match into (date, granularity), or None to reject it.

# (date, granularity), or (date, granularity, start) when the expression begins before the
# regex match (a modifier read separately), or None to reject the match.
_Resolved = tuple[date, str] | tuple[date, str, int] | None


def _starts_word(m: re.Match[str], original: str) -> bool:
    start = m.start()
    return start == 0 or not original[start - 1].isalnum()


def _h_iso(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    year = int(m["year"])
    if not _valid_year(year):
        return None
    d = _safe_date(year, int(m["m"]), int(m["day"]))
    return (d, "day") if d else None


def _h_full_date(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    year = int(m["year"])
    if not _valid_year(year) or not _month_ok(m, original):
        return None
    d = _safe_date(year, _MONTH_NUMBER[m["mon"].lower()], int(m["day"]))
    return (d, "day") if d else None


def _h_yearless(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    if not _month_ok(m, original):
        return None
    d = _yearless(published, _MONTH_NUMBER[m["mon"].lower()], int(m["day"]), future)
    return (d, "day") if d else None


def _h_month_year(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    year = int(m["year"])
    if not _valid_year(year) or not _month_ok(m, original):
        return None
    return date(year, _MONTH_NUMBER[m["mon"].lower()], 1), "month"


def _h_month_rel_year(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    if not _month_ok(m, original):
        return None
    year = published.year + {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
    return date(year, _MONTH_NUMBER[m["mon"].lower()], 1), "month"


def _h_month(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    prep, mod = m["prep"], (m["mod"] or "").lower()
    if not (prep or mod) or not _month_ok(m, original):
        return None
    month = _MONTH_NUMBER[m["mon"].lower()]
    if mod == "last":
        year = published.year if month < published.month else published.year - 1
    elif mod == "next":
        year = published.year if month > published.month else published.year + 1
    elif future:
        year = published.year if month >= published.month else published.year + 1
    else:
        year = published.year if month <= published.month else published.year - 1
    return date(year, month, 1), "month"


def _h_year(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    year = int(m["year"])
    return (date(year, 1, 1), "year") if _valid_year(year) else None


_RELATIVE_OFFSETS = {"yesterday": -1, "last night": -1, "tomorrow": 1}


def _h_relative_day(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    if not _starts_word(m, original):
        return None
    key = " ".join(m["rel"].lower().split())
    return published + timedelta(days=_RELATIVE_OFFSETS.get(key, 0)), "day"


def _h_ago(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    raw = " ".join(m["num"].lower().split())
    n = 2 if raw == "a couple of" else _NUMBER_WORDS.get(raw) or int(raw)
    unit = m["unit"].lower()
    if unit == "day":
        return published - timedelta(days=n), "day"
    if unit == "week":
        return published - timedelta(weeks=n), "week"
    if unit == "month":
        return _month_start(published.year, published.month, -n), "month"
    return (date(published.year - n, 1, 1), "year") if _valid_year(published.year - n) else None


def _h_period(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    if not _starts_word(m, original):
        return None
    step = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
    unit = m["unit"].lower()
    if unit == "week":
        return published + timedelta(weeks=step), "week"
    if unit == "month":
        return _month_start(published.year, published.month, step), "month"
    return date(published.year + step, 1, 1), "year"


def _h_weekend(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    """Date a weekend by its Saturday; "last weekend" read on a weekend means the one before."""
    which = m["which"].lower()
    if which == "next":
        return _strictly_after(published, _SATURDAY), "week"
    if which != "last" and future:
        return _on_or_after(published, _SATURDAY), "week"
    saturday = _on_or_before(published, _SATURDAY)
    if which == "last" and published.weekday() >= _SATURDAY:
        saturday -= timedelta(weeks=1)
    return saturday, "week"


def _h_weekday(m: re.Match[str], original: str, published: date, future: bool) -> _Resolved:
    if not _starts_word(m, original):
        return None
    weekday = _WEEKDAY_NUMBER[m["wd"].lower()]
    prefix = _RE_WEEKDAY_PREFIX.search(original, max(0, m.start() - 30), m.start())
    mod = " ".join((prefix["mod"] or "").lower().split()) if prefix else ""
    start = prefix.start() if prefix else m.start()
    return _weekday_date(weekday, mod, published, future), "day", start


def _weekday_date(weekday: int, mod: str, published: date, future: bool) -> date:
    """"Last Friday" stays on or before publication even when published on a Friday, as the
    brief specifies; a future-tense bare weekday never means the publication day itself."""
    if mod in ("next", "coming", "this coming"):
        return _strictly_after(published, weekday)
    if mod in ("last", "past", "this past"):
        return _on_or_before(published, weekday)
    if mod == "this" and future:
        return _on_or_after(published, weekday)
    if future:
        return _strictly_after(published, weekday)
    return _on_or_before(published, weekday)


# Longer, more specific patterns first: on equal spans the earlier entry wins the overlap.
_PATTERNS = (
    (_RE_ISO, _h_iso, _ISO),
    (_RE_MDY, _h_full_date, _MONTHISH),
    (_RE_DMY, _h_full_date, _MONTHISH),
    (_RE_MONTH_YEAR, _h_month_year, _MONTHISH),
    (_RE_MONTH_REL_YEAR, _h_month_rel_year, _MONTHISH),
    (_RE_MD, _h_yearless, _MONTHISH),
    (_RE_DM, _h_yearless, _MONTHISH),
    (_RE_MONTH, _h_month, _MONTHISH),
    (_RE_YEAR, _h_year, _YEARISH),
    (_RE_RELATIVE_DAY, _h_relative_day, _RELDAY | _LTN),  # "last night", "this morning"
    (_RE_AGO, _h_ago, _AGO),
    (_RE_PERIOD, _h_period, _LTN),
    (_RE_WEEKEND, _h_weekend, _WEEKEND),
    (_RE_WEEKDAY, _h_weekday, _WEEKDAY),
)


def _apply_shift(sentence: str, match: TemporalMatch) -> TemporalMatch:
    """Fold "a day after <X>" into X so the event is not dated to X itself."""
    if match.granularity != "day":
        return match
    lo = max(0, match.start - 40)
    prefix = _RE_SHIFT_PREFIX.search(sentence, lo, match.start)
    if prefix is None:
        return match
    raw = prefix["n"].lower()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 1)
    sign = 1 if prefix["dir"].lower() == "after" else -1
    start = prefix.start()
    return TemporalMatch(start, match.end, sentence[start:match.end],
                         match.date + timedelta(days=sign * n), "day")


def find_temporal_expressions(
    sentence: str, published: date, future: bool = False
) -> list[TemporalMatch]:
    """All temporal expressions in ``sentence``, resolved against ``published``, in text order.

    Overlapping candidates are reduced to the longest one, so "October 7, 2025" is one
    expression and not also "October 7"; "the day before yesterday" and "a day after Monday"
    are folded into one shifted expression. ``future`` says the clause is future tense, which
    flips bare weekday names (and yearless dates, within a week) to the coming occurrence.
    """
    lowered = sentence.lower()
    hits = _PRECHECK.findall(lowered)
    if not hits:
        return []
    families = 0
    for hit in hits:
        if hit in _AMBIGUOUS_MONTHS and hit.capitalize() not in sentence \
                and hit.upper() not in sentence:
            continue  # only the verb "may"/"march": skip the costly month patterns
        families |= _TRIGGERS.get(hit) or (_YEARISH if hit.isdigit() else _ISO)
    same_length = len(lowered) == len(sentence)
    text = lowered if same_length else sentence
    candidates: list[tuple[int, int, int, date, str]] = []
    for order, (pattern, handler, family) in enumerate(_PATTERNS):
        if not families & family:
            continue
        regex = pattern.lower if same_length else pattern.anycase
        for m in regex.finditer(text):
            resolved = handler(m, sentence, published, future)
            if resolved is not None:
                start = resolved[2] if len(resolved) == 3 else m.start()
                candidates.append((start, start - m.end(), order, resolved[0], resolved[1]))
    if not candidates:
        return []
    candidates.sort(key=lambda c: c[:3])
    out: list[TemporalMatch] = []
    last_end = -1
    for start, neg_len, _order, when, granularity in candidates:
        if start < last_end:
            continue
        end = start - neg_len
        out.append(_apply_shift(sentence, TemporalMatch(start, end, sentence[start:end], when,
                                                        granularity)))
        last_end = end
    return out


def resolve_date(
    sentence: str, published: date, anchor: int | None = None, future: bool = False
) -> tuple[date, str]:
    """Date the event in ``sentence``: ``(date, "text")`` or ``(published, "published")``.

    The finest granularity wins before proximity does, because "on Monday ... last week"
    pins the event better than any week-level phrase however close; among equals the one
    nearest ``anchor`` (the trigger's offset) wins, since a sentence can mention several
    days for different clauses. Year-only expressions are too coarse to date an event and
    fall back to the publication date, which is at least in the right week for news.
    """
    best: tuple[int, int, int] | None = None
    best_date = published
    for match in find_temporal_expressions(sentence, published, future):
        rank = _GRANULARITY_RANK.get(match.granularity)
        if rank is None:
            continue
        if anchor is None:
            distance = 0
        elif match.start <= anchor < match.end:
            distance = 0
        else:
            distance = min(abs(anchor - match.start), abs(anchor - match.end))
        key = (rank, distance, match.start)
        if best is None or key < best:
            best, best_date = key, match.date
    if best is None:
        return published, "published"
    return best_date, "text"

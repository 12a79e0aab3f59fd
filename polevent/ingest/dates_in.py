"""Publication dates as users and feeds write them.

Kept strict on purpose: every event inherits its date from the document, so a date that was
guessed from an ambiguous string ("10/08/2024", "yesterday") would silently corrupt the output.
Only ISO 8601 calendar dates and datetimes are accepted; anything else is the user's to fix.
"""
from __future__ import annotations

import re
from datetime import date, datetime

MIN_YEAR = 1900
MAX_YEAR = 2100

# Extended ISO format only: date.fromisoformat() in 3.11 also takes "20241008" and week dates,
# which are far more likely to be typos than intent in a news feed.
_ISO = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)


def parse_published(value: str) -> date:
    """Return the calendar date of an ISO date or datetime, or raise ValueError.

    A datetime with an offset keeps the date as written (the publisher's local date), not
    the UTC date: that is the day the publisher says the article appeared, and converting
    would move late-evening stories to the next day.
    """
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {type(value).__name__}")
    text = value.strip()
    match = _ISO.fullmatch(text)
    if match is None:
        raise ValueError(f"not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ): {value!r}")
    try:
        parsed = date.fromisoformat(match.group("date"))
        if len(text) > 10:
            # Validates the time part (hour 25, minute 61, ...) as well as the date.
            datetime.fromisoformat(text.replace(",", ".").upper().replace(" ", "T", 1))
    except ValueError as err:
        raise ValueError(f"invalid date {value!r}: {err}") from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError(f"year {parsed.year} outside {MIN_YEAR}-{MAX_YEAR}: {value!r}")
    return parsed


__all__ = ["parse_published", "MIN_YEAR", "MAX_YEAR"]

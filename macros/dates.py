"""Fuzzy dates: EDTF strings (Library of Congress) with Dutch labels.

Sources give dates as "30 november 2017", "april/mei 2018", "1e helft 2018",
"najaar-winter 2017/2018" or "continu". We store them as a small, documented
subset of EDTF so that every precision is explicit and no day is invented:

    2017-11-30          exact day
    2018-06             month
    2018                year
    2017-23             season (21 lente, 22 zomer, 23 najaar, 24 winter)
    2018-33             quarter (33..36)
    2018-40             half year (40 first half, 41 second half)
    2018-04/2018-05     range of any two of the above
    2018-06~  2018?     approximate (~), uncertain (?), both (%): days, months, years only
    continu             ongoing, no date

This module parses that subset itself: the `edtf` package's full grammar costs
about 20 ms per date (pyparsing), which would dominate the content check at
thousands of pages. tests/test_dates.py checks our parser against the `edtf`
package on every date in the content. On top of parsing, this module gives
Dutch labels, honest bounds for Dutch seasons (winter 2017 runs into 2018) and
the `<time datetime>` value.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

ONGOING = "continu"
MIN_YEAR, MAX_YEAR = 1800, 2100

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december",
)
SUBDIVISIONS = {
    21: "voorjaar", 22: "zomer", 23: "najaar", 24: "winter",
    33: "1e kwartaal", 34: "2e kwartaal", 35: "3e kwartaal", 36: "4e kwartaal",
    40: "1e helft", 41: "2e helft",
}
# (first month, last month, last month falls in the next year)
SUBDIVISION_MONTHS = {
    21: (3, 5, False), 22: (6, 8, False), 23: (9, 11, False), 24: (12, 2, True),
    33: (1, 3, False), 34: (4, 6, False), 35: (7, 9, False), 36: (10, 12, False),
    40: (1, 6, False), 41: (7, 12, False),
}
QUALIFIERS = {"~": "circa", "?": "onzeker", "%": "circa, onzeker"}

# ASCII digits only (`\d` would accept '２０１８'), matched in full (`$` would accept a trailing newline).
_POINT = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<part>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<q>[~?%])?")


class FuzzyDateError(ValueError):
    """A date string that is not in the supported EDTF subset."""


@dataclass(frozen=True)
class DatePoint:
    """One end of a fuzzy date: a day, month, season, half, quarter or year."""

    year: int
    month: int | None = None
    day: int | None = None
    subdivision: int | None = None
    qualifier: str | None = None

    @property
    def precision(self) -> str:
        if self.day:
            return "dag"
        if self.month:
            return "maand"
        if self.subdivision:
            return "seizoen" if self.subdivision < 30 else "deel van jaar"
        return "jaar"

    def lower(self) -> date:
        if self.subdivision:
            return date(self.year, SUBDIVISION_MONTHS[self.subdivision][0], 1)
        return date(self.year, self.month or 1, self.day or 1)

    def upper(self) -> date:
        if self.subdivision:
            _, last, next_year = SUBDIVISION_MONTHS[self.subdivision]
            year = self.year + 1 if next_year else self.year
            return date(year, last, calendar.monthrange(year, last)[1])
        if self.day:
            return date(self.year, self.month, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def label(self, with_year: bool = True) -> str:
        if self.subdivision == 24:
            text = f"winter {self.year}/{self.year + 1}"  # always both years: a range never drops them for winter
        elif self.subdivision:
            text = SUBDIVISIONS[self.subdivision] + (f" {self.year}" if with_year else "")
        elif self.day:
            text = f"{self.day} {MONTHS[self.month - 1]}" + (f" {self.year}" if with_year else "")
        elif self.month:
            text = MONTHS[self.month - 1] + (f" {self.year}" if with_year else "")
        else:
            text = str(self.year)
        if self.qualifier:
            text += f" ({QUALIFIERS[self.qualifier]})"
        return text

    def datetime_attr(self) -> str:
        """A valid HTML `datetime` value with no more precision than we have."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(frozen=True)
class FuzzyDate:
    """A validated fuzzy date; `start is None` means ongoing ("continu")."""

    text: str
    start: DatePoint | None
    end: DatePoint | None = None

    @property
    def ongoing(self) -> bool:
        return self.start is None

    @property
    def exact_day(self) -> bool:
        return self.start is not None and self.end is None and self.start.precision == "dag" and not self.start.qualifier

    @property
    def precision(self) -> str:
        if self.start is None:
            return "doorlopend"
        if self.end is not None:
            return "periode"
        return self.start.precision

    def lower(self) -> date | None:
        return None if self.start is None else self.start.lower()

    def upper(self) -> date | None:
        if self.start is None:
            return None
        return (self.end or self.start).upper()

    def year(self) -> int | None:
        return None if self.start is None else self.start.year

    def years(self) -> list[int]:
        """Every calendar year the date touches, for filters."""
        if self.start is None:
            return []
        return list(range(self.lower().year, self.upper().year + 1))

    def label(self) -> str:
        if self.start is None:
            return "doorlopend"
        if self.end is None:
            return self.start.label()
        same_year = self.start.year == self.end.year  # a winter start keeps its years (see DatePoint.label)
        return f"{self.start.label(with_year=not same_year)} – {self.end.label()}"

    def datetime_attr(self) -> str | None:
        return None if self.start is None else self.start.datetime_attr()

    def sort_key(self) -> tuple:
        """Ongoing items sort last; otherwise by start, then by the wider span."""
        if self.start is None:
            return (1, date.max, date.max)
        return (0, self.lower(), self.upper())

    def __str__(self) -> str:
        return self.text


def _parse_point(text: str) -> DatePoint:
    match = _POINT.fullmatch(text)
    if not match:
        raise FuzzyDateError(f"'{text}' is geen datum in EDTF-vorm (bijv. 2017-11-30, 2018-06, 2017-23 of 2018-40)")
    year = int(match["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise FuzzyDateError(f"jaar {year} ligt buiten {MIN_YEAR}–{MAX_YEAR}")
    part = int(match["part"]) if match["part"] else None
    day = int(match["day"]) if match["day"] else None
    qualifier = match["q"]
    if part is not None and part > 12:
        if day is not None or part not in SUBDIVISIONS:
            raise FuzzyDateError(
                f"'{text}': {part} is geen maand of geldig seizoen/deel van het jaar "
                "(21–24 seizoenen, 33–36 kwartalen, 40–41 halfjaren)"
            )
        if qualifier:
            # EDTF qualifies a date, not a season or part of a year; the reference implementation refuses '2017-23~'.
            raise FuzzyDateError(f"'{text}': een seizoen, kwartaal of halfjaar kan in EDTF geen ~, ? of % krijgen; "
                                 "noem de onzekerheid in datum_bron")
        return DatePoint(year, subdivision=part)
    if part == 0:
        raise FuzzyDateError(f"'{text}': maand 00 bestaat niet")
    if day is not None:
        try:
            date(year, part, day)
        except ValueError:
            raise FuzzyDateError(f"'{text}' is geen bestaande dag") from None
    return DatePoint(year, month=part, day=day, qualifier=qualifier)


def parse_fuzzy_date(text: str) -> FuzzyDate:
    """Parse and validate a date string; raise FuzzyDateError with a Dutch reason."""
    text = str(text).strip()
    if text == ONGOING:
        return FuzzyDate(text, None)
    parts = text.split("/")
    if len(parts) > 2 or not all(parts):
        raise FuzzyDateError(f"'{text}' is geen geldige periode; schrijf begin/eind, bijv. 2018-04/2018-05")
    points = [_parse_point(part) for part in parts]
    if len(points) == 2:
        start, end = points
        # The end may not begin before the start: '2018-02/2017-24' would read "februari 2018 – winter 2017/2018".
        if end.lower() < start.lower():
            raise FuzzyDateError(f"'{text}': het einde ligt vóór het begin")
        return FuzzyDate(text, start, end)
    return FuzzyDate(text, points[0])

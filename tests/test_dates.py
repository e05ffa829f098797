"""Fuzzy dates: our parser against the `edtf` reference implementation (property-based, every
precision and qualifier), the limits of our subset, and hand-written Dutch labels for every form."""

from __future__ import annotations

import re
from datetime import date

import pytest
from edtf import parse_edtf
from hypothesis import assume, example, given
from hypothesis import strategies as st

from macros.dates import FuzzyDateError, parse_fuzzy_date

# ------------------------------------------------------------------ independent facts, written by hand

DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
MONTH_NAMES = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")
SEASONS = {21: "voorjaar", 22: "zomer", 23: "najaar", 24: "winter"}
PARTS_OF_YEAR = {33: "1e kwartaal", 34: "2e kwartaal", 35: "3e kwartaal", 36: "4e kwartaal", 40: "1e helft", 41: "2e helft"}
# The EDTF level-2 codes we support; 25-32 (hemisphere seasons) and 37-39 (quadrimesters) are left out on purpose.
OUR_CODES = set(SEASONS) | set(PARTS_OF_YEAR)
QUALIFIER_LABELS = {"": "", "~": " (circa)", "?": " (onzeker)", "%": " (circa, onzeker)"}
FIRST_YEAR, LAST_YEAR = 1800, 2100


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in(year: int, month: int) -> int:
    return 29 if month == 2 and is_leap(year) else DAYS_IN_MONTH[month - 1]


def winter_end(year: int) -> date:
    """Dutch winter `year` runs from 1 December to the end of February of the next year."""
    return date(year + 1, 2, days_in(year + 1, 2))


def is_winter(point: str) -> bool:
    return re.fullmatch(r"[0-9]{4}-24", point) is not None


LEVEL2_CODE = re.compile(r"[0-9]{4}-(3[3-6]|4[01])")


def edtf_bounds(text: str) -> tuple[date, date]:
    """Strict bounds from the reference. The package reads a quarter or half year on its own but not
    inside an interval (`2018-41/2019-40`); there, and only there, each end is read separately."""
    if "/" in text and any(LEVEL2_CODE.fullmatch(part) for part in text.split("/")):
        first, last = text.split("/")
        return edtf_bounds(first)[0], edtf_bounds(last)[1]
    reference = parse_edtf(text)
    return date(*reference.lower_strict()[:3]), date(*reference.upper_strict()[:3])


# ------------------------------------------------------------------ strategies over our whole subset

years = st.integers(FIRST_YEAR, LAST_YEAR)
qualifiers = st.sampled_from(["", "~", "?", "%"])


@st.composite
def points(draw, qualifier=qualifiers) -> str:
    year = draw(years)
    kind = draw(st.sampled_from(["year", "month", "day", "code"]))
    if kind == "year":
        text = f"{year:04d}"
    elif kind == "month":
        text = f"{year:04d}-{draw(st.integers(1, 12)):02d}"
    elif kind == "day":
        month = draw(st.integers(1, 12))
        text = f"{year:04d}-{month:02d}-{draw(st.integers(1, days_in(year, month))):02d}"
    else:
        return f"{year:04d}-{draw(st.sampled_from(sorted(OUR_CODES)))}"  # EDTF has no qualified season
    return text + draw(qualifier)


@given(points())
@example("2016-02-29")  # leap day
@example("2000-02-29")  # leap day in a year divisible by 400
@example("1800-01-01")
@example("2100-12-31~")
@example("2017-24")
@example("2018-36")
def test_every_point_agrees_with_edtf(text):
    ours = parse_fuzzy_date(text)
    lower, upper = edtf_bounds(text)
    assert ours.lower() == lower
    if is_winter(text):
        # The package ends winter on 31 December; a Dutch winter runs into February of the next year.
        assert upper == date(ours.start.year, 12, 31)
        assert ours.upper() == winter_end(ours.start.year)
    else:
        assert ours.upper() == upper
    assert str(ours) == text and ours.ongoing is False and ours.end is None
    assert ours.start.qualifier == (text[-1] if text[-1] in "~?%" else None)


@given(points(), points())
@example("2017-23", "2017-24")
@example("2017-11", "2018-02")
@example("2018-04?", "2018-05~")
def test_every_range_agrees_with_edtf_or_is_refused_as_backwards(start, end):
    text = f"{start}/{end}"
    lower, _ = edtf_bounds(start)
    end_lower, upper = edtf_bounds(end)
    if is_winter(end):
        upper = winter_end(int(end[:4]))
    if end_lower < lower:  # the end begins before the start
        with pytest.raises(FuzzyDateError, match="vóór het begin"):
            parse_fuzzy_date(text)
        return
    ours = parse_fuzzy_date(text)
    assert (ours.lower(), ours.upper()) == (lower, upper)
    if not is_winter(end):
        assert (ours.lower(), ours.upper()) == edtf_bounds(text)
    assert ours.precision == "periode" and not ours.exact_day
    assert ours.years() == list(range(lower.year, upper.year + 1))


@given(st.text(alphabet="0123456789-/~?%x \n２٢", max_size=24))
@example("２０１８")  # full-width digits: not EDTF
@example("٢٠١٨")  # Arabic-Indic digits: not EDTF
@example("2018\n/2019")  # a newline inside a range
@example("2018/")
@example("/2018")
def test_whatever_we_accept_the_reference_accepts_with_the_same_bounds(text):
    """Our subset never accepts a string that is not EDTF, and never reads it differently."""
    try:
        ours = parse_fuzzy_date(text)
    except FuzzyDateError:
        return
    assume(not ours.ongoing)
    reference = text.strip()
    lower, upper = edtf_bounds(reference)
    assert ours.lower() == lower
    if not is_winter(reference.split("/")[-1]):
        assert ours.upper() == upper


@given(years, st.integers(1, 12), st.integers(1, 31), qualifiers)
def test_a_day_is_accepted_exactly_when_it_exists(year, month, day, qualifier):
    text = f"{year:04d}-{month:02d}-{day:02d}{qualifier}"
    if day <= days_in(year, month):
        parsed = parse_fuzzy_date(text)
        assert (parsed.lower(), parsed.upper()) == (date(year, month, day), date(year, month, day))
        assert parsed.exact_day is (qualifier == "")
        assert parsed.label() == f"{day} {MONTH_NAMES[month - 1]} {year}{QUALIFIER_LABELS[qualifier]}"
        assert parsed.datetime_attr() == f"{year:04d}-{month:02d}-{day:02d}"
    else:
        with pytest.raises(FuzzyDateError, match="geen bestaande dag"):
            parse_fuzzy_date(text)


@given(st.integers(0, 9999).filter(lambda y: not FIRST_YEAR <= y <= LAST_YEAR), st.sampled_from(["", "-06", "-06-01", "-23", "~"]))
@example(FIRST_YEAR - 1, "")
@example(LAST_YEAR + 1, "")
def test_years_outside_the_limits_are_refused(year, rest):
    with pytest.raises(FuzzyDateError, match=f"jaar {year} ligt buiten 1800–2100"):
        parse_fuzzy_date(f"{year:04d}{rest}")


@pytest.mark.parametrize("year", [FIRST_YEAR, LAST_YEAR])
def test_the_limit_years_themselves_are_accepted(year):
    assert parse_fuzzy_date(str(year)).label() == str(year)


@given(years, st.integers(0, 99))
def test_a_two_digit_part_is_a_month_or_one_of_our_codes(year, part):
    text = f"{year:04d}-{part:02d}"
    if 1 <= part <= 12:
        parsed = parse_fuzzy_date(text)
        assert parsed.start.precision == "maand" and parsed.label() == f"{MONTH_NAMES[part - 1]} {year}"
        assert parsed.upper() == date(year, part, days_in(year, part))
    elif part in OUR_CODES:
        parsed = parse_fuzzy_date(text)
        assert parsed.start.precision == ("seizoen" if part in SEASONS else "deel van jaar")
        assert parsed.datetime_attr() == f"{year:04d}"
    else:
        with pytest.raises(FuzzyDateError):
            parse_fuzzy_date(text)


@given(years, st.sampled_from(sorted(OUR_CODES)), st.integers(1, 31))
def test_a_season_or_part_of_year_has_no_day(year, code, day):
    with pytest.raises(FuzzyDateError, match="geen maand"):
        parse_fuzzy_date(f"{year:04d}-{code}-{day:02d}")


@pytest.mark.parametrize("qualifier", ["~", "?", "%"])
@pytest.mark.parametrize("code", sorted(OUR_CODES))
def test_a_season_or_part_of_year_has_no_qualifier_as_in_the_reference(code, qualifier):
    text = f"2018-{code}{qualifier}"
    with pytest.raises(FuzzyDateError, match="kan in EDTF geen"):
        parse_fuzzy_date(text)
    assert parse_edtf(text, fail_silently=True) is None


# ------------------------------------------------------------------ every form, with its label written by hand


@pytest.mark.parametrize(
    ("text", "label", "lower", "upper", "datetime_attr", "precision"),
    [
        ("2017-11-30", "30 november 2017", date(2017, 11, 30), date(2017, 11, 30), "2017-11-30", "dag"),
        ("2016-02-29", "29 februari 2016", date(2016, 2, 29), date(2016, 2, 29), "2016-02-29", "dag"),
        ("2018-06", "juni 2018", date(2018, 6, 1), date(2018, 6, 30), "2018-06", "maand"),
        ("2016-02", "februari 2016", date(2016, 2, 1), date(2016, 2, 29), "2016-02", "maand"),
        ("1900-02", "februari 1900", date(1900, 2, 1), date(1900, 2, 28), "1900-02", "maand"),
        ("2018", "2018", date(2018, 1, 1), date(2018, 12, 31), "2018", "jaar"),
        ("2017-21", "voorjaar 2017", date(2017, 3, 1), date(2017, 5, 31), "2017", "seizoen"),
        ("2017-22", "zomer 2017", date(2017, 6, 1), date(2017, 8, 31), "2017", "seizoen"),
        ("2017-23", "najaar 2017", date(2017, 9, 1), date(2017, 11, 30), "2017", "seizoen"),
        ("2017-24", "winter 2017/2018", date(2017, 12, 1), date(2018, 2, 28), "2017", "seizoen"),
        ("2019-24", "winter 2019/2020", date(2019, 12, 1), date(2020, 2, 29), "2019", "seizoen"),
        ("2018-33", "1e kwartaal 2018", date(2018, 1, 1), date(2018, 3, 31), "2018", "deel van jaar"),
        ("2018-34", "2e kwartaal 2018", date(2018, 4, 1), date(2018, 6, 30), "2018", "deel van jaar"),
        ("2018-35", "3e kwartaal 2018", date(2018, 7, 1), date(2018, 9, 30), "2018", "deel van jaar"),
        ("2018-36", "4e kwartaal 2018", date(2018, 10, 1), date(2018, 12, 31), "2018", "deel van jaar"),
        ("2018-40", "1e helft 2018", date(2018, 1, 1), date(2018, 6, 30), "2018", "deel van jaar"),
        ("2018-41", "2e helft 2018", date(2018, 7, 1), date(2018, 12, 31), "2018", "deel van jaar"),
        ("2018-06~", "juni 2018 (circa)", date(2018, 6, 1), date(2018, 6, 30), "2018-06", "maand"),
        ("2018?", "2018 (onzeker)", date(2018, 1, 1), date(2018, 12, 31), "2018", "jaar"),
        ("2017-11-30?", "30 november 2017 (onzeker)", date(2017, 11, 30), date(2017, 11, 30), "2017-11-30", "dag"),
        ("2017-11-30%", "30 november 2017 (circa, onzeker)", date(2017, 11, 30), date(2017, 11, 30), "2017-11-30", "dag"),
        # ranges within one year: the year is written once
        ("2018-04/2018-05", "april – mei 2018", date(2018, 4, 1), date(2018, 5, 31), "2018-04", "periode"),
        ("2018-03-05/2018-03-06", "5 maart – 6 maart 2018", date(2018, 3, 5), date(2018, 3, 6), "2018-03-05", "periode"),
        ("2018-21/2018-22", "voorjaar – zomer 2018", date(2018, 3, 1), date(2018, 8, 31), "2018", "periode"),
        ("2018-33/2018-34", "1e kwartaal – 2e kwartaal 2018", date(2018, 1, 1), date(2018, 6, 30), "2018", "periode"),
        ("2018-04~/2018-05", "april (circa) – mei 2018", date(2018, 4, 1), date(2018, 5, 31), "2018-04", "periode"),
        ("2018-04/2018-05?", "april – mei 2018 (onzeker)", date(2018, 4, 1), date(2018, 5, 31), "2018-04", "periode"),
        # ranges across years: both years are written
        ("2017/2019", "2017 – 2019", date(2017, 1, 1), date(2019, 12, 31), "2017", "periode"),
        ("2017-11/2018-02", "november 2017 – februari 2018", date(2017, 11, 1), date(2018, 2, 28), "2017-11", "periode"),
        ("2017-12-30/2018-01-02", "30 december 2017 – 2 januari 2018", date(2017, 12, 30), date(2018, 1, 2), "2017-12-30", "periode"),
        ("2018-41/2019-40", "2e helft 2018 – 1e helft 2019", date(2018, 7, 1), date(2019, 6, 30), "2018", "periode"),
        ("2017-23/2018", "najaar 2017 – 2018", date(2017, 9, 1), date(2018, 12, 31), "2017", "periode"),
        # winter crosses the year by itself
        ("2017-23/2017-24", "najaar – winter 2017/2018", date(2017, 9, 1), date(2018, 2, 28), "2017", "periode"),
        ("2017-24/2018-21", "winter 2017/2018 – voorjaar 2018", date(2017, 12, 1), date(2018, 5, 31), "2017", "periode"),
        ("2017-24/2017-24", "winter 2017/2018 – winter 2017/2018", date(2017, 12, 1), date(2018, 2, 28), "2017", "periode"),
    ],
)
def test_every_form_has_its_dutch_label_and_honest_bounds(text, label, lower, upper, datetime_attr, precision):
    parsed = parse_fuzzy_date(text)
    assert parsed.label() == label
    assert (parsed.lower(), parsed.upper()) == (lower, upper)
    assert parsed.datetime_attr() == datetime_attr
    assert parsed.precision == precision
    assert parsed.year() == lower.year
    assert parsed.years() == list(range(lower.year, upper.year + 1))
    assert parsed.sort_key() == (0, lower, upper)


def test_surrounding_whitespace_is_ignored_and_the_text_kept_clean():
    parsed = parse_fuzzy_date("  2018-06 \n")
    assert parsed.text == "2018-06" and parsed.label() == "juni 2018"


def test_ongoing_has_no_date_and_sorts_last():
    ongoing = parse_fuzzy_date("continu")
    assert ongoing.ongoing and ongoing.label() == "doorlopend" and ongoing.datetime_attr() is None
    assert ongoing.precision == "doorlopend"
    assert ongoing.lower() is None and ongoing.upper() is None and ongoing.year() is None and ongoing.years() == []
    assert not ongoing.exact_day
    assert ongoing.sort_key() > parse_fuzzy_date("2100-12-31").sort_key()
    assert str(ongoing) == "continu"


def test_sort_key_orders_by_start_then_by_the_wider_span():
    texts = ["2018", "2017-23", "2017-11-30", "2017-11", "2018-01-01", "2017-24", "continu", "2017-09/2018"]
    ordered = sorted(texts, key=lambda text: parse_fuzzy_date(text).sort_key())
    assert ordered == ["2017-23", "2017-09/2018", "2017-11", "2017-11-30", "2017-24", "2018-01-01", "2018", "continu"]


def test_only_exact_unqualified_single_days_are_exact():
    assert parse_fuzzy_date("2017-11-30").exact_day
    for text in ("2017-11-30~", "2017-11-30?", "2017-11-30%", "2017-11", "2017", "2017-23", "2017-11-30/2017-12-01", "continu"):
        assert not parse_fuzzy_date(text).exact_day, text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2017-02-29", "geen bestaande dag"),
        ("1900-02-29", "geen bestaande dag"),
        ("2017-04-31", "geen bestaande dag"),
        ("2017-11-00", "geen bestaande dag"),
        ("0000", "buiten"),
        ("1799-12", "buiten"),
        ("2101", "buiten"),
        ("2018-05/2018-04", "vóór het begin"),
        ("2018-02/2017-24", "vóór het begin"),
        ("2018-06/2018", "vóór het begin"),
        ("2017-11-30/2017-11-29", "vóór het begin"),
        ("2018-13", "geen maand"),
        ("2018-20", "geen maand"),
        ("2018-25", "geen maand"),
        ("2018-37", "geen maand"),
        ("2018-42", "geen maand"),
        ("30 november 2017", "EDTF"),
        ("2018-40-01", "geen maand"),
        ("2018-04/", "periode"),
        ("/2018-04", "periode"),
        ("2017/2018/2019", "periode"),
        ("2018-00", "maand 00"),
        ("2017-24~", "geen ~, \\? of %"),
        ("2018-40?", "geen ~, \\? of %"),
        ("2018-33%", "geen ~, \\? of %"),
        ("18-06", "EDTF"),
        ("2018-6", "EDTF"),
        ("2018~~", "EDTF"),
        ("2018 /2019", "EDTF"),
        ("２０１８", "EDTF"),
        ("2018\n/2019", "EDTF"),
        ("Continu", "EDTF"),
        ("", "periode"),
    ],
)
def test_rejects_impossible_dates(text, reason):
    with pytest.raises(FuzzyDateError, match=reason):
        parse_fuzzy_date(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("30-11-2017", "'30-11-2017' is geen datum in EDTF-vorm (bijv. 2017-11-30, 2018-06, 2017-23 of 2018-40)"),
        ("1799", "jaar 1799 ligt buiten 1800–2100"),
        ("2018-13", "'2018-13': 13 is geen maand of geldig seizoen/deel van het jaar (21–24 seizoenen, 33–36 kwartalen, 40–41 halfjaren)"),
        ("2018-23-01", "'2018-23-01': 23 is geen maand of geldig seizoen/deel van het jaar (21–24 seizoenen, 33–36 kwartalen, 40–41 halfjaren)"),
        ("2017-23~", "'2017-23~': een seizoen, kwartaal of halfjaar kan in EDTF geen ~, ? of % krijgen; noem de onzekerheid in datum_bron"),
        ("2018-00", "'2018-00': maand 00 bestaat niet"),
        ("2018-02-30", "'2018-02-30' is geen bestaande dag"),
        ("2018/", "'2018/' is geen geldige periode; schrijf begin/eind, bijv. 2018-04/2018-05"),
        ("2019/2018", "'2019/2018': het einde ligt vóór het begin"),
    ],
)
def test_every_refusal_explains_itself_in_dutch(text, message):
    with pytest.raises(FuzzyDateError) as refusal:
        parse_fuzzy_date(text)
    assert str(refusal.value) == message


def test_a_point_label_without_its_year():
    """Inside a range within one year the start drops its year; a winter keeps both of its years."""
    assert parse_fuzzy_date("2018-04-05").start.label(with_year=False) == "5 april"
    assert parse_fuzzy_date("2018-04~").start.label(with_year=False) == "april (circa)"
    assert parse_fuzzy_date("2018-23").start.label(with_year=False) == "najaar"
    assert parse_fuzzy_date("2018-40").start.label(with_year=False) == "1e helft"
    assert parse_fuzzy_date("2018-24").start.label(with_year=False) == "winter 2018/2019"
    assert parse_fuzzy_date("2018").start.label(with_year=False) == "2018"


def test_agrees_with_the_edtf_reference_implementation_on_real_content():
    """Every date in the content: the reference reads the same bounds (a Dutch winter ends in February)."""
    from conftest import ROOT
    from macros.index import build_index

    index = build_index(ROOT / "docs", ROOT / "data")
    compared = 0
    for entry in index.entries:
        for field in ("datum", "periode"):
            value = getattr(entry.item, field, None)
            if value is None or value.ongoing:
                continue
            lower, upper = edtf_bounds(value.text)
            assert value.lower() == lower, value.text
            if is_winter(value.text.split("/")[-1]):
                assert value.upper() == winter_end(value.end.year if value.end else value.start.year), value.text
            else:
                assert value.upper() == upper, value.text
            compared += 1
    assert compared > 20

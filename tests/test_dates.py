"""Fuzzy dates: every precision the sources use, honest bounds and Dutch labels."""

from datetime import date

import pytest

from macros.dates import FuzzyDateError, parse_fuzzy_date


@pytest.mark.parametrize(
    ("text", "label", "lower", "upper", "datetime_attr"),
    [
        ("2017-11-30", "30 november 2017", date(2017, 11, 30), date(2017, 11, 30), "2017-11-30"),
        ("2018-06", "juni 2018", date(2018, 6, 1), date(2018, 6, 30), "2018-06"),
        ("2018", "2018", date(2018, 1, 1), date(2018, 12, 31), "2018"),
        ("2017-23", "najaar 2017", date(2017, 9, 1), date(2017, 11, 30), "2017"),
        ("2017-24", "winter 2017/2018", date(2017, 12, 1), date(2018, 2, 28), "2017"),
        ("2018-40", "1e helft 2018", date(2018, 1, 1), date(2018, 6, 30), "2018"),
        ("2018-41", "2e helft 2018", date(2018, 7, 1), date(2018, 12, 31), "2018"),
        ("2018-04/2018-05", "april – mei 2018", date(2018, 4, 1), date(2018, 5, 31), "2018-04"),
        ("2017-23/2017-24", "najaar – winter 2017/2018", date(2017, 9, 1), date(2018, 2, 28), "2017"),
        ("2018-41/2019-40", "2e helft 2018 – 1e helft 2019", date(2018, 7, 1), date(2019, 6, 30), "2018"),
        ("2018-06~", "juni 2018 (circa)", date(2018, 6, 1), date(2018, 6, 30), "2018-06"),
    ],
)
def test_parses_every_precision(text, label, lower, upper, datetime_attr):
    parsed = parse_fuzzy_date(text)
    assert parsed.label() == label
    assert (parsed.lower(), parsed.upper()) == (lower, upper)
    assert parsed.datetime_attr() == datetime_attr


def test_ongoing_has_no_date_and_sorts_last():
    ongoing = parse_fuzzy_date("continu")
    assert ongoing.ongoing and ongoing.label() == "doorlopend" and ongoing.datetime_attr() is None
    assert ongoing.sort_key() > parse_fuzzy_date("2100").sort_key()


def test_only_exact_unqualified_days_are_exact():
    assert parse_fuzzy_date("2017-11-30").exact_day
    assert not parse_fuzzy_date("2017-11-30~").exact_day
    assert not parse_fuzzy_date("2017-11").exact_day


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2017-02-31", "geen bestaande dag"),
        ("0000", "buiten"),
        ("2018-05/2018-04", "vóór het begin"),
        ("2018-13", "geen maand"),
        ("30 november 2017", "EDTF"),
        ("2018-40-01", "geen maand"),
        ("2018-04/", "periode"),
        ("2018-00", "maand 00"),
    ],
)
def test_rejects_impossible_dates(text, reason):
    with pytest.raises(FuzzyDateError, match=reason):
        parse_fuzzy_date(text)


def test_agrees_with_the_edtf_reference_implementation_on_real_content():
    """Our parser covers a subset of EDTF; where the `edtf` package reads a content date, the bounds agree."""
    from edtf import parse_edtf

    from conftest import ROOT
    from macros.index import build_index

    index = build_index(ROOT / "docs", ROOT / "data")
    compared = 0
    for entry in index.entries:
        for field in ("datum", "periode"):
            value = getattr(entry.item, field, None)
            if value is None or value.ongoing or "24" in value.text or any(s in value.text for s in ("-40", "-41")):
                continue  # 'continu' is ours; winter and halves are bounded the Dutch way, not the package's way
            reference = parse_edtf(value.text)
            assert value.lower().timetuple()[:3] == tuple(reference.lower_strict()[:3]), value.text
            assert value.upper().timetuple()[:3] == tuple(reference.upper_strict()[:3]), value.text
            compared += 1
    assert compared > 20

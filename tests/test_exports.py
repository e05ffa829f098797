"""Open data exports in the built site: valid against their published schema, complete,
parseable, catalogued, and byte-identical across two builds of the same commit."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
from icalendar import Calendar

from conftest import ROOT, run_build
from macros import exports
from macros.index import build_index
from macros.models import CONTENT_TYPES

INDEX = build_index(ROOT / "docs", ROOT / "data")


def test_json_validates_against_the_published_schema(built_site):
    document = json.loads((built_site / exports.JSON_NAME).read_text(encoding="utf-8"))
    schema = json.loads((built_site / exports.ENVELOPE_SCHEMA_NAME).read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert len(document["items"]) == len(INDEX.entries)
    for item in document["items"]:
        type_schema = json.loads((built_site / exports.schema_name(item["type"])).read_text(encoding="utf-8"))
        jsonschema.validate(item["velden"], type_schema)
        assert item["url"].startswith("https://") and item["url"].endswith("/")
    instrument = next(i for i in document["items"] if i["type"] == "instrument" and i["velden"].get("programma"))
    assert instrument["verwijzingen"]["programma"][0]["titel"] == INDEX.get(instrument["velden"]["programma"]).title


def test_the_schema_rejects_a_broken_item(built_site):
    document = json.loads((built_site / exports.JSON_NAME).read_text(encoding="utf-8"))
    schema = json.loads((built_site / exports.ENVELOPE_SCHEMA_NAME).read_text(encoding="utf-8"))
    document["items"][0]["velden"]["onbekend_veld"] = 1
    try:
        jsonschema.validate(document, schema)
    except jsonschema.ValidationError:
        return
    raise AssertionError("an unknown field must not validate")


def test_csv_per_type_has_one_row_per_item_and_opens_in_dutch_excel(built_site):
    for type_name in CONTENT_TYPES:
        raw = (built_site / exports.csv_name(type_name)).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel recognises UTF-8
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        assert rows[0] == exports.csv_columns(type_name)
        assert len(rows) - 1 == len(INDEX.by_type[type_name]), type_name
        assert all(len(row) == len(rows[0]) for row in rows)
    rows = list(csv.DictReader(io.StringIO((built_site / "data/instrument.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    multi = next(row for row in rows if " | " in row["provincies"])
    assert set(multi["provincies"].split(" | ")) <= set(INDEX.refs["provincies"])


def test_ics_parses_and_contains_every_exact_date_event(built_site):
    calendar = Calendar.from_ical((built_site / exports.ICS_NAME).read_bytes())
    events = {str(component.get("uid")): component for component in calendar.walk("VEVENT")}
    expected = [entry for entry in INDEX.events() if exports.exact_day_span(entry)]
    assert expected and len(events) == len(expected)
    for entry in expected:
        event = events[f"{entry.slug}@kennisbank-kob"]
        first, last = exports.exact_day_span(entry)
        assert event.decoded("dtstart") == first
        assert (event.decoded("dtend") - last).days == 1
    fuzzy = [e for e in INDEX.events() if not exports.exact_day_span(e)]
    assert fuzzy and all(f"{e.slug}@kennisbank-kob" not in events for e in fuzzy)


def test_catalogue_names_every_export_file(built_site):
    catalogue = json.loads((built_site / exports.CATALOG_NAME).read_text(encoding="utf-8"))
    urls = {d["dcat:downloadURL"]["@id"] for d in catalogue["dcat:dataset"]["dcat:distribution"]}
    files = {path.relative_to(built_site).as_posix() for path in (built_site / "data").rglob("*") if path.is_file()}
    names = {url.split("/kennisbank/", 1)[1] for url in urls}
    assert files - {exports.CATALOG_NAME} == names
    assert catalogue["dcat:dataset"]["dct:license"]["@id"] == exports.LICENCE_URL


def test_open_data_page_links_every_file(built_site):
    html = (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    for path in (built_site / "data").rglob("*"):
        if path.is_file():
            assert f'href="../{path.relative_to(built_site).as_posix()}"' in html, path
    assert "CC BY 4.0" in html


def test_two_builds_of_the_same_commit_are_identical(tmp_path):
    """Reproducible builds: with SOURCE_DATE_EPOCH set, every output byte is the same."""
    sites = []
    for name in ("een", "twee"):
        site = tmp_path / name
        result = run_build(ROOT / "mkdocs.yml", site, env={"SOURCE_DATE_EPOCH": "1767225600"})
        assert result.returncode == 0, result.stderr
        sites.append(site)
    first = {p.relative_to(sites[0]).as_posix(): p.read_bytes() for p in sites[0].rglob("*") if p.is_file()}
    second = {p.relative_to(sites[1]).as_posix(): p.read_bytes() for p in sites[1].rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    different = sorted(path for path in first if first[path] != second[path])
    assert different == [], different
    document = json.loads(first[exports.JSON_NAME])
    assert document["bijgewerkt"] == "2026-01-01"

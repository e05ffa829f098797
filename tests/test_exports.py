"""Open data exports, checked against expectations written out by hand.

The mini-site in tests/fixtures/minisite/ has a few hand-written pages; the files it must
produce are written out by hand too (expected/*.csv, the calendar events and JSON items
below, and the JSON Schema in tests/fixtures/kennisbank.schema.json). Everything is read
back with standard parsers (csv, icalendar, jsonschema with format checking). No
expectation is computed with macros/exports.py or with the schema the build generates.
The real site is only checked against the same independent rules.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import shutil
from datetime import date, datetime, timezone
from urllib.parse import urlsplit

import jsonschema
import pytest
from icalendar import Calendar, Event

from conftest import ROOT, make_mini_site, run_build
from macros import exports
from macros.index import build_index

MINI = ROOT / "tests" / "fixtures" / "minisite"
EXPECTED = MINI / "expected"
SITE_URL = "https://example.org/kb/"
BUILT = date(2026, 1, 1)
TYPES = ("begrip", "bron", "gebeurtenis", "ingredient", "instrument", "praktijkvoorbeeld", "programma", "provincie")


@functools.cache
def mini_index():
    index = build_index(MINI / "docs", MINI / "data")
    assert index.errors == []
    return index


class MiniFiles:
    """The export files of the mini-site, each written when a test asks for it. Every test calls
    the export function itself (nothing is cached across tests), so `make mutation` sees which
    test exercises which function."""

    def __getitem__(self, path: str) -> bytes:
        index = mini_index()
        if path.endswith(".csv"):
            return exports.type_csv(index, path.rsplit("/", 1)[-1][:-4], SITE_URL)
        if path == "data/gebeurtenissen.ics":
            return exports.events_ics(index, SITE_URL, BUILT)
        if path == "data/kennisbank.json":
            return exports.kennisbank_json(index, SITE_URL, BUILT)
        return exports.export_files(index, SITE_URL, BUILT)[path]

    def __iter__(self):
        return iter(exports.export_files(mini_index(), SITE_URL, BUILT))


@pytest.fixture
def mini_files() -> MiniFiles:
    return MiniFiles()


def csv_rows(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


# ------------------------------------------------------------------ CSV


@pytest.mark.parametrize("type_name", TYPES)
def test_csv_matches_the_hand_written_file(mini_files, type_name):
    expected = csv_rows((EXPECTED / f"{type_name}.csv").read_bytes())
    assert csv_rows(mini_files[f"data/{type_name}.csv"]) == expected


def test_there_is_one_csv_per_type_and_no_other(mini_files):
    written = {path for path in mini_files if path.endswith(".csv")}
    assert written == {f"data/{name}.csv" for name in TYPES}


def test_csv_opens_in_dutch_excel(mini_files):
    raw = mini_files["data/gebeurtenis.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel recognises UTF-8
    lines = raw[3:].split(b"\r\n")
    assert lines[-1] == b"" and len(lines) == 1 + 9 + 1  # header, nine events, CRLF after the last row
    assert b"\n" not in b"".join(lines)
    assert lines[0].startswith(b"slug;pagina_url;type;titel;")


def test_source_csv_keeps_the_page_address_and_the_documents_own_address(mini_files):
    [row] = list(csv.DictReader(io.StringIO(mini_files["data/bron.csv"].decode("utf-8-sig")), delimiter=";"))
    assert row["pagina_url"] == "https://example.org/kb/bronnen/brief-2017/"
    assert row["url"] == "https://www.overijssel.nl/brief"


@pytest.mark.parametrize("type_name", TYPES)
def test_csv_column_names_are_unique(mini_files, type_name):
    header = csv_rows(mini_files[f"data/{type_name}.csv"])[0]
    assert len(header) == len(set(header)), header


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-5 procent", "'-5 procent"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("2018-04/2018-05", "2018-04/2018-05"),
        ("", ""),
        (" =x", " =x"),
    ],
)
def test_a_cell_a_spreadsheet_would_execute_gets_a_quote(value, cell):
    """OWASP CSV injection: a leading =, +, -, @, tab or carriage return is prefixed with '."""
    assert exports.neutralise(value) == cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        ("tekst", "tekst"),
        (24, "24"),
        (True, "ja"),
        (False, "nee"),
        ([], ""),
        (["overijssel", "drenthe"], "overijssel | drenthe"),
        ([1, None, "x"], "1 |  | x"),
        ({"naam": "Fryslân", "a": 1}, '{"a": 1, "naam": "Fryslân"}'),
        ([{"titel": "Één", "url": "https://x.nl/"}, {"b": 2, "a": 1}], '{"titel": "Één", "url": "https://x.nl/"} | {"a": 1, "b": 2}'),
    ],
)
def test_one_cell(value, cell):
    """Lists joined with ' | ', objects as compact JSON with sorted keys and real accents, booleans in Dutch."""
    assert exports._cell(value) == cell


def test_a_duplicate_column_name_is_refused(monkeypatch):
    from macros.models import Bron

    class WithPageUrl(Bron):
        pagina_url: str | None = None

    monkeypatch.setitem(exports.CONTENT_TYPES, "bron", WithPageUrl)
    with pytest.raises(ValueError) as refusal:
        exports.csv_columns("bron")
    assert str(refusal.value).startswith("dubbele kolomnaam in bron.csv: ['slug', 'pagina_url', 'type', ")


def test_only_the_csv_is_neutralised_the_json_keeps_the_value(mini_files):
    document = json.loads(mini_files["data/kennisbank.json"])
    instrument = next(item for item in document["items"] if item["slug"] == "overijssel-scan")
    assert instrument["velden"]["titel"] == '=HYPERLINK("https://example.org";"klik")'
    assert instrument["velden"]["bedrag"] == "-5 procent"


# ------------------------------------------------------------------ JSON


def _is_web_url(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


# jsonschema checks "date" itself; "uri" needs a package we do not install, so a narrow checker for web addresses.
FORMATS = jsonschema.FormatChecker()
FORMATS.checks("uri")(_is_web_url)
SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "kennisbank.schema.json").read_text(encoding="utf-8"))


def validate(document: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=FORMATS).validate(document)


def test_json_validates_against_the_hand_written_schema(mini_files):
    validate(json.loads(mini_files["data/kennisbank.json"]))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("bijgewerkt",), "2026-13-01"),  # format: date is checked
        (("items", 0, "url"), "bronnen/brief-2017/"),  # format: uri is checked
        (("items", 0, "velden", "laatst_gecontroleerd"), "15-01-2026"),
        (("items", 0, "velden", "onbekend"), 1),
        (("items", 0, "velden", "url"), "javascript:alert(1)"),
        (("items", 0, "verwijzingen", "bronnen"), [{"slug": "x"}]),
        (("items", 1, "velden", "datum"), "2017-11-31x"),
    ],
)
def test_the_hand_written_schema_rejects_a_broken_document(mini_files, path, value):
    document = json.loads(mini_files["data/kennisbank.json"])
    assert [document["items"][0]["slug"], document["items"][1]["slug"]] == ["interbestuurlijk-toezicht", "brief-2017"]
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


BRON = {
    "slug": "brief-2017",
    "type": "bron",
    "url": "https://example.org/kb/bronnen/brief-2017/",
    "velden": {
        "type": "bron", "titel": "Brief over bestuurskracht", "slug": None,
        "samenvatting": 'Een brief; met een puntkomma en "aanhalingstekens".',
        "bronnen": [], "links": [], "trefwoorden": [], "laatst_gecontroleerd": "2026-01-15", "controle_interval_maanden": 24,
        "uitgever": "Provincie Overijssel", "datum": "2018-12-10", "soort": "brief", "kenmerk": None,
        "bestand": "brief-2017.pdf", "url": "https://www.overijssel.nl/brief", "url_betreft": "document", "provincies": ["overijssel"],
    },
    "verwijzingen": {"bronnen": [], "provincies": [{"slug": "overijssel", "naam": "Overijssel"}]},
    "herkomst": {},  # a source classifies nothing
}
# The defaults of macros/provenance.py as documented in the field reference, written out.
EDITORS = "indeling van de redactie"
INSTRUMENT = {
    "slug": "overijssel-scan",
    "type": "instrument",
    "url": "https://example.org/kb/instrumenten/overijssel-scan/",
    "velden": {
        "type": "instrument", "titel": '=HYPERLINK("https://example.org";"klik")', "slug": None,
        "samenvatting": "+31 is geen telefoonnummer maar een formule",
        "bronnen": ["brief-2017"], "links": [], "trefwoorden": [], "laatst_gecontroleerd": "2026-01-15", "controle_interval_maanden": 24,
        "provincies": ["overijssel", "drenthe"], "categorie": "bestuurlijk-overleg", "rollen": ["facilitator"], "taken": ["bestuurskracht"],
        "status": "actief", "programma": "overijssel-programma", "periode": None, "bedrag": "-5 procent",
        "partners": ["@gemeente", "Zwolle"], "deelname": [], "opbrengst": [], "voorbeelden": [], "herkomst": {},
    },
    "verwijzingen": {
        "bronnen": [{"slug": "brief-2017", "titel": "Brief over bestuurskracht", "url": "https://example.org/kb/bronnen/brief-2017/"}],
        "categorie": [{"slug": "bestuurlijk-overleg", "naam": "Bestuurlijk overleg"}],
        "programma": [{"slug": "overijssel-programma", "titel": "Programma", "url": "https://example.org/kb/programmas/overijssel-programma/"}],
        "provincies": [{"slug": "overijssel", "naam": "Overijssel"}, {"slug": "drenthe", "naam": "Drenthe"}],
        "rollen": [{"slug": "facilitator", "naam": "Facilitator"}],
        "taken": [{"slug": "bestuurskracht", "naam": "Bestuurskracht"}],
    },
    "herkomst": {
        "categorie": {"soort": "redactie", "reden": EDITORS + ": de notitie noemt de zeven gemeenschappelijke instrumenten en de "
                                                              "specials, maar deelt de instrumenten niet zelf in"},
        "rollen": {"soort": "redactie", "reden": EDITORS + ": alleen bijlage 2 van de Noord-Hollandse notitie geeft rollen, en "
                                                           "alleen voor Noord-Holland"},
        "status": {"soort": "redactie", "reden": "inschatting van de redactie; de bron noemt de stand van zaken niet met zoveel woorden"},
        "taken": {"soort": "redactie", "reden": EDITORS},
    },
}
EVENT_DAY = {
    "slug": "dag",
    "type": "gebeurtenis",
    "url": "https://example.org/kb/gebeurtenissen/dag/",
    "velden": {
        "type": "gebeurtenis", "titel": "Bijeenkomst op een dag", "slug": None, "samenvatting": "Samenvatting van Bijeenkomst op een dag.",
        "bronnen": ["brief-2017"], "links": [], "trefwoorden": [], "laatst_gecontroleerd": "2026-01-15", "controle_interval_maanden": 24,
        "provincies": ["overijssel"], "datum": "2017-11-30", "datum_bron": None, "soort": "bijeenkomst", "programma": None,
        "instrument": None, "gepland_volgens": None, "plaats": "Zwolle", "deelnemers": None, "citaten": [], "herkomst": {},
    },
    "verwijzingen": {
        "bronnen": [{"slug": "brief-2017", "titel": "Brief over bestuurskracht", "url": "https://example.org/kb/bronnen/brief-2017/"}],
        "provincies": [{"slug": "overijssel", "naam": "Overijssel"}],
    },
    # No herkomst on the page: the date stands in its sources, the kind is the editors' choice.
    "herkomst": {"datum": {"soort": "bron", "bron": None, "vindplaats": None}, "soort": {"soort": "redactie", "reden": EDITORS}},
}


def sorted_keys_everywhere(raw: bytes) -> bool:
    orders = []
    json.loads(raw, object_pairs_hook=lambda pairs: orders.append([key for key, _ in pairs]) or dict(pairs))
    return bool(orders) and all(keys == sorted(keys) for keys in orders)


def test_every_json_file_has_its_keys_sorted(mini_files):
    """Sorted keys: two releases can be compared line by line."""
    for raw in (mini_files["data/kennisbank.json"], mini_files["data/catalog.jsonld"], exports.envelope_schema(SITE_URL),
                exports.type_schema("instrument")):
        assert sorted_keys_everywhere(raw)
    assert not sorted_keys_everywhere(b'{"b": 1, "a": 2}')


def test_json_items_match_the_hand_written_items(mini_files):
    document = json.loads(mini_files["data/kennisbank.json"])
    assert document["titel"] == "Kennisbank Kwaliteit Openbaar Bestuur"
    assert document["bijgewerkt"] == "2026-01-01"
    assert document["licentie"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [(item["type"], item["slug"]) for item in document["items"]] == [
        ("begrip", "interbestuurlijk-toezicht"), ("bron", "brief-2017"),
        ("gebeurtenis", "dag"), ("gebeurtenis", "doorlopend"), ("gebeurtenis", "einde-circa"), ("gebeurtenis", "maand"),
        ("gebeurtenis", "najaar"), ("gebeurtenis", "ongeveer-dag"), ("gebeurtenis", "onzekere-dag"), ("gebeurtenis", "twee-dagen"),
        ("gebeurtenis", "winter"), ("instrument", "overijssel-scan"), ("programma", "overijssel-programma"), ("provincie", "overijssel"),
    ]
    by_slug = {item["slug"]: item for item in document["items"]}
    assert by_slug["brief-2017"] == BRON
    assert by_slug["overijssel-scan"] == INSTRUMENT
    assert by_slug["dag"] == EVENT_DAY
    assert document["referentielijsten"]["provincies"][1] == {
        "slug": "drenthe", "naam": "Drenthe", "omschrijving": None, "gemeenten": 12, "kaart": {"kolom": 2, "rij": 1}}


def test_json_is_utf8_with_sorted_keys_and_a_final_newline(mini_files):
    raw = mini_files["data/kennisbank.json"]
    assert raw.endswith(b"}\n")
    text = raw.decode("utf-8")
    assert '"bijgewerkt": "2026-01-01",\n  "items"' in text  # keys in alphabetical order, two-space indent
    assert "\\u" not in text


# ------------------------------------------------------------------ calendar

# The calendar holds exactly the events with an exact day or a range of exact days, without qualifiers.
EXPECTED_EVENTS = {
    "dag@kennisbank-kob": {
        "summary": "Bijeenkomst op een dag", "dtstart": date(2017, 11, 30), "dtend": date(2017, 12, 1),
        "location": "Zwolle", "description": "Samenvatting van Bijeenkomst op een dag.",
        "url": "https://example.org/kb/gebeurtenissen/dag/",
    },
    "twee-dagen@kennisbank-kob": {
        "summary": "Twee dagen", "dtstart": date(2018, 3, 5), "dtend": date(2018, 3, 7),
        "location": None, "description": "Samenvatting van Twee dagen.",
        "url": "https://example.org/kb/gebeurtenissen/twee-dagen/",
    },
}


def rfc5545_problems(raw: bytes) -> list[str]:
    """The RFC 5545 rules our calendar relies on, checked on the raw bytes (not with our writer)."""
    problems = []
    if not raw.endswith(b"\r\n") or re.search(rb"(?<!\r)\n", raw):
        problems.append("3.1: every content line ends with CRLF")
    physical = raw.split(b"\r\n")[:-1]
    problems += [f"3.1: line longer than 75 octets: {line[:30]!r}" for line in physical if len(line) > 75]
    lines = []  # unfold (3.1): a CRLF followed by one space or tab continues the line
    for line in physical:
        if line[:1] in (b" ", b"\t") and lines:
            lines[-1] += line[1:]
        else:
            lines.append(line)
    text = [line.decode("utf-8") for line in lines]
    if text[:1] != ["BEGIN:VCALENDAR"] or text[-1:] != ["END:VCALENDAR"]:
        problems.append("3.4: the stream is one VCALENDAR")
    for name in ("VERSION", "PRODID"):
        if sum(line.split(":", 1)[0] == name for line in text) != 1:
            problems.append(f"3.6: {name} exactly once")
    if "VERSION:2.0" not in text:
        problems.append("3.7.4: VERSION:2.0")
    events, current = [], None
    for line in text:
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current.append(line)
    uids = []
    for event in events:
        names = [line.split(":", 1)[0].split(";", 1)[0] for line in event]
        for name in ("UID", "DTSTAMP", "DTSTART"):
            if names.count(name) != 1:
                problems.append(f"3.6.1: {name} exactly once in a VEVENT")
        for line in event:
            name, value = line.split(":", 1)
            if name.startswith("DTSTAMP") and (name != "DTSTAMP" or not re.fullmatch(r"\d{8}T\d{6}Z", value)):
                problems.append(f"3.8.7.2: DTSTAMP must be a UTC date-time, not {line}")
            if name.startswith(("DTSTART", "DTEND")) and not (name.endswith(";VALUE=DATE") and re.fullmatch(r"\d{8}", value)):
                problems.append(f"all-day events only: {line}")
            if name == "UID":
                uids.append(value)
        starts = [line.split(":", 1)[1] for line in event if line.startswith("DTSTART")]
        ends = [line.split(":", 1)[1] for line in event if line.startswith("DTEND")]
        if starts and ends and not ends[0] > starts[0]:
            problems.append("3.6.1: DTEND after DTSTART (exclusive end)")
    if len(uids) != len(set(uids)):
        problems.append("3.8.4.7: UID unique")
    return problems


def parse_strictly(raw: bytes, monkeypatch) -> Calendar:
    """icalendar's parser, with the error tolerance it has for events switched off."""
    monkeypatch.setattr(Event, "ignore_exceptions", False)
    calendar = Calendar.from_ical(raw)
    assert all(not component.errors for component in calendar.walk()), [c.errors for c in calendar.walk()]
    calendar.validate()
    return calendar


def test_calendar_holds_exactly_the_hand_written_events(mini_files, monkeypatch):
    calendar = parse_strictly(mini_files["data/gebeurtenissen.ics"], monkeypatch)
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == set(EXPECTED_EVENTS)
    for uid, expected in EXPECTED_EVENTS.items():
        event = events[uid]
        assert event.decoded("dtstart") == expected["dtstart"] and type(event.decoded("dtstart")) is date
        assert event.decoded("dtend") == expected["dtend"]
        assert str(event["summary"]) == expected["summary"]
        assert str(event["description"]) == expected["description"]
        assert (str(event["location"]) if "location" in event else None) == expected["location"]
        assert str(event["url"]) == expected["url"]
        assert event.decoded("dtstamp") == datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_calendar_follows_rfc5545(mini_files):
    raw = mini_files["data/gebeurtenissen.ics"]
    assert rfc5545_problems(raw) == []
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kennisbank Kwaliteit Openbaar Bestuur//NL\r\n"
                          b"X-WR-CALNAME:Kennisbank Kwaliteit Openbaar Bestuur: gebeurtenissen\r\n")
    assert b"DTSTAMP:20260101T000000Z\r\n" in raw and b"DTSTAMP;VALUE=DATE" not in raw


@pytest.mark.parametrize(
    ("broken", "rule"),
    [
        (b"DTSTAMP:20260101T000000Z", b"DTSTAMP;VALUE=DATE:20260101"),
        (b"DTSTAMP:20260101T000000Z", b"DTSTAMP:20260101T000000"),
        (b"UID:twee-dagen@kennisbank-kob", b"UID:dag@kennisbank-kob"),
        (b"DTEND;VALUE=DATE:20171201", b"DTEND;VALUE=DATE:20171130"),
        (b"\r\n", b"\n"),
    ],
)
def test_the_rfc5545_checks_catch_a_broken_calendar(mini_files, broken, rule):
    """The checks above are not vacuous: each catches the breakage it is about."""
    raw = mini_files["data/gebeurtenissen.ics"]
    assert rfc5545_problems(raw.replace(broken, rule)) != []


def test_long_lines_are_folded(mini_files):
    raw = mini_files["data/gebeurtenissen.ics"]
    assert rfc5545_problems(raw.replace(b"SUMMARY:Twee dagen", b"SUMMARY:" + b"x" * 80)) != []


# ------------------------------------------------------------------ schemas, catalogue, descriptions

DRAFT = "https://json-schema.org/draft/2020-12/schema"


TYPES_IN_MODEL_ORDER = ("provincie", "programma", "instrument", "gebeurtenis", "ingredient", "praktijkvoorbeeld", "bron", "begrip")


def test_json_files_keep_accents_as_utf8(mini_files):
    """Dutch text stays readable in every JSON file: 'één', not '\\u00e9\\u00e9n'."""
    assert "Eén of twee zinnen".encode() in exports.type_schema("provincie")
    assert "één per regel".encode() in mini_files["data/catalog.jsonld"]
    assert "regio’s".encode() in mini_files["data/kennisbank.json"]
    assert "ingrediënt".encode() in exports.envelope_schema(SITE_URL) or "Eén".encode() in exports.envelope_schema(SITE_URL)
    for raw in (exports.type_schema("provincie"), mini_files["data/catalog.jsonld"], exports.envelope_schema(SITE_URL),
                mini_files["data/kennisbank.json"]):
        assert b"\\u00" not in raw and raw.endswith(b"}\n")
        assert raw.startswith(b'{\n  "')  # pretty-printed with two spaces, so a diff between two releases is readable


def test_type_schema_describes_the_fields_of_a_source():
    schema = json.loads(exports.type_schema("bron"))
    assert schema["$schema"] == DRAFT and schema["type"] == "object" and schema["additionalProperties"] is False
    assert sorted(schema["properties"]) == sorted(BRON["velden"])
    assert sorted(schema["required"]) == sorted(["type", "titel", "samenvatting", "laatst_gecontroleerd", "uitgever", "soort", "bestand"])
    validator = jsonschema.Draft202012Validator(schema, format_checker=FORMATS)
    validator.validate(BRON["velden"])
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**BRON["velden"], "onbekend": 1})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**BRON["velden"], "soort": "roman"})


def test_envelope_schema_accepts_the_export_and_refuses_a_mixed_up_item(mini_files):
    schema = json.loads(exports.envelope_schema(SITE_URL))
    assert schema["$schema"] == DRAFT and schema["$id"] == "https://example.org/kb/data/schema/kennisbank.schema.json"
    assert schema["title"] == "Kennisbank Kwaliteit Openbaar Bestuur"
    defs = schema.pop("$defs")
    assert schema == {
        "$schema": DRAFT,
        "$id": "https://example.org/kb/data/schema/kennisbank.schema.json",
        "title": "Kennisbank Kwaliteit Openbaar Bestuur",
        "type": "object",
        "required": ["titel", "licentie", "bijgewerkt", "items", "referentielijsten"],
        "properties": {
            "titel": {"type": "string"}, "licentie": {"type": "string"}, "bijgewerkt": {"type": "string", "format": "date"},
            "referentielijsten": {"type": "object"},
            "items": {"type": "array", "items": {
                "type": "object", "required": ["slug", "type", "url", "velden", "verwijzingen", "herkomst"],
                "properties": {"slug": {"type": "string"}, "type": {"enum": list(TYPES_IN_MODEL_ORDER)}, "url": {"type": "string"},
                               "velden": {"type": "object"}, "verwijzingen": {"type": "object"},
                               "herkomst": {"type": "object", "additionalProperties": {"$ref": "#/$defs/Herkomst"}}},
                "oneOf": [{"properties": {"type": {"const": name}, "velden": {"$ref": f"#/$defs/{name}"}}} for name in TYPES_IN_MODEL_ORDER],
            }},
        },
    }
    assert set(defs) == set(TYPES) | {"Link", "Part", "Quote", "Herkomst"}
    assert defs["bron"]["title"] == "Bron" and defs["bron"]["properties"]["links"]["items"] == {"$ref": "#/$defs/Link"}
    schema["$defs"] = defs
    assert sorted(schema["required"]) == ["bijgewerkt", "items", "licentie", "referentielijsten", "titel"]
    validator = jsonschema.Draft202012Validator(schema, format_checker=FORMATS)
    document = json.loads(mini_files["data/kennisbank.json"])
    validator.validate(document)
    for broken in (
        {**document, "bijgewerkt": "gisteren"},
        {**document, "items": [{**BRON, "velden": INSTRUMENT["velden"]}]},
        {**document, "items": [{**BRON, "type": "roman"}]},
        {**document, "items": [{key: value for key, value in BRON.items() if key != "verwijzingen"}]},
        {**document, "items": [{**BRON, "herkomst": {"categorie": {"soort": "gerucht"}}}]},
        {key: value for key, value in document.items() if key != "licentie"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(broken)


def test_the_export_files_are_exactly_these(mini_files):
    assert sorted(mini_files) == sorted(
        ["data/kennisbank.json", "data/gebeurtenissen.ics", "data/catalog.jsonld", "data/schema/kennisbank.schema.json"]
        + [f"data/{name}.csv" for name in TYPES] + [f"data/schema/{name}.schema.json" for name in TYPES])


@pytest.mark.parametrize(
    ("path", "description"),
    [
        ("data/kennisbank.json", "Alle items van alle typen met al hun velden, hun adres en hun opgeloste verwijzingen."),
        ("data/gebeurtenissen.ics", "De gebeurtenissen met een exacte dag (of reeks dagen) als agenda-items; vagere data zijn weggelaten."),
        ("data/schema/kennisbank.schema.json", "JSON Schema van kennisbank.json."),
        ("data/catalog.jsonld", "Beschrijving van deze dataset volgens DCAT-AP-NL."),
        ("data/instrument.csv", "Alle items van type instrument, één per regel."),
        ("data/schema/bron.schema.json", "JSON Schema van de velden van type bron."),
    ],
)
def test_every_file_has_a_dutch_description(path, description):
    assert exports.describe(path) == description


DATASET = {
    "@id": "https://example.org/kb/data/catalog.jsonld#dataset",
    "@type": "dcat:Dataset",
    "dct:identifier": "https://example.org/kb/data/catalog.jsonld#dataset",
    "dct:title": {"@language": "nl", "@value": "Kennisbank Kwaliteit Openbaar Bestuur"},
    "dcat:keyword": [{"@language": "nl", "@value": word} for word in
                     ("kwaliteit openbaar bestuur", "provincies", "bestuurskracht", "interbestuurlijk toezicht", "gemeenten")],
    "dcat:theme": {"@id": "http://standaarden.overheid.nl/owms/terms/Bestuur"},
    "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/NLD"},
    "dct:license": {"@id": "https://creativecommons.org/licenses/by/4.0/"},
    "dct:accessRights": {"@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"},
    "dct:spatial": {"@id": "http://standaarden.overheid.nl/owms/terms/Nederland"},
    "dct:modified": {"@type": "xsd:date", "@value": "2026-01-01"},
    "dct:accrualPeriodicity": {"@id": "http://publications.europa.eu/resource/authority/frequency/IRREG"},
    "dcat:landingPage": {"@id": "https://example.org/kb/open-data/"},
    "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": "Redactie Kennisbank Kwaliteit Openbaar Bestuur",
                          "vcard:hasURL": {"@id": "https://example.org/kb/meewerken/"}},
    "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Redactie Kennisbank Kwaliteit Openbaar Bestuur"},
}


def test_catalogue_describes_the_dataset_by_hand_written_dcat_ap_nl(mini_files):
    catalogue = json.loads(mini_files["data/catalog.jsonld"])
    assert catalogue["@context"] == {
        "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
        "vcard": "http://www.w3.org/2006/vcard/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#"}
    assert catalogue["@id"] == "https://example.org/kb/data/catalog.jsonld#catalogus"
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["dct:title"] == {"@language": "nl", "@value": "Kennisbank Kwaliteit Openbaar Bestuur"}
    assert catalogue["dct:description"]["@language"] == "nl" and "twaalf Nederlandse provincies" in catalogue["dct:description"]["@value"]
    assert catalogue["dct:language"] == {"@id": "http://publications.europa.eu/resource/authority/language/NLD"}
    assert catalogue["dct:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    assert catalogue["foaf:homepage"] == {"@id": "https://example.org/kb/"}
    dataset = dict(catalogue["dcat:dataset"])
    distributions = dataset.pop("dcat:distribution")
    assert dataset.pop("dct:description") == catalogue["dct:description"]
    assert dataset == DATASET
    assert len(distributions) == 3 + 2 * len(TYPES)  # JSON, calendar, envelope schema; CSV and schema per type; not itself
    assert [d["@id"] for d in distributions] == sorted(d["@id"] for d in distributions)


@pytest.mark.parametrize(
    ("path", "media_type", "file_type"),
    [
        ("data/bron.csv", "text/csv", "CSV"),
        ("data/gebeurtenissen.ics", "text/calendar", "ICS"),
        ("data/kennisbank.json", "application/json", "JSON"),
        ("data/schema/bron.schema.json", "application/json", "JSON"),
    ],
)
def test_catalogue_distribution(mini_files, path, media_type, file_type):
    catalogue = json.loads(mini_files["data/catalog.jsonld"])
    [distribution] = [d for d in catalogue["dcat:dataset"]["dcat:distribution"] if d["@id"] == SITE_URL + path]
    assert distribution == {
        "@id": SITE_URL + path,
        "@type": "dcat:Distribution",
        "dct:title": path.rsplit("/", 1)[-1],
        "dct:description": {"@language": "nl", "@value": exports.describe(path)},
        "dcat:accessURL": {"@id": "https://example.org/kb/open-data/"},
        "dcat:downloadURL": {"@id": SITE_URL + path},
        "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{media_type}"},
        "dct:format": {"@id": f"http://publications.europa.eu/resource/authority/file-type/{file_type}"},
        "dct:license": {"@id": "https://creativecommons.org/licenses/by/4.0/"},
        "dct:modified": {"@type": "xsd:date", "@value": "2026-01-01"},
        "dcat:byteSize": len(mini_files[path]),
    }


def test_catalogue_is_not_in_its_own_list(mini_files):
    catalogue = json.loads(mini_files["data/catalog.jsonld"])
    ids = {d["@id"] for d in catalogue["dcat:dataset"]["dcat:distribution"]}
    assert SITE_URL + "data/catalog.jsonld" not in ids


# ------------------------------------------------------------------ the real site, with the same independent rules

EXACT_DAYS = re.compile(r"^\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?$")


def test_real_json_validates_against_the_hand_written_schema(built_site):
    validate(json.loads((built_site / "data" / "kennisbank.json").read_text(encoding="utf-8")))


def test_real_calendar_has_exactly_the_exact_day_events(built_site, monkeypatch):
    raw = (built_site / "data" / "gebeurtenissen.ics").read_bytes()
    assert rfc5545_problems(raw) == []
    calendar = parse_strictly(raw, monkeypatch)
    uids = {str(event["uid"]) for event in calendar.walk("VEVENT")}
    document = json.loads((built_site / "data" / "kennisbank.json").read_text(encoding="utf-8"))
    events = [item for item in document["items"] if item["type"] == "gebeurtenis"]
    exact = {f"{item['slug']}@kennisbank-kob" for item in events if EXACT_DAYS.match(item["velden"]["datum"])}
    assert exact and uids == exact
    assert any("?" in item["velden"]["datum"] or "~" in item["velden"]["datum"] for item in events)


def test_real_csv_has_unique_columns_and_a_row_per_item(built_site):
    document = json.loads((built_site / "data" / "kennisbank.json").read_text(encoding="utf-8"))
    for type_name in TYPES:
        rows = csv_rows((built_site / "data" / f"{type_name}.csv").read_bytes())
        header = rows[0]
        assert len(header) == len(set(header)), (type_name, header)
        assert header[:2] == ["slug", "pagina_url"]
        slugs = sorted(item["slug"] for item in document["items"] if item["type"] == type_name)
        assert [row[0] for row in rows[1:]] == slugs
        assert all(len(row) == len(header) for row in rows)
        for row in rows[1:]:
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row


def test_catalogue_names_every_export_file(built_site):
    catalogue = json.loads((built_site / "data" / "catalog.jsonld").read_text(encoding="utf-8"))
    urls = {d["dcat:downloadURL"]["@id"] for d in catalogue["dcat:dataset"]["dcat:distribution"]}
    files = {path.relative_to(built_site).as_posix() for path in (built_site / "data").rglob("*") if path.is_file()}
    names = {url.split("/kennisbank/", 1)[1] for url in urls}
    assert files - {"data/catalog.jsonld"} == names
    assert catalogue["dcat:dataset"]["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    for distribution in catalogue["dcat:dataset"]["dcat:distribution"]:
        path = distribution["dcat:downloadURL"]["@id"].split("/kennisbank/", 1)[1]
        assert distribution["dcat:byteSize"] == (built_site / path).stat().st_size, path


def test_open_data_page_links_every_file_and_explains_the_quote(built_site):
    html = (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    for path in (built_site / "data").rglob("*"):
        if path.is_file():
            assert f'href="../{path.relative_to(built_site).as_posix()}"' in html, path
    assert "CC BY 4.0" in html
    assert "krijgt in de CSV een apostrof" in html and "CSV-injectie" in html
    assert "<code>pagina_url</code>" in html


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
    document = json.loads(first["data/kennisbank.json"])
    assert document["bijgewerkt"] == "2026-01-01"
    assert b"DTSTAMP:20260101T000000Z" in first["data/gebeurtenissen.ics"]


def test_the_mini_site_build_writes_the_expected_files(tmp_path):
    """The build (hooks included) writes exactly what the pure functions write, for the mini-site."""
    root = tmp_path / "mini"
    root.mkdir()
    shutil.copytree(MINI / "data", root / "data")
    pages = {p.relative_to(MINI / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (MINI / "docs").rglob("*.md")}
    config = make_mini_site(root, pages)
    config.write_text(config.read_text(encoding="utf-8").replace("https://kennisbank-kob.github.io/kennisbank/", SITE_URL), encoding="utf-8")
    result = run_build(config, root / "site", env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.returncode == 0, result.stderr
    for type_name in TYPES:
        assert csv_rows((root / "site" / "data" / f"{type_name}.csv").read_bytes()) == csv_rows((EXPECTED / f"{type_name}.csv").read_bytes())
    raw = (root / "site" / "data" / "gebeurtenissen.ics").read_bytes()
    assert rfc5545_problems(raw) == []
    assert set(re.findall(rb"UID:(\S+)", raw)) == {uid.encode() for uid in EXPECTED_EVENTS}
    document = json.loads((root / "site" / "data" / "kennisbank.json").read_text(encoding="utf-8"))
    validate(document)
    assert next(item for item in document["items"] if item["slug"] == "overijssel-scan") == INSTRUMENT

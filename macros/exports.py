"""Open data: the index written as JSON, CSV, iCalendar, JSON Schema and a DCAT catalogue.

Pure functions from the index to file contents (bytes), so that two builds of
the same commit give byte-identical files: items are sorted, keys are sorted,
and the only date in them is the build date (SOURCE_DATE_EPOCH when set).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time, timedelta, timezone
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from . import provenance
from .index import Entry, Index
from .models import CONTENT_TYPES, REFERENCE_FIELDS
from .render import page_url
from .structured_data import exact_days

if TYPE_CHECKING:
    from icalendar import Event

EXPORT_DIR = "data"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAME = "CC BY 4.0"
LIST_SEPARATOR = " | "
CSV_DELIMITER = ";"
DATASET_TITLE = "Kennisbank Kwaliteit Openbaar Bestuur"
DATASET_DESCRIPTION = ("Hoe de twaalf Nederlandse provincies werken aan de kwaliteit van het openbaar bestuur: "
                       "provincies, programma's, instrumenten, gebeurtenissen, praktijkvoorbeelden, het Recept voor de toekomst, "
                       "begrippen en bronnen, met verwijzingen tussen alle onderdelen.")


def csv_name(type_name: str) -> str:
    return f"{EXPORT_DIR}/{type_name}.csv"


def schema_name(type_name: str) -> str:
    return f"{EXPORT_DIR}/schema/{type_name}.schema.json"


JSON_NAME = f"{EXPORT_DIR}/kennisbank.json"
ICS_NAME = f"{EXPORT_DIR}/gebeurtenissen.ics"
CATALOG_NAME = f"{EXPORT_DIR}/catalog.jsonld"
ENVELOPE_SCHEMA_NAME = f"{EXPORT_DIR}/schema/kennisbank.schema.json"


def item_url(site_url: str, entry: Entry) -> str:
    return site_url + page_url(entry.src_path)


def _fields(entry: Entry) -> dict[str, Any]:
    """The page's own fields as JSON values, with defaults, exactly as the schema describes them."""
    return entry.item.model_dump(mode="json")


def _references(index: Index, entry: Entry, site_url: str) -> dict[str, list[dict[str, str]]]:
    resolved: dict[str, list[dict[str, str]]] = {}
    for field_name, target in REFERENCE_FIELDS.items():
        value = getattr(entry.item, field_name, None)
        if value is None:
            continue
        slugs = value if isinstance(value, list) else [value]
        if target.startswith("data:"):
            refs = index.refs[target[5:]]
            resolved[field_name] = [{"slug": slug, "naam": refs[slug].naam} for slug in slugs]
        else:
            resolved[field_name] = [{"slug": slug, "titel": index.get(slug).title, "url": item_url(site_url, index.get(slug))}
                                    for slug in slugs]
    return resolved


def _sorted_entries(index: Index) -> list[Entry]:
    return sorted(index.entries, key=lambda entry: (entry.type, entry.slug))


def kennisbank_json(index: Index, site_url: str, built: date) -> bytes:
    document = {
        "titel": DATASET_TITLE,
        "licentie": LICENCE_URL,
        "bijgewerkt": built.isoformat(),
        "referentielijsten": {name: [ref.model_dump(mode="json") for ref in refs] for name, refs in sorted(index.reference.items())},
        "items": [
            {"slug": entry.slug, "type": entry.type, "url": item_url(site_url, entry),
             "velden": _fields(entry), "verwijzingen": _references(index, entry, site_url),
             "herkomst": _provenance(entry)}
            for entry in _sorted_entries(index)
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _provenance(entry: Entry) -> dict[str, dict[str, Any]]:
    """Per classified field: stated by a source (which, where) or the editors' (why); defaults resolved."""
    return {name: claim.as_dict() for name, claim in provenance.claims(entry).items()}


def provenance_columns(type_name: str) -> list[str]:
    """One `<veld>_herkomst` column per classification field of the type."""
    return [f"{name}_herkomst" for name in provenance.CLASSIFICATION_FIELDS.get(type_name, ())]


def _provenance_cells(entry: Entry) -> dict[str, str]:
    return {f"{name}_herkomst": claim.as_text() for name, claim in provenance.claims(entry).items()}


def _cell(value: Any) -> str:
    """One CSV cell: lists joined with ' | ', objects as compact JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


# A cell a spreadsheet would read as a formula (or as a command, via a leading tab or carriage return)
# starts with one of these; OWASP's advice is to prefix such a cell with a single quote.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PAGE_URL_COLUMN = "pagina_url"


def neutralise(text: str) -> str:
    """A cell that no spreadsheet executes: `=1+1` becomes `'=1+1` (CSV injection, OWASP)."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_columns(type_name: str) -> list[str]:
    """Column names of a type's CSV: slug, the page's address, the type's own fields, then where each
    classification comes from (each name once)."""
    # `herkomst` itself is spread over one `<veld>_herkomst` column per classification field.
    columns = (["slug", PAGE_URL_COLUMN] + [name for name in CONTENT_TYPES[type_name].model_fields if name not in ("slug", "herkomst")]
               + provenance_columns(type_name))
    if len(set(columns)) != len(columns):
        raise ValueError(f"dubbele kolomnaam in {type_name}.csv: {columns}")
    return columns


def type_csv(index: Index, type_name: str, site_url: str) -> bytes:
    """UTF-8 with BOM and ';' as delimiter, so Excel with Dutch settings opens it correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    columns = csv_columns(type_name)
    writer.writerow(columns)
    for entry in sorted(index.by_type.get(type_name, []), key=lambda e: e.slug):
        fields = _fields(entry)
        # The slug as resolved, not as written.
        row = {**fields, "slug": entry.slug, PAGE_URL_COLUMN: item_url(site_url, entry), **_provenance_cells(entry)}
        writer.writerow([neutralise(_cell(row.get(column))) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def events_ics(index: Index, site_url: str, built: date) -> bytes:
    """Events with exact days (or a range of exact days) as all-day events; fuzzy dates are left out."""
    from icalendar import Calendar  # here, not at the top: `python -m macros check` imports this module

    calendar = Calendar()
    calendar.add("prodid", "-//Kennisbank Kwaliteit Openbaar Bestuur//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Kennisbank Kwaliteit Openbaar Bestuur: gebeurtenissen")
    # RFC 5545 3.8.7.2: DTSTAMP is a UTC date-time; midnight UTC of the build date keeps builds reproducible.
    for entry in sorted(index.events(), key=lambda e: e.slug):
        event = calendar_event(entry, site_url, built)
        if event is not None:
            calendar.add_component(event)
    return calendar.to_ical()


def calendar_event(entry: Entry, site_url: str, built: date) -> Event | None:
    """An all-day VEVENT for an event with exact days (the site-wide and the province calendars)."""
    from icalendar import Event
    days = exact_days(entry.item.datum)
    if days is None:
        return None
    first, last = days
    event = Event()
    event.add("uid", f"{entry.slug}@kennisbank-kob")
    event.add("dtstamp", datetime.combine(built, time(0, 0), tzinfo=timezone.utc))  # RFC 5545: a UTC date-time
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))  # DTEND of an all-day event is exclusive
    event.add("summary", entry.title)
    event.add("description", entry.item.samenvatting)
    if entry.item.plaats:
        event.add("location", entry.item.plaats)
    event.add("url", item_url(site_url, entry))
    return event


def type_schema(type_name: str) -> bytes:
    schema = CONTENT_TYPES[type_name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return (json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


# The provenance of one classified value in kennisbank.json (`items[].herkomst.<veld>`).
PROVENANCE_SCHEMA: dict[str, Any] = {
    "description": "Waar een indeling vandaan komt: uit een bron (slug en vindplaats) of van de redactie (met reden).",
    "oneOf": [
        {"type": "object", "additionalProperties": False, "required": ["soort", "bron", "vindplaats"],
         "properties": {"soort": {"const": "bron"},
                        "bron": {"type": ["string", "null"], "description": "Slug van de bron; null = de bronnen van de pagina."},
                        "vindplaats": {"type": ["string", "null"], "description": "pagina N, bijlage N, paragraaf N of tabel N."}}},
        {"type": "object", "additionalProperties": False, "required": ["soort", "reden"],
         "properties": {"soort": {"const": "redactie"}, "reden": {"type": "string"}}},
    ],
}


def envelope_schema(site_url: str) -> bytes:
    """Schema of kennisbank.json: each item's `velden` follows the schema of its type."""
    definitions = {name: TypeAdapter(model).json_schema(ref_template="#/$defs/{model}") for name, model in CONTENT_TYPES.items()}
    defs: dict[str, Any] = {}
    for name, schema in definitions.items():
        defs.update(schema.pop("$defs", {}))
        defs[name] = schema
    item_variants = [
        {"properties": {"type": {"const": name}, "velden": {"$ref": f"#/$defs/{name}"}}}
        for name in CONTENT_TYPES
    ]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site_url + ENVELOPE_SCHEMA_NAME,
        "title": DATASET_TITLE,
        "type": "object",
        "required": ["titel", "licentie", "bijgewerkt", "items", "referentielijsten"],
        "properties": {
            "titel": {"type": "string"}, "licentie": {"type": "string"}, "bijgewerkt": {"type": "string", "format": "date"},
            "referentielijsten": {"type": "object"},
            "items": {"type": "array", "items": {
                "type": "object", "required": ["slug", "type", "url", "velden", "verwijzingen", "herkomst"],
                "properties": {"slug": {"type": "string"}, "type": {"enum": list(CONTENT_TYPES)}, "url": {"type": "string"},
                               "velden": {"type": "object"}, "verwijzingen": {"type": "object"},
                               "herkomst": {"type": "object", "additionalProperties": {"$ref": "#/$defs/Herkomst"}}},
                "oneOf": item_variants,
            }},
        },
        "$defs": {**defs, "Herkomst": PROVENANCE_SCHEMA},
    }
    return (json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def export_files(index: Index, site_url: str, built: date) -> dict[str, bytes]:
    """Every export, by path under the site root."""
    files = {
        JSON_NAME: kennisbank_json(index, site_url, built),
        ICS_NAME: events_ics(index, site_url, built),
        ENVELOPE_SCHEMA_NAME: envelope_schema(site_url),
    }
    for type_name in CONTENT_TYPES:
        files[csv_name(type_name)] = type_csv(index, type_name, site_url)
        files[schema_name(type_name)] = type_schema(type_name)
    files[CATALOG_NAME] = catalog(files, site_url, built)
    return files


MEDIA_TYPES = {".json": "application/json", ".csv": "text/csv", ".ics": "text/calendar", ".jsonld": "application/ld+json"}
FORMATS = {".json": "JSON", ".csv": "CSV", ".ics": "ICS", ".jsonld": "JSON_LD"}


def describe(path: str) -> str:
    """A Dutch description of an export file, for the catalogue and the Open data page."""
    if path == JSON_NAME:
        return "Alle items van alle typen met al hun velden, hun adres en hun opgeloste verwijzingen."
    if path == ICS_NAME:
        return "De gebeurtenissen met een exacte dag (of reeks dagen) als agenda-items; vagere data zijn weggelaten."
    if path == ENVELOPE_SCHEMA_NAME:
        return "JSON Schema van kennisbank.json."
    if path == CATALOG_NAME:
        return "Beschrijving van deze dataset volgens DCAT-AP-NL."
    type_name = PurePosixPath(path).name.split(".")[0]
    if path.endswith(".csv"):
        return f"Alle items van type {type_name}, één per regel."
    return f"JSON Schema van de velden van type {type_name}."


def catalog(files: dict[str, bytes], site_url: str, built: date) -> bytes:
    """DCAT-AP-NL metadata: one catalogue, one dataset, a distribution per file."""
    distributions = []
    for path in sorted(files):
        suffix = PurePosixPath(path).suffix
        distributions.append({
            "@id": site_url + path,
            "@type": "dcat:Distribution",
            "dct:title": PurePosixPath(path).name,
            "dct:description": {"@language": "nl", "@value": describe(path)},
            "dcat:accessURL": {"@id": site_url + "open-data/"},
            "dcat:downloadURL": {"@id": site_url + path},
            "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[suffix]}"},
            "dct:format": {"@id": f"http://publications.europa.eu/resource/authority/file-type/{FORMATS[suffix]}"},
            "dct:license": {"@id": LICENCE_URL},
            "dct:modified": {"@type": "xsd:date", "@value": built.isoformat()},
            "dcat:byteSize": len(files[path]),
        })
    document = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": site_url + CATALOG_NAME + "#catalogus",
        "@type": "dcat:Catalog",
        "dct:title": {"@language": "nl", "@value": DATASET_TITLE},
        "dct:description": {"@language": "nl", "@value": DATASET_DESCRIPTION},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/NLD"},
        "dct:license": {"@id": LICENCE_URL},
        "foaf:homepage": {"@id": site_url},
        "dcat:dataset": {
            "@id": site_url + CATALOG_NAME + "#dataset",
            "@type": "dcat:Dataset",
            "dct:identifier": site_url + CATALOG_NAME + "#dataset",
            "dct:title": {"@language": "nl", "@value": DATASET_TITLE},
            "dct:description": {"@language": "nl", "@value": DATASET_DESCRIPTION},
            "dcat:keyword": [{"@language": "nl", "@value": word} for word in
                             ("kwaliteit openbaar bestuur", "provincies", "bestuurskracht", "interbestuurlijk toezicht", "gemeenten")],
            "dcat:theme": {"@id": "http://standaarden.overheid.nl/owms/terms/Bestuur"},
            "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/NLD"},
            "dct:license": {"@id": LICENCE_URL},
            "dct:accessRights": {"@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"},
            "dct:spatial": {"@id": "http://standaarden.overheid.nl/owms/terms/Nederland"},
            "dct:modified": {"@type": "xsd:date", "@value": built.isoformat()},
            "dct:accrualPeriodicity": {"@id": "http://publications.europa.eu/resource/authority/frequency/IRREG"},
            "dcat:landingPage": {"@id": site_url + "open-data/"},
            "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": "Redactie Kennisbank Kwaliteit Openbaar Bestuur",
                                  "vcard:hasURL": {"@id": site_url + "meewerken/"}},
            "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Redactie Kennisbank Kwaliteit Openbaar Bestuur"},
            "dcat:distribution": distributions,
        },
    }
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")

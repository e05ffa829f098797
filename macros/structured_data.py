"""schema.org JSON-LD for the page head, per page type, computed from the index.

Provinces are a GovernmentOrganization, events an Event, glossary terms a DefinedTerm,
the Open data page a Dataset. Dates stay honest: an event gets a `startDate` (and an
`endDate`) only when the source gives exact days without a qualifier; a month, season
or year is never turned into a day. The template (overrides/main.html) only prints the
text that `script_text` returns: JSON in which `<`, `>` and `&` are escaped, so no value
can close the <script type="application/ld+json"> element it stands in.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from .index import Entry, Index
from .labels import TYPE_LABELS
from .render import page_url

OPEN_DATA_PAGE = "open-data.md"
GLOSSARY_INDEX = "begrippen/index.md"
SITE_NAME = "Kennisbank Kwaliteit Openbaar Bestuur"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# The open-data files the Dataset lists as downloads (paths under the site root, format).
DATASET_DOWNLOADS = (("data/kennisbank.json", "application/json"), ("data/gebeurtenissen.ics", "text/calendar"),
                     ("data/catalog.jsonld", "application/ld+json"))


def exact_days(datum) -> tuple[date, date] | None:
    """(first, last) day when every point of the date is an exact day without `~` or `?`; otherwise None."""
    if datum is None or datum.ongoing:
        return None
    points = [datum.start, datum.end] if datum.end else [datum.start]
    if any(point.precision != "dag" or point.qualifier for point in points):
        return None
    return datum.lower(), datum.upper()


def _province_names(index: Index, entry: Entry) -> list[str]:
    return [index.reference_item("provincies", slug).naam for slug in entry.provinces()]


def _organisation(name: str) -> dict[str, str]:
    return {"@type": "GovernmentOrganization", "name": f"Provincie {name}"}


def province(index: Index, entry: Entry, url: str) -> dict[str, Any]:
    name = index.reference_item("provincies", entry.item.provincie).naam
    return {
        "@context": "https://schema.org", "@type": "GovernmentOrganization",
        "name": f"Provincie {name}", "description": entry.item.samenvatting, "url": url,
        "areaServed": {"@type": "AdministrativeArea", "name": name},
    }


def event(index: Index, entry: Entry, url: str) -> dict[str, Any]:
    item = entry.item
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Event",
        "name": entry.title, "description": item.samenvatting, "url": url,
        "organizer": [_organisation(name) for name in _province_names(index, entry)],
    }
    days = exact_days(item.datum)
    if days is not None:
        data["startDate"] = days[0].isoformat()
        if days[1] != days[0]:
            data["endDate"] = days[1].isoformat()
    if item.plaats:
        data["location"] = {"@type": "Place", "name": item.plaats}
    return data


def term(entry: Entry, url: str, site_url: str) -> dict[str, Any]:
    item = entry.item
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "DefinedTerm",
        "name": entry.title, "description": item.samenvatting, "url": url,
        "inDefinedTermSet": {"@type": "DefinedTermSet", "name": "Begrippen en afkortingen",
                             "url": site_url + page_url(GLOSSARY_INDEX)},
    }
    names = ([item.afkorting] if item.afkorting else []) + list(item.synoniemen)
    if names:
        data["alternateName"] = names
    return data


def dataset(site_url: str, built: date) -> dict[str, Any]:
    return {
        "@context": "https://schema.org", "@type": "Dataset",
        "name": SITE_NAME,
        "description": ("Programma's, instrumenten, gebeurtenissen, praktijkvoorbeelden, bronnen en begrippen over hoe "
                        "de twaalf provincies werken aan de kwaliteit van het openbaar bestuur, als JSON, CSV en ICS."),
        "url": site_url + page_url(OPEN_DATA_PAGE),
        "license": LICENCE_URL, "inLanguage": "nl", "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": SITE_NAME, "url": site_url},
        "dateModified": built.isoformat(),
        "spatialCoverage": {"@type": "Place", "name": "Nederland"},
        "distribution": [{"@type": "DataDownload", "contentUrl": site_url + path, "encodingFormat": media}
                         for path, media in DATASET_DOWNLOADS],
    }


def json_ld(index: Index, src_path: str, site_url: str, built: date) -> dict[str, Any] | None:
    """The schema.org description of one page, or None for page types without one."""
    if src_path == OPEN_DATA_PAGE:
        return dataset(site_url, built)
    entry = index.by_src.get(src_path)
    if entry is None:
        return None
    url = site_url + page_url(src_path)
    if entry.type == "provincie":
        return province(index, entry, url)
    if entry.type == "gebeurtenis":
        return event(index, entry, url)
    if entry.type == "begrip":
        return term(entry, url, site_url)
    return None


def script_text(data: dict[str, Any]) -> str:
    """JSON for inside <script type="application/ld+json">: `<`, `>`, `&` and the JavaScript
    line separators escaped, so the text can never end the element or start a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def search_meta(index: Index, entry: Entry) -> dict[str, str]:
    """What a search result shows besides its title: the summary, the type and the provinces."""
    return {"samenvatting": entry.item.samenvatting, "soort": TYPE_LABELS[entry.type],
            "provincie": ", ".join(_province_names(index, entry))}


def page_head(index: Index, src_path: str, site_url: str, built: date) -> dict[str, Any]:
    """Everything overrides/main.html prints in the page head for one page (see `extrahead`)."""
    head: dict[str, Any] = {}
    data = json_ld(index, src_path, site_url, built)
    if data is not None:
        head["jsonld"] = script_text(data)
    entry = index.by_src.get(src_path)
    if entry is not None:
        head.update(search_meta(index, entry))
    return head

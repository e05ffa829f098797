"""Search facets: for every content page, its type, provinces, category, roles and years.

Pagefind does the full-text search (Dutch stemming). The facets are ours: one small
JSON file that the search page loads, written from the index so it is complete
and byte-identical across builds (Pagefind's own filter files are not: their
order changes from run to run).
"""

from __future__ import annotations

import json

from .index import Entry, Index
from .labels import TYPE_LABELS
from .render import page_url

FACETS_FILE = "assets/zoekfacetten.json"
FACET_NAMES = ("type", "provincie", "categorie", "rol", "jaar")


def facets_for(index: Index, entry: Entry) -> dict[str, list[str]]:
    item = entry.item
    facets: dict[str, list[str]] = {
        "type": [TYPE_LABELS[entry.type]],
        "provincie": [index.reference_item("provincies", p).naam for p in entry.provinces()],
        "categorie": [],
        "rol": [],
        "jaar": [],
    }
    if entry.type == "instrument":
        facets["categorie"] = [index.reference_item("instrumentcategorieen", item.categorie).naam]
        facets["rol"] = [index.reference_item("rollen", r).naam for r in item.rollen]
    dated = getattr(item, "datum", None) or getattr(item, "periode", None)
    if dated is not None:
        facets["jaar"] = [str(year) for year in dated.years()]
    return {name: values for name, values in facets.items() if values}


def facets_json(index: Index) -> bytes:
    """{"facetten": [...], "paginas": {"provincies/overijssel/": {"titel": …, "samenvatting": …, "facetten": {…}}}}"""
    pages = {
        page_url(entry.src_path): {"titel": entry.title, "samenvatting": entry.item.samenvatting, "facetten": facets_for(index, entry)}
        for entry in sorted(index.entries, key=lambda e: e.src_path)
    }
    document = {"facetten": list(FACET_NAMES), "paginas": pages}
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

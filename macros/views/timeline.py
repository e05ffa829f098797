"""The timeline: every event, and every case with a date, in date order, as an ordered list
with <time datetime>.

Fuzzy dates keep their precision ("najaar 2017" stays a season); ongoing items
("continu") are listed apart. Each item says what it is (Gebeurtenis, Praktijkvoorbeeld) and,
for an event a source only announced, "gepland volgens <bron> (<datum van de bron>)".
Browser filters (province, year) are added by assets/kennisbank.js from the data attributes;
without JavaScript, and in print, the whole list shows."""

from __future__ import annotations

import json
import posixpath

from markupsafe import Markup

from ..feeds import ics_name, rss_name
from ..labels import TYPE_LABELS
from ..render import attr_escape, md_escape, md_link, page_url
from ..structured_data import exact_days


def dated_items(index, province: str | None = None) -> list:
    """Events and dated cases, in date order (ongoing ones last), as (entry, date)."""
    items = [(entry, entry.item.datum) for entry in index.events(province)]
    items += [(entry, entry.item.periode) for entry in index.of_type("praktijkvoorbeeld", province) if entry.item.periode]
    return sorted(items, key=lambda pair: (pair[1].sort_key(), pair[0].sort_key))


def planned_label(index, entry, link) -> Markup | None:
    """'gepland volgens <bron> (<datum bron>)' for an event a source announced; None otherwise."""
    slug = getattr(entry.item, "gepland_volgens", None)
    if not slug:
        return None
    source = index.get(slug)
    return Markup("gepland volgens ") + link(source) + (Markup(" (") + md_escape(source.item.datum.label()) + Markup(")")
                                                          if source.item.datum else Markup(""))


def timeline_data(index, src: str, province: str | None = None) -> dict:
    dated, ongoing = [], []
    for entry, datum in dated_items(index, province):
        item = entry.item
        row = {
            "link": md_link(entry.title, entry.src_path, src),
            "label": datum.label(),
            "datetime": attr_escape(datum.datetime_attr() or ""),
            "precision": datum.precision,
            "provinces": ", ".join(index.reference_item("provincies", p).naam for p in entry.provinces()),
            "province_slugs": attr_escape(" ".join(entry.provinces())),
            "years": attr_escape(" ".join(str(year) for year in datum.years())),
            "summary": item.samenvatting,
            "kind": item.soort if entry.type == "gebeurtenis" else "praktijkvoorbeeld",
            "type_label": TYPE_LABELS[entry.type],
            "planned": planned_label(index, entry, lambda source: md_link(source.title, source.src_path, src)),
        }
        (ongoing if datum.ongoing else dated).append(row)
    # Every province, also those without events, so a filter on one of them can say so.
    names = {ref.slug: ref.naam for ref in index.reference["provincies"]}
    return {"dated": dated, "ongoing": ongoing, "filterable": province is None, "show_province": province is None,
            "province_names": attr_escape(json.dumps(names, ensure_ascii=False, sort_keys=True))}


def render_timeline(ctx_render, index, src: str, province: str | None = None) -> str:
    return ctx_render("timeline.md.j2", **timeline_data(index, src, province))


def macros(ctx) -> dict:
    def kb_tijdlijn(provincie: str | None = None) -> str:
        """All events and dated cases across provinces (or of one province) in one timeline."""
        if provincie is not None and provincie not in ctx.index.refs["provincies"]:
            raise ValueError(f"kb_tijdlijn: onbekende provincie '{provincie}'")
        return render_timeline(ctx.render, ctx.index, ctx.src, provincie)

    def kb_abonneren() -> str:
        """On a province page: links to that province's RSS feed and calendar (macros/feeds.py)."""
        entry = ctx.index.by_src.get(ctx.src)
        if entry is None or entry.type != "provincie":
            raise ValueError("kb_abonneren: alleen op de pagina van een provincie")
        base = page_url(ctx.src) or "."
        province = entry.item.provincie
        return ctx.render(
            "subscribe.md.j2", name=ctx.index.reference_item("provincies", province).naam,
            rss=attr_escape(posixpath.relpath(rss_name(province), base)),
            ics=attr_escape(posixpath.relpath(ics_name(province), base)),
            exact_events=sum(1 for e in ctx.index.events(province) if exact_days(e.item.datum)),
        )

    return {"kb_tijdlijn": kb_tijdlijn, "kb_abonneren": kb_abonneren}

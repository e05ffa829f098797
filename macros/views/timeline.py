"""The timeline: every event in date order, as an ordered list with <time datetime>.

Fuzzy dates keep their precision ("najaar 2017" stays a season); ongoing items
("continu") are listed apart. Browser filters (province, year) are added by
assets/kennisbank.js from the data attributes; without JavaScript, and in print,
the whole list shows."""

from __future__ import annotations

import json
import posixpath

from ..feeds import ics_name, rss_name
from ..render import attr_escape, md_link, page_url
from ..structured_data import exact_days


def timeline_data(index, src: str, province: str | None = None) -> dict:
    dated, ongoing = [], []
    for entry in index.events(province):
        item = entry.item
        row = {
            "link": md_link(entry.title, entry.src_path, src),
            "label": item.datum.label(),
            "datetime": attr_escape(item.datum.datetime_attr() or ""),
            "precision": item.datum.precision,
            "provinces": ", ".join(index.reference_item("provincies", p).naam for p in entry.provinces()),
            "province_slugs": attr_escape(" ".join(entry.provinces())),
            "years": attr_escape(" ".join(str(year) for year in item.datum.years())),
            "summary": item.samenvatting,
            "kind": item.soort,
        }
        (ongoing if item.datum.ongoing else dated).append(row)
    # Every province, also those without events, so a filter on one of them can say so.
    names = {ref.slug: ref.naam for ref in index.reference["provincies"]}
    return {"dated": dated, "ongoing": ongoing, "filterable": province is None, "show_province": province is None,
            "province_names": attr_escape(json.dumps(names, ensure_ascii=False, sort_keys=True))}


def render_timeline(ctx_render, index, src: str, province: str | None = None) -> str:
    return ctx_render("timeline.md.j2", **timeline_data(index, src, province))


def macros(ctx) -> dict:
    def kb_tijdlijn(provincie: str | None = None) -> str:
        """All events across provinces (or of one province) in one timeline."""
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

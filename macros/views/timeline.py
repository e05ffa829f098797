"""The timeline: every event, and every case with a date, in date order, as an ordered list
with <time datetime>.

Fuzzy dates keep their precision ("najaar 2017" stays a season); ongoing items
("continu") are listed apart. Each item says what it is (Gebeurtenis, Praktijkvoorbeeld) and,
for an event a source only announced, "gepland volgens <bron> (<datum van de bron>)".
Browser filters (province, year) are added by assets/kennisbank.js from the data attributes;
without JavaScript, and in print, the whole list shows."""

from __future__ import annotations

from markupsafe import Markup

from ..labels import TYPE_LABELS
from ..render import attr_escape, md_escape, md_link


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
    return {"dated": dated, "ongoing": ongoing, "filterable": province is None, "show_province": province is None}


def render_timeline(ctx_render, index, src: str, province: str | None = None) -> str:
    return ctx_render("timeline.md.j2", **timeline_data(index, src, province))


def macros(ctx) -> dict:
    def kb_tijdlijn(provincie: str | None = None) -> str:
        """All events and dated cases across provinces (or of one province) in one timeline."""
        if provincie is not None and provincie not in ctx.index.refs["provincies"]:
            raise ValueError(f"kb_tijdlijn: onbekende provincie '{provincie}'")
        return render_timeline(ctx.render, ctx.index, ctx.src, provincie)

    return {"kb_tijdlijn": kb_tijdlijn}

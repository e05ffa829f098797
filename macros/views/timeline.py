"""The timeline: every event in date order, as an ordered list with <time datetime>.

Fuzzy dates keep their precision ("najaar 2017" stays a season); ongoing items
("continu") are listed apart. Browser filters (province, year) are added by
assets/kennisbank.js from the data attributes; without JavaScript, and in print,
the whole list shows."""

from __future__ import annotations

from ..render import attr_escape, md_link


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
    return {"dated": dated, "ongoing": ongoing, "filterable": province is None, "show_province": province is None}


def render_timeline(ctx_render, index, src: str, province: str | None = None) -> str:
    return ctx_render("timeline.md.j2", **timeline_data(index, src, province))


def macros(ctx) -> dict:
    def kb_tijdlijn(provincie: str | None = None) -> str:
        """All events across provinces (or of one province) in one timeline."""
        if provincie is not None and provincie not in ctx.index.refs["provincies"]:
            raise ValueError(f"kb_tijdlijn: onbekende provincie '{provincie}'")
        return render_timeline(ctx.render, ctx.index, ctx.src, provincie)

    return {"kb_tijdlijn": kb_tijdlijn}

"""Pictures generated at build time as inline SVG: a tile map of the provinces and
a bar chart of gemeenten. Each has a legend that does not rely on colour alone
(codes and numbers are printed) and a table alternative."""

from __future__ import annotations

from ..render import attr_escape, md_escape, md_link, relative_url
from .tables import province_rows

TILE, GAP = 92, 6
# Fills chosen for at least 4.5:1 contrast with the tile text (white on dark, dark on light).
APPROACH_STYLE = {
    "sectoraal": ("#8a3b00", "#ffffff"),
    "programmatisch": ("#1f4e9c", "#ffffff"),
    "programmatisch-interbestuurlijk": ("#1d6b3a", "#ffffff"),
    None: ("#e6e6e6", "#1a1a1a"),
}
# A sequential scale for numbers of instruments: (upper bound, fill, text colour).
COUNT_SCALE = [(0, "#f2f2f2", "#1a1a1a"), (5, "#c6dbef", "#1a1a1a"), (10, "#6baed6", "#1a1a1a"),
               (20, "#2171b5", "#ffffff"), (10**9, "#08306b", "#ffffff")]


def _count_style(count: int) -> tuple[str, str, str]:
    lower = 0
    for upper, fill, text in COUNT_SCALE:
        if count <= upper:
            label = "0" if upper == 0 else (f"{lower}–{upper}" if upper < 10**9 else f"meer dan {lower - 1}")
            return fill, text, label
        lower = upper + 1
    raise AssertionError("unreachable")


def macros(ctx) -> dict:
    index = ctx.index

    def kb_kaart(kleur: str = "aanpak") -> str:
        """Schematic tile map of the twelve provinces, coloured by approach or by number of instruments."""
        if kleur not in ("aanpak", "instrumenten"):
            raise ValueError("kb_kaart: kleur moet 'aanpak' of 'instrumenten' zijn")
        tiles, legend, table = [], [], []
        for ref, page in province_rows(index):
            approach = page.item.aanpak if page else None
            count = len(index.of_type("instrument", ref.slug))
            if kleur == "aanpak":
                fill, text = APPROACH_STYLE[approach]
                code = index.reference_item("aanpakken", approach).code if approach else "–"
                meaning = index.reference_item("aanpakken", approach).naam if approach else "niet ingedeeld"
            else:
                fill, text, _ = _count_style(count)
                code, meaning = str(count), f"{count} instrumenten"
            tiles.append({
                "x": ref.kaart.kolom * (TILE + GAP), "y": ref.kaart.rij * (TILE + GAP),
                "fill": fill, "text": text, "code": code, "name": ref.naam,
                "short": ref.naam if len(ref.naam) <= 10 else ref.naam.replace("Noord-", "N-").replace("Zuid-", "Z-"),
                "href": attr_escape(relative_url(page.src_path, ctx.src)) if page else None,
                "label": f"{ref.naam}: {meaning}",
            })
            table.append((md_link(ref.naam, page.src_path, ctx.src) if page else md_escape(ref.naam),
                          meaning if kleur == "aanpak" else count))
        if kleur == "aanpak":
            for slug in [ref.slug for ref in index.reference["aanpakken"]] + [None]:
                fill, text = APPROACH_STYLE[slug]
                ref = index.reference_item("aanpakken", slug) if slug else None
                legend.append({"fill": fill, "text": text, "code": ref.code if ref else "–",
                               "label": ref.naam if ref else "niet ingedeeld in de bron"})
        else:
            for upper, fill, text in COUNT_SCALE:
                legend.append({"fill": fill, "text": text, "code": "", "label": _count_style(upper)[2] + " instrumenten"})
        columns = max(ref.kaart.kolom for ref in index.reference["provincies"]) + 1
        rows = max(ref.kaart.rij for ref in index.reference["provincies"]) + 1
        return ctx.render(
            "tile_map.md.j2", tiles=tiles, legend=legend, table=table, kleur=kleur, tile=TILE,
            width=columns * (TILE + GAP) - GAP, height=rows * (TILE + GAP) - GAP,
            title="Kaart: aanpak per provincie" if kleur == "aanpak" else "Kaart: aantal instrumenten per provincie",
        )

    def kb_gemeenten_grafiek() -> str:
        """Horizontal bar chart of the number of gemeenten per province (2022)."""
        refs = sorted(index.reference["provincies"], key=lambda ref: (-ref.gemeenten, ref.naam))
        top = max(ref.gemeenten for ref in refs)
        label_width, bar_width, row_height = 120, 360, 26
        bars = [{"y": position * row_height, "name": ref.naam, "value": ref.gemeenten,
                 "width": round(bar_width * ref.gemeenten / top, 1)} for position, ref in enumerate(refs)]
        table = [(md_link(ref.naam, page.src_path, ctx.src) if page else md_escape(ref.naam), ref.gemeenten)
                 for ref, page in sorted(province_rows(index), key=lambda pair: -pair[0].gemeenten)]
        return ctx.render("bar_chart.md.j2", bars=bars, table=table, label_width=label_width, bar_width=bar_width,
                          row_height=row_height, height=len(bars) * row_height,
                          total=sum(ref.gemeenten for ref in refs))

    return {"kb_kaart": kb_kaart, "kb_gemeenten_grafiek": kb_gemeenten_grafiek}

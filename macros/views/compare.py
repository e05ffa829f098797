"""Compare provinces side by side. The build writes one table with every province
as a column (complete without JavaScript and in print); assets/kennisbank.js lets
the reader choose provinces, keeps the choice and its order in the URL (?p=a,b)
and shows only those columns, in that order; on a phone they are stacked."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from ..labels import INZET_LABELS
from ..render import attr_escape, join_escaped, md_escape, md_link, relative_link
from .tables import herkomst_legend, is_editorial, marked_count, marked_value, province_rows

COMPARE_PAGE = "overzichten/vergelijk.md"


def macros(ctx) -> dict:
    index = ctx.index

    def kb_vergelijk() -> str:
        """All twelve provinces as columns of one comparison table."""
        columns, pages = [], []
        for ref, page in province_rows(index):
            columns.append({"slug": ref.slug, "name": ref.naam,
                            "link": md_link(ref.naam, page.src_path, ctx.src) if page else md_escape(ref.naam)})
            pages.append((ref, page))

        def row(label: str, values: list, group: bool = False) -> dict:
            return {"label": label, "group": group,
                    "cells": [v if v not in (None, "", []) else "–" for v in values]}

        def links(entries) -> str:
            return join_escaped((md_link(e.title, e.src_path, ctx.src) for e in entries), "; ") if entries else "–"

        rows = [
            row("Gemeenten (2022)", [ref.gemeenten for ref, _ in pages]),
            row("Beleidskader of programma", [page.item.beleidskader if page else None for _, page in pages]),
            row("Aanpak", [marked_value(index.reference_item("aanpakken", page.item.aanpak).naam, is_editorial(page, "aanpak"))
                           if page and page.item.aanpak else "niet ingedeeld" for _, page in pages]),
            row("Inzet (basis ↔ breed)", [marked_value(INZET_LABELS[page.item.inzet], is_editorial(page, "inzet"))
                                          if page and page.item.inzet else "niet geplaatst" for _, page in pages]),
            row("Programma's", [links([e for e in index.of_type("programma", ref.slug) if not e.item.hoofdprogramma])
                                for ref, _ in pages]),
        ]
        counts = {ref.slug: Counter(e.item.categorie for e in index.of_type("instrument", ref.slug)) for ref, _ in pages}
        # One group heading instead of "Instrumenten:" before every category.
        rows.append({"label": "Instrumenten per categorie", "group": True, "cells": ["" for _ in pages]})
        for category in index.reference["instrumentcategorieen"]:
            rows.append(row(category.naam, [
                marked_count(md_escape(counts[ref.slug][category.slug]),
                             [e for e in index.of_type("instrument", ref.slug) if e.item.categorie == category.slug], "categorie")
                for ref, _ in pages]))
        rows.append(row("Instrumenten totaal", [sum(counts[ref.slug].values()) for ref, _ in pages]))
        rows.append(row("Gebeurtenissen", [len(index.events(ref.slug)) for ref, _ in pages]))
        rows.append(row("Praktijkvoorbeelden", [links(index.of_type("praktijkvoorbeeld", ref.slug)) for ref, _ in pages]))
        slugs = attr_escape(" ".join(column["slug"] for column in columns))
        return ctx.render("compare.md.j2", columns=columns, rows=rows, slugs=slugs, legend=herkomst_legend())

    def kb_vergelijk_met() -> str:
        """On a province page: a link to the comparison with this province already chosen."""
        entry = index.by_src.get(ctx.src)
        if entry is None or entry.item.type != "provincie":
            raise ValueError("kb_vergelijk_met: alleen op de pagina van een provincie")
        province = entry.item.provincie
        # The slug is schema-checked ([a-z0-9-]), so it is safe in the query as it is.
        href = f"{relative_link(COMPARE_PAGE, ctx.src)}?p={province}"
        link = Markup(f"[Vergelijk {md_escape(entry.title)} met andere provincies]({href})")
        return ctx.render("compare_link.md.j2", link=link)

    return {"kb_vergelijk": kb_vergelijk, "kb_vergelijk_met": kb_vergelijk_met}

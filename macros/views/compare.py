"""Compare provinces side by side. The build writes one table with every province
as a column (complete without JavaScript); assets/kennisbank.js adds two pickers
that show just the two chosen columns, which fits a phone screen."""

from __future__ import annotations

from collections import Counter

from ..labels import INZET_LABELS
from ..render import attr_escape, join_escaped, md_escape, md_link
from .tables import herkomst_legend, is_editorial, marked_count, marked_value, province_rows


def macros(ctx) -> dict:
    index = ctx.index

    def kb_vergelijk() -> str:
        """All twelve provinces as columns of one comparison table."""
        columns, pages = [], []
        for ref, page in province_rows(index):
            columns.append({"slug": attr_escape(ref.slug), "name": ref.naam,
                            "link": md_link(ref.naam, page.src_path, ctx.src) if page else md_escape(ref.naam)})
            pages.append((ref, page))

        def row(label: str, values: list) -> dict:
            return {"label": label, "cells": [v if v not in (None, "", []) else "–" for v in values]}

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
        for category in index.reference["instrumentcategorieen"]:
            rows.append(row(f"Instrumenten: {category.naam}", [
                marked_count(md_escape(counts[ref.slug][category.slug]),
                             [e for e in index.of_type("instrument", ref.slug) if e.item.categorie == category.slug], "categorie")
                for ref, _ in pages]))
        rows.append(row("Instrumenten totaal", [sum(counts[ref.slug].values()) for ref, _ in pages]))
        rows.append(row("Gebeurtenissen", [len(index.events(ref.slug)) for ref, _ in pages]))
        rows.append(row("Praktijkvoorbeelden", [links(index.of_type("praktijkvoorbeeld", ref.slug)) for ref, _ in pages]))
        return ctx.render("compare.md.j2", columns=columns, rows=rows, legend=herkomst_legend())

    return {"kb_vergelijk": kb_vergelijk}

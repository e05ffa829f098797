"""Cross-province tables: the province overview, the instrument and task matrices, and instruments by role."""

from __future__ import annotations

from collections import Counter

from ..labels import INZET_LABELS
from ..render import md_escape, md_link


def province_rows(index) -> list:
    """Province reference entries with their page (if any), in the order of data/provincies.yml."""
    return [(ref, index.province_page(ref.slug)) for ref in index.reference["provincies"]]


SHADE_STEPS = (1, 2, 3, 5)  # a count of at least 1, 2, 3 or 5 gets shade 1, 2, 3 or 4


def shade(count: int) -> int:
    """A shade 0–4 for a matrix cell (0 for none). The template shows it as a CSS class
    next to the number, so colour is never the only cue."""
    return sum(1 for step in SHADE_STEPS if count >= step)


def category_counts(index, province: str) -> Counter:
    return Counter(entry.item.categorie for entry in index.of_type("instrument", province))


def macros(ctx) -> dict:
    index = ctx.index

    def name_link(ref, page, anchor=None):
        return md_link(ref.naam, page.src_path, ctx.src, anchor) if page else md_escape(ref.naam)

    def count_cell(count: int, ref, page, anchor: str, what: str):
        """A count that links to the matching section of the province page; '–' when zero."""
        if not count:
            return md_escape("–")
        if page is None:
            return md_escape(count)
        return md_link(count, page.src_path, ctx.src, anchor)

    def kb_provincie_overzicht() -> str:
        """The twelve provinces in one sortable table."""
        categories = index.reference["instrumentcategorieen"]
        rows = []
        for ref, page in province_rows(index):
            item = page.item if page else None
            counts = category_counts(index, ref.slug)
            rows.append({
                "name": name_link(ref, page),
                "gemeenten": ref.gemeenten,
                "kader": (item.beleidskader if item else None) or "–",
                "aanpak": index.reference_item("aanpakken", item.aanpak).naam if item and item.aanpak else "niet ingedeeld",
                "inzet": INZET_LABELS[item.inzet] if item and item.inzet else "niet geplaatst",
                "counts": [count_cell(counts[c.slug], ref, page, f"cat-{c.slug}", c.naam) for c in categories],
                "total": sum(counts.values()),
            })
        return ctx.render("province_overview.md.j2", categories=categories, rows=rows)

    def kb_instrument_matrix(as_: str = "categorie") -> str:
        """Province × the seven common categories (+ specials), or × the nine tasks."""
        if as_ not in ("categorie", "taak"):
            raise ValueError("kb_instrument_matrix: kies as_='categorie' of as_='taak'")
        columns = index.reference["instrumentcategorieen"] if as_ == "categorie" else index.reference["taken"]
        counted = []
        for ref, page in province_rows(index):
            instruments = index.of_type("instrument", ref.slug)
            if as_ == "categorie":
                counts = Counter(e.item.categorie for e in instruments)
            else:
                counts = Counter(task for e in instruments for task in e.item.taken)
            counted.append((ref, page, counts))
        rows = []
        for ref, page, counts in counted:
            if as_ == "categorie":
                cells = [{"content": count_cell(counts[c.slug], ref, page, f"cat-{c.slug}", c.naam),
                          "shade": shade(counts[c.slug])} for c in columns]
            else:
                cells = [{"content": md_escape(counts[c.slug] or "–"), "shade": shade(counts[c.slug])}
                         for c in columns]
            rows.append({"name": name_link(ref, page), "cells": cells})
        specials = []
        if as_ == "categorie":
            for ref, page in province_rows(index):
                links = [md_link(e.title, e.src_path, ctx.src) for e in index.where("instrument", "categorie", "special")
                         if ref.slug in e.provinces()]
                if links:
                    specials.append((name_link(ref, page), links))
        return ctx.render("matrix.md.j2", columns=columns, rows=rows, specials=specials, as_=as_)

    def kb_per_rol() -> str:
        """Instruments grouped by the four provincial roles."""
        groups = []
        for role in index.reference["rollen"]:
            rows = []
            for entry in index.where("instrument", "rollen", role.slug):
                rows.append((md_link(entry.title, entry.src_path, ctx.src),
                             ", ".join(index.reference_item("provincies", p).naam for p in entry.provinces()),
                             index.reference_item("instrumentcategorieen", entry.item.categorie).naam))
            groups.append({"role": role, "rows": rows})
        without = len([e for e in index.of_type("instrument") if not e.item.rollen])
        return ctx.render("by_role.md.j2", groups=groups, without=without)

    return {"kb_provincie_overzicht": kb_provincie_overzicht, "kb_instrument_matrix": kb_instrument_matrix, "kb_per_rol": kb_per_rol}

"""Cross-province tables: the province overview, the instrument and task matrices, and instruments by role."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from .. import provenance
from ..labels import INZET_LABELS
from ..render import md_escape, md_link

# The mark of an editorial value in overviews (legend: herkomst_legend); the hidden text is for screen readers.
EDITORIAL_MARK = Markup('<span class="kb-teken-redactie" title="indeling van de redactie">◇<span class="kb-sr"> (redactie)</span></span>')


def herkomst_legend() -> Markup:
    """One line under a table with marks; the checkbox itself is added by kennisbank-herkomst.js."""
    return Markup('<p class="kb-herkomst-legenda"><span class="kb-teken-redactie">◇</span> = indeling van de redactie, '
                  'niet van de bron. Zonder teken: de bron zegt het zelf.</p>')


def marked_value(text, editorial: bool) -> Markup:
    """A classified value; an editorial one is marked and hidden by 'Alleen waarden uit de bron'."""
    if not editorial:
        return md_escape(text) if not isinstance(text, Markup) else text
    return Markup('<span class="kb-redactie-waarde">') + md_escape(text) + EDITORIAL_MARK + Markup("</span>")


def marked_count(cell, entries: list, field_name: str) -> Markup:
    """A count cell: all values (marked when any is editorial) and, for the filter, the sourced count."""
    sourced = sum(1 for e in entries if (claim := provenance.claim_for(e, field_name)) is not None and claim.sourced)
    if not entries or sourced == len(entries):
        return cell
    return (Markup('<span class="kb-telling-alle">') + cell + EDITORIAL_MARK + Markup("</span>")
            + Markup('<span class="kb-telling-bron">') + md_escape(sourced or "–") + Markup("</span>"))


def is_editorial(entry, field_name: str) -> bool:
    claim = provenance.claim_for(entry, field_name)
    return claim is not None and not claim.sourced


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
            instruments = index.of_type("instrument", ref.slug)
            rows.append({
                "name": name_link(ref, page),
                "gemeenten": ref.gemeenten,
                "kader": (item.beleidskader if item else None) or "–",
                "aanpak": marked_value(index.reference_item("aanpakken", item.aanpak).naam, is_editorial(page, "aanpak"))
                          if item and item.aanpak else "niet ingedeeld",
                "inzet": marked_value(INZET_LABELS[item.inzet], is_editorial(page, "inzet")) if item and item.inzet else "niet geplaatst",
                "counts": [marked_count(count_cell(counts[c.slug], ref, page, f"cat-{c.slug}", c.naam),
                                        [e for e in instruments if e.item.categorie == c.slug], "categorie") for c in categories],
                "total": sum(counts.values()),
            })
        return ctx.render("province_overview.md.j2", categories=categories, rows=rows, legend=herkomst_legend())

    def kb_instrument_matrix(as_: str = "categorie") -> str:
        """Province × the seven common categories (+ specials), or × the nine tasks."""
        if as_ not in ("categorie", "taak"):
            raise ValueError("kb_instrument_matrix: kies as_='categorie' of as_='taak'")
        columns = index.reference["instrumentcategorieen"] if as_ == "categorie" else index.reference["taken"]
        rows = []
        for ref, page in province_rows(index):
            instruments = index.of_type("instrument", ref.slug)
            if as_ == "categorie":
                counts = Counter(e.item.categorie for e in instruments)
                cells = [{"content": marked_count(count_cell(counts[c.slug], ref, page, f"cat-{c.slug}", c.naam),
                                                  [e for e in instruments if e.item.categorie == c.slug], "categorie"),
                          "shade": shade(counts[c.slug])} for c in columns]
            else:
                counts = Counter(task for e in instruments for task in e.item.taken)
                cells = [{"content": marked_count(md_escape(counts[c.slug] or "–"), [e for e in instruments if c.slug in e.item.taken], "taken"),
                          "shade": shade(counts[c.slug])} for c in columns]
            rows.append({"name": name_link(ref, page), "cells": cells})
        specials = []
        if as_ == "categorie":
            for ref, page in province_rows(index):
                links = [md_link(e.title, e.src_path, ctx.src) + (EDITORIAL_MARK if is_editorial(e, "categorie") else Markup(""))
                         for e in index.where("instrument", "categorie", "special") if ref.slug in e.provinces()]
                if links:
                    specials.append((name_link(ref, page), links))
        return ctx.render("matrix.md.j2", columns=columns, rows=rows, specials=specials, as_=as_, legend=herkomst_legend())

    def kb_per_rol() -> str:
        """Instruments grouped by the four provincial roles."""
        groups = []
        for role in index.reference["rollen"]:
            rows = []
            for entry in index.where("instrument", "rollen", role.slug):
                claim = provenance.claim_for(entry, "rollen")
                source = index.get(claim.source) if claim.sourced and claim.source else None
                origin = (Markup("bron: ") + md_link(source.title, source.src_path, ctx.src)
                          + md_escape(f", {claim.locator}" if claim.locator else "")) if source else (
                    Markup('<span class="kb-rij-redactie">') + marked_value("redactie", True) + Markup("</span>"))
                rows.append((md_link(entry.title, entry.src_path, ctx.src),
                             ", ".join(index.reference_item("provincies", p).naam for p in entry.provinces()),
                             index.reference_item("instrumentcategorieen", entry.item.categorie).naam, origin))
            groups.append({"role": role, "rows": rows})
        without = len([e for e in index.of_type("instrument") if not e.item.rollen])
        return ctx.render("by_role.md.j2", groups=groups, without=without, legend=herkomst_legend())

    return {"kb_provincie_overzicht": kb_provincie_overzicht, "kb_instrument_matrix": kb_instrument_matrix, "kb_per_rol": kb_per_rol}

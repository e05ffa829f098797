"""Page layout for content pages: heading and facts panel on top; related items,
sources and review date below. Python gathers plain data; templates render it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .index import Entry, Index, build_date
from .labels import INZET_LABELS, STATUS_LABELS, TYPE_LABELS
from .render import attr_escape, md_escape, md_link
from .views.timeline import render_timeline

RELATED_LIMIT = 12


@dataclass(frozen=True)
class Fact:
    label: str
    values: list[Markup]


def link_to(index: Index, slug: str, from_src: str) -> Markup:
    entry = index.get(slug)
    return md_link(entry.title, entry.src_path, from_src) if entry else md_escape(slug)


def province_link(index: Index, province: str, from_src: str) -> Markup:
    page = index.province_page(province)
    name = index.reference_item("provincies", province).naam
    return md_link(name, page.src_path, from_src) if page else md_escape(name)


def reference_name(index: Index, list_name: str, slug: str) -> Markup:
    return md_escape(index.reference_item(list_name, slug).naam)


def facts_for(index: Index, entry: Entry) -> list[Fact]:
    """The key facts of a page, in reading order, with links resolved."""
    item, src = entry.item, entry.src_path
    facts: list[Fact] = []

    def add(label: str, values: list[Any]) -> None:
        values = [value if isinstance(value, Markup) else md_escape(value) for value in values if value not in (None, "")]
        if values:
            facts.append(Fact(label, values))

    provinces = entry.provinces()
    if entry.type == "provincie":
        province = index.reference_item("provincies", item.provincie)
        add("Aantal gemeenten (2022)", [province.gemeenten])
        add("Beleidskader of programma", [item.beleidskader])
        add("Aanpak", [reference_name(index, "aanpakken", item.aanpak)] if item.aanpak else ["niet ingedeeld in de bron"])
        add("Inzet (basis ↔ breed)", [INZET_LABELS[item.inzet]] if item.inzet else ["niet geplaatst in de bron"])
    else:
        add("Provincie" if len(provinces) == 1 else "Provincies", [province_link(index, p, src) for p in provinces])
    if entry.type == "programma":
        add("Eigenaar", [item.eigenaar])
        add("Periode", [item.periode.label() if item.periode else None])
        add("Onderdeel van", [link_to(index, item.hoofdprogramma, src)] if item.hoofdprogramma else [])
        add("Aanpak", [reference_name(index, "aanpakken", item.aanpak)] if item.aanpak else [])
        add("Taken", [reference_name(index, "taken", t) for t in item.taken])
    if entry.type == "instrument":
        add("Categorie", [reference_name(index, "instrumentcategorieen", item.categorie)])
        add("Rol van de provincie", [reference_name(index, "rollen", r) for r in item.rollen])
        add("Taken", [reference_name(index, "taken", t) for t in item.taken])
        add("Status", [STATUS_LABELS[item.status]])
        add("Programma", [link_to(index, item.programma, src)] if item.programma else [])
        add("Periode", [item.periode.label() if item.periode else None])
        add("Bedrag of kosten", [item.bedrag])
        add("Partners", list(item.partners))
    if entry.type == "gebeurtenis":
        add("Datum", [item.datum.label()])
        add("Zo staat het in de bron", [item.datum_bron])
        add("Soort", [item.soort])
        add("Plaats", [item.plaats])
        add("Deelnemers", [item.deelnemers])
        add("Programma", [link_to(index, item.programma, src)] if item.programma else [])
        add("Instrument", [link_to(index, item.instrument, src)] if item.instrument else [])
    if entry.type == "ingredient":
        add("Soort", ["hoofdingrediënt" if item.soort == "hoofdingredient" else "kort ingrediënt"])
        add("Uit", [link_to(index, item.gebeurtenis, src)])
    if entry.type == "praktijkvoorbeeld":
        add("Gemeenten", list(item.gemeenten))
        add("Periode", [item.periode.label() if item.periode else None])
        add("Programma", [link_to(index, item.programma, src)] if item.programma else [])
        add("Instrumenten", [link_to(index, slug, src) for slug in item.instrumenten])
    if entry.type == "bron":
        add("Uitgever", [item.uitgever])
        add("Datum", [item.datum.label() if item.datum else "niet vermeld in het document"])
        add("Soort document", [item.soort])
        add("Kenmerk", [item.kenmerk])
    if entry.type == "begrip":
        add("Afkorting", [item.afkorting])
        add("Ook wel", list(item.synoniemen))
    return facts


def page_header(index: Index, templates, src_path: str) -> str:
    entry = index.by_src.get(src_path)
    if entry is None:
        return ""
    return templates.get_template("page_header.md.j2").render(
        entry=entry, type_label=TYPE_LABELS[entry.type], facts=facts_for(index, entry),
    )


def related_sections(index: Index, entry: Entry, templates) -> list[dict]:
    """Sections of linked items that belong to this page, all derived from the index."""
    src, slug, sections = entry.src_path, entry.slug, []

    def links(entries: list[Entry]) -> list[Markup]:
        return [md_link(other.title, other.src_path, src) for other in entries if other.slug != slug]

    def section(title: str, entries: list[Entry], anchor: str | None = None, subsections=None, body=None, more=None) -> None:
        found = links(entries)
        if found or subsections or body:
            sections.append({"title": title, "anchor": anchor, "links": found, "subsections": subsections or [],
                             "body": body, "more": more})

    def capped(title: str, entries: list[Entry], overview_src: str, overview_anchor: str, overview_title: str) -> None:
        """Related lists stay short on every page; the rest is one click away in the overview."""
        shown = entries[:RELATED_LIMIT]
        rest = len(entries) - len(shown)
        more = (rest, md_link(overview_title, overview_src, src, overview_anchor)) if rest > 0 else None
        section(title, shown, more=more)

    if entry.type == "provincie":
        province = entry.item.provincie
        section("Programma's en beleidskaders", index.of_type("programma", province), "programmas")
        instruments = index.of_type("instrument", province)
        by_category = [
            {"title": category.naam, "anchor": f"cat-{category.slug}",
             "links": links([e for e in instruments if e.item.categorie == category.slug])}
            for category in index.reference["instrumentcategorieen"]
        ]
        section("Instrumenten per categorie", [], "instrumenten", [group for group in by_category if group["links"]])
        if index.events(province):
            render = lambda name, **data: templates.get_template(name).render(**data)  # noqa: E731
            section("Tijdlijn", [], "tijdlijn", body=Markup(render_timeline(render, index, src, province)))
        section("Praktijkvoorbeelden", index.of_type("praktijkvoorbeeld", province), "praktijkvoorbeelden")
    elif entry.type == "programma":
        section("Onderdelen van dit programma", index.where("programma", "hoofdprogramma", slug))
        section("Instrumenten in dit programma", index.where("instrument", "programma", slug))
        section("Gebeurtenissen", index.where("gebeurtenis", "programma", slug))
        section("Praktijkvoorbeelden", index.where("praktijkvoorbeeld", "programma", slug))
    elif entry.type == "instrument":
        section("Gebeurtenissen", index.where("gebeurtenis", "instrument", slug))
        section("Praktijkvoorbeelden", index.where("praktijkvoorbeeld", "instrumenten", slug))
        own = set(entry.provinces())
        same_category = [] if entry.item.categorie == "special" else [
            o for o in index.where("instrument", "categorie", entry.item.categorie) if not own & set(o.provinces())]
        capped("Vergelijkbare instrumenten in andere provincies", same_category,
               "kader/instrumentcategorieen.md", entry.item.categorie, "Instrumentcategorieën")
        listed = {o.slug for o in same_category}
        same_task = {o.slug: o for task in entry.item.taken for o in index.where("instrument", "taken", task)
                     if not own & set(o.provinces()) and o.slug not in listed}
        first_task = entry.item.taken[0] if entry.item.taken else "bestuurskracht"
        capped("Instrumenten voor dezelfde taak in andere provincies", sorted(same_task.values(), key=lambda o: o.sort_key),
               "kader/taken.md", first_task, "De negen provinciale taken")
    elif entry.type == "gebeurtenis":
        if entry.item.citaten:
            quotes = templates.get_template("quotes.md.j2").render(quotes=entry.item.citaten)
            section("Uitspraken", [], "uitspraken", body=Markup(quotes))
        section("Ingrediënten uit deze bijeenkomst",
                sorted(index.where("ingredient", "gebeurtenis", slug), key=lambda e: e.item.volgorde))
    elif entry.type == "bron":
        section("Pagina's die deze bron gebruiken", index.citing(slug))
    return sections


def abbreviation_definitions(index: Index, templates, text: str) -> str:
    """Definitions (`*[IBT]: …`) for the glossary abbreviations this page's text uses.

    Only the used ones: the abbr extension works through every definition on every page."""
    terms, pattern = index.abbreviations()
    used = set(pattern.findall(text)) if pattern else set()
    # The model restricts abbreviations to letters, digits, dots, dashes and spaces: safe as they are.
    glossary = sorted((Markup(short), attr_escape(terms[short])) for short in used)
    return templates.get_template("abbreviations.md.j2").render(glossary=glossary)


def page_footer(index: Index, templates, src_path: str) -> str:
    """Related items, sources and review date of a content page (nothing for other pages)."""
    entry = index.by_src.get(src_path)
    if entry is None:
        return ""
    sources = [index.get(slug) for slug in entry.item.bronnen]
    return templates.get_template("page_footer.md.j2").render(
        entry=entry,
        sections=related_sections(index, entry, templates),
        sources=[md_link(source.title, source.src_path, src_path) for source in sources],
        checked=entry.item.laatst_gecontroleerd,
        overdue=index.review_due(entry) < build_date(),
    )

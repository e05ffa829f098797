"""Page layout for content pages: the facts panel under the heading; related items,
sources and review date below. Python gathers plain data; templates render it.

The heading (`# Titel`) stays Markdown, so MkDocs takes the page title and the table of
contents from it as for any page. Everything else is rendered straight to HTML
(`render_page_chrome`) and put into the page after Python-Markdown has converted the
body: converting the same generated Markdown on every page was most of the cost of our
layer. Links are relative URLs (as `render.relative_url` makes them) because MkDocs neither rewrites
nor checks hrefs in HTML at that stage; they come from the index, so they resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown.extensions.toc import slugify, unique
from markupsafe import Markup, escape

from . import provenance
from .index import Entry, Index, build_date
from .labels import INZET_LABELS, STATUS_LABELS, TYPE_LABELS
from .render import TEMPLATE_DIR, attr_escape, md_escape, page_url

RELATED_LIMIT = 12
# Categories that group unlike instruments ("special": four different kinds; "overig": the rest),
# so sharing one says nothing: such a page lists no "comparable instruments".
MIXED_CATEGORIES = frozenset({"special", "overig"})


# -- HTML rendering helpers ----------------------------------------------------

def html_environment(directory: Path = TEMPLATE_DIR) -> Environment:
    """Jinja environment for our `.html.j2` templates: autoescaped, undefined is an error."""
    return Environment(
        loader=FileSystemLoader(directory),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


# Stateless (templates only, no content), so one environment serves every build.
HTML_TEMPLATES = html_environment()


@dataclass(frozen=True)
class Link:
    """A link that renders itself in an autoescaping template (markupsafe's `__html__`):
    the href is escaped here, the text is already safe markup."""

    href: str
    text: Markup

    def __html__(self) -> str:
        return Markup(f'<a href="{escape(self.href)}">{self.text}</a>')


def abbreviation_pattern(index: Index) -> tuple[dict[str, str], re.Pattern | None]:
    """The glossary's abbreviations and the pattern Python-Markdown's abbr extension uses
    for them (whole words at `\\b`, longest first), computed once per index."""
    if "_abbr_markdown" not in index._groups:
        terms, _ = index.abbreviations()
        words = sorted(terms, key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b") if words else None
        index._groups["_abbr_markdown"] = (terms, pattern)
    return index._groups["_abbr_markdown"]


class Abbreviator:
    """Wraps the glossary's abbreviations in `<abbr title>` in text we render as HTML,
    as the abbr extension does in the Markdown body."""

    def __init__(self, index: Index) -> None:
        self.terms, self.pattern = abbreviation_pattern(index)

    def __call__(self, value: Any) -> Markup:
        if isinstance(value, Markup):
            return value
        text = " ".join(str(value).split())
        if self.pattern is None or not self.pattern.search(text):
            return escape(text)
        parts, last = [], 0
        for match in self.pattern.finditer(text):
            short = match.group(0)
            parts.append(f'{escape(text[last:match.start()])}<abbr title="{escape(self.terms[short])}">{escape(short)}</abbr>')
            last = match.end()
        parts.append(str(escape(text[last:])))
        return Markup("".join(parts))


@dataclass
class Chrome:
    """What one content page gets around its body: HTML and the headings for the TOC."""

    facts_html: str
    footer_html: str
    headings: list[dict] = field(default_factory=list)


# -- facts panel -----------------------------------------------------------------

@dataclass(frozen=True)
class Mark:
    """Where a classified value comes from, as the facts panel shows it."""

    sourced: bool
    source: Link | None = None  # the source page, or the page's own source list
    locator: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class Fact:
    label: str
    values: list[Any]  # Link or Markup
    mark: Mark | None = None


# Where the facts panel's legend sends readers for the difference between source and editors.
PROVENANCE_EXPLANATION = ("kader/index.md", "bron-of-redactie")


def provenance_mark(index: Index, entry: Entry, field_name: str, link: "_Linker") -> Mark | None:
    claim = provenance.claim_for(entry, field_name)
    if claim is None:
        return None
    if not claim.sourced:
        return Mark(False, reason=claim.reason)
    # Without a named source, the page's only source is the source; with several, the list below.
    named = claim.source or (entry.item.bronnen[0] if len(entry.item.bronnen) == 1 else None)
    source = index.get(named) if named else None
    if source is None:
        return Mark(True, Link("#bronnen-van-deze-pagina", Markup("de bronnen van deze pagina")))
    return Mark(True, link.to(short_source_title(source), source.src_path), claim.locator)


def short_source_title(source: Entry) -> str:
    """'Notitie Noord-Holland (2022)' for 'Notitie Noord-Holland: beleidsperspectieven … (2022)':
    the part before the colon and the year, so the facts panel stays readable."""
    name = source.title.split(":", 1)[0].strip()
    year = source.item.datum.year() if getattr(source.item, "datum", None) else None
    return f"{name} ({year})" if year and str(year) not in name else name


def relative_href(target_src: str, from_src: str) -> str:
    """`render.relative_url` (the reference, tested against it) without `posixpath.relpath`,
    whose `abspath`/`getcwd` calls were a tenth of the layout's time on large sites."""
    target = [part for part in page_url(target_src).split("/") if part]
    base = [part for part in page_url(from_src).split("/") if part]
    common = 0
    while common < len(target) and common < len(base) and target[common] == base[common]:
        common += 1
    parts = [".."] * (len(base) - common) + target[common:]
    return "/".join(parts) + "/" if parts else "./"


class _Linker:
    """Links from one page."""

    def __init__(self, index: Index, from_src: str) -> None:
        self.index, self.from_src, self.abbr = index, from_src, Abbreviator(index)

    def to(self, text: Any, target_src: str, anchor: str | None = None) -> Link:
        href = relative_href(target_src, self.from_src) + (f"#{anchor}" if anchor else "")
        return Link(href, self.abbr(text))

    def entry(self, entry: Entry) -> Link:
        return self.to(entry.title, entry.src_path)

    def slug(self, slug: str) -> Link | Markup:
        entry = self.index.get(slug)
        return self.entry(entry) if entry else self.abbr(slug)

    def province(self, province: str) -> Link | Markup:
        page = self.index.province_page(province)
        name = self.index.reference_item("provincies", province).naam
        return self.to(name, page.src_path) if page else self.abbr(name)

    def reference(self, list_name: str, slug: str) -> Markup:
        return self.abbr(self.index.reference_item(list_name, slug).naam)


def facts_for(index: Index, entry: Entry, link: _Linker | None = None) -> list[Fact]:
    """The key facts of a page, in reading order, with links resolved."""
    item = entry.item
    link = link or _Linker(index, entry.src_path)
    facts: list[Fact] = []

    def add(label: str, values: list[Any], field_name: str | None = None) -> None:
        values = [value if isinstance(value, (Link, Markup)) else link.abbr(value)
                  for value in values if value not in (None, "")]
        if values:
            mark = provenance_mark(index, entry, field_name, link) if field_name else None
            facts.append(Fact(label, values, mark))

    provinces = entry.provinces()
    if entry.type == "provincie":
        province = index.reference_item("provincies", item.provincie)
        add("Aantal gemeenten (2022)", [province.gemeenten])
        add("Beleidskader of programma", [item.beleidskader])
        add("Aanpak", [link.reference("aanpakken", item.aanpak)] if item.aanpak else ["niet ingedeeld in de bron"], "aanpak")
        add("Inzet (basis ↔ breed)", [INZET_LABELS[item.inzet]] if item.inzet else ["niet geplaatst in de bron"], "inzet")
    else:
        add("Provincie" if len(provinces) == 1 else "Provincies", [link.province(p) for p in provinces])
    if entry.type == "programma":
        add("Eigenaar", [item.eigenaar])
        add("Periode", [item.periode.label() if item.periode else None], "periode")
        add("Onderdeel van", [link.slug(item.hoofdprogramma)] if item.hoofdprogramma else [])
        add("Aanpak", [link.reference("aanpakken", item.aanpak)] if item.aanpak else [], "aanpak")
        add("Taken", [link.reference("taken", t) for t in item.taken], "taken")
    if entry.type == "instrument":
        add("Categorie", [link.reference("instrumentcategorieen", item.categorie)], "categorie")
        add("Rol van de provincie", [link.reference("rollen", r) for r in item.rollen], "rollen")
        add("Taken", [link.reference("taken", t) for t in item.taken], "taken")
        add("Status", [STATUS_LABELS[item.status]], "status")
        add("Programma", [link.slug(item.programma)] if item.programma else [])
        add("Periode", [item.periode.label() if item.periode else None], "periode")
        add("Bedrag of kosten", [item.bedrag])
        add("Partners", list(item.partners))
    if entry.type == "gebeurtenis":
        add("Datum", [item.datum.label()], "datum")
        if item.gepland_volgens:
            add("Stand", [planned_text(index, item.gepland_volgens, link)])
        add("Zo staat het in de bron", [item.datum_bron])
        add("Soort", [item.soort], "soort")
        add("Plaats", [item.plaats])
        add("Deelnemers", [item.deelnemers])
        add("Programma", [link.slug(item.programma)] if item.programma else [])
        add("Instrument", [link.slug(item.instrument)] if item.instrument else [])
    if entry.type == "ingredient":
        add("Soort", ["hoofdingrediënt" if item.soort == "hoofdingredient" else "kort ingrediënt"], "soort")
        add("Uit", [link.slug(item.gebeurtenis)])
    if entry.type == "praktijkvoorbeeld":
        add("Gemeenten", list(item.gemeenten))
        add("Periode", [item.periode.label() if item.periode else None], "periode")
        add("Programma", [link.slug(item.programma)] if item.programma else [])
        add("Instrumenten", [link.slug(slug) for slug in item.instrumenten])
    if entry.type == "bron":
        add("Uitgever", [item.uitgever])
        add("Datum", [item.datum.label() if item.datum else "niet vermeld in het document"])
        add("Soort document", [item.soort])
        add("Kenmerk", [item.kenmerk])
        original = _original(item)
        add("Origineel", [Markup(f"{escape(original['url_text'])} {original['url'].__html__()}") if original["url"]
                          else "staat niet online"])
    if entry.type == "begrip":
        add("Afkorting", [item.afkorting])
        add("Ook wel", list(item.synoniemen))
    return facts


def planned_text(index: Index, source_slug: str, link: "_Linker") -> Markup:
    """'gepland volgens <bron> (<datum van de bron>)': a plan as of that source, not a report."""
    source = index.get(source_slug)
    when = f" ({source.item.datum.label()})" if source.item.datum else ""
    return Markup("gepland volgens ") + Markup(link.entry(source).__html__()) + escape(when)


def page_heading(index: Index, src_path: str) -> str:
    """The page's `# Titel` line (Markdown, so MkDocs takes title and TOC from it)."""
    entry = index.by_src.get(src_path)
    if entry is None:
        return ""
    title = md_escape(entry.title)
    if entry.type == "begrip" and entry.item.afkorting:
        title += Markup(" (") + md_escape(entry.item.afkorting) + Markup(")")
    if entry.type == "begrip":
        # A search for a term finds its definition first (Pagefind weighs an h1 7 by default).
        return f"# {title} {{: data-pagefind-weight=\"10\" }}\n\n"
    return f"# {title}\n\n"


# -- related lists ------------------------------------------------------------------

def dated_items_of(index: Index, province: str) -> list:
    from .views.timeline import dated_items

    return dated_items(index, province)


def _timeline_rows(index: Index, link: _Linker, province: str) -> dict:
    """The province's events for the timeline in the footer (same order and classes as
    `kb_tijdlijn`; the view's data with HTML links instead of Markdown ones)."""
    from .views.timeline import dated_items

    dated, ongoing = [], []
    for entry, datum in dated_items(index, province):
        row = {
            "link": link.entry(entry),
            "label": datum.label(),
            "datetime": datum.datetime_attr() or "",
            "precision": datum.precision,
            "province_slugs": " ".join(entry.provinces()),
            "years": " ".join(str(year) for year in datum.years()),
            "summary": link.abbr(entry.item.samenvatting),
            "kind": entry.item.soort if entry.type == "gebeurtenis" else "praktijkvoorbeeld",
            "type_label": TYPE_LABELS[entry.type],
            "planned": planned_text(index, entry.item.gepland_volgens, link) if getattr(entry.item, "gepland_volgens", None) else None,
        }
        (ongoing if datum.ongoing else dated).append(row)
    return {"dated": dated, "ongoing": ongoing}


class _RelatedInstruments:
    """Instruments per category and per task as sets of slugs, computed once per index, so
    an instrument page finds "the same elsewhere" with set operations instead of a scan
    of every instrument (which made the build quadratic in the number of instruments)."""

    def __init__(self, index: Index) -> None:
        instruments = sorted(index.by_type.get("instrument", []), key=lambda e: e.sort_key)
        self.by_slug = {e.slug: e for e in instruments}
        self.rank = {e.slug: number for number, e in enumerate(instruments)}
        self.provinces = {e.slug: frozenset(e.provinces()) for e in instruments}
        groups: dict[str, dict[str, set[str]]] = {"category": {}, "task": {}}
        by_province: dict[tuple[str, str, str], set[str]] = {}
        for e in instruments:
            for kind, keys in (("category", [e.item.categorie]), ("task", e.item.taken)):
                for key in keys:
                    groups[kind].setdefault(key, set()).add(e.slug)
                    for province in self.provinces[e.slug]:
                        by_province.setdefault((kind, key, province), set()).add(e.slug)
        self.category = {key: frozenset(slugs) for key, slugs in groups["category"].items()}
        self.task = {key: frozenset(slugs) for key, slugs in groups["task"].items()}
        self._by_province = {key: frozenset(slugs) for key, slugs in by_province.items()}

    def in_provinces(self, kind: str, key: str, provinces: frozenset[str]) -> frozenset[str]:
        return frozenset().union(*(self._by_province.get((kind, key, p), frozenset()) for p in provinces))

    def ordered(self, slugs: frozenset[str]) -> tuple[list[Entry], int]:
        """The first RELATED_LIMIT in title order, and how many there are."""
        first = sorted(slugs, key=self.rank.__getitem__)[:RELATED_LIMIT]
        return [self.by_slug[slug] for slug in first], len(slugs)


def _related_instruments(index: Index) -> _RelatedInstruments:
    if "_related_instruments" not in index._groups:
        index._groups["_related_instruments"] = _RelatedInstruments(index)
    return index._groups["_related_instruments"]


def related_sections(index: Index, entry: Entry, link: _Linker | None = None) -> list[dict]:
    """Sections of linked items that belong to this page, all derived from the index."""
    slug, sections = entry.slug, []
    link = link or _Linker(index, entry.src_path)

    def links(entries: list[Entry]) -> list[Link]:
        return [link.entry(other) for other in entries if other.slug != slug]

    def section(title: str, entries: list[Entry], anchor: str | None = None, subsections=None, more=None, **body) -> None:
        found = links(entries)
        if found or subsections or body:
            sections.append({"title": title, "anchor": anchor, "links": found, "subsections": subsections or [],
                             "more": more, **body})

    def capped(title: str, entries: tuple[list[Entry], int], overview_src: str, overview_anchor: str,
               overview_title: str) -> None:
        """Related lists stay short on every page; the rest is one click away in the overview."""
        shown, total = entries
        rest = total - len(shown)
        more = (rest, link.to(overview_title, overview_src, overview_anchor)) if rest > 0 else None
        section(title, shown, more=more)

    if entry.type == "provincie":
        province = entry.item.provincie
        section("Programma's en beleidskaders", index.of_type("programma", province), "programmas")
        instruments = index.of_type("instrument", province)
        by_category = [
            {"title": link.abbr(category.naam), "anchor": f"cat-{category.slug}",
             "links": links([e for e in instruments if e.item.categorie == category.slug])}
            for category in index.reference["instrumentcategorieen"]
        ]
        section("Instrumenten per categorie", [], "instrumenten", [group for group in by_category if group["links"]])
        if dated_items_of(index, province):
            section("Tijdlijn", [], "tijdlijn", timeline=_timeline_rows(index, link, province))
        section("Praktijkvoorbeelden", index.of_type("praktijkvoorbeeld", province), "praktijkvoorbeelden")
    elif entry.type == "programma":
        section("Onderdelen van dit programma", index.where("programma", "hoofdprogramma", slug))
        section("Instrumenten in dit programma", index.where("instrument", "programma", slug))
        section("Gebeurtenissen", index.where("gebeurtenis", "programma", slug))
        section("Praktijkvoorbeelden", index.where("praktijkvoorbeeld", "programma", slug))
    elif entry.type == "instrument":
        section("Gebeurtenissen", index.where("gebeurtenis", "instrument", slug))
        section("Praktijkvoorbeelden", index.where("praktijkvoorbeeld", "instrumenten", slug))
        related = _related_instruments(index)
        own = related.provinces[slug]
        if entry.item.categorie in MIXED_CATEGORIES:
            same_category: frozenset[str] = frozenset()
        else:
            same_category = related.category[entry.item.categorie] - related.in_provinces("category", entry.item.categorie, own)
        capped("Vergelijkbare instrumenten in andere provincies", related.ordered(same_category),
               "kader/instrumentcategorieen.md", entry.item.categorie, "Instrumentcategorieën")
        same_task = frozenset().union(*(related.task[task] - related.in_provinces("task", task, own)
                                        for task in entry.item.taken)) - same_category
        first_task = entry.item.taken[0] if entry.item.taken else "bestuurskracht"
        capped("Instrumenten voor dezelfde taak in andere provincies", related.ordered(same_task),
               "kader/taken.md", first_task, "De negen provinciale taken")
    elif entry.type == "gebeurtenis":
        if entry.item.citaten:
            quotes = [{"text": link.abbr(q.tekst), "speaker": link.abbr(f"{q.spreker}, {q.functie}")}
                      for q in entry.item.citaten]
            section("Uitspraken", [], "uitspraken", quotes=quotes)
        section("Ingrediënten uit deze bijeenkomst",
                sorted(index.where("ingredient", "gebeurtenis", slug), key=lambda e: e.item.volgorde))
    elif entry.type == "bron":
        section("Het origineel", [], "origineel", original=_original(entry.item))
        citing = [e for e in index.citing(slug) if e.slug != slug]
        groups = {}
        for other in citing:
            groups.setdefault(other.type, []).append(other)
        by_type = [{"title": f"{TYPE_PLURALS[type_name]} ({len(group)})", "anchor": f"gebruikt-{type_name}", "links": links(group)}
                   for type_name, group in sorted(groups.items(), key=lambda pair: TYPE_ORDER.index(pair[0]))]
        section(f"Pagina's die deze bron gebruiken ({len(citing)})", [], "gebruikt-door", by_type)
    return sections


TYPE_ORDER = ["provincie", "programma", "instrument", "gebeurtenis", "praktijkvoorbeeld", "ingredient", "begrip", "bron"]
TYPE_PLURALS = {"provincie": "Provincies", "programma": "Programma's", "instrument": "Instrumenten",
                "gebeurtenis": "Gebeurtenissen", "ingredient": "Ingrediënten", "praktijkvoorbeeld": "Praktijkvoorbeelden",
                "bron": "Bronnen", "begrip": "Begrippen"}
URL_TEXTS = {
    "document": "Het document staat online:",
    "deel": "Een deel van het document staat online:",
    "uitgever": "Het document zelf staat niet online. Website van de uitgever:",
    "onderwerp": "Het document zelf staat niet online. Meer over het onderwerp:",
}


def _original(item) -> dict:
    """What the source document is and where a reader finds it (only addresses the documents give)."""
    what = f"{item.soort[0].upper()}{item.soort[1:]} van {item.uitgever}"
    what += f", {item.datum.label()}" if item.datum else ", zonder datum"
    what += f", kenmerk {item.kenmerk}" if item.kenmerk else ""
    url = str(item.url) if item.url else None
    return {
        "what": what + ".",
        "url_text": URL_TEXTS.get(item.url_betreft or "", "") if url else "",
        "url": Link(url, escape(url)) if url else None,
        "file": item.bestand,
    }


# -- abbreviations in the Markdown body ------------------------------------------------

def abbreviation_definitions(index: Index, templates, text: str) -> str:
    """Definitions (`*[IBT]: …`) for the glossary abbreviations this page's Markdown uses.

    Only the used ones (the abbr extension works through every definition on every
    page), and nothing at all when none is used."""
    terms, pattern = abbreviation_pattern(index)
    used = set(pattern.findall(text)) if pattern else set()
    if not used:
        return ""
    # The model restricts abbreviations to letters, digits, dots, dashes and spaces: safe as they are.
    glossary = sorted((Markup(short), attr_escape(terms[short])) for short in used)
    return templates.get_template("abbreviations.md.j2").render(glossary=glossary)


# -- the whole chrome ---------------------------------------------------------------------

def _heading_ids(sections: list[dict], used_ids: set[str]) -> None:
    """Give every footer heading the id Python-Markdown's toc extension would give it."""
    for section in sections:
        section["id"] = section["anchor"] or unique(slugify(str(section["title"]), "-"), used_ids)
        used_ids.add(section["id"])
        for sub in section["subsections"]:
            sub["id"] = sub["anchor"]
            used_ids.add(sub["id"])


def render_page_chrome(index: Index, src_path: str, used_ids: set[str] | None = None) -> Chrome | None:
    """Facts panel and footer of a content page as HTML, plus its headings (None for other pages).

    `used_ids` are the ids already in the page body; footer headings without a fixed
    anchor get a unique one, as Python-Markdown would have given them."""
    entry = index.by_src.get(src_path)
    if entry is None:
        return None
    link = _Linker(index, src_path)
    sections = related_sections(index, entry, link)
    _heading_ids(sections, set(used_ids or ()))
    facts_html = HTML_TEMPLATES.get_template("page_header.html.j2").render(
        entry=entry, type_label=TYPE_LABELS[entry.type], facts=facts_for(index, entry, link),
        explanation=link.to("Meer over bron en redactie", *PROVENANCE_EXPLANATION),
    )
    show_sources = bool(entry.item.bronnen) or entry.type != "bron"
    footer_html = HTML_TEMPLATES.get_template("page_footer.html.j2").render(
        sections=sections, show_sources=show_sources,
        sources=[link.entry(index.get(slug)) for slug in entry.item.bronnen],
        checked=entry.item.laatst_gecontroleerd,
        overdue=index.review_due(entry) < build_date(),
    )
    headings = [{"title": escape(section["title"]), "id": section["id"], "level": 2,
                 "children": [{"title": escape(sub["title"]), "id": sub["id"], "level": 3}
                              for sub in section["subsections"]]}
                for section in sections]
    if show_sources:
        headings.append({"title": Markup("Bronnen"), "id": "bronnen-van-deze-pagina", "level": 2, "children": []})
    return Chrome(facts_html, footer_html, headings)


_FIRST_H1_END = re.compile(r"</h1>\n?")


def apply_page_chrome(index: Index, content_html: str, page) -> tuple[str, str]:
    """MkDocs adapter (for `on_page_context`): put the chrome around the converted body, add
    the footer headings to the page's table of contents and known anchors. Returns the page
    body with its chrome, and the chrome alone ("" for a page without one)."""
    from mkdocs.structure.toc import AnchorLink

    anchors = page.present_anchor_ids if page.present_anchor_ids is not None else set()
    chrome = render_page_chrome(index, page.file.src_path, anchors)
    if chrome is None:
        return content_html, ""
    match = _FIRST_H1_END.search(content_html)
    cut = match.end() if match else 0
    html = f"{content_html[:cut]}{chrome.facts_html}\n{content_html[cut:]}\n{chrome.footer_html}\n"

    def anchor_link(heading: dict) -> AnchorLink:
        item = AnchorLink(str(heading["title"]), heading["id"], heading["level"])
        item.children = [anchor_link(child) for child in heading.get("children", [])]
        return item

    toc = page.toc.items if hasattr(page.toc, "items") else page.toc
    parent = toc[0].children if toc and toc[0].level == 1 else toc
    for heading in chrome.headings:
        parent.append(anchor_link(heading))
        anchors.add(heading["id"])
        anchors.update(child["id"] for child in heading["children"])
    page.present_anchor_ids = anchors
    return html, f"{chrome.facts_html}\n{chrome.footer_html}"

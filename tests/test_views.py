"""Every cross-province view, asserted on the rendered HTML: with the real content,
and with adversarial titles that must neither break a table nor inject markup."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from conftest import ROOT, VALID_PAGES, make_mini_site, page_text, run_build
from macros.index import build_index

INDEX = build_index(ROOT / "docs", ROOT / "data")
PROVINCES = INDEX.reference["provincies"]


def read(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


class Tables(HTMLParser):
    """Collect the tables of a page as lists of rows of cell texts (and hrefs)."""

    def __init__(self):
        super().__init__()
        self.tables, self.row, self.cell, self.hrefs = [], None, None, []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell, self.hrefs = [], []
        elif tag == "a" and self.cell is not None:
            self.hrefs.append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.row is not None:
            self.row.append(("".join(self.cell).strip(), self.hrefs))
            self.cell = None
        elif tag == "tr" and self.tables:
            self.tables[-1].append(self.row)

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables_of(html: str) -> list:
    parser = Tables()
    parser.feed(article(html))
    return parser.tables


def test_province_overview_has_every_province_with_real_figures(built_site):
    html = read(built_site, "overzichten/provincies/index.html")
    assert 'class="kb-sorteerbaar"' in html and "tablesort.min.js" in html
    [table] = tables_of(html)
    header, *rows = table
    assert [cell for cell, _ in header][:5] == ["Provincie", "Gemeenten (2022)", "Beleidskader of programma", "Aanpak", "Inzet"]
    assert len(rows) == 12
    by_name = {row[0][0]: row for row in rows}
    for ref in PROVINCES:
        row = by_name[ref.naam]
        assert row[1][0] == str(ref.gemeenten)
        assert row[0][1] == [f"../../provincies/{ref.slug}/"]
        instruments = INDEX.of_type("instrument", ref.slug)
        assert row[-1][0] == str(len(instruments))
    assert by_name["Drenthe"][4][0] == "basis inzet" and by_name["Gelderland"][4][0] == "brede inzet"


def test_instrument_matrix_counts_and_links_resolve_to_anchors(built_site):
    html = read(built_site, "overzichten/matrix/index.html")
    categories, tasks = tables_of(html)[:2]
    slugs = [c.slug for c in INDEX.reference["instrumentcategorieen"]]
    for row in categories[1:]:
        ref = next(r for r in PROVINCES if r.naam == row[0][0])
        counts = Counter(e.item.categorie for e in INDEX.of_type("instrument", ref.slug))
        for (text, hrefs), slug in zip(row[1:], slugs, strict=True):
            # A count with editorial classifications carries a mark and the sourced count (issue 14).
            shown = text.split("◇")[0]
            assert shown == (str(counts[slug]) if counts[slug] else "–"), (ref.slug, slug)
            if counts[slug]:
                target, anchor = hrefs[0].split("#")
                assert anchor == f"cat-{slug}"
                assert f'id="{anchor}"' in read(built_site, f"provincies/{ref.slug}/index.html")
    assert len(tasks[0]) == 1 + 9
    assert "Specials en overige instrumenten per provincie" in html


def test_instruments_by_role_lists_every_instrument_with_a_role(built_site):
    html = article(read(built_site, "overzichten/per-rol/index.html"))
    for role in INDEX.reference["rollen"]:
        assert f'id="{role.slug}"' in html
    for entry in INDEX.of_type("instrument"):
        if entry.item.rollen:
            assert f"instrumenten/{entry.slug}/" in html, entry.slug


def test_timeline_is_ordered_semantic_and_honest_about_fuzzy_dates(built_site):
    html = article(read(built_site, "overzichten/tijdlijn/index.html"))
    assert re.search(r'<div class="kb-tijdlijn-blok" data-kb-filter(="data-kb-filter")? data-provincie-namen="[^"]*">\s*<div class="kb-filter-plek[^"]*" data-kb-filter-plek(="data-kb-filter-plek")?>\s*<p>[^<]*</p>\s*</div>\s*<ol class="kb-tijdlijn">', html)
    # Dated cases are on the timeline too (issue 14); this test checks the events.
    items = re.findall(r'<li class="kb-tijdlijn__item(?! kb-tijdlijn__item--praktijkvoorbeeld)[^"]*" data-jaren="([^"]*)" data-provincies="([^"]*)"><time datetime="([^"]*)"[^>]*>([^<]*)</time>', html)
    dated = [e for e in INDEX.events() if not e.item.datum.ongoing]
    assert len(items) == len(dated)
    for (years, provinces, datetime, label), entry in zip(items, dated, strict=True):
        assert years.split() == [str(year) for year in entry.item.datum.years()]
        assert label == entry.item.datum.label()
        assert datetime == entry.item.datum.datetime_attr()
        assert provinces == " ".join(entry.provinces())
        # Never more precision than the source: a month stays YYYY-MM, a season a year.
        assert len(datetime) == {"dag": 10, "maand": 7}.get(entry.item.datum.start.precision, 4)
    lowers = [e.item.datum.lower() for e in dated]
    assert lowers == sorted(lowers)
    from macros.dates import SUBDIVISIONS

    parts_of_year = [e for e in dated if e.item.datum.start.subdivision]
    assert parts_of_year, "the sources have '1e helft 2018' and similar dates"
    for entry in parts_of_year:
        assert SUBDIVISIONS[entry.item.datum.start.subdivision] in entry.item.datum.label()
    assert "1e helft 2018" in html and "2e helft 2018" in html


def test_province_page_is_assembled_from_the_index(built_site):
    html = article(read(built_site, "provincies/overijssel/index.html"))
    for entry in INDEX.of_type("programma", "overijssel") + INDEX.of_type("instrument", "overijssel") + INDEX.of_type("praktijkvoorbeeld", "overijssel"):
        assert f"/{entry.slug}/" in html, entry.slug
    assert html.count("<time datetime=") >= len([e for e in INDEX.events("overijssel") if not e.item.datum.ongoing])


def test_compare_page_has_every_province_as_a_column(built_site):
    html = read(built_site, "overzichten/vergelijk/index.html")
    assert "data-kb-vergelijk" in html
    [table] = tables_of(html)
    assert [cell for cell, _ in table[0][1:]] == [ref.naam for ref in PROVINCES]
    labels = [row[0][0] for row in table[1:]]
    assert "Aanpak" in labels and "Instrumenten totaal" in labels


def test_related_items_on_instrument_and_programme_pages(built_site):
    entry = next(e for e in INDEX.of_type("instrument") if e.item.categorie == "bestuurlijk-overleg")
    html = article(read(built_site, f"instrumenten/{entry.slug}/index.html"))
    assert "Vergelijkbare instrumenten in andere provincies" in html
    from macros.pages import RELATED_LIMIT

    others = [o for o in INDEX.where("instrument", "categorie", "bestuurlijk-overleg") if not set(o.provinces()) & set(entry.provinces())]
    assert others and all(f"/{o.slug}/" in html for o in others[:RELATED_LIMIT])
    if len(others) > RELATED_LIMIT:
        assert f"… en nog {len(others) - RELATED_LIMIT}: zie" in html and "kader/instrumentcategorieen/#bestuurlijk-overleg" in html
    for mixed in ("special", "overig"):  # unlike instruments share these categories: nothing "comparable"
        entry = next(e for e in INDEX.of_type("instrument") if e.item.categorie == mixed)
        assert "Vergelijkbare instrumenten" not in article(read(built_site, f"instrumenten/{entry.slug}/index.html"))
    programme = next(p for p in INDEX.of_type("programma") if INDEX.where("instrument", "programma", p.slug))
    html = article(read(built_site, f"programmas/{programme.slug}/index.html"))
    assert "Instrumenten in dit programma" in html
    assert all(f"/{i.slug}/" in html for i in INDEX.where("instrument", "programma", programme.slug))


def test_recipe_cards_and_quotes(built_site):
    html = article(read(built_site, "recept/index.html"))
    ingredients = INDEX.of_type("ingredient")
    assert html.count('<li>') >= len(ingredients) and 'class="grid cards"' in html
    for entry in ingredients:
        assert f'href="{entry.slug}/"' in html
    assert html.count('class="kb-citaat"') == 3
    for name in ("Hanneke Schipper", "Ilse Zaal", "Arthur van Dijk"):
        assert name in html


def test_tile_map_and_bar_chart_have_text_alternatives(built_site):
    html = article(read(built_site, "overzichten/kaart/index.html"))
    assert html.count("<svg") >= 3
    assert html.count("<rect x=") >= 12 * 2 + 12
    for ref in PROVINCES:
        assert f'aria-label="{ref.naam}:' in html
        assert f'data-href="../../provincies/{ref.slug}/"' in html
        assert f">{ref.gemeenten}</text>" in html
    assert html.count("<details") == 3 and "De kaart als tabel" in html and "De grafiek als tabel" in html
    assert "Programmatisch, samen met andere overheden" in html and ">P+</text>" in html


HOSTILE = "Pijp | <b>vet</b> & *ster* {{ 7*7 }}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    for rel in ("instrumenten/overijssel-scan.md", "gebeurtenissen/overijssel-2017-bijeenkomst.md", "programmas/overijssel-programma.md",
                "recept/recept-doen.md", "provincies/overijssel.md"):
        old_title = re.search(r"titel: (.*)", pages[rel]).group(1)
        pages[rel] = pages[rel].replace(f"titel: {old_title}", f'titel: "{HOSTILE}\\nnieuwe regel"', 1)
    pages["provincies/overijssel.md"] = pages["provincies/overijssel.md"].replace("bronnen:", 'beleidskader: "Kader | met <i>pijp</i>"\nbronnen:')
    views = "\n\n".join(["{{ kb_provincie_overzicht() }}", "{{ kb_instrument_matrix('categorie') }}", "{{ kb_per_rol() }}",
                         "{{ kb_tijdlijn() }}", "{{ kb_vergelijk() }}", "{{ kb_kaart('aanpak') }}", "{{ kb_recept() }}",
                         "{{ kb_lijst('instrument') }}", "{{ kb_kader('taken') }}"])
    pages["index.md"] = "# Start\n\n" + views + "\n"
    config = make_mini_site(root, pages)
    result = run_build(config, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_adversarial_titles_break_no_table_and_inject_nothing(hostile_site):
    html = article(read(hostile_site, "index.html"))
    assert "<b>vet</b>" not in html and "<i>pijp</i>" not in html
    assert not re.search(r"ster\\?\*\s*49", html)  # {{ 7*7 }} was not evaluated
    assert "&lt;b&gt;vet&lt;/b&gt;" in html and "{{ 7*7 }}" in html.replace("&#123;", "{").replace("&#125;", "}")
    for table in tables_of(read(hostile_site, "index.html")):
        widths = {len(row) for row in table}
        assert len(widths) == 1, widths  # a `|` in a value would add a column
    assert "Pijp | &lt;b&gt;vet&lt;/b&gt; &amp; *ster*" in html  # literal, not emphasis
    assert "nieuwe regel" in html


def test_adversarial_titles_in_headings_and_facts(hostile_site):
    html = read(hostile_site, "instrumenten/overijssel-scan/index.html")
    heading = html[html.index("<h1"):html.index("</h1>")]
    assert "&lt;b&gt;vet&lt;/b&gt;" in heading and "<b>" not in heading
    assert "<title>Pijp | &lt;b&gt;vet&lt;/b&gt;" in html

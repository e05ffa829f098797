"""What a reader sees when using the interactive features, against expectations from outside
the code under test: the published data file (data/kennisbank.json of the built site), the
built HTML, or rules written out here. Never our own JavaScript or macros.

Every wait is an auto-waiting `expect(...)` (no sleeps); after typing a query the tests wait
for the status line that names the full query, so a stale partial result cannot satisfy them.
Server, browser and page fixtures are those of test_browser.py.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import test_browser as tb  # skips this module too when Chromium is missing
from playwright.sync_api import expect  # noqa: E402

server, browser, open_page = tb.server, tb.browser, tb.open_page
SUB_PATH = tb.SUB_PATH
pytestmark = pytest.mark.browser
SITE_URL = "https://kennisbank-kob.github.io/kennisbank/"  # site_url in mkdocs.yml, as in the data file


# ---------------------------------------------------------------- expectations from the data file

@pytest.fixture(scope="module")
def data(built_site) -> dict:
    return json.loads((built_site / "data" / "kennisbank.json").read_text(encoding="utf-8"))


def path_of(item: dict) -> str:
    """The path the browser shows for an item: its published URL, under the test server's sub-path."""
    assert item["url"].startswith(SITE_URL), item["url"]
    return SUB_PATH + item["url"][len(SITE_URL):]


def of_type(data: dict, type_name: str) -> list[dict]:
    return [item for item in data["items"] if item["type"] == type_name]


def timeline_items(data: dict) -> list[tuple[dict, str]]:
    """What the timeline shows: every event (its datum) and every case with a period (issue 14)."""
    return ([(item, item["velden"]["datum"]) for item in of_type(data, "gebeurtenis")]
            + [(item, item["velden"]["periode"]) for item in of_type(data, "praktijkvoorbeeld") if item["velden"].get("periode")])


def names(data: dict, list_name: str) -> dict[str, str]:
    return {ref["slug"]: ref["naam"] for ref in data["referentielijsten"][list_name]}


def years_touched(datum: str) -> set[int]:
    """Calendar years an EDTF date touches, by the rules in the README: every year from the first
    to the last written in it; a winter (`YYYY-24`) is "winter YYYY/YYYY+1" and reaches into the next year."""
    years = []
    for point in datum.split("/"):
        match = re.match(r"(\d{4})(-24)?", point)
        if match:
            years += [int(match[1])] + ([int(match[1]) + 1] if match[2] else [])
    return set(range(min(years), max(years) + 1)) if years else set()


def visible_paths(page, selector: str) -> list[str]:
    """Pathnames of the links in the visible items matched by `selector`."""
    return page.eval_on_selector_all(
        selector, "items => items.filter(i => i.offsetParent !== null).map(i => new URL(i.querySelector('a').href).pathname)")


# ---------------------------------------------------------------- timeline

def test_timeline_filter_shows_exactly_the_events_of_the_province_and_year(open_page, data):
    events = timeline_items(data)
    by_year = Counter(year for e, datum in events if "overijssel" in e["velden"]["provincies"]
                      for year in years_touched(datum))
    year = str(by_year.most_common(1)[0][0])
    expected = sorted(path_of(e) for e, datum in events if "overijssel" in e["velden"]["provincies"]
                      and int(year) in years_touched(datum))
    assert 0 < len(expected) < len(events)

    page = open_page("overzichten/tijdlijn/")
    page.select_option("#kb-filter-provincie-0", "overijssel")
    # The year list offers exactly the years of Overijssel's events.
    overijssel_years = sorted({str(y) for e, datum in events if "overijssel" in e["velden"]["provincies"]
                               for y in years_touched(datum)})
    options = page.eval_on_selector_all("#kb-filter-jaar-0 option", "os => os.map(o => o.value).filter(Boolean)")
    assert options == overijssel_years
    page.select_option("#kb-filter-jaar-0", year)
    status = page.locator(".kb-filter__status")
    expect(status).to_have_text(f"{len(expected)} van {len(events)} op de tijdlijn")
    assert sorted(visible_paths(page, ".kb-tijdlijn-blok li")) == expected
    assert page.console_errors == []


def test_timeline_filter_state_lives_in_the_url(open_page, data, server):
    page = open_page("overzichten/tijdlijn/")
    page.select_option("#kb-filter-provincie-0", "noord-holland")
    expect(page).to_have_url(re.compile(r"\?provincie=noord-holland$"))
    page.select_option("#kb-filter-jaar-0", "2022")
    expect(page).to_have_url(re.compile(r"\?provincie=noord-holland&jaar=2022$"))
    shown = sorted(visible_paths(page, ".kb-tijdlijn-blok li"))
    page.reload()
    expect(page.locator("#kb-filter-provincie-0")).to_have_value("noord-holland")
    expect(page.locator("#kb-filter-jaar-0")).to_have_value("2022")
    assert sorted(visible_paths(page, ".kb-tijdlijn-blok li")) == shown
    expected = sorted(path_of(e) for e in of_type(data, "gebeurtenis")
                      if "noord-holland" in e["velden"]["provincies"] and 2022 in years_touched(e["velden"]["datum"]))
    assert shown == expected


def test_timeline_empty_result_says_what_was_asked(open_page, data):
    events = timeline_items(data)
    per_province = {slug: {y for e, datum in events if slug in e["velden"]["provincies"] for y in years_touched(datum)}
                    for slug in names(data, "provincies")}
    all_years = set().union(*per_province.values())
    province = next(slug for slug, years in sorted(per_province.items()) if years and all_years - years)
    year = min(all_years - per_province[province])
    name = names(data, "provincies")[province]
    page = open_page(f"overzichten/tijdlijn/?provincie={province}&jaar={year}")
    expect(page.locator(".kb-filter__status")).to_contain_text(f"Niets op de tijdlijn voor {name} in {year}")
    assert visible_paths(page, ".kb-tijdlijn-blok li") == []
    # A province without any event is offered too, and says so.
    quiet = [slug for slug, years in per_province.items() if not years]
    if quiet:
        page.select_option("#kb-filter-jaar-0", "")
        page.select_option("#kb-filter-provincie-0", quiet[0])
        expect(page.locator(".kb-filter__status")).to_contain_text(f"Niets op de tijdlijn voor {names(data, 'provincies')[quiet[0]]}")


# ---------------------------------------------------------------- instruments index

def test_instruments_index_filters_show_exactly_the_matching_items(open_page, data):
    instruments = of_type(data, "instrument")
    page = open_page("instrumenten/")
    expect(page.locator("[data-kb-index-filters] .kb-filter__status")).to_have_text(f"{len(instruments)} van {len(instruments)} instrumenten")
    assert sorted(visible_paths(page, "li.kb-index__item")) == sorted(path_of(i) for i in instruments)

    page.select_option("#kb-index-provincie", "noord-holland")
    page.select_option("#kb-index-rol", "toezichthouder")
    expected = sorted(path_of(i) for i in instruments
                      if "noord-holland" in i["velden"]["provincies"] and "toezichthouder" in i["velden"]["rollen"])
    assert expected
    expect(page.locator("[data-kb-index-filters] .kb-filter__status")).to_have_text(f"{len(expected)} van {len(instruments)} instrumenten")
    assert sorted(visible_paths(page, "li.kb-index__item")) == expected

    page.select_option("#kb-index-rol", "")
    page.select_option("#kb-index-categorie", "tegengaan-ondermijning")
    page.select_option("#kb-index-status", "actief")
    expected = sorted(path_of(i) for i in instruments if "noord-holland" in i["velden"]["provincies"]
                      and i["velden"]["categorie"] == "tegengaan-ondermijning" and i["velden"]["status"] == "actief")
    expect(page).to_have_url(re.compile(r"provincie=noord-holland&categorie=tegengaan-ondermijning&status=actief$"))
    assert sorted(visible_paths(page, "li.kb-index__item")) == expected
    # The state survives a reload, and a shared link opens the same list.
    page.reload()
    expect(page.locator("#kb-index-categorie")).to_have_value("tegengaan-ondermijning")
    assert sorted(visible_paths(page, "li.kb-index__item")) == expected
    assert page.console_errors == []


def test_instruments_index_says_when_nothing_matches(open_page, data):
    combos = {(p, i["velden"]["categorie"]) for i in of_type(data, "instrument") for p in i["velden"]["provincies"]}
    categories = {ref["slug"] for ref in data["referentielijsten"]["instrumentcategorieen"]}
    used = {c for _, c in combos}
    province, category = next((p, c) for p in sorted(names(data, "provincies")) for c in sorted(used) if (p, c) not in combos)
    assert category in categories
    page = open_page(f"instrumenten/?provincie={province}&categorie={category}")
    expect(page.locator("[data-kb-index-filters] .kb-filter__status")).to_contain_text("Geen instrumenten met")
    assert visible_paths(page, "li.kb-index__item") == []


# ---------------------------------------------------------------- per role

def table_column(page, table: int, column: int) -> list[str]:
    return page.eval_on_selector_all(
        f".kb-per-rol table >> nth={table}",
        f"ts => Array.from(ts[0].querySelectorAll('tbody tr')).filter(r => !r.hidden).map(r => r.children[{column}].textContent.trim())")


def test_per_role_tables_sort_by_a_column(open_page):
    page = open_page("overzichten/per-rol/")
    before = table_column(page, 0, 0)
    assert len(before) > 2
    header = page.locator(".kb-per-rol table").first.locator("th").first
    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    after = table_column(page, 0, 0)
    assert after == sorted(before, key=str.lower) and Counter(after) == Counter(before)
    header.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert table_column(page, 0, 0) == sorted(before, key=str.lower, reverse=True)


def test_per_role_filter_shows_exactly_the_instruments_of_the_province(open_page, data):
    provinces = names(data, "provincies")
    expected = Counter()
    for item in of_type(data, "instrument"):
        if "zeeland" in item["velden"]["provincies"]:
            for _ in item["velden"]["rollen"]:
                expected[path_of(item)] += 1
    page = open_page("overzichten/per-rol/")
    page.select_option("#kb-tabel-provincie", provinces["zeeland"])
    expect(page).to_have_url(re.compile(r"provincie=Zeeland"))
    shown = Counter(visible_paths(page, ".kb-per-rol tbody tr"))
    assert shown == expected and sum(shown.values()) > 0
    page.reload()
    expect(page.locator("#kb-tabel-provincie")).to_have_value(provinces["zeeland"])
    assert Counter(visible_paths(page, ".kb-per-rol tbody tr")) == expected


# ---------------------------------------------------------------- map

def test_map_tiles_navigate_by_click_and_by_enter(open_page, data):
    pages = {item["velden"]["provincie"]: path_of(item) for item in of_type(data, "provincie")}
    page = open_page("overzichten/kaart/")
    page.locator('.kb-tegel[aria-label^="Drenthe:"]').first.click()
    expect(page).to_have_url(re.compile(re.escape(pages["drenthe"]) + "$"))
    expect(page.locator("article h1")).to_contain_text("Drenthe")
    page.go_back()
    tile = page.locator('.kb-tegel[aria-label^="Zeeland:"]').first
    tile.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(pages["zeeland"]) + "$"))
    expect(page.locator("article h1")).to_contain_text("Zeeland")


# ---------------------------------------------------------------- search page

def search_status(page):
    return page.locator("[data-kb-zoekpagina] .kb-filter__status")


def result_paths(page) -> list[str]:
    return page.eval_on_selector_all(".kb-zoekresultaten li a", "links => links.map(a => new URL(a.href).pathname)")


def by_path(data: dict) -> dict[str, dict]:
    return {path_of(item): item for item in data["items"]}


@pytest.mark.parametrize(("facet", "value", "check"), [
    ("categorie", "Subsidieregeling versterking bestuurskracht",
     lambda item, refs: item["type"] == "instrument" and item["velden"]["categorie"] == "subsidie-bestuurskracht"),
    ("rol", "Toezichthouder",
     lambda item, refs: item["type"] == "instrument" and "toezichthouder" in item["velden"]["rollen"]),
    ("jaar", "2018",
     lambda item, refs: 2018 in years_touched(str(item["velden"].get("datum") or item["velden"].get("periode") or ""))),
])
def test_search_facets_keep_only_matching_results(open_page, data, facet, value, check):
    refs = {name: names(data, name) for name in ("instrumentcategorieen", "rollen", "provincies")}
    items = by_path(data)
    page = open_page("zoeken/?q=gemeenten")
    expect(search_status(page)).to_contain_text("voor \u201cgemeenten\u201d")
    option = page.locator(f"#kb-facet-{facet} option[value='{value}']")
    count = int(re.search(r"\((\d+)\)$", option.inner_text()).group(1))
    page.select_option(f"#kb-facet-{facet}", value)
    expect(page).to_have_url(re.compile(f"{facet}={value}".replace(" ", r"(\+|%20)")))
    # The count beside the option was the number of results the filter leaves.
    expect(search_status(page)).to_contain_text(f"{count} resulta" if count != 1 else "1 resultaat")
    paths = result_paths(page)
    assert 0 < len(paths) == min(count, 50)
    for path in paths:
        assert check(items[path], refs), path
    assert page.console_errors == []


def test_search_facet_counts_follow_the_query(open_page, data):
    page = open_page("zoeken/")
    expect(search_status(page)).to_contain_text(f"{len(data['items'])} resultaten")
    type_counts = Counter(item["type"] for item in data["items"])
    option = page.locator("#kb-facet-type option[value='Instrument']")
    expect(option).to_have_text(f"Instrument ({type_counts['instrument']})")
    page.fill("#kb-zoekterm", "journalistiek")
    expect(search_status(page)).to_contain_text("voor \u201cjournalistiek\u201d")
    shown = result_paths(page)
    instruments = [p for p in shown if by_path(data).get(p, {}).get("type") == "instrument"]
    expect(option).to_have_text(f"Instrument ({len(instruments)})")
    assert 0 < len(instruments) < type_counts["instrument"]


def test_search_page_without_a_query_lists_every_page_and_filters_by_type(open_page, data):
    page = open_page("zoeken/")
    total = len(data["items"])
    expect(search_status(page)).to_have_text(f"{total} resultaten (de eerste 50 staan hieronder)")
    titles = page.eval_on_selector_all(".kb-zoekresultaten h2", "hs => hs.map(h => h.textContent)")
    assert len(titles) == 50
    page.select_option("#kb-facet-type", "Begrip")
    terms = of_type(data, "begrip")
    expect(search_status(page)).to_contain_text(f"{len(terms)} resultaten")
    paths = result_paths(page)
    assert len(paths) == min(50, len(terms)) and set(paths) <= {path_of(t) for t in terms}
    expect(page).to_have_url(re.compile(r"zoeken/\?type=Begrip$"))


def test_search_result_limit_and_url_state(open_page, server):
    page = open_page("zoeken/?q=provincie&provincie=Utrecht")
    expect(search_status(page)).to_contain_text("voor \u201cprovincie\u201d met Utrecht")
    expect(page.locator("#kb-facet-provincie")).to_have_value("Utrecht")
    assert all("Utrecht" in badge for badge in page.eval_on_selector_all(
        ".kb-zoekresultaten .kb-zoekresultaat__kenmerken", "ps => ps.map(p => p.textContent)"))
    page.select_option("#kb-facet-provincie", "")
    expect(search_status(page)).to_contain_text("(de eerste 50 staan hieronder)")
    assert len(result_paths(page)) == 50
    expect(page).to_have_url(re.compile(r"zoeken/\?q=provincie$"))


def test_search_page_fits_a_phone_and_puts_results_before_the_filters(open_page):
    page = open_page("zoeken/?q=herindeling", width=375)
    expect(search_status(page)).to_contain_text("voor \u201cherindeling\u201d")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    first_result = page.locator(".kb-zoekresultaten li").first
    expect(page.locator("#kb-facet-type")).to_be_hidden()
    toggle = page.get_by_role("button", name="Filters")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(page.locator("#kb-facet-type")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert first_result.is_visible()


# ---------------------------------------------------------------- header search

def test_header_results_show_title_type_province_and_summary_without_pilcrow(open_page, data):
    page = open_page("")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("arhi-procedure")
    expect(page.locator("#kb-zoekstatus")).to_contain_text("resulta")
    first = page.locator("#kb-zoekresultaten li").first
    path = first.evaluate("li => new URL(li.querySelector('a').href).pathname")
    item = by_path(data)[path]
    title = first.locator("h2")
    expect(title).to_have_text(item["velden"]["titel"])
    labels = first.locator(".kb-label").all_inner_texts()
    assert labels[0].lower() == item["type"] and names(data, "provincies")[item["velden"]["provincies"][0]] in labels
    expect(first.locator(".kb-zoekresultaat__samenvatting")).to_have_text(item["velden"]["samenvatting"])
    sizes = first.evaluate("li => [li.querySelector('h2'), li.querySelector('.kb-zoekresultaat__samenvatting')].map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes[0] > sizes[1]
    assert "¶" not in page.inner_text("#kb-zoekresultaten")
    # The link to the search page carries the query.
    more = page.locator(".kb-zoek-meer a")
    assert urlsplit(more.evaluate("a => a.href")).query == "q=arhi-procedure"


def test_search_index_has_no_permalink_marks(built_site):
    """No "¶" in what Pagefind stored for any page: its text, its title or its metadata."""
    fragments = sorted((built_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert len(fragments) > 300
    for fragment in fragments:
        raw = gzip.decompress(fragment.read_bytes())
        document = json.loads(raw[raw.index(b"{"):])
        assert "¶" not in document["content"] and "¶" not in json.dumps(document["meta"], ensure_ascii=False), document["url"]


# ---------------------------------------------------------------- instant navigation

@pytest.fixture
def instant_page(browser, server):
    """A page on which Material's instant navigation works: it only swaps pages whose URL is in
    sitemap.xml, which names the published host; the test serves the sitemap with the test host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))

    def local_sitemap(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(SITE_URL, server))

    page.route("**/sitemap.xml", local_sitemap)
    page.goto(server)
    yield page
    context.close()


def test_filters_come_back_after_instant_navigation(instant_page, data):
    page = instant_page
    page.evaluate("window.kbNoReload = true")
    page.locator(".md-tabs__link", has_text="Tijdlijn").click()
    expect(page).to_have_url(re.compile(r"overzichten/tijdlijn/$"))
    events = [item for item, _ in timeline_items(data)]
    province = Counter(p for e in events for p in e["velden"]["provincies"]).most_common(1)[0][0]
    page.select_option("#kb-filter-provincie-0", province)
    expected = sorted(path_of(e) for e in events if province in e["velden"]["provincies"])
    expect(page.locator(".kb-filter__status")).to_have_text(f"{len(expected)} van {len(events)} op de tijdlijn")
    assert sorted(visible_paths(page, ".kb-tijdlijn-blok li")) == expected
    page.locator(".md-tabs__link", has_text="Instrumenten").click()
    expect(page).to_have_url(re.compile(r"instrumenten/$"))
    page.select_option("#kb-index-provincie", "zeeland")
    expected = sorted(path_of(i) for i in of_type(data, "instrument") if "zeeland" in i["velden"]["provincies"])
    expect(page.locator("[data-kb-index-filters] .kb-filter__status")).to_contain_text(f"{len(expected)} van")
    assert sorted(visible_paths(page, "li.kb-index__item")) == expected
    assert page.evaluate("window.kbNoReload") is True, "the page was reloaded: not instant navigation"
    assert page.console_errors == []


# ---------------------------------------------------------------- breadcrumbs (built HTML)

def test_every_breadcrumb_leads_to_a_page_named_like_it(built_site):
    from selectolax.lexbor import LexborHTMLParser

    checked = 0
    for html_file in sorted(built_site.rglob("index.html")):
        tree = LexborHTMLParser(html_file.read_text(encoding="utf-8"))
        for link in tree.css("nav.md-path a"):
            name, href = link.text(strip=True), link.attributes.get("href") or ""
            target = Path(urljoin(html_file.as_uri(), href).removeprefix("file://"))
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), f"{html_file}: crumb {name!r} → {href}"
            heading = LexborHTMLParser(target.read_text(encoding="utf-8")).css_first("article h1")
            if name == "Start":
                assert target == built_site / "index.html"
            else:
                assert heading is not None and name.lower() in heading.text(strip=True).lower(), f"{html_file}: {name!r} → {target}"
            checked += 1
    assert checked > 1000

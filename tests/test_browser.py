"""The site in a real browser: Debian's Chromium driven by Playwright, against the
built site served on 127.0.0.1 under a sub-path, as GitHub Pages serves a project site.

Search in Dutch, faceted search, accessibility (axe-core, WCAG 2.0/2.1 A and AA),
keyboard use, privacy (no third-party requests) and a link crawl. Screenshots of the
main page types are kept in test-artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SUB_PATH = "/kennisbank/"  # the repository name, as in site_url
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        raise RuntimeError("Chromium is missing: CI must run the browser tests (apt-get install chromium).")
    pytest.skip("browser tests need Debian's Chromium: sudo apt-get install chromium", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "provincie": "provincies/noord-holland/",
    "programma": "programmas/overijssel-samen-voor-goed-bestuur/",
    "instrument": "instrumenten/zuid-holland-de-spiegel/",
    "tijdlijn": "overzichten/tijdlijn/",
    "matrix": "overzichten/matrix/",
    "vergelijk": "overzichten/vergelijk/",
    "recept": "recept/",
    "begrip": "begrippen/interbestuurlijk-toezicht/",
    "begrippen": "begrippen/",
    "bron": "bronnen/notitie-noord-holland-2022/",
    "kaart": "overzichten/kaart/",
    "zoeken": "zoeken/?q=herindeling",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under SUB_PATH and answers unknown paths with 404.html, like GitHub Pages."""

    def __init__(self, *args, root: Path, **kwargs):
        self.site_root = root
        super().__init__(*args, directory=str(root), **kwargs)

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(SUB_PATH):
            return str(self.site_root / "__outside__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_error(self, code, message=None, explain=None):
        page = self.site_root / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(_Handler, root=built_site)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, server):
    """Open a page at a width and scheme; collect console errors and every requested URL."""
    contexts = []

    def _open(path: str, width: int = 1280, scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.console_errors, page.requests = [], []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.on("request", lambda request: page.requests.append(request.url))
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        return page

    yield _open
    for context in contexts:
        context.close()


# ---------------------------------------------------------------- search

def header_search(page, query: str, mobile: bool = False) -> list[str]:
    if mobile:
        page.click('label.md-header__button[for="__search"]')
    field = page.locator("input.md-search__input")
    field.click()
    # One input event with the whole query: typing letter by letter races the 120 ms debounce,
    # and a partial query's results could satisfy the wait below.
    field.fill(query)
    page.wait_for_function(
        "q => { const s = document.querySelector('#kb-zoekstatus'), f = document.querySelector('input.md-search__input');"
        " return f.value === q && s && /resultat|Geen/.test(s.textContent); }",
        arg=query, timeout=15000,
    )
    return page.eval_on_selector_all("#kb-zoekresultaten a", "links => links.map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize(("query", "expected"), [
    ("Groningen", "provincies/groningen/"),
    ("ondermijning", "begrippen/ondermijning/"),
    ("herindelingen", "begrippen/gemeentelijke-herindeling/"),
    ("journalistiek", "instrumenten/zuid-holland-subsidie-journalistiek/"),
    ("Spiegel", "instrumenten/zuid-holland-de-spiegel/"),
    ("IBT", "begrippen/interbestuurlijk-toezicht/"),
    ("never waste a good crisis", "recept/recept-never-waste-a-good-crisis/"),
])
def test_header_search_finds_dutch_forms(open_page, query, expected):
    page = open_page("")
    results = header_search(page, query)
    assert SUB_PATH + expected in results[:5], results[:5]
    assert page.console_errors == []


def test_header_search_has_no_result_for_nonsense(open_page):
    page = open_page("")
    assert header_search(page, "xqzvwkjh") == []
    assert page.inner_text("#kb-zoekstatus") == "Geen resultaten"


def test_header_search_on_a_phone(open_page):
    page = open_page("provincies/", width=375)
    results = header_search(page, "herindelingen", mobile=True)
    assert results and all(url.startswith(SUB_PATH) for url in results)


def test_faceted_search_page_filters_by_province_and_type(open_page):
    page = open_page("zoeken/?q=subsidie")
    page.wait_for_selector("#kb-facet-provincie option:nth-child(3)", state="attached")
    page.wait_for_function("() => document.querySelectorAll('.kb-zoekresultaten li').length > 0")
    total = page.locator(".kb-zoekresultaten li").count()
    page.select_option("#kb-facet-provincie", "Noord-Holland")
    page.select_option("#kb-facet-type", "Instrument")
    page.wait_for_function("() => /provincie=Noord-Holland/.test(location.search) && document.querySelector('.kb-filter__status').textContent.includes('resulta')")
    # Wait for the filtered list itself (no sleep): every shown result carries both facets.
    page.wait_for_function("""() => { const items = [...document.querySelectorAll('.kb-zoekresultaten li')];
        return items.length > 0 && items.every(li => /Noord-Holland/.test(li.textContent) && /Instrument/.test(li.textContent)); }""",
                           timeout=15000)
    badges = page.eval_on_selector_all(".kb-zoekresultaten li", "items => items.map(li => li.querySelector('.kb-zoekresultaat__kenmerken').textContent)")
    assert 0 < len(badges) <= total
    assert all("Noord-Holland" in badge and "Instrument" in badge for badge in badges)
    for facet in ("type", "provincie", "categorie", "rol", "jaar"):
        assert page.locator(f"#kb-facet-{facet} option").count() > 1, facet
    assert page.console_errors == []


@pytest.fixture(scope="module")
def split_server(built_site, tmp_path_factory):
    """The same site with its search index made in three parts, as a site of thousands of pages
    gets it (macros/search_index.py), served like the other."""
    import json

    from selectolax.lexbor import LexborHTMLParser

    from macros.search_index import SearchCopies

    site = tmp_path_factory.mktemp("gesplitst") / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind"))
    copies = SearchCopies()
    copies.start(keep=False)
    try:
        for page in site.rglob("*.html"):
            copies.add(page.relative_to(site).as_posix(), LexborHTMLParser(page.read_text(encoding="utf-8")))
        total = sum(copy.stat().st_size for copy in copies.folder.rglob("*.html"))
        plan = copies.plan(site, part_bytes=total // 3 + 1)
        assert plan.run() is None
    finally:
        copies.discard()
    assert json.loads((site / "pagefind/delen.json").read_text(encoding="utf-8")) == ["deel-2/", "deel-3/"]
    handler = functools.partial(_Handler, root=site)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
    httpd.shutdown()
    httpd.server_close()


def search_page_results(browser, base: str, query: str) -> tuple[str, list[str], list[str]]:
    """The search page's status line and every listed result, for one query."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        errors, requests = [], []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{base}zoeken/?q={query}")
        page.wait_for_function("() => /resultat|Geen/.test(document.querySelector('.kb-filter__status').textContent)", timeout=15000)
        assert errors == []
        status = page.inner_text(".kb-filter__status")
        links = page.eval_on_selector_all(".kb-zoekresultaten li a", "links => links.map(a => new URL(a.href).pathname)")
        return status, sorted(set(links)), requests
    finally:
        context.close()


@pytest.mark.parametrize("query", ["herindelingen", "Spiegel", "integriteit", "journalistiek"])
def test_a_search_index_in_parts_finds_what_the_whole_index_finds(browser, server, split_server, query):
    """The browser merges the parts: the same hits, with the same count, as one index gives."""
    whole_status, whole, _ = search_page_results(browser, server, query)
    split_status, split, requests = search_page_results(browser, split_server, query)
    assert whole and "resultat" in whole_status
    assert split_status == whole_status  # the same number of hits
    if "de eerste" in whole_status:  # only the best 50 are listed, and the ranking is made per part
        assert len(set(split) & set(whole)) >= 0.8 * len(whole)
    else:
        assert split == whole
    assert any("/pagefind/deel-3/" in url for url in requests)  # the parts were really loaded


# ---------------------------------------------------------------- accessibility

AXE = Axe()
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page) -> list[str]:
    result = AXE.run(page, options=WCAG)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})" for v in result.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_axe_finds_no_wcag_violations(open_page, name, width, scheme):
    page = open_page(PAGE_TYPES[name], width=width, scheme=scheme)
    if name == "zoeken":
        page.wait_for_function("() => document.querySelectorAll('.kb-zoekresultaten li').length > 0")
    found = violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=width == 375)
    assert found == []


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_with_the_search_overlay_open(open_page, width):
    page = open_page("", width=width)
    header_search(page, "bestuurskracht", mobile=width < 600)
    assert violations(page) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_the_open_search_shows_one_icon_before_the_field(open_page, width):
    """On a phone the open search shows a back arrow, on a desktop a magnifier: one icon, never both
    (Material picks it by svg:first-child / svg:last-child, so the label's hidden name sits between)."""
    page = open_page("", width=width)
    header_search(page, "bestuurskracht", mobile=width < 600)
    shown = page.eval_on_selector_all(
        "form.md-search__form > label.md-search__icon svg",
        "icons => icons.filter(svg => svg.getBoundingClientRect().width > 0).length")
    assert shown == 1
    assert page.locator("form.md-search__form > label.md-search__icon").inner_text() == "Zoeken sluiten"


def test_breadcrumbs_fit_a_phone_screen(open_page):
    """On a phone every crumb stays in sight (they wrap); none hides in a sideways scroll."""
    page = open_page(PAGE_TYPES["instrument"], width=375)  # the deepest path: four crumbs
    crumbs = page.locator("nav.md-path a")
    assert crumbs.count() >= 4
    assert page.evaluate("(() => { const n = document.querySelector('nav.md-path'); return n.scrollWidth <= n.clientWidth; })()")
    for index in range(crumbs.count()):
        box = crumbs.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, crumbs.nth(index).inner_text()


# ---------------------------------------------------------------- keyboard

def test_skip_link_moves_focus_to_the_content(open_page):
    page = open_page("provincies/overijssel/")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.className")
    assert "md-skip" in skip
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") != ""
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')")


def test_search_opens_by_keyboard_and_results_are_reachable(open_page):
    page = open_page("overzichten/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("Spiegel", delay=20)
    page.wait_for_function("() => document.querySelectorAll('#kb-zoekresultaten a').length > 0")
    page.keyboard.press("ArrowDown")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    results = page.eval_on_selector_all("#kb-zoekresultaten a", "links => links.map(a => a.getAttribute('href'))")
    assert href == results[0] and any("spiegel" in result for result in results)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).boxShadow")
    assert outline != "none none"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_focus_is_visible_on_links(open_page):
    page = open_page("provincies/")
    page.focus("article a[href]")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()")
    assert style[0] != "none" and style[1] != "0px"


def test_timeline_filter_works_in_the_browser(open_page):
    page = open_page("overzichten/tijdlijn/")
    total = page.locator("ol.kb-tijdlijn > li").count()
    page.select_option("#kb-filter-provincie-0", "overijssel")
    visible = page.locator("ol.kb-tijdlijn > li:not([hidden])").count()
    assert 0 < visible < total
    assert page.inner_text(".kb-filter__status") == f"{visible} van {total} op de tijdlijn"


# Compare (chosen provinces, order, URL): tests/test_ui.py


# ---------------------------------------------------------------- privacy

@pytest.mark.parametrize("name", ["home", "provincie", "kaart", "zoeken", "tijdlijn"])
def test_no_request_leaves_the_site(open_page, server, name):
    page = open_page(PAGE_TYPES[name])
    if name == "home":
        header_search(page, "provincie")
    origin = urlsplit(server).netloc
    outside = [url for url in page.requests if urlsplit(url).netloc not in (origin, "")]
    assert page.requests and outside == []
    assert all(urlsplit(url).path.startswith(SUB_PATH) for url in page.requests if urlsplit(url).scheme.startswith("http"))


# ---------------------------------------------------------------- links

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "a" and attrs.get("rel") == "edit"):
                self.urls.append(attrs[name])


def test_crawl_reaches_every_page_and_asset_without_404(server, built_site):
    seen, queue, broken = set(), [server], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            broken.append((url, error.code))
            continue
        if kind != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.urls:
            target = urljoin(url, link).split("#")[0]
            if urlsplit(target).netloc == urlsplit(server).netloc and target not in seen:
                queue.append(target)
    assert broken == []
    # Old addresses of merged pages are reached by old links from elsewhere, not by ours.
    moved = {old[:-3] + "/index.html" for old in yaml.safe_load((ROOT / "data" / "doorverwijzingen.yml").read_text(encoding="utf-8"))}
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")} - moved
    reached = {urlsplit(url).path[len(SUB_PATH):] + "index.html" for url in seen if urlsplit(url).path.endswith("/")}
    assert pages - reached == set()


def test_unknown_page_gets_the_dutch_404_with_search(open_page):
    page = open_page("bestaat/niet/")
    assert "Pagina niet gevonden" in page.inner_text("h1")
    assert page.locator("input.md-search__input").count() == 1
    assert page.console_errors == [] or all("404" in error for error in page.console_errors)

"""The page layout rendered straight to HTML (facts panel, footer), the header search
without Material's search plugin, and the preview that re-renders dependent pages."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, VALID_PAGES, make_mini_site, page_text
from macros import pages as layout
from macros import preview
from macros.index import build_index
from macros.render import page_url

INDEX = build_index(ROOT / "docs", ROOT / "data")
MATERIAL = Path(__import__("material").__file__).parent / "templates"


class Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parse(html: str) -> Hrefs:
    parser = Hrefs()
    parser.feed(html)
    return parser


def output_file(site: Path, src_path: str) -> Path:
    return site / page_url(src_path) / "index.html"


def test_every_link_in_facts_panel_and_footer_resolves_to_a_built_page(built_site):
    """MkDocs neither rewrites nor checks hrefs in HTML we add after conversion: we do."""
    checked = 0
    for entry in INDEX.entries:
        chrome = layout.render_page_chrome(INDEX, entry.src_path)
        base = page_url(entry.src_path)
        for href in parse(chrome.facts_html + chrome.footer_html).hrefs:
            path, _, anchor = href.partition("#")
            if not path:  # a heading's own permalink
                assert anchor in parse(output_file(built_site, entry.src_path).read_text(encoding="utf-8")).ids
                continue
            if entry.type == "bron" and href == str(entry.item.url):  # the original's address (issue 14)
                continue
            assert not re.match(r"^[a-z]+:|^/", path), (entry.src_path, href)
            target = posixpath.normpath(posixpath.join(base, path))
            built = built_site / target / "index.html"
            assert built.is_file(), (entry.src_path, href)
            if anchor:
                assert anchor in parse(built.read_text(encoding="utf-8")).ids, (entry.src_path, href)
            checked += 1
    assert checked > 1000


def test_footer_headings_are_in_the_table_of_contents(built_site):
    html = output_file(built_site, "provincies/overijssel.md").read_text(encoding="utf-8")
    toc = html[html.index('md-nav--secondary'):]
    for anchor in ("programmas", "instrumenten", "tijdlijn", "bronnen-van-deze-pagina"):
        assert f'href="#{anchor}"' in toc, anchor
    assert 'id="tijdlijn"' in html and '<ol class="kb-tijdlijn">' in html


def test_values_are_escaped_and_abbreviations_wrapped(tmp_path):
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    pages["instrumenten/overijssel-scan.md"] = pages["instrumenten/overijssel-scan.md"].replace(
        "status: actief", 'status: actief\npartners: ["<b>IBT</b> & co", "a\\"b"]')
    (tmp_path / "docs").mkdir()
    make_mini_site(tmp_path, pages)
    index = build_index(tmp_path / "docs", tmp_path / "data")
    assert index.errors == [], index.errors
    chrome = layout.render_page_chrome(index, "instrumenten/overijssel-scan.md")
    assert '<dd>&lt;b&gt;<abbr title="Interbestuurlijk toezicht">IBT</abbr>&lt;/b&gt; &amp; co, a&#34;b</dd>' in chrome.facts_html
    assert "<b>" not in chrome.facts_html


def test_header_search_without_material_search_plugin(built_site):
    """Material shows its header search only with its `search` plugin; ours is always there."""
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'for="__search"' in html and "data-kb-zoeken" in html
    assert not (built_site / "search" / "search_index.json").exists()


def test_header_override_is_materials_header_plus_our_search():
    """overrides/partials/header.html differs from Material's only where the search is included."""
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    condition = re.compile(r'    \{% if "material/search" in config\.plugins %\}\n.*?\{% endif %\}\n    \{% endif %\}\n', re.S)
    block = condition.search(theirs)
    assert block, "Material's header no longer includes search as it did; update the override"
    ours_search = (
        '    <label class="md-header__button md-icon" for="__search">\n'
        '      {% set icon = config.theme.icon.search or "material/magnify" %}\n'
        '      {% include ".icons/" ~ icon ~ ".svg" %}\n'
        "    </label>\n"
        '    {% include "partials/search.html" %}\n'
    )
    without_comment = re.compile(r"^\{#-.*?-#\}\n", re.S)
    assert without_comment.sub("", ours) == without_comment.sub("", theirs).replace(block.group(0), ours_search)


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A mini-site built the way `make serve` (mkdocs serve --dirty) builds it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    pages["instrumenten/overijssel-scan.md"] = pages["instrumenten/overijssel-scan.md"].replace(
        "categorie: subsidie-bestuurskracht", "categorie: special")
    pages["overzichten/matrix.md"] = '# Matrix\n\n{{ kb_instrument_matrix("categorie") }}\n'
    pages["overzichten/tijdlijn.md"] = "# Tijdlijn\n\n{{ kb_tijdlijn() }}\n"  # events only: no instrument title
    config_file = make_mini_site(tmp_path, pages)
    monkeypatch.setenv("KB_GIT_DATES", "false")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = tmp_path / "site"

    configs = []

    def rebuild(first: bool = False):
        config = load_config(str(config_file), site_dir=str(site))
        config.site_url = "http://127.0.0.1:8000/kennisbank/"
        if first:  # as `mkdocs serve --dirty` does, once (plugins and hooks persist between builds)
            config.plugins.on_startup(command="serve", dirty=True)
        build(config, serve_url=config.site_url, dirty=True)
        configs.append(config)

    try:
        rebuild(first=True)
        yield tmp_path, site, rebuild
    finally:
        configs[-1].plugins.on_shutdown()
        preview.start("build", False)


def test_preview_rerenders_the_pages_that_show_an_edited_title(served):
    root, site, rebuild = served
    instrument = root / "docs" / "instrumenten" / "overijssel-scan.md"
    province, matrix = site / "provincies/overijssel/index.html", site / "overzichten/matrix/index.html"
    unrelated = [site / "begrippen/interbestuurlijk-toezicht/index.html", site / "overzichten/tijdlijn/index.html"]
    assert "Scan" in province.read_text(encoding="utf-8") and ">Scan<" in matrix.read_text(encoding="utf-8")
    before = [page.stat().st_mtime_ns for page in unrelated]

    instrument.write_text(instrument.read_text(encoding="utf-8").replace("titel: Scan", "titel: Nieuwe scan"), encoding="utf-8")
    rebuild()

    for page in (site / "instrumenten/overijssel-scan/index.html", province, matrix,
                 site / "praktijkvoorbeelden/overijssel-voorbeeld/index.html"):
        assert "Nieuwe scan" in page.read_text(encoding="utf-8"), page
    assert [page.stat().st_mtime_ns for page in unrelated] == before, "a page that does not show it was rendered again"
    # Pages not read again keep their titles in the navigation of the pages that were.
    assert not re.search(r">\s*None\s*<", province.read_text(encoding="utf-8"))


def test_relative_href_equals_render_relative_url():
    from macros.render import relative_url

    sources = [entry.src_path for entry in INDEX.entries] + ["index.md", "overzichten/matrix.md", "kader/taken.md",
                                                            "provincies/index.md", "meewerken/index.md"]
    for target in sources[::7]:
        for origin in sources[::5]:
            assert layout.relative_href(target, origin) == relative_url(target, origin), (target, origin)

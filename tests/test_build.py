"""The real site builds with --strict, and the page layout comes from the index."""

from __future__ import annotations

import re

from conftest import ROOT, VALID_PAGES, make_mini_site, page_text, run_build
from macros.index import build_index

INDEX = build_index(ROOT / "docs", ROOT / "data")


def html_of(site, src_path: str) -> str:
    out = src_path[:-3] + "/index.html" if not src_path.endswith("index.md") else src_path[:-2] + "html"
    return (site / out).read_text(encoding="utf-8")


def test_real_content_is_valid():
    assert INDEX.errors == []
    assert len(INDEX.by_type["provincie"]) == 12


def test_every_content_page_has_heading_facts_and_sources(built_site):
    for entry in INDEX.entries:
        html = html_of(built_site, entry.src_path)
        assert re.search(r"<h1[^>]*>", html), entry.src_path
        assert 'class="kb-feiten"' in html, entry.src_path
        assert "Laatst gecontroleerd aan de bron" in html, entry.src_path
        for source in entry.item.bronnen:
            assert INDEX.get(source).src_path.rsplit("/", 1)[-1][:-3] in html, (entry.src_path, source)


def test_no_page_shows_raw_markdown_or_escapes(built_site):
    """Every link and escape a macro writes is turned into HTML: none is escaped twice."""
    import re as regex

    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        article = html[html.index("<article"):html.index("</article>")]
        text = regex.sub(r"<(code|pre)[^>]*>.*?</\1>", "", article, flags=regex.S)
        assert "](" not in text and ".md)" not in text, page
        assert not regex.search(r"\\[-()\[\]*_|#+!]", text), page


def test_abbreviations_become_tooltips_on_every_page(built_site):
    """Every page that uses a glossary abbreviation as a word shows it with its meaning."""
    import re as regex

    terms = {e.item.afkorting: e.title for e in INDEX.by_type["begrip"] if e.item.afkorting}
    assert terms["IBT"] == "Interbestuurlijk toezicht"
    checked = 0
    for entry in INDEX.entries:
        source = (ROOT / "docs" / entry.src_path).read_text(encoding="utf-8")
        if not regex.search(r"\bIBT\b", source.split("---", 2)[-1]):
            continue
        assert '<abbr title="Interbestuurlijk toezicht">IBT</abbr>' in html_of(built_site, entry.src_path), entry.src_path
        checked += 1
    assert checked > 10


def test_site_is_dutch_and_makes_no_font_requests(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_broken_internal_link_fails_strict_build(tmp_path):
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    pages["index.md"] = "# Start\n\nZie [weg](bestaat-niet.md) en [anker](bronnen/bron-a.md#geen-anker).\n"
    config = make_mini_site(tmp_path, pages)
    result = run_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "bestaat-niet.md" in result.stderr and "geen-anker" in result.stderr


def test_invalid_content_fails_the_build_with_every_error(tmp_path):
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    pages["recept/recept-doen.md"] = pages["recept/recept-doen.md"].replace("volgorde: 1", "volgorde: nul")
    pages["instrumenten/overijssel-scan.md"] = pages["instrumenten/overijssel-scan.md"].replace("status: actief", "statu: actief")
    config = make_mini_site(tmp_path, pages)
    result = run_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "recept/recept-doen.md:5: volgorde: moet een geheel getal zijn" in result.stderr
    assert "instrumenten/overijssel-scan.md:9: statu: onbekend veld — bedoelde je 'status'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_valid_sample_of_every_type_builds(tmp_path):
    config = make_mini_site(tmp_path, {rel: page_text(fm) for rel, fm in VALID_PAGES.items()})
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    html = (tmp_path / "site" / "instrumenten" / "overijssel-scan" / "index.html").read_text(encoding="utf-8")
    assert "Subsidieregeling versterking bestuurskracht" in html
    assert 'href="../../programmas/overijssel-programma/"' in html


# Elements whose implicit ARIA role (generic, paragraph, emphasis, code, …) may not be named
# (WAI-ARIA 1.2, "Roles which cannot be named"): an aria-label there is ignored by screen readers
# and refused by Lighthouse. The icon-only search labels in the header once had one.
UNNAMEABLE = {"div", "span", "label", "p", "b", "i", "em", "strong", "code", "pre", "small",
              "del", "ins", "s", "u", "sub", "sup", "abbr", "time", "dd", "dt", "dl"}


def test_no_page_names_an_element_that_cannot_be_named(built_site):
    from selectolax.lexbor import LexborHTMLParser

    misnamed = []
    for page in built_site.rglob("*.html"):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for node in tree.css("[aria-label], [aria-labelledby]"):
            if node.tag in UNNAMEABLE and "role" not in node.attributes:
                misnamed.append(f"{page.relative_to(built_site)}: <{node.tag} class={node.attributes.get('class')!r}>")
    assert misnamed == [], misnamed[:10]


def test_search_index_equals_pagefinds_index_of_the_full_pages(built_site, tmp_path):
    """The build indexes slim copies (article and meta tags only); Pagefind run over the full
    published pages must produce the very same index: same pages, same fragment and index files
    (their names are content hashes), same language entry."""
    import json
    import subprocess
    import sys

    from macros.search_index import PAGEFIND_OPTIONS

    reference = tmp_path / "pagefind"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(built_site), "--output-path", str(reference),
                    *PAGEFIND_OPTIONS], check=True, capture_output=True)
    built = built_site / "pagefind"
    for folder in ("fragment", "index"):
        assert sorted(p.name for p in (built / folder).iterdir()) == sorted(p.name for p in (reference / folder).iterdir())
    entry = json.loads((built / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry == json.loads((reference / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["nl"]["page_count"] > 300


def test_search_copies_follow_the_pages_of_the_current_build(tmp_path):
    """In the preview the slim copies outlive a build: a page that lost its article or was deleted
    must leave the search index at the next run."""
    from selectolax.lexbor import LexborHTMLParser

    from macros.search_index import SearchCopies

    def page(body: str) -> LexborHTMLParser:
        return LexborHTMLParser(f'<html lang="nl"><head><title>t</title></head><body><nav>menu</nav>{body}</body></html>')

    copies = SearchCopies()
    copies.start(keep=True)
    try:
        copies.add("a/index.html", page('<div data-pagefind-body><h1>Alfa</h1></div>'))
        copies.add("b/index.html", page('<div data-pagefind-body><h1>Beta</h1></div>'))
        copies.add("c/index.html", page('<div data-pagefind-body><h1>Gamma</h1></div>'))
        copies.add("b/index.html", page("<h1>Beta, now excluded from search</h1>"))
        copies.keep_only({"a/index.html", "b/index.html"})
        kept = {p.relative_to(copies.folder).as_posix(): p.read_text(encoding="utf-8") for p in copies.folder.rglob("*.html")}
        assert list(kept) == ["a/index.html"]
        assert "<h1>Alfa</h1>" in kept["a/index.html"] and "menu" not in kept["a/index.html"]
        folder = copies.folder
        copies.start(keep=True)
        assert copies.folder == folder and (folder / "a/index.html").exists()
        copies.start(keep=False)
        assert copies.folder != folder and not folder.exists() and list(copies.folder.rglob("*")) == []
    finally:
        copies.discard()


def test_a_large_search_index_is_made_in_parts_of_bounded_size(tmp_path):
    """Pagefind's memory follows the text it reads, so the copies are indexed in parts of at most
    `part_bytes` (plus one page): every page in exactly one part, each part a Pagefind index of its
    own under pagefind/, and pagefind/delen.json naming the parts after the first."""
    import json

    from selectolax.lexbor import LexborHTMLParser

    from macros.search_index import SearchCopies

    words = ["provincie", "gemeente", "toezicht", "integriteit", "herindeling", "begroting", "raad"]
    copies = SearchCopies()
    copies.start(keep=False)
    try:
        for number in range(1, 31):
            text = " ".join(words[(number + k) % len(words)] for k in range(60))
            copies.add(f"pagina-{number:02d}/index.html", LexborHTMLParser(
                f'<html lang="nl"><head><title>Pagina {number}</title></head><body>'
                f'<div data-pagefind-body><h1>Pagina {number}</h1><p>{text}</p></div></body></html>'))
        sizes = {p.relative_to(copies.folder).as_posix(): p.stat().st_size for p in copies.folder.rglob("*.html")}
        total, largest = sum(sizes.values()), max(sizes.values())
        site = tmp_path / "site"
        plan = copies.plan(site, part_bytes=total // 4 + 1)  # just over a quarter: four parts
        assert len(plan.sources) == 4
        assert plan.targets() == [site / "pagefind"] + [site / "pagefind" / f"deel-{n}" for n in (2, 3, 4)]
        parted = {}
        for source in plan.sources:
            pages = {p.relative_to(source).as_posix(): p.stat().st_size for p in source.rglob("*.html")}
            assert sum(pages.values()) <= total // 4 + 1 + largest
            assert not parted.keys() & pages.keys()
            parted.update(pages)
        assert parted == sizes
        assert plan.run() is None
        assert json.loads((site / "pagefind/delen.json").read_text(encoding="utf-8")) == ["deel-2/", "deel-3/", "deel-4/"]
        counted = 0
        for target in plan.targets():
            entry = json.loads((target / "pagefind-entry.json").read_text(encoding="utf-8"))
            counted += entry["languages"]["nl"]["page_count"]
        assert counted == 30

        # Fewer pages later (the preview): one part again, and the old parts leave the site.
        copies.keep_only({"pagina-01/index.html", "pagina-02/index.html"})
        plan = copies.plan(site, part_bytes=total // 4 + 1)
        assert plan.sources == [copies.folder]
        assert plan.run() is None
        assert json.loads((site / "pagefind/delen.json").read_text(encoding="utf-8")) == []
        assert not list((site / "pagefind").glob("deel-*"))
    finally:
        copies.discard()


def test_own_scripts_and_styles_are_published_minified(built_site):
    """Readers download our CSS and JavaScript without the comments and indentation the sources keep."""
    for name in ("kennisbank.css", "kennisbank.js", "kennisbank-zoeken.js"):
        source = (ROOT / "docs/assets" / name).read_text(encoding="utf-8")
        published = (built_site / "assets" / name).read_text(encoding="utf-8")
        assert len(published) < 0.85 * len(source), name
        assert "/*" not in published and "\n  " not in published, name
    vendored = ROOT / "docs/assets/vendor/tablesort/tablesort.min.js"
    assert (built_site / "assets/vendor/tablesort/tablesort.min.js").read_bytes() == vendored.read_bytes()


def test_preview_search_indexing_never_holds_up_a_rebuild_and_ends_on_the_newest_request(tmp_path):
    """A request returns while Pagefind (here: a stand-in waiting for a gate file) still runs;
    requests made meanwhile fold into one more run, made with the newest command."""
    import subprocess
    import sys
    import time

    from macros.search_index import BackgroundIndexer

    gate, log = tmp_path / "gate", tmp_path / "runs.txt"

    started = tmp_path / "started"

    def job(label: str):
        script = ("import pathlib, sys, time\n"
                  "pathlib.Path(sys.argv[4]).touch()\n"
                  "while not pathlib.Path(sys.argv[1]).exists(): time.sleep(0.01)\n"
                  "open(sys.argv[2], 'a').write(sys.argv[3] + '\\n')\n")
        return lambda: subprocess.run([sys.executable, "-c", script, str(gate), str(log), label, str(started)], check=True)

    indexer = BackgroundIndexer()
    indexer.request(job("first"))
    deadline = time.monotonic() + 30
    while not started.exists():  # "first" is running, held at the gate
        assert time.monotonic() < deadline
        time.sleep(0.01)
    indexer.request(job("second"))  # returns at once although "first" waits for the gate
    indexer.request(job("third"))
    assert not log.exists()
    gate.touch()
    indexer.wait()
    assert log.read_text().split() == ["first", "third"]
    indexer.request(job("fourth"))  # a new worker after the old one ended
    indexer.wait()
    assert log.read_text().split() == ["first", "third", "fourth"]

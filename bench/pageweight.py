"""Page weight of a built site: what a first visit to a page transfers, uncompressed.

    .venv/bin/python bench/pageweight.py [SITE_DIR] [PAGE_URL ...]

SITE_DIR defaults to bench/out/real-on/site (written by bench/build.py). Pages default to
the home page, provincies/noord-holland/, the heaviest content page and the heaviest
HTML page of all. For each page it counts the HTML plus every file the HTML references
and a browser fetches on load: stylesheets, icons, preloads, scripts, images, external
SVG `<use>`/`<image>` targets, Material's search worker (named in `__config`; counted
only if the page has Material's search component) and whatever those stylesheets pull
in with `url()` (fonts, images). Source maps are not counted (only developer tools
fetch them).

The search index is excluded from the first visit and reported on its own:
site/search/search_index.json (Material's lunr index) if present, and site/pagefind/
split into the index a search loads in chunks, the result fragments and the runtime.
Material's `navigation.instant` also fetches sitemap.xml once; it is reported apart.

Targets (issue 9): first visit at most 400 KB, search index at most 1 MB.
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_SITE = PROJECT / "bench" / "out" / "real-on" / "site"
DEFAULT_PAGES = ["", "provincies/noord-holland/"]
CONTENT_FOLDERS = {"provincies", "programmas", "instrumenten", "gebeurtenissen", "recept", "praktijkvoorbeelden",
                   "bronnen", "begrippen"}
FIRST_VISIT_TARGET = 400 * 1024
SEARCH_INDEX_TARGET = 1024 * 1024

FETCHED_LINK_RELS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "manifest"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []  # (kind, url)
        self._in_config = False
        self.config_text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").lower().split())
            if rels & FETCHED_LINK_RELS:
                self.refs.append(("css" if "stylesheet" in rels else "link:" + "+".join(sorted(rels)), attrs["href"]))
        elif tag == "script":
            if attrs.get("src"):
                self.refs.append(("js", attrs["src"]))
            elif attrs.get("id") == "__config":
                self._in_config = True
        elif tag in ("img", "source", "video", "audio", "iframe") and attrs.get("src"):
            self.refs.append(("img" if tag == "img" else tag, attrs["src"]))
        elif tag in ("use", "image"):
            href = attrs.get("href") or attrs.get("xlink:href")
            if href and not href.startswith("#"):
                self.refs.append(("svg", href))

    def handle_data(self, data):
        if self._in_config:
            self.config_text += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False


def _local_file(site: Path, base_url: str, ref: str) -> Path | None:
    """The file in `site` that `ref` (relative to the page/file at `base_url`) names, or None if external."""
    if ref.startswith(("data:", "http://", "https://", "//", "mailto:")):
        return None
    path = unquote(urlsplit(urljoin("/" + base_url, ref)).path).lstrip("/")
    file = site / path
    if file.is_dir() or path == "" or path.endswith("/"):
        file = file / "index.html"
    return file


def page_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if not url.endswith(".html") else site / url


def first_visit(site: Path, url: str) -> dict:
    """Bytes of one page and everything it loads, with the list of files."""
    html_file = page_file(site, url)
    base = url if url.endswith(".html") else url + "index.html"
    parser = _References()
    html = html_file.read_text(encoding="utf-8")
    parser.feed(html)
    files: dict[Path, str] = {html_file: "html"}
    missing: list[str] = []
    refs = list(parser.refs)
    if parser.config_text.strip():
        config = json.loads(parser.config_text)
        # Material starts its search worker only where its search component is on the page.
        if config.get("search") and 'data-md-component="search"' in html:
            refs.append(("js:search-worker", config["search"]))  # already relative to the page
    queue = [(kind, ref, base) for kind, ref in refs]
    while queue:
        kind, ref, against = queue.pop(0)
        file = _local_file(site, against, ref)
        if file is None:
            missing.append(f"{ref} (external)")
            continue
        if not file.exists():
            missing.append(ref)
            continue
        if file in files:
            continue
        files[file] = kind
        if file.suffix == ".css":
            css_base = file.relative_to(site).as_posix()
            for found in _CSS_URL.findall(file.read_text(encoding="utf-8", errors="replace")):
                if not found.startswith(("data:", "#")):
                    queue.append(("css-url", found, css_base))
    sizes = {file: file.stat().st_size for file in files}
    by_kind: dict[str, int] = {}
    for file, kind in files.items():
        group = kind.split(":")[0]
        by_kind[group] = by_kind.get(group, 0) + sizes[file]
    return {
        "url": url or "/",
        "total": sum(sizes.values()),
        "by_kind": by_kind,
        "files": sorted(((file.relative_to(site).as_posix(), size) for file, size in sizes.items()), key=lambda x: -x[1]),
        "missing": missing,
    }


def dir_size(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file()) if path.exists() else 0


def pagefind_sizes(site: Path) -> dict | None:
    """Pagefind's output in three parts: the index a search loads in chunks (index/, *.pf_meta,
    filter/), the result fragments (one per page, loaded per shown result), and the runtime
    (JS, CSS, WebAssembly). A large site's index comes in parts (pagefind/deel-2/, …; see
    macros/search_index.py): each part's files count with their kind."""
    root = site / "pagefind"
    if not root.exists():
        return None
    parts = {"index": 0, "fragments": 0, "runtime": 0}
    for file in root.rglob("*"):
        if not file.is_file():
            continue
        rel = re.sub(r"^deel-[0-9]+/", "", file.relative_to(root).as_posix())
        if rel.startswith(("index/", "filter/")) or rel.endswith(".pf_meta") or rel == "pagefind-entry.json":
            parts["index"] += file.stat().st_size
        elif rel.startswith("fragment/"):
            parts["fragments"] += file.stat().st_size
        else:
            parts["runtime"] += file.stat().st_size
    parts["total"] = sum(parts.values())
    return parts


def search_sizes(site: Path) -> dict:
    index = site / "search" / "search_index.json"
    pagefind = pagefind_sizes(site)
    return {
        "search_index": index.stat().st_size if index.exists() else None,
        "pagefind": pagefind["total"] if pagefind else None,
        "pagefind_parts": pagefind,
        "sitemap": (site / "sitemap.xml").stat().st_size if (site / "sitemap.xml").exists() else 0,
    }


def search_index_bytes(search: dict) -> int:
    """The figure for the 1 MB target: Pagefind's index part if Pagefind is used, else lunr's JSON."""
    if search["pagefind_parts"]:
        return search["pagefind_parts"]["index"]
    return search["search_index"] or 0


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def report(site: Path, pages: list[str] | None = None) -> tuple[list[dict], dict, str]:
    """Measure and return (visits, search sizes, Markdown text)."""
    if not pages:
        pages = list(DEFAULT_PAGES)
        htmls = sorted(site.rglob("index.html"), key=lambda file: -file.stat().st_size)
        content = [f for f in htmls if len(f.relative_to(site).parts) == 3 and f.parts[-3] in CONTENT_FOLDERS]
        for file in content[:1] + htmls[:1]:  # the heaviest content page, and the heaviest page of all
            url = file.parent.relative_to(site).as_posix() + "/"
            if url not in pages and url != "./":
                pages.append(url)
    visits = [first_visit(site, url) for url in pages]
    search = search_sizes(site)
    lines = ["| first visit | HTML | CSS | JS | images/other | total | target | |", "|---|--:|--:|--:|--:|--:|--:|---|"]
    for visit in visits:
        kinds = visit["by_kind"]
        other = visit["total"] - kinds.get("html", 0) - kinds.get("css", 0) - kinds.get("js", 0)
        ok = "✅" if visit["total"] <= FIRST_VISIT_TARGET else "❌"
        lines.append(f"| `{visit['url']}` | {kb(kinds.get('html', 0))} | {kb(kinds.get('css', 0))} | {kb(kinds.get('js', 0))} "
                     f"| {kb(other)} | **{kb(visit['total'])}** | ≤ 400 KB | {ok} |")
    lines.append("")
    if search["search_index"] is not None:
        ok = "✅" if search["search_index"] <= SEARCH_INDEX_TARGET else "❌"
        lines.append(f"- Material's search index `search/search_index.json`: **{kb(search['search_index'])}** (target ≤ 1 MB) {ok}")
    else:
        lines.append("- No `search/search_index.json` (no Material lunr index: its `search` plugin is not used).")
    parts = search["pagefind_parts"]
    if parts:
        ok = "✅" if parts["index"] <= SEARCH_INDEX_TARGET else "❌"
        lines.append(f"- Pagefind `pagefind/`: index (loaded in chunks) **{kb(parts['index'])}** (target ≤ 1 MB) {ok}; "
                     f"fragments (one per shown result) {kb(parts['fragments'])}; JS/CSS/WebAssembly {kb(parts['runtime'])}; "
                     f"together {kb(parts['total'])}")
    lines.append(f"- `sitemap.xml` ({kb(search['sitemap'])}) is fetched once by `navigation.instant`; not counted.")
    for visit in visits:
        lines.append(f"- Files of `{visit['url']}`: " + ", ".join(f"{name} {kb(size)}" for name, size in visit["files"]))
        if visit["missing"]:
            lines.append(f"  - not found or external: {', '.join(visit['missing'])}")
    return visits, search, "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0]) if argv else DEFAULT_SITE
    if not (site / "index.html").exists():
        print(f"{site}: no built site; build first (bench/build.py, or mkdocs build -d {site})", file=sys.stderr)
        return 2
    _, _, text = report(site, argv[1:] or None)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

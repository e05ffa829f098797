"""MkDocs hooks (registered in mkdocs.yml): the build-side half of the security boundary,
and the generated files (open-data exports, search facets, security.txt).

* `on_files`: nothing outside docs/ is published — every file must be a regular
  file inside the docs folder (the index already refused symlinks; this holds
  even for files MkDocs found on its own).
* `on_page_content`: the page body, after Markdown, passes the content policy
  (policy.check_content) and carries no personal data in its rendered text.
* `on_page_context`: the facts panel and footer are added, just before the page is written.
* `on_post_page`: the whole page passes the page policy (policy.protect_page) and
  gets its Content-Security-Policy.
A page that fails is not written as rendered (a neutral notice takes its place)
and the build fails in `on_post_build`, listing every violation at once.

Exports are computed from the index that the macros plugin built in `on_config`;
nothing is read again.
"""

from __future__ import annotations

import html
import os
import posixpath
import signal
import sys
import threading
from datetime import timedelta
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

# MkDocs loads this file by path; make the project's `macros` package importable.
PROJECT_DIR = str(Path(__file__).resolve().parent.parent)
if PROJECT_DIR not in sys.path:
    sys.path.insert(0, PROJECT_DIR)

import material  # noqa: E402
import rcssmin  # noqa: E402
import rjsmin  # noqa: E402
from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from macros import policy, render  # noqa: E402
from macros.exports import export_files  # noqa: E402
from macros.feeds import province_feed_files  # noqa: E402
from macros.index import build_date  # noqa: E402
from macros.lint import find_personal_data, normalise_text  # noqa: E402
from macros.pages import apply_page_chrome  # noqa: E402
from macros.search import FACETS_FILE, facets_json  # noqa: E402
from macros import preview  # noqa: E402
from macros.search_index import BackgroundIndexer, SearchCopies  # noqa: E402

# Seconds one page may take from Markdown to HTML (normal pages take milliseconds).
RENDER_BUDGET_SECONDS = float(os.environ.get("KB_RENDER_BUDGET_SECONDS", "20"))
REFUSED_PAGE = ("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Geweigerd</title></head>"
                "<body><p>Deze pagina is niet gepubliceerd: ze voldoet niet aan het beleid voor inhoud.</p></body></html>")


BLOCK_SELECTOR = ",".join(("p", "li", "td", "th", "tr", "dt", "dd", "div", "section", "blockquote", "pre", "br", "hr",
                           "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "summary", "details", "text"))


class _State:
    """Per-build state: the theme's inline scripts and the violations found so far."""

    theme_scripts: policy.ThemeScripts | None = None
    rendering = ""
    violations: list[str] = []
    pagefind = BackgroundIndexer()  # the preview's search index, kept up to date in the background
    search_copies = SearchCopies()  # what Pagefind reads: a slim copy of every page
    page_dests: set[str] = set()


def on_startup(command, dirty):
    preview.start(command, dirty)


def on_shutdown():
    _State.pagefind.wait()
    _State.search_copies.discard()


def on_pre_build(config):
    _State.search_copies.start(keep=preview.active())


def on_env(env, config, files):
    preview.prepare_env(env, files)
    return env


def _index(config):
    return config.plugins["macros"].variables["_kennisbank"]["index"]


def on_config(config):
    _State.violations = []
    template_dirs = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    template_dirs.append(Path(material.__file__).parent / "templates")
    _State.theme_scripts = policy.ThemeScripts.from_templates(template_dirs)
    return config


def on_files(files, config):
    docs_dir = Path(config.docs_dir).absolute()
    real_docs_dir = docs_dir.resolve()
    for file in files:
        if file.generated_by or file.abs_src_path is None:
            continue
        source = Path(file.abs_src_path).absolute()
        if docs_dir not in source.parents:
            continue  # the theme's own files
        if source.is_symlink() or not source.is_file() or real_docs_dir not in source.resolve().parents:
            raise PluginError(f"{file.src_path}: alleen gewone bestanden binnen docs/ worden gepubliceerd")
    index = _index(config)
    site_url = config.site_url or "/"
    for path, content in export_files(index, site_url, build_date()).items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, FACETS_FILE, content=facets_json(index)))
    for path, content in province_feed_files(index, site_url, build_date()).items():
        files.append(File.generated(config, path, content=content))
    for old, new in index.redirects.items():
        files.append(File.generated(config, old[:-3] + "/index.html" if config.use_directory_urls else old[:-3] + ".html",
                                    content=redirect_page(new, old, files)))
    # Dot-folders are excluded by default; this one is published on purpose.
    files.append(File.generated(config, ".well-known/security.txt", content=security_txt(config), inclusion=InclusionLevel.INCLUDED))
    _minify_own_assets(files, config)
    preview.mark_stale(index, files, config)
    _State.page_dests = {file.dest_uri for file in files.documentation_pages()}
    return files


def _minify_own_assets(files, config) -> None:
    """Our own CSS and JavaScript are published minified (a quarter smaller; the sources keep their
    comments for the next developer). Vendored files come minified already."""
    own = {path for path in [*config.extra_css, *map(str, config.extra_javascript)]
           if path.startswith("assets/") and not path.startswith("assets/vendor/")}
    for file in list(files):
        if file.src_uri not in own or file.generated_by or file.abs_src_path is None:
            continue
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        minified = rcssmin.cssmin(text) if file.src_uri.endswith(".css") else rjsmin.jsmin(text)
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=minified))


def redirect_page(new_src: str, old_src: str, files) -> str:
    """A page at a removed page's address that sends the reader on: meta refresh plus a visible link.

    Our own template (the map is data/doorverwijzingen.yml, checked by the index); the
    refresh is the one `<meta http-equiv>` the site writes, and content cannot add one."""
    target = files.get_file_from_path(new_src)
    old_url = render.page_url(old_src)
    href = posixpath.relpath(target.url or ".", old_url or ".") + ("/" if target.url.endswith("/") else "")
    href = html.escape(href, quote=True)
    page = ('<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
            f'<title>Verhuisd</title><meta http-equiv="refresh" content="0; url={href}"><link rel="canonical" href="{href}">'
            '<meta name="robots" content="noindex"></head>'
            f'<body><p>Deze pagina is verhuisd naar <a href="{href}">een nieuwe plek</a>.</p></body></html>')
    return policy.insert_csp(page, [])  # no scripts on this page


def security_txt(config) -> str:
    """RFC 9116: a contact for security reports, valid for a year from the build date."""
    contact = (config.extra or {}).get("security_contact")
    if not contact:
        raise PluginError("mkdocs.yml: extra.security_contact ontbreekt (nodig voor /.well-known/security.txt)")
    expires = build_date() + timedelta(days=364)
    canonical = (config.site_url or "/").rstrip("/") + "/.well-known/security.txt"
    return (f"Contact: {contact}\n"
            f"Expires: {expires.isoformat()}T00:00:00Z\n"
            "Preferred-Languages: nl, en\n"
            f"Canonical: {canonical}\n")


def _source_line(page, needle: str) -> int | None:
    """The first line of the page's source that mentions `needle` (only read when reporting)."""
    if not needle or page.file.abs_src_path is None:
        return None
    lines = Path(page.file.abs_src_path).read_text(encoding="utf-8", errors="replace").lower().split("\n")
    candidates = [number for number, line in enumerate(lines, start=1) if needle in line]
    # Prefer a line that carries markup (a tag, an attribute list, a link) over a line of prose.
    marked = [number for number in candidates if any(sign in lines[number - 1] for sign in ("<", "{:", "]("))]
    return (marked or candidates or [None])[0]


def _report(page, messages: list[tuple[str, str]]) -> None:
    for message, needle in messages:
        line = _source_line(page, needle)
        where = f"docs/{page.file.src_path}:{line}" if line else f"docs/{page.file.src_path}"
        _State.violations.append(f"{where}: {message}")


def _rendered_personal_data(html: str, config) -> list[tuple[str, str]]:
    """Personal data in what a reader sees: text (emphasis and entities gone) and link targets."""
    tree = LexborHTMLParser(html)
    allowed = _index(config).allowed_addresses
    addresses, mailboxes = set(allowed.adressen), set(allowed.algemene_mailboxen)
    # Inline elements are joined without a gap, so <em> inside a number hides nothing; block
    # boundaries (cells, paragraphs, items) get a "|", so two table cells never form one number.
    for block in tree.css(BLOCK_SELECTOR):
        block.insert_after("\n|\n")
    texts = [tree.body.text(deep=True, separator="")] if tree.body else []
    for node in tree.css("[href], [title], [alt]"):
        texts.extend(value for name, value in node.attributes.items() if name in ("href", "title", "alt") and value)
    found: dict[str, None] = {}
    for text in texts:
        for finding in find_personal_data(normalise_text(text), addresses, mailboxes):
            found[f"{finding.message} — {finding.hint}"] = None
    return [(message, "") for message in found]


def _render_budget_exceeded(signum, frame):
    raise PluginError(f"{_State.rendering}: het omzetten van de Markdown duurde langer dan {RENDER_BUDGET_SECONDS} s; "
                      "de pagina is te complex (bijvoorbeeld duizenden haken of tekens in één alinea)")


def on_page_markdown(markdown, page, config, files):
    """Start the page's time budget: Python-Markdown has inputs on which it is quadratic.

    The check refuses the constructs we know (too many '[' in a block, deep nesting);
    the budget turns any other pathological page into a clear error instead of a CI
    run that hangs for hours. Signals work only in the main thread (`mkdocs build`)."""
    _State.rendering = f"docs/{page.file.src_path}"
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGALRM, _render_budget_exceeded)
        signal.setitimer(signal.ITIMER_REAL, RENDER_BUDGET_SECONDS)
    return markdown


def on_page_content(html, page, config, files):
    """The converted body passes the content policy and carries no personal data."""
    if threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)
    checked, violations = policy.check_content(html)
    problems = [(f"{violation}", violation.needle) for violation in violations]
    problems += _rendered_personal_data(checked, config)
    if problems:
        _report(page, problems)
        page.meta["_kb_refused"] = True
        return "<p>Deze pagina is geweigerd.</p>"
    return checked


def on_page_context(context, page, config, nav):
    """Our facts panel and footer (straight to HTML from the index), added just before the page
    is written rather than when its Markdown is converted: MkDocs converts every page before it
    writes the first, so the chrome of all pages would otherwise sit in memory at once.

    The page policy (on_post_page) checks the chrome with the rest of the page; the chrome's
    text gets the same personal-data scan as the body."""
    if page.meta.get("_kb_refused"):
        return context
    content, chrome = apply_page_chrome(_index(config), page.content, page)
    page.content = policy.as_parsed(content) if chrome else content
    problems = _rendered_personal_data(chrome, config) if chrome else []
    if problems:
        _report(page, problems)
        page.meta["_kb_refused"] = True
    return context


def on_post_page(output, page, config):
    if page.meta.get("_kb_refused"):
        return REFUSED_PAGE
    tree = LexborHTMLParser(output)
    protected, violations = policy.protect_page(output, _State.theme_scripts, tree)
    if violations:
        _report(page, [(str(violation), violation.needle) for violation in violations])
        return REFUSED_PAGE
    _State.search_copies.add(page.file.dest_uri, tree)
    # Written once this returns, and read by nothing after: the memory of a page, not of the site.
    # (Not page.markdown: MkDocs gives a page without it no title, in every later page's navigation.)
    page.content = None
    return protected


def on_post_template(output_content, template_name, config):
    """Stand-alone theme pages (the 404 page) pass the page policy and get a CSP too."""
    if not template_name.endswith(".html"):
        return output_content
    protected, violations = policy.protect_page(output_content, _State.theme_scripts)
    if violations:
        _State.violations.extend(f"{template_name}: {violation}" for violation in violations)
        return REFUSED_PAGE
    return protected


def on_post_build(config):
    """Fail on any policy violation; then index the built site with Pagefind.

    Our header search and search page use Pagefind (Dutch stemming from <html lang="nl">);
    mkdocs.yml has no `search` plugin, so no lunr index is built at all.
    """
    if _State.violations:
        count = len(_State.violations)
        raise PluginError("Het beleid voor HTML weigert " + ("1 onderdeel" if count == 1 else f"{count} onderdelen") + ":\n"
                          + "\n".join(_State.violations))
    site_dir = Path(config.site_dir)
    copies = _State.search_copies
    copies.keep_only(_State.page_dests)
    if preview.active():
        # In the preview the page is ready now; the search index follows in the background.
        _State.pagefind.request(lambda: copies.plan(site_dir).run())
        return
    failed = copies.plan(site_dir).run()
    copies.discard()
    if failed is not None:
        raise PluginError("Pagefind kon de zoekindex niet maken:\n" + failed.stdout + failed.stderr)

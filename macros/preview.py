"""The editor's preview (`make serve`, i.e. `mkdocs serve --dirty`): after an edit, render
again only what the edit changes, and all of that.

MkDocs' dirty reload renders only the pages whose source is newer than their output.
Our pages also show other pages' data, so after an edit this module marks as stale:

* every content page whose facts panel or footer, rendered from the new index, differs
  from the last build (an instrument's new title on its province page, in related lists);
* every page that calls a macro (overviews, matrix, lists) whose macro output, rendered
  from the new index, differs from the last build (only computed when some page's
  front-matter or a reference list changed; a page whose macros cannot be rendered here
  is simply rendered again);
* nothing else: an edit of body text re-renders that one page.

Pages MkDocs does not read again keep the title they had (otherwise the navigation of
the re-rendered pages shows file names). Not refreshed: the navigation *inside* pages
that are not re-rendered (a renamed page keeps its old name in their sidebars until the
next full build), and the RSS feed, which lists only the pages of the last rebuild.

State lives in one `Preview` object for the lifetime of the server process, created by
`start()` only for `mkdocs serve --dirty`; `mkdocs build` keeps no state. The MkDocs hooks
(macros/site_hooks.py) call `start`, `mark_stale` (on_files), `prepare_env` (on_env)
and ask `active()`.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from types import SimpleNamespace

import jinja2

from .pages import render_page_chrome

TEMPLATE_DELIMITERS = ("{{", "{%", "{#")
log = logging.getLogger("mkdocs.plugins.kennisbank.preview")


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build; in our preview that is by design, not news."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept between rebuilds (MkDocs makes a new Jinja environment
    for every build); Jinja checks each template's source checksum before using its code."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Preview:
    entries: dict[str, str] = field(default_factory=dict)  # src_path → front-matter fingerprint
    chrome: dict[str, str] = field(default_factory=dict)  # src_path → hash of facts panel + footer
    macro_output: dict[str, str | None] = field(default_factory=dict)  # src_path → hash of the page after Jinja
    titles: dict[str, str] = field(default_factory=dict)  # src_path → page title of the last render
    reference: str = ""  # fingerprint of the reference lists in data/
    builds: int = 0
    templates: _MemoryBytecodeCache = field(default_factory=_MemoryBytecodeCache)


_active: Preview | None = None


def start(command: str, dirty: bool) -> None:
    """Called from `on_startup`: keep state only for `mkdocs serve --dirty`."""
    global _active
    _active = Preview() if command == "serve" and dirty else None
    build_log = logging.getLogger("mkdocs.commands.build")
    for old in [f for f in build_log.filters if isinstance(f, _NoDirtyWarning)]:
        build_log.removeFilter(old)
    if _active:
        build_log.addFilter(_NoDirtyWarning())


def active() -> bool:
    return _active is not None


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _entry_fingerprints(index) -> dict[str, str]:
    return {entry.src_path: _digest(entry.item.model_dump_json()) for entry in index.entries}


def _reference_fingerprint(index) -> str:
    return _digest(repr(sorted((name, [ref.model_dump_json() for ref in refs]) for name, refs in index.reference.items())))


def _chrome_fingerprints(index) -> dict[str, str]:
    fingerprints = {}
    for entry in index.entries:
        chrome = render_page_chrome(index, entry.src_path)
        fingerprints[entry.src_path] = _digest(chrome.facts_html + chrome.footer_html)
    return fingerprints


def _macro_output(macros_plugin, src_path: str, text: str) -> str | None:
    """Hash of a page's text after mkdocs-macros' Jinja, as the page would get it (None: unknown)."""
    if macros_plugin is None:
        return None
    page = SimpleNamespace(file=SimpleNamespace(src_path=src_path, src_uri=src_path), meta={}, title=None)
    previous = macros_plugin.__dict__.get("_page")
    macros_plugin._page = page  # what our views read as the calling page (ViewContext.src)
    try:
        return _digest(macros_plugin.env.from_string(text).render(**macros_plugin.variables))
    except Exception:  # noqa: BLE001 — any failure only means "render this page again"
        return None
    finally:
        if previous is None:
            del macros_plugin._page
        else:
            macros_plugin._page = previous


def stale_pages(state: Preview, index, sources: dict[str, str], macros_plugin=None) -> set[str]:
    """Source paths (relative to docs/) of the pages whose output an edit made stale.

    `sources` maps every Markdown page to its text; `macros_plugin` renders the pages that
    call macros. Updates `state` to the new index."""
    entries, reference = _entry_fingerprints(index), _reference_fingerprint(index)
    if entries == state.entries and reference == state.reference:
        return set()
    chrome = _chrome_fingerprints(index)
    stale = {src for src, digest in chrome.items() if state.chrome.get(src) != digest}
    macro_output = {src: _macro_output(macros_plugin, src, text) for src, text in sources.items()
                    if any(d in text for d in TEMPLATE_DELIMITERS)}
    stale |= {src for src, digest in macro_output.items() if digest is None or state.macro_output.get(src) != digest}
    state.entries, state.reference, state.chrome, state.macro_output = entries, reference, chrome, macro_output
    return stale


def mark_stale(index, files, config=None) -> list[str]:
    """`on_files`: make MkDocs' dirty build render the stale pages too (their output is
    dated back, so `File.is_modified()` is true). Returns their source paths."""
    if _active is None:
        return []
    pages = [file for file in files.documentation_pages()]
    sources = {}
    for file in pages:
        with open(file.abs_src_path, encoding="utf-8") as handle:
            sources[file.src_uri] = handle.read()
    macros_plugin = config.plugins.get("macros") if config is not None else None
    stale = stale_pages(_active, index, sources, macros_plugin)
    if _active.builds == 0:
        # The first build renders everything (titles and fingerprints start complete), even
        # into a site folder left by an earlier run.
        stale = set(sources)
    _active.builds += 1
    marked = []
    for file in pages:
        if file.src_uri in stale and os.path.isfile(file.abs_dest_path):
            os.utime(file.abs_dest_path, (0, 0))
            marked.append(file.src_uri)
    if marked and _active.builds > 1:
        log.info(f"Ook opnieuw opgebouwd (tonen gewijzigde gegevens): {len(marked)} pagina's")
    return marked


def prepare_env(env, files) -> None:
    """`on_env`: compiled theme templates from the last build; pages not read in this
    build keep the title of their last render."""
    if _active is None:
        return
    env.bytecode_cache = _active.templates
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        if page.markdown is not None:
            _active.titles[file.src_uri] = page.title
        elif file.src_uri in _active.titles:
            page.title = _active.titles[file.src_uri]

"""The Pagefind search index, built from a slim copy of every page instead of the pages themselves.

Pagefind reads every HTML file of the site whole, all at once, although it indexes only the
`[data-pagefind-body]` element and the `data-pagefind-meta` tags. The navigation around the article
is most of a page's bytes: at 5,000 pages the site is 770 MB of HTML and Pagefind peaked at
800 MB of memory, four times plain Material's whole build. So each page, already parsed for the
page policy, leaves a slim copy in a scratch folder — its language, its meta tags for Pagefind and
the indexed element, nothing else — and Pagefind indexes that folder into `site/pagefind/`.
The index is the same (a test compares it with Pagefind's index of the full pages, fragment by
fragment); the work is proportional to the content, not to the navigation.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

# The "Laatst bijgewerkt" line is chrome, not content: indexed, its dates pushed the pages that
# define a term far down the results (measured: "herindelingen" put its glossary page 8th, not 1st).
PAGEFIND_OPTIONS = ("--exclude-selectors", ".md-source-file")


def search_document(tree: LexborHTMLParser) -> str | None:
    """What Pagefind reads of a page, as a small HTML document; None for a page it does not index."""
    body = tree.css_first("[data-pagefind-body]")
    if body is None:
        return None
    html_element = tree.css_first("html")
    language = (html_element.attributes.get("lang") if html_element is not None else None) or "nl"
    metas = "".join(node.html for node in tree.css("head meta[data-pagefind-meta]"))
    title = tree.css_first("head title")
    return (f'<!DOCTYPE html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
            f'{title.html if title is not None else ""}{metas}</head><body>{body.html}</body></html>')


class SearchCopies:
    """The scratch folder of slim pages for one build (or, in the preview, for the whole session).

    The preview re-renders only the pages an edit affects, so its folder lives as long as the
    server and keeps the other pages' copies; a full build starts from an empty folder.
    """

    def __init__(self) -> None:
        self.folder: Path | None = None

    def start(self, keep: bool) -> None:
        if self.folder is not None and not keep:
            self.discard()
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="kb-zoekindex-"))

    def add(self, dest_path: str, tree: LexborHTMLParser) -> None:
        """Keep the slim copy of the page written to `dest_path` (site-relative), or drop a stale one."""
        assert self.folder is not None, "SearchCopies.start() comes first"
        target = self.folder / dest_path
        document = search_document(tree)
        if document is None:
            target.unlink(missing_ok=True)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document, encoding="utf-8")

    def keep_only(self, dest_paths: set[str]) -> None:
        """Drop the copies of pages that no longer exist (a page deleted during the preview)."""
        assert self.folder is not None
        for copy in self.folder.rglob("*.html"):
            if copy.relative_to(self.folder).as_posix() not in dest_paths:
                copy.unlink()

    def command(self, site_dir: Path) -> list[str]:
        """Pagefind over the slim copies, writing its index where the full site expects it."""
        assert self.folder is not None
        return [sys.executable, "-m", "pagefind", "--site", str(self.folder),
                "--output-path", str(site_dir / "pagefind"), *PAGEFIND_OPTIONS]

    def discard(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


class BackgroundIndexer:
    """The preview's search index: Pagefind runs in a thread and never holds up a rebuild.

    A request made while Pagefind runs is remembered and served by one more run as soon as the
    current one ends; requests in between fold into that one run. So the index always ends up
    made from the newest copies, and a quick series of saves costs at most two runs, not one each.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[str] | None = None
        self._worker: threading.Thread | None = None

    def request(self, command: list[str]) -> None:
        with self._lock:
            self._pending = command
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="pagefind", daemon=True)
                self._worker.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                command, self._pending = self._pending, None
                if command is None:
                    self._worker = None  # under the lock: a request from now on starts a new worker
                    return
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait(self) -> None:
        """Until every requested run has ended (the preview stops)."""
        while True:
            with self._lock:
                worker = self._worker
            if worker is None:
                return
            worker.join()

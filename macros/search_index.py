"""The Pagefind search index, built from a slim copy of every page instead of the pages themselves.

Pagefind reads every HTML file of the site whole, all at once, although it indexes only the
`[data-pagefind-body]` element and the `data-pagefind-meta` tags. The navigation around the article
is most of a page's bytes: at 5,000 pages the site is 770 MB of HTML and Pagefind peaked at
800 MB of memory, four times plain Material's whole build. So each page, already parsed for the
page policy, leaves a slim copy in a scratch folder — its language, its meta tags for Pagefind and
the indexed element, nothing else — and Pagefind indexes that folder into `site/pagefind/`.
The index is the same (a test compares it with Pagefind's index of the full pages, fragment by
fragment); the work is proportional to the content, not to the navigation.

Pagefind holds its whole index in memory while it writes it, about 13 times the text it reads
(965 MB for the 72 MB of slim copies of 5,000 synthetic pages). So a large site is indexed in
parts of at most `PART_BYTES` of copies each, one Pagefind run after the other, and the browser
merges them (Pagefind's `mergeIndex`): the first part in `site/pagefind/`, the others in
`site/pagefind/deel-2/`, … and `site/pagefind/delen.json` lists those others. Pages go to the
parts in turns, in path order, so each part has a like mix of pages and Pagefind's ranking, made
per part, stays comparable between parts. The real site fits in one part.
"""

from __future__ import annotations

import html
import json
import math
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

# The "Laatst bijgewerkt" line is chrome, not content: indexed, its dates pushed the pages that
# define a term far down the results (measured: "herindelingen" put its glossary page 8th, not 1st).
PAGEFIND_OPTIONS = ("--exclude-selectors", ".md-source-file")
PART_BYTES = 8 * 2**20  # slim copies per Pagefind run: Pagefind then peaks at about 170 MB
PARTS_FILE = "delen.json"  # in site/pagefind/: the folders of the other parts, for the browser


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
        self._parts: Path | None = None  # the hard-linked part folders of the last plan

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

    def plan(self, site_dir: Path, part_bytes: int = PART_BYTES) -> IndexPlan:
        """The Pagefind runs that index the current copies into `site_dir/pagefind/`.

        One run over the copies folder when they fit in one part; otherwise one folder of hard
        links per part (no copying), filled in turns in path order.
        """
        assert self.folder is not None
        self._drop_parts()
        copies = sorted(self.folder.rglob("*.html"))
        total = sum(copy.stat().st_size for copy in copies)
        count = max(1, math.ceil(total / part_bytes))
        output = site_dir / "pagefind"
        if count == 1:
            return IndexPlan(output, [self.folder])
        self._parts = Path(tempfile.mkdtemp(prefix="kb-zoekindex-delen-"))
        sources = [self._parts / f"deel-{number}" for number in range(1, count + 1)]
        for position, copy in enumerate(copies):
            target = sources[position % count] / copy.relative_to(self.folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.hardlink_to(copy)
        return IndexPlan(output, sources)

    def _drop_parts(self) -> None:
        if self._parts is not None:
            shutil.rmtree(self._parts, ignore_errors=True)
            self._parts = None

    def discard(self) -> None:
        self._drop_parts()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


@dataclass(frozen=True)
class IndexPlan:
    """Pagefind runs, one per part, and where their indexes go."""

    output: Path  # site/pagefind/
    sources: list[Path]  # the copies of each part; the first part's index is the main one

    def targets(self) -> list[Path]:
        return [self.output] + [self.output / source.name for source in self.sources[1:]]

    def commands(self) -> list[list[str]]:
        return [[sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(target), *PAGEFIND_OPTIONS]
                for source, target in zip(self.sources, self.targets())]

    def run(self) -> subprocess.CompletedProcess | None:
        """Run every part in turn; the first failed run is returned, None when all succeeded.

        Parts of an earlier run that this plan does not make (the preview, after pages were
        deleted) are removed first; the list of parts is written last, so a browser never merges
        a part that is not there yet.
        """
        targets = self.targets()
        for stale in self.output.glob("deel-*"):
            if stale not in targets:
                shutil.rmtree(stale, ignore_errors=True)
        for command in self.commands():
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode != 0:
                return result
        parts = [f"{target.name}/" for target in targets[1:]]
        (self.output / PARTS_FILE).write_text(json.dumps(parts), encoding="utf-8")
        return None


class BackgroundIndexer:
    """The preview's search index: Pagefind runs in a thread and never holds up a rebuild.

    A request made while Pagefind runs is remembered and served by one more run as soon as the
    current one ends; requests in between fold into that one run. So the index always ends up
    made from the newest copies, and a quick series of saves costs at most two runs, not one each.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Callable[[], object] | None = None
        self._worker: threading.Thread | None = None

    def request(self, job: Callable[[], object]) -> None:
        with self._lock:
            self._pending = job
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="pagefind", daemon=True)
                self._worker.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                job, self._pending = self._pending, None
                if job is None:
                    self._worker = None  # under the lock: a request from now on starts a new worker
                    return
            job()

    def wait(self) -> None:
        """Until every requested run has ended (the preview stops)."""
        while True:
            with self._lock:
                worker = self._worker
            if worker is None:
                return
            worker.join()

"""Views for editors: pages whose review is due, and what changed recently.

`kb_verlopen()` lists the pages whose facts should be checked against the sources
again (the same rule as the warning on the page itself and in `python -m macros
check`: `Index.overdue`), plus the pages that are due soon.

`kb_recent()` lists the content pages changed most recently, by the date of their
last commit. The history comes from a single `git log` over docs/, run the first
time the macro is called in a build and kept in the closure of that build; pages
never trigger it themselves. Without git history (a download of the sources, a
temp-dir test build) the list says so instead of guessing; in a shallow clone
every page would get the date of the oldest fetched commit, which is why the
workflows check out with `fetch-depth: 0`. The page also links to the RSS feed of
changed pages (mkdocs-rss-plugin), for people who want to follow changes in a feed reader.
"""

from __future__ import annotations

import posixpath
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

from ..dates import MONTHS
from ..index import build_date
from ..labels import TYPE_LABELS
from ..render import md_link, page_url

SOON_DAYS = 92
GIT_TIMEOUT_SECONDS = 60
# Only the feed of changes: without creation dates (see mkdocs.yml) the "created" feed has no order.
FEEDS = (("rss_updated", "RSS-feed van gewijzigde pagina's"),)


def long_date(day: date) -> str:
    """'23 november 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def git_changes(docs_dir: Path) -> dict[str, date]:
    """The date of the last commit of every file under `docs_dir`, from one `git log`.

    Paths are relative to `docs_dir`. Returns {} when there is no git history."""
    command = ["git", "-c", "core.quotePath=false", "log", "--format=%x00%aI", "--name-only", "--relative", "--", "."]
    try:
        result = subprocess.run(command, cwd=docs_dir, capture_output=True, text=True, timeout=GIT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    changes: dict[str, date] = {}
    current = None
    for line in result.stdout.splitlines():
        if line.startswith("\x00"):
            current = datetime.fromisoformat(line[1:]).date()
        elif line and current is not None:
            changes.setdefault(line, current)  # newest commit first: keep the first date seen
    return changes


def macros(ctx) -> dict:
    index = ctx.index
    history: dict[str, dict[str, date]] = {}  # filled once per build, on first use

    def row(entry, day: date | None = None) -> dict:
        return {"link": md_link(entry.title, entry.src_path, ctx.src), "type": TYPE_LABELS[entry.type],
                "checked": long_date(entry.item.laatst_gecontroleerd), "due": long_date(day) if day else ""}

    def kb_verlopen() -> str:
        """Pages past their review date (oldest first), and those due within SOON_DAYS days."""
        today = build_date()
        overdue = [row(entry, due) for entry, due in index.overdue(today)]
        horizon = today + timedelta(days=SOON_DAYS)
        upcoming = sorted(((index.review_due(e), e.src_path, e) for e in index.entries if today <= index.review_due(e) < horizon),
                          key=lambda item: item[:2])
        soon = [row(entry, due) for due, _, entry in upcoming]
        return ctx.render("review_list.md.j2", overdue=overdue, soon=soon, soon_days=SOON_DAYS)

    def kb_recent(aantal: int = 30) -> str:
        """The `aantal` content pages with the most recent commits, newest first, and the feed links."""
        if not isinstance(aantal, int) or not 1 <= aantal <= 500:
            raise ValueError("kb_recent: aantal moet een geheel getal van 1 tot en met 500 zijn")
        if "changes" not in history:
            history["changes"] = git_changes(Path(ctx.env.conf["docs_dir"]))
        changes = history["changes"]
        dated = sorted(((changes[e.src_path], e) for e in index.entries if e.src_path in changes),
                       key=lambda pair: (pair[0], pair[1].src_path), reverse=True)
        rows = [{"changed": long_date(day), "link": md_link(entry.title, entry.src_path, ctx.src),
                 "type": TYPE_LABELS[entry.type]} for day, entry in dated[:aantal]]
        rss = ctx.env.conf["plugins"].get("rss")
        base = page_url(ctx.src).rstrip("/") or "."
        feeds = [{"href": posixpath.relpath(getattr(rss.config.feeds_filenames, key), base), "label": label}
                 for key, label in FEEDS] if rss is not None and rss.config.rss_feed_enabled else []
        return ctx.render("recent.md.j2", rows=rows, feeds=feeds)

    def kb_meewerkgids() -> str:
        """The contributor guide (CONTRIBUTING.md), read and checked once with the index.

        Replaces a file include: no page can name another file to publish."""
        return index.contributing

    return {"kb_verlopen": kb_verlopen, "kb_recent": kb_recent, "kb_meewerkgids": kb_meewerkgids}

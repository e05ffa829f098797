"""MkDocs hooks (registered in mkdocs.yml): add the open-data exports to the site.

Exports are added as generated files in `on_files`, so pages can link to them
and `mkdocs build --strict` checks those links. They are computed from the index
that the macros plugin built in `on_config`; nothing is read again.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.structure.files import File

# MkDocs loads this file by path; make the project's `macros` package importable.
PROJECT_DIR = str(Path(__file__).resolve().parent.parent)
if PROJECT_DIR not in sys.path:
    sys.path.insert(0, PROJECT_DIR)

from macros.exports import export_files  # noqa: E402
from macros.index import build_date  # noqa: E402
from macros.search import FACETS_FILE, facets_json  # noqa: E402
from macros import preview  # noqa: E402

_pagefind: subprocess.Popen | None = None


def on_startup(command, dirty):
    preview.start(command, dirty)


def on_files(files, config):
    index = config.plugins["macros"].variables["_kennisbank"]["index"]
    site_url = config.site_url or "/"
    for path, content in export_files(index, site_url, build_date()).items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, FACETS_FILE, content=facets_json(index)))
    preview.mark_stale(index, files, config)
    return files


def on_shutdown():
    if _pagefind is not None:
        _pagefind.wait()


def on_env(env, config, files):
    preview.prepare_env(env, files)
    return env


def on_post_build(config):
    """Index the built site with Pagefind (Dutch stemming from <html lang="nl">).

    Our header search and search page use Pagefind, so Material's lunr index is
    never requested (the header form is not named "search"); it is removed so the
    published site carries one search index, not two.
    """
    site_dir = Path(config.site_dir)
    if preview.active():
        # In the preview the page is ready now; the search index follows in the background.
        global _pagefind
        if _pagefind is not None and _pagefind.poll() is None:
            _pagefind.wait()
        _pagefind = subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(site_dir)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir)], capture_output=True, text=True)
    if result.returncode != 0:
        from mkdocs.exceptions import PluginError

        raise PluginError("Pagefind kon de zoekindex niet maken:\n" + result.stdout + result.stderr)
    for unused in ("search/search_index.json", "search/search_index.js"):
        (site_dir / unused).unlink(missing_ok=True)


def on_page_content(html, page, config, files):
    """The facts panel and footer of a content page, rendered straight to HTML."""
    from macros.pages import apply_page_chrome

    index = config.plugins["macros"].variables["_kennisbank"]["index"]
    return apply_page_chrome(index, html, page)

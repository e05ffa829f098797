"""mkdocs-macros entry point: build the index once, register macros, nothing else.

`define_env` runs on every config load (also on each `mkdocs serve` rebuild),
so edits are always seen and no state survives between builds.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .index import build_date, build_index, format_errors
from .lint import TEMPLATE_MARKERS, check_template_syntax

# The rendering modules (pages, views, templates, exports) and MkDocs itself are imported where
# the build needs them: `python -m macros check` imports this package too, and needs none of them.

PROJECT_DIR = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.plugins.kennisbank")


def define_env(env) -> None:
    from mkdocs.exceptions import PluginError

    from . import views
    from .render import template_environment

    docs_dir = Path(env.conf["docs_dir"])
    data_dir = Path(env.conf["config_file_path"]).resolve().parent / "data"
    macro_names = views.macro_names()
    index = build_index(docs_dir, data_dir, macro_names)
    if index.errors:
        raise PluginError("De inhoud bevat fouten:\n" + format_errors(index.errors))
    # A page just made with `nieuw` still has placeholders: a warning, so the preview shows it and
    # a strict build (CI, `make build`) fails, where `python -m macros check` reports it as an error.
    for problem in index.unfinished:
        log.warning("onaf: %s", problem)
    templates = template_environment()
    # Shared with the page hooks below through the plugin's variables.
    env.variables["_kennisbank"] = {"index": index, "templates": templates, "macros": macro_names}
    views.register(env, index, templates)


def _state(env) -> tuple:
    state = env.variables["_kennisbank"]
    return state["index"], state["templates"]


def on_pre_page_macros(env) -> None:
    """Refuse any template syntax but our macros; add the heading of a content page.

    Runs for every page (mkdocs-macros calls it before deciding whether to render), so
    the check covers every page. A page without template syntax then skips Jinja
    (`render_macros: false` in its meta, which mkdocs-macros honours): compiling it as
    a template would give the same text, at a cost on every page."""
    from mkdocs.exceptions import PluginError

    from . import pages, structured_data

    index, _ = _state(env)
    # mkdocs-macros renders a page title that contains template markers; refuse them before it can.
    title = env.page.title or ""
    if any(marker in title for marker in TEMPLATE_MARKERS):
        raise PluginError(f"{env.page.file.src_path}: de titel bevat sjabloon-syntaxis ({{{{ of {{%), wat niet is toegestaan")
    findings = check_template_syntax(env.markdown, env.variables["_kennisbank"]["macros"])
    if findings:
        raise PluginError("\n".join(f"{env.page.file.src_path}: {finding.message}" for finding in findings))
    if not any(marker in env.markdown for marker in TEMPLATE_MARKERS):  # nothing for Jinja to render
        env.page.meta["render_macros"] = False
    entry = index.by_src.get(env.page.file.src_path)
    # JSON-LD and search metadata for the page head (overrides/main.html); always set here,
    # so a front-matter key of that name can never reach the template.
    env.page.meta["kb_kop"] = structured_data.page_head(index, env.page.file.src_path, env.conf["site_url"] or "/", build_date())
    if entry is not None:
        # The summary is the page's meta description (search engines, link previews, the feed).
        env.page.meta.setdefault("description", entry.item.samenvatting)
        # Material shows `status` from page meta as an icon in the navigation; ours is an
        # instrument's status, which the facts panel already shows in words.
        env.page.meta.pop("status", None)
    # The heading stays Markdown (page title, TOC); the facts panel and footer are HTML,
    # added just before the page is written by `pages.apply_page_chrome` (MkDocs' on_page_context hook).
    env.markdown = pages.page_heading(index, env.page.file.src_path) + env.markdown


def on_post_page_macros(env) -> None:
    """Define the glossary abbreviations the page's Markdown uses (the abbr extension)."""
    from . import pages

    index, templates = _state(env)
    env.markdown += pages.abbreviation_definitions(index, templates, env.markdown)

"""Pure helpers that turn index data into safe Markdown/HTML.

Everything a macro writes goes through `md_escape` (via the template
environment's `finalize`), so a `|`, `<`, `&`, `*`, `{{` or a newline in a
title can neither break a table nor inject markup. Links are written as
Markdown links to the target `.md` file, relative to the calling page, so
`mkdocs build --strict` validates every one of them.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATE_DIR = Path(__file__).parent / "templates"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]()#+!|>-])")


def md_escape(value: Any) -> str:
    """Escape text for Markdown *and* HTML; newlines become spaces."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    text = html.escape(text, quote=False)
    # `{` is escaped too, so no `{{` survives into a later template pass.
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return Markup(text.replace("{", "&#123;").replace("}", "&#125;"))


def attr_escape(value: Any) -> Markup:
    """Escape a value for use inside an HTML attribute (or raw HTML text)."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(" ".join(str(value).split()), quote=True))


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def heading_anchor(slug: str, prefix: str = "") -> Markup:
    """An attr_list id for a heading, e.g. `{#cat-lobby}`; only schema-valid slugs pass."""
    if not _SLUG.fullmatch(slug):
        raise ValueError(f"geen geldige slug voor een anker: {slug!r}")
    return Markup("{#" + prefix + slug + "}")


def relative_link(target_src: str, from_src: str) -> str:
    """Path from one docs/ source file to another, e.g. '../instrumenten/x.md'."""
    return posixpath.relpath(target_src, posixpath.dirname(from_src) or ".")


def md_link(text: Any, target_src: str, from_src: str, anchor: str | None = None) -> Markup:
    href = relative_link(target_src, from_src) + (f"#{anchor}" if anchor else "")
    return Markup(f"[{md_escape(text)}]({href})")


def join_escaped(values: Any, separator: str = "") -> Markup:
    """Join items that are each escaped (or already safe) into one safe value."""
    # The separator comes from our own template (", "); escape it for HTML but keep its spaces.
    return Markup(html.escape(separator)).join(md_escape(value) for value in values)


def _finalize(value: Any) -> Any:
    return value if isinstance(value, Markup) else md_escape(value)


def template_environment(directory: Path = TEMPLATE_DIR, finalize: Callable[[Any], Any] = _finalize) -> Environment:
    """A Jinja environment for our own fragments: every value goes through `finalize`
    (Markdown/HTML escaping by default), undefined is an error."""
    env = Environment(
        loader=FileSystemLoader(directory),
        autoescape=False,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["attr"] = attr_escape
    env.filters["anchor"] = heading_anchor
    # Jinja's own `join` returns a plain string, which `finalize` would escape a second time.
    env.filters["join"] = join_escaped
    return env


def page_url(src_path: str) -> str:
    """The directory URL MkDocs gives a source file ('a/b.md' → 'a/b/', 'a/index.md' → 'a/')."""
    stem = src_path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(target_src: str, from_src: str) -> str:
    """A relative href for raw HTML/SVG, where MkDocs does not rewrite `.md` links."""
    base = page_url(from_src) or "."
    target = page_url(target_src) or "./"
    href = posixpath.relpath(target or ".", base)
    return href + "/" if not href.endswith("/") and target.endswith("/") else href

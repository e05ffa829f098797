"""The policy on rendered HTML: what a page may contain once Markdown and macros are done.

Every check here works on the HTML a browser will receive, parsed with an HTML5
parser (selectolax/Lexbor, the same tree-building algorithm browsers use), so
entities, odd spacing, unusual tag syntax and foreign (SVG/MathML) content are
seen exactly as a browser sees them. Nothing is matched with regular
expressions on markup.

Two allow-lists:

* `check_content` — the page body (everything an editor or a macro puts into the
  article). Only text-level and structural elements, a small SVG subset for our
  charts, no scripts, styles, forms, frames, embedded objects, event handlers,
  `style` attributes, or resources from another host.
* `protect_page` — the whole page as written to disk, theme included. The theme may
  add scripts, stylesheets and forms, but only from this site; inline scripts must
  be ones the theme's own templates produce (see `ThemeScripts`). Event handlers,
  `style` attributes, `javascript:` URLs, `<base>`, refresh redirects, frames and
  plug-ins are refused here too, whoever wrote them.

`content_security_policy` turns the checked page into its CSP `<meta>` tag, with
hashes of the page's inline scripts: a second line of defence should the first
miss something.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

# ---------------------------------------------------------------- allow-lists

GLOBAL_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "role", "hidden", "tabindex"}

# Elements the page body may contain, with the attributes each may carry on top of the global ones.
CONTENT_ELEMENTS: dict[str, set[str]] = {
    **{tag: set() for tag in (
        "p", "br", "hr", "div", "span", "section", "article", "aside", "header", "footer", "nav",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "dl", "dt", "dd", "blockquote", "figure", "figcaption",
        "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "code", "pre",
        "kbd", "samp", "var", "cite", "dfn", "q", "caption", "thead", "tbody", "tfoot", "tr", "summary",
        "abbr", "wbr", "colgroup", "col",
    )},
    "a": {"href", "hreflang", "rel", "type", "download"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "table": {"summary"},
    "td": {"align", "colspan", "rowspan", "headers"},
    "th": {"align", "colspan", "rowspan", "headers", "scope", "abbr"},
    "time": {"datetime"},
    "details": {"open"},
    "data": {"value"},
    # The SVG subset our charts and maps use: shapes and text, no links, no `use`, no
    # animation (which can rewrite attributes), no foreignObject, no images.
    "svg": {"viewbox", "xmlns", "width", "height", "preserveaspectratio", "focusable", "fill"},
    "g": {"transform", "fill", "stroke", "font-size", "font-weight", "text-anchor"},
    "title_svg": set(),
    "desc": set(),
    "path": {"d", "fill", "stroke", "stroke-width", "transform", "fill-rule", "clip-rule"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill", "stroke", "stroke-width", "transform"},
    "circle": {"cx", "cy", "r", "fill", "stroke", "stroke-width"},
    "ellipse": {"cx", "cy", "rx", "ry", "fill", "stroke", "stroke-width"},
    "line": {"x1", "y1", "x2", "y2", "stroke", "stroke-width"},
    "polyline": {"points", "fill", "stroke", "stroke-width"},
    "polygon": {"points", "fill", "stroke", "stroke-width"},
    "text": {"x", "y", "dx", "dy", "fill", "font-size", "font-weight", "text-anchor", "dominant-baseline", "transform"},
    "tspan": {"x", "y", "dx", "dy", "fill", "font-size", "font-weight", "text-anchor"},
}
# Data attributes our own scripts read. Others are refused: Material and Pagefind act on
# `data-md-*` and `data-pagefind-*`, and a script that trusts an unknown attribute is a hole.
# Each is read by our scripts as plain data (compared, never parsed as HTML or followed as a link,
# except data-href, which must stay on this site).
CONTENT_DATA_ATTRIBUTE = re.compile(r"^data-kb-[a-z0-9-]+$|^data-(provincies|provincie|provincie-namen|jaren|categorie|rol|status|veld|"
                                    r"waarde|href|sort|sort-method|pagefind-ignore)$")

# Attributes whose value is a URL, and those that make the browser fetch it.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background", "cite",
                  "data", "ping", "longdesc", "manifest", "codebase", "data-href"}
FETCHING_ATTRIBUTES = {"src", "srcset", "poster", "background", "data", "ping", "manifest", "codebase"}
LINK_SCHEMES = {"http", "https", "mailto"}

# What the theme may add around the content (checked by `protect_page`).
PAGE_ONLY_ELEMENTS: dict[str, set[str]] = {
    "html": {"lang", "class", "dir", "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"},
    "head": set(), "body": {"dir", "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"},
    "title": set(), "main": set(), "label": {"for"}, "button": {"type", "aria-label"},
    "form": {"action", "method", "name", "novalidate"},
    "input": {"type", "name", "value", "placeholder", "autocomplete", "autocorrect", "autocapitalize",
              "spellcheck", "checked", "required", "aria-label", "data-md-component", "data-md-state"},
    "select": {"name"}, "option": {"value", "selected"},
    "script": {"src", "type", "id", "defer", "async"},
    "link": {"rel", "href", "type", "sizes", "hreflang", "title"},
    "meta": {"charset", "name", "content", "http-equiv", "property"},
    "noscript": set(),
}
# Attributes the theme puts on elements that content may use without them.
PAGE_EXTRA_ATTRIBUTES = {"a": {"target"}}
ALLOWED_META_NAMES = {"viewport", "description", "author", "generator", "robots", "theme-color", "color-scheme",
                      "kb-samenvatting", "kb-soort", "kb-provincie"}  # the last three: search-result metadata for Pagefind
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
ALLOWED_LINK_RELS = {"stylesheet", "icon", "canonical", "prev", "next", "alternate", "manifest", "apple-touch-icon", "license"}


@dataclass(frozen=True)
class Violation:
    """One element or attribute the policy refuses."""

    element: str
    reason: str
    needle: str  # text to look for in the source to find the line (lower-case)

    def __str__(self) -> str:
        return f"<{self.element}>: {self.reason}" if self.element.isalnum() else self.reason


# ---------------------------------------------------------------- URL rules

# Browsers drop these anywhere in a URL (tab, newline) or at its ends (C0 controls and space).
_URL_STRIP = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def normalise_url(value: str) -> str:
    """The URL as a browser resolves it: controls and whitespace removed, backslashes as slashes."""
    text = unicodedata.normalize("NFKC", value)
    return _URL_STRIP.sub("", text).replace("\\", "/")


def url_problem(value: str, fetches: bool) -> str | None:
    """Why a URL is refused, or None. Fetched resources must come from this site."""
    url = normalise_url(value)
    scheme = _SCHEME.match(url)
    if scheme:
        name = scheme.group(1).lower()
        if fetches:
            return f"laadt '{name}:'-inhoud; afbeeldingen en bestanden moeten van deze site komen (docs/assets/)"
        if name not in LINK_SCHEMES:
            return f"'{name}:'-adressen zijn niet toegestaan; gebruik een https-adres"
        return None
    if url.startswith("//"):
        return "adres zonder schema naar een andere site; schrijf https:// voluit" if not fetches else \
            "laadt inhoud van een andere site; afbeeldingen horen in docs/assets/"
    return None


# ---------------------------------------------------------------- the checks


def _tag(node: LexborNode) -> str:
    return (node.tag or "").lower()


def _walk(root: LexborNode):
    for node in root.traverse(include_text=False):
        tag = _tag(node)
        if tag and not tag.startswith("-"):
            yield tag, node


def _element_key(tag: str, node: LexborNode) -> str:
    # An SVG <title> is a tooltip, not the document title.
    if tag == "title" and node.parent is not None and _tag(node.parent) in {"svg", "g", "rect", "path", "circle", "text"}:
        return "title_svg"
    return tag


# A relative address of these characters only cannot name a scheme (no ':') or another host (unless
# it starts with '//'), and normalising leaves it as it is: the theme's navigation links, mostly.
_PLAIN_RELATIVE_URL = re.compile(r"[A-Za-z0-9._~/#?=&%+\-]*")


def _is_url_attribute(name: str) -> bool:
    return name in URL_ATTRIBUTES or name.endswith(("href", "src", "url"))


def _url_attribute_violation(tag: str, name: str, value: str) -> Violation | None:
    """The rule for an address in an (allowed) attribute; None when it passes or is no address."""
    if not _is_url_attribute(name):
        return None
    if _PLAIN_RELATIVE_URL.fullmatch(value) and not value.startswith("//"):
        return None
    if name.startswith("data-"):
        # Our scripts navigate to these: only addresses within this site.
        if _SCHEME.match(normalise_url(value)) or normalise_url(value).startswith("//"):
            return Violation(tag, f"{name}: alleen adressen binnen deze site zijn toegestaan", value.strip()[:24].lower())
        return None
    problem = url_problem(value, fetches=name in FETCHING_ATTRIBUTES or (tag == "img"))
    # The address itself is what the editor wrote (a Markdown link has no attribute name).
    return Violation(tag, f"{name}: {problem}", value.strip()[:24].lower()) if problem else None


def _check_attributes(tag: str, attributes: dict[str, str | None], allowed: set[str], data_rule,
                      violations: list[Violation], content: bool = True) -> None:
    for name, value in attributes.items():
        name = name.lower()
        value = value or ""
        if name.startswith("on"):
            violations.append(Violation(tag, f"event-attribuut '{name}' is niet toegestaan (scripts horen niet in inhoud)", name))
            continue
        if name == "style":
            violations.append(Violation(tag, "inline opmaak (style=) is niet toegestaan; de opmaak komt uit het thema", "style"))
            continue
        if name.startswith("aria-"):
            pass
        elif name == "data-pagefind-weight" and tag == "h1" and value.isdigit() and int(value) <= 10:
            pass  # a heading's weight in search (the definition of a term ranks first)
        elif name.startswith("data-"):
            if not data_rule(name):
                violations.append(Violation(tag, f"attribuut '{name}' is niet toegestaan", name))
                continue
        elif name not in GLOBAL_ATTRIBUTES and name not in allowed:
            violations.append(Violation(tag, f"attribuut '{name}' is niet toegestaan op <{tag}>", name))
            continue
        problem = _url_attribute_violation(tag, name, value)
        if problem is not None:
            violations.append(problem)
        if content and name in {"id", "name"} and value.startswith("_"):
            # Material looks up its own elements by id (__config, __drawer, __search …).
            violations.append(Violation(tag, f"{name} '{value}' is voorbehouden aan het thema", value.lower()))


def _parse_fragment(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body><div>{html}</div></body></html>")


def as_parsed(html: str) -> str:
    """A fragment as an HTML5 parser writes it back: the form check_content publishes bodies in.
    (Pagefind reads `&#34;` and `"` differently; the search index's slim copies come from the
    parsed page, so the published page must already be in that form to be indexed the same.)"""
    container = _parse_fragment(html).body.child
    return container.inner_html if container is not None else ""


def check_content(html: str) -> tuple[str, list[Violation]]:
    """The page body against the content allow-list; returns what to publish, and the refusals.

    What is published is the serialisation of the very tree that was checked, so the
    browser cannot read the body differently from the policy. Comments are dropped
    (editors' notes are not published); one that is never closed would swallow the
    rest of the page and is refused.
    """
    tree = _parse_fragment(html)
    violations: list[Violation] = []
    for tag, node in _walk(tree.root):
        if tag in {"html", "head", "body"}:
            # The parser moves attributes of a stray <body …> or <html …> onto the real element.
            for name in node.attributes:
                violations.append(Violation(tag, f"attribuut '{name}' op <{tag}> is niet toegestaan", name.lower()))
            continue
        allowed = CONTENT_ELEMENTS.get(_element_key(tag, node))
        if allowed is None:
            violations.append(Violation(tag, f"het element <{tag}> is niet toegestaan in inhoud", "<" + tag))
            continue
        _check_attributes(tag, node.attributes, allowed, CONTENT_DATA_ATTRIBUTE.match, violations)
    container = tree.body.child if tree.body is not None else None
    if container is None:
        return "", violations
    comments = [node for node in container.traverse(include_text=True) if node.tag == "-comment"]
    for comment in comments:
        if comment.html not in html:
            violations.append(Violation("!--", "HTML-commentaar dat niet wordt afgesloten met --> is niet toegestaan", "<!--"))
        comment.decompose()
    return container.inner_html, violations


def _any_data(name: str) -> bool:
    return True


@dataclass
class ThemeScripts:
    """The inline scripts the theme's templates may produce, as patterns.

    Read from the theme's own template files: each `<script>` body there becomes a
    pattern in which every `{{ … }}` expression matches a quoted-string's worth of text.
    An inline script on a page must match one of them; a script injected by any other
    route (a title, a nav entry, a front-matter value) does not.
    """

    patterns: list[re.Pattern]

    @classmethod
    def from_templates(cls, template_dirs: list[Path]) -> "ThemeScripts":
        bodies: set[str] = set()
        for directory in template_dirs:
            for file in sorted(directory.rglob("*.html")):
                text = file.read_text(encoding="utf-8")
                for match in re.finditer(r"<script>(.*?)</script>", text, re.S):
                    bodies.add(match.group(1).strip())
        patterns = []
        for body in sorted(bodies):
            parts = re.split(r"\{\{.*?\}\}", body)
            patterns.append(re.compile(r'[^"<\\]*'.join(re.escape(part) for part in parts), re.S))
        return cls(patterns)

    def allows(self, script: str) -> bool:
        script = script.strip()
        return any(pattern.fullmatch(script) for pattern in self.patterns)


def protect_page(html: str, theme_scripts: ThemeScripts, tree: LexborHTMLParser | None = None) -> tuple[str, list[Violation]]:
    """The whole page, parsed once: its violations, or (if none) the page with its CSP in front.

    A caller that needs the parsed page too (the search index) passes its tree instead of parsing again.
    """
    tree = tree if tree is not None else LexborHTMLParser(html)
    violations = _check_page(tree, theme_scripts)
    return (html, violations) if violations else (insert_csp(html, _script_hashes(tree)), [])


@functools.lru_cache(maxsize=4096)
def _page_name_violations(tag: str, key: str, names: tuple[str, ...]) -> tuple[tuple[Violation, ...], tuple[str, ...]]:
    """The attribute-name check of one element of the whole page, remembered (the theme repeats
    the same elements on every page), and the allowed names whose values are addresses.

    Keyed on names only, so the cache stays small; every address is checked on its own value."""
    allowed = PAGE_ONLY_ELEMENTS.get(key)
    allowed = (CONTENT_ELEMENTS[key] if allowed is None else allowed) | PAGE_EXTRA_ATTRIBUTES.get(key, set())
    found: list[Violation] = []
    addresses: list[str] = []
    for name in names:
        problems: list[Violation] = []
        _check_attributes(tag, {name: ""}, allowed, _any_data, problems, content=False)
        found.extend(problems)
        if not problems and _is_url_attribute(name.lower()):
            addresses.append(name)
    return tuple(found), tuple(addresses)


def _page_attribute_violations(tag: str, key: str, attributes: dict[str, str | None]) -> list[Violation]:
    named, addresses = _page_name_violations(tag, key, tuple(attributes))
    found = list(named)
    for name in addresses:
        problem = _url_attribute_violation(tag, name.lower(), attributes[name] or "")
        if problem is not None:
            found.append(problem)
    return found


def _check_page(tree: LexborHTMLParser, theme_scripts: ThemeScripts) -> list[Violation]:
    """The whole page: theme chrome allowed, but only same-site scripts and no handlers anywhere."""
    violations: list[Violation] = []
    ids: set[str] = set()
    for tag, node in _walk(tree.root):
        key = _element_key(tag, node)
        allowed = PAGE_ONLY_ELEMENTS.get(key)
        if allowed is None:
            allowed = CONTENT_ELEMENTS.get(key)
        if allowed is None:
            violations.append(Violation(tag, f"het element <{tag}> is niet toegestaan", "<" + tag))
            continue
        raw_attributes = node.attributes
        violations.extend(_page_attribute_violations(tag, key, raw_attributes))
        attributes = {name.lower(): (value or "") for name, value in raw_attributes.items()}
        identifier = attributes.get("id")
        if identifier:
            if identifier in ids:
                violations.append(Violation(tag, f"id '{identifier}' komt twee keer voor op de pagina", identifier.lower()))
            ids.add(identifier)
        if tag == "script":
            kind = attributes.get("type", "").lower()
            if "src" in attributes:
                if _SCHEME.match(normalise_url(attributes["src"])) or normalise_url(attributes["src"]).startswith("//"):
                    violations.append(Violation(tag, "scripts mogen alleen van deze site komen", "<script"))
            elif kind in DATA_SCRIPT_TYPES:
                pass
            elif not theme_scripts.allows(node.text(deep=True) or ""):
                violations.append(Violation(tag, "inline script dat niet van het thema komt", "<script"))
        elif tag == "meta":
            if "http-equiv" in attributes and attributes["http-equiv"].lower() != "content-security-policy":
                violations.append(Violation(tag, f"<meta http-equiv='{attributes['http-equiv']}'> is niet toegestaan", "http-equiv"))
            if "name" in attributes and attributes["name"].lower() not in ALLOWED_META_NAMES:
                violations.append(Violation(tag, f"<meta name='{attributes['name']}'> is niet toegestaan", "<meta"))
        elif tag == "link":
            rels = set(attributes.get("rel", "").lower().split())
            if not rels or not rels <= ALLOWED_LINK_RELS:
                violations.append(Violation(tag, f"<link rel='{attributes.get('rel', '')}'> is niet toegestaan", "<link"))
            elif rels & {"stylesheet", "icon", "manifest", "apple-touch-icon"}:
                problem = url_problem(attributes.get("href", ""), fetches=True)
                if problem:
                    violations.append(Violation(tag, f"href: {problem}", "<link"))
        elif tag == "form":
            action = normalise_url(attributes.get("action", ""))
            if _SCHEME.match(action) or action.startswith("//"):
                violations.append(Violation(tag, "formulieren mogen alleen naar deze site verzenden", "<form"))
    return violations


# ---------------------------------------------------------------- Content-Security-Policy

CSP_MARKER = '<meta http-equiv="Content-Security-Policy"'


def _script_hashes(tree: LexborHTMLParser) -> list[str]:
    hashes = []
    for node in tree.css("script"):
        attributes = node.attributes
        if "src" in attributes or (attributes.get("type") or "").lower() in DATA_SCRIPT_TYPES:
            continue
        digest = hashlib.sha256((node.text(deep=True) or "").encode("utf-8")).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(set(hashes))


def content_security_policy(script_hashes: list[str]) -> str:
    """The CSP for one page: own scripts, hashed theme scripts, nothing from elsewhere.

    `wasm-unsafe-eval` lets Pagefind compile its WebAssembly search; it allows no
    JavaScript eval. No inline styles at all: tables align with `align`, scripts set
    styles through the CSSOM (which CSP permits), content carries no `style`.
    """
    script_src = " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes])
    directives = [
        "default-src 'self'",
        f"script-src {script_src}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-src 'none'",
        "manifest-src 'self'",
    ]
    return "; ".join(directives)


def insert_csp(html: str, script_hashes: list[str]) -> str:
    """Put the CSP meta tag first in <head>, before anything it must govern."""
    policy = content_security_policy(script_hashes)
    tag = f'{CSP_MARKER} content="{policy}">'
    head = re.search(r"<head[^>]*>", html, re.I)
    if head is None:
        raise ValueError("pagina zonder <head>")
    return html[: head.end()] + tag + html[head.end():]

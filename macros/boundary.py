"""The file-system boundary: what a pull request may put under docs/ and data/.

A pull request controls file and folder names, symlinks, navigation files,
static assets and data files. This module decides, before anything is read for
the site, which of them may exist at all:

* every name is plain (letters, digits, `.`, `_`, `-`): no template markers,
  markup or spaces can reach a title that MkDocs derives from a file name;
* no symlinks and no special files anywhere (a link to /proc/self/environ or
  .git/config would otherwise be copied into the site);
* static files are images under docs/assets/; `.js` and `.css` only at the exact
  paths that mkdocs.yml (maintainers' file) lists;
* SVG files are parsed as XML and refused when they carry script, handlers,
  foreignObject or references outside the file;
* navigation titles are plain text, and every YAML file is read strictly.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

from .lint import TEMPLATE_MARKERS, find_personal_data, normalise_text
from .loader import ContentError, load_yaml_file

SAFE_NAME = re.compile(r"^\.?[A-Za-z0-9][A-Za-z0-9._-]*$")
ASSET_DIR = "assets/"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg", ".ico"}
VENDOR_DIR = "assets/vendor/"
NAV_FILE = ".nav.yml"
# Top-level names whose place in the built site belongs to the build: a page or folder there would
# be written into the search index's folder (and its parts, which a rebuild replaces).
RESERVED_NAMES = {"pagefind": "de zoekindex (site/pagefind/)"}
MAX_MARKDOWN_NESTING = 12  # list or blockquote levels; Python-Markdown recurses per level
# Python-Markdown's link pattern is quadratic in the number of '[' in one block of text
# (5,000 take 10 s, 20,000 take 3 minutes); real paragraphs hold a handful.
MAX_BRACKETS_PER_BLOCK = 500

# Characters a title may not contain: template markers, markup, entities.
UNSAFE_TITLE = re.compile(r"[{}<>&`\x00-\x1f\x7f]")

SVG_ELEMENTS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
                "title", "desc", "defs", "lineargradient", "radialgradient", "stop", "clippath", "mask", "symbol",
                "use", "metadata", "style"}


def _error(rel: str, line: int, message: str, hint: str | None = None) -> ContentError:
    return ContentError(rel, line, "", message, hint)


def theme_files(config: dict[str, Any]) -> set[str]:
    """Paths under docs/ that mkdocs.yml names as the site's own scripts, styles and icons."""
    files = set(config.get("extra_css") or []) | set(config.get("extra_javascript") or [])
    theme = config.get("theme") or {}
    for key in ("favicon", "logo"):
        if isinstance(theme, dict) and theme.get(key):
            files.add(theme[key])
    return {str(item if isinstance(item, str) else getattr(item, "path", item)) for item in files}


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/name` tags we only need to skip."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def theme_files_from(config_file: Path) -> set[str]:
    if not config_file.is_file():
        return set()
    return theme_files(yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {})


def scan_docs(docs_dir: Path, allowed_theme_files: set[str]) -> tuple[list[tuple[Path, str]], list[ContentError]]:
    """Walk docs/ without following links; return the Markdown files and every refusal."""
    markdown: list[tuple[Path, str]] = []
    errors: list[ContentError] = []
    if docs_dir.is_symlink():
        return [], [_error("docs", 1, "de map docs/ is een snelkoppeling", "zet de inhoud zelf in docs/")]
    stack = [(docs_dir, "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda item: item.name):
                rel = prefix + entry.name
                if not SAFE_NAME.match(entry.name) or any(marker in entry.name for marker in TEMPLATE_MARKERS):
                    errors.append(_error(rel, 1, f"de naam '{entry.name}' bevat tekens die niet zijn toegestaan",
                                         "gebruik alleen kleine letters, cijfers en streepjes, bijv. utrecht-subsidie.md"))
                    continue
                reserved = RESERVED_NAMES.get(entry.name.removesuffix(".md")) if not prefix else None
                if reserved:
                    errors.append(_error(rel, 1, f"de naam '{entry.name}' is voorbehouden aan {reserved}",
                                         "kies een andere naam voor deze pagina of map"))
                    continue
                if entry.is_symlink():
                    errors.append(_error(rel, 1, "snelkoppelingen (symlinks) zijn niet toegestaan in docs/",
                                         "zet het bestand zelf op deze plek"))
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), rel + "/"))
                    continue
                if not entry.is_file(follow_symlinks=False):
                    errors.append(_error(rel, 1, "geen gewoon bestand (apparaat, pipe of socket)", "verwijder het"))
                    continue
                errors.extend(_check_file(Path(entry.path), rel, allowed_theme_files, markdown))
    markdown.sort(key=lambda pair: pair[1])
    return markdown, errors


def _check_file(file: Path, rel: str, allowed_theme_files: set[str], markdown: list[tuple[Path, str]]) -> list[ContentError]:
    name = file.name
    suffix = file.suffix.lower()
    if name.startswith("."):
        return check_nav_file(file, rel) if name == NAV_FILE else []  # MkDocs publishes no other dot-files
    if suffix == ".md":
        markdown.append((file, rel))
        return []
    if rel in allowed_theme_files:
        return check_svg(file, rel) if suffix == ".svg" else []
    if rel.startswith(VENDOR_DIR) and suffix == ".txt":
        return []  # licence files of vendored scripts
    if not rel.startswith(ASSET_DIR) or suffix not in IMAGE_SUFFIXES:
        allowed = ", ".join(sorted(IMAGE_SUFFIXES))
        if suffix in (".js", ".css", ".mjs", ".html", ".htm", ".wasm"):
            return [_error(rel, 1, f"{suffix}-bestanden kunnen niet via inhoud worden toegevoegd",
                           "scripts en opmaak beheren de ontwikkelaars (mkdocs.yml)")]
        return [_error(rel, 1, "alleen Markdown-pagina's en afbeeldingen horen in docs/",
                       f"afbeeldingen ({allowed}) horen in docs/assets/")]
    return check_svg(file, rel) if suffix == ".svg" else []


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def check_svg(file: Path, rel: str) -> list[ContentError]:
    """An SVG is a document that can run script when opened: parse it and allow only drawing."""
    try:
        root = SafeElementTree.fromstring(file.read_bytes(), forbid_dtd=True)
    except (SafeElementTree.ParseError, DefusedXmlException, ValueError) as error:
        return [_error(rel, getattr(error, "position", (1, 0))[0] if hasattr(error, "position") else 1,
                       f"geen geldig of veilig SVG-bestand ({type(error).__name__})", "exporteer de afbeelding opnieuw als gewone SVG of PNG")]
    lines = file.read_text(encoding="utf-8", errors="replace").lower().split("\n")

    def line_of(needle: str) -> int:
        """ElementTree keeps no positions: the first source line that mentions the culprit."""
        return next((number for number, line in enumerate(lines, start=1) if needle.lower() in line), 1)

    errors = []
    for element in root.iter():
        tag = _local(element.tag)
        if tag not in SVG_ELEMENTS:
            errors.append(_error(rel, line_of("<" + tag), f"SVG-element <{tag}> is niet toegestaan",
                                 "alleen tekenelementen; geen script, foreignObject of links"))
            continue
        if tag == "style" and re.search(r"url\s*\(\s*['\"]?\s*(?!#)|@import", element.text or "", re.I):
            errors.append(_error(rel, line_of("<style"), "SVG-opmaak laadt iets van buiten het bestand"))
        for name, value in element.attrib.items():
            local = _local(name)
            if local.startswith("on"):
                errors.append(_error(rel, line_of(local), f"SVG-attribuut '{local}' (script) is niet toegestaan"))
            elif local in ("href", "src") and not value.strip().startswith("#"):
                errors.append(_error(rel, line_of(value[:30]), f"SVG verwijst naar '{value[:60]}' buiten het bestand",
                                     "alleen verwijzingen binnen het bestand (#id)"))
            elif re.search(r"url\s*\(\s*['\"]?\s*(?!#)", value, re.I):
                errors.append(_error(rel, line_of(value[:30]), f"SVG-attribuut '{local}' laadt iets van buiten het bestand"))
        if tag in ("text", "tspan", "title", "desc") and element.text:
            for finding in find_personal_data(normalise_text(element.text), set(), set()):
                errors.append(_error(rel, line_of(element.text.strip()[:20]), finding.message, finding.hint))
    return errors


def strings_in(value: Any, path: tuple = ()):
    """Every string in a YAML value (keys included), with the path to it."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield path + (key,), key
            yield from strings_in(item, path + (key,))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from strings_in(item, path + (position,))


def check_nav_file(file: Path, rel: str) -> list[ContentError]:
    """Navigation titles end up in every page's HTML and in MkDocs' page titles: plain text only."""
    data, errors = load_yaml_file(file, rel)
    if errors:
        return errors
    for _, text in strings_in(data):
        if UNSAFE_TITLE.search(text) or any(marker in text for marker in TEMPLATE_MARKERS):
            errors.append(_error(rel, 1, f"navigatietitel '{text[:60]}' bevat tekens die niet zijn toegestaan ({{ }} < > & `)",
                                 "schrijf de titel als gewone tekst"))
    return errors


def check_data_values(data: Any, rel: str, allowed: set[str], mailboxes: set[str]) -> list[ContentError]:
    """Personal data and tracking links in any string of a data file."""
    errors = []
    for path, text in strings_in(data):
        for finding in find_personal_data(normalise_text(text), allowed, mailboxes):
            where = ".".join(str(part) for part in path)
            errors.append(ContentError(rel, 1, where, finding.message, finding.hint))
    return errors


def markdown_complexity(body: str) -> tuple[int, str] | None:
    """(line, problem) for the first construct Python-Markdown cannot take in reasonable time or depth."""
    brackets, block_start = 0, 1
    for number, line in enumerate(body.split("\n"), start=1):
        stripped = line.lstrip(" \t>")
        if not stripped:
            brackets, block_start = 0, number + 1
            continue
        prefix = line[: len(line) - len(stripped)]
        depth = prefix.count(">") + len(prefix.expandtabs(4).replace(">", "")) // 4
        if depth > MAX_MARKDOWN_NESTING:
            return number, f"lijsten of citaten zijn {depth} niveaus diep genest (maximaal {MAX_MARKDOWN_NESTING})"
        brackets += line.count("[")
        if brackets > MAX_BRACKETS_PER_BLOCK:
            return block_start, f"meer dan {MAX_BRACKETS_PER_BLOCK} vierkante haken in één alinea"
    return None

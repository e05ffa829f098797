"""Read every page's front-matter once, safely, remembering where each key stands.

The loader only reads and parses. It never evaluates YAML tags (safe loader),
refuses anchors/aliases (no "billion laughs"), and reports problems as
`ContentError`s with the file and line, so the editor can find them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

# libyaml is much faster; fall back to the pure-Python loader where it is missing.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SafeLoader(_BaseLoader):
    """Safe YAML that keeps dates as text: the models parse them, with a clear error for 31 February."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def resolve(self, kind, value, implicit):
        """A scalar's tag, remembered: front-matter repeats the same values (slugs, provinces,
        dates) thousands of times, and PyYAML finds each one's tag with regular expressions."""
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _SCALAR_TAGS.get(key)
        if tag is None:
            if len(_SCALAR_TAGS) >= 1 << 16:
                _SCALAR_TAGS.clear()
            tag = _SCALAR_TAGS[key] = super().resolve(kind, value, implicit)
        return tag


_SCALAR_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}  # SafeLoader.resolve's memory (no path resolvers)

MAX_PAGE_BYTES = 2 * 1024 * 1024
MAX_FRONT_MATTER_BYTES = 64 * 1024

# Content pages live in one folder per type; `index.md` there is an ordinary page.
TYPE_FOLDERS: dict[str, str] = {
    "provincie": "provincies",
    "programma": "programmas",
    "instrument": "instrumenten",
    "gebeurtenis": "gebeurtenissen",
    "ingredient": "recept",
    "praktijkvoorbeeld": "praktijkvoorbeelden",
    "bron": "bronnen",
    "begrip": "begrippen",
}
FOLDER_TYPES = {folder: type_ for type_, folder in TYPE_FOLDERS.items()}


@dataclass(frozen=True)
class ContentError:
    """One problem in one file, printed as `path:line: field: message`."""

    path: str
    line: int
    field: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


@dataclass
class RawPage:
    """A page as read from disk: its front-matter and where each key stands.

    `lines` is where each key and item stands (see `line_tree`), made from `node`; the index
    drops the node once the page's own checks have run (the tree is smaller, and plain data
    the check's cache can keep)."""

    path: str  # relative to docs/, with forward slashes
    meta: dict[str, Any]
    node: yaml.Node | None
    front_matter_line: int  # line of the first YAML line (after the opening ---)
    body: str
    body_line: int  # line where the Markdown body starts
    front: str = ""  # the raw YAML text; its line N is file line front_matter_line + N
    errors: list[ContentError] = field(default_factory=list)
    lines: Any = None  # line_tree(node), made when first needed
    fields_end: int | None = None  # YAML line (0-based) where the last top-level field ends; None: no fields

    def tree(self) -> Any:
        if self.lines is None and self.node is not None:
            self.lines = line_tree(self.node)
            self.fields_end = _fields_end(self.node)
        return self.lines

    @property
    def expected_type(self) -> str | None:
        """The type implied by the page's folder, for content pages."""
        parts = self.path.split("/")
        if len(parts) == 2 and parts[1] != "index.md":
            return FOLDER_TYPES.get(parts[0])
        return None

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """Line number (1-based, in the file) of the value at `loc`, or of the nearest parent."""
        node = self.tree()
        line = _start(node) if node is not None else 0
        for key in loc:
            if isinstance(node, list) and node[0] == "m":
                match = next((entry for entry in node[2] if entry[0] == key), None)
                if match is None:
                    break
                _, line, node = match
            elif isinstance(node, list) and node[0] == "s" and isinstance(key, int) and key < len(node[2]):
                node = node[2][key]
                line = _start(node)
            else:
                break
        return self.front_matter_line + line


def line_tree(node: yaml.Node) -> Any:
    """Where each key and item of a (checked, so shallow) node tree starts, as plain lists:
    a scalar is its 0-based line; a mapping is ["m", line, [[key, key line, value], ...]] (key:
    the key's text, None for a key that is not a scalar, which no path names); a sequence is
    ["s", line, [item, ...]]. JSON keeps it as it is, so the check's cache can store it."""
    if isinstance(node, yaml.MappingNode):
        return ["m", node.start_mark.line, [[key.value if isinstance(key, yaml.ScalarNode) else None,
                                              key.start_mark.line, line_tree(value)] for key, value in node.value]]
    if isinstance(node, yaml.SequenceNode):
        return ["s", node.start_mark.line, [line_tree(item) for item in node.value]]
    return node.start_mark.line


def _start(tree: Any) -> int:
    return tree[1] if isinstance(tree, list) else tree


def _fields_end(node: yaml.Node) -> int | None:
    """The YAML line where the last top-level field's value ends (a value ending at column 0 ends on the line before)."""
    if not isinstance(node, yaml.MappingNode) or not node.value:
        return None
    end = node.value[-1][1].end_mark
    return end.line if end.column > 0 else end.line - 1


def suggest(value: str, options: list[str]) -> str | None:
    """The closest known option, compared loosely (case, spaces and dashes ignored)."""
    def norm(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch.isalnum())

    by_norm = {norm(option): option for option in options}
    if norm(value) in by_norm:
        return by_norm[norm(value)]
    close = difflib.get_close_matches(norm(value), list(by_norm), n=1, cutoff=0.6)
    return by_norm[close[0]] if close else None


MAX_DEPTH = 20


MERGE_TAG = "tag:yaml.org,2002:merge"


def structure_problems(node: yaml.Node) -> list[tuple[int, str, str]]:
    """Everything YAML would accept but we refuse, found in one iterative walk of the node tree.

    Aliases (a node used twice: "billion laughs"), nesting deeper than MAX_DEPTH,
    duplicate keys (YAML keeps the last one silently) and merge keys (`<<`, which
    copy fields from elsewhere). Returns (0-based line, message, hint) triples."""
    problems: list[tuple[int, str, str]] = []
    seen: set[int] = set()
    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if id(current) in seen:
            problems.append((current.start_mark.line, "YAML-ankers en -verwijzingen (& en *) zijn niet toegestaan", "schrijf de waarde voluit"))
            continue
        if depth > MAX_DEPTH:
            problems.append((current.start_mark.line, "de gegevens zijn te diep genest", "gebruik eenvoudige velden en lijsten"))
            return problems
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key, value in current.value:
                if key.tag == MERGE_TAG or (isinstance(key, yaml.ScalarNode) and key.value == "<<" and key.style is None):
                    problems.append((key.start_mark.line, "samenvoegsleutels (<<) zijn niet toegestaan", "schrijf de velden voluit"))
                elif isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        problems.append((key.start_mark.line, f"veld '{key.value}' staat er twee keer (ook op regel {keys[key.value]})",
                                         "houd één van de twee over; YAML zou de eerste stilzwijgend weggooien"))
                    else:
                        keys[key.value] = key.start_mark.line + 1
                stack.extend(((key, depth + 1), (value, depth + 1)))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
    return sorted(problems)


def compose_strict(text: str) -> yaml.Node | None:
    """Compose one YAML document into nodes (no objects built yet); raises yaml.YAMLError."""
    loader = SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def construct(node: yaml.Node) -> Any:
    """Build Python values from checked nodes, with the same safe constructors.

    Front-matter holds plain scalars, lists and mappings with scalar keys: those are built
    here directly, each scalar by the safe constructor's own method for its tag (PyYAML's
    generic path costs most of the time). Anything else (other tags, keys that are not
    scalars) goes the generic way, with its errors."""
    try:
        return _construct_plain(node)
    except _NotPlain:
        pass
    loader = SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


class _NotPlain(Exception):
    pass


_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_SCALAR_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALAR_TAGS = {
    _TAG + "str": _SCALAR_CONSTRUCTOR.construct_yaml_str,
    _TAG + "int": _SCALAR_CONSTRUCTOR.construct_yaml_int,
    _TAG + "float": _SCALAR_CONSTRUCTOR.construct_yaml_float,
    _TAG + "bool": _SCALAR_CONSTRUCTOR.construct_yaml_bool,
    _TAG + "null": _SCALAR_CONSTRUCTOR.construct_yaml_null,
}


def _construct_plain(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:  # what construct_yaml_str returns
            return node.value
        builder = _SCALAR_TAGS.get(node.tag)
        if builder is None:
            raise _NotPlain
        return builder(node)
    if isinstance(node, yaml.SequenceNode) and node.tag == _TAG + "seq":
        return [_construct_plain(item) for item in node.value]
    if isinstance(node, yaml.MappingNode) and node.tag == _TAG + "map":
        mapping = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise _NotPlain
            mapping[_construct_plain(key)] = _construct_plain(value)
        return mapping
    raise _NotPlain


def _error(path: str, line: int, message: str, hint: str | None = None, field_name: str = "") -> ContentError:
    return ContentError(path, line, field_name, message, hint)


def read_page(file: Path, rel_path: str) -> RawPage:
    """Read one Markdown file; problems end up in `page.errors`, never as exceptions."""
    return parse_page(file.read_bytes(), rel_path)


def parse_page(raw: bytes, rel_path: str) -> RawPage:
    """A Markdown file's bytes → its RawPage; problems end up in `page.errors`, never as exceptions."""
    page = RawPage(rel_path, {}, None, 1, "", 1)
    if len(raw) > MAX_PAGE_BYTES:
        page.errors.append(_error(rel_path, 1, f"de pagina is {len(raw) // 1024} kB; het maximum is {MAX_PAGE_BYTES // 1024} kB",
                                  "splits de tekst over meer pagina's"))
        return page
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        page.errors.append(_error(rel_path, line, "het bestand is niet in UTF-8 opgeslagen",
                                  "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als' → codering UTF-8)"))
        return page
    if "\x00" in text:
        page.errors.append(_error(rel_path, 1, "het bestand bevat binaire tekens (NUL)", "is dit wel een Markdown-bestand?"))
        return page
    text = text.replace("\r\n", "\n")

    handler = YAMLHandler()
    if not handler.detect(text):
        page.body = text
        return page
    try:
        front, body = handler.split(text)
    except ValueError:
        page.errors.append(_error(rel_path, 1, "de front-matter wordt niet afgesloten met een regel '---'"))
        return page
    # The handler keeps the newline after the opening '---', so YAML line 0 is file line 1.
    page.front_matter_line = 1
    page.front = front
    page.body = body
    # The boundary pattern (`^-{3,}\s*$`) swallows blank lines after the closing '---', so count
    # lines up to where the body really starts; body line 1 is the rest of that line.
    page.body_line = text.count("\n", 0, len(text) - len(body)) + 1
    if len(front.encode()) > MAX_FRONT_MATTER_BYTES:
        page.errors.append(_error(rel_path, 2, "de front-matter is te groot (meer dan 64 kB)"))
        return page

    try:
        node = compose_strict(front)
        problems = structure_problems(node) if node is not None else []
        if problems:
            for line, message, hint in problems:
                page.errors.append(_error(rel_path, page.front_matter_line + line, message, hint))
            return page
        data = construct(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        # Where an unclosed list or quote starts is where the editor must look; otherwise at the problem.
        opened = error.context and ("flow" in error.context or "quoted" in error.context)
        mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
        last_line = max(front.rstrip("\n").count("\n"), 0)  # an error at the end of input belongs to the last line
        line = page.front_matter_line + min(mark.line if mark else 0, last_line)
        problem = error.problem or "onleesbare YAML"
        hint = "gebruik spaties, geen tabs, om in te springen" if "\t" in front else "controleer dubbele punten, aanhalingstekens en inspringing"
        page.errors.append(_error(rel_path, line, f"YAML-fout: {problem}", hint))
        return page
    except yaml.YAMLError as error:
        page.errors.append(_error(rel_path, page.front_matter_line, f"YAML-fout: {error}"))
        return page
    except RecursionError:
        page.errors.append(_error(rel_path, page.front_matter_line + 1, "de front-matter is te diep genest",
                                  "gebruik eenvoudige velden en lijsten"))
        return page

    if data is None:
        data = {}
    if not isinstance(data, dict):
        page.errors.append(_error(rel_path, page.front_matter_line, "de front-matter moet bestaan uit regels 'veld: waarde'"))
        return page
    page.meta = data
    page.node = node
    page.tree()
    return page


def load_yaml_file(file: Path, rel: str) -> tuple[Any, list[ContentError]]:
    """Read a whole YAML file (data/, .nav.yml) with the same strict rules as front-matter."""
    if file.is_symlink() or not file.is_file():
        return None, [_error(rel, 1, "geen gewoon bestand (een snelkoppeling of map)", "zet het bestand zelf op deze plek")]
    raw = file.read_bytes()
    if len(raw) > MAX_PAGE_BYTES:
        return None, [_error(rel, 1, f"het bestand is {len(raw) // 1024} kB; het maximum is {MAX_PAGE_BYTES // 1024} kB")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [_error(rel, raw[: error.start].count(b"\n") + 1, "het bestand is niet in UTF-8 opgeslagen")]
    try:
        node = compose_strict(text)
        problems = structure_problems(node) if node is not None else []
        if problems:
            return None, [_error(rel, line + 1, message, hint) for line, message, hint in problems]
        return (construct(node) if node is not None else None), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return None, [_error(rel, (mark.line + 1) if mark else 1, f"YAML-fout: {error.problem}",
                             "controleer dubbele punten, aanhalingstekens en inspringing")]
    except (yaml.YAMLError, RecursionError) as error:
        return None, [_error(rel, 1, f"YAML-fout: {error}")]


def load_reference_lists(data_dir: Path, models: dict[str, type]) -> tuple[dict[str, list[Any]], list[ContentError]]:
    """Load data/<name>.yml for every reference list and validate each entry."""
    from pydantic import ValidationError

    lists: dict[str, list[Any]] = {}
    errors: list[ContentError] = []
    for name, model in models.items():
        file = data_dir / f"{name}.yml"
        rel = f"data/{name}.yml"
        if not file.exists():
            errors.append(_error(rel, 1, "bestand ontbreekt"))
            lists[name] = []
            continue
        entries, file_errors = load_yaml_file(file, rel)
        if file_errors:
            errors.extend(file_errors)
            lists[name] = []
            continue
        entries = entries or []
        items = []
        for position, entry in enumerate(entries if isinstance(entries, list) else []):
            try:
                items.append(model.model_validate(entry))
            except ValidationError as error:
                for detail in error.errors():
                    errors.append(_error(rel, 1, detail["msg"], field_name=f"[{position}]." + ".".join(map(str, detail["loc"]))))
        lists[name] = items
    return lists, errors

"""Validate every page against its model, resolve references, and answer queries.

`build_index()` is the one entry point: it reads the reference lists and every
page once, collects *all* errors (never stopping at the first), and returns an
`Index` that macros, templates and exports query. Nothing here re-reads files.

One mistake gives one error, at the line of its field: a page whose fields fail
still exists for the pages citing it (`Index.known`), its own references are still
checked from the raw front-matter, and a value with an error of its own is not
checked again as a reference. Placeholders and empty sections left from the
scaffold are collected apart (`Index.unfinished`): errors for `python -m macros
check`, warnings in a build (so `--strict` fails and a preview keeps running).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
import functools
import gc
import multiprocessing
import os
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Literal, get_args, get_origin

import yaml

from pydantic import ValidationError

from . import boundary
from .loader import (
    TYPE_FOLDERS,
    ContentError,
    RawPage,
    compose_strict,
    construct,
    structure_problems,
    load_reference_lists,
    load_yaml_file,
    parse_page,
    read_page,
    suggest,
)
from .lint import TEMPLATE_MARKERS, check_template_syntax, check_text, find_personal_data, normalise_text
from .models import (
    CONTENT_TYPES,
    REFERENCE_FIELDS,
    REFERENCE_LISTS,
    SLUG_PATTERN,
    AddressAllowList,
    Page,
    slug_from_filename,
)

# Front-matter keys a page without `type` (home, overviews) may set; others (template, hide …
# with other values, render_macros) would let content steer the theme or the macro engine.
PLAIN_PAGE_KEYS = {"title", "description", "hide", "template", "search"}
# Page templates content may choose (our own, in overrides/); any other would let a page pick any theme file.
PAGE_TEMPLATES = {"home.html"}
# The contributor guide, published through the `kb_meewerkgids` macro after the same checks as a page.
CONTRIBUTING_FILE = "CONTRIBUTING.md"


@dataclass(frozen=True, eq=False)
class Entry:
    """One validated content page."""

    item: Page
    slug: str
    src_path: str  # relative to docs/

    @property
    def type(self) -> str:
        return self.item.type

    @property
    def title(self) -> str:
        return self.item.titel

    @functools.cached_property
    def sort_key(self) -> str:
        """The title without case or accents, computed once: lists are sorted many times per build."""
        return fold(self.item.titel)

    def provinces(self) -> list[str]:
        item = self.item
        if hasattr(item, "provincies"):
            return list(item.provincies)
        if hasattr(item, "provincie"):
            return [item.provincie]
        return []


class ContentErrors(Exception):
    """Raised when content is invalid; carries every error found."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__(format_errors(errors))


def format_errors(errors: Iterable[ContentError]) -> str:
    """Every error on its own line, then how many there are per file, then the total."""
    errors = list(errors)
    lines = [str(error) for error in errors]
    per_file: dict[str, int] = {}
    for error in errors:
        per_file[error.path] = per_file.get(error.path, 0) + 1
    lines += ["", "Fouten per bestand:"]
    lines += [f"  {path}: {count} {_plural(count, 'fout', 'fouten')}" for path, count in sorted(per_file.items())]
    files = _plural(len(per_file), "bestand", "bestanden")
    lines.append(f"{len(errors)} {_plural(len(errors), 'fout', 'fouten')} in {len(per_file)} {files} gevonden.")
    return "\n".join(lines)


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def fold(text: str) -> str:
    """Compare slugs without case or accents, so 'Fryslân' and 'fryslan' collide."""
    if text.isascii():  # nothing to decompose, no combining marks
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


# Pydantic's messages are English; editors read Dutch. Keyed by pydantic error type.
_MESSAGES: dict[str, str] = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn (zonder decimalen)",
    "string_type": "moet tekst zijn",
    "list_type": "moet een lijst zijn (regels die beginnen met '- ')",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "date_type": "moet een datum zijn in de vorm JJJJ-MM-DD",
    "date_from_datetime_parsing": "moet een datum zijn in de vorm JJJJ-MM-DD",
    "date_parsing": "moet een datum zijn in de vorm JJJJ-MM-DD",
    "model_type": "moet een groep velden zijn (veld: waarde)",
    "dict_type": "moet een groep velden zijn (veld: waarde)",
    "url_parsing": "is geen geldig webadres",
    "url_scheme": "alleen http- en https-adressen zijn toegestaan",
    "string_pattern_mismatch": "ongeldige waarde",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "is te lang",
    "too_short": "mag niet leeg zijn",
}


def _translate(detail: dict[str, Any], model: type[Page]) -> tuple[str, str | None]:
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    loc = detail["loc"]
    if kind == "extra_forbidden":
        guess = suggest(str(loc[-1]), list(model.model_fields)) if len(loc) == 1 else None
        return "onbekend veld", (f"bedoelde je '{guess}'?" if guess else f"toegestane velden: {', '.join(model.model_fields)}")
    if kind == "literal_error":
        choices = f"kies uit: {str(ctx.get('expected', '')).replace(' or ', ' of ')}"
        given = detail["input"]
        if isinstance(given, (list, dict)):
            return "moet één waarde zijn, geen lijst of groep", choices
        return f"ongeldige waarde '{given}'", choices
    if kind == "string_pattern_mismatch" and ctx.get("pattern", "").startswith("^[a-z0-9]"):
        return f"'{detail['input']}' is geen geldige slug", "gebruik kleine letters, cijfers en streepjes, bijv. noord-holland"
    if kind in ("greater_than_equal", "greater_than"):
        return f"moet minstens {ctx.get('ge', ctx.get('gt'))} zijn", None
    if kind in ("less_than_equal", "less_than"):
        return f"mag hoogstens {ctx.get('le', ctx.get('lt'))} zijn", None
    if kind == "too_short" and ctx.get("min_length", 0) > 0:
        count = ctx["min_length"]
        hint = f"bijv. {loc[0]}: {EXAMPLES[str(loc[0])]}" if len(loc) == 1 and str(loc[0]) in EXAMPLES else None
        return ("moet minstens één waarde bevatten" if count == 1 else f"moet minstens {count} waarden bevatten"), hint
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"])), None
    return _MESSAGES.get(kind, detail["msg"]), None


# How the check names the things a reference points to: singular, plural, article (de/het).
NOUNS: dict[str, tuple[str, str, str]] = {
    "provincie": ("provincie", "provincies", "de"),
    "programma": ("programma", "programma's", "het"),
    "instrument": ("instrument", "instrumenten", "het"),
    "gebeurtenis": ("gebeurtenis", "gebeurtenissen", "de"),
    "ingredient": ("ingrediënt", "ingrediënten", "het"),
    "praktijkvoorbeeld": ("praktijkvoorbeeld", "praktijkvoorbeelden", "het"),
    "bron": ("bron", "bronnen", "de"),
    "begrip": ("begrip", "begrippen", "het"),
    "data:provincies": ("provincie", "provincies", "de"),
    "data:aanpakken": ("aanpak", "aanpakken", "de"),
    "data:instrumentcategorieen": ("categorie", "categorieën", "de"),
    "data:rollen": ("rol", "rollen", "de"),
    "data:taken": ("taak", "taken", "de"),
}


def unknown_phrase(target: str, values: list[str]) -> str:
    """'onbekend programma 'x'', 'onbekende provincie 'x'', 'onbekende provincies 'x', 'y''."""
    singular, plural, article = NOUNS[target]
    quoted = ", ".join(f"'{value}'" for value in values)
    if len(values) == 1:
        return f"{'onbekend' if article == 'het' else 'onbekende'} {singular} {quoted}"
    return f"onbekende {plural} {quoted}"


def _and(values: list[str]) -> str:
    quoted = [f"'{value}'" for value in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " en " + quoted[-1]


# Example values for required fields, written as the editor would type them, shown when one is missing.
# Keyed by field name, or by "<list field>.<field>" for the parts of a list (links, citaten, onderdelen).
EXAMPLES: dict[str, str] = {
    "titel": '"Korte titel zoals lezers hem zien"',
    "samenvatting": '"Eén of twee zinnen over …"',
    "uitgever": '"Provincie Overijssel"',
    "bestand": '"naam-van-het-brondocument.pdf"',
    "volgorde": "1",
    "datum": "2018-06",
    "bronnen": "[slug-van-de-bron]  # de bestandsnaam in docs/bronnen/ zonder .md",
    "gebeurtenis": "slug-van-de-gebeurtenis  # de bestandsnaam in docs/gebeurtenissen/ zonder .md",
    "links.titel": '"Naam van de webpagina"',
    "links.url": "https://www.voorbeeld.nl/pagina",
    "onderdelen.naam": '"Naam van de programmalijn"',
    "citaten.tekst": '"De letterlijke uitspraak"',
    "citaten.spreker": '"Naam van de spreker"',
    "citaten.functie": '"gedeputeerde"',
}


def _example(model: type[Page], loc: tuple[Any, ...], refs: dict[str, dict[str, Any]]) -> str:
    """`veld: voorbeeld` for a missing field: from EXAMPLES, the reference lists or the schema."""
    name = str(loc[-1])
    if len(loc) > 1 and f"{loc[0]}.{name}" in EXAMPLES:
        return f"{name}: {EXAMPLES[f'{loc[0]}.{name}']}"
    if name in EXAMPLES:
        return f"{name}: {EXAMPLES[name]}"
    if name == "laatst_gecontroleerd":
        return f"{name}: {build_date().isoformat()}  # de dag waarop je de feiten met de bron vergeleek"
    target = REFERENCE_FIELDS.get(name, "")
    if target.startswith("data:") and refs.get(target[5:]):
        first = next(iter(refs[target[5:]]))
        info = model.model_fields.get(name)
        value = f"[{first}]" if info is not None and get_origin(info.annotation) is list else first
        return f"{name}: {value}  # zie data/{target[5:]}.yml"
    info = model.model_fields.get(name) if len(loc) == 1 else None
    if info is not None:
        literal = next((arg for arg in (info.annotation, *get_args(info.annotation)) if get_origin(arg) is Literal), None)
        if literal is not None:
            options = [str(option) for option in get_args(literal)]
            return f"{name}: {options[0]}  # kies uit: {', '.join(options)}"
    return f"{name}: …"


def _last_field_line(raw: RawPage) -> int:
    """The file line where the last top-level field ends; new fields go after it."""
    raw.tree()
    return raw.front_matter_line + (raw.fields_end if raw.fields_end is not None else 0)


@dataclass
class _Checked:
    """One page checked against its model. A page whose fields fail still has a type and a slug."""

    type: str | None = None
    model: type[Page] | None = None
    item: Page | None = None
    errors: list[ContentError] = field(default_factory=list)
    bad: set[tuple[Any, ...]] = field(default_factory=set)  # locations that already have an error


def _validate_page(raw: RawPage, refs: dict[str, dict[str, Any]] | None = None) -> _Checked:
    meta = raw.meta
    type_name = meta.get("type")
    expected = raw.expected_type
    if not meta:
        if expected:
            return _Checked(expected, errors=[ContentError(
                raw.path, 1, "", "front-matter ontbreekt",
                f"begin het bestand met '---', dan 'type: {expected}' en de verplichte velden, en sluit af met '---'")])
        return _Checked()
    if type_name is None:
        if expected:
            line = raw.front_matter_line + 1
            return _Checked(expected, errors=[ContentError(raw.path, line, "type", "verplicht veld ontbreekt",
                                                           f"voeg na regel {line - 1} toe: type: {expected}")])
        return _Checked()  # an ordinary page (home, overview) with only display settings
    model = CONTENT_TYPES.get(type_name) if isinstance(type_name, str) else None
    if model is None:
        guess = suggest(str(type_name), list(CONTENT_TYPES))
        return _Checked(expected, errors=[ContentError(
            raw.path, raw.line_of(("type",)), "type", f"onbekend type '{type_name}'",
            f"bedoelde je '{guess}'?" if guess else f"kies uit: {', '.join(CONTENT_TYPES)}")])
    checked = _Checked(type_name, model)
    if expected and type_name != expected:
        checked.errors.append(ContentError(raw.path, raw.line_of(("type",)), "type",
                                           f"een pagina van type '{type_name}' hoort in docs/{TYPE_FOLDERS[type_name]}/"))
    try:
        checked.item = model.model_validate(meta)
    except ValidationError as error:
        details = error.errors()
        # A misspelt field name is one mistake: "onbekend veld, bedoelde je 'provincies'?" says it all,
        # so the field it was meant to be is not reported missing as well.
        meant = {suggest(str(detail["loc"][0]), list(model.model_fields))
                 for detail in details if detail["type"] == "extra_forbidden" and len(detail["loc"]) == 1}
        for detail in details:
            loc = tuple(part for part in detail["loc"] if not (isinstance(part, str) and part.startswith("function-")))
            checked.bad.add(loc)
            if detail["type"] == "missing" and len(loc) == 1 and loc[0] in meant:
                continue
            message, hint = _translate(detail, model)
            field_name = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in loc).replace(".[", "[")
            line = raw.line_of(loc)
            if detail["type"] == "missing":
                example = _example(model, loc, refs or {})
                if len(loc) == 1:  # a top-level field goes after the last one there is
                    line = _last_field_line(raw) + 1
                    hint = f"voeg na regel {line - 1} toe: {example}"
                else:  # a part of a list item goes with that item
                    hint = f"voeg bij dit onderdeel toe: {example}"
            checked.errors.append(ContentError(raw.path, line, field_name, message, hint))
    return checked


# A fixed marker in every value the scaffold leaves for the editor to write; the check refuses it.
PLACEHOLDER_MARKER = "VUL IN"
# Placeholders of scaffolds made before the marker existed.
_OLD_PLACEHOLDER = re.compile(r"^Vul hier .* in\.$")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


_PLACEHOLDER_HINTS = {
    "samenvatting": "schrijf hier één of twee zinnen over wat dit is; ze staan in overzichten en zoekresultaten",
    "uitgever": "schrijf hier de organisatie die het document uitgaf",
    "bestand": "schrijf hier de bestandsnaam van het brondocument",
}


def _is_placeholder(value: str) -> bool:
    return PLACEHOLDER_MARKER in value or bool(_OLD_PLACEHOLDER.match(value))


def _placeholders_in_front(raw: RawPage) -> list[ContentError]:
    """Front-matter values that still hold the scaffold's placeholder text."""
    if not isinstance(raw.node, yaml.MappingNode) or (PLACEHOLDER_MARKER not in raw.front and "Vul hier" not in raw.front):
        return []
    errors = []
    for key, value in raw.node.value:
        stack = [value]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                if isinstance(node.value, str) and _is_placeholder(node.value):
                    hint = _PLACEHOLDER_HINTS.get(str(key.value), "vervang hem door de echte waarde")
                    errors.append(ContentError(raw.path, raw.front_matter_line + node.start_mark.line, str(key.value),
                                               f"de voorbeeldtekst '{PLACEHOLDER_MARKER}: …' staat er nog", hint))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                stack.extend(child for _, child in node.value)
    return errors


def _unfinished_body(raw: RawPage) -> list[ContentError]:
    """Placeholder text in the body, and headings with nothing under them but hidden comments."""
    errors = []
    open_heading: tuple[int, int, str] | None = None  # (line, level, text) of a heading with no text yet
    in_comment = False
    fence = ""
    offset = raw.body_line - 1

    def close(level: int) -> None:
        nonlocal open_heading
        if open_heading is not None and level <= open_heading[1]:
            errors.append(ContentError(raw.path, open_heading[0], "", f"onder het kopje '{open_heading[2]}' staat nog geen tekst",
                                       "schrijf er tekst onder of haal het kopje weg (tekst tussen <!-- en --> zie je niet op de site)"))
        open_heading = None

    for number, line in enumerate(raw.body.split("\n"), start=1):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if PLACEHOLDER_MARKER in line or _OLD_PLACEHOLDER.match(stripped):
            errors.append(ContentError(raw.path, offset + number, "", f"de voorbeeldtekst '{PLACEHOLDER_MARKER}: …' staat er nog",
                                       "vervang hem door je eigen tekst"))
        if not stripped:
            continue
        if stripped.startswith("<!--"):
            end = stripped.find("-->", 4)
            if end == -1:  # a comment over several lines
                in_comment = True
                continue
            if not stripped[end + 3:].strip():  # a line that is only a comment
                continue
        heading = _HEADING.match(line)
        if heading:
            close(len(heading.group(1)))
            open_heading = (offset + number, len(heading.group(1)), heading.group(2))
            continue
        if _FENCE.match(line):
            fence = _FENCE.match(line).group(1)
        open_heading = None  # any text (or a macro, a table, a fence) fills the section
    close(0)
    return errors


def _unfinished(raw: RawPage) -> list[ContentError]:
    return _placeholders_in_front(raw) + _unfinished_body(raw)


@dataclass
class Index:
    """Every validated item, and the lookups that macros and exports need."""

    reference: dict[str, list[Any]]
    entries: list[Entry] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    plain_pages: list[str] = field(default_factory=list)
    # Every page that exists, valid or not: slug -> (type, path). References are checked against it.
    known: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Scaffold placeholders and empty sections: errors for the check, warnings in a build.
    unfinished: list[ContentError] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_slug: dict[str, Entry] = {}
        self.by_type: dict[str, list[Entry]] = defaultdict(list)
        self.by_province: dict[str, list[Entry]] = defaultdict(list)
        self.by_src: dict[str, Entry] = {}
        self.allowed_addresses = AddressAllowList()
        self.contributing = ""  # the contributor guide's Markdown, checked like a page
        self.redirects: dict[str, str] = {}  # removed page → its successor (data/doorverwijzingen.yml)
        self._groups: dict[tuple[str, str], dict[Any, list[Entry]]] = {}
        self.refs: dict[str, dict[str, Any]] = {
            name: {ref.slug: ref for ref in items} for name, items in self.reference.items()
        }

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        self.by_slug[entry.slug] = entry
        self._groups.clear()
        self.by_type[entry.type].append(entry)
        self.by_src[entry.src_path] = entry
        for province in entry.provinces():
            self.by_province[province].append(entry)

    # -- queries ---------------------------------------------------------------

    def get(self, slug: str) -> Entry | None:
        return self.by_slug.get(slug)

    def of_type(self, type_name: str, province: str | None = None) -> list[Entry]:
        entries = self.by_type.get(type_name, [])
        if province:
            entries = [entry for entry in entries if province in entry.provinces()]
        return sorted(entries, key=lambda entry: entry.sort_key)

    def where(self, type_name: str, field_name: str, value: str) -> list[Entry]:
        """Items of a type whose field equals `value` or, for list fields, contains it."""
        key = (type_name, field_name)
        if key not in self._groups:
            groups: dict[Any, list[Entry]] = defaultdict(list)
            for entry in self.by_type.get(type_name, []):
                current = getattr(entry.item, field_name, None)
                for one in current if isinstance(current, list) else [current]:
                    groups[one].append(entry)
            self._groups[key] = {one: sorted(group, key=lambda e: e.sort_key) for one, group in groups.items()}
        return self._groups[key].get(value, [])

    def citing(self, source: str) -> list[Entry]:
        """Pages that cite a source, grouped by type."""
        if "_citing" not in self._groups:
            groups: dict[Any, list[Entry]] = defaultdict(list)
            for entry in self.entries:
                for cited in entry.item.bronnen:
                    groups[cited].append(entry)
            self._groups["_citing"] = {key: sorted(group, key=lambda e: (e.type, e.sort_key)) for key, group in groups.items()}
        return self._groups["_citing"].get(source, [])

    def abbreviations(self) -> tuple[dict[str, str], "re.Pattern | None"]:
        """Glossary abbreviations and one pattern that finds any of them as a whole word."""
        if "_abbreviations" not in self._groups:
            terms = {e.item.afkorting: e.title for e in self.by_type.get("begrip", []) if e.item.afkorting}
            words = sorted(terms, key=len, reverse=True)
            pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])") if words else None
            self._groups["_abbreviations"] = (terms, pattern)
        return self._groups["_abbreviations"]

    def events(self, province: str | None = None) -> list[Entry]:
        """Events in date order; ongoing ones last."""
        entries = self.by_type.get("gebeurtenis", [])
        if province:
            entries = [entry for entry in entries if province in entry.provinces()]
        return sorted(entries, key=lambda entry: (entry.item.datum.sort_key(), entry.sort_key))

    def reference_item(self, list_name: str, slug: str) -> Any:
        return self.refs[list_name][slug]

    def province_page(self, province: str) -> Entry | None:
        for entry in self.by_type.get("provincie", []):
            if entry.item.provincie == province:
                return entry
        return None

    @staticmethod
    def review_due(entry: Entry) -> date:
        """The date by which a page's facts should be checked against the sources again."""
        checked = entry.item.laatst_gecontroleerd
        months = checked.month - 1 + entry.item.controle_interval_maanden
        return date(checked.year + months // 12, months % 12 + 1, min(checked.day, 28))

    def overdue(self, today: date) -> list[tuple[Entry, date]]:
        """Pages whose review date has passed, oldest first."""
        pairs = [(entry, self.review_due(entry)) for entry in self.entries]
        return sorted(((e, due) for e, due in pairs if due < today), key=lambda pair: (pair[1], pair[0].src_path))


def build_date() -> date:
    """Today, or the day of SOURCE_DATE_EPOCH, so that two builds of one commit agree."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date() if epoch else date.today()


def _reference_values(raw: RawPage, checked: _Checked, field_name: str) -> list[tuple[tuple[Any, ...], str]]:
    """(location, slug) of each reference in a field: from the model, or from the raw front-matter
    where the model failed, leaving out values that already have an error of their own."""
    value = getattr(checked.item, field_name, None) if checked.item is not None else raw.meta.get(field_name)
    if isinstance(value, str):
        return [] if (field_name,) in checked.bad else [((field_name,), value.strip())]
    if isinstance(value, list):
        return [((field_name, position), one.strip()) for position, one in enumerate(value)
                if isinstance(one, str) and (field_name, position) not in checked.bad]
    return []


def _check_references(index: Index, pages: list[tuple[RawPage, _Checked]], broken_lists: set[str]) -> None:
    """Every slug a page names must exist, and be of the right kind; also on pages whose fields fail.
    References to a reference list that could not be read are not checked: its own error says enough."""
    for raw, checked in pages:
        for field_name, target in REFERENCE_FIELDS.items():
            if field_name not in checked.model.model_fields or (target.startswith("data:") and target[5:] in broken_lists):
                continue
            unknown: list[tuple[tuple[Any, ...], str]] = []
            if target.startswith("data:"):
                known_slugs = index.refs.get(target[5:], {})
                unknown = [(loc, slug) for loc, slug in _reference_values(raw, checked, field_name) if slug not in known_slugs]
            else:
                for loc, slug in _reference_values(raw, checked, field_name):
                    known = index.known.get(slug)
                    if known is None:
                        unknown.append((loc, slug))
                    elif known[0] != target:
                        index.errors.append(ContentError(
                            raw.path, raw.line_of(loc), field_name, f"'{slug}' is een {NOUNS[known[0]][0]}, geen {NOUNS[target][0]}",
                            f"verwijs naar een pagina in docs/{TYPE_FOLDERS[target]}/"))
            if not unknown:
                continue
            if target.startswith("data:"):
                options = list(index.refs.get(target[5:], {}))
                fallback = f"zie data/{target[5:]}.yml"
            else:
                options = [slug for slug, (kind, _) in index.known.items() if kind == target]
                fallback = f"maak eerst een pagina in docs/{TYPE_FOLDERS[target]}/"
            slugs = [slug for _, slug in unknown]
            guesses = [suggest(slug, options) for slug in slugs]
            if all(guesses):
                hint = f"bedoelde je {_and(guesses)}?"
            elif any(guesses):
                hint = "bedoelde je " + _and([guess for guess in guesses if guess]) + f"? Verder: {fallback}"
            else:
                hint = fallback
            index.errors.append(ContentError(raw.path, raw.line_of(unknown[0][0]), field_name, unknown_phrase(target, slugs), hint))


def _check_consistency(index: Index, raws: dict[str, RawPage]) -> None:
    """Rules that span pages: one page per province, no cycles, matching provinces."""
    pages_per_province: dict[str, list[Entry]] = defaultdict(list)
    for entry in index.by_type.get("provincie", []):
        pages_per_province[entry.item.provincie].append(entry)
    for province, entries in pages_per_province.items():
        # The page named after the province is the real one; any other page claiming it is the mistake.
        first = next((entry for entry in entries if entry.slug == province), entries[0])
        for entry in entries:
            raw = raws[entry.src_path]
            if entry is not first:
                index.errors.append(ContentError(entry.src_path, raw.line_of(("provincie",)), "provincie",
                                                 f"provincie '{province}' heeft al een pagina: {first.src_path}",
                                                 "kies de juiste provincie, of voeg de tekst samen met die pagina"))
            elif entry.slug != province:
                index.errors.append(ContentError(entry.src_path, raw.line_of(("provincie",)), "provincie",
                                                 f"de slug van een provinciepagina moet gelijk zijn aan de provincie ('{province}')",
                                                 f"noem het bestand {province}.md"))

    known_provinces = index.refs.get("provincies", {})
    for entry in index.by_type.get("instrument", []):
        programme = index.get(entry.item.programma) if entry.item.programma else None
        # Unknown provinces have their own error; comparing them would only add a misleading one.
        provinces = [province for province in entry.item.provincies if province in known_provinces]
        if programme is not None and programme.type == "programma" and provinces and not set(programme.item.provincies) & set(provinces):
            raw = raws[entry.src_path]
            index.errors.append(ContentError(entry.src_path, raw.line_of(("programma",)), "programma",
                                             f"programma '{programme.slug}' hoort bij {', '.join(programme.item.provincies)}, "
                                             f"het instrument bij {', '.join(provinces)}"))

    for entry in index.by_type.get("programma", []):
        chain, current = [entry.slug], entry
        while current is not None and current.item.hoofdprogramma:
            parent = index.get(current.item.hoofdprogramma)
            if parent is None or parent.type != "programma":
                break
            if parent.slug in chain:
                raw = raws[entry.src_path]
                index.errors.append(ContentError(entry.src_path, raw.line_of(("hoofdprogramma",)), "hoofdprogramma",
                                                 "programma's verwijzen in een kring naar elkaar: " + " → ".join(chain + [parent.slug])))
                break
            chain.append(parent.slug)
            current = parent


def _check_provenance(index: Index, raws: dict[str, RawPage]) -> None:
    """`herkomst` lines, the planned marker of events and the address of sources (issue 14)."""
    from . import provenance

    for entry in index.entries:
        raw, item = raws[entry.src_path], entry.item
        allowed = provenance.CLASSIFICATION_FIELDS.get(entry.type, ())
        own_sources = list(item.bronnen)
        for field_name, text in (getattr(item, "herkomst", None) or {}).items():
            line, where = raw.line_of(("herkomst", field_name)), f"herkomst.{field_name}"
            if field_name not in allowed:
                index.errors.append(ContentError(entry.src_path, line, where, f"'{field_name}' is geen indelingsveld van een {entry.type}",
                                                 f"kies uit: {', '.join(allowed)}" if allowed else "dit type heeft geen indelingsvelden"))
                continue
            if not provenance.has_value(item, field_name):
                index.errors.append(ContentError(entry.src_path, line, where, f"de pagina geeft geen waarde voor '{field_name}'",
                                                 "haal deze regel weg of vul het veld in"))
                continue
            try:
                claim = provenance.parse_claim(text)
            except provenance.ProvenanceError as error:
                index.errors.append(ContentError(entry.src_path, line, where, str(error), error.hint))
                continue
            if claim.sourced and claim.source not in own_sources:
                index.errors.append(ContentError(entry.src_path, line, where, f"bron '{claim.source}' staat niet in de bronnen van deze pagina",
                                                 f"kies uit: {', '.join(own_sources)}, of voeg de bron toe aan bronnen"))
        for (type_name, field_name), (province, source) in provenance.REQUIRED.items():
            if (entry.type == type_name and province in entry.provinces() and source in own_sources
                    and provenance.has_value(item, field_name) and field_name not in item.herkomst):
                index.errors.append(ContentError(entry.src_path, raw.line_of((field_name,)), field_name,
                                                 f"geef de herkomst van '{field_name}': de bron noemt die voor deze provincie",
                                                 f"voeg onder herkomst: de regel '{field_name}: {source}, <vindplaats>' toe (of '{field_name}: redactie — <reden>')"))
        if entry.type == "gebeurtenis":
            _check_planned(index, entry, raw)
        if entry.type == "bron" and item.url is not None and item.url_betreft is None:
            index.errors.append(ContentError(entry.src_path, raw.line_of(("url",)), "url_betreft", "zeg wat er op de url staat",
                                             "kies uit: document, deel, uitgever, onderwerp"))


def _check_planned(index: Index, entry: Entry, raw: RawPage) -> None:
    """An event dated after the date of its latest source is a plan as of that source, unless a
    later source reports it: then it must carry `gepland_volgens`."""
    item = entry.item
    sources = [index.get(slug) for slug in item.bronnen]
    dated = [source for source in sources if source is not None and source.type == "bron" and source.item.datum is not None
             and source.item.datum.upper() is not None]
    if item.gepland_volgens is not None:
        if item.gepland_volgens not in item.bronnen:
            index.errors.append(ContentError(entry.src_path, raw.line_of(("gepland_volgens",)), "gepland_volgens",
                                             f"bron '{item.gepland_volgens}' staat niet in de bronnen van deze pagina",
                                             f"kies uit: {', '.join(item.bronnen)}"))
        return
    start = item.datum.lower()
    if start is None or not dated:
        return
    latest = max(dated, key=lambda source: source.item.datum.upper())
    if start > latest.item.datum.upper():
        index.errors.append(ContentError(entry.src_path, raw.line_of(("datum",)), "datum",
                                         f"de datum ligt na de datum van de bron '{latest.slug}' ({latest.item.datum.label()}): "
                                         "de bron kondigt de gebeurtenis aan, maar meldt niet dat die plaatsvond",
                                         f"voeg toe: gepland_volgens: {latest.slug} (of noem een latere bron die meldt dat het gebeurd is)"))


ALLOW_LIST = "data/toegestane-adressen.yml"


def _load_address_allow_list(data_dir: Path) -> tuple[AddressAllowList, list[ContentError]]:
    """The general e-mail addresses that are not personal data; each problem at its line."""
    file = data_dir / "toegestane-adressen.yml"
    if not file.exists():
        return AddressAllowList(), []
    if file.is_symlink() or not file.is_file():
        return AddressAllowList(), []  # refused by _check_data_files
    try:
        node = compose_strict(file.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return AddressAllowList(), [ContentError(ALLOW_LIST, mark.line + 1 if mark else 1, "", f"YAML-fout: {error.problem}",
                                                 "controleer dubbele punten, aanhalingstekens en inspringing")]
    problems = structure_problems(node) if node is not None else []
    if problems:
        return AddressAllowList(), [ContentError(ALLOW_LIST, line + 1, "", message, hint) for line, message, hint in problems]
    data = construct(node) if node is not None else None
    try:
        return AddressAllowList.model_validate(data or {}), []
    except ValidationError as error:
        # The file read like a front-matter whose first line is line 1, for the line lookup.
        raw = RawPage(ALLOW_LIST, data if isinstance(data, dict) else {}, node, 1, "", 1)
        errors = []
        for detail in error.errors():
            loc = tuple(detail["loc"])
            field_name = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in loc).replace(".[", "[")
            if detail["type"] == "string_pattern_mismatch" and loc[0] == "adressen":
                message, hint = f"'{detail['input']}' is geen geldig e-mailadres", "schrijf een volledig adres, bijv. info@provincie.nl"
            elif detail["type"] == "string_pattern_mismatch":
                message, hint = f"'{detail['input']}' is geen geldige mailboxnaam", "schrijf alleen het deel vóór de @, bijv. info"
            elif detail["type"] == "extra_forbidden":
                message, hint = "onbekend veld", f"toegestane velden: {', '.join(AddressAllowList.model_fields)}"
            else:
                message, hint = _translate(detail, AddressAllowList)
            errors.append(ContentError(ALLOW_LIST, raw.line_of(loc), field_name, message, hint))
        return AddressAllowList(), errors


def _lint_page(raw: RawPage, macros: set[str], allowed: AddressAllowList, memo: dict[str, list] | None = None) -> list[ContentError]:
    """Template syntax, nesting, personal data and tracking links, in the body and in front-matter values.

    `memo` keeps the findings per front-matter string over one run (one allow-list): slugs,
    provinces and sources recur on thousands of pages."""
    if memo is None:
        memo = {}
    errors = []
    addresses, mailboxes = set(allowed.adressen), set(allowed.algemene_mailboxen)
    offset = raw.body_line - 1
    for finding in check_template_syntax(raw.body, macros):
        errors.append(ContentError(raw.path, offset + finding.line, "", finding.message, finding.hint))
    for finding in check_text(raw.body, addresses, mailboxes):
        errors.append(ContentError(raw.path, offset + finding.line, "", finding.message, finding.hint))
    complexity = boundary.markdown_complexity(raw.body)
    if complexity:
        errors.append(ContentError(raw.path, offset + complexity[0], "", complexity[1], "maak de structuur eenvoudiger of splits de tekst"))
    # Front-matter is checked on its parsed values, so YAML escapes ("\x40", "\u0040") hide nothing.
    for path, text in boundary.strings_in(raw.meta):
        found = memo.get(text)
        if found is None:
            found = memo[text] = find_personal_data(normalise_text(text), addresses, mailboxes)
        for finding in found:
            where = ".".join(str(part) for part in path)
            errors.append(ContentError(raw.path, raw.line_of(path), where, finding.message, finding.hint))
    if "type" not in raw.meta and raw.expected_type is None:
        for key in raw.meta:
            if key not in PLAIN_PAGE_KEYS:
                errors.append(ContentError(raw.path, raw.line_of((key,)), str(key), "onbekend veld voor een pagina zonder type",
                                           f"toegestaan: {', '.join(sorted(PLAIN_PAGE_KEYS))}"))
        if "template" in raw.meta and raw.meta["template"] not in PAGE_TEMPLATES:
            errors.append(ContentError(raw.path, raw.line_of(("template",)), "template", f"onbekend paginasjabloon '{raw.meta['template']}'",
                                       f"kies uit: {', '.join(sorted(PAGE_TEMPLATES))}"))
    # MkDocs renders a page's `title` through Jinja; no template syntax or markup there.
    title = raw.meta.get("title")
    if isinstance(title, str) and (any(marker in title for marker in TEMPLATE_MARKERS) or boundary.UNSAFE_TITLE.search(title)):
        errors.append(ContentError(raw.path, raw.line_of(("title",)), "title", "sjabloon-syntaxis of opmaak is niet toegestaan in de titel",
                                   "schrijf de titel als gewone tekst"))
    return errors


@dataclass
class PageCheck:
    """The part of the check that looks at one page alone: the page read, its lint errors and
    its unfinished parts. It depends only on the file's bytes and path, the code, the macro
    names and the address allow-list, which is what the check's cache keys it on
    (macros/check_cache.py). The YAML nodes are dropped once done (`raw.lines` says where
    everything stands); a page from the cache has no body either."""

    raw: RawPage
    lint: list[ContentError]
    unfinished: list[ContentError]


def check_page(data: bytes, rel: str, macros: set[str], allowed: AddressAllowList, memo: dict[str, list] | None = None) -> PageCheck:
    raw = parse_page(data, rel)
    if raw.errors:
        return PageCheck(raw, [], [])
    work = PageCheck(raw, _lint_page(raw, macros, allowed, memo), _unfinished(raw))
    raw.node = None
    return work


# Below this many pages to check, starting worker processes costs more than they save.
PARALLEL_PAGES = 1000


def _check_pages(markdown_files: list[tuple[Path, str]], macros: set[str], allowed: AddressAllowList,
                 cache: Any = None, workers: int = 1) -> list[PageCheck]:
    """Every page's own check, from the cache where its bytes are unchanged; the others in
    `workers` processes when there are many (each page's check depends on nothing else)."""
    results: list[PageCheck | None] = []
    todo: list[tuple[int, Path, str, bytes | None]] = []  # without a cache, whoever checks a page reads it
    for file, rel in markdown_files:
        data = file.read_bytes() if cache is not None else None
        work = cache.get(rel, data) if cache is not None else None
        if work is None:
            todo.append((len(results), file, rel, data))
        results.append(work)
    if workers > 1 and len(todo) >= PARALLEL_PAGES and "fork" in multiprocessing.get_all_start_methods():
        # This process checks every `workers`-th page itself while the others are checked elsewhere.
        shares = [[(file, rel, data) for _, file, rel, data in todo[start::workers]] for start in range(workers)]
        with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            others = [pool.submit(_check_share, share, macros, allowed, True) for share in shares[1:]]
            done = [_check_share(shares[0], macros, allowed)]
            done += [future.result() for future in others]
        checked = [done[position % workers][position // workers] for position in range(len(todo))]
    else:
        checked = _check_share([(file, rel, data) for _, file, rel, data in todo], macros, allowed)
    for (position, file, rel, data), work in zip(todo, checked):
        results[position] = work
        if cache is not None:
            cache.put(rel, data, work)
    return results


def _check_share(pages: list[tuple[Path, str, bytes | None]], macros: set[str], allowed: AddressAllowList,
                 worker: bool = False) -> list[PageCheck]:
    """Check these pages (reading those not read yet). A worker returns what the rest of the
    check needs of each page, as the cache keeps it (where everything stands, no YAML nodes,
    no body), so little travels back."""
    memo: dict[str, list] = {}
    out = []
    for file, rel, data in pages:
        work = check_page(data if data is not None else file.read_bytes(), rel, macros, allowed, memo)
        if worker:
            work.raw.tree()
            work.raw.node, work.raw.body, work.raw.front = None, "", ""
        out.append(work)
    return out


def _check_data_files(data_dir: Path, allowed: AddressAllowList) -> list[ContentError]:
    """Every data/*.yml read strictly, and its values free of personal data (the allow-list excepted)."""
    errors = []
    if not data_dir.is_dir():
        return [ContentError("data", 1, "", "de map data/ ontbreekt")]
    for file in sorted(data_dir.iterdir()):
        rel = f"data/{file.name}"
        if file.is_symlink() or not file.is_file():
            errors.append(ContentError(rel, 1, "", "geen gewoon bestand (een snelkoppeling of map)", "zet het bestand zelf op deze plek"))
            continue
        if file.suffix != ".yml":
            continue
        data, file_errors = load_yaml_file(file, rel)
        errors.extend(file_errors)
        if not file_errors and file.name != "toegestane-adressen.yml":
            errors.extend(boundary.check_data_values(data, rel, set(allowed.adressen), set(allowed.algemene_mailboxen)))
    return errors


REDIRECTS_FILE = "doorverwijzingen.yml"
_DOCS_PATH = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*\.md$")


def _load_redirects(data_dir: Path, pages: set[str]) -> tuple[dict[str, str], list[ContentError]]:
    """data/doorverwijzingen.yml: old page path → new page path, both under docs/ and plain."""
    file = data_dir / REDIRECTS_FILE
    rel = f"data/{REDIRECTS_FILE}"
    if not file.exists():
        return {}, []
    data, errors = load_yaml_file(file, rel)
    if errors:
        return {}, errors
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [ContentError(rel, 1, "", "het bestand moet bestaan uit regels 'oud.md: nieuw.md'")]
    redirects: dict[str, str] = {}
    for old, new in data.items():
        if not isinstance(old, str) or not isinstance(new, str) or not _DOCS_PATH.match(old) or not _DOCS_PATH.match(new):
            errors.append(ContentError(rel, 1, str(old), "alleen paden van pagina's binnen docs/, zoals instrumenten/oud.md: instrumenten/nieuw.md"))
        elif old in pages:
            errors.append(ContentError(rel, 1, old, "deze pagina bestaat nog; een doorverwijzing is alleen voor verwijderde pagina's"))
        elif new not in pages:
            errors.append(ContentError(rel, 1, old, f"de nieuwe pagina docs/{new} bestaat niet"))
        else:
            redirects[old] = new
    return redirects, errors


def _read_contributing(project_dir: Path, allowed: AddressAllowList) -> tuple[str, list[ContentError]]:
    """The contributor guide, checked like a page body (it is published as one)."""
    file = project_dir / CONTRIBUTING_FILE
    if not file.exists():
        return "", []
    if file.is_symlink() or not file.is_file():
        return "", [ContentError(CONTRIBUTING_FILE, 1, "", "geen gewoon bestand (een snelkoppeling)", "zet de tekst zelf in het bestand")]
    raw = read_page(file, CONTRIBUTING_FILE)
    if raw.errors:
        return "", raw.errors
    # A macro's result is not rendered by Jinja again, so braces in the guide's examples are text.
    errors = [ContentError(CONTRIBUTING_FILE, raw.body_line - 1 + finding.line, "", finding.message, finding.hint)
              for finding in check_text(raw.body, set(allowed.adressen), set(allowed.algemene_mailboxen))]
    complexity = boundary.markdown_complexity(raw.body)
    if complexity:
        errors.append(ContentError(CONTRIBUTING_FILE, raw.body_line - 1 + complexity[0], "", complexity[1]))
    return raw.body, errors


def _top_field(name: str) -> str:
    """'links[0].url' -> 'links': the front-matter key a nested field belongs to."""
    return re.split(r"[.\[]", name, maxsplit=1)[0]


def _slug_of(raw: RawPage, checked: _Checked) -> str:
    """The page's slug: its own `slug` field when valid, else the file name."""
    own = checked.item.slug if checked.item is not None else raw.meta.get("slug")
    if isinstance(own, str) and ("slug",) not in checked.bad and re.fullmatch(SLUG_PATTERN, own):
        return own
    return slug_from_filename(fold(Path(raw.path).stem))


def build_index(docs_dir: Path, data_dir: Path, macros: set[str] | None = None, cache: bool = False,
                workers: int = 1) -> Index:
    """Read data/ and docs/ once and return the index, with every error collected.

    `cache`: reuse each unchanged page's own check from the user's cache; `workers`: check the
    pages in that many processes (only `python -m macros check` asks for either; see
    macros/check_cache.py for when the cache is off anyway)."""
    # Reading thousands of pages allocates millions of objects that all stay alive (nodes, values,
    # models) and form no garbage cycles; the cyclic collector would walk them again and again
    # (a third of the time at 5,000 pages). It is paused while the index is built, never longer.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_index(docs_dir, data_dir, macros, cache, workers)
    finally:
        if was_enabled:
            gc.enable()


def _build_index(docs_dir: Path, data_dir: Path, macros: set[str] | None, cache: bool, workers: int) -> Index:
    if macros is None:
        from .views import macro_names  # views import the index module; import here to avoid a cycle

        macros = macro_names()
    reference, errors = load_reference_lists(data_dir, REFERENCE_LISTS)
    allowed, allow_errors = _load_address_allow_list(data_dir)
    project_dir = data_dir.parent
    markdown_files, tree_errors = boundary.scan_docs(docs_dir, boundary.theme_files_from(project_dir / "mkdocs.yml"))
    index = Index(reference, errors=list(errors) + allow_errors + tree_errors + _check_data_files(data_dir, allowed))
    index.allowed_addresses = allowed
    index.contributing, contributing_errors = _read_contributing(project_dir, allowed)
    index.errors.extend(contributing_errors)
    raws: dict[str, RawPage] = {}
    checked_pages: list[tuple[RawPage, _Checked]] = []
    unreadable: list[tuple[str, str, str]] = []  # (slug, type, path) of pages that exist but cannot be read
    folded_slugs: dict[str, str] = {}
    store = None
    if cache:
        from .check_cache import CheckCache

        store = CheckCache.open(docs_dir, data_dir, [sorted(macros), sorted(allowed.adressen), sorted(allowed.algemene_mailboxen)])
    for work in _check_pages(markdown_files, macros, allowed, store, workers):
        raw, rel = work.raw, work.raw.path
        raws[rel] = raw
        index.errors.extend(raw.errors)
        if raw.errors:
            if raw.expected_type:
                unreadable.append((slug_from_filename(fold(Path(rel).stem)), raw.expected_type, rel))
            continue
        lint_errors = work.lint
        index.errors.extend(lint_errors)
        checked = _validate_page(raw, index.refs)
        # One mistake, one error: where the lint already names a field's line (a javascript: URL),
        # the schema's more general complaint about the same value is left out.
        linted = {(error.line, error.field) for error in lint_errors if error.field}
        index.errors.extend(error for error in checked.errors if (error.line, _top_field(error.field)) not in linted)
        if checked.type is None:
            if not checked.errors:
                index.plain_pages.append(rel)
            continue
        if checked.model is None:  # no front-matter or an unknown type: it exists, nothing more to check
            unreadable.append((_slug_of(raw, checked), checked.type, rel))
            continue
        checked_pages.append((raw, checked))
        index.unfinished.extend(work.unfinished)
        slug = _slug_of(raw, checked)
        key = fold(slug)
        if key in folded_slugs:
            index.errors.append(ContentError(rel, raw.line_of(("slug",)) if "slug" in raw.meta else 1, "slug",
                                             f"slug '{slug}' wordt al gebruikt door {folded_slugs[key]}",
                                             "kies een andere bestandsnaam of slug"))
            continue
        folded_slugs[key] = rel
        # A page whose fields fail still exists: pages citing it get no misleading "onbekend" error.
        index.known[slug] = (checked.type, rel)
        if checked.item is None or checked.errors:
            continue
        index.add(Entry(checked.item, slug, rel))
    if store is not None:
        store.save()
    for slug, type_name, rel in unreadable:
        index.known.setdefault(slug, (type_name, rel))
    index.redirects, redirect_errors = _load_redirects(data_dir, {rel for _, rel in markdown_files})
    index.errors.extend(redirect_errors)
    broken_lists = {name for name in REFERENCE_LISTS if any(error.path == f"data/{name}.yml" for error in errors)}
    _check_references(index, checked_pages, broken_lists)
    _check_consistency(index, raws)
    _check_provenance(index, raws)
    # A data file read by two loaders (strictness, then its model) reports a syntax error once.
    index.errors = sorted(dict.fromkeys(index.errors), key=lambda error: (error.path, error.line, error.field))
    index.unfinished.sort(key=lambda error: (error.path, error.line))
    return index

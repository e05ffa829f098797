"""Validate every page against its model, resolve references, and answer queries.

`build_index()` is the one entry point: it reads the reference lists and every
page once, collects *all* errors (never stopping at the first), and returns an
`Index` that macros, templates and exports query. Nothing here re-reads files.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
import functools
import os
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

from . import boundary
from .loader import (
    TYPE_FOLDERS,
    ContentError,
    RawPage,
    load_reference_lists,
    load_yaml_file,
    read_page,
    suggest,
)
from .lint import TEMPLATE_MARKERS, check_template_syntax, check_text
from .models import CONTENT_TYPES, REFERENCE_FIELDS, REFERENCE_LISTS, AddressAllowList, Page, slug_from_filename

# Front-matter keys a page without `type` (home, overviews) may set; others (template, hide …
# with other values, render_macros) would let content steer the theme or the macro engine.
PLAIN_PAGE_KEYS = {"title", "description", "hide"}
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
    errors = list(errors)
    lines = [str(error) for error in errors]
    noun = "fout" if len(lines) == 1 else "fouten"
    return "\n".join(lines + [f"{len(lines)} {noun} in de inhoud gevonden."])


def fold(text: str) -> str:
    """Compare slugs without case or accents, so 'Fryslân' and 'fryslan' collide."""
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
        return f"ongeldige waarde '{detail['input']}'", f"kies uit: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern", "").startswith("^[a-z0-9]"):
        return f"'{detail['input']}' is geen geldige slug", "gebruik kleine letters, cijfers en streepjes, bijv. noord-holland"
    if kind in ("greater_than_equal", "greater_than"):
        return f"moet minstens {ctx.get('ge', ctx.get('gt'))} zijn", None
    if kind in ("less_than_equal", "less_than"):
        return f"mag hoogstens {ctx.get('le', ctx.get('lt'))} zijn", None
    if kind == "too_short" and ctx.get("min_length", 0) > 0:
        return f"moet minstens {ctx['min_length']} waarde(n) bevatten", None
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"])), None
    return _MESSAGES.get(kind, detail["msg"]), None


def _validate_page(raw: RawPage) -> tuple[Page | None, list[ContentError]]:
    meta = raw.meta
    type_name = meta.get("type")
    expected = raw.expected_type
    if not meta:
        if expected:
            return None, [ContentError(raw.path, 1, "", "front-matter ontbreekt",
                                       f"begin het bestand met '---', dan 'type: {expected}' en de verplichte velden, en sluit af met '---'")]
        return None, []
    if type_name is None:
        if expected:
            return None, [ContentError(raw.path, raw.front_matter_line, "type", "verplicht veld ontbreekt", f"voeg toe: type: {expected}")]
        return None, []  # an ordinary page (home, overview) with only display settings
    model = CONTENT_TYPES.get(type_name) if isinstance(type_name, str) else None
    if model is None:
        guess = suggest(str(type_name), list(CONTENT_TYPES))
        return None, [ContentError(raw.path, raw.line_of(("type",)), "type", f"onbekend type '{type_name}'",
                                   f"bedoelde je '{guess}'?" if guess else f"kies uit: {', '.join(CONTENT_TYPES)}")]
    errors: list[ContentError] = []
    if expected and type_name != expected:
        errors.append(ContentError(raw.path, raw.line_of(("type",)), "type",
                                   f"een pagina van type '{type_name}' hoort in docs/{TYPE_FOLDERS[type_name]}/"))
    try:
        item = model.model_validate(meta)
    except ValidationError as error:
        for detail in error.errors():
            loc = tuple(part for part in detail["loc"] if not (isinstance(part, str) and part.startswith("function-")))
            message, hint = _translate(detail, model)
            field_name = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in loc).replace(".[", "[")
            errors.append(ContentError(raw.path, raw.line_of(loc), field_name, message, hint))
        return None, errors
    return item, errors


@dataclass
class Index:
    """Every validated item, and the lookups that macros and exports need."""

    reference: dict[str, list[Any]]
    entries: list[Entry] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    plain_pages: list[str] = field(default_factory=list)

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


def _check_references(index: Index, raws: dict[str, RawPage]) -> None:
    """Every slug a page names must exist, and be of the right kind."""
    for entry in index.entries:
        raw = raws[entry.src_path]
        for field_name, target in REFERENCE_FIELDS.items():
            value = getattr(entry.item, field_name, None)
            if value is None:
                continue
            values = value if isinstance(value, list) else [value]
            for position, slug in enumerate(values):
                loc = (field_name, position) if isinstance(value, list) else (field_name,)
                line = raw.line_of(loc)
                if target.startswith("data:"):
                    list_name = target[5:]
                    known = index.refs.get(list_name, {})
                    if slug not in known:
                        guess = suggest(slug, list(known))
                        index.errors.append(ContentError(entry.src_path, line, field_name, f"onbekende {field_name} '{slug}'",
                                                         f"bedoelde je '{guess}'?" if guess else f"zie data/{list_name}.yml"))
                    continue
                other = index.get(slug)
                if other is None:
                    candidates = [e.slug for e in index.by_type.get(target, [])]
                    guess = suggest(slug, candidates)
                    index.errors.append(ContentError(entry.src_path, line, field_name, f"onbekende {target} '{slug}'",
                                                     f"bedoelde je '{guess}'?" if guess else f"maak eerst een pagina in docs/{TYPE_FOLDERS[target]}/"))
                elif other.type != target:
                    index.errors.append(ContentError(entry.src_path, line, field_name,
                                                     f"'{slug}' is een {other.type}, geen {target}"))


def _check_consistency(index: Index, raws: dict[str, RawPage]) -> None:
    """Rules that span pages: one page per province, no cycles, matching provinces."""
    seen_provinces: dict[str, str] = {}
    for entry in index.by_type.get("provincie", []):
        province = entry.item.provincie
        raw = raws[entry.src_path]
        if province in seen_provinces:
            index.errors.append(ContentError(entry.src_path, raw.line_of(("provincie",)), "provincie",
                                             f"provincie '{province}' heeft al een pagina: {seen_provinces[province]}"))
        seen_provinces[province] = entry.src_path
        if entry.slug != province:
            index.errors.append(ContentError(entry.src_path, raw.line_of(("provincie",)), "provincie",
                                             f"de slug van een provinciepagina moet gelijk zijn aan de provincie ('{province}')",
                                             f"noem het bestand {province}.md"))

    for entry in index.by_type.get("instrument", []):
        programme = index.get(entry.item.programma) if entry.item.programma else None
        if programme is not None and programme.type == "programma" and not set(programme.item.provincies) & set(entry.item.provincies):
            raw = raws[entry.src_path]
            index.errors.append(ContentError(entry.src_path, raw.line_of(("programma",)), "programma",
                                             f"programma '{programme.slug}' hoort bij {', '.join(programme.item.provincies)}, "
                                             f"het instrument bij {', '.join(entry.item.provincies)}"))

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


def _load_address_allow_list(data_dir: Path) -> tuple[AddressAllowList, list[ContentError]]:
    file = data_dir / "toegestane-adressen.yml"
    if not file.exists():
        return AddressAllowList(), []
    data, errors = load_yaml_file(file, "data/toegestane-adressen.yml")
    if errors:
        return AddressAllowList(), errors
    try:
        return AddressAllowList.model_validate(data or {}), []
    except ValidationError as error:
        return AddressAllowList(), [ContentError("data/toegestane-adressen.yml", 1, "", f"ongeldig bestand: {error}")]


def _lint_page(raw: RawPage, macros: set[str], allowed: AddressAllowList) -> list[ContentError]:
    """Template syntax, nesting, personal data and tracking links, in the body and in front-matter values."""
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
    for path, text in boundary._strings(raw.meta):
        for finding in boundary.find_personal_data(boundary.normalise_text(text), addresses, mailboxes):
            where = ".".join(str(part) for part in path)
            errors.append(ContentError(raw.path, raw.line_of(path), where, finding.message, finding.hint))
    if "type" not in raw.meta:
        for key in raw.meta:
            if key not in PLAIN_PAGE_KEYS:
                errors.append(ContentError(raw.path, raw.line_of((key,)), str(key), "onbekend veld voor een pagina zonder type",
                                           f"toegestaan: {', '.join(sorted(PLAIN_PAGE_KEYS))}"))
    # MkDocs renders a page's `title` through Jinja; no template syntax or markup there.
    title = raw.meta.get("title")
    if isinstance(title, str) and (any(marker in title for marker in TEMPLATE_MARKERS) or boundary._UNSAFE_TITLE.search(title)):
        errors.append(ContentError(raw.path, raw.line_of(("title",)), "title", "sjabloon-syntaxis of opmaak is niet toegestaan in de titel",
                                   "schrijf de titel als gewone tekst"))
    return errors


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


def build_index(docs_dir: Path, data_dir: Path, macros: set[str] | None = None) -> Index:
    """Read data/ and docs/ once and return the index, with every error collected."""
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
    folded_slugs: dict[str, str] = {}
    for file, rel in markdown_files:
        raw = read_page(file, rel)
        raws[rel] = raw
        index.errors.extend(raw.errors)
        if raw.errors:
            continue
        index.errors.extend(_lint_page(raw, macros, allowed))
        item, page_errors = _validate_page(raw)
        index.errors.extend(page_errors)
        if item is None:
            if not page_errors:
                index.plain_pages.append(rel)
            continue
        slug = item.slug or slug_from_filename(fold(Path(rel).stem))
        key = fold(slug)
        if key in folded_slugs:
            index.errors.append(ContentError(rel, raw.line_of(("slug",)) if item.slug else 1, "slug",
                                             f"slug '{slug}' wordt al gebruikt door {folded_slugs[key]}",
                                             "kies een andere bestandsnaam of slug"))
            continue
        folded_slugs[key] = rel
        if page_errors:
            continue
        index.add(Entry(item, slug, rel))
    index.redirects, redirect_errors = _load_redirects(data_dir, {rel for _, rel in markdown_files})
    index.errors.extend(redirect_errors)
    _check_references(index, raws)
    _check_consistency(index, raws)
    _check_provenance(index, raws)
    index.errors.sort(key=lambda error: (error.path, error.line, error.field))
    return index

"""Scaffold a new content page: `python -m macros nieuw instrument "Titel" --provincie overijssel --bron …`.

One Jinja template per content type (`templates/scaffold/<type>.md.j2`) holds the
front-matter and a Dutch body skeleton; nothing else writes page skeletons.

What goes into the front-matter:

* Reference fields (provinces, sources, category, event) get real values that are
  checked against the index here, because no placeholder could pass the check there.
  A cited page needs at least one source, so `--bron` is required for those types:
  the command refuses rather than guess which document the facts come from.
* Free-text fields that the schema requires (the summary; for a source also its
  publisher and file) get a placeholder that starts with the fixed marker "VUL IN":
  it passes the schema, and the content check refuses it until the editor replaces it
  (as it refuses the empty sections under the body's headings).
* Fixed choices get the schema's default or a neutral valid value, with the allowed
  values in a YAML comment next to it, taken from the schema.
* `laatst_gecontroleerd` is today: the editor writes the page from the source now.

Every value is written as YAML by the environment's `finalize`, so a title with a
colon, quote or `#` stays one string. The rendered text is validated against the
model before it is written, and an existing file is never overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml
from markupsafe import Markup
from pydantic import ValidationError

from .dates import FuzzyDateError, parse_fuzzy_date
from .index import NOUNS, PLACEHOLDER_MARKER, Index, fold
from .loader import TYPE_FOLDERS, SafeLoader, suggest
from .models import CONTENT_TYPES, SLUG_PATTERN, CitedPage, slug_from_filename
from .render import template_environment

TEMPLATE_DIR = Path(__file__).parent / "templates" / "scaffold"
PLACEHOLDERS = {
    "samenvatting": f"{PLACEHOLDER_MARKER}: één of twee zinnen die zeggen wat dit is.",
    "uitgever": f"{PLACEHOLDER_MARKER}: de organisatie die het document uitgaf.",
    "bestand": f"{PLACEHOLDER_MARKER}: de bestandsnaam van het brondocument.",
}
MAX_SLUG_LENGTH = 80
EXISTS = "docs/{rel} bestaat al; die wordt niet overschreven — open het bestand om het aan te passen"
# Types whose file name starts with the (first) province, as in docs/instrumenten/overijssel-scan.md.
PROVINCE_PREFIXED = ("programma", "instrument", "gebeurtenis", "praktijkvoorbeeld")


class ScaffoldError(Exception):
    """A request the command cannot fulfil; the message is Dutch and says what to do."""


@dataclass
class Request:
    type: str
    titel: str
    provincies: list[str] = field(default_factory=list)
    bronnen: list[str] = field(default_factory=list)
    categorie: str | None = None
    datum: str | None = None
    gebeurtenis: str | None = None
    slug: str | None = None


# ---------------------------------------------------------------- helpers


def yaml_value(value: Any) -> Markup:
    """One value as inline YAML: plain where that is safe, quoted where it is not."""
    if isinstance(value, Markup):
        return value
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6, sort_keys=False)
    return Markup(text.removesuffix("\n...\n").rstrip("\n"))


def choices(model: type, field_name: str) -> list[str]:
    """The allowed values of a Literal field, straight from the schema."""
    annotation = model.model_fields[field_name].annotation
    candidates = [annotation, *get_args(annotation)]  # Literal[...] itself, or inside `Literal[...] | None`
    literal = next(arg for arg in candidates if get_origin(arg) is Literal)
    return list(get_args(literal))


def comment(values: list[str]) -> Markup:
    """A 'kies uit' list for a YAML comment; only slug-like values may appear there."""
    if not all(re.fullmatch(r"[a-z0-9-]+", value) for value in values):
        raise ValueError(f"geen veilige keuzelijst: {values!r}")
    return Markup(", ".join(values))


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """A slug from a title: no accents, lower case, dashes; cut at a dash when too long."""
    slug = slug_from_filename(fold(text))
    while len(slug) > max_length and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:max_length]


# ---------------------------------------------------------------- checks against the index


def _known_provinces(index: Index, provinces: list[str]) -> list[str]:
    known = index.refs["provincies"]
    for province in provinces:
        if province not in known:
            guess = suggest(province, list(known))
            hint = f"bedoelde je '{guess}'?" if guess else f"kies uit: {', '.join(known)}"
            raise ScaffoldError(f"onbekende provincie '{province}' — {hint}")
    return list(dict.fromkeys(provinces))


def _known_pages(index: Index, slugs: list[str], type_name: str, option: str) -> list[str]:
    for slug in slugs:
        entry = index.get(slug)
        if entry is None or entry.type != type_name:
            candidates = [e.slug for e in index.by_type.get(type_name, [])]
            guess = suggest(slug, candidates)
            hint = f"bedoelde je '{guess}'?" if guess else f"zie docs/{TYPE_FOLDERS[type_name]}/"
            raise ScaffoldError(f"{option}: '{slug}' is geen bestaande {type_name} — {hint}")
    return list(dict.fromkeys(slugs))


def _file_slug(index: Index, request: Request, provinces: list[str], datum) -> str:
    if request.slug:
        if not re.fullmatch(SLUG_PATTERN, request.slug) or len(request.slug) > MAX_SLUG_LENGTH:
            raise ScaffoldError(f"'{request.slug}' is geen geldige slug — gebruik kleine letters, cijfers en streepjes")
        return request.slug
    if request.type == "provincie":
        return provinces[0]
    base = slugify(request.titel)
    if not base:
        raise ScaffoldError("de titel bevat geen letters of cijfers; geef een titel of een --slug")
    if request.type == "ingredient":
        return base if base.startswith("recept-") else f"recept-{base}"
    if request.type in PROVINCE_PREFIXED:
        province = provinces[0]
        rest = base[len(province):].strip("-") if base == province or base.startswith(province + "-") else base
        parts = [province]
        year = datum.year() if request.type == "gebeurtenis" else None
        if year is not None and str(year) not in rest:
            parts.append(str(year))
        base = slugify("-".join(parts + [rest]))
    return base


# ---------------------------------------------------------------- the command


def plan(index: Index, request: Request, today: date) -> tuple[str, dict[str, Any]]:
    """Check the request against the index; return the new file (relative to docs/) and the template data."""
    if request.type not in CONTENT_TYPES:
        raise ScaffoldError(f"onbekend type '{request.type}' — kies uit: {', '.join(CONTENT_TYPES)}")
    model = CONTENT_TYPES[request.type]
    noun = NOUNS[request.type][0]
    titel = " ".join(request.titel.split())
    if not titel:
        raise ScaffoldError("geef een titel, bijvoorbeeld \"Subsidieregeling bestuurskracht\"")
    limit = next((m.max_length for m in model.model_fields["titel"].metadata if getattr(m, "max_length", None)), None)
    if limit and len(titel) > limit:
        raise ScaffoldError(f"de titel is te lang: {len(titel)} tekens, hoogstens {limit}")

    has_provinces = "provincies" in model.model_fields or "provincie" in model.model_fields
    if not has_provinces and request.provincies:
        raise ScaffoldError(f"een {noun} hoort niet bij een provincie; laat --provincie weg")
    provinces = _known_provinces(index, request.provincies)
    if has_provinces and not provinces and request.type != "bron":
        this = "dit" if NOUNS[request.type][2] == "het" else "deze"
        raise ScaffoldError(f"geef met --provincie de provincie van {this} {noun}, bijvoorbeeld --provincie overijssel")
    if request.type == "provincie" and len(provinces) != 1:
        raise ScaffoldError("een provinciepagina hoort bij precies één provincie")

    cited = issubclass(model, CitedPage)
    if cited and not request.bronnen:
        raise ScaffoldError(
            f"een {noun} moet minstens één bron noemen: geef met --bron de slug van het document "
            "(de bestandsnaam in docs/bronnen/ zonder .md). Staat de bron er nog niet, maak die dan eerst: "
            "python -m macros nieuw bron \"Titel van het document\""
        )
    sources = _known_pages(index, request.bronnen, "bron", "--bron")

    data: dict[str, Any] = {
        "titel": titel,
        "samenvatting": PLACEHOLDERS["samenvatting"],
        "provincies": provinces,
        "bronnen": sources,
        "vandaag": today,
    }
    datum = None
    if request.type == "gebeurtenis":
        if not request.datum:
            raise ScaffoldError("geef met --datum de datum van de gebeurtenis, "
                                "bijvoorbeeld --datum 2018-06 of --datum 2017-23 (najaar)")
        try:
            datum = parse_fuzzy_date(request.datum)
        except FuzzyDateError as error:
            raise ScaffoldError(f"--datum: {error}") from None
        data |= {"datum": request.datum, "soort": "overig", "soorten": comment(choices(model, "soort"))}
    elif request.datum:
        raise ScaffoldError("--datum hoort alleen bij een gebeurtenis; vul een periode of datum later in het bestand in")

    if request.type == "instrument":
        categories = list(index.refs["instrumentcategorieen"])
        category = request.categorie or "overig"  # the editors' own category; "special" is a claim of the source
        if category not in categories:
            guess = suggest(category, categories)
            hint = f"bedoelde je '{guess}'?" if guess else f"kies uit: {', '.join(categories)}"
            raise ScaffoldError(f"onbekende categorie '{category}' — {hint}")
        data |= {
            "categorie": category,
            "categorieen": comment(categories),
            "status": model.model_fields["status"].default,
            "statussen": comment(choices(model, "status")),
            "rollen": comment(list(index.refs["rollen"])),
            "taken": comment(list(index.refs["taken"])),
        }
    elif request.categorie:
        raise ScaffoldError("--categorie hoort alleen bij een instrument")

    if request.type == "programma":
        data |= {"taken": comment(list(index.refs["taken"])), "aanpakken": comment(list(index.refs["aanpakken"]))}
    if request.type == "provincie":
        data |= {"aanpakken": comment(list(index.refs["aanpakken"])), "inzetten": comment(choices(model, "inzet"))}

    if request.type == "ingredient":
        used = sorted({entry.item.gebeurtenis for entry in index.by_type.get("ingredient", [])})
        event = request.gebeurtenis or (used[0] if len(used) == 1 else None)
        if event is None:
            raise ScaffoldError("geef met --gebeurtenis de slug van de bijeenkomst waar het ingrediënt uit komt")
        _known_pages(index, [event], "gebeurtenis", "--gebeurtenis")
        order = max((entry.item.volgorde for entry in index.by_type.get("ingredient", [])), default=0) + 1
        data |= {"gebeurtenis": event, "volgorde": order, "soort": "kort", "soorten": comment(choices(model, "soort"))}
    elif request.gebeurtenis:
        raise ScaffoldError("--gebeurtenis hoort alleen bij een ingrediënt")

    if request.type == "bron":
        data |= {
            "uitgever": PLACEHOLDERS["uitgever"],
            "bestand": PLACEHOLDERS["bestand"],
            "soort": "webpagina",
            "soorten": comment(choices(model, "soort")),
        }

    slug = _file_slug(index, request, provinces, datum)
    rel = f"{TYPE_FOLDERS[request.type]}/{slug}.md"
    in_use = {fold(entry.slug): entry.src_path for entry in index.entries}
    if in_use.get(fold(slug)) == rel:
        raise ScaffoldError(EXISTS.format(rel=rel))
    if fold(slug) in in_use:
        raise ScaffoldError(f"de slug '{slug}' wordt al gebruikt door docs/{in_use[fold(slug)]} "
                            "— kies een andere titel of geef een --slug")
    return rel, data


def render(type_name: str, data: dict[str, Any]) -> str:
    # Scaffold templates write every value as YAML instead of escaped Markdown.
    return template_environment(TEMPLATE_DIR, finalize=yaml_value).get_template(f"{type_name}.md.j2").render(**data)


def validate_rendered(type_name: str, text: str) -> None:
    """The new page must pass the schema before it is written (a broken template is our bug)."""
    front = text.split("---\n", 2)[1]
    meta = yaml.load(front, Loader=SafeLoader)
    CONTENT_TYPES[type_name].model_validate(meta)


def scaffold(index: Index, docs_dir: Path, request: Request, today: date) -> Path:
    """Write the new page; refuse to overwrite. Returns the path of the new file."""
    rel, data = plan(index, request, today)
    text = render(request.type, data)
    try:
        validate_rendered(request.type, text)
    except ValidationError as error:  # a template that does not match the schema: our bug, not the editor's
        raise ScaffoldError("de nieuwe pagina past niet in het schema; meld dit aan de beheerders van de site:\n"
                            f"{error}") from None
    target = docs_dir / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(EXISTS.format(rel=rel)) from None
    return target


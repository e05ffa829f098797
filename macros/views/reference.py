"""The field reference for editors, generated from the schema so that it can never drift.

`field_rows()` walks a model's `model_fields` (pydantic) and describes every field in
plain Dutch: required or optional, the kind of value, the allowed values (Literal
choices, or the slugs of a reference list in data/), the description from the
model's `Field(description=…)` and the default. The only hand-written Dutch here
names Python types ("tekst", "datum"); nothing is written per field.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Le, MaxLen, MinLen
from markupsafe import Markup
from pydantic import BaseModel, HttpUrl
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .. import provenance
from ..dates import FuzzyDate
from ..labels import TYPE_LABELS
from ..loader import TYPE_FOLDERS
from ..models import CONTENT_TYPES, REFERENCE_FIELDS, SLUG_PATTERN
from ..render import md_escape

# Plain Dutch names of the value kinds, with their plural for "lijst van …".
KINDS: dict[Any, tuple[str, str]] = {
    str: ("tekst", "teksten"),
    int: ("geheel getal", "gehele getallen"),
    bool: ("ja of nee (true of false)", "ja/nee-waarden"),
    date: ("datum (JJJJ-MM-DD)", "datums"),
    FuzzyDate: ("datum in EDTF-vorm, bijv. 2018-06 of 2017-23", "datums"),
    HttpUrl: ("webadres (https://…)", "webadressen"),
}
SLUG_KIND = ("slug", "slugs")
GROUP_KIND = ("groep", "groepen")
_SAFE_CODE = re.compile(r"^[A-Za-z0-9_./\-]+$")


def code(value: Any) -> Markup:
    """A value as inline code when it is plain enough, else escaped text."""
    text = str(value)
    return Markup(f"`{text}`") if _SAFE_CODE.match(text) else md_escape(text)


@dataclass(frozen=True)
class Kind:
    """What a field holds, found by walking its type annotation."""

    text: str
    values: tuple = ()  # Literal choices
    subfields: tuple = ()  # field names of a nested group
    limits: tuple = ()  # Dutch phrases such as "minstens 1"


def _limits(metadata: tuple) -> list[str]:
    """Bounds from pydantic's constraint metadata, in Dutch."""
    limits = []
    for item in metadata:
        if isinstance(item, Ge):
            limits.append(f"minstens {item.ge}")
        elif isinstance(item, Le):
            limits.append(f"hoogstens {item.le}")
        elif isinstance(item, MinLen) and item.min_length > 0:
            limits.append(f"minstens {item.min_length}")
        elif isinstance(item, MaxLen):
            limits.append(f"hoogstens {item.max_length} tekens")
    return limits


def describe(annotation: Any, metadata: tuple = ()) -> Kind:
    """Describe a type annotation in plain Dutch."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return describe(base, (*metadata, *extra))
    if origin in (Union, types.UnionType):
        # Optional fields: `X | None`; "optioneel" is its own column.
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        return describe(args[0], metadata) if len(args) == 1 else Kind(" of ".join(describe(a).text for a in args))
    if origin is Literal:
        values = get_args(annotation)
        return Kind("vaste waarde" if len(values) == 1 else "keuze", values=values)
    if origin is list:
        inner = describe(get_args(annotation)[0])
        plural = _plural(inner)
        return Kind(f"lijst van {plural}", inner.values, inner.subfields, tuple(_limits(metadata)))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Kind(GROUP_KIND[0], subfields=tuple(annotation.model_fields))
    patterns = [getattr(item, "pattern", None) for item in metadata]
    if annotation is str and SLUG_PATTERN in patterns:
        return Kind(SLUG_KIND[0])
    name = KINDS.get(annotation, (getattr(annotation, "__name__", str(annotation)),))[0]
    limits = _limits(metadata)
    lengths = [item.max_length for item in metadata if getattr(item, "max_length", None)]
    if annotation is str and lengths:  # StringConstraints(max_length=…) of Title and Text
        limits.append(f"hoogstens {lengths[0]} tekens")
    return Kind(name, limits=tuple(limits))


def _plural(kind: Kind) -> str:
    if kind.text == SLUG_KIND[0]:
        return SLUG_KIND[1]
    if kind.text == GROUP_KIND[0]:
        return GROUP_KIND[1]
    plurals = dict(KINDS.values())
    return plurals.get(kind.text, kind.text)


def _description(info: FieldInfo) -> str:
    """The field's description; for annotated types (dates) it may sit inside the annotation."""
    if info.description:
        return info.description
    for arg in get_args(info.annotation):
        if get_origin(arg) is Annotated:
            for item in get_args(arg)[1:]:
                if isinstance(item, FieldInfo) and item.description:
                    return item.description
    return ""


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "–"
    if info.default_factory is list:
        return "lege lijst"
    if info.default is None or info.default is PydanticUndefined:
        return "leeg"
    return str(info.default)


@dataclass(frozen=True)
class FieldRow:
    name: str
    required: bool
    kind: Kind
    reference: str | None  # "data:provincies" or a content type
    description: str
    default: str
    allowed: list[str] = field(default_factory=list)


def field_rows(model: type[BaseModel], reference_lists: dict[str, list[str]]) -> list[FieldRow]:
    """One row per field of a content model, in the schema's order."""
    rows = []
    for name, info in model.model_fields.items():
        kind = describe(info.annotation, tuple(info.metadata))
        target = REFERENCE_FIELDS.get(name)
        allowed = [str(value) for value in kind.values]
        if target and target.startswith("data:"):
            allowed = list(reference_lists.get(target[5:], []))
        rows.append(FieldRow(name, info.is_required(), kind, target, _description(info), _default(info), allowed))
    return rows


def _kind_cell(row: FieldRow) -> Markup:
    """'lijst van slugs uit `data/provincies.yml` (minstens 1)'; every piece escaped on its own."""
    parts = [md_escape(row.kind.text)]
    if row.kind.subfields:
        parts += [md_escape("met"), Markup(", ").join(code(name) for name in row.kind.subfields)]
    if row.reference and row.reference.startswith("data:"):
        parts += [md_escape("uit"), code(f"data/{row.reference[5:]}.yml")]
    elif row.reference:
        parts.append(md_escape(f"van een pagina van type {row.reference}"))
    if row.kind.limits:
        parts.append(md_escape(f"({', '.join(row.kind.limits)})"))
    return Markup(" ").join(parts)


def macros(ctx) -> dict:
    def kb_veldenreferentie() -> str:
        """For every content type, a table of its fields, generated from the schema."""
        reference_lists = {name: list(refs) for name, refs in ctx.index.refs.items()}
        sections = []
        for type_name, model in CONTENT_TYPES.items():
            rows = [
                {
                    "name": code(row.name),
                    "required": "verplicht" if row.required else "optioneel",
                    "kind": _kind_cell(row),
                    "allowed": Markup(", ").join(code(value) for value in row.allowed) if row.allowed else md_escape(""),
                    "description": row.description,
                    "default": row.default,
                }
                for row in field_rows(model, reference_lists)
            ]
            sections.append({
                "type": type_name,
                "label": TYPE_LABELS[type_name],
                "folder": code(f"docs/{TYPE_FOLDERS[type_name]}/"),
                "rows": rows,
            })
        defaults = [{"type": TYPE_LABELS[row["type"]], "field": code(row["field"]), "default": row["default"],
                     "required": row["required"] or "–"} for row in provenance.default_rows()]
        return ctx.render("field_reference.md.j2", sections=sections, provenance_defaults=defaults,
                          locators=Markup(", ").join(md_escape(f"{word} N")
                                                     for word in provenance.LOCATOR_WORDS))

    return {"kb_veldenreferentie": kb_veldenreferentie}

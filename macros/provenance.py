"""Provenance per classification: does a source state a value (which one, and where), or is
it the editors' judgement (and why)?

Editors write an optional `herkomst:` mapping in the front-matter, one line per field:

    herkomst:
      rollen: notitie-noord-holland-2022, bijlage 2
      taken: redactie — afgeleid uit de beschrijving van het instrument

A field without a line falls back to the default in `DEFAULTS` (one table, shown in the field
reference and the contributor guide). The index checks every line (`check_provenance`); views
and exports ask `claim_for(entry, field)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# The classification fields of each content type: the values a reader might take for a
# statement of a source. (Free text, names and amounts are checked sentence by sentence.)
CLASSIFICATION_FIELDS: dict[str, tuple[str, ...]] = {
    "provincie": ("aanpak", "inzet"),
    "programma": ("aanpak", "taken", "periode"),
    "instrument": ("categorie", "rollen", "taken", "status", "periode"),
    "gebeurtenis": ("datum", "soort"),
    "ingredient": ("soort",),
    "praktijkvoorbeeld": ("periode",),
}

LOCATOR_WORDS = ("pagina", "bijlage", "paragraaf", "tabel")
# "pagina 2", "bijlage 2", "paragraaf 3", "tabel 1", "pagina 2-3", "bijlage activiteitenschema"
LOCATOR = re.compile(r"^(pagina|bijlage|paragraaf|tabel) ([0-9]+[a-z]?(?:-[0-9]+[a-z]?)?|[a-zà-ÿ][a-zà-ÿ0-9-]{1,40})$")
EDITORIAL_WORD = "redactie"
_EDITORIAL = re.compile(r"^redactie(?:\s*(?:—|–|-|:)\s*(?P<reason>.+))?$", re.IGNORECASE)

# A value that states nothing needs no provenance.
EMPTY_VALUES = (None, "", [], "onbekend")


@dataclass(frozen=True)
class Default:
    """What a field's provenance is when the page says nothing: `source` (the page's own
    sources, without a place) or the editors' judgement with a reason."""

    kind: str  # "bron" or "redactie"
    reason: str = ""
    required_when: str = ""  # a condition under which editors must state it (shown in the docs)


# The one table of defaults: (type, field) → Default.
_EDITORS_CATEGORY = "indeling van de redactie: de notitie noemt de zeven gemeenschappelijke instrumenten en de specials, maar deelt de instrumenten niet zelf in"
DEFAULTS: dict[tuple[str, str], Default] = {
    ("provincie", "aanpak"): Default("redactie", "indeling van de redactie op basis van de beschrijving van het beleid in de notitie"),
    ("provincie", "inzet"): Default("redactie", "plaatsing van de redactie op de schaal van de notitie"),
    ("programma", "aanpak"): Default("redactie", "indeling van de redactie: de notitie deelt de provincie in, niet het programma"),
    ("programma", "taken"): Default("redactie", "indeling van de redactie"),
    ("programma", "periode"): Default("bron"),
    ("instrument", "categorie"): Default("redactie", _EDITORS_CATEGORY),
    ("instrument", "rollen"): Default(
        "redactie", "indeling van de redactie: alleen bijlage 2 van de Noord-Hollandse notitie geeft rollen, en alleen voor Noord-Holland",
        required_when="verplicht bij instrumenten van Noord-Holland die de notitie als bron noemen (bijlage 2 geeft de rollen)"),
    ("instrument", "taken"): Default("redactie", "indeling van de redactie"),
    ("instrument", "status"): Default("redactie", "inschatting van de redactie; de bron noemt de stand van zaken niet met zoveel woorden"),
    ("instrument", "periode"): Default("bron"),
    ("gebeurtenis", "datum"): Default("bron"),
    ("gebeurtenis", "soort"): Default("redactie", "indeling van de redactie"),
    ("ingredient", "soort"): Default("redactie", "indeling van de redactie: het recept zelf maakt geen onderscheid tussen hoofd- en korte ingrediënten"),
    ("praktijkvoorbeeld", "periode"): Default("bron"),
}

# Where the rule "must be stated" applies: (type, field) → (province, source).
REQUIRED: dict[tuple[str, str], tuple[str, str]] = {
    ("instrument", "rollen"): ("noord-holland", "notitie-noord-holland-2022"),
}


@dataclass(frozen=True)
class Claim:
    """The provenance of one classified value."""

    kind: str  # "bron" or "redactie"
    source: str | None = None  # slug of the source, None = the page's sources in general
    locator: str | None = None
    reason: str = ""
    explicit: bool = False  # written in the page's `herkomst`, not a default

    @property
    def sourced(self) -> bool:
        return self.kind == "bron"

    def as_dict(self) -> dict[str, Any]:
        """For the exports: the same shape in JSON and (flattened) in CSV."""
        if self.sourced:
            return {"soort": "bron", "bron": self.source, "vindplaats": self.locator}
        return {"soort": "redactie", "reden": self.reason}

    def as_text(self) -> str:
        """One cell: 'bron: slug, bijlage 2' or 'redactie: reden'."""
        if self.sourced:
            return "bron: " + ", ".join(part for part in (self.source or "bronnen van de pagina", self.locator) if part)
        return f"redactie: {self.reason}"


class ProvenanceError(ValueError):
    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


def parse_claim(text: Any) -> Claim:
    """One `herkomst` line → a Claim; raises ProvenanceError with a Dutch message."""
    if not isinstance(text, str) or not text.strip():
        raise ProvenanceError("moet één regel tekst zijn",
                              "schrijf '<bron-slug>, <vindplaats>' of 'redactie — <reden>'")
    text = " ".join(text.split())
    editorial = _EDITORIAL.match(text)
    if editorial:
        reason = (editorial.group("reason") or "").strip() or "indeling van de redactie"
        return Claim("redactie", reason=reason, explicit=True)
    source, _, locator = (part.strip() for part in text.partition(","))
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", source):
        raise ProvenanceError(f"'{source}' is geen bron-slug",
                              "schrijf '<bron-slug>, <vindplaats>' of 'redactie — <reden>'")
    if locator and not LOCATOR.match(locator):
        raise ProvenanceError(f"onbekende vindplaats '{locator}'",
                              "gebruik pagina N, bijlage N, paragraaf N of tabel N (bijv. bijlage 2)")
    return Claim("bron", source=source, locator=locator or None, explicit=True)


def default_claim(type_name: str, field_name: str) -> Claim:
    default = DEFAULTS.get((type_name, field_name), Default("redactie", "indeling van de redactie"))
    return Claim(default.kind, reason=default.reason)


def has_value(item: Any, field_name: str) -> bool:
    value = getattr(item, field_name, None)
    return value not in EMPTY_VALUES


def claim_for(entry: Any, field_name: str) -> Claim | None:
    """The provenance of one field of a page, or None when the field states nothing."""
    if field_name not in CLASSIFICATION_FIELDS.get(entry.type, ()) or not has_value(entry.item, field_name):
        return None
    written = (getattr(entry.item, "herkomst", None) or {}).get(field_name)
    if written is not None:
        try:
            return parse_claim(written)
        except ProvenanceError:
            return default_claim(entry.type, field_name)  # the check reports it
    return default_claim(entry.type, field_name)


def claims(entry: Any) -> dict[str, Claim]:
    """Every classified field of a page with its provenance."""
    found = {}
    for field_name in CLASSIFICATION_FIELDS.get(entry.type, ()):
        claim = claim_for(entry, field_name)
        if claim is not None:
            found[field_name] = claim
    return found


def counts(entries: list[Any]) -> dict[str, dict[str, int]]:
    """Per 'type.field': how many values are stated by a source and how many are the editors'."""
    table: dict[str, dict[str, int]] = {}
    for entry in entries:
        for field_name, claim in claims(entry).items():
            row = table.setdefault(f"{entry.type}.{field_name}", {"bron": 0, "redactie": 0})
            row[claim.kind] += 1
    return dict(sorted(table.items()))


def default_rows() -> list[dict[str, str]]:
    """The defaults table for the field reference and the contributor guide."""
    rows = []
    for (type_name, field_name), default in DEFAULTS.items():
        rows.append({
            "type": type_name, "field": field_name,
            "default": "de bronnen van de pagina" if default.kind == "bron" else f"redactie — {default.reason}",
            "required": default.required_when,
        })
    return rows

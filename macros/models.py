"""Pydantic models: one per content type, and one per reference list in data/.

Field names are Dutch because editors write them. Every model forbids unknown
fields, so a typo such as `provincei` is an error rather than silently ignored.
Cross-references (slugs) are checked by the index, which knows every item.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from .dates import FuzzyDate, FuzzyDateError, parse_fuzzy_date

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


def _check_fuzzy_date(value: Any) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, date):
        # YAML reads 2017-11-30 as a date; that is an exact day.
        value = value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("verwacht een datum als tekst, bijv. 2017-11-30, 2018-06, 2017-23 of continu")
    try:
        return parse_fuzzy_date(value)
    except FuzzyDateError as error:
        raise ValueError(str(error)) from None


FuzzyDateField = Annotated[
    FuzzyDate,
    BeforeValidator(_check_fuzzy_date),
    Field(description="Datum in EDTF: 2017-11-30, 2018-06, 2018, 2017-23 (najaar), 2018-40 (1e helft), 2018-04/2018-05, 2018-06~ (circa) of 'continu'."),
    PlainSerializer(lambda value: value.text, return_type=str),
    WithJsonSchema({"type": "string", "description": "EDTF-datum (subset) of 'continu'"}),
]


def _http_only(url: HttpUrl) -> HttpUrl:
    if url.scheme not in ("http", "https"):
        raise ValueError("alleen http- en https-adressen zijn toegestaan")
    return url


WebUrl = Annotated[HttpUrl, AfterValidator(_http_only)]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# ---------------------------------------------------------------- reference lists


class ReferenceItem(Strict):
    slug: Slug
    naam: Title
    omschrijving: Text | None = None


class TilePosition(Strict):
    kolom: int = Field(ge=0, le=5)
    rij: int = Field(ge=0, le=6)


class ProvinceRef(ReferenceItem):
    gemeenten: int = Field(ge=1, description="Aantal gemeenten in 2022 volgens de bronnen.")
    kaart: TilePosition


class CategoryRef(ReferenceItem):
    kort: Title = Field(description="Korte naam voor kolomkoppen.")
    gemeenschappelijk: bool


class ApproachRef(ReferenceItem):
    code: Annotated[str, StringConstraints(max_length=3)] = Field(description="Korte code op de kaart, zodat kleur niet de enige drager is.")


class AddressAllowList(Strict):
    """data/toegestane-adressen.yml: e-mail addresses that are not personal data."""

    adressen: list[Annotated[str, StringConstraints(to_lower=True, pattern=r"^[^@\s]+@[^@\s]+$")]] = Field(default_factory=list)
    algemene_mailboxen: list[Annotated[str, StringConstraints(to_lower=True, pattern=r"^[a-z0-9._-]+$")]] = Field(default_factory=list)


REFERENCE_LISTS: dict[str, type[ReferenceItem]] = {
    "provincies": ProvinceRef,
    "taken": ReferenceItem,
    "rollen": ReferenceItem,
    "instrumentcategorieen": CategoryRef,
    "aanpakken": ApproachRef,
}

# ---------------------------------------------------------------- shared parts


class Link(Strict):
    titel: Title
    url: WebUrl


class Quote(Strict):
    tekst: Text
    spreker: Title
    functie: Title


class Part(Strict):
    naam: Title
    omschrijving: Text | None = None


class Page(Strict):
    """Fields every content page has."""

    type: str
    titel: Title = Field(description="De titel van de pagina, zoals lezers hem zien.")
    slug: Slug | None = Field(default=None, description="Standaard de bestandsnaam zonder .md.")
    samenvatting: Text = Field(description="Eén of twee zinnen: verschijnt in overzichten en zoekresultaten.")
    bronnen: list[Slug] = Field(default_factory=list, description="Slugs van de bronnen (type bron) waarop de pagina steunt.")
    links: list[Link] = Field(default_factory=list, description="Links naar meer informatie: elk met titel en url (http of https).")
    trefwoorden: list[Title] = Field(default_factory=list, description="Woorden waarop lezers zoeken en die niet al in de tekst staan.")
    laatst_gecontroleerd: date = Field(description="Wanneer de feiten voor het laatst tegen de bron zijn gecontroleerd (JJJJ-MM-DD).")
    controle_interval_maanden: int = Field(default=24, ge=1, le=120, description="Na hoeveel maanden de pagina opnieuw gecontroleerd moet worden.")

    @field_validator("bronnen", "trefwoorden")
    @classmethod
    def _no_duplicates(cls, values: list[str]) -> list[str]:
        duplicates = sorted({value for value in values if values.count(value) > 1})
        if duplicates:
            raise ValueError(f"staat dubbel in de lijst: {', '.join(duplicates)}")
        return values


HerkomstLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class CitedPage(Page):
    """Content pages that must name at least one source."""

    bronnen: list[Slug] = Field(min_length=1, description="Slugs van de bronnen (type bron) waarop de pagina steunt; minstens één.")
    herkomst: dict[str, HerkomstLine] = Field(
        default_factory=dict,
        description="Per indelingsveld waar de waarde vandaan komt: '<bron-slug>, <vindplaats>' (vindplaats: pagina N, bijlage N, "
                    "paragraaf N of tabel N) of 'redactie — <reden>'. Velden zonder regel krijgen de standaard uit de tabel hieronder.",
    )


# ---------------------------------------------------------------- content types


class Provincie(CitedPage):
    type: Literal["provincie"] = Field(description="Altijd provincie; de pagina staat in docs/provincies/.")
    provincie: Slug = Field(description="Slug uit data/provincies.yml.")
    beleidskader: Title | None = Field(default=None, description="Naam van het beleidskader of programma.")
    aanpak: Slug | None = Field(default=None, description="Slug uit data/aanpakken.yml; leeg als de bron de provincie niet indeelt.")
    inzet: Literal["basis", "midden", "breed"] | None = Field(default=None, description="Plaats tussen 'basis inzet' en 'brede inzet' volgens de notitie; leeg als de bron niets zegt.")
    accenten: list[Text] = Field(default_factory=list, description="De accenten in het beleid, in korte zinnen.")
    organisatie: list[Text] = Field(default_factory=list, description="Mensen en teams (functies, geen namen van ambtenaren).")


class Programma(CitedPage):
    type: Literal["programma"] = Field(description="Altijd programma; de pagina staat in docs/programmas/.")
    provincies: list[Slug] = Field(min_length=1, description="Slugs uit data/provincies.yml; minstens één.")
    eigenaar: Title | None = Field(default=None, description="Wie het programma trekt, bijv. Gedeputeerde Staten van Overijssel.")
    periode: FuzzyDateField | None = Field(default=None, description="Looptijd als EDTF-datum of periode, bijv. 2017/2019.")
    aanpak: Slug | None = Field(default=None, description="Slug uit data/aanpakken.yml.")
    onderdelen: list[Part] = Field(default_factory=list, description="Programmalijnen of sporen: elk met naam en omschrijving.")
    hoofdprogramma: Slug | None = Field(default=None, description="Slug van het programma waarvan dit een onderdeel is.")
    taken: list[Slug] = Field(default_factory=list, description="Slugs uit data/taken.yml.")


class Instrument(CitedPage):
    type: Literal["instrument"] = Field(description="Altijd instrument; de pagina staat in docs/instrumenten/.")
    provincies: list[Slug] = Field(min_length=1, description="Slugs uit data/provincies.yml; minstens één.")
    categorie: Slug = Field(description="Slug uit data/instrumentcategorieen.yml.")
    rollen: list[Slug] = Field(default_factory=list, description="Slugs uit data/rollen.yml: de rol van de provincie.")
    taken: list[Slug] = Field(default_factory=list, description="Slugs uit data/taken.yml: de taken waaraan het instrument bijdraagt.")
    status: Literal["actief", "gepland", "pilot", "afgerond", "vervallen", "onbekend"] = Field(default="onbekend", description="Stand van zaken volgens de bron.")
    programma: Slug | None = Field(default=None, description="Slug van het programma (van dezelfde provincie) waar het instrument bij hoort.")
    periode: FuzzyDateField | None = Field(default=None, description="Looptijd als EDTF-datum of periode.")
    bedrag: Title | None = Field(default=None, description="Bedrag of kosten zoals de bron ze noemt, bijv. 'kosteloos'.")
    partners: list[Title] = Field(default_factory=list, description="Organisaties die meedoen of meebetalen.")
    deelname: list[Text] = Field(default_factory=list, description="Wat een deelnemende gemeente doet.")
    opbrengst: list[Text] = Field(default_factory=list, description="Wat een deelnemende gemeente ervoor terugkrijgt.")
    voorbeelden: list[Text] = Field(default_factory=list, description="Concrete voorbeelden die de bron noemt, bijv. een gemeente waar het is ingezet.")


class Gebeurtenis(CitedPage):
    type: Literal["gebeurtenis"] = Field(description="Altijd gebeurtenis; de pagina staat in docs/gebeurtenissen/.")
    provincies: list[Slug] = Field(min_length=1, description="Slugs uit data/provincies.yml; minstens één.")
    datum: FuzzyDateField = Field(description="Zo precies als de bron: EDTF-datum, seizoen, periode of continu.")
    datum_bron: Title | None = Field(default=None, description="De datum zoals de bron hem schrijft.")
    soort: Literal[
        "bijeenkomst", "conferentie", "finale", "festival", "oplevering", "evaluatie",
        "publicatie", "gesprek", "lancering", "overig",
    ] = Field(description="Het soort gebeurtenis.")
    programma: Slug | None = Field(default=None, description="Slug van het programma waar de gebeurtenis bij hoort.")
    instrument: Slug | None = Field(default=None, description="Slug van het instrument waar de gebeurtenis bij hoort.")
    gepland_volgens: Slug | None = Field(
        default=None,
        description="Slug van de bron die de gebeurtenis aankondigt als plan (stand op de datum van die bron). "
                    "Verplicht als de datum na de datum van de (laatste) bron ligt en geen latere bron meldt dat het gebeurd is.",
    )
    plaats: Title | None = Field(default=None, description="Waar het plaatsvond (of zou plaatsvinden).")
    deelnemers: Text | None = Field(default=None, description="Wie er meededen, in functies (geen namen van ambtenaren).")
    citaten: list[Quote] = Field(default_factory=list, description="Letterlijke uitspraken: elk met tekst, spreker en functie.")


class Ingredient(CitedPage):
    type: Literal["ingredient"] = Field(description="Altijd ingredient; de pagina staat in docs/recept/.")
    volgorde: int = Field(ge=1, description="Plaats in het recept: 1, 2, 3 …")
    soort: Literal["hoofdingredient", "kort"] = Field(description="Hoofdingrediënt of kort ingrediënt.")
    gebeurtenis: Slug = Field(description="Slug van de conferentie waar het recept uit voortkwam.")


class Praktijkvoorbeeld(CitedPage):
    type: Literal["praktijkvoorbeeld"] = Field(description="Altijd praktijkvoorbeeld; de pagina staat in docs/praktijkvoorbeelden/.")
    provincies: list[Slug] = Field(min_length=1, description="Slugs uit data/provincies.yml; minstens één.")
    gemeenten: list[Title] = Field(default_factory=list, description="Namen van de gemeenten waar het voorbeeld speelt.")
    instrumenten: list[Slug] = Field(default_factory=list, description="Slugs van de instrumenten die zijn ingezet.")
    programma: Slug | None = Field(default=None, description="Slug van het programma waar het voorbeeld bij hoort.")
    periode: FuzzyDateField | None = Field(default=None, description="Wanneer, als EDTF-datum of periode.")


class Bron(Page):
    type: Literal["bron"] = Field(description="Altijd bron; de pagina staat in docs/bronnen/.")
    uitgever: Title = Field(description="De organisatie die het document uitgaf.")
    datum: FuzzyDateField | None = Field(default=None, description="Leeg als het document geen datum noemt.")
    soort: Literal["brief", "e-mail", "notitie", "webpagina", "verslag"] = Field(description="Het soort document.")
    kenmerk: Title | None = Field(default=None, description="Kenmerk of zaaknummer van het document, als het er een heeft.")
    bestand: Title = Field(description="Naam van het brondocument in de bronnenmap.")
    url: WebUrl | None = Field(default=None, description="Waar het document of de organisatie online staat (http of https).")
    url_betreft: Literal["document", "deel", "uitgever", "onderwerp"] | None = Field(
        default=None,
        description="Wat er op de url staat: het document zelf, een deel ervan (bijv. een bijlage), alleen de website van de uitgever, "
                    "of een pagina over het onderwerp. Verplicht als er een url is.",
    )
    provincies: list[Slug] = Field(default_factory=list, description="De provincies waar het document over gaat.")


class Begrip(Page):
    type: Literal["begrip"] = Field(description="Altijd begrip; de pagina staat in docs/begrippen/.")
    afkorting: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9. \-]{0,15}$")] | None = Field(
        default=None, description="Afkorting; krijgt op elke pagina een uitleg bij aanwijzen."
    )
    synoniemen: list[Title] = Field(default_factory=list, description="Andere namen voor hetzelfde begrip.")


CONTENT_TYPES: dict[str, type[Page]] = {
    model.model_fields["type"].annotation.__args__[0]: model
    for model in (Provincie, Programma, Instrument, Gebeurtenis, Ingredient, Praktijkvoorbeeld, Bron, Begrip)
}

ContentItem = Union[Provincie, Programma, Instrument, Gebeurtenis, Ingredient, Praktijkvoorbeeld, Bron, Begrip]

# Which field refers to which kind of thing; the index resolves and checks these.
# A value of "data:<list>" refers to a reference list, otherwise to a content type.
REFERENCE_FIELDS: dict[str, str] = {
    "provincie": "data:provincies",
    "provincies": "data:provincies",
    "aanpak": "data:aanpakken",
    "categorie": "data:instrumentcategorieen",
    "rollen": "data:rollen",
    "taken": "data:taken",
    "bronnen": "bron",
    "programma": "programma",
    "hoofdprogramma": "programma",
    "instrument": "instrument",
    "instrumenten": "instrument",
    "gebeurtenis": "gebeurtenis",
}


def slug_from_filename(stem: str) -> str:
    """The default slug: the file name, lower-cased, with spaces as dashes."""
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")

"""Write a synthetic but schema-valid knowledge base of N pages as a complete project.

    .venv/bin/python bench/generate.py 500 bench/out/synth-500
    .venv/bin/python -m macros check --docs bench/out/synth-500/docs --data bench/out/synth-500/data

The project is what a real checkout looks like to MkDocs: the real `mkdocs.yml`, the
project's code symlinked (`macros/`, `overrides/`, hooks: every top-level entry but
docs/, data/, tests/, bench/ and the like), copies of `data/`, `docs/assets/`,
`docs/.nav.yml` and of every real page that is not a content page (home, folder index
pages, `overzichten/`, `kader/`, `open-data.md`, …), so every macro runs as in production.

N counts every Markdown file under docs/, the copied pages included. Besides those, the
generator writes the twelve province pages and the recipe (14 ingredients from the
conference), and then fills the rest with, per province: cases (one gemeente each, at
most 342 in all), programmes, instruments, events (with every kind of fuzzy date: days,
months, years, seasons 2017-23, quarters, halves 2018-40, ranges, circa, 'continu'),
and a few sources and glossary terms. Content pages that the copied pages link to by
name (e.g. bronnen/notitie-noord-holland-2022.md) are generated with that slug, so the
strict build finds them. Every reference resolves: instrument → programme of the same
province, event → instrument (and its programme) of the same province, case →
instruments of its province. The tree passes `python -m macros check` with no errors
(tests/test_bench_generator.py): `CONTRIBUTING.md` is copied, not linked (the check refuses
symlinks); source pages with a url say what is there (`url_betreft`); an event dated after
its latest source carries `gepland_volgens`; Noord-Holland's instruments citing the note
give the provenance of their roles, and some pages have other `herkomst` lines; the redirects
file keeps the real old addresses but sends them to pages that exist here.
Output is deterministic: the same N and seed give byte-identical files.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
CHECKED = "2026-11-23"  # laatst_gecontroleerd; the real content uses the same day

# Top-level entries of the project that are not linked into a generated project.
NOT_LINKED = {"docs", "data", "mkdocs.yml", "site", "bench", ".git", ".venv", "tests", "test-artifacts",
              ".pytest_cache", ".cache", "__pycache__"}
# Pages the recipe needs by name (the overview pages link to them too).
RECIPE_SOURCE = "brief-noord-holland-recept-voor-de-toekomst"
CONFERENCE = "noord-holland-2022-conferentie-sterke-gemeenten-sterke-regios"
INGREDIENTS = 14

# ------------------------------------------------------------------ Dutch-like filler

SUBJECTS = [
    "De provincie", "Het college van Gedeputeerde Staten", "De gemeente", "Het regiobestuur",
    "De werkgroep", "Het ambtelijk team", "De commissaris van de Koning", "Provinciale Staten",
    "De gemeenteraad", "Het samenwerkingsverband", "De regiomanager", "Het netwerk van griffiers",
    "De adviescommissie", "Het programmateam", "De deelnemende gemeenten", "Het waterschap",
]
VERBS = [
    "ondersteunt", "verkent", "versterkt", "bespreekt", "evalueert", "organiseert", "begeleidt",
    "stimuleert", "financiert", "onderzoekt", "verbindt", "coördineert", "bevordert", "volgt",
    "agendeert", "ontwikkelt", "vernieuwt", "toetst", "deelt", "herijkt",
]
OBJECTS = [
    "de bestuurskracht van kleine gemeenten", "de regionale samenwerking", "het interbestuurlijk toezicht",
    "de financiële positie van gemeenten", "de weerbaarheid tegen ondermijning", "de integriteit van het bestuur",
    "de participatie van inwoners", "de ambtelijke capaciteit", "de democratische legitimiteit",
    "de samenwerkingsagenda", "de informatiedeling tussen overheden", "de kwaliteit van de dienstverlening",
    "de rol van de raad bij gemeenschappelijke regelingen", "het gesprek over herindeling",
    "de kennisdeling tussen griffies", "de uitvoering van wettelijke taken", "de verbinding met het Rijk",
    "de aanpak van bestuurlijke drukte", "het vertrouwen in de lokale overheid", "de opgaven in het landelijk gebied",
]
TAILS = [
    "", "", "", " samen met de regio", " in nauw overleg met de gemeenten", " met een kleine subsidie",
    " op verzoek van de raad", " vanuit de eigen wettelijke taak", " volgens een vaste cyclus",
    " in een reeks werkbijeenkomsten", " met ondersteuning van een extern bureau", " zonder vaste einddatum",
    " als onderdeel van het programma", " met aandacht voor kleine kernen",
]
CONNECTORS = ["Daarnaast", "Ook", "Verder", "Tegelijk", "Bovendien", "In de praktijk", "Volgens de bron", "Daarbij"]
HEADINGS = {
    "instrument": ["Wat is het?", "Hoe werkt het?", "Voor wie?", "Wat levert het op?", "Wat staat er niet in de bron?"],
    "gebeurtenis": ["Wat was het?", "Wie deden mee?", "Wat kwam eruit?", "Vervolg"],
    "programma": ["Wat is het?", "Doelen", "Onderdelen", "Stand van zaken"],
    "praktijkvoorbeeld": ["De opgave", "De aanpak", "De rol van de provincie", "Wat leverde het op?"],
    "provincie": ["Uitgangspunt", "Aanpak en inzet", "Organisatie", "Ontwikkelingen"],
    "bron": ["Wat is het?", "Wat staat erin?", "Opmerkingen bij de bron"],
    "begrip": ["Wat is het?", "In de bronnen"],
    "ingredient": ["Wat betekent het?", "In de praktijk"],
}

NOUNS = [
    "werkplaats", "regeling", "scan", "academie", "leergang", "dashboard", "overleg", "agenda", "fonds",
    "pilot", "netwerk", "monitor", "ronde tafel", "handreiking", "expertisepool", "bestuursakkoord",
    "verkenning", "bijeenkomstenreeks", "training", "visitatie", "adviesteam", "kennisbank", "tafel", "pact",
]
ADJECTIVES = [
    "Regionale", "Lokale", "Interbestuurlijke", "Provinciale", "Open", "Weerbare", "Vitale", "Sterke",
    "Gezamenlijke", "Digitale", "Nieuwe", "Integrale", "Kleine", "Brede",
]
THEMES = [
    "bestuurskracht", "integriteit", "samenwerking", "participatie", "toezicht", "ondermijning",
    "herindeling", "raadswerk", "griffies", "financiën", "dienstverlening", "democratie", "weerbaarheid",
]
PLACE_STARTS = [
    "Aal", "Beek", "Bier", "Bos", "Brug", "Dal", "Ees", "Elst", "Ger", "Gie", "Haar", "Hol", "Hoog", "Kamp",
    "Kolk", "Laar", "Lin", "Mark", "Meer", "Mol", "Nij", "Olde", "Oos", "Ray", "Rijs", "Sche", "Sloot",
    "Steen", "Ter", "Tol", "Ulft", "Vaar", "Ven", "Vlie", "Waal", "Wes", "Wijk", "Zand", "Zeven", "Zwaag",
]
PLACE_ENDS = [
    "dorp", "veen", "wolde", "horst", "broek", "dijk", "hoven", "zand", "meer", "berg", "dam", "wijk",
    "hem", "loo", "rode", "holt", "sum", "ingen", "kerk", "gaast",
]
EVENT_KINDS = ["bijeenkomst", "conferentie", "finale", "festival", "oplevering", "evaluatie",
               "publicatie", "gesprek", "lancering", "overig"]
STATUSES = ["actief", "actief", "actief", "gepland", "pilot", "afgerond", "vervallen", "onbekend"]
SOURCE_KINDS = ["brief", "e-mail", "notitie", "webpagina", "verslag"]


def sentence(rng: random.Random, first: bool = False) -> str:
    subject, verb, obj = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)
    if first or rng.random() < 0.6:
        text = f"{subject} {verb} {obj}"
    else:  # Dutch inversion after a connector: "Daarnaast ondersteunt de provincie ..."
        if subject.startswith(("De ", "Het ")):
            subject = subject[0].lower() + subject[1:]
        text = f"{rng.choice(CONNECTORS)} {verb} {subject} {obj}"
    return text + rng.choice(TAILS) + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng, first=(i == 0)) for i in range(rng.randint(2, 6)))


def body(rng: random.Random, type_name: str, links: list[str]) -> str:
    """A few sections of filler; `links` (Markdown links) are woven into the first paragraph."""
    headings = HEADINGS[type_name]
    count = rng.randint(1, len(headings))
    parts = []
    for position, heading in enumerate(headings[:count]):
        paragraphs = [paragraph(rng) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        if position == 0 and links:
            paragraphs[0] += " Zie ook " + ", ".join(links) + "."
        if rng.random() < 0.15:
            paragraphs.append("\n".join(f"- {rng.choice(OBJECTS).capitalize()}" for _ in range(rng.randint(2, 5))))
        parts.append(f"## {heading}\n\n" + "\n\n".join(paragraphs))
    return "\n\n".join(parts) + "\n"


def summary(rng: random.Random, name: str) -> str:
    return f"{name}: {rng.choice(OBJECTS)}{rng.choice(TAILS)}. {sentence(rng, first=True)}"


def fuzzy_date(rng: random.Random, allow_ongoing: bool = True) -> str:
    """A mix of every precision the schema supports."""
    year = rng.randint(2015, 2025)
    kind = rng.choices(
        ["day", "month", "year", "season", "half", "quarter", "range", "approx", "ongoing"],
        weights=[30, 20, 8, 12, 10, 4, 10, 3, 3 if allow_ongoing else 0],
    )[0]
    if kind == "day":
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == "month":
        return f"{year}-{rng.randint(1, 12):02d}"
    if kind == "year":
        return str(year)
    if kind == "season":
        return f"{year}-{rng.randint(21, 24)}"
    if kind == "half":
        return f"{year}-{rng.choice((40, 41))}"
    if kind == "quarter":
        return f"{year}-{rng.randint(33, 36)}"
    if kind == "range":
        first = rng.randint(1, 11)
        return f"{year}-{first:02d}/{year}-{rng.randint(first + 1, 12):02d}" if rng.random() < 0.7 else f"{year}/{year + rng.randint(1, 3)}"
    if kind == "approx":
        return f"{year}-{rng.randint(1, 12):02d}{rng.choice('~?')}"
    return "continu"


def fuzzy_date_label(text: str) -> str:
    from macros.dates import parse_fuzzy_date

    return parse_fuzzy_date(text).label()


def planned_by(when: str, cited: list[str], source_date: dict[str, str | None]) -> str | None:
    """The source an event dated `when` is planned by: its latest dated source, if the event
    starts after that source's date (the rule of index._check_planned), else None."""
    from macros.dates import parse_fuzzy_date

    dated = [(parse_fuzzy_date(source_date[slug]).upper(), slug) for slug in cited if source_date.get(slug)]
    dated = [(upper, slug) for upper, slug in dated if upper is not None]
    start = parse_fuzzy_date(when).lower()
    if start is None or not dated:
        return None
    upper, latest = max(dated, key=lambda pair: pair[0])
    return latest if start > upper else None


def provenance_lines(rng: random.Random, type_name: str, meta: dict, provinces: list[str], cited: list[str]) -> dict[str, str]:
    """`herkomst` lines as editors write them: where provenance.REQUIRED demands one (the roles
    of Noord-Holland's instruments from the note's annex 2), and on some pages a sourced or an
    editorial line for another classification field."""
    from macros import provenance

    lines: dict[str, str] = {}
    for (required_type, field_name), (province, source) in provenance.REQUIRED.items():
        if (required_type == type_name and province in provinces and source in cited
                and meta.get(field_name) not in provenance.EMPTY_VALUES):
            lines[field_name] = f"{source}, bijlage 2"
    if rng.random() < 0.2:
        field_name = rng.choice([name for name in provenance.CLASSIFICATION_FIELDS[type_name]
                                 if name not in lines and meta.get(name) not in provenance.EMPTY_VALUES] or [None])
        if field_name and rng.random() < 0.6:
            lines[field_name] = f"{rng.choice(cited)}, {rng.choice(provenance.LOCATOR_WORDS)} {rng.randint(1, 12)}"
        elif field_name:
            lines[field_name] = "redactie — afgeleid uit de beschrijving in de bron"
    return lines


def place_names(rng: random.Random, count: int) -> list[str]:
    names = sorted({start + end for start in PLACE_STARTS for end in PLACE_ENDS})
    rng.shuffle(names)
    return names[:count]


def slugify(text: str) -> str:
    import re
    import unicodedata

    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# ------------------------------------------------------------------ writing


def write_page(docs: Path, rel: str, meta: dict, text: str) -> None:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    file = docs / rel
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"---\n{front}---\n\n{text}", encoding="utf-8")


def link(title: str, folder: str, slug: str, from_folder: str) -> str:
    target = f"{slug}.md" if folder == from_folder else f"../{folder}/{slug}.md"
    return f"[{title}]({target})"


# Where the real mkdocs.yml, data/ and docs/ are read from: the live project, or a snapshot
# (bench/build.py copies the real project once at the start, for a consistent run).
CONTENT_SOURCE = PROJECT
# Where link_code() links to: the live project, or a snapshot of its code (bench/build.py
# takes one at the start, so a long run is not disturbed by edits in the working tree).
CODE_SOURCE = PROJECT


def snapshot_code(target: Path) -> Path:
    """Copy what link_code() would link (macros/, overrides/, …) to `target`, and link to it from now on."""
    global CODE_SOURCE
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for entry in sorted(PROJECT.iterdir()):
        if entry.name not in NOT_LINKED and not entry.name.startswith("."):
            if entry.is_dir():
                shutil.copytree(entry, target / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(entry, target / entry.name)
    CODE_SOURCE = target
    return target


# Top-level files that are content checked like a page: the check refuses a symlink there, so they are copied.
COPIED = {"CONTRIBUTING.md"}


def link_code(target: Path) -> None:
    """Symlink the project's code and theme (macros/, overrides/, hooks, …) into `target`;
    copy the few top-level files the content check reads (COPIED)."""
    for entry in sorted(CODE_SOURCE.iterdir()):
        if entry.name not in NOT_LINKED and not entry.name.startswith(".") and not (target / entry.name).exists():
            if entry.name in COPIED:
                shutil.copy2(entry, target / entry.name)
            else:
                os.symlink(entry, target / entry.name, target_is_directory=entry.is_dir())


def plain_pages() -> list[str]:
    """The real pages that are not content pages (home, overviews, framework pages): no `type` in front-matter."""
    from macros.boundary import scan_docs, theme_files_from
    from macros.loader import read_page

    pages = []
    markdown, _ = scan_docs(CONTENT_SOURCE / "docs", theme_files_from(CONTENT_SOURCE / "mkdocs.yml"))
    for file, rel in markdown:
        raw = read_page(file, rel)
        if "type" not in raw.meta and raw.expected_type is None:
            pages.append(rel)
    return pages


_MD_LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)")


def linked_pages(docs: Path, pages: list[str]) -> list[str]:
    """Pages (docs-relative) that `pages` link to and that are not among them."""
    found = set()
    for rel in pages:
        text = (docs / rel).read_text(encoding="utf-8")
        for target in _MD_LINK.findall(text):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            if resolved not in pages and not resolved.startswith(".."):
                found.add(resolved)
    return sorted(found)


def setup_project(out: Path) -> list[str]:
    """The project skeleton: config, code (symlinked), data, assets, overview pages. Returns the copied pages."""
    if out.exists():
        shutil.rmtree(out)
    (out / "docs").mkdir(parents=True)
    shutil.copy2(CONTENT_SOURCE / "mkdocs.yml", out / "mkdocs.yml")
    link_code(out)
    shutil.copytree(CONTENT_SOURCE / "data", out / "data")
    shutil.copytree(CONTENT_SOURCE / "docs" / "assets", out / "docs" / "assets")
    for nav in sorted((CONTENT_SOURCE / "docs").rglob(".nav.yml")):  # the root one and the per-folder grouping
        target = out / "docs" / nav.relative_to(CONTENT_SOURCE / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(nav, target)
    pages = plain_pages()
    for rel in pages:
        target = out / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(CONTENT_SOURCE / "docs" / rel, target)
    return pages


def write_redirects(out: Path, rng: random.Random) -> None:
    """data/doorverwijzingen.yml for the synthetic tree: the real file's old addresses, each sent
    to a page that exists here (the real target if generated, else a generated page of the same
    folder), so the build writes as many redirect pages as in production and the check passes."""
    docs = out / "docs"
    file = out / "data" / "doorverwijzingen.yml"
    real = yaml.safe_load((CONTENT_SOURCE / "data" / "doorverwijzingen.yml").read_text(encoding="utf-8")) or {}
    header = [line for line in file.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    lines, chosen = [], {}
    for old, new in real.items():
        if (docs / old).exists():
            continue
        if not (docs / new).exists():
            if new not in chosen:
                folder = posixpath.dirname(new)
                candidates = sorted(path.name for path in (docs / folder).glob("*.md") if path.name != "index.md")
                chosen[new] = f"{folder}/{rng.choice(candidates)}" if candidates else None
            new = chosen[new]
        if new:
            lines.append(f"{old}: {new}")
    file.write_text("\n".join(header + lines) + "\n", encoding="utf-8")


def plan(total: int, fixed: int, anchors: dict[str, list[str]]) -> dict[str, int]:
    """How many pages of each type (anchors included) make up `total` Markdown files."""
    rest = total - fixed
    if rest < 40 + sum(map(len, anchors.values())):
        raise SystemExit(f"too small: at least {fixed + 40 + sum(map(len, anchors.values()))} pages")
    counts = {
        "praktijkvoorbeeld": min(342, round(rest * 0.12)),
        "bron": max(3, round(rest * 0.01)),
        "begrip": max(5, round(rest * 0.02)),
        "programma": max(12, round(rest * 0.05)),
        "gebeurtenis": round(rest * 0.30),
    }
    counts["instrument"] = rest - sum(counts.values())
    for type_name, slugs in anchors.items():
        if counts.get(type_name, 0) < len(slugs):
            counts["instrument"] -= len(slugs) - counts.get(type_name, 0)
            counts[type_name] = len(slugs)
    return counts


def generate(total: int, out: Path, seed: int = 2022) -> dict[str, int]:
    from macros.loader import FOLDER_TYPES

    rng = random.Random(seed)
    copied = setup_project(out)
    docs = out / "docs"
    provinces = yaml.safe_load((CONTENT_SOURCE / "data" / "provincies.yml").read_text(encoding="utf-8"))
    pslugs = [p["slug"] for p in provinces]
    pname = {p["slug"]: p["naam"] for p in provinces}
    weights = [p["gemeenten"] for p in provinces]
    categories = [c["slug"] for c in yaml.safe_load((CONTENT_SOURCE / "data" / "instrumentcategorieen.yml").read_text(encoding="utf-8"))]
    roles = [r["slug"] for r in yaml.safe_load((CONTENT_SOURCE / "data" / "rollen.yml").read_text(encoding="utf-8"))]
    tasks = [t["slug"] for t in yaml.safe_load((CONTENT_SOURCE / "data" / "taken.yml").read_text(encoding="utf-8"))]
    approaches = [a["slug"] for a in yaml.safe_load((CONTENT_SOURCE / "data" / "aanpakken.yml").read_text(encoding="utf-8"))]

    # Content pages the copied overview pages link to by name ("anchors") are generated with that slug.
    anchors: dict[str, list[str]] = {}
    for rel in linked_pages(docs, copied) + [f"bronnen/{RECIPE_SOURCE}.md", f"gebeurtenissen/{CONFERENCE}.md"]:
        folder, _, name = rel.partition("/")
        type_name = FOLDER_TYPES.get(folder)
        if type_name and "/" not in name and type_name not in ("provincie", "ingredient"):
            if name[:-3] not in anchors.setdefault(type_name, []):
                anchors[type_name].append(name[:-3])
    anchors.setdefault("programma", [])
    counts = plan(total, len(copied) + 12 + INGREDIENTS, anchors)

    def spread(type_name: str) -> list[tuple[str, str | None]]:
        """(province, fixed slug or None) for every item of a type: anchors first, then every
        province at least once (if the count allows), then by number of gemeenten."""
        fixed = anchors.get(type_name, [])
        own = [(next((p for p in pslugs if slug.startswith(p + "-")), "noord-holland"), slug) for slug in fixed]
        count = counts[type_name] - len(own)
        chosen = pslugs[:count] + rng.choices(pslugs, weights=weights, k=max(0, count - len(pslugs)))
        return own + [(province, None) for province in chosen]

    # -- sources (anchors first), a few per province
    sources: list[str] = []
    source_date: dict[str, str | None] = {}  # slug → its fuzzy date, for planned events
    source_by_province: dict[str, list[str]] = {p: [] for p in pslugs}
    for number, (province, fixed_slug) in enumerate(spread("bron"), start=1):
        kind = rng.choice(SOURCE_KINDS) if fixed_slug != RECIPE_SOURCE else "brief"
        title = f"{kind.capitalize()} {pname[province]} over {rng.choice(THEMES)} {number}"
        slug = fixed_slug or slugify(f"{kind}-{province}-{number:04d}")
        meta = {"type": "bron", "titel": title, "samenvatting": summary(rng, title),
                "uitgever": f"Provincie {pname[province]}", "soort": kind, "bestand": f"{slug}.txt"}
        if rng.random() < 0.85:
            meta["datum"] = fuzzy_date(rng, allow_ongoing=False)
        if slug == RECIPE_SOURCE:  # as in production: the letter with the recipe, after the conference
            meta["datum"] = "2022-12-12"
        if rng.random() < 0.5:
            meta["kenmerk"] = f"{province[:3].upper()}/{rng.randint(2015, 2025)}/{rng.randint(100, 999)}"
        if kind == "webpagina":
            meta["url"] = f"https://www.example.org/{province}/{slug}"
            meta["url_betreft"] = rng.choice(["document", "deel", "uitgever", "onderwerp"])
        meta.update({"provincies": [province], "laatst_gecontroleerd": CHECKED})
        write_page(docs, f"bronnen/{slug}.md", meta, body(rng, "bron", []))
        sources.append(slug)
        source_date[slug] = meta.get("datum")
        if not fixed_slug:
            source_by_province[province].append(slug)

    def cite(province: str | None) -> list[str]:
        own = source_by_province.get(province or "", [])
        pool = own if own and rng.random() < 0.8 else sources
        return sorted(set(rng.sample(pool, k=min(len(pool), rng.randint(1, 2)))))

    # -- glossary terms, some with an abbreviation (shown as <abbr> on every page)
    used_abbr: set[str] = set()
    for number, (_, fixed_slug) in enumerate(spread("begrip"), start=1):
        theme = rng.choice(THEMES)
        title = f"{rng.choice(ADJECTIVES)} {theme} {number}"
        meta = {"type": "begrip", "titel": title, "samenvatting": summary(rng, title)}
        if rng.random() < 0.4:
            abbr = "".join(rng.choice("ABDGHKLMNPRSTVWZ") for _ in range(rng.randint(3, 4)))
            if abbr not in used_abbr:
                used_abbr.add(abbr)
                meta["afkorting"] = abbr
        if rng.random() < 0.3:
            meta["synoniemen"] = [f"{theme} ({rng.choice(NOUNS)})"]
        meta.update({"bronnen": cite(None), "laatst_gecontroleerd": CHECKED})
        write_page(docs, f"begrippen/{fixed_slug or slugify(title)}.md", meta, body(rng, "begrip", []))

    # -- the twelve province pages
    for province in pslugs:
        meta = {
            "type": "provincie", "titel": pname[province], "provincie": province,
            "samenvatting": summary(rng, pname[province]),
            "beleidskader": f"Programma {rng.choice(THEMES)} {pname[province]}",
            "aanpak": rng.choice(approaches), "inzet": rng.choice(["basis", "midden", "breed"]),
            "accenten": [rng.choice(OBJECTS).capitalize() for _ in range(rng.randint(2, 5))],
            "organisatie": ["Gedeputeerde Staten, met een portefeuillehouder Bestuur", "Een team regiomanagers"],
            "bronnen": cite(province), "laatst_gecontroleerd": CHECKED,
        }
        if province in ("utrecht", "zeeland"):  # as in the real sources: not every province is classified
            del meta["aanpak"], meta["inzet"]
        write_page(docs, f"provincies/{province}.md", meta, body(rng, "provincie", []))

    # -- programmes: every province has at least one; some are parts of an earlier one
    programmes: dict[str, list[str]] = {p: [] for p in pslugs}
    for number, (province, fixed_slug) in enumerate(spread("programma"), start=1):
        theme = rng.choice(THEMES)
        title = f"Programma {theme} {number} ({pname[province]})"
        slug = fixed_slug or slugify(f"{province}-programma-{theme}-{number:04d}")
        meta = {"type": "programma", "titel": title, "samenvatting": summary(rng, title), "provincies": [province]}
        if rng.random() < 0.5:
            meta["eigenaar"] = f"Gedeputeerde Staten van {pname[province]}"
        if rng.random() < 0.7:
            meta["periode"] = fuzzy_date(rng)
        if rng.random() < 0.5:
            meta["aanpak"] = rng.choice(approaches)
        if rng.random() < 0.6:
            meta["onderdelen"] = [{"naam": rng.choice(OBJECTS).capitalize(), "omschrijving": sentence(rng, True)}
                                  for _ in range(rng.randint(1, 4))]
        if programmes[province] and rng.random() < 0.25:
            meta["hoofdprogramma"] = rng.choice(programmes[province])
        meta.update({"taken": sorted(rng.sample(tasks, rng.randint(1, 3))), "bronnen": cite(province),
                     "laatst_gecontroleerd": CHECKED})
        links = [link("het hoofdprogramma", "programmas", meta["hoofdprogramma"], "programmas")] if "hoofdprogramma" in meta else []
        write_page(docs, f"programmas/{slug}.md", meta, body(rng, "programma", links))
        programmes[province].append(slug)

    # -- instruments: each in one province (a few in two), linked to a programme of that province
    instruments: dict[str, list[str]] = {p: [] for p in pslugs}
    instrument_programme: dict[str, str | None] = {}
    for number, (province, fixed_slug) in enumerate(spread("instrument"), start=1):
        noun, theme = rng.choice(NOUNS), rng.choice(THEMES)
        title = f"{rng.choice(ADJECTIVES)} {noun} {theme} {number} ({pname[province]})"
        slug = fixed_slug or slugify(f"{province}-{noun}-{theme}-{number:05d}")
        provinces_of = [province]
        if rng.random() < 0.05:
            provinces_of = sorted({province, rng.choice(pslugs)})
        meta = {"type": "instrument", "titel": title, "samenvatting": summary(rng, title), "provincies": provinces_of,
                "categorie": rng.choice(categories), "rollen": sorted(rng.sample(roles, rng.randint(1, 2))),
                "taken": sorted(rng.sample(tasks, rng.randint(1, 3))), "status": rng.choice(STATUSES)}
        programme = rng.choice(programmes[province]) if rng.random() < 0.8 else None
        if programme:
            meta["programma"] = programme
        if rng.random() < 0.5:
            meta["periode"] = fuzzy_date(rng)
        if rng.random() < 0.3:
            meta["bedrag"] = rng.choice(["kosteloos", f"€ {rng.randint(1, 99) * 5000:,}".replace(",", "."), "maatwerk"])
        if rng.random() < 0.4:
            meta["partners"] = sorted({rng.choice(["VNG", "IPO", "BZK", "regio", "waterschap", "hogeschool"]) for _ in range(2)})
        if rng.random() < 0.3:
            meta["deelname"] = [sentence(rng, True) for _ in range(rng.randint(1, 3))]
            meta["opbrengst"] = [sentence(rng, True) for _ in range(rng.randint(1, 3))]
        cited = cite(province)
        herkomst = provenance_lines(rng, "instrument", meta, provinces_of, cited)
        if herkomst:
            meta["herkomst"] = herkomst
        meta.update({"bronnen": cited, "trefwoorden": sorted({theme, noun, rng.choice(THEMES)}),
                     "laatst_gecontroleerd": CHECKED})
        links = [link("het programma", "programmas", programme, "instrumenten")] if programme else []
        write_page(docs, f"instrumenten/{slug}.md", meta, body(rng, "instrument", links))
        for one in provinces_of:
            instruments[one].append(slug)
        instrument_programme[slug] = programme

    # -- events (the conference the recipe comes from is an anchor): most about an instrument of their province
    for number, (province, fixed_slug) in enumerate(spread("gebeurtenis"), start=1):
        kind = rng.choice(EVENT_KINDS)
        when = fuzzy_date(rng)
        title = f"{kind.capitalize()} {rng.choice(THEMES)} {number} ({pname[province]})"
        slug = fixed_slug or slugify(f"{province}-{kind}-{number:05d}")
        if slug == CONFERENCE:
            kind, when, title = "conferentie", "2022-10-26", "Conferentie Sterke gemeenten, sterke regio's"
        meta = {"type": "gebeurtenis", "titel": title, "samenvatting": summary(rng, title), "provincies": [province],
                "datum": when, "soort": kind}
        if when != "continu" and rng.random() < 0.4:
            meta["datum_bron"] = fuzzy_date_label(when)
        instrument = rng.choice(instruments[province]) if instruments[province] and rng.random() < 0.85 else None
        if instrument:
            meta["instrument"] = instrument
            if instrument_programme[instrument] and rng.random() < 0.5:
                meta["programma"] = instrument_programme[instrument]
        elif rng.random() < 0.5:
            meta["programma"] = rng.choice(programmes[province])
        if rng.random() < 0.4:
            meta["plaats"] = f"Provinciehuis {pname[province]}"
        if rng.random() < 0.3:
            meta["deelnemers"] = f"Ongeveer {rng.randint(2, 30) * 10} deelnemers uit gemeenten en provincie."
        if slug == CONFERENCE:
            meta["citaten"] = [{"tekst": sentence(rng, True), "spreker": f"Spreker {letter}", "functie": "Bestuurder"} for letter in "ABC"]
        elif rng.random() < 0.1:
            meta["citaten"] = [{"tekst": sentence(rng, True), "spreker": "Een deelnemer", "functie": "Raadslid"}]
        cited = [RECIPE_SOURCE] if slug == CONFERENCE else cite(province)
        announced_by = planned_by(when, cited, source_date)
        if announced_by:  # dated after its latest source: a plan as of that source, as the check requires
            meta["gepland_volgens"] = announced_by
        meta.update({"bronnen": cited, "laatst_gecontroleerd": CHECKED})
        links = [link("het instrument", "instrumenten", instrument, "gebeurtenissen")] if instrument else []
        write_page(docs, f"gebeurtenissen/{slug}.md", meta, body(rng, "gebeurtenis", links))

    # -- the recipe: ingredients from the conference
    for number in range(1, INGREDIENTS + 1):
        title = f"{rng.choice(ADJECTIVES)} {rng.choice(THEMES)}"
        write_page(docs, f"recept/recept-{number:02d}-{slugify(title)}.md", {
            "type": "ingredient", "titel": title, "samenvatting": sentence(rng, True), "volgorde": number,
            "soort": "hoofdingredient" if number <= 8 else "kort", "gebeurtenis": CONFERENCE,
            "bronnen": [RECIPE_SOURCE], "laatst_gecontroleerd": CHECKED,
        }, body(rng, "ingredient", []))

    # -- cases: one gemeente each, spread over the provinces by their number of gemeenten
    for (province, fixed_slug), town in zip(spread("praktijkvoorbeeld"), place_names(rng, counts["praktijkvoorbeeld"]), strict=False):
        title = f"{town}: {rng.choice(OBJECTS)}"
        slug = fixed_slug or slugify(f"{province}-{town}")
        meta = {"type": "praktijkvoorbeeld", "titel": title, "samenvatting": summary(rng, town),
                "provincies": [province], "gemeenten": [town]}
        used = sorted(rng.sample(instruments[province], k=min(len(instruments[province]), rng.randint(1, 3))))
        if used:
            meta["instrumenten"] = used
        if rng.random() < 0.5:
            meta["programma"] = rng.choice(programmes[province])
        if rng.random() < 0.5:
            meta["periode"] = fuzzy_date(rng)
        meta.update({"bronnen": cite(province), "laatst_gecontroleerd": CHECKED})
        links = [link("dit instrument", "instrumenten", used[0], "praktijkvoorbeelden")] if used else []
        write_page(docs, f"praktijkvoorbeelden/{slug}.md", meta, body(rng, "praktijkvoorbeeld", links))

    write_redirects(out, rng)
    written = sum(1 for _ in docs.rglob("*.md"))
    assert written == total, (written, total)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=int, help="number of Markdown pages under docs/ (at least about 100)")
    parser.add_argument("out", type=Path, help="project directory to (re)create")
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(PROJECT))
    counts = generate(args.pages, args.out, args.seed)
    print(f"{args.out}: {args.pages} pages ({', '.join(f'{n} {t}' for t, n in counts.items())}, "
          "plus the copied overview pages, 12 provinces and 14 ingredients)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

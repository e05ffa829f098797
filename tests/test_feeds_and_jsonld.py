"""Province subscriptions (RSS, iCal) and schema.org JSON-LD, from a hand-written mini knowledge
base with the expected output written out here and read back with standard parsers
(xml.etree, icalendar, json). Nothing is recomputed with the code under test."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from xml.etree import ElementTree

import pytest
from icalendar import Calendar

from conftest import ROOT, VALID_PAGES, page_text, write_tree
from macros import feeds, structured_data
from macros.index import build_index

SITE = "https://example.org/kb/"
BUILT = date(2026, 11, 29)
HOSTILE = 'Kosten < 5 & baten > 3 </p> "x" \u2028 test.'  # what the content lint lets through

EVENT = """
    type: gebeurtenis
    titel: {titel}
    samenvatting: {samenvatting}
    provincies: [overijssel]
    datum: "{datum}"
    soort: bijeenkomst
    bronnen: [bron-a]
    laatst_gecontroleerd: {checked}
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = tmp_path_factory.mktemp("mini")
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("doorverwijzingen.yml"))  # targets are real pages
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    events = {
        "overijssel-2017-reeks": ("Reeks", "Vier dagen.", "2017-10-09/2017-10-12", "2026-11-20"),
        "overijssel-2017-najaar": ("Najaar", "Een seizoen.", "2017-23", "2026-11-21"),
        "overijssel-2018-onzeker": ("Onzeker", "Een onzekere dag.", "2018-05-05?", "2026-11-22"),
        "overijssel-2018-maand": ("Maand", "Een maand.", "2018-06", "2026-11-22"),
        "overijssel-2019-vijandig": ("Vijandig", json.dumps(HOSTILE), "2018-03-01", "2026-11-24"),
    }
    for slug, (titel, samenvatting, datum, checked) in events.items():
        pages[f"gebeurtenissen/{slug}.md"] = page_text(EVENT.format(titel=titel, samenvatting=samenvatting, datum=datum, checked=checked))
    write_tree(root / "docs", pages)
    result = build_index(root / "docs", root / "data")
    assert not result.errors, result.errors
    return result


# ---------------------------------------------------------------- iCal

def test_province_calendar_has_exactly_the_exact_day_events(index):
    calendar = Calendar.from_ical(feeds.province_ics(index, "overijssel", SITE, BUILT))
    events = {str(e["uid"]): (e.decoded("dtstart"), e.decoded("dtend"), str(e["url"])) for e in calendar.walk("VEVENT")}
    assert events == {
        "overijssel-2017-bijeenkomst@kennisbank-kob": (date(2017, 11, 30), date(2017, 12, 1), SITE + "gebeurtenissen/overijssel-2017-bijeenkomst/"),
        "overijssel-2017-reeks@kennisbank-kob": (date(2017, 10, 9), date(2017, 10, 13), SITE + "gebeurtenissen/overijssel-2017-reeks/"),
        "overijssel-2019-vijandig@kennisbank-kob": (date(2018, 3, 1), date(2018, 3, 2), SITE + "gebeurtenissen/overijssel-2019-vijandig/"),
    }
    assert str(calendar["x-wr-calname"]) == "Kennisbank Kwaliteit Openbaar Bestuur: Overijssel"


def test_a_province_without_events_gets_an_empty_but_valid_calendar(index):
    calendar = Calendar.from_ical(feeds.province_ics(index, "drenthe", SITE, BUILT))
    assert calendar.walk("VEVENT") == [] and str(calendar["version"]) == "2.0"


# ---------------------------------------------------------------- RSS

def test_province_feed_lists_its_items_most_recently_checked_first(index):
    channel = ElementTree.fromstring(feeds.province_rss(index, "overijssel", SITE, BUILT)).find("channel")
    assert channel.findtext("title") == "Kennisbank Kwaliteit Openbaar Bestuur: Overijssel"
    assert channel.findtext("link") == SITE + "provincies/overijssel/"
    # Same check date: by title (Bijeenkomst, Overijssel, Programma, Scan, Voorbeeld).
    items = [(i.findtext("title"), i.findtext("link"), i.findtext("pubDate")) for i in channel.findall("item")]
    assert items == [
        ("Gebeurtenis: Vijandig", SITE + "gebeurtenissen/overijssel-2019-vijandig/", "Tue, 24 Nov 2026 00:00:00 +0000"),
        ("Gebeurtenis: Bijeenkomst", SITE + "gebeurtenissen/overijssel-2017-bijeenkomst/", "Mon, 23 Nov 2026 00:00:00 +0000"),
        ("Provincie: Overijssel", SITE + "provincies/overijssel/", "Mon, 23 Nov 2026 00:00:00 +0000"),
        ("Programma: Programma", SITE + "programmas/overijssel-programma/", "Mon, 23 Nov 2026 00:00:00 +0000"),
        ("Instrument: Scan", SITE + "instrumenten/overijssel-scan/", "Mon, 23 Nov 2026 00:00:00 +0000"),
        ("Praktijkvoorbeeld: Voorbeeld", SITE + "praktijkvoorbeelden/overijssel-voorbeeld/", "Mon, 23 Nov 2026 00:00:00 +0000"),
        ("Gebeurtenis: Maand", SITE + "gebeurtenissen/overijssel-2018-maand/", "Sun, 22 Nov 2026 00:00:00 +0000"),
        ("Gebeurtenis: Onzeker", SITE + "gebeurtenissen/overijssel-2018-onzeker/", "Sun, 22 Nov 2026 00:00:00 +0000"),
        ("Gebeurtenis: Najaar", SITE + "gebeurtenissen/overijssel-2017-najaar/", "Sat, 21 Nov 2026 00:00:00 +0000"),
        ("Gebeurtenis: Reeks", SITE + "gebeurtenissen/overijssel-2017-reeks/", "Fri, 20 Nov 2026 00:00:00 +0000"),
    ]
    hostile = channel.find("item").findtext("description")
    assert hostile == HOSTILE  # the XML writer escaped it; the parser gives the text back


def test_feed_files_cover_every_province_twice(index):
    files = feeds.province_feed_files(index, SITE, BUILT)
    slugs = [ref.slug for ref in index.reference["provincies"]]
    assert sorted(files) == sorted([f"abonneren/{s}.xml" for s in slugs] + [f"abonneren/{s}.ics" for s in slugs])


# ---------------------------------------------------------------- JSON-LD

def head(index, src):
    data = structured_data.page_head(index, src, SITE, BUILT)
    return data, (json.loads(data["jsonld"]) if "jsonld" in data else None)


def test_province_is_a_government_organization(index):
    meta, ld = head(index, "provincies/overijssel.md")
    assert ld == {
        "@context": "https://schema.org", "@type": "GovernmentOrganization", "name": "Provincie Overijssel",
        "description": "Een provincie.", "url": SITE + "provincies/overijssel/",
        "areaServed": {"@type": "AdministrativeArea", "name": "Overijssel"},
    }
    assert meta["soort"] == "Provincie" and meta["provincie"] == "Overijssel"


@pytest.mark.parametrize(("slug", "start", "end"), [
    ("overijssel-2017-bijeenkomst", "2017-11-30", None),
    ("overijssel-2017-reeks", "2017-10-09", "2017-10-12"),
    ("overijssel-2017-najaar", None, None),
    ("overijssel-2018-onzeker", None, None),
    ("overijssel-2018-maand", None, None),
])
def test_events_carry_only_exact_days_as_dates(index, slug, start, end):
    _, ld = head(index, f"gebeurtenissen/{slug}.md")
    assert ld["@type"] == "Event" and ld["url"] == SITE + f"gebeurtenissen/{slug}/"
    assert ld.get("startDate") == start and ld.get("endDate") == end
    assert ld["organizer"] == [{"@type": "GovernmentOrganization", "name": "Provincie Overijssel"}]


def test_glossary_term_is_a_defined_term(index):
    _, ld = head(index, "begrippen/interbestuurlijk-toezicht.md")
    assert ld == {
        "@context": "https://schema.org", "@type": "DefinedTerm", "name": "Interbestuurlijk toezicht",
        "description": "Toezicht van de ene overheid op de andere.", "url": SITE + "begrippen/interbestuurlijk-toezicht/",
        "inDefinedTermSet": {"@type": "DefinedTermSet", "name": "Begrippen en afkortingen", "url": SITE + "begrippen/"},
        "alternateName": ["IBT"],
    }


def test_open_data_page_is_a_dataset(index):
    meta, ld = head(index, "open-data.md")
    assert ld["@type"] == "Dataset" and ld["url"] == SITE + "open-data/" and ld["dateModified"] == "2026-11-29"
    assert ld["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert {d["contentUrl"] for d in ld["distribution"]} >= {SITE + "data/kennisbank.json", SITE + "data/gebeurtenissen.ics"}
    assert "soort" not in meta


def test_other_pages_have_no_json_ld(index):
    assert "jsonld" not in structured_data.page_head(index, "instrumenten/overijssel-scan.md", SITE, BUILT)
    assert structured_data.page_head(index, "overzichten/kaart.md", SITE, BUILT) == {}


def test_json_ld_cannot_close_its_script_element(index):
    data, ld = head(index, "gebeurtenissen/overijssel-2019-vijandig.md")
    assert not re.search(r"[<>&\u2028\u2029]", data["jsonld"])
    assert ld["description"] == HOSTILE  # escaped for HTML, unchanged as JSON
    text = structured_data.script_text({"name": "</script><script>alert(1)</script><!--"})
    assert "</" not in text and "<!--" not in text and "<" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script><!--"}


def test_the_built_pages_carry_their_json_ld(built_site):
    """In the real site: one JSON-LD block in the head of a province, an event, a term and the open-data page."""
    from selectolax.lexbor import LexborHTMLParser

    expected = {"provincies/drenthe/": "GovernmentOrganization", "begrippen/interbestuurlijk-toezicht/": "DefinedTerm",
                "open-data/": "Dataset", "gebeurtenissen/noord-holland-2022-conferentie-sterke-gemeenten-sterke-regios/": "Event",
                "instrumenten/zuid-holland-de-spiegel/": None}
    for path, kind in expected.items():
        tree = LexborHTMLParser((built_site / path / "index.html").read_text(encoding="utf-8"))
        blocks = tree.css('head script[type="application/ld+json"]')
        if kind is None:
            assert blocks == [], path
            continue
        assert len(blocks) == 1, path
        assert json.loads(blocks[0].text())["@type"] == kind
    conference = json.loads(LexborHTMLParser((built_site / "gebeurtenissen/noord-holland-2022-conferentie-sterke-gemeenten-sterke-regios/index.html")
                                              .read_text(encoding="utf-8")).css_first('script[type="application/ld+json"]').text())
    assert conference["startDate"] == "2022-10-26"  # the source gives the day: 26 oktober 2022


def test_province_pages_link_their_feeds(built_site):
    """The links on a province page lead to an RSS feed and a calendar that exist in the built site
    (needs `province_feed_files` registered in macros/site_hooks.py on_files)."""
    from selectolax.lexbor import LexborHTMLParser

    page = built_site / "provincies" / "noord-holland" / "index.html"
    links = {a.attributes["type"]: a.attributes["href"] for a in LexborHTMLParser(page.read_text(encoding="utf-8")).css(".kb-abonneren a")}
    rss = (page.parent / links["application/rss+xml"]).resolve()
    ics = (page.parent / links["text/calendar"]).resolve()
    assert rss.is_file() and ElementTree.parse(rss).getroot().tag == "rss"
    assert ics.is_file() and Calendar.from_ical(ics.read_bytes()).walk("VEVENT")

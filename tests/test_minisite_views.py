"""Views on the hand-written mini-site (tests/fixtures/minisite/), asserted on the built HTML
against expectations written out by hand: what a reader sees, in which order, with which
dates, links and counts. Nothing here is recomputed with the index or the date parser."""

from __future__ import annotations

import shutil

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, make_mini_site, run_build

MINI = ROOT / "tests" / "fixtures" / "minisite"

INDEX_PAGE = """# Start

## Tijdlijn

{{ kb_tijdlijn() }}

## Overijssel

{{ kb_tijdlijn('overijssel') }}

## Provincies

{{ kb_provincie_overzicht() }}

## Per rol

{{ kb_per_rol() }}

## Gebeurtenissen

{{ kb_lijst('gebeurtenis') }}
"""


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("views")
    shutil.copytree(MINI / "data", root / "data")
    pages = {p.relative_to(MINI / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (MINI / "docs").rglob("*.md")}
    pages["index.md"] = INDEX_PAGE
    config = make_mini_site(root, pages)
    result = run_build(config, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def article(site, path: str = "index.html"):
    html = (site / path).read_text(encoding="utf-8")
    return LexborHTMLParser(html).css_first("article")


def first(nodes: list, tag: str):
    """The first element with this tag among the section's nodes or inside them (the timeline sits in a wrapper)."""
    return next(found for node in nodes for found in ([node] if node.tag == tag else node.css(tag)))


def seen_text(cell) -> str:
    """A cell's text as a reader sees it: without the count that only the 'Alleen waarden uit de bron' filter shows."""
    for hidden in cell.css(".kb-telling-bron"):
        hidden.decompose()
    return cell.text(strip=True)


def section(node, heading_id: str) -> list:
    """The nodes between the h2 with this id and the next h2 of the page's own sections."""
    nodes, inside = [], False
    for child in node.css_first("h1").parent.iter():
        if child.tag == "h2" and child.attributes.get("id") in ("tijdlijn", "overijssel", "provincies", "per-rol", "gebeurtenissen"):
            inside = child.attributes.get("id") == heading_id
            continue
        if inside:
            nodes.append(child)
    return nodes


# Every dated event in date order (start, then the narrower span, then the title), written by hand:
# (datetime attribute, label, title, href, years for the filter)
TIMELINE = [
    ("2017", "najaar 2017", "In het najaar", "gebeurtenissen/najaar/", "2017"),
    ("2017-11-30", "30 november 2017", "Bijeenkomst op een dag", "gebeurtenissen/dag/", "2017"),
    ("2017-11-30", "30 november 2017 (onzeker)", "Onzekere dag", "gebeurtenissen/onzekere-dag/", "2017"),
    ("2017", "winter 2017/2018 – voorjaar 2018", "Winter tot voorjaar", "gebeurtenissen/winter/", "2017 2018"),
    ("2018-03-05", "5 maart – 6 maart 2018", "Twee dagen", "gebeurtenissen/twee-dagen/", "2018"),
    ("2018-04-10", "10 april – 12 april 2018 (circa)", "Einde circa", "gebeurtenissen/einde-circa/", "2018"),
    ("2018-05-01", "1 mei 2018 (circa)", "Ongeveer een dag", "gebeurtenissen/ongeveer-dag/", "2018"),
    ("2018-06", "juni 2018", "In juni", "gebeurtenissen/maand/", "2018"),
]


def tables_in(nodes) -> list:
    return [table for node in nodes for table in ([node] if node.tag == "table" else node.css("table"))]


def timeline_items(nodes) -> list[tuple]:
    ordered = first(nodes, "ol")
    items = []
    for li in ordered.css("li"):
        time = li.css_first("time")
        link = li.css_first(".kb-tijdlijn__titel a")
        items.append((time.attributes["datetime"], time.text(), link.text(), link.attributes["href"], li.attributes["data-jaren"]))
    return items


def test_timeline_shows_every_dated_event_in_order_with_its_honest_label(mini_site):
    nodes = section(article(mini_site), "tijdlijn")
    assert timeline_items(nodes) == TIMELINE
    ordered = first(nodes, "ol")
    assert {li.attributes["data-provincies"] for li in ordered.css("li")} == {"overijssel"}
    assert {li.css_first(".kb-tijdlijn__provincie").text() for li in ordered.css("li")} == {"Overijssel"}
    assert "data-kb-filter" in ordered.parent.attributes  # the filterable block around the list


def test_timeline_lists_ongoing_events_apart_without_a_date(mini_site):
    nodes = section(article(mini_site), "tijdlijn")
    ongoing = first(nodes, "ul")
    [item] = ongoing.css("li")
    assert item.css_first(".kb-tijdlijn__datum").text() == "doorlopend"
    assert item.css_first("a").text() == "Doorlopend" and item.css_first("a").attributes["href"] == "gebeurtenissen/doorlopend/"
    assert item.css_first("time") is None and item.attributes["data-jaren"] == ""


def test_timeline_never_shows_more_precision_than_the_source(mini_site):
    for datetime, label, *_ in TIMELINE:
        if "november 2017" in label or "mei 2018" in label:
            assert len(datetime) == 10  # a day
        elif label.startswith(("najaar", "winter")):
            assert len(datetime) == 4  # a season is only its year
    nodes = section(article(mini_site), "tijdlijn")
    classes = [li.css_first("time").attributes["class"] for li in first(nodes, "ol").css("li")]
    assert classes == ["kb-tijdlijn__datum kb-precisie--" + precision for precision in
                       ("seizoen", "dag", "dag", "periode", "periode", "periode", "dag", "maand")]


def test_timeline_of_one_province_has_no_filter_and_no_province_column(mini_site):
    nodes = section(article(mini_site), "overijssel")
    ordered = first(nodes, "ol")
    assert "data-kb-filter" not in ordered.parent.attributes
    assert ordered.css(".kb-tijdlijn__provincie") == []
    assert [item[2] for item in timeline_items(nodes)] == [row[2] for row in TIMELINE]


def test_province_overview_has_a_row_per_province_with_hand_counted_figures(mini_site):
    [table] = tables_in(section(article(mini_site), "provincies"))
    header = [th.text(strip=True) for th in table.css("thead th")]
    assert header == ["Provincie", "Gemeenten (2022)", "Beleidskader of programma", "Aanpak", "Inzet", "Overleg", "Totaal instrumenten"]
    rows = [[seen_text(td) for td in tr.css("td")] for tr in table.css("tbody tr")]
    # ◇ and its screen-reader text "(redactie)": the editors' classification, not the source's (issue 14).
    assert rows == [
        ["Overijssel", "25", "–", "Programmatisch◇(redactie)", "tussen basis en brede inzet◇(redactie)", "1◇(redactie)", "1"],
        ["Drenthe", "12", "–", "niet ingedeeld", "niet geplaatst", "1◇(redactie)", "1"],
    ]
    overijssel, drenthe = table.css("tbody tr")
    assert overijssel.css_first("td a").attributes["href"] == "provincies/overijssel/"
    assert overijssel.css("td")[5].css_first("a").attributes["href"] == "provincies/overijssel/#cat-bestuurlijk-overleg"
    assert drenthe.css("a") == []  # no page for Drenthe in the mini-site, so no links


def test_instruments_by_role(mini_site):
    nodes = section(article(mini_site), "per-rol")
    [table] = tables_in(nodes)
    rows = [[td.text(strip=True) for td in tr.css("td")] for tr in table.css("tbody tr")]
    assert rows == [['=HYPERLINK("https://example.org";"klik")', "Overijssel, Drenthe", "Bestuurlijk overleg", "redactie◇(redactie)"]]
    assert table.css_first("tbody a").attributes["href"] == "instrumenten/overijssel-scan/"


def test_list_of_events_is_alphabetical_with_summaries(mini_site):
    nodes = section(article(mini_site), "gebeurtenissen")
    listing = next(node for node in nodes if node.tag == "ul")
    assert [" ".join(li.text().split()) for li in listing.css("li")] == [
        f"{title} — Samenvatting van {title}." for title in
        ("Bijeenkomst op een dag", "Doorlopend", "Einde circa", "In het najaar", "In juni", "Ongeveer een dag", "Onzekere dag",
         "Twee dagen", "Winter tot voorjaar")
    ]


def test_event_page_shows_its_date_as_the_source_gives_it(mini_site):
    html = (mini_site / "gebeurtenissen" / "onzekere-dag" / "index.html").read_text(encoding="utf-8")
    assert "30 november 2017 (onzeker)" in html
    html = (mini_site / "gebeurtenissen" / "winter" / "index.html").read_text(encoding="utf-8")
    assert "winter 2017/2018 – voorjaar 2018" in html

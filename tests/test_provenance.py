"""Provenance (issue 14): each classification is stated by a source (which, where) or the
editors' (why); planned events say so; source pages lead to the source; exports carry it.

Expected texts are written out here, from the issue and the contributor guide, not taken
from the code under test."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import jsonschema
import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, VALID_PAGES, make_mini_site, page_text, require_chromium, run_build
from macros import exports
from macros.index import build_index

SCAN = "instrumenten/overijssel-scan.md"
EVENT = "gebeurtenissen/overijssel-2017-bijeenkomst.md"


def tree_with(tmp_path, changes: dict[str, tuple[str, str]] = {}, extra: dict[str, str] = {}):
    """The sample tree with text replacements (file → (old, new)) and extra pages."""
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    for rel, (old, new) in changes.items():
        assert old in pages[rel], (rel, old)
        pages[rel] = pages[rel].replace(old, new, 1)
    pages.update(extra)
    (tmp_path / "docs").mkdir(exist_ok=True)
    return make_mini_site(tmp_path, pages)


def errors_of(tmp_path) -> list[str]:
    return [str(error) for error in build_index(tmp_path / "docs", tmp_path / "data").errors]


def with_herkomst(lines: str) -> dict[str, tuple[str, str]]:
    # The herkomst block goes after `status: actief` (file line 9): `herkomst:` is line 10, its first entry line 11.
    return {SCAN: ("status: actief\n", "status: actief\nherkomst:\n" + lines)}


# -- schema ------------------------------------------------------------------------------

def test_valid_herkomst_passes_and_is_read(tmp_path):
    tree_with(tmp_path, with_herkomst("  rollen: bron-a, bijlage 2\n  taken: redactie — afgeleid uit de beschrijving\n"))
    index = build_index(tmp_path / "docs", tmp_path / "data")
    assert index.errors == []
    from macros.provenance import claim_for
    entry = index.get("overijssel-scan")
    rollen, taken, categorie = (claim_for(entry, name) for name in ("rollen", "taken", "categorie"))
    assert (rollen.kind, rollen.source, rollen.locator) == ("bron", "bron-a", "bijlage 2")
    assert (taken.kind, taken.reason) == ("redactie", "afgeleid uit de beschrijving")
    assert categorie.kind == "redactie" and not categorie.explicit  # the default for categories


@pytest.mark.parametrize("line, expected", [
    pytest.param("  rollen: bron-b, pagina 2\n",
                 f"{SCAN}:11: herkomst.rollen: bron 'bron-b' staat niet in de bronnen van deze pagina — "
                 "kies uit: bron-a, of voeg de bron toe aan bronnen", id="unknown-source"),
    pytest.param("  rollen: bron-a, hoofdstuk 2\n",
                 f"{SCAN}:11: herkomst.rollen: onbekende vindplaats 'hoofdstuk 2' — "
                 "gebruik pagina N, bijlage N, paragraaf N of tabel N (bijv. bijlage 2)", id="bad-locator"),
    pytest.param("  bedrag: bron-a, pagina 1\n",
                 f"{SCAN}:11: herkomst.bedrag: 'bedrag' is geen indelingsveld van een instrument — "
                 "kies uit: categorie, rollen, taken, status, periode", id="unknown-field"),
    pytest.param("  periode: bron-a, pagina 1\n",
                 f"{SCAN}:11: herkomst.periode: de pagina geeft geen waarde voor 'periode' — "
                 "haal deze regel weg of vul het veld in", id="field-without-value"),
    pytest.param("  rollen: Bron A\n",
                 f"{SCAN}:11: herkomst.rollen: 'Bron A' is geen bron-slug — "
                 "schrijf '<bron-slug>, <vindplaats>' of 'redactie — <reden>'", id="not-a-slug"),
])
def test_bad_herkomst_gives_one_dutch_error_with_file_and_line(tmp_path, line, expected):
    tree_with(tmp_path, with_herkomst(line))
    assert errors_of(tmp_path) == [expected]


def test_roles_of_noord_holland_instruments_must_be_stated(tmp_path):
    note = page_text("""
        type: bron
        titel: Notitie
        samenvatting: Een notitie.
        uitgever: Provincie Noord-Holland
        datum: "2022"
        soort: notitie
        bestand: n.txt
        laatst_gecontroleerd: 2026-11-23
    """)
    instrument = page_text("""
        type: instrument
        titel: Overleg
        samenvatting: Een instrument.
        provincies: [noord-holland]
        categorie: bestuurlijk-overleg
        rollen: [facilitator]
        bronnen: [notitie-noord-holland-2022]
        laatst_gecontroleerd: 2026-11-23
    """)
    extra = {"bronnen/notitie-noord-holland-2022.md": note, "instrumenten/noord-holland-overleg.md": instrument}
    tree_with(tmp_path, extra=extra)
    assert errors_of(tmp_path) == [
        "instrumenten/noord-holland-overleg.md:7: rollen: geef de herkomst van 'rollen': de bron noemt die voor deze provincie — "
        "voeg onder herkomst: de regel 'rollen: notitie-noord-holland-2022, <vindplaats>' toe (of 'rollen: redactie — <reden>')"]
    fixed = instrument.replace("bronnen:", "herkomst:\n  rollen: notitie-noord-holland-2022, bijlage 2\nbronnen:")
    (tmp_path / "docs/instrumenten/noord-holland-overleg.md").write_text(fixed, encoding="utf-8")
    assert errors_of(tmp_path) == []


# -- planned versus happened ---------------------------------------------------------------

EARLY_SOURCE = {"bronnen/bron-a.md": ("datum: 2019-01-15", "datum: 2017-11-28")}
LATER_SOURCE = page_text("""
    type: bron
    titel: Verslag B
    samenvatting: Een verslag achteraf.
    uitgever: Provincie Overijssel
    datum: 2018-03
    soort: verslag
    bestand: b.txt
    laatst_gecontroleerd: 2026-11-23
""")


def test_event_after_its_source_must_be_marked_planned(tmp_path):
    tree_with(tmp_path, EARLY_SOURCE)
    assert errors_of(tmp_path) == [
        f"{EVENT}:6: datum: de datum ligt na de datum van de bron 'bron-a' (28 november 2017): de bron kondigt de gebeurtenis aan, "
        "maar meldt niet dat die plaatsvond — voeg toe: gepland_volgens: bron-a (of noem een latere bron die meldt dat het gebeurd is)"]


def test_planned_marker_or_a_later_report_satisfies_the_rule(tmp_path):
    tree_with(tmp_path, {**EARLY_SOURCE, EVENT: ("soort: bijeenkomst", "soort: bijeenkomst\ngepland_volgens: bron-a")})
    assert errors_of(tmp_path) == []
    (tmp_path / "docs" / EVENT).write_text(
        page_text(VALID_PAGES[EVENT]).replace("bronnen: [bron-a]", "bronnen: [bron-a, bron-b]"), encoding="utf-8")
    (tmp_path / "docs/bronnen/bron-b.md").write_text(LATER_SOURCE, encoding="utf-8")
    assert errors_of(tmp_path) == []


def test_planned_marker_must_name_one_of_the_pages_sources(tmp_path):
    tree_with(tmp_path, {EVENT: ("soort: bijeenkomst", "soort: bijeenkomst\ngepland_volgens: bron-b")},
              extra={"bronnen/bron-b.md": LATER_SOURCE})
    assert errors_of(tmp_path) == [
        f"{EVENT}:8: gepland_volgens: bron 'bron-b' staat niet in de bronnen van deze pagina — kies uit: bron-a"]


def test_real_content_marks_every_announced_event():
    """The rule over the real content: it holds, and the Overijssel schedule's later events are plans."""
    index = build_index(ROOT / "docs", ROOT / "data")
    assert index.errors == []
    planned = {e.slug for e in index.by_type["gebeurtenis"] if e.item.gepland_volgens}
    assert {"overijssel-2017-debat-award-provinciale-finale", "overijssel-2018-bijeenkomst-politieke-fragmentatie",
            "noord-holland-2023-uitvoeringsregeling-versterken-bestuurskracht-vervalt"} <= planned


def test_source_with_address_must_say_what_is_there(tmp_path):
    tree_with(tmp_path, {"bronnen/bron-a.md": ("bestand: a.txt", "bestand: a.txt\nurl: https://example.org/a")})
    assert errors_of(tmp_path) == [
        "bronnen/bron-a.md:9: url_betreft: zeg wat er op de url staat — kies uit: document, deel, uitgever, onderwerp"]


# -- rendered HTML ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("prov")
    changes = {
        **with_herkomst("  rollen: bron-a, bijlage 2\n"),
        "bronnen/bron-a.md": ("bestand: a.txt", "bestand: a.txt\nurl: https://example.org/a\nurl_betreft: document"),
        EVENT: ("soort: bijeenkomst", "soort: bijeenkomst\ngepland_volgens: bron-a"),
        "praktijkvoorbeelden/overijssel-voorbeeld.md": ("gemeenten: [Zwolle]", "gemeenten: [Zwolle]\nperiode: 2017-11-11"),
    }
    extra = {"overzichten/tijdlijn.md": "# Tijdlijn\n\n{{ kb_tijdlijn() }}\n",
             "overzichten/per-rol.md": "# Per rol\n\n{{ kb_per_rol() }}\n",
             "overzichten/matrix.md": "# Matrix\n\n{{ kb_instrument_matrix() }}\n"}
    config = tree_with(root, changes, extra)
    site = root / "site"
    result = run_build(config, site)
    assert result.returncode == 0, result.stderr
    return site


def html_of(site, path):
    return LexborHTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


def fact(tree, label):
    for dt in tree.css(".kb-feiten dt"):
        if dt.text() == label:
            return dt.next.next if dt.next.tag == "-text" else dt.next
    raise AssertionError(f"no fact {label}")


def test_sourced_value_links_its_source_and_place(mini_site):
    tree = html_of(mini_site, "instrumenten/overijssel-scan")
    roles = fact(tree, "Rol van de provincie")
    mark = roles.css_first(".kb-herkomst--bron")
    assert mark.text() == "bron: Bron A (2019), bijlage 2"
    assert mark.css_first("a").attributes["href"] == "../../bronnen/bron-a/"


def test_editorial_value_is_marked_with_its_reason_as_text(mini_site):
    tree = html_of(mini_site, "instrumenten/overijssel-scan")
    tasks = fact(tree, "Taken")
    mark = tasks.css_first(".kb-herkomst--redactie")
    assert mark.css_first(".kb-herkomst__label").text() == "redactie"
    assert mark.text() == "redactie indeling van de redactie"
    legend = tree.css_first(".kb-herkomst-legenda")
    assert "niet van de bron" in legend.text()
    assert legend.css_first("a").attributes["href"] == "../../kader/#bron-of-redactie"


def test_planned_event_says_planned_according_to_its_source(mini_site):
    tree = html_of(mini_site, "gebeurtenissen/overijssel-2017-bijeenkomst")
    assert fact(tree, "Stand").text() == "gepland volgens Bron A (15 januari 2019)"
    timeline = html_of(mini_site, "overzichten/tijdlijn")
    items = timeline.css("li.kb-tijdlijn__item")
    kinds = [item.css_first(".kb-tijdlijn__soort").text() for item in items]
    assert kinds == ["Praktijkvoorbeeld", "Gebeurtenis"]  # 11 and 30 November 2017
    assert items[1].css_first(".kb-tijdlijn__gepland").text() == "gepland volgens Bron A (15 januari 2019)"


def test_source_page_leads_to_the_original_and_groups_citing_pages(mini_site):
    html = (mini_site / "bronnen/bron-a/index.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(html)
    assert "Deze pagina noemt geen bron" not in html
    assert 'id="bronnen-van-deze-pagina"' not in html
    original = tree.css_first("#origineel").next.next
    assert original.text() == "Brief van Provincie Overijssel, 15 januari 2019."
    assert tree.css_first('a[href="https://example.org/a"]').parent.text().startswith("Het document staat online:")
    for permalink in tree.css("h3[id^=gebruikt-] .headerlink"):
        permalink.decompose()
    headings = [h.text() for h in tree.css("h3[id^=gebruikt-]")]
    assert headings == ["Provincies (1)", "Programma's (1)", "Instrumenten (1)", "Gebeurtenissen (1)",
                        "Praktijkvoorbeelden (1)", "Ingrediënten (1)"]


def test_overviews_mark_editorial_values(mini_site):
    roles = html_of(mini_site, "overzichten/per-rol")
    row = roles.css_first("table tbody tr")
    assert row.css_first("td:last-child").text() == "bron: Bron A, bijlage 2"
    assert roles.css_first("[data-kb-herkomst]") is not None
    matrix = html_of(mini_site, "overzichten/matrix")
    marked = matrix.css(".kb-telling-alle .kb-teken-redactie")
    assert len(marked) == 1  # the one instrument's category is the editors'
    assert matrix.css_first(".kb-telling-bron").text() == "–"


# -- exports -----------------------------------------------------------------------------------

def test_exports_carry_provenance(tmp_path):
    tree_with(tmp_path, with_herkomst("  rollen: bron-a, bijlage 2\n"))
    index = build_index(tmp_path / "docs", tmp_path / "data")
    document = json.loads(exports.kennisbank_json(index, "https://example.org/", date(2026, 1, 1)))
    item = next(i for i in document["items"] if i["slug"] == "overijssel-scan")
    assert item["herkomst"]["rollen"] == {"soort": "bron", "bron": "bron-a", "vindplaats": "bijlage 2"}
    assert item["herkomst"]["taken"] == {"soort": "redactie", "reden": "indeling van de redactie"}
    schema = json.loads(exports.envelope_schema("https://example.org/"))
    jsonschema.validate(document, schema)
    item["herkomst"]["taken"] = {"soort": "gok"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
    rows = list(csv.DictReader(io.StringIO(exports.type_csv(index, "instrument", "https://example.org/").decode("utf-8-sig")),
                               delimiter=";"))
    assert rows[0]["rollen_herkomst"] == "bron: bron-a, bijlage 2"
    assert rows[0]["taken_herkomst"] == "redactie: indeling van de redactie"
    assert rows[0]["periode_herkomst"] == ""  # no period, so nothing to trace


# -- the filter in the browser ----------------------------------------------------------------

def test_only_sourced_values_checkbox_hides_editorial_values_and_keeps_state_in_the_url(mini_site):
    import functools
    import http.server
    import threading

    chromium = require_chromium()
    from playwright.sync_api import expect, sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(mini_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(base + "overzichten/matrix/")
            count, sourced = page.locator(".kb-telling-alle").first, page.locator(".kb-telling-bron").first
            expect(count).to_be_visible()
            expect(sourced).to_be_hidden()
            page.get_by_label("Alleen waarden uit de bron").check()
            expect(count).to_be_hidden()
            expect(sourced).to_be_visible()
            expect(page).to_have_url(base + "overzichten/matrix/?bron=1")
            page.goto(base + "overzichten/matrix/?bron=1")
            expect(page.get_by_label("Alleen waarden uit de bron")).to_be_checked()
            expect(page.locator(".kb-telling-alle").first).to_be_hidden()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()

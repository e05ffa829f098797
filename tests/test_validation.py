"""The content check (`python -m macros check`): every mistake once, at its file and line,
in correct Dutch, and the rest of the content still loaded.

Every expected message below is written out by hand (file, line, field, message, hint);
line numbers are counted in the sample pages of conftest: line 1 is the opening `---`,
the fields follow in the order they are written there."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, VALID_PAGES, page_text, write_tree
from macros.index import build_index

INSTRUMENT = "instrumenten/overijssel-scan.md"
# 2 type, 3 titel, 4 samenvatting, 5 provincies, 6 categorie, 7 rollen, 8 taken, 9 status,
# 10 programma, 11 bronnen, 12 laatst_gecontroleerd, 13 ---
EVENT = "gebeurtenissen/overijssel-2017-bijeenkomst.md"
# 2 type, 3 titel, 4 samenvatting, 5 provincies, 6 datum, 7 soort, 8 instrument, 9 bronnen, 10 laatst_gecontroleerd
PROGRAMME = "programmas/overijssel-programma.md"
# 2 type, 3 titel, 4 samenvatting, 5 provincies, 6 periode, 7 onderdelen, 8 "- naam: Lijn 1", 9 bronnen, 10 laatst_gecontroleerd
SOURCE = "bronnen/bron-a.md"
# 2 type, 3 titel, 4 samenvatting, 5 uitgever, 6 datum, 7 soort, 8 bestand, 9 laatst_gecontroleerd, 10 ---


def check(tree):
    return build_index(tree / "docs", tree / "data")


def messages(tree) -> list[str]:
    """Everything the check command reports: errors and unfinished pages."""
    index = check(tree)
    return sorted((str(error) for error in index.errors + index.unfinished), key=lambda m: (m.split(":")[0], int(m.split(":")[1])))


def run_check(tree, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros", "check", "--docs", str(tree / "docs"), "--data", str(tree / "data")],
        capture_output=True, text=True, cwd=ROOT, env=env,
    )


def replace(tree, rel, old, new):
    file = tree / "docs" / rel
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_sample_of_every_type_passes(content_tree):
    index = check(content_tree)
    assert index.errors == [] and index.unfinished == []
    assert sorted(index.by_type) == sorted(
        ["bron", "provincie", "programma", "instrument", "gebeurtenis", "ingredient", "praktijkvoorbeeld", "begrip"]
    )


# ---------------------------------------------------------------- one mistake in one field

# (file, text to replace, replacement, the one complete error expected)
BAD_INPUTS = [
    pytest.param(INSTRUMENT, "provincies: [overijssel]", "provincei: [overijssel]",
                 f"{INSTRUMENT}:5: provincei: onbekend veld — bedoelde je 'provincies'?", id="unknown-field"),
    pytest.param(INSTRUMENT, "status: actief", "status: actief\nxyzzy: 1",
                 f"{INSTRUMENT}:10: xyzzy: onbekend veld — toegestane velden: type, titel, slug, samenvatting, bronnen, links, "
                 "trefwoorden, laatst_gecontroleerd, controle_interval_maanden, herkomst, provincies, categorie, rollen, taken, status, "
                 "programma, periode, bedrag, partners, deelname, opbrengst, voorbeelden", id="unknown-field-no-guess"),
    pytest.param(INSTRUMENT, "provincies: [overijssel]", "provincies: [Noord Holland]",
                 f"{INSTRUMENT}:5: provincies[0]: 'Noord Holland' is geen geldige slug — gebruik kleine letters, cijfers en "
                 "streepjes, bijv. noord-holland", id="bad-slug"),
    pytest.param(INSTRUMENT, "provincies: [overijssel]", "provincies: [noord-holand]",
                 f"{INSTRUMENT}:5: provincies: onbekende provincie 'noord-holand' — bedoelde je 'noord-holland'?", id="unknown-province"),
    pytest.param(INSTRUMENT, "provincies: [overijssel]", "provincies: [drenhte, overijsel]",
                 f"{INSTRUMENT}:5: provincies: onbekende provincies 'drenhte', 'overijsel' — bedoelde je 'drenthe' en 'overijssel'?",
                 id="unknown-provinces"),
    pytest.param(INSTRUMENT, "provincies: [overijssel]", "provincies: [atlantis]",
                 f"{INSTRUMENT}:5: provincies: onbekende provincie 'atlantis' — zie data/provincies.yml", id="unknown-province-no-guess"),
    pytest.param(INSTRUMENT, "categorie: subsidie-bestuurskracht", "categorie: subsidie-bestuurskrach",
                 f"{INSTRUMENT}:6: categorie: onbekende categorie 'subsidie-bestuurskrach' — bedoelde je 'subsidie-bestuurskracht'?",
                 id="unknown-category"),
    pytest.param(INSTRUMENT, "rollen: [facilitator]", "rollen: [facilitater]",
                 f"{INSTRUMENT}:7: rollen: onbekende rol 'facilitater' — bedoelde je 'facilitator'?", id="unknown-role"),
    pytest.param(INSTRUMENT, "taken: [bestuurskracht]", "taken: [bestuurskrcht]",
                 f"{INSTRUMENT}:8: taken: onbekende taak 'bestuurskrcht' — bedoelde je 'bestuurskracht'?", id="unknown-task"),
    pytest.param(INSTRUMENT, "programma: overijssel-programma", "programma: overijssel-programa",
                 f"{INSTRUMENT}:10: programma: onbekend programma 'overijssel-programa' — bedoelde je 'overijssel-programma'?",
                 id="unknown-programme"),
    pytest.param(INSTRUMENT, "bronnen: [bron-a]", "bronnen: [bron-b]",
                 f"{INSTRUMENT}:11: bronnen: onbekende bron 'bron-b' — bedoelde je 'bron-a'?", id="unknown-source"),
    pytest.param(INSTRUMENT, "programma: overijssel-programma", "programma: iets-heel-anders",
                 f"{INSTRUMENT}:10: programma: onbekend programma 'iets-heel-anders' — maak eerst een pagina in docs/programmas/",
                 id="unknown-programme-no-guess"),
    pytest.param(EVENT, "instrument: overijssel-scan", "instrument: overijssel-programma",
                 f"{EVENT}:8: instrument: 'overijssel-programma' is een programma, geen instrument — verwijs naar een pagina in "
                 "docs/instrumenten/", id="reference-of-wrong-type"),
    pytest.param(INSTRUMENT, "categorie: subsidie-bestuurskracht\n", "",
                 f"{INSTRUMENT}:12: categorie: verplicht veld ontbreekt — voeg na regel 11 toe: categorie: bestuurlijk-overleg  "
                 "# zie data/instrumentcategorieen.yml", id="missing-field"),
    pytest.param(SOURCE, "samenvatting: Een bron.\n", "",
                 f"{SOURCE}:9: samenvatting: verplicht veld ontbreekt — voeg na regel 8 toe: samenvatting: \"Eén of twee zinnen over …\"",
                 id="missing-summary"),
    pytest.param(PROGRAMME, "  - naam: Lijn 1", "  - omschrijving: Lijn 1",
                 f"{PROGRAMME}:8: onderdelen[0].naam: verplicht veld ontbreekt — voeg bij dit onderdeel toe: naam: "
                 "\"Naam van de programmalijn\"", id="missing-nested-field"),
    pytest.param(INSTRUMENT, "status: actief", "status: klaar",
                 f"{INSTRUMENT}:9: status: ongeldige waarde 'klaar' — kies uit: 'actief', 'gepland', 'pilot', 'afgerond', "
                 "'vervallen' of 'onbekend'", id="not-a-choice"),
    pytest.param(INSTRUMENT, "status: actief", "status: [actief]",
                 f"{INSTRUMENT}:9: status: moet één waarde zijn, geen lijst of groep — kies uit: 'actief', 'gepland', 'pilot', "
                 "'afgerond', 'vervallen' of 'onbekend'", id="list-for-a-choice"),
    pytest.param(INSTRUMENT, "bronnen: [bron-a]", "bronnen: []",
                 f"{INSTRUMENT}:11: bronnen: moet minstens één waarde bevatten — bijv. bronnen: [slug-van-de-bron]  "
                 "# de bestandsnaam in docs/bronnen/ zonder .md", id="empty-required-list"),
    pytest.param(INSTRUMENT, "bronnen: [bron-a]", "bronnen: [bron-a, bron-a]",
                 f"{INSTRUMENT}:11: bronnen: staat dubbel in de lijst: bron-a", id="duplicate-in-list"),
    pytest.param(INSTRUMENT, "laatst_gecontroleerd: 2026-11-23", "laatst_gecontroleerd: 2026-11-23\ncontrole_interval_maanden: 500",
                 f"{INSTRUMENT}:13: controle_interval_maanden: mag hoogstens 120 zijn", id="too-large"),
    pytest.param(EVENT, "datum: 2017-11-30", "datum: 2017-02-31",
                 f"{EVENT}:6: datum: '2017-02-31' is geen bestaande dag", id="impossible-date"),
    pytest.param(EVENT, "datum: 2017-11-30", "datum: 2018-05/2018-04",
                 f"{EVENT}:6: datum: '2018-05/2018-04': het einde ligt vóór het begin", id="range-backwards"),
    pytest.param("recept/recept-doen.md", "volgorde: 1", "volgorde: -3",
                 "recept/recept-doen.md:5: volgorde: moet minstens 1 zijn", id="negative-count"),
    pytest.param("recept/recept-doen.md", "volgorde: 1", "volgorde: 1.5",
                 "recept/recept-doen.md:5: volgorde: moet een geheel getal zijn (zonder decimalen)", id="non-integer-count"),
    pytest.param(SOURCE, "bestand: a.txt", "bestand: a.txt\nurl: ftp://example.org/a",
                 f"{SOURCE}:9: url: alleen http- en https-adressen zijn toegestaan", id="non-http-url"),
    # The lint and the schema both object to this value; the editor sees one error.
    pytest.param(SOURCE, "bestand: a.txt", "bestand: a.txt\nurl: javascript:alert(1)",
                 f"{SOURCE}:9: url: alleen http- en https-adressen zijn toegestaan", id="javascript-url"),
    pytest.param("provincies/overijssel.md", "titel: Overijssel", "titel: [Overijssel",
                 "provincies/overijssel.md:3: YAML-fout: did not find expected ',' or ']' — controleer dubbele punten, "
                 "aanhalingstekens en inspringing", id="yaml-syntax"),
    pytest.param("provincies/overijssel.md", "titel: Overijssel", "titel:\tOverijssel\n\tfoo: 1",
                 "provincies/overijssel.md:4: YAML-fout: found a tab character that violates indentation — gebruik spaties, "
                 "geen tabs, om in te springen", id="yaml-tabs"),
]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), BAD_INPUTS)
def test_one_mistake_gives_exactly_one_clear_error(content_tree, rel, old, new, expected):
    replace(content_tree, rel, old, new)
    assert messages(content_tree) == [expected]
    # Nothing else breaks: every other page is still in the index.
    assert set(check(content_tree).by_src) >= set(VALID_PAGES) - {rel}


# ---------------------------------------------------------------- several mistakes at once


def three_mistakes(tree):
    """A misspelt province, a field error and a missing field, on pages that cite each other:
    the instrument cites the programme (field error) and the source (missing field)."""
    replace(tree, INSTRUMENT, "provincies: [overijssel]", "provincies: [drenhte]")
    replace(tree, PROGRAMME, "periode: 2017/2019", "periode: 2019/2017")
    replace(tree, SOURCE, "uitgever: Provincie Overijssel\n", "")


THREE_ERRORS = [
    f"{SOURCE}:9: uitgever: verplicht veld ontbreekt — voeg na regel 8 toe: uitgever: \"Provincie Overijssel\"",
    f"{INSTRUMENT}:5: provincies: onbekende provincie 'drenhte' — bedoelde je 'drenthe'?",
    f"{PROGRAMME}:6: periode: '2019/2017': het einde ligt vóór het begin",
]


def test_three_mistakes_give_three_errors(content_tree):
    three_mistakes(content_tree)
    assert messages(content_tree) == THREE_ERRORS


def test_check_command_reports_each_mistake_once_with_a_summary_per_file(content_tree):
    three_mistakes(content_tree)
    result = run_check(content_tree)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for expected in THREE_ERRORS:
        assert lines.count(expected) == 1, result.stderr
    assert lines[len(THREE_ERRORS):] == [
        "",
        "Fouten per bestand:",
        f"  {SOURCE}: 1 fout",
        f"  {INSTRUMENT}: 1 fout",
        f"  {PROGRAMME}: 1 fout",
        "3 fouten in 3 bestanden gevonden.",
    ]
    assert "Traceback" not in result.stderr


def test_summary_counts_several_errors_in_one_file(content_tree):
    replace(content_tree, INSTRUMENT, "status: actief", "status: klaar")
    replace(content_tree, INSTRUMENT, "rollen: [facilitator]", "rollen: [facilitater]")
    result = run_check(content_tree)
    assert result.stderr.splitlines()[-3:] == ["Fouten per bestand:", f"  {INSTRUMENT}: 2 fouten", "2 fouten in 1 bestand gevonden."]


def test_references_are_checked_on_a_page_whose_fields_fail(content_tree):
    """The misspelt province shows up now, not after the field error is fixed."""
    replace(content_tree, INSTRUMENT, "status: actief", "status: klaar")
    replace(content_tree, INSTRUMENT, "provincies: [overijssel]", "provincies: [drenhte]")
    replace(content_tree, INSTRUMENT, "programma: overijssel-programma", "programma: overijssel-programa")
    assert messages(content_tree) == [
        f"{INSTRUMENT}:5: provincies: onbekende provincie 'drenhte' — bedoelde je 'drenthe'?",
        f"{INSTRUMENT}:9: status: ongeldige waarde 'klaar' — kies uit: 'actief', 'gepland', 'pilot', 'afgerond', "
        "'vervallen' of 'onbekend'",
        f"{INSTRUMENT}:10: programma: onbekend programma 'overijssel-programa' — bedoelde je 'overijssel-programma'?",
    ]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), [
    pytest.param(SOURCE, "soort: brief", "soort: boek",
                 f"{SOURCE}:7: soort: ongeldige waarde 'boek' — kies uit: 'brief', 'e-mail', 'notitie', 'webpagina' of 'verslag'",
                 id="field-error"),
    pytest.param(SOURCE, "titel: Bron A", "titel: [Bron A",
                 f"{SOURCE}:3: YAML-fout: did not find expected ',' or ']' — controleer dubbele punten, aanhalingstekens en inspringing",
                 id="unreadable-yaml"),
    pytest.param(SOURCE, "type: bron", "type: brron",
                 f"{SOURCE}:2: type: onbekend type 'brron' — bedoelde je 'bron'?", id="unknown-type"),
])
def test_an_invalid_page_still_exists_for_the_pages_citing_it(content_tree, rel, old, new, expected):
    """Six pages cite bron-a; none of them gets an 'onbekende bron' error."""
    replace(content_tree, rel, old, new)
    assert messages(content_tree) == [expected]


def test_an_invalid_programme_still_has_its_type(content_tree):
    """A field error on a programme keeps it a programme: an event citing it as instrument is told so."""
    replace(content_tree, PROGRAMME, "periode: 2017/2019", "periode: 2019/2017")
    replace(content_tree, EVENT, "instrument: overijssel-scan", "instrument: overijssel-programma")
    assert messages(content_tree) == [
        f"{EVENT}:8: instrument: 'overijssel-programma' is een programma, geen instrument — verwijs naar een pagina in docs/instrumenten/",
        f"{PROGRAMME}:6: periode: '2019/2017': het einde ligt vóór het begin",
    ]


def test_check_command_lists_every_error_at_once(content_tree):
    replace(content_tree, INSTRUMENT, "provincies: [overijssel]", "provincei: [overijssel]")
    replace(content_tree, EVENT, "datum: 2017-11-30", "datum: 2017-02-31")
    replace(content_tree, "recept/recept-doen.md", "volgorde: 1", "volgorde: -3")
    write_tree(content_tree / "docs", {"begrippen/kapot.md": "---\ntitel: [\n---\n"})
    result = run_check(content_tree)
    assert result.returncode == 1
    for fragment in [f"{INSTRUMENT}:5: provincei: onbekend veld",
                     f"{EVENT}:6: datum:",
                     "recept/recept-doen.md:5: volgorde: moet minstens 1 zijn",
                     "begrippen/kapot.md:2: YAML-fout"]:
        assert result.stderr.count(fragment) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_check_command_passes_on_valid_content(content_tree):
    result = run_check(content_tree)
    assert result.returncode == 0, result.stderr
    assert "Inhoud in orde: 8 pagina's" in result.stdout


def test_github_annotations_in_actions(content_tree):
    replace(content_tree, "recept/recept-doen.md", "volgorde: 1", "volgorde: -3")
    result = run_check(content_tree, env={"GITHUB_ACTIONS": "true", "PATH": "/usr/bin:/bin"})
    assert "::error file=docs/recept/recept-doen.md,line=5::volgorde: moet minstens 1 zijn" in result.stdout


# ---------------------------------------------------------------- every other error path of the check

PROVINCE = VALID_PAGES["provincies/overijssel.md"]


def sub_programme(tree):
    """Two programmes that name each other as their main programme."""
    replace(tree, PROGRAMME, "bronnen: [bron-a]", "bronnen: [bron-a]\nhoofdprogramma: overijssel-sub")
    write_tree(tree / "docs", {"programmas/overijssel-sub.md": page_text(
        VALID_PAGES[PROGRAMME].replace("titel: Programma", "titel: Sub") + "\n        hoofdprogramma: overijssel-programma")})


def write(rel: str, text: str):
    return lambda tree: write_tree(tree / "docs", {rel: text})


def write_data(rel: str, text: str):
    return lambda tree: (tree / "data" / rel).write_text(text, encoding="utf-8")


def edit(rel: str, old: str, new: str):
    return lambda tree: replace(tree, rel, old, new)


# (what to do to the sample tree, every error expected)
ERROR_PATHS = [
    pytest.param(write("provincies/overijssel-2.md", page_text(PROVINCE)), [
        "provincies/overijssel-2.md:4: provincie: provincie 'overijssel' heeft al een pagina: provincies/overijssel.md — "
        "kies de juiste provincie, of voeg de tekst samen met die pagina"], id="duplicate-province-page"),
    pytest.param(edit("provincies/overijssel.md", "provincie: overijssel", "provincie: drenthe"), [
        "provincies/overijssel.md:4: provincie: de slug van een provinciepagina moet gelijk zijn aan de provincie ('drenthe') — "
        "noem het bestand drenthe.md"], id="province-slug-differs"),
    pytest.param(edit(INSTRUMENT, "provincies: [overijssel]", "provincies: [drenthe]"), [
        f"{INSTRUMENT}:10: programma: programma 'overijssel-programma' hoort bij overijssel, het instrument bij drenthe"],
        id="programme-of-another-province"),
    pytest.param(sub_programme, [
        f"{PROGRAMME}:10: hoofdprogramma: programma's verwijzen in een kring naar elkaar: overijssel-programma → overijssel-sub → "
        "overijssel-programma",
        "programmas/overijssel-sub.md:12: hoofdprogramma: programma's verwijzen in een kring naar elkaar: overijssel-sub → "
        "overijssel-programma → overijssel-sub"], id="programme-cycle"),
    pytest.param(write_data("toegestane-adressen.yml", "# lijst\nadressen:\n  - geen-adres\nalgemene_mailboxen: [info, Post Kamer]\n"), [
        "data/toegestane-adressen.yml:3: adressen[0]: 'geen-adres' is geen geldig e-mailadres — schrijf een volledig adres, "
        "bijv. info@provincie.nl",
        "data/toegestane-adressen.yml:4: algemene_mailboxen[1]: 'Post Kamer' is geen geldige mailboxnaam — schrijf alleen het "
        "deel vóór de @, bijv. info"], id="allow-list-invalid-values"),
    pytest.param(write_data("toegestane-adressen.yml", "adressen: []\nmailboxen: [info]\n"), [
        "data/toegestane-adressen.yml:2: mailboxen: onbekend veld — toegestane velden: adressen, algemene_mailboxen"],
        id="allow-list-unknown-field"),
    pytest.param(write_data("toegestane-adressen.yml", "adressen: []\nalgemene_mailboxen: info\n"), [
        "data/toegestane-adressen.yml:2: algemene_mailboxen: moet een lijst zijn (regels die beginnen met '- ')"],
        id="allow-list-not-a-list"),
    pytest.param(write_data("toegestane-adressen.yml", "- info\n"), [
        "data/toegestane-adressen.yml:1: moet een groep velden zijn (veld: waarde)"], id="allow-list-not-a-mapping"),
    pytest.param(write_data("toegestane-adressen.yml", "adressen: [\nalgemene_mailboxen: []\n"), [
        "data/toegestane-adressen.yml:3: YAML-fout: did not find expected ',' or ']' — controleer dubbele punten, "
        "aanhalingstekens en inspringing"], id="allow-list-broken-yaml"),
    # A missing or broken reference list is one error; the pages using it get none.
    pytest.param(lambda tree: (tree / "data/rollen.yml").unlink(), ["data/rollen.yml:1: bestand ontbreekt"], id="missing-data-file"),
    pytest.param(write_data("taken.yml", "- slug: bestuurskracht\n  naam: [Bestuurskracht\n"), [
        "data/taken.yml:3: YAML-fout: did not find expected ',' or ']' — controleer dubbele punten, aanhalingstekens en inspringing"],
        id="broken-data-file"),
    pytest.param(write("instrumenten/groot.md", "---\ntype: instrument\ntitel: Groot\nsamenvatting: " + "a" * 70000 + "\n---\n"), [
        "instrumenten/groot.md:2: de front-matter is te groot (meer dan 64 kB)"], id="front-matter-too-large"),
    pytest.param(write("instrumenten/zonder-type.md", "---\ntitel: Zonder type\n---\n\nTekst.\n"), [
        "instrumenten/zonder-type.md:2: type: verplicht veld ontbreekt — voeg na regel 1 toe: type: instrument"], id="missing-type"),
    pytest.param(write("instrumenten/raar.md", "---\ntype: instrumnet\n---\n"), [
        "instrumenten/raar.md:2: type: onbekend type 'instrumnet' — bedoelde je 'instrument'?"], id="unknown-type"),
    pytest.param(write("instrumenten/raar.md", "---\ntype: zomaar\n---\n"), [
        "instrumenten/raar.md:2: type: onbekend type 'zomaar' — kies uit: provincie, programma, instrument, gebeurtenis, "
        "ingredient, praktijkvoorbeeld, bron, begrip"], id="unknown-type-no-guess"),
    pytest.param(write("instrumenten/zonder.md", "# Zonder front-matter\n"), [
        "instrumenten/zonder.md:1: front-matter ontbreekt — begin het bestand met '---', dan 'type: instrument' en de verplichte "
        "velden, en sluit af met '---'"], id="missing-front-matter"),
    pytest.param(write("programmas/verkeerd.md", page_text(VALID_PAGES[INSTRUMENT].replace("titel: Scan", "titel: Verkeerd"))), [
        "programmas/verkeerd.md:2: type: een pagina van type 'instrument' hoort in docs/instrumenten/"], id="type-in-wrong-folder"),
    pytest.param(write("instrumenten/Overijssel-Scan.md", page_text(VALID_PAGES[INSTRUMENT])), [
        f"{INSTRUMENT}:1: slug: slug 'overijssel-scan' wordt al gebruikt door instrumenten/Overijssel-Scan.md — kies een andere "
        "bestandsnaam of slug"], id="duplicate-slug"),
    pytest.param(write("praktijkvoorbeelden/c16.md", page_text(VALID_PAGES["praktijkvoorbeelden/overijssel-voorbeeld.md"]
                                                              + "\n        slug: overijssel-scan")), [
        "praktijkvoorbeelden/c16.md:11: slug: slug 'overijssel-scan' wordt al gebruikt door instrumenten/overijssel-scan.md — "
        "kies een andere bestandsnaam of slug"], id="duplicate-explicit-slug"),
    pytest.param(write("instrumenten/x.md", page_text(VALID_PAGES[INSTRUMENT].replace("titel: Scan", "titel: X"), "Tekst.\n\n{{ 7*7 }}\n")), [
        "instrumenten/x.md:17: alleen een aanroep van een kennisbank-macro is toegestaan, zoals {{ kb_tijdlijn() }} — letterlijke "
        "accolades schrijf je tussen {% raw %} en {% endraw %}"], id="template-syntax-in-body"),
    # Markup is judged on the rendered page by the HTML policy (tests/test_security.py), not by the check.
    pytest.param(write("instrumenten/x.md", page_text(VALID_PAGES[INSTRUMENT].replace("titel: Scan", "titel: X"),
                                                      "Tekst.\n\n<script>alert(1)</script>\n")), [], id="markup-left-to-the-build"),
    pytest.param(edit(INSTRUMENT, "samenvatting: Een instrument.", "samenvatting: Bel 06-12345678."), [
        f"{INSTRUMENT}:4: samenvatting: telefoonnummer '06-12345678' gevonden — persoonsgegevens van medewerkers horen volgens de "
        "AVG niet op een openbare site; noem de organisatie en haar algemene kanaal (bijv. de website of info@…)"],
        id="personal-data-in-front-matter"),
    pytest.param(write("over.md", "---\ntitle: \"{{ 7*7 }}\"\n---\n\n# Over\n"), [
        "over.md:2: title: sjabloon-syntaxis of opmaak is niet toegestaan in de titel — schrijf de titel als gewone tekst"],
        id="template-syntax-in-title"),
    pytest.param(write("pagina.html", "<p>x</p>"), [
        "pagina.html:1: .html-bestanden kunnen niet via inhoud worden toegevoegd — scripts en opmaak beheren de ontwikkelaars "
        "(mkdocs.yml)"], id="non-markdown-file"),
    pytest.param(write("assets/plaatje.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>"), [
        "assets/plaatje.svg:2: SVG-element <script> is niet toegestaan — alleen tekenelementen; geen script, foreignObject of links"],
        id="script-in-svg"),
]


@pytest.mark.parametrize(("change", "expected"), ERROR_PATHS)
def test_every_error_path_of_the_check(content_tree, change, expected):
    change(content_tree)
    assert messages(content_tree) == expected


# ---------------------------------------------------------------- unfinished pages from the scaffold

UNTOUCHED = """---
type: instrument
titel: Nieuw
samenvatting: 'VUL IN: één of twee zinnen die zeggen wat dit is.'
provincies: [overijssel]
categorie: special
bronnen: [bron-a]
laatst_gecontroleerd: 2026-11-23
---

## Wat is het?

<!-- Leg in gewone taal uit wat het instrument is.
     Schrijf alleen wat in de bron staat. -->

## Wat staat er niet in de bron?

<!-- Noem wat onbekend is. -->
"""


def test_untouched_scaffold_text_is_an_error(content_tree):
    write_tree(content_tree / "docs", {"instrumenten/overijssel-nieuw.md": UNTOUCHED})
    rel = "instrumenten/overijssel-nieuw.md"
    assert messages(content_tree) == [
        f"{rel}:4: samenvatting: de voorbeeldtekst 'VUL IN: …' staat er nog — schrijf hier één of twee zinnen over wat dit is; "
        "ze staan in overzichten en zoekresultaten",
        f"{rel}:11: onder het kopje 'Wat is het?' staat nog geen tekst — schrijf er tekst onder of haal het kopje weg "
        "(tekst tussen <!-- en --> zie je niet op de site)",
        f"{rel}:16: onder het kopje 'Wat staat er niet in de bron?' staat nog geen tekst — schrijf er tekst onder of haal het "
        "kopje weg (tekst tussen <!-- en --> zie je niet op de site)",
    ]


def test_finished_scaffold_passes(content_tree):
    finished = (UNTOUCHED.replace("'VUL IN: één of twee zinnen die zeggen wat dit is.'", "Een nieuw instrument.")
                .replace("Schrijf alleen wat in de bron staat. -->", "Schrijf alleen wat in de bron staat. -->\n\nEen scan.")
                .replace("## Wat staat er niet in de bron?\n\n<!-- Noem wat onbekend is. -->\n", ""))
    write_tree(content_tree / "docs", {"instrumenten/overijssel-nieuw.md": finished})
    assert messages(content_tree) == []


@pytest.mark.parametrize(("body", "expected_lines"), [
    pytest.param("## Kop\n\nTekst.\n", [], id="text"),
    pytest.param("## Kop\n\n{{ kb_tijdlijn() }}\n", [], id="macro-fills-a-section"),
    pytest.param("## Kop\n\n### Sub\n\nTekst.\n", [], id="parent-heading-with-sub-heading"),
    pytest.param("## Kop\n\n```\n# geen kop\n```\n", [], id="code-block"),
    pytest.param("## Leeg\n\n## Vol\n\nTekst.\n", [15], id="empty-before-next-heading"),
    pytest.param("## Kop\n\nTekst.\n\n### Sub\n", [19], id="empty-at-the-end"),
    pytest.param("## Kop\n\n<!--\n## in een commentaar\n-->\n", [15], id="only-a-comment"),
    pytest.param("Tekst.\n\nVUL IN: iets.\n", [17], id="marker-in-body"),
    pytest.param("## Kop\n\n<!-- uitleg --> Tekst na de uitleg.\n", [], id="text-after-a-comment"),
    pytest.param("## Kop\n\n<!-- uitleg -->\n\n## Vol\n\nTekst.\n", [15], id="one-line-comment-only"),
])
def test_empty_sections_and_placeholders_in_the_body(content_tree, body, expected_lines):
    rel = "instrumenten/overijssel-kop.md"
    write_tree(content_tree / "docs", {rel: page_text(VALID_PAGES[INSTRUMENT].replace("titel: Scan", "titel: Kop"), body)})
    found = [error for error in check(content_tree).unfinished if error.path == rel]
    assert [error.line for error in found] == expected_lines, found


def test_unfinished_pages_fail_the_check_command(content_tree):
    write_tree(content_tree / "docs", {"instrumenten/overijssel-nieuw.md": UNTOUCHED})
    result = run_check(content_tree)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "3 fouten in 1 bestand gevonden."


def test_real_content_has_no_unfinished_page():
    """The real content has no unfinished page (the rule must not flag finished text)."""
    index = build_index(ROOT / "docs", ROOT / "data")
    assert index.unfinished == []



def test_each_missing_field_is_reported_with_its_own_example(content_tree):
    replace(content_tree, SOURCE, "uitgever: Provincie Overijssel\n", "")
    replace(content_tree, SOURCE, "soort: brief\n", "")
    # Left: 2 type, 3 titel, 4 samenvatting, 5 datum, 6 bestand, 7 laatst_gecontroleerd; new fields go after line 7.
    assert messages(content_tree) == [
        f"{SOURCE}:8: soort: verplicht veld ontbreekt — voeg na regel 7 toe: soort: brief  # kies uit: brief, e-mail, notitie, "
        "webpagina, verslag",
        f"{SOURCE}:8: uitgever: verplicht veld ontbreekt — voeg na regel 7 toe: uitgever: \"Provincie Overijssel\"",
    ]

"""Every kind of bad input gives one clear error naming file, line and field,
and the rest of the content is still loaded."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, VALID_PAGES, page_text, write_tree
from macros.index import build_index


def check(tree):
    return build_index(tree / "docs", tree / "data")


def test_valid_sample_of_every_type_passes(content_tree):
    index = check(content_tree)
    assert index.errors == []
    assert sorted(index.by_type) == sorted(
        ["bron", "provincie", "programma", "instrument", "gebeurtenis", "ingredient", "praktijkvoorbeeld", "begrip"]
    )


def replace(tree, rel, old, new):
    file = tree / "docs" / rel
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


# (file, text to replace, replacement, expected "path:line: field: message" fragment, hint fragment)
BAD_INPUTS = [
    pytest.param("instrumenten/overijssel-scan.md", "provincies: [overijssel]", "provincei: [overijssel]",
                 "instrumenten/overijssel-scan.md:5: provincei: onbekend veld", "bedoelde je 'provincies'?", id="unknown-field"),
    pytest.param("instrumenten/overijssel-scan.md", "provincies: [overijssel]", "provincies: [Noord Holland]",
                 "instrumenten/overijssel-scan.md:5: provincies[0]: 'Noord Holland' is geen geldige slug", "kleine letters", id="bad-slug"),
    pytest.param("instrumenten/overijssel-scan.md", "provincies: [overijssel]", "provincies: [noord-holand]",
                 "instrumenten/overijssel-scan.md:5: provincies: onbekende provincies 'noord-holand'", "bedoelde je 'noord-holland'?", id="unknown-reference"),
    pytest.param("instrumenten/overijssel-scan.md", "programma: overijssel-programma", "programma: overijssel-programa",
                 "instrumenten/overijssel-scan.md:10: programma: onbekende programma 'overijssel-programa'", "bedoelde je 'overijssel-programma'?", id="unknown-page-reference"),
    pytest.param("instrumenten/overijssel-scan.md", "categorie: subsidie-bestuurskracht\n", "",
                 "instrumenten/overijssel-scan.md:2: categorie: verplicht veld ontbreekt", None, id="missing-field"),
    pytest.param("instrumenten/overijssel-scan.md", "status: actief", "status: [actief]",
                 "instrumenten/overijssel-scan.md:9: status: ongeldige waarde", "kies uit", id="wrong-type"),
    pytest.param("gebeurtenissen/overijssel-2017-bijeenkomst.md", "datum: 2017-11-30", "datum: 2017-02-31",
                 "gebeurtenissen/overijssel-2017-bijeenkomst.md:6: datum: '2017-02-31' is geen bestaande dag", None, id="impossible-date"),
    pytest.param("gebeurtenissen/overijssel-2017-bijeenkomst.md", "datum: 2017-11-30", "datum: 2018-05/2018-04",
                 "gebeurtenissen/overijssel-2017-bijeenkomst.md:6: datum: '2018-05/2018-04': het einde ligt vóór het begin", None, id="range-backwards"),
    pytest.param("recept/recept-doen.md", "volgorde: 1", "volgorde: -3",
                 "recept/recept-doen.md:5: volgorde: moet minstens 1 zijn", None, id="negative-count"),
    pytest.param("recept/recept-doen.md", "volgorde: 1", "volgorde: 1.5",
                 "recept/recept-doen.md:5: volgorde: moet een geheel getal zijn", None, id="non-integer-count"),
    pytest.param("bronnen/bron-a.md", "bestand: a.txt", "bestand: a.txt\nurl: ftp://example.org/a",
                 "bronnen/bron-a.md:9: url: alleen http- en https-adressen zijn toegestaan", None, id="non-http-url"),
    pytest.param("bronnen/bron-a.md", "bestand: a.txt", "bestand: a.txt\nurl: javascript:alert(1)",
                 "bronnen/bron-a.md:9: url:", None, id="javascript-url"),
    pytest.param("provincies/overijssel.md", "titel: Overijssel", "titel: [Overijssel",
                 "provincies/overijssel.md:3: YAML-fout", None, id="yaml-syntax"),
    pytest.param("provincies/overijssel.md", "titel: Overijssel", "titel:\tOverijssel\n\tfoo: 1",
                 "provincies/overijssel.md:", "geen tabs", id="yaml-tabs"),
]


@pytest.mark.parametrize(("rel", "old", "new", "expected", "hint"), BAD_INPUTS)
def test_bad_input_gives_clear_error(content_tree, rel, old, new, expected, hint):
    replace(content_tree, rel, old, new)
    index = check(content_tree)
    messages = [str(error) for error in index.errors]
    assert any(message.startswith(expected) for message in messages), messages
    if hint:
        assert any(message.startswith(expected) and hint in message for message in messages), messages
    # Nothing else breaks: every other valid page is still in the index.
    others = {f"{rel_}" for rel_ in VALID_PAGES} - {rel}
    loaded = set(index.by_src)
    dependents = {error.path for error in index.errors}
    assert others - dependents <= loaded


def test_missing_front_matter(content_tree):
    write_tree(content_tree / "docs", {"instrumenten/zonder.md": "# Zonder front-matter\n"})
    messages = [str(error) for error in check(content_tree).errors]
    assert messages == ["instrumenten/zonder.md:1: front-matter ontbreekt — begin het bestand met '---', dan "
                        "'type: instrument' en de verplichte velden, en sluit af met '---'"]


def test_duplicate_slug_also_differing_in_case_or_accent(content_tree):
    write_tree(content_tree / "docs", {
        "instrumenten/Overijssel-Scan.md": page_text(VALID_PAGES["instrumenten/overijssel-scan.md"]),
        "instrumenten/overijssel-scän.md": page_text(VALID_PAGES["instrumenten/overijssel-scan.md"]),
    })
    messages = [str(error) for error in check(content_tree).errors]
    duplicates = [message for message in messages if "wordt al gebruikt door" in message]
    assert len(duplicates) == 1, messages  # the case variant; the accented name is refused outright:
    assert any(message.startswith("instrumenten/overijssel-scän.md:1: de naam") for message in messages), messages


def test_type_in_wrong_folder(content_tree):
    write_tree(content_tree / "docs", {"programmas/verkeerd.md": page_text(VALID_PAGES["instrumenten/overijssel-scan.md"])})
    messages = [str(error) for error in check(content_tree).errors]
    assert "programmas/verkeerd.md:2: type: een pagina van type 'instrument' hoort in docs/instrumenten/" in messages


def test_check_command_lists_every_error_at_once(content_tree):
    replace(content_tree, "instrumenten/overijssel-scan.md", "provincies: [overijssel]", "provincei: [overijssel]")
    replace(content_tree, "gebeurtenissen/overijssel-2017-bijeenkomst.md", "datum: 2017-11-30", "datum: 2017-02-31")
    replace(content_tree, "recept/recept-doen.md", "volgorde: 1", "volgorde: -3")
    write_tree(content_tree / "docs", {"begrippen/kapot.md": "---\ntitel: [\n---\n"})
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--docs", str(content_tree / "docs"), "--data", str(content_tree / "data")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 1
    for fragment in ["instrumenten/overijssel-scan.md:5: provincei: onbekend veld",
                     "gebeurtenissen/overijssel-2017-bijeenkomst.md:6: datum:",
                     "recept/recept-doen.md:5: volgorde: moet minstens 1 zijn",
                     "begrippen/kapot.md:2: YAML-fout"]:
        assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_check_command_passes_on_valid_content(content_tree):
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--docs", str(content_tree / "docs"), "--data", str(content_tree / "data")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "Inhoud in orde: 8 pagina's" in result.stdout


def test_github_annotations_in_actions(content_tree):
    replace(content_tree, "recept/recept-doen.md", "volgorde: 1", "volgorde: -3")
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--docs", str(content_tree / "docs"), "--data", str(content_tree / "data")],
        capture_output=True, text=True, cwd=ROOT, env={"GITHUB_ACTIONS": "true", "PATH": "/usr/bin:/bin"},
    )
    assert "::error file=docs/recept/recept-doen.md,line=5::volgorde: moet minstens 1 zijn" in result.stdout

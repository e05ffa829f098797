"""The faster paths of the content check give exactly the results of the plain ones.

`python -m macros check` skips work it can prove useless (issue 13: 5,000 pages in about a
second): the personal-data lint skips normalisation and substitutions that cannot change a
text. Here the fast functions are compared with the straightforward versions they replaced
(copied below, as they were), on generated texts full of the characters that matter."""

from __future__ import annotations

import html
import re
import unicodedata

from hypothesis import given, strategies as st

from macros import lint
from macros.index import build_index

# ------------------------------------------------------------------ the reference versions (before the fast paths)


def reference_normalise(text: str) -> str:
    text = html.unescape(text)
    return unicodedata.normalize("NFKC", text).translate(lint._INVISIBLE)


def reference_deobfuscate(text: str) -> str:
    text = text.translate(lint._MARKERS)
    if "at" in text.lower() or "@" in text or "apenstaartje" in text.lower():
        text = lint._AT_WORD.sub("@", text)
        text = lint._DOT_WORD.sub(".", text)
    return text


def reference_find(text: str, addresses: set[str], mailboxes: set[str]) -> list[lint.DataFinding]:
    findings = []
    plain = reference_deobfuscate(text)
    for match in lint._PHONE.finditer(plain):
        findings.append(lint.DataFinding(match.start(), f"telefoonnummer '{' '.join(match.group(0).split())}' gevonden", lint.PRIVACY_HINT))
    if "@" in plain:
        for match in lint._EMAIL.finditer(plain):
            written = f"{match.group(1)}@{match.group(2)}"
            if written.lower() in addresses or match.group(1).lower() in mailboxes:
                continue
            findings.append(lint.DataFinding(match.start(), f"e-mailadres '{written}' lijkt persoonlijk",
                                              lint.PRIVACY_HINT + "; algemene adressen staan in data/toegestane-adressen.yml"))
    if "://" in text:
        for match in lint._URL.finditer(text):
            try:
                clean = lint.clean_url(match.group(0))
            except ValueError:  # the one change in behaviour: this crashed the check before
                findings.append(lint.DataFinding(match.start(), f"ongeldig webadres '{match.group(0)}'",
                                                 "schrijf het adres helemaal uit, bijv. https://www.provincie.nl/"))
                continue
            if clean:
                findings.append(lint.DataFinding(match.start(), "link met tracking of doorverwijzing", f"gebruik het echte adres: {clean}"))
    return sorted(findings, key=lambda finding: finding.start)


# ------------------------------------------------------------------ texts that exercise every branch

PIECES = [
    "0", "06", "+31", "0031", "1234", "5678", "9", " ", "\t", "\n", "-", ".", "/", "(", ")", "[", "]", "{", "}", "<", ">",
    "at", "AT", "At", " at ", "\tat\t", "apenstaartje", "APENSTAARTJE", "dot", "punt", "[at]", "(dot)", "{punt}", "<at>",
    "@", "jan", "provincie", "nl", "info", "*", "_", "`", "~", "**", "&#64;", "&amp;", "&#48;", "&commat;", "&#10;",
    "＠", "０", "６", "\u200b", "\u00ad", "\ufeff", "é", "ö", "ſ", "K", "İ", "Å", "²", "①", "https://", "http://",
    "example.org/?utm_source=x", "t.co/abc", "?fbclid=1", "dat", "staat", "taartje", "x",
]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=30).map("".join)
ALLOWED, MAILBOXES = {"info@provincie.nl"}, {"info", "post"}


@given(texts)
def test_normalise_text_is_unchanged(text: str) -> None:
    assert lint.normalise_text(text) == reference_normalise(text)


@given(texts)
def test_deobfuscate_is_unchanged(text: str) -> None:
    assert lint._deobfuscate(text) == reference_deobfuscate(text)


@given(texts)
def test_find_personal_data_is_unchanged(text: str) -> None:
    normalised = reference_normalise(text)
    assert lint.find_personal_data(normalised, ALLOWED, MAILBOXES) == reference_find(normalised, ALLOWED, MAILBOXES)


@given(st.lists(texts, max_size=6).map("\n".join))
def test_check_text_is_unchanged(text: str) -> None:
    expected = [lint.Finding(number, finding.message, finding.hint)
                for number, line in enumerate(text.split("\n"), start=1) if line.strip()
                for finding in reference_find(reference_normalise(line), ALLOWED, MAILBOXES)]
    assert lint.check_text(text, ALLOWED, MAILBOXES) == expected


def test_only_ascii_letters_match_the_obfuscation_words_ignoring_case() -> None:
    """_may_be_obfuscated looks for 'at' and 'taartje' in text.lower(): that is only sound if no
    other character matches these letters under re.I (as 'ſ' matches 's' and 'K' matches 'k')."""
    every_character = "".join(map(chr, range(0x110000)))
    found = set(re.compile("[atrje]", re.I).findall(every_character))
    assert found == set("atrjeATRJE")


def test_the_fast_paths_are_taken() -> None:
    """The cheap tests really skip the work (else the equivalence above would be trivial)."""
    assert not lint._may_be_obfuscated("De provincie staat klaar.", "de provincie staat klaar.")
    assert lint._may_be_obfuscated("jan at provincie.nl", "jan at provincie.nl")
    assert lint._may_be_obfuscated("jan [at] provincie", "jan [at] provincie")
    assert lint._may_be_obfuscated("jan APENSTAARTJE x", "jan apenstaartje x")


def test_an_unparseable_address_is_an_error_not_a_crash(content_tree):
    """'https://[' made urlsplit raise, and the check stopped with a traceback (found by the tests above)."""
    page = content_tree / "docs" / "begrippen" / "interbestuurlijk-toezicht.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nZie https://[ hier.\n", encoding="utf-8")
    index = build_index(content_tree / "docs", content_tree / "data")
    lines = len(page.read_text(encoding="utf-8").split("\n")) - 1
    assert [str(error) for error in index.errors] == [
        f"begrippen/interbestuurlijk-toezicht.md:{lines}: ongeldig webadres 'https://[' — schrijf het adres helemaal uit, "
        "bijv. https://www.provincie.nl/"]


# ------------------------------------------------------------------ YAML: values and lines without the generic path

import math  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import yaml  # noqa: E402

from conftest import ROOT  # noqa: E402
from macros import loader  # noqa: E402

TRICKY_YAML = [
    "a: 1\nb: 0x1F\nc: 0o17\nd: 017\ne: 1_000\nf: 1:30\ng: -0b101\n",
    "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: ~\ng: null\nh:\ni: ''\n",
    "a: .inf\nb: -.Inf\nc: .NaN\nd: 1.5e3\ne: 6.8523015e+5\nf: 190:20:30.15\ng: '1.0'\n",
    "'<<': x\n'=': y\n1: een\n2.5: twee\ntrue: drie\n~: vier\n",
    "=: waarde\n",
    "a: !!binary aGFsbG8=\n",
    "a: !!set {x, y}\n",
    "a: !!omap [x: 1, y: 2]\n",
    "a: !!timestamp 2020-01-01\nb: 2020-01-01\n",
    "a: !!str 123\nb: !!int '7'\nc: !!float '1'\n",
    "? [a, b]\n: lijst als sleutel\n",
    "? {a: 1}\n: groep als sleutel\n",
    "a: [1, [2, [3, {b: c}]]]\nd: {e: [f, {g: h}]}\n",
    "- a\n- b: 1\n",
    "tekst\n",
    "a: |\n  regel 1\n  regel 2\nb: >\n  gevouwen\n  tekst\n",
]


def reference_construct(node):
    generic = loader.SafeLoader("")
    try:
        return generic.construct_document(node)
    finally:
        generic.dispose()


def outcome(build, node):
    try:
        return "value", repr(build(node))  # repr: nan equals itself, and types show (1 vs 1.0 vs True)
    except yaml.YAMLError as error:
        return "error", str(error)


def front_matters() -> list[str]:
    texts = list(TRICKY_YAML)
    for file in sorted((ROOT / "docs").rglob("*.md")):
        text = file.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            texts.append(text[4:].split("\n---", 1)[0])
    return texts


@pytest.mark.parametrize("text", front_matters()[:len(TRICKY_YAML)], ids=range(len(TRICKY_YAML)))
def test_construct_equals_the_generic_constructor_on_tricky_yaml(text: str) -> None:
    node = loader.compose_strict(text)
    assert outcome(loader.construct, node) == outcome(reference_construct, node)


def test_construct_equals_the_generic_constructor_on_all_real_pages() -> None:
    texts = front_matters()[len(TRICKY_YAML):]
    assert len(texts) > 300
    for text in texts:
        node = loader.compose_strict(text)
        assert outcome(loader.construct, node) == outcome(reference_construct, node), text


def test_the_plain_path_is_taken_for_plain_front_matter() -> None:
    node = loader.compose_strict("a: 1\nb: [x, {c: .nan}]\n")
    assert math.isnan(loader._construct_plain(node)["b"][1]["c"])
    with pytest.raises(loader._NotPlain):
        loader._construct_plain(loader.compose_strict("a: !!binary aGFsbG8=\n"))


def reference_line_of(node, front_matter_line: int, loc) -> int:
    """RawPage.line_of as it was, walking the YAML nodes."""
    line = node.start_mark.line if node is not None else 0
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            matches = [(k, v) for k, v in node.value if k.value == key]
            if not matches:
                break
            key_node, node = matches[0]
            line = key_node.start_mark.line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line
        else:
            break
    return front_matter_line + line


def paths(value, path=()):
    """Every path into a value, and some that lead nowhere."""
    yield path
    yield path + ("bestaat-niet",)
    yield path + (99,)
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, path + (key,))
    elif isinstance(value, list):
        yield path + (-1,)
        yield path + (True,)
        for position, item in enumerate(value):
            yield from paths(item, path + (position,))


def test_line_of_equals_the_node_walk() -> None:
    checked = 0
    for file in sorted((ROOT / "docs").rglob("*.md"))[:200] + [None] * len(TRICKY_YAML):
        if file is None:
            continue
        page = loader.read_page(file, file.relative_to(ROOT / "docs").as_posix())
        if page.node is None:
            continue
        for loc in paths(page.meta):
            assert page.line_of(loc) == reference_line_of(page.node, page.front_matter_line, loc), (file, loc)
            checked += 1
    for text in TRICKY_YAML:
        node = loader.compose_strict(text)
        page = loader.RawPage("x.md", {}, node, 1, "", 1)
        try:
            value = reference_construct(node)
        except yaml.YAMLError:
            continue
        for loc in paths(value):
            assert page.line_of(loc) == reference_line_of(node, 1, loc), (text, loc)
    assert checked > 1000

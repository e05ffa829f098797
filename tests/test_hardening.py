"""Hostile and broken content: template injection, unsafe markup, personal data,
and a corpus of broken files. Each case has an asserted outcome: a clear error
with path:line, or harmless rendering. None ends in a traceback, and the other
pages are never lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, VALID_PAGES, make_mini_site, page_text, run_build
from macros.index import build_index

INSTRUMENT = VALID_PAGES["instrumenten/overijssel-scan.md"]


def write_files(docs: Path, files: dict[str, str | bytes]) -> None:
    """Write text or raw bytes (for the encoding cases) under docs/."""
    for rel, content in files.items():
        file = docs / rel
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")


def errors_for(tree: Path, extra: dict[str, str | bytes]) -> list[str]:
    docs = tree / "docs"
    write_files(docs, extra)
    index = build_index(docs, tree / "data")
    messages = [str(error) for error in index.errors]
    # Nothing is lost silently: every valid sample page is still indexed, or an error names it.
    for rel in set(VALID_PAGES) - set(index.by_src):
        assert any(rel in message for message in messages), (rel, messages)
    return messages


# ---------------------------------------------------------------- template injection

SSTI_PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ config.__class__.__init__.__globals__['os'].popen('id').read() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ namespace.__init__.__globals__.os }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{% for x in ().__class__.__base__.__subclasses__() %}{{ x }}{% endfor %}",
    "{% set x = cycler %}{{ x }}",
    "{{ 7*7 }}",
    "{{ [].__class__ }}",
    "{{ kb_lijst.__globals__ }}",
    "{{ kb_lijst('instrument').__class__ }}",
    "{{ kb_lijst(cycler) }}",
    "{{ kb_lijst(*['instrument']) }}",
    "{{ kb_lijst('instrument')|attr('__class__') }}",
    "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "{{ macros_info() }}",
    "{{ context() }}",
    "{{ now() }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}",
    "{% extends 'base.html' %}",
    "{% if true %}ja{% endif %}",
    "{% macro x() %}{% endmacro %}",
    "{{ config }}",
    "{{ page.meta }}",
    "{{ environment }}",
]


@pytest.mark.parametrize("payload", SSTI_PAYLOADS)
def test_template_injection_is_rejected_with_path_and_line(content_tree, payload):
    body = f"Inleiding.\n\n{payload}\n"
    messages = errors_for(content_tree, {"instrumenten/aanval.md": page_text(INSTRUMENT.replace("titel: Scan", "titel: Aanval"), body)})
    own = [message for message in messages if message.startswith("instrumenten/aanval.md:")]
    assert own, messages
    # front-matter is lines 1-13, blank line 14, "Inleiding." 15, blank 16, payload 17
    assert all(message.startswith("instrumenten/aanval.md:17:") for message in own), own


def test_render_macros_opt_in_does_not_help(content_tree):
    front = INSTRUMENT.replace("titel: Scan", "titel: Aanval") + "\n        render_macros: true"
    messages = errors_for(content_tree, {"instrumenten/aanval.md": page_text(front, "{{ cycler.__init__.__globals__.os }}\n")})
    assert any("render_macros: onbekend veld" in m for m in messages)
    assert any("is geen toegestane macro" in m or "alleen een aanroep" in m for m in messages)


def test_plain_page_cannot_smuggle_template_syntax_in_its_title(content_tree):
    messages = errors_for(content_tree, {"over.md": "---\ntitle: \"{{ cycler.__init__.__globals__.os }}\"\n---\n\nTekst.\n"})
    assert "over.md:2: title: sjabloon-syntaxis of opmaak is niet toegestaan in de titel — schrijf de titel als gewone tekst" in messages


def test_payload_never_runs_during_a_build(tmp_path):
    marker = tmp_path / "pwned"
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    pages["index.md"] = f"# Start\n\n{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}\n"
    config = make_mini_site(tmp_path, pages)
    result = run_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "index.md:3: alleen een aanroep van een kennisbank-macro is toegestaan" in result.stderr
    assert not marker.exists()
    assert "Traceback" not in result.stderr


def test_allowed_macro_calls_and_literal_braces(tmp_path):
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    pages["index.md"] = (
        "# Start\n\n{{ kb_lijst('instrument') }}\n\n{{ kb_lijst(type_name='bron', provincie=None) }}\n\n"
        "Voorbeeld: {% raw %}{{ 7*7 }} en {% if %}{% endraw %}\n\nOf met entiteiten: &#123;&#123; tekst &#125;&#125;\n"
    )
    config = make_mini_site(tmp_path, pages)
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    assert "{{ 7*7 }} en {% if %}" in article and "Voorbeeld: 49" not in article
    assert "&#123;&#123; tekst &#125;&#125;" in html or "{{ tekst }}" in html
    assert 'href="instrumenten/overijssel-scan/"' in html


# ---------------------------------------------------------------- personal data, tracking
# (Markup is judged on the rendered page by the HTML policy: tests/test_security.py.)

LINT_CASES = [
    ("Bel 06 5544 9781 voor meer informatie.", "telefoonnummer '06 5544 9781'"),
    ("Telefoon (023) 514 3143.", "telefoonnummer"),
    ("Of +31 6 12345678.", "telefoonnummer"),
    ("Mail b.ligterink@pzh.nl voor aanmelden.", "e-mailadres 'b.ligterink@pzh.nl' lijkt persoonlijk"),
    ("Ideeën naar Smm.Hoogeboom@overijssel.nl.", "e-mailadres 'Smm.Hoogeboom@overijssel.nl' lijkt persoonlijk"),
    ("Zie https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.jijenoverijssel.nl%2Fgoedbestuur&data=05",
     "gebruik het echte adres: https://www.jijenoverijssel.nl/goedbestuur"),
    ("Zie https://www.gelderland.nl/sterkbestuur?utm_source=mail&utm_medium=x&pagina=2",
     "gebruik het echte adres: https://www.gelderland.nl/sterkbestuur?pagina=2"),
]


@pytest.mark.parametrize(("line", "expected"), LINT_CASES)
def test_unsafe_markup_personal_data_and_tracking_are_rejected(content_tree, line, expected):
    messages = errors_for(content_tree, {"instrumenten/lint.md": page_text(INSTRUMENT.replace("titel: Scan", "titel: Lint"), f"Inleiding.\n\n{line}\n")})
    assert any(m.startswith("instrumenten/lint.md:17:") and expected in m for m in messages), messages


def test_privacy_message_explains_why_and_what_to_write(content_tree):
    messages = errors_for(content_tree, {"instrumenten/lint.md": page_text(INSTRUMENT.replace("titel: Scan", "titel: Lint"), "Mail jan@provincie.nl\n")})
    assert any("AVG" in m and "algemene kanaal" in m for m in messages)


def test_personal_data_in_front_matter_is_rejected_too(content_tree):
    front = INSTRUMENT.replace("titel: Scan", "titel: Lint").replace("samenvatting: Een instrument.", "samenvatting: Bel 06-12345678.")
    messages = errors_for(content_tree, {"instrumenten/lint.md": page_text(front)})
    assert "instrumenten/lint.md:4: samenvatting: telefoonnummer '06-12345678' gevonden" in " ".join(messages)


def test_general_mailbox_and_numbers_that_are_not_phones_pass(content_tree):
    body = ("Vragen? Mail info@noord-holland.nl. Kenmerk 2017/0404045 en 1938042/1938060; "
            "KvK 34362354; postcode 2001 DA; periode 2017-2019.\n")
    messages = errors_for(content_tree, {"instrumenten/schoon.md": page_text(INSTRUMENT.replace("titel: Scan", "titel: Schoon"), body)})
    assert not [m for m in messages if m.startswith("instrumenten/schoon.md")], messages


# ---------------------------------------------------------------- the bad-input corpus

BILLION_LAUGHS = "\n".join(
    ["type: instrument", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]"
       for i in range(8)]
)

CORPUS: list[tuple[str, str, str | bytes, str]] = [
    # (case id, path under docs/, content, expected message fragment; "" = must pass harmlessly)
    ("malformed-yaml", "instrumenten/c1.md", "---\ntype: instrument\ntitel: \"open\n---\n", "c1.md:3: YAML-fout"),
    ("unclosed-front-matter", "instrumenten/c2.md", "---\ntype: instrument\ntitel: x\n", "c2.md:1: de front-matter wordt niet afgesloten met een regel '---'"),
    ("tabs", "instrumenten/c3.md", "---\ntype: instrument\n\ttitel: x\n---\n", "c3.md:3: YAML-fout"),
    ("latin-1", "instrumenten/c4.md", "---\ntype: instrument\ntitel: Fryslân\n---\n".encode("latin-1"), "c4.md:3: het bestand is niet in UTF-8 opgeslagen"),
    ("utf-16", "instrumenten/c5.md", "---\ntype: instrument\n---\n".encode("utf-16"), "c5.md:1: het bestand is niet in UTF-8 opgeslagen"),
    ("bom-is-harmless", "instrumenten/c6.md", b"\xef\xbb\xbf" + page_text(INSTRUMENT.replace("titel: Scan", "titel: Met BOM")).encode(), ""),
    ("ten-megabytes", "instrumenten/c7.md", page_text(INSTRUMENT, "x" * (10 * 1024 * 1024)), "c7.md:1: de pagina is 10240 kB"),
    ("deep-nesting", "instrumenten/c8.md", "---\ntype: instrument\ntitel: " + "[" * 5000 + "]" * 5000 + "\n---\n", "c8.md:3: de gegevens zijn te diep genest"),
    ("billion-laughs", "instrumenten/c9.md", "---\n" + BILLION_LAUGHS + "\n---\n", "YAML-ankers en -verwijzingen"),
    ("python-object-tag", "instrumenten/c10.md", "---\ntype: instrument\ntitel: !!python/object/apply:os.system [\"touch /tmp/kb-pwned\"]\n---\n", "c10.md:3: YAML-fout"),
    ("python-name-tag", "instrumenten/c11.md", "---\ntype: !!python/name:os.system\n---\n", "c11.md:2: YAML-fout"),
    ("unknown-reference", "instrumenten/c12.md", page_text(INSTRUMENT.replace("overijssel-programma", "bestaat-niet")), "c12.md:10: programma: onbekend programma 'bestaat-niet'"),
    ("reference-cycle", "programmas/c13.md", page_text(VALID_PAGES["programmas/overijssel-programma.md"].replace("titel: Programma", "titel: Kring") + "\n        hoofdprogramma: c13"), "programma's verwijzen in een kring naar elkaar: c13 → c13"),
    ("duplicate-slug-case", "instrumenten/Overijssel-Scan.md", page_text(INSTRUMENT), "slug 'overijssel-scan' wordt al gebruikt door instrumenten/"),
    ("accent-in-file-name", "instrumenten/overijssel-scän.md", page_text(INSTRUMENT), "instrumenten/overijssel-scän.md:1: de naam 'overijssel-scän.md' bevat tekens die niet zijn toegestaan"),
    ("duplicate-explicit-slug", "praktijkvoorbeelden/c16.md", page_text(VALID_PAGES["praktijkvoorbeelden/overijssel-voorbeeld.md"] + "\n        slug: overijssel-scan"), "c16.md:11: slug: slug 'overijssel-scan' wordt al gebruikt"),
    ("year-zero", "gebeurtenissen/c17.md", page_text(VALID_PAGES["gebeurtenissen/overijssel-2017-bijeenkomst.md"].replace("2017-11-30", "0000-01-01")), "c17.md:6: datum: jaar 0 ligt buiten 1800–2100"),
    ("thirty-first-february", "gebeurtenissen/c18.md", page_text(VALID_PAGES["gebeurtenissen/overijssel-2017-bijeenkomst.md"].replace("2017-11-30", "2017-02-31")), "c18.md:6: datum: '2017-02-31' is geen bestaande dag"),
    ("impossible-check-date", "instrumenten/c19.md", page_text(INSTRUMENT.replace("2026-11-23", "2026-02-30")), "c19.md:12: laatst_gecontroleerd: moet een datum zijn"),
    ("empty-file-in-content-folder", "instrumenten/c20.md", "", "c20.md:1: front-matter ontbreekt"),
    ("empty-file-elsewhere-is-harmless", "leeg.md", "", ""),
    ("only-front-matter", "instrumenten/c22.md", "---\n" + INSTRUMENT.strip().replace("titel: Scan", "titel: Alleen kop").replace("\n        ", "\n") + "\n---\n", ""),
    ("front-matter-is-a-list", "instrumenten/c23.md", "---\n- type\n- instrument\n---\n", "c23.md:1: de front-matter moet bestaan uit regels 'veld: waarde'"),
    ("unknown-type", "instrumenten/c24.md", "---\ntype: instrumnet\n---\n", "c24.md:2: type: onbekend type 'instrumnet' — bedoelde je 'instrument'?"),
    ("non-markdown-html", "pagina.html", "<script>alert(1)</script>", "pagina.html:1: .html-bestanden kunnen niet via inhoud worden toegevoegd"),
    ("non-markdown-python", "instrumenten/script.py", "import os", "instrumenten/script.py:1: alleen Markdown-pagina's en afbeeldingen horen in docs/"),
    ("svg-with-script", "assets/logo2.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>', "assets/logo2.svg:1: SVG-element <script> is niet toegestaan"),
    ("nul-bytes", "instrumenten/c28.md", b"---\ntype: instrument\x00\n---\n", "c28.md:1: het bestand bevat binaire tekens"),
    ("wrong-type-for-list", "instrumenten/c29.md", page_text(INSTRUMENT.replace("provincies: [overijssel]", "provincies: overijssel")), "c29.md:5: provincies: moet een lijst zijn"),
    ("number-as-title", "instrumenten/c30.md", page_text(INSTRUMENT.replace("titel: Scan", "titel: 42")), "c30.md:3: titel: moet tekst zijn"),
    ("null-required", "instrumenten/c31.md", page_text(INSTRUMENT.replace("categorie: subsidie-bestuurskracht", "categorie:")), "c31.md:6: categorie: moet tekst zijn"),
]


@pytest.mark.parametrize(("case", "rel", "content", "expected"), CORPUS, ids=[case[0] for case in CORPUS])
def test_bad_input_corpus(content_tree, case, rel, content, expected):
    messages = errors_for(content_tree, {rel: content})
    if expected:
        assert any(expected in message for message in messages), messages
    else:
        assert not [m for m in messages if m.startswith(rel)], messages


def test_corpus_has_at_least_thirty_files():
    assert len(CORPUS) + len(SSTI_PAYLOADS) + len(LINT_CASES) >= 30 and len(CORPUS) >= 30


def test_no_traceback_from_the_check_command_on_the_whole_corpus(content_tree):
    docs = content_tree / "docs"
    write_files(docs, {rel: content for _, rel, content, _ in CORPUS})
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--docs", str(docs), "--data", str(content_tree / "data")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not Path("/tmp/kb-pwned").exists()


@pytest.mark.parametrize("title", ["Pijp | in titel", "<b>vet</b> & co", "{{ 7*7 }} accolades", "*ster* _lijn_ [link](x)"])
def test_hostile_titles_render_as_inert_text(tmp_path, title):
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    quoted = title.replace('"', '\\"')
    pages["instrumenten/overijssel-scan.md"] = page_text(INSTRUMENT.replace("titel: Scan", f'titel: "{quoted}"'))
    config = make_mini_site(tmp_path, pages)
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "instrumenten" / "overijssel-scan" / "index.html").read_text(encoding="utf-8")
    assert "<b>vet</b>" not in html and "49 accolades" not in html
    heading = html[html.index("<h1"):html.index("</h1>")]
    assert "|" in heading or "accolades" in heading or "ster" in heading or "&lt;b&gt;" in heading
    programme = (tmp_path / "site" / "programmas" / "overijssel-programma" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../instrumenten/overijssel-scan/"' in programme  # the link list survived the title


def test_front_matter_values_cannot_break_out_of_meta_attributes(tmp_path):
    pages = {rel: page_text(fm) for rel, fm in VALID_PAGES.items()}
    pages["over.md"] = ('---\ndescription: \'x" http-equiv="refresh" content="0;url=https://evil.example\'\n'
                        'title: \'y" onload="z\'\n---\n# Over\n')
    pages["instrumenten/overijssel-scan.md"] = pages["instrumenten/overijssel-scan.md"].replace(
        "samenvatting: Een instrument.", "samenvatting: 'Een \"instrument\" met aanhalingstekens.'")
    config = make_mini_site(tmp_path, pages)
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "over" / "index.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(html)
    assert not [node for node in tree.css("meta") if "http-equiv" in node.attributes and node.attributes["http-equiv"] != "Content-Security-Policy"]
    assert not [node for node in tree.root.traverse() if "onload" in node.attributes]
    assert 'content="x&#34; http-equiv=&#34;refresh&#34;' in html
    instrument = (tmp_path / "site" / "instrumenten" / "overijssel-scan" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Een &#34;instrument&#34; met aanhalingstekens.">' in instrument

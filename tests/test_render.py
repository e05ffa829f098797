"""macros/render.py: escaping and links, with every expected string written out by hand."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

from macros.render import (
    attr_escape,
    heading_anchor,
    join_escaped,
    md_escape,
    md_link,
    page_url,
    relative_link,
    relative_url,
    template_environment,
)


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("gewoon", "gewoon"),
        ("a | b", "a \\| b"),
        ("<b>vet</b>", "&lt;b&gt;vet&lt;/b&gt;"),
        ("R&D", "R&amp;D"),
        ("*ster* _lijn_", "\\*ster\\* \\_lijn\\_"),
        ("[tekst](url)", "\\[tekst\\]\\(url\\)"),
        ("# kop", "\\# kop"),
        ("a+b-c!", "a\\+b\\-c\\!"),
        ("> citaat", "&gt; citaat"),
        ("`code`", "\\`code\\`"),
        ("back\\slash", "back\\\\slash"),
        ("{{ 7*7 }}", "&#123;&#123; 7\\*7 &#125;&#125;"),
        ("{% raw %}", "&#123;% raw %&#125;"),
        ("regel\nnieuwe  regel\t", "regel nieuwe regel"),
        ("  spaties  ", "spaties"),
        ('"quote" en \'apostrof\'', '"quote" en \'apostrof\''),
        (42, "42"),
        (None, ""),
    ],
)
def test_md_escape(value, escaped):
    result = md_escape(value)
    assert result == escaped
    assert isinstance(result, Markup) or value is None


def test_md_escape_keeps_markup_as_it_is():
    safe = Markup("<em>al veilig</em>")
    assert md_escape(safe) is safe


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ('a"b', "a&quot;b"),
        ("a'b", "a&#x27;b"),
        ("<x> & y", "&lt;x&gt; &amp; y"),
        ("twee\nregels  hier", "twee regels hier"),
        (7, "7"),
    ],
)
def test_attr_escape(value, escaped):
    result = attr_escape(value)
    assert result == escaped and isinstance(result, Markup)


def test_attr_escape_keeps_markup():
    safe = Markup('a"b')
    assert attr_escape(safe) is safe


@pytest.mark.parametrize(("slug", "prefix", "anchor"), [("lobby", "cat-", "{#cat-lobby}"), ("a-1", "", "{#a-1}"), ("x", "p", "{#px}")])
def test_heading_anchor(slug, prefix, anchor):
    assert heading_anchor(slug, prefix) == anchor


def test_heading_anchor_has_no_prefix_by_default():
    assert heading_anchor("lobby") == "{#lobby}"


@pytest.mark.parametrize("slug", ["", "A", "a b", "a--b", "-a", "a-", "a}", "a_b", "é"])
def test_heading_anchor_refuses_what_is_not_a_slug(slug):
    with pytest.raises(ValueError, match="geen geldige slug"):
        heading_anchor(slug)


@pytest.mark.parametrize(
    ("target", "source", "link"),
    [
        ("instrumenten/x.md", "provincies/overijssel.md", "../instrumenten/x.md"),
        ("instrumenten/x.md", "instrumenten/y.md", "x.md"),
        ("instrumenten/x.md", "index.md", "instrumenten/x.md"),
        ("index.md", "overzichten/kaart/index.md", "../../index.md"),
        ("a/b/c.md", "a/d.md", "b/c.md"),
    ],
)
def test_relative_link(target, source, link):
    assert relative_link(target, source) == link


def test_md_link_escapes_the_text_and_keeps_the_target():
    assert md_link("A | <b>", "instrumenten/x.md", "provincies/o.md") == "[A \\| &lt;b&gt;](../instrumenten/x.md)"
    assert md_link("Kop", "provincies/o.md", "index.md", anchor="cat-lobby") == "[Kop](provincies/o.md#cat-lobby)"
    assert isinstance(md_link("x", "a.md", "b.md"), Markup)


def test_join_escaped_escapes_every_item_and_the_separator_once():
    assert join_escaped(["a|b", Markup("<i>c</i>"), "d&e"], ", ") == "a\\|b, <i>c</i>, d&amp;e"
    assert join_escaped(["x", "y"], " & ") == "x &amp; y"
    assert join_escaped(["x", "y"]) == "xy"
    assert join_escaped([]) == ""
    assert isinstance(join_escaped(["x"]), Markup)


@pytest.mark.parametrize(
    ("src", "url"),
    [
        ("index.md", ""),
        ("instrumenten/x.md", "instrumenten/x/"),
        ("overzichten/index.md", "overzichten/"),
        ("a/b/index.md", "a/b/"),
        ("a/myindex.md", "a/myindex/"),
    ],
)
def test_page_url(src, url):
    assert page_url(src) == url


@pytest.mark.parametrize(
    ("target", "source", "href"),
    [
        ("provincies/overijssel.md", "overzichten/kaart.md", "../../provincies/overijssel/"),
        ("provincies/overijssel.md", "overzichten/kaart/index.md", "../../provincies/overijssel/"),
        ("provincies/overijssel.md", "index.md", "provincies/overijssel/"),
        ("index.md", "provincies/overijssel.md", "../../"),
        ("index.md", "index.md", "./"),
        ("provincies/index.md", "provincies/overijssel.md", "../"),
        ("provincies/overijssel.md", "provincies/overijssel.md", "./"),
    ],
)
def test_relative_url(target, source, href):
    assert relative_url(target, source) == href


def test_template_environment_escapes_every_value(tmp_path):
    (tmp_path / "t.md.j2").write_text("{{ value }}|{{ safe }}|{{ items|join(', ') }}|{{ value|attr }}|{{ slug|anchor('p-') }}\n", encoding="utf-8")
    env = template_environment(tmp_path)
    out = env.get_template("t.md.j2").render(value="<a> *b*", safe=Markup("<br>"), items=["x|y", Markup("<i>z</i>")], slug="ok")
    # Jinja's own join would return a plain string and the <i> of a safe item would be escaped a second time.
    assert out == "&lt;a&gt; \\*b\\*|<br>|x\\|y, <i>z</i>|&lt;a&gt; *b*|{#p-ok}\n"


def test_template_environment_refuses_undefined_values(tmp_path):
    (tmp_path / "t.md.j2").write_text("{{ missing }}", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        template_environment(tmp_path).get_template("t.md.j2").render()


def test_template_environment_trims_block_lines(tmp_path):
    (tmp_path / "t.md.j2").write_text("a\n  {% if true %}\nb\n  {% endif %}\nc", encoding="utf-8")
    assert template_environment(tmp_path).get_template("t.md.j2").render() == "a\nb\nc"


def test_template_environment_keeps_the_final_newline(tmp_path):
    (tmp_path / "t.md.j2").write_text("x\n", encoding="utf-8")
    assert template_environment(tmp_path).get_template("t.md.j2").render() == "x\n"


def test_template_environment_does_not_autoescape_twice(tmp_path):
    (tmp_path / "t.md.j2").write_text("{{ value }}", encoding="utf-8")
    assert template_environment(tmp_path).get_template("t.md.j2").render(value="&") == "&amp;"


def test_the_default_templates_are_ours():
    env = template_environment()
    assert "open_data.md.j2" in env.list_templates()


def test_heading_anchor_refuses_a_slug_with_a_trailing_newline():
    """`$` also matches before a final newline; the anchor must be the whole slug."""
    with pytest.raises(ValueError):
        heading_anchor("cat-lobby\n")

"""What a reader sees on a phone (375 px) and a desktop (1280 px): wide tables that keep
their labels, a comparison that lives in the URL, abbreviations that open on a tap, the
reader's header and footer, and the print view. Debian's Chromium through Playwright,
against the built site served under /kennisbank/ (fixtures from test_browser.py)."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from test_browser import SCREENSHOTS, browser, open_page, server, violations  # noqa: F401  (fixtures)

from playwright.sync_api import Error as PlaywrightError, expect  # noqa: E402

pytestmark = pytest.mark.browser

def _front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


IBT = _front_matter(ROOT / "docs" / "begrippen" / "interbestuurlijk-toezicht.md")
PROVINCES = {p["slug"]: p for p in yaml.safe_load((ROOT / "data" / "provincies.yml").read_text(encoding="utf-8"))}

# ---------------------------------------------------------------- tables

# For a table cell: is its column header, and the first cell of its row, visible to the
# reader right now? Checked with elementFromPoint at the middle of each label, so a
# sticky label that something else covers (the page header, another cell) counts as hidden.
LABELS_IN_VIEW = """(cell) => {
  const table = cell.closest('table');
  const column = Array.prototype.indexOf.call(cell.parentElement.children, cell);
  const header = table.tHead.rows[0].children[column];
  const label = cell.parentElement.children[0];
  function seen(element) {
    const box = element.getBoundingClientRect();
    const x = Math.min(Math.max(box.left + 4, 0), innerWidth - 1), y = (box.top + box.bottom) / 2;
    if (box.width === 0 || y < 0 || y >= innerHeight || box.right < 0 || box.left >= innerWidth) return false;
    const hit = document.elementFromPoint(x, y);
    return !!hit && element.contains(hit);
  }
  return {header: seen(header), label: seen(label), cell: seen(cell),
          headerText: header.textContent.trim(), labelText: label.textContent.trim()};
}"""

WIDE_TABLES = {
    "overzicht": "overzichten/provincies/",
    "matrix": "overzichten/matrix/",
    "vergelijk": "overzichten/vergelijk/",
    "per-rol": "overzichten/per-rol/",
}


def deep_cell(page, table_index: int = 0):
    """The last cell of the last row of a table (the deepest a reader can scroll to)."""
    return page.locator("article table").nth(table_index).locator("tbody tr").last.locator("td").last


def assert_labels_stay(page, cell):
    cell.scroll_into_view_if_needed()
    handle = cell.element_handle()
    try:
        page.wait_for_function(f"(cell) => {{ const r = ({LABELS_IN_VIEW})(cell); return r.header && r.label && r.cell; }}",
                               arg=handle, timeout=3000)
    except PlaywrightError:
        pass
    state = page.evaluate(LABELS_IN_VIEW, handle)
    assert state["cell"] and state["header"] and state["label"], state


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", list(WIDE_TABLES))
def test_a_deep_table_cell_keeps_its_column_header_and_row_label_in_view(open_page, name, width):
    page = open_page(WIDE_TABLES[name], width=width)
    expect(page.locator(".kb-tabelvak").first).to_be_attached()
    assert_labels_stay(page, deep_cell(page))


def test_the_task_matrix_keeps_its_labels_on_a_desktop(open_page):
    page = open_page("overzichten/matrix/", width=1280)
    assert_labels_stay(page, deep_cell(page, table_index=page.locator("article table").count() - 1))


@pytest.mark.parametrize("width", [375, 1280])
def test_a_wide_table_says_it_scrolls_and_a_narrow_one_does_not(open_page, width):
    page = open_page("overzichten/provincies/", width=width)
    expect(page.locator(".kb-tabelvak__hint").first).to_be_visible()
    expect(page.locator(".kb-tabelvak__hint").first).to_have_text(re.compile("Scroll opzij voor meer kolommen"))
    # The open-data page's file table fits a desktop: no hint there.
    if width == 1280:
        page = open_page("open-data/", width=width)
        expect(page.locator(".kb-tabelvak").first).to_be_attached()
        expect(page.locator(".kb-tabelvak__hint").first).to_be_hidden()


def test_table_text_is_readable_on_a_phone(open_page):
    page = open_page("overzichten/provincies/", width=375)
    size = page.locator("article table td").first.evaluate("td => parseFloat(getComputedStyle(td).fontSize)")
    assert size >= 15


def test_matrix_cells_show_the_number_and_a_shade_by_value(open_page):
    page = open_page("overzichten/matrix/", width=1280)
    cells = page.locator("article table").first.locator("tbody td .kb-n")
    # The visible number; an editorial count also carries the mark ◇ and its screen-reader text.
    shades = cells.evaluate_all("""spans => spans.map(s => [s.innerText.replace('◇', '').replace('(redactie)', '').trim(),
        getComputedStyle(s).backgroundColor])""")
    empty = {colour for text, colour in shades if text == "–"}
    counted = {colour for text, colour in shades if text.isdigit()}
    assert shades and all(text == "–" or text.isdigit() for text, _ in shades)
    assert empty and counted and not (empty & counted), "a counted cell is shaded, an empty one is not"
    assert len(counted) >= 2, "more instruments, a darker shade"


# axe reports text on a color-mix() background as "incomplete", not as a violation;
# compute the contrast of the shaded matrix cells here.
SHADE_CONTRAST = """() => {
  function rgba(s) {
    const n = s.match(/[\\d.]+/g).map(Number);
    return s.startsWith('color(') ? [n[0] * 255, n[1] * 255, n[2] * 255, n.length > 3 ? n[3] : 1] : [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
  }
  function over(top, bottom) { return [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])); }
  function lum(c) { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                    return 0.2126 * r + 0.7152 * g + 0.0722 * b; }
  const page = rgba(getComputedStyle(document.body).backgroundColor);
  return Array.from(document.querySelectorAll('.kb-n')).map(span => {
    const bg = over(rgba(getComputedStyle(span).backgroundColor), page);
    const fg = over(rgba(getComputedStyle(span.querySelector('a') || span).color), bg);
    const [a, b] = [lum(fg), lum(bg)];
    return [span.className, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_shaded_matrix_cells_keep_their_text_readable(open_page, scheme):
    page = open_page("overzichten/matrix/", width=1280, scheme=scheme)
    contrasts = page.evaluate(SHADE_CONTRAST)
    assert contrasts and {name for name, _ in contrasts} >= {"kb-n kb-n1", "kb-n kb-n4"}
    assert min(ratio for _, ratio in contrasts) >= 4.5, sorted(contrasts, key=lambda c: c[1])[:3]


# ---------------------------------------------------------------- compare

def visible_columns(page) -> list[str]:
    """Column headers as a desktop reader sees them, left to right."""
    return page.eval_on_selector_all(".kb-vergelijk thead th", """ths => ths
        .filter(th => th.getBoundingClientRect().width > 0)
        .sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left)
        .map(th => th.textContent.trim())""")


def rows_as_seen(page) -> list[list[tuple[str, str]]]:
    """Per row, the (province, value) pairs a reader sees in reading order. On a desktop the
    province is the column header above the value; on a phone the name printed before it."""
    return page.eval_on_selector_all(".kb-vergelijk tbody tr:not(.kb-vergelijk__groep)", """rows => {
        const heads = Array.from(document.querySelectorAll('.kb-vergelijk thead th'));
        return rows.map(tr => Array.from(tr.children).slice(1)
          .filter(td => td.getBoundingClientRect().height > 0)
          .sort((a, b) => { const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
                            return (p.top - q.top) || (p.left - q.left); })
          .map(td => {
            const before = getComputedStyle(td, '::before').content;
            let name = before && before !== 'none' && before !== 'normal' ? JSON.parse(before) : null;
            if (!name) {
              const x = td.getBoundingClientRect().left + 2;
              const head = heads.find(th => { const b = th.getBoundingClientRect(); return b.width && b.left <= x && x < b.right; });
              name = head ? head.textContent.trim() : '?';
            }
            return [name, td.textContent.trim()];
          }));
    }""")


@pytest.mark.parametrize("width", [375, 1280])
def test_a_compare_url_shows_the_chosen_provinces_in_the_chosen_order_in_every_row(open_page, width):
    chosen = ["utrecht", "noord-holland", "fryslan"]  # a slug with a dash, too
    names = [PROVINCES[slug]["naam"] for slug in chosen]
    page = open_page("overzichten/vergelijk/?p=" + ",".join(chosen), width=width)
    expect(page.locator(".kb-vergelijk--gekozen")).to_be_attached()
    rows = rows_as_seen(page)
    assert len(rows) > 8
    for row in rows:
        assert [name for name, _ in row] == names, row
    # The values moved with their province: the municipality counts from data/provincies.yml.
    assert [value for _, value in rows[0]] == [str(PROVINCES[slug]["gemeenten"]) for slug in chosen]
    if width == 1280:
        assert visible_columns(page) == ["Kenmerk", *names]
    else:
        # Stacked on a phone: nothing wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"vergelijk-gekozen-{width}.png"), full_page=True)


def test_choosing_provinces_updates_the_url_and_back_and_forward_restore_it(open_page):
    page = open_page("overzichten/vergelijk/?p=utrecht,drenthe", width=1280)
    expect(page.locator(".kb-vergelijk thead th:not([hidden])")).to_have_text(["Kenmerk", "Utrecht", "Drenthe"])
    page.locator(".kb-vergelijk-kies summary").click()
    page.get_by_label("Groningen").check()
    expect(page).to_have_url(re.compile(r"\?p=utrecht,drenthe,groningen$"))
    expect(page.locator(".kb-vergelijk thead th:not([hidden])")).to_have_text(["Kenmerk", "Utrecht", "Drenthe", "Groningen"])
    page.get_by_label("Utrecht").uncheck()
    expect(page).to_have_url(re.compile(r"\?p=drenthe,groningen$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?p=utrecht,drenthe,groningen$"))
    expect(page.locator(".kb-vergelijk thead th:not([hidden])")).to_have_text(["Kenmerk", "Utrecht", "Drenthe", "Groningen"])
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?p=utrecht,drenthe$"))
    expect(page.locator(".kb-vergelijk thead th:not([hidden])")).to_have_text(["Kenmerk", "Utrecht", "Drenthe"])
    page.go_forward()
    expect(page.locator(".kb-vergelijk thead th:not([hidden])")).to_have_text(["Kenmerk", "Utrecht", "Drenthe", "Groningen"])


def test_a_province_page_links_to_the_comparison_with_itself_chosen(open_page):
    page = open_page("provincies/zeeland/", width=375)
    page.get_by_role("link", name="Vergelijk Zeeland met andere provincies").click()
    expect(page).to_have_url(re.compile(r"overzichten/vergelijk/\?p=zeeland$"))
    expect(page.get_by_label("Zeeland")).to_be_checked()
    expect(page.locator(".kb-vergelijk-kies__volgorde")).to_contain_text("Zeeland")


def test_compare_on_a_phone_never_runs_a_province_name_into_the_next_row(open_page):
    """Stacked on a phone, each value carries its province's name beside it; a long name that wraps
    ("Noord-Brabant") must make its row taller, not spill over the next province (seen at 375 px)."""
    page = open_page("overzichten/vergelijk/?p=noord-brabant,noord-holland,zuid-holland", width=375)
    expect(page.locator(".kb-vergelijk--gekozen")).to_be_attached()
    cells = page.evaluate("""() => Array.from(document.querySelectorAll('.kb-vergelijk tbody [data-kb-kolom]'))
        .filter(cell => cell.getClientRects().length > 0)
        .map(cell => [cell.getAttribute('data-kb-kolom'), cell.scrollHeight - cell.clientHeight])""")
    assert {name for name, _ in cells} == {"Noord-Brabant", "Noord-Holland", "Zuid-Holland"}  # only the chosen
    assert [cell for cell in cells if cell[1] > 1] == []


def test_compare_on_a_phone_has_no_repeated_instrument_label(open_page):
    page = open_page("overzichten/vergelijk/?p=utrecht,drenthe", width=375)
    labels = page.eval_on_selector_all(".kb-vergelijk tbody tr > :first-child", "cells => cells.map(c => c.innerText.trim())")
    assert not any(label.startswith("Instrumenten:") for label in labels)
    assert "Instrumenten per categorie" in labels


# ---------------------------------------------------------------- abbreviations

def test_tapping_an_abbreviation_on_a_touch_screen_shows_its_meaning(browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(server + "provincies/utrecht/")
        abbr = page.locator("article abbr", has_text=IBT["afkorting"]).first
        meaning = IBT["titel"]
        abbr.scroll_into_view_if_needed()
        abbr.tap()
        expect(page.get_by_role("tooltip")).to_be_visible()
        expect(page.get_by_role("tooltip")).to_have_text(meaning)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "afkorting-tik-375.png"))
    finally:
        context.close()


def test_an_abbreviation_shows_its_meaning_on_keyboard_focus(open_page):
    page = open_page("provincies/utrecht/", width=1280)
    abbr = page.locator("article abbr", has_text=IBT["afkorting"]).first
    expect(abbr).to_have_attribute("tabindex", "0")
    abbr.focus()
    expect(page.get_by_role("tooltip")).to_be_visible()
    expect(page.get_by_role("tooltip")).to_have_text(IBT["titel"])


# ---------------------------------------------------------------- look

@pytest.mark.parametrize("width", [375, 1280])
def test_the_reader_sees_no_developer_chrome_and_a_dutch_footer(open_page, width):
    page = open_page("provincies/utrecht/", width=width)
    expect(page.locator(".md-content__button")).to_have_count(0)  # no edit pencil
    expect(page.locator(".md-source")).to_have_count(0)  # no repository widget
    expect(page.get_by_text("Made with")).to_have_count(0)
    footer = page.locator("footer")
    for text in ("Toegankelijkheid", "Privacy", "Open data", "Broncode", "Fout gezien? Meld het"):
        expect(footer.get_by_role("link", name=text, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Bewerk deze pagina")).to_be_visible()
    heading = page.locator("article h1")
    weight = heading.evaluate("h => parseInt(getComputedStyle(h).fontWeight, 10)")
    assert weight >= 700


def test_the_site_name_fits_a_phone_header(open_page):
    page = open_page("", width=375)
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    expect(name).to_have_text("Kennisbank Kwaliteit Openbaar Bestuur")
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth + 1")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_home_page_on_a_phone_shows_search_and_entry_points_above_the_fold(open_page, scheme):
    page = open_page("", width=375, scheme=scheme)
    search = page.get_by_role("searchbox", name="Zoek in de kennisbank")
    expect(search).to_be_in_viewport()
    for name in ("Provincies", "Vergelijken", "Instrumenten", "Tijdlijn", "Begrippen", "Open data"):
        expect(page.locator(".kb-ingangen").get_by_role("link", name=name, exact=True)).to_be_in_viewport()
    search.fill("herindeling")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"zoeken/\?q=herindeling$"))


def test_the_privacy_page_is_linked_from_the_footer(open_page):
    page = open_page("", width=1280)
    page.locator("footer").get_by_role("link", name="Privacy", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Privacy"))
    expect(page.locator("article")).to_contain_text("Geen cookies")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["overzichten/provincies/", "overzichten/per-rol/", "overzichten/vergelijk/?p=utrecht,noord-holland", "privacy/"])
def test_axe_finds_no_wcag_violations_on_the_reader_views(open_page, path, width, scheme):
    page = open_page(path, width=width, scheme=scheme)
    if page.locator("article table").count():
        expect(page.locator(".kb-tabelvak").first).to_be_attached()
    assert violations(page) == []


# ---------------------------------------------------------------- print

@pytest.mark.parametrize("path", ["provincies/utrecht/", "overzichten/provincies/", "overzichten/vergelijk/?p=utrecht,drenthe"])
def test_print_shows_the_content_without_navigation_and_tables_whole(open_page, path):
    page = open_page(path, width=1280)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".kb-paginavoet"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    table = page.locator("article table").first
    if table.count():
        # No scroll box, no sticky cell: every column is on the paper.
        assert table.evaluate("""t => { const w = t.closest('.md-typeset__scrollwrap');
            return (!w || w.scrollWidth <= w.clientWidth + 1) && getComputedStyle(t.querySelector('th')).position === 'static'; }""")
    if path.startswith("provincies/"):
        expect(page.locator("#bronnen-van-deze-pagina")).to_be_visible()


def test_print_writes_out_where_links_go(open_page):
    page = open_page("privacy/", width=1280)
    page.emulate_media(media="print")
    link = page.locator("article a[href*='docs.github.com']").first
    href = link.get_attribute("href")
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert href in after
    # A link within the site is not spelled out: the paper stays readable.
    internal = page.locator("article a", has_text="Meewerken").first
    assert internal.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")

"""Subscriptions per province: an RSS feed of its items and an iCal file of its events.

Pure functions of the index, like exports.py. The site registers the files through
`province_feed_files` (called from the hooks' `on_files`); province pages link to them
with the `kb_abonneren` macro (macros/views/timeline.py).

* RSS 2.0 (`abonneren/<provincie>.xml`): every item of the province (its page, programmes,
  instruments, events, cases), newest check first. The date of an item is the day its facts
  were last checked against the source (`laatst_gecontroleerd`): the only date every item has.
* iCalendar (`abonneren/<provincie>.ics`): the province's events with exact days, as all-day
  events. Months, seasons, years and dates with `~` or `?` are left out: a calendar entry
  would suggest a day the source does not give.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from email.utils import format_datetime
from xml.etree import ElementTree

from icalendar import Calendar

from .index import Entry, Index
from .labels import TYPE_LABELS
from .exports import calendar_event, item_url

FEED_DIR = "abonneren"
FEED_TYPES = ("provincie", "programma", "instrument", "gebeurtenis", "praktijkvoorbeeld")


def rss_name(province: str) -> str:
    return f"{FEED_DIR}/{province}.xml"


def ics_name(province: str) -> str:
    return f"{FEED_DIR}/{province}.ics"


def _rfc822(day: date) -> str:
    return format_datetime(datetime.combine(day, time(0, 0), tzinfo=timezone.utc))


def province_items(index: Index, province: str) -> list[Entry]:
    """The province's items, most recently checked first, then by title (a stable order)."""
    entries = [entry for type_name in FEED_TYPES for entry in index.of_type(type_name, province)]
    entries.sort(key=lambda entry: entry.title.casefold())
    entries.sort(key=lambda entry: entry.item.laatst_gecontroleerd, reverse=True)
    return entries


def province_rss(index: Index, province: str, site_url: str, built: date) -> str:
    name = index.reference_item("provincies", province).naam
    page = index.province_page(province)
    rss = ElementTree.Element("rss", {"version": "2.0"})
    channel = ElementTree.SubElement(rss, "channel")
    ElementTree.SubElement(channel, "title").text = f"Kennisbank Kwaliteit Openbaar Bestuur: {name}"
    ElementTree.SubElement(channel, "link").text = item_url(site_url, page) if page else site_url
    ElementTree.SubElement(channel, "description").text = (
        f"Programma's, instrumenten, gebeurtenissen en praktijkvoorbeelden van de provincie {name}, "
        "het laatst gecontroleerde eerst.")
    ElementTree.SubElement(channel, "language").text = "nl"
    ElementTree.SubElement(channel, "lastBuildDate").text = _rfc822(built)
    for entry in province_items(index, province):
        item = ElementTree.SubElement(channel, "item")
        ElementTree.SubElement(item, "title").text = f"{TYPE_LABELS[entry.type]}: {entry.title}"
        ElementTree.SubElement(item, "link").text = item_url(site_url, entry)
        ElementTree.SubElement(item, "guid", {"isPermaLink": "true"}).text = item_url(site_url, entry)
        ElementTree.SubElement(item, "description").text = entry.item.samenvatting
        ElementTree.SubElement(item, "category").text = TYPE_LABELS[entry.type]
        ElementTree.SubElement(item, "pubDate").text = _rfc822(entry.item.laatst_gecontroleerd)
    ElementTree.indent(rss)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(rss, encoding="unicode") + "\n"


def province_ics(index: Index, province: str, site_url: str, built: date) -> str:
    name = index.reference_item("provincies", province).naam
    calendar = Calendar()
    calendar.add("prodid", "-//Kennisbank Kwaliteit Openbaar Bestuur//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Kennisbank Kwaliteit Openbaar Bestuur: {name}")
    for entry in sorted(index.events(province), key=lambda e: e.slug):
        event = calendar_event(entry, site_url, built)
        if event is not None:
            calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def province_feed_files(index: Index, site_url: str, build_date: date) -> dict[str, str]:
    """Both files for every province, by path under the site root (for the hooks' on_files)."""
    files: dict[str, str] = {}
    for ref in index.reference["provincies"]:
        files[rss_name(ref.slug)] = province_rss(index, ref.slug, site_url, build_date)
        files[ics_name(ref.slug)] = province_ics(index, ref.slug, site_url, build_date)
    return files

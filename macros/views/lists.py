"""Lists of items and the framework pages (tasks, categories, roles, approaches)."""

from __future__ import annotations

from ..labels import STATUS_LABELS
from ..models import CONTENT_TYPES
from ..render import attr_escape, md_link

# The filters of the instruments index, in the order the reader meets them (URL parameter, label).
INSTRUMENT_FILTERS = (("provincie", "Provincie"), ("categorie", "Categorie"), ("rol", "Rol"), ("status", "Status"))


def instrument_rows(index, src: str) -> list[dict]:
    """Every instrument with the values it is filtered on: slugs for the URL, names for the reader."""
    rows = []
    for entry in index.of_type("instrument"):
        item = entry.item
        values = {
            "provincie": [(p, index.reference_item("provincies", p).naam) for p in entry.provinces()],
            "categorie": [(item.categorie, index.reference_item("instrumentcategorieen", item.categorie).naam)],
            "rol": [(r, index.reference_item("rollen", r).naam) for r in item.rollen],
            "status": [(item.status, STATUS_LABELS[item.status])],
        }
        keys = {name: attr_escape(" ".join(slug for slug, _ in pairs)) for name, pairs in values.items()}
        rows.append({"link": md_link(entry.title, entry.src_path, src), "summary": item.samenvatting,
                     "values": values, "keys": keys})
    return rows


def macros(ctx) -> dict:
    index = ctx.index

    def link(entry):
        return md_link(entry.title, entry.src_path, ctx.src)

    def province_names(entry) -> str:
        return ", ".join(index.reference_item("provincies", p).naam for p in entry.provinces())

    def kb_lijst(type_name: str, provincie: str | None = None) -> str:
        """All items of one type (optionally of one province), with their summaries."""
        if type_name not in CONTENT_TYPES:
            raise ValueError(f"kb_lijst: onbekend type '{type_name}'; kies uit {', '.join(CONTENT_TYPES)}")
        entries = index.of_type(type_name, provincie)
        return ctx.render("list.md.j2", items=[(link(e), e.item.samenvatting) for e in entries])

    def kb_kader(lijst: str) -> str:
        """A framework page: every entry of a reference list with the instruments or provinces under it."""
        field = {"taken": "taken", "rollen": "rollen", "instrumentcategorieen": "categorie"}.get(lijst)
        if lijst not in index.refs or (field is None and lijst != "aanpakken"):
            raise ValueError(f"kb_kader: onbekende lijst '{lijst}'")
        groups = []
        for ref in index.reference[lijst]:
            if lijst == "aanpakken":
                members = [e for e in index.of_type("provincie") if e.item.aanpak == ref.slug]
                rows = [(link(e), e.item.beleidskader or "") for e in members]
            else:
                members = index.where("instrument", field, ref.slug)
                rows = [(link(e), province_names(e)) for e in members]
            groups.append({"ref": ref, "rows": rows})
        unassigned = []
        if lijst == "aanpakken":
            unassigned = [link(e) for e in index.of_type("provincie") if not e.item.aanpak]
        return ctx.render("framework.md.j2", groups=groups, lijst=lijst, unassigned=unassigned)

    def kb_instrumenten_index() -> str:
        """Every instrument with its province, category, roles and status; assets/kennisbank-filters.js
        adds filters on those four (state in the URL). Without JavaScript the whole list shows."""
        return ctx.render("instrument_index.md.j2", rows=instrument_rows(index, ctx.src), filters=INSTRUMENT_FILTERS)

    return {"kb_lijst": kb_lijst, "kb_kader": kb_kader, "kb_instrumenten_index": kb_instrumenten_index}

"""The Open data page: every export file with its format, licence and fields, generated
from the same functions that write the files, so the page cannot drift from them."""

from __future__ import annotations

from .. import exports
from ..models import CONTENT_TYPES
from ..render import md_link


def macros(ctx) -> dict:
    def kb_open_data() -> str:
        """The list of export files with description, licence and (for CSV) columns."""
        def link(path: str):
            return md_link(path.rsplit("/", 1)[-1], path, ctx.src)

        main = [(link(path), exports.describe(path)) for path in
                (exports.JSON_NAME, exports.ICS_NAME, exports.CATALOG_NAME, exports.ENVELOPE_SCHEMA_NAME)]
        per_type = [
            {"type": name, "count": len(ctx.index.by_type.get(name, [])), "csv": link(exports.csv_name(name)),
             "schema": link(exports.schema_name(name)), "columns": ", ".join(exports.csv_columns(name))}
            for name in CONTENT_TYPES
        ]
        return ctx.render("open_data.md.j2", main=main, per_type=per_type, licence=exports.LICENCE_NAME,
                          licence_url=exports.LICENCE_URL, separator=exports.LIST_SEPARATOR, delimiter=exports.CSV_DELIMITER)

    return {"kb_open_data": kb_open_data}

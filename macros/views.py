"""Macros that render views from the index. Each macro is a thin closure:
it queries the index and hands plain data to a template in templates/."""

from __future__ import annotations

from .index import Index
from .models import CONTENT_TYPES
from .render import md_link


def register(env, index: Index, templates) -> None:
    """Register every view macro; names start with `kb_` so no front-matter key can shadow them."""

    def current_src() -> str:
        return env.page.file.src_path

    @env.macro
    def kb_lijst(type_name: str, provincie: str | None = None) -> str:
        """A linked list of all items of one type, optionally for one province."""
        if type_name not in CONTENT_TYPES:
            raise ValueError(f"kb_lijst: onbekend type '{type_name}'")
        src = current_src()
        entries = index.of_type(type_name, provincie)
        return templates.get_template("list.md.j2").render(
            items=[(md_link(entry.title, entry.src_path, src), entry.item.samenvatting) for entry in entries]
        )

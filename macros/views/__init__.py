"""View macros, one module per family. Each macro queries the index and hands
plain data to a template; names start with `kb_` so no front-matter key can shadow them."""

from __future__ import annotations

from dataclasses import dataclass

from ..index import Index
from . import charts, compare, editors, lists, opendata, recipe, reference, tables, timeline


MODULES = (lists, tables, timeline, charts, compare, recipe, opendata, reference, editors)


@dataclass(frozen=True)
class ViewContext:
    """What every view needs: the index, our template environment and the calling page."""

    index: Index
    templates: object
    env: object

    @property
    def src(self) -> str:
        return self.env.page.file.src_path

    def render(self, template: str, **data) -> str:
        return self.templates.get_template(template).render(**data)


def macro_names() -> set[str]:
    """The names of all view macros: the only template calls content may contain."""
    stub = ViewContext(None, None, None)
    return {name for module in MODULES for name in module.macros(stub)}


def register(env, index: Index, templates) -> None:
    context = ViewContext(index, templates, env)
    for module in MODULES:
        for name, function in module.macros(context).items():
            env.macro(function, name)

"""View macros, one module per family. Each macro queries the index and hands
plain data to a template; names start with `kb_` so no front-matter key can shadow them."""

from __future__ import annotations

from dataclasses import dataclass

from ..index import Index
from . import charts, compare, lists, recipe, tables, timeline


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


def register(env, index: Index, templates) -> None:
    context = ViewContext(index, templates, env)
    for module in (lists, tables, timeline, charts, compare, recipe):
        for name, function in module.macros(context).items():
            env.macro(function, name)

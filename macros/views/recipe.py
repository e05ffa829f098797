"""The "Recept voor de toekomst": ingredients as cards, and the quotes of the conference."""

from __future__ import annotations

from ..render import md_link


def macros(ctx) -> dict:
    index = ctx.index

    def kb_recept() -> str:
        """Main and short ingredients as cards, in the recipe's order, with the speakers' quotes."""
        ingredients = sorted(index.of_type("ingredient"), key=lambda e: e.item.volgorde)
        cards = {
            kind: [{"link": md_link(e.title, e.src_path, ctx.src), "summary": e.item.samenvatting}
                   for e in ingredients if e.item.soort == kind]
            for kind in ("hoofdingredient", "kort")
        }
        events = {e.item.gebeurtenis for e in ingredients}
        quotes = [quote for slug in sorted(events) for quote in index.get(slug).item.citaten]
        return ctx.render("recipe.md.j2", main=cards["hoofdingredient"], short=cards["kort"], quotes=quotes)

    return {"kb_recept": kb_recept}

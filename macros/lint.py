"""Content lint: what an editor writes may not reach Python, inject script, or publish personal data.

Two families of checks, both reported as `ContentError`s with file and line:

* Template syntax. Page bodies are rendered by mkdocs-macros' Jinja, which is not
  sandboxed. The only template syntax allowed in content is a call of one of our
  `kb_` macros with literal arguments, e.g. `{{ kb_tijdlijn("overijssel") }}`, and
  `{% raw %}…{% endraw %}` for literal braces. Everything else (attribute access,
  filters, loops, other globals) is rejected before anything is rendered.
* Markup and data. Raw `<script>`, frames, objects, event handlers, `javascript:`
  and `data:` URLs, styles, `<meta http-equiv>` and forms are rejected; so are
  telephone numbers and personal e-mail addresses (AVG), and tracking-wrapped links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from jinja2 import Environment, TemplateSyntaxError, nodes

ALLOWED_MACRO_PREFIX = "kb_"
TEMPLATE_MARKERS = ("{{", "{%", "{#")

# Compiled once; the environment is only used to parse, never to render.
_PARSER = Environment()


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based within the checked text
    message: str
    hint: str | None = None


# ---------------------------------------------------------------- template syntax


def _literal(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Const):
        return isinstance(node.value, (str, int, float, bool)) or node.value is None
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return all(_literal(item) for item in node.items)
    return False


def _check_expression(node: nodes.Node, macros: set[str]) -> str | None:
    """None if `node` is an allowed macro call with literal arguments; otherwise the reason."""
    if not isinstance(node, nodes.Call) or not isinstance(node.node, nodes.Name):
        return "alleen een aanroep van een kennisbank-macro is toegestaan, zoals {{ kb_tijdlijn() }}"
    name = node.node.name
    if name not in macros:
        return f"'{name}' is geen toegestane macro (toegestaan: {', '.join(sorted(macros))})"
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        return f"{name}: *args en **kwargs zijn niet toegestaan"
    for argument in list(node.args) + [keyword.value for keyword in node.kwargs]:
        if not _literal(argument):
            return f"{name}: argumenten moeten letterlijke waarden zijn (tekst tussen aanhalingstekens of getallen)"
    return None


def check_template_syntax(text: str, macros: set[str]) -> list[Finding]:
    """Allow only `{{ kb_…(literals) }}` and `{% raw %}`; report everything else with its line."""
    if not any(marker in text for marker in TEMPLATE_MARKERS):
        return []
    try:
        template = _PARSER.parse(text)
    except TemplateSyntaxError as error:
        return [Finding(error.lineno or 1, f"ongeldige sjabloon-syntaxis: {error.message}",
                        "bedoel je letterlijke accolades? Zet ze tussen {% raw %} en {% endraw %}")]
    findings = []
    for statement in template.body:
        if not isinstance(statement, nodes.Output):
            findings.append(Finding(statement.lineno, f"sjabloon-opdracht '{type(statement).__name__.lower()}' is niet toegestaan in inhoud",
                                    "gebruik alleen {{ kb_…() }}; letterlijke accolades tussen {% raw %} en {% endraw %}"))
            continue
        for child in statement.nodes:
            if isinstance(child, nodes.TemplateData):
                continue
            reason = _check_expression(child, macros)
            if reason:
                findings.append(Finding(child.lineno, reason,
                                        "letterlijke accolades schrijf je tussen {% raw %} en {% endraw %}"))
    return findings


# ---------------------------------------------------------------- markup and data

# (text that must occur, lower-cased, for the rule to apply; pattern; message; hint). The cheap
# substring test keeps the check fast on thousands of pages.
_MARKUP_RULES: list[tuple[str, re.Pattern, str, str]] = [
    ("<", re.compile(r"<\s*script\b", re.I), "<script> is niet toegestaan", "scripts horen niet in inhoud; vraag een ontwikkelaar"),
    ("<", re.compile(r"<\s*(iframe|frame|frameset)\b", re.I), "ingesloten frames (<iframe>) zijn niet toegestaan", "plaats een gewone link"),
    ("<", re.compile(r"<\s*(object|embed|applet)\b", re.I), "<object>/<embed> is niet toegestaan", "plaats een gewone link"),
    ("<", re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "event-attributen (zoals onclick=) zijn niet toegestaan", "verwijder het attribuut"),
    ("script", re.compile(r"javascript\s*:", re.I), "javascript:-adressen zijn niet toegestaan", "gebruik een gewoon https-adres"),
    ("data", re.compile(r"(\]\(|=\s*[\"']?|<)\s*data\s*:", re.I), "data:-adressen zijn niet toegestaan", "zet een afbeelding in docs/assets/ en link ernaar"),
    ("script", re.compile(r"vbscript\s*:", re.I), "vbscript:-adressen zijn niet toegestaan", "gebruik een gewoon https-adres"),
    ("<", re.compile(r"<\s*style\b", re.I), "<style> is niet toegestaan", "de opmaak komt uit het thema"),
    ("<", re.compile(r"<[^>]*\sstyle\s*=", re.I), "inline opmaak (style=) is niet toegestaan", "de opmaak komt uit het thema"),
    ("<", re.compile(r"<\s*meta\b[^>]*http-equiv", re.I), "<meta http-equiv> is niet toegestaan", "verwijder de regel"),
    ("<", re.compile(r"<\s*(form|input|button|textarea|select)\b", re.I), "formulieren en invoervelden zijn niet toegestaan", "verwijs naar een formulier op de eigen website"),
    ("<", re.compile(r"<\s*(base|link)\b", re.I), "<base>/<link> is niet toegestaan", "gebruik een gewone Markdown-link"),
]
# pymdownx.snippets can include any project file; only the pages listed in index.SNIPPET_PAGES may.
SNIPPET_RULE = ("8<", re.compile(r"-{1,3}8<-{1,3}"), "bestanden invoegen met --8<-- is niet toegestaan", "schrijf de tekst in de pagina zelf")

# Dutch numbers: 0 + nine digits (06-12345678, (023) 514 3143), or +31/0031 + nine digits.
_PHONE = re.compile(r"(?<![\w/.+-])(?:\+31|0031|0)(?:[\s\-()]{0,2}\d){9}(?![\w/])")
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_URL = re.compile(r"https?://[^\s)>\]\"']+", re.I)
PRIVACY_HINT = ("persoonsgegevens van medewerkers horen volgens de AVG niet op een openbare site; "
                "noem de organisatie en haar algemene kanaal (bijv. de website of info@…)")


def _clean_url(url: str) -> str | None:
    """The real address behind a tracking link, or None if the link is clean."""
    parts = urlsplit(url)
    if parts.netloc.lower().endswith("safelinks.protection.outlook.com"):
        target = dict(parse_qsl(parts.query)).get("url")
        return unquote(target) if target else None
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(key, value) for key, value in query if not key.lower().startswith("utm_") and key.lower() not in ("fbclid", "gclid", "mc_eid")]
    if len(kept) != len(query):
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), parts.fragment))
    return None


def check_text(text: str, allowed_addresses: set[str], generic_mailboxes: set[str], allow_snippets: bool = False) -> list[Finding]:
    """Markup, personal data and tracking links. Each pattern scans the whole text once."""
    findings: list[Finding] = []

    def line_at(position: int) -> int:
        return text.count("\n", 0, position) + 1

    rules = _MARKUP_RULES if allow_snippets else _MARKUP_RULES + [SNIPPET_RULE]
    lower = text.lower()
    for needed, pattern, message, hint in rules:
        if needed in lower:
            for match in pattern.finditer(text):
                findings.append(Finding(line_at(match.start()), message, hint))
    for match in _PHONE.finditer(text):
        findings.append(Finding(line_at(match.start()), f"telefoonnummer '{match.group(0).strip()}' gevonden", PRIVACY_HINT))
    if "@" in text:
        for match in _EMAIL.finditer(text):
            if match.group(0).lower() in allowed_addresses or match.group(1).lower() in generic_mailboxes:
                continue
            findings.append(Finding(line_at(match.start()), f"e-mailadres '{match.group(0)}' lijkt persoonlijk",
                                    PRIVACY_HINT + "; algemene adressen staan in data/toegestane-adressen.yml"))
    if "://" in text:
        for match in _URL.finditer(text):
            clean = _clean_url(match.group(0))
            if clean:
                findings.append(Finding(line_at(match.start()), "link met tracking of doorverwijzing", f"gebruik het echte adres: {clean}"))
    return sorted(findings, key=lambda finding: finding.line)

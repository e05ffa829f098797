"""Content lint: what an editor writes may not reach Python, inject script, or publish personal data.

Two families of checks, both reported as `ContentError`s with file and line:

* Template syntax. Page bodies are rendered by mkdocs-macros' Jinja, which is not
  sandboxed. The only template syntax allowed in content is a call of one of our
  `kb_` macros with literal arguments, e.g. `{{ kb_tijdlijn("overijssel") }}`, and
  `{% raw %}…{% endraw %}` for literal braces. Everything else (attribute access,
  filters, loops, other globals) is rejected before anything is rendered.
* Personal data and tracking. Telephone numbers, personal e-mail addresses (AVG)
  and tracking-wrapped links, found in *normalised* text: NFKC (full-width ＠ and
  digits), zero-width characters removed, entities decoded, emphasis markers and
  obfuscations such as "[at]" undone. The same functions run on the Markdown
  source and front-matter values (the check) and on the rendered text of every
  page (the build), so a spelling the source scan misses is still caught.

Markup is not judged here: what HTML may contain is decided on the rendered
page by `policy.py`, with a real HTML parser. Every pattern below is linear in
the length of the text (no nested or overlapping quantifiers).
"""

from __future__ import annotations

import html
import re
import unicodedata
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


# ---------------------------------------------------------------- personal data and tracking

# Characters that render as nothing (or as a soft hyphen) and can split a number or address.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"), None)
_INVISIBLE_FOUND = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")
# Emphasis and code markers an editor (or an attacker) can put inside a number: 06-**1234**5678.
_MARKERS = dict.fromkeys(map(ord, "*_`~"), None)
# "jan [at] provincie [dot] nl", "jan(at)provincie.nl", "jan {at} provincie.nl", "jan apenstaartje …".
# Every quantifier is bounded, so no input makes these scans quadratic.
_AT_WORD = re.compile(r"[ \t]{0,3}[\[({<][ \t]{0,3}(?:at|@|apenstaartje)[ \t]{0,3}[\])}>][ \t]{0,3}"
                      r"|[ \t]{1,3}(?:at|apenstaartje)[ \t]{1,3}(?=[a-z0-9-]{1,63}[ \t]{0,3}(?:[\[({<][ \t]{0,3}(?:dot|punt)[ \t]{0,3}[\])}>]|\.))", re.I)
_DOT_WORD = re.compile(r"[ \t]{0,3}[\[({<][ \t]{0,3}(?:dot|punt)[ \t]{0,3}[\])}>][ \t]{0,3}", re.I)


def _may_be_obfuscated(text: str, lower: str) -> bool:
    """False only if neither _AT_WORD nor _DOT_WORD can match `text` (`lower` is text.lower()).

    Every match contains one of the brackets [({<, or 'at' or 'apenstaartje' (any case) between a
    space or tab on each side. Under re.I only 'a'/'A', 't'/'T', … match these letters
    (tests/test_check_speed.py checks every code point), so lower() finds them. A cheap test that
    spares the two substitutions on most lines."""
    return ("[" in text or "(" in text or "{" in text or "<" in text or "taartje" in lower
            or " at " in lower or " at\t" in lower or "\tat " in lower or "\tat\t" in lower)


def normalise_text(text: str) -> str:
    """Text as a reader sees it: entities decoded, full-width forms folded, invisible characters gone."""
    text = html.unescape(text)
    if text.isascii():  # NFKC leaves ASCII as it is, and no invisible character is ASCII
        return text
    text = unicodedata.normalize("NFKC", text)
    return text.translate(_INVISIBLE) if _INVISIBLE_FOUND.search(text) else text


def _deobfuscate(text: str) -> str:
    if "*" in text or "_" in text or "`" in text or "~" in text:
        text = text.translate(_MARKERS)
    lower = text.lower()
    if ("at" in lower or "@" in text or "apenstaartje" in lower) and _may_be_obfuscated(text, lower):
        text = _AT_WORD.sub("@", text)
        text = _DOT_WORD.sub(".", text)
    return text


# Dutch numbers: 0 + nine digits (06-12345678, (023) 514 3143), or +31/0031 + nine digits. Up to
# three separators between two digits, so spacing, dashes, dots, slashes and brackets do not hide one.
_SEPARATORS = r"[\s\-().\/\u2010-\u2015]"
_PHONE = re.compile(r"(?<![\w/.+-])(?:\+\s?31|0031|0)(?:" + _SEPARATORS + r"{0,3}\d){9}(?!\d)")
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]{1,64})\s{0,2}@\s{0,2}([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24})(?![A-Za-z])")
_URL = re.compile(r"https?://[^\s)<>\]\"']+", re.I)
PRIVACY_HINT = ("persoonsgegevens van medewerkers horen volgens de AVG niet op een openbare site; "
                "noem de organisatie en haar algemene kanaal (bijv. de website of info@…)")

# Query or fragment parameters that only track the reader.
TRACKING_PARAMETERS = re.compile(r"^(utm_[a-z_]*|fbclid|gclid|gclsrc|dclid|wbraid|gbraid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|"
                                 r"hsctatracking|igshid|yclid|twclid|ttclid|li_fat_id|mkt_tok|oly_anon_id|oly_enc_id|"
                                 r"vero_id|rb_clickid|s_cid|_ga|_gl|trk|trkcampaign|sc_campaign|ref_src)$", re.I)
# Hosts that wrap the real address (mail scanners, redirectors, newsletter click trackers).
_WRAPPER_HOSTS = ("safelinks.protection.outlook.com", "urldefense.com", "urldefense.proofpoint.com", "mimecast.com",
                  "list-manage.com", "l.facebook.com", "lm.facebook.com", "t.co", "lnkd.in", "click.mailchimp.com",
                  "email.mg.", "sendgrid.net", "r20.rs6.net", "eur01.safelinks", "linkprotect.cudasvc.com")
_GOOGLE_REDIRECT = re.compile(r"(^|\.)google\.[a-z.]+$")


@dataclass(frozen=True)
class DataFinding:
    """Personal data or a tracking link at a character offset of the checked text."""

    start: int
    message: str
    hint: str


def _is_wrapper(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == wrapper or host.endswith("." + wrapper) or (wrapper.endswith(".") and wrapper in host)
               for wrapper in _WRAPPER_HOSTS)


def clean_url(url: str) -> str | None:
    """The address to link to instead, if `url` tracks the reader; None if it is clean."""
    url = html.unescape(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    query = parse_qsl(parts.query, keep_blank_values=True)
    if _is_wrapper(host) or (_GOOGLE_REDIRECT.search(host) and parts.path == "/url"):
        for key, value in query:
            if key.lower() in ("url", "u", "q", "target", "redirect"):
                return unquote(value) if "://" in unquote(value) else "het oorspronkelijke adres (zonder doorverwijzing)"
        return "het oorspronkelijke adres (zonder doorverwijzing)"
    kept = [(key, value) for key, value in query if not TRACKING_PARAMETERS.match(key)]
    fragment = parts.fragment
    if "=" in fragment:
        pairs = parse_qsl(fragment, keep_blank_values=True)
        kept_fragment = [(key, value) for key, value in pairs if not TRACKING_PARAMETERS.match(key)]
        if len(kept_fragment) != len(pairs):
            fragment = urlencode(kept_fragment)
    if len(kept) != len(query) or fragment != parts.fragment:
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), fragment))
    return None


def find_personal_data(text: str, allowed_addresses: set[str], generic_mailboxes: set[str]) -> list[DataFinding]:
    """Telephone numbers, personal e-mail addresses and tracking links in (already normalised) text.

    Offsets refer to `text` itself only when no obfuscation was undone; callers use
    them for a line number, and fall back to the start when the text was rewritten."""
    findings: list[DataFinding] = []
    plain = _deobfuscate(text)
    # Every number starts with '0' or '+' (a cheap test: most lines have neither).
    for match in _PHONE.finditer(plain) if "0" in plain or "+" in plain else ():
        findings.append(DataFinding(match.start(), f"telefoonnummer '{' '.join(match.group(0).split())}' gevonden", PRIVACY_HINT))
    if "@" in plain:
        for match in _EMAIL.finditer(plain):
            written = f"{match.group(1)}@{match.group(2)}"
            if written.lower() in allowed_addresses or match.group(1).lower() in generic_mailboxes:
                continue
            findings.append(DataFinding(match.start(), f"e-mailadres '{written}' lijkt persoonlijk",
                                        PRIVACY_HINT + "; algemene adressen staan in data/toegestane-adressen.yml"))
    if "://" in text:
        for match in _URL.finditer(text):
            try:
                clean = clean_url(match.group(0))
            except ValueError:  # urlsplit refuses it, e.g. 'https://[' (an unclosed IPv6 bracket)
                findings.append(DataFinding(match.start(), f"ongeldig webadres '{match.group(0)}'",
                                            "schrijf het adres helemaal uit, bijv. https://www.provincie.nl/"))
                continue
            if clean:
                findings.append(DataFinding(match.start(), "link met tracking of doorverwijzing", f"gebruik het echte adres: {clean}"))
    return sorted(findings, key=lambda finding: finding.start)


def check_text(text: str, allowed_addresses: set[str], generic_mailboxes: set[str]) -> list[Finding]:
    """Personal data and tracking links in source text, with 1-based line numbers."""
    findings = []
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        for finding in find_personal_data(normalise_text(line), allowed_addresses, generic_mailboxes):
            findings.append(Finding(line_number, finding.message, finding.hint))
    return findings

"""Command line for editors and CI: `python -m macros check` validates all content
without building the site; `python -m macros nieuw` scaffolds a new page;
`python -m macros serve` and `python -m macros build` are `mkdocs serve` and
`mkdocs build` printing only what an editor needs."""

from __future__ import annotations

import argparse
import errno
import gc
import logging
import os
import re
import signal
import sys
import time
from pathlib import Path

from .index import build_date, build_index, format_errors
from .models import CONTENT_TYPES

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _github_annotation(error) -> str:
    """GitHub Actions shows these on the changed line of a pull request."""
    message = f"{error.field}: {error.message}" if error.field else error.message
    if error.hint:
        message += f" — {error.hint}"
    message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file=docs/{error.path},line={error.line}::{message}" if not error.path.startswith("data/") else \
        f"::error file={error.path},line={error.line}::{message}"


def check(args: argparse.Namespace) -> int:
    # A short run whose objects all live to its end: the cyclic collector would only walk the
    # index again after build_index (which pauses it itself) for nothing.
    gc.disable()
    started = time.perf_counter()
    index = build_index(Path(args.docs), Path(args.data), cache=not args.geen_cache, workers=len(os.sched_getaffinity(0)))
    elapsed = time.perf_counter() - started
    # Unfinished pages (scaffold placeholders, empty sections) are errors here; a preview only warns.
    errors = sorted(index.errors + index.unfinished, key=lambda error: (error.path, error.line, error.field))
    if errors:
        print(format_errors(errors), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for error in errors:
                print(_github_annotation(error))
        return 1
    overdue = index.overdue(build_date())
    for entry, due in overdue:
        print(f"waarschuwing: {entry.src_path}: controle verlopen sinds {due.isoformat()} "
              f"(laatst gecontroleerd {entry.item.laatst_gecontroleerd.isoformat()})", file=sys.stderr)
    counts = ", ".join(f"{len(index.by_type[name])} {name}" for name in sorted(index.by_type))
    print(f"Inhoud in orde: {len(index.entries)} pagina's ({counts}) in {elapsed:.2f} s.")
    return 0


def _list(values: list[str]) -> list[str]:
    """`--provincie a --provincie b` and `--provincie a,b` both give ['a', 'b']."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def new_page(args: argparse.Namespace) -> int:
    from .index import PLACEHOLDER_MARKER
    from .scaffold import Request, ScaffoldError, scaffold

    docs = Path(args.docs)
    index = build_index(docs, Path(args.data))
    request = Request(type=args.type, titel=args.titel, provincies=_list(args.provincie), bronnen=_list(args.bron),
                      categorie=args.categorie, datum=args.datum, gebeurtenis=args.gebeurtenis, slug=args.slug)
    try:
        path = scaffold(index, docs, request, build_date())
    except ScaffoldError as error:
        print(f"fout: {error}", file=sys.stderr)
        return 1
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        shown = path
    print(shown)
    print(f"Vervang de tekst die begint met '{PLACEHOLDER_MARKER}', schrijf tekst onder elk kopje (of haal het kopje weg) "
          "en controleer daarna met: make check", file=sys.stderr)
    return 0


# Of MkDocs' own INFO lines a preview keeps these (the server prefixes a time); warnings and errors always show.
PREVIEW_INFO = re.compile(r"(\[\d\d:\d\d:\d\d\] )?(Serving on |Documentation built in )")


class PreviewFilter(logging.Filter):
    """Only warnings, errors, the address and one line per build reach the terminal.

    Without git dates the RSS plugin logs two INFO lines per page (~750 per build), and the
    macros plugin lists its configuration; none of that helps an editor. The filter sits on
    MkDocs' terminal handler only, so the warning count behind `--strict` is untouched."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or PREVIEW_INFO.match(record.getMessage()) is not None


# How often the preview looks for saved files. MkDocs polls every 0.5 s (a quarter second of waiting
# on average); a poll stats the ~1,000 files of docs/ and data/, about 5 ms.
PREVIEW_POLLING_SECONDS = 0.1


def _quick_watch() -> None:
    """Let `mkdocs serve` poll for saved files every PREVIEW_POLLING_SECONDS (it has no option for it)."""
    from mkdocs.commands import serve
    from mkdocs.livereload import LiveReloadServer

    class QuickWatchServer(LiveReloadServer):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("polling_interval", PREVIEW_POLLING_SECONDS)
            super().__init__(*args, **kwargs)

    serve.LiveReloadServer = QuickWatchServer


def _stop_on_sigterm() -> None:
    """A preview stopped with SIGTERM (`kill`, a process manager, an editor's tooling) ends as
    Ctrl+C does: MkDocs then runs the shutdown hooks, which remove the search index's scratch
    folders instead of leaving them in the temp folder."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def mkdocs(command: str, mkdocs_args: list[str]) -> int:
    """`mkdocs serve` or `mkdocs build` with a quiet terminal (other options are passed on to MkDocs)."""
    import click
    from mkdocs.__main__ import State, cli as mkdocs_cli

    if command == "serve":
        _quick_watch()
        _stop_on_sigterm()

    state = State()  # MkDocs' own logging setup, handed to its command line below
    if not {"-v", "--verbose"} & set(mkdocs_args):
        state.stream.addFilter(PreviewFilter())
    try:
        mkdocs_cli.main([command, *mkdocs_args], prog_name="mkdocs", obj=state, standalone_mode=False)
    except click.ClickException as error:  # a wrong option, or a build that failed (MkDocs' Abort)
        error.show()
        return error.exit_code
    except click.Abort:
        return 1
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        print("fout: het adres is al in gebruik (draait de voorbeeldsite al?); kies een ander, "
              "bijv. make serve ADRES=127.0.0.1:8001", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Kennisbank: inhoud controleren en pagina's aanmaken.")
    sub = parser.add_subparsers(dest="command", required=True)
    check_parser = sub.add_parser("check", help="controleer alle inhoud (zonder de site te bouwen)")
    check_parser.add_argument("--docs", default=str(PROJECT_DIR / "docs"), help="map met Markdown-pagina's")
    check_parser.add_argument("--data", default=str(PROJECT_DIR / "data"), help="map met referentielijsten")
    check_parser.add_argument("--geen-cache", action="store_true",
                              help="controleer elke pagina opnieuw, zonder de uitkomsten van de vorige keer "
                                   "(onder CI gebeurt dat altijd)")
    check_parser.set_defaults(func=check)
    new_parser = sub.add_parser("nieuw", help="maak een nieuwe pagina met de juiste front-matter",
                                description="Maak een nieuwe pagina. Voorbeeld: python -m macros nieuw instrument "
                                            "\"Scan bestuurskracht\" --provincie overijssel --bron notitie-noord-holland-2022")
    new_parser.add_argument("type", choices=list(CONTENT_TYPES), help="soort pagina")
    new_parser.add_argument("titel", help="titel van de pagina, tussen aanhalingstekens")
    new_parser.add_argument("--provincie", action="append", default=[], metavar="SLUG",
                            help="provincie (slug uit data/provincies.yml); mag vaker, of met komma's")
    new_parser.add_argument("--bron", action="append", default=[], metavar="SLUG",
                            help="bron (bestandsnaam in docs/bronnen/ zonder .md); verplicht behalve bij bron en begrip")
    new_parser.add_argument("--categorie", metavar="SLUG",
                            help="instrument: categorie uit data/instrumentcategorieen.yml (standaard: overig)")
    new_parser.add_argument("--datum", metavar="EDTF", help="gebeurtenis: datum, bijv. 2017-11-30, 2018-06 of 2017-23 (najaar)")
    new_parser.add_argument("--gebeurtenis", metavar="SLUG", help="ingrediënt: de bijeenkomst waar het uit komt")
    new_parser.add_argument("--slug", help="eigen bestandsnaam (zonder .md) in plaats van een naam uit de titel")
    new_parser.add_argument("--docs", default=str(PROJECT_DIR / "docs"), help="map met Markdown-pagina's")
    new_parser.add_argument("--data", default=str(PROJECT_DIR / "data"), help="map met referentielijsten")
    new_parser.set_defaults(func=new_page)
    sub.add_parser("serve", help="bekijk de site terwijl je schrijft (mkdocs serve, zonder overbodige meldingen)",
                   description="Bouw de site en toon hem op http://127.0.0.1:8000/kennisbank/. Andere opties gaan door "
                               "naar mkdocs serve, bijv. -a 127.0.0.1:8001.")
    sub.add_parser("build", help="bouw de site (mkdocs build, zonder overbodige meldingen)",
                   description="mkdocs build met alleen waarschuwingen, fouten en de bouwtijd in de terminal; "
                               "opties gaan door naar mkdocs build, bijv. --strict.")
    args, rest = parser.parse_known_args(argv)
    if args.command in ("serve", "build"):
        return mkdocs(args.command, rest)
    if rest:
        parser.error(f"onbekende opties: {' '.join(rest)}")
    return args.func(args)

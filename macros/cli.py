"""Command line for editors and CI: `python -m macros check` validates all content
without building the site; `python -m macros nieuw` scaffolds a new page."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .index import build_date, build_index, format_errors

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
    started = time.perf_counter()
    index = build_index(Path(args.docs), Path(args.data))
    elapsed = time.perf_counter() - started
    if index.errors:
        print(format_errors(index.errors), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for error in index.errors:
                print(_github_annotation(error))
        return 1
    overdue = index.overdue(build_date())
    for entry, due in overdue:
        print(f"waarschuwing: {entry.src_path}: controle verlopen sinds {due.isoformat()} "
              f"(laatst gecontroleerd {entry.item.laatst_gecontroleerd.isoformat()})", file=sys.stderr)
    counts = ", ".join(f"{len(index.by_type[name])} {name}" for name in sorted(index.by_type))
    print(f"Inhoud in orde: {len(index.entries)} pagina's ({counts}) in {elapsed:.2f} s.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Kennisbank: inhoud controleren en pagina's aanmaken.")
    sub = parser.add_subparsers(dest="command", required=True)
    check_parser = sub.add_parser("check", help="controleer alle inhoud (zonder de site te bouwen)")
    check_parser.add_argument("--docs", default=str(PROJECT_DIR / "docs"), help="map met Markdown-pagina's")
    check_parser.add_argument("--data", default=str(PROJECT_DIR / "data"), help="map met referentielijsten")
    check_parser.set_defaults(func=check)
    args = parser.parse_args(argv)
    return args.func(args)

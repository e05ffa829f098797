"""The cache of `python -m macros check`: each page's own check, kept per file between runs.

An editor runs the check again after changing a file or two. What looks at one page alone
(reading it, its YAML, its lint, its unfinished parts: `index.PageCheck`) is then taken from
the previous run for every page whose bytes are unchanged. Everything else runs in full on
every run: validation against the schema, references, consistency and provenance across
pages, the data files, the contributor guide and the file-system boundary. The errors are
the same as without the cache (tests/test_check_cache.py).

When it is used, and why it is safe:

* Only by `python -m macros check` (`make check`). `mkdocs build` and `mkdocs serve` never
  read or write it: a build is what gets published, so it reads every page itself; the
  preview has its own dependency-aware rebuild. One user is the simplest thing to reason about.
* Never in CI: with `CI` (or `GITHUB_ACTIONS`) set in the environment, to any value, nothing
  is read or written, so CI always checks everything cold.
* Never from the repository: a pull request controls every file in it, so a committed cache
  could hide errors. The cache lives in the user's cache directory (`$XDG_CACHE_HOME`, else
  `~/.cache`) under `kennisbank/<SHA-256 of the absolute docs and data paths>/check.json`, and
  is off if that place lies inside the project.
* An entry is used only for the same path and the same SHA-256 of the file's bytes, under the
  same key: a hash of every `macros/**/*.py`, the versions of Python, PyYAML (and whether it
  uses libyaml), Jinja and python-frontmatter, the macro names and the address allow-list.
  Any change there empties the cache.
* JSON only, never pickle or marshal (reading it cannot run code); written to a temporary
  file and renamed. A cache that cannot be read, parsed or understood, wholly or one entry,
  is ignored: the page is checked cold. Never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping

import yaml

from .loader import ContentError, RawPage

VERSION = 1
FILE_NAME = "check.json"
CODE_DIR = Path(__file__).resolve().parent
LIBRARIES = ("PyYAML", "Jinja2", "python-frontmatter")  # their parsers and messages are part of a page's result


def enabled(environ: Mapping[str, str]) -> bool:
    """Off under CI (any value of CI, even 'false': checking cold is always right; GitHub Actions sets it,
    and GITHUB_ACTIONS counts too)."""
    return "CI" not in environ and "GITHUB_ACTIONS" not in environ


def cache_file(docs_dir: Path, data_dir: Path, environ: Mapping[str, str]) -> Path | None:
    """Where the cache of this docs/ and data/ lives; None if that would be inside the project."""
    base = environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"  # XDG: a relative path is ignored
    docs, data = docs_dir.resolve(), data_dir.resolve()
    project = hashlib.sha256(f"{docs}\n{data}".encode()).hexdigest()
    folder = (root / "kennisbank" / project).resolve()
    for inside in (docs, data, data.parent):
        if folder == inside or inside in folder.parents:
            return None
    return folder / FILE_NAME


def code_key(context: Any) -> str:
    """The hash an entry is valid under: our code, the libraries that shape a result, and `context`."""
    digest = hashlib.sha256()
    for file in sorted(CODE_DIR.rglob("*.py")):
        digest.update(file.relative_to(CODE_DIR).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    versions = [VERSION, sys.version, yaml.__with_libyaml__]
    for name in LIBRARIES:
        try:
            versions.append(metadata.version(name))
        except metadata.PackageNotFoundError:
            versions.append(None)
    digest.update(json.dumps([versions, context]).encode())
    return digest.hexdigest()


class CheckCache:
    """Per-file results of one docs/ tree: `get` before checking a page, `put` after, `save` at the end."""

    def __init__(self, file: Path, key: str, entries: dict[str, Any]):
        self.file, self.key = file, key
        self.old = entries  # from the previous run
        self.new: dict[str, Any] = {}  # what this run keeps: the pages that exist now
        self.digests: dict[str, str] = {}
        self.changed = False
        self.hits = 0

    @classmethod
    def open(cls, docs_dir: Path, data_dir: Path, context: Any, environ: Mapping[str, str] | None = None) -> CheckCache | None:
        """The cache for this tree, or None where it is off (CI, or it would be in the project)."""
        environ = os.environ if environ is None else environ
        if not enabled(environ):
            return None
        try:
            file = cache_file(docs_dir, data_dir, environ)
            key = code_key(context) if file is not None else ""
        except (OSError, RuntimeError):  # no home directory, a path that cannot be resolved, code that cannot be read
            return None
        if file is None:
            return None
        entries: dict[str, Any] = {}
        try:
            stored = json.loads(file.read_bytes())
            if isinstance(stored, dict) and stored.get("key") == key and isinstance(stored.get("pages"), dict):
                entries = stored["pages"]
        except (OSError, ValueError, RecursionError):  # missing, unreadable or not JSON: start empty
            pass
        return cls(file, key, entries)

    def get(self, rel: str, data: bytes) -> Any:
        """The page's check from the previous run, if its bytes are the same; else None."""
        digest = self.digests[rel] = hashlib.sha256(data).hexdigest()
        entry = self.old.get(rel)
        if not isinstance(entry, dict) or entry.get("sha256") != digest:
            return None
        try:
            work = decode(rel, entry["check"])
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):  # an entry we cannot understand
            return None
        self.new[rel] = entry
        self.hits += 1
        return work

    def put(self, rel: str, data: bytes, work: Any) -> None:
        encoded = encode(work)
        if encoded is None:  # values JSON cannot keep exactly: this page is always checked cold
            return
        digest = self.digests.get(rel) or hashlib.sha256(data).hexdigest()
        self.new[rel] = {"sha256": digest, "check": encoded}
        self.changed = True

    def save(self) -> None:
        """Write what this run found, if anything changed; a cache that cannot be written is left alone."""
        if not self.changed and self.new.keys() == self.old.keys():
            return
        temporary = None
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix=".check-", suffix=".tmp")
            with os.fdopen(handle, "wb") as out:  # one dumps (C encoder) is much faster than json.dump's chunks
                out.write(json.dumps({"key": self.key, "pages": self.new}, separators=(",", ":")).encode("ascii"))
            os.replace(temporary, self.file)
        except OSError:
            if temporary is not None:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass


# ------------------------------------------------------------------ PageCheck <-> JSON


def _plain(value: Any) -> bool:
    """True if JSON gives back exactly this value (str keys, no tuples, sets, bytes or dates)."""
    if value is None or type(value) in (str, int, float, bool):
        return True
    if type(value) is list:
        return all(_plain(item) for item in value)
    if type(value) is dict:
        return all(type(key) is str and _plain(item) for key, item in value.items())
    return False


def _errors_out(errors: list[ContentError]) -> list[list[Any]]:
    return [[error.path, error.line, error.field, error.message, error.hint] for error in errors]


def _errors_in(rows: Any) -> list[ContentError]:
    errors = []
    for path, line, field_name, message, hint in rows:
        if not (type(path) is str and type(line) is int and type(field_name) is str and type(message) is str
                and (hint is None or type(hint) is str)):
            raise ValueError("not an error")
        errors.append(ContentError(path, line, field_name, message, hint))
    return errors


def _tree(tree: Any, depth: int = 0) -> bool:
    """True if `tree` has the shape of loader.line_tree (so line_of cannot fail on it)."""
    if type(tree) is int:
        return True
    if type(tree) is not list or len(tree) != 3 or type(tree[1]) is not int or type(tree[2]) is not list or depth > 64:
        return False
    if tree[0] == "m":
        return all(type(entry) is list and len(entry) == 3 and (entry[0] is None or type(entry[0]) is str)
                   and type(entry[1]) is int and _tree(entry[2], depth + 1) for entry in tree[2])
    return tree[0] == "s" and all(_tree(item, depth + 1) for item in tree[2])


def encode(work: Any) -> dict[str, Any] | None:
    raw = work.raw
    if not _plain(raw.meta):
        return None
    return {"meta": raw.meta, "front_matter_line": raw.front_matter_line, "body_line": raw.body_line,
            "lines": raw.lines, "fields_end": raw.fields_end, "errors": _errors_out(raw.errors),
            "lint": _errors_out(work.lint), "unfinished": _errors_out(work.unfinished)}


def decode(rel: str, entry: dict[str, Any]) -> Any:
    from .index import PageCheck

    meta, first, body_line, fields_end = entry["meta"], entry["front_matter_line"], entry["body_line"], entry["fields_end"]
    if (type(meta) is not dict or type(first) is not int or type(body_line) is not int
            or not (fields_end is None or type(fields_end) is int) or not (entry["lines"] is None or _tree(entry["lines"]))):
        raise ValueError("not a page")
    raw = RawPage(rel, meta, None, first, "", body_line, errors=_errors_in(entry["errors"]),
                  lines=entry["lines"], fields_end=fields_end)
    return PageCheck(raw, _errors_in(entry["lint"]), _errors_in(entry["unfinished"]))

"""The cache of `python -m macros check` (macros/check_cache.py): a warm run reports exactly
what a cold run reports; an edited file is checked again; a corrupt cache is ignored; under CI
nothing is read or written; the cache is never inside the project.

The trees are the hand-written sample pages of conftest, broken by hand."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, page_text, write_tree
from macros import check_cache, index as index_module
from macros.index import build_index

INSTRUMENT = "instrumenten/overijssel-scan.md"
EVENT = "gebeurtenissen/overijssel-2017-bijeenkomst.md"
PROGRAMME = "programmas/overijssel-programma.md"
INGREDIENT = "recept/recept-doen.md"
TERM = "begrippen/interbestuurlijk-toezicht.md"
CASE = "praktijkvoorbeelden/overijssel-voorbeeld.md"

UNFINISHED = """---
type: instrument
titel: Nieuw
samenvatting: 'VUL IN: één of twee zinnen die zeggen wat dit is.'
provincies: [overijssel]
categorie: special
bronnen: [bron-a]
laatst_gecontroleerd: 2026-11-23
---

Tekst.
"""

# Every kind of error the per-file cache holds or feeds, each written out by hand.
EXPECTED = [
    f"{TERM}:11: alleen een aanroep van een kennisbank-macro is toegestaan, zoals {{{{ kb_tijdlijn() }}}} — letterlijke "
    "accolades schrijf je tussen {% raw %} en {% endraw %}",
    f"{EVENT}:5: provincies: onbekende provincie 'overijsel' — bedoelde je 'overijssel'?",
    "instrumenten/overijssel-nieuw.md:4: samenvatting: de voorbeeldtekst 'VUL IN: …' staat er nog — schrijf hier één of twee "
    "zinnen over wat dit is; ze staan in overzichten en zoekresultaten",
    f"{INSTRUMENT}:10: programma: programma 'overijssel-programma' hoort bij overijssel, het instrument bij drenthe",
    f"{INSTRUMENT}:17: telefoonnummer '06-12345678' gevonden — persoonsgegevens van medewerkers horen volgens de AVG niet op "
    "een openbare site; noem de organisatie en haar algemene kanaal (bijv. de website of info@…)",
    f"{CASE}:9: veld 'titel' staat er twee keer (ook op regel 3) — houd één van de twee over; YAML zou de eerste "
    "stilzwijgend weggooien",
    f"{INGREDIENT}:5: volgorde: moet minstens 1 zijn",
]


def replace(tree: Path, rel: str, old: str, new: str) -> None:
    file = tree / "docs" / rel
    text = file.read_text(encoding="utf-8")
    assert old in text, (old, rel)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def break_tree(tree: Path) -> None:
    replace(tree, INGREDIENT, "volgorde: 1", "volgorde: -3")
    replace(tree, INSTRUMENT, "provincies: [overijssel]", "provincies: [drenthe]")
    replace(tree, INSTRUMENT, "Tekst.\n", "Tekst.\n\nBel 06-12345678.\n")
    replace(tree, EVENT, "provincies: [overijssel]", "provincies: [overijsel]")
    replace(tree, CASE, "laatst_gecontroleerd", "titel: Nog een\nlaatst_gecontroleerd")
    replace(tree, TERM, "Tekst.\n", "Tekst.\n\n{{ 7*7 }}\n")
    write_tree(tree / "docs", {"instrumenten/overijssel-nieuw.md": UNFINISHED})


@pytest.fixture
def cache_home(tmp_path_factory, monkeypatch) -> Path:
    home = tmp_path_factory.mktemp("cache-home")  # outside the project (tmp_path), or the cache stays off
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return home


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The pages checked cold (not taken from the cache), in order."""
    calls: list[str] = []
    real = index_module.check_page

    def spy(data, rel, *args, **kwargs):
        calls.append(rel)
        return real(data, rel, *args, **kwargs)

    monkeypatch.setattr(index_module, "check_page", spy)
    return calls


def reported(tree: Path, cache: bool) -> list[str]:
    found = build_index(tree / "docs", tree / "data", cache=cache)
    return [str(error) for error in sorted(found.errors + found.unfinished, key=lambda e: (e.path, e.line, e.field))]


def cache_files(home: Path) -> list[Path]:
    return sorted(home.rglob("check.json")) if home.exists() else []


def run_check(tree: Path, env: dict[str, str], *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "check", "--docs", str(tree / "docs"), "--data", str(tree / "data"),
                           *options], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("CI", "GITHUB_ACTIONS")}
    env["XDG_CACHE_HOME"] = str(home)
    env.update(extra)
    return env


def test_warm_run_reports_exactly_what_a_cold_run_reports(content_tree, cache_home, counted):
    break_tree(content_tree)
    cold = reported(content_tree, cache=False)
    assert cold == EXPECTED
    assert cache_files(cache_home) == []  # without the cache nothing is written
    first = reported(content_tree, cache=True)
    pages = len(counted)
    warm = reported(content_tree, cache=True)
    assert first == warm == cold
    assert len(counted) == pages == 2 * 9  # two cold runs over 9 pages, the warm run took all from the cache


def test_warm_command_prints_exactly_what_a_cold_command_prints(content_tree, cache_home):
    break_tree(content_tree)
    cold = run_check(content_tree, child_env(cache_home), "--geen-cache")
    assert cache_files(cache_home) == []
    filling = run_check(content_tree, child_env(cache_home))
    assert len(cache_files(cache_home)) == 1
    warm = run_check(content_tree, child_env(cache_home))
    assert cold.returncode == filling.returncode == warm.returncode == 1
    assert cold.stderr == filling.stderr == warm.stderr
    assert all(line in cold.stderr.splitlines() for line in EXPECTED)


def test_an_edit_after_a_warm_run_is_reported(content_tree, cache_home, counted):
    assert reported(content_tree, cache=True) == []
    assert reported(content_tree, cache=True) == []
    counted.clear()
    replace(content_tree, INGREDIENT, "volgorde: 1", "volgorde: -3")
    assert reported(content_tree, cache=True) == [f"{INGREDIENT}:5: volgorde: moet minstens 1 zijn"]
    assert counted == [INGREDIENT]
    replace(content_tree, INGREDIENT, "volgorde: -3", "volgorde: 1")  # and back: the old entry is not kept around
    assert reported(content_tree, cache=True) == []


def test_a_changed_allow_list_or_code_empties_the_cache(content_tree, cache_home, counted, monkeypatch, tmp_path):
    replace(content_tree, INSTRUMENT, "Tekst.\n", "Tekst.\n\nMail jan.jansen@overijssel.nl.\n")
    message = (f"{INSTRUMENT}:17: e-mailadres 'jan.jansen@overijssel.nl' lijkt persoonlijk — persoonsgegevens van medewerkers "
               "horen volgens de AVG niet op een openbare site; noem de organisatie en haar algemene kanaal (bijv. de website "
               "of info@…); algemene adressen staan in data/toegestane-adressen.yml")
    assert reported(content_tree, cache=True) == [message]
    allow_list = content_tree / "data" / "toegestane-adressen.yml"
    allow_list.write_text(allow_list.read_text(encoding="utf-8").replace("adressen: []", "adressen: [jan.jansen@overijssel.nl]", 1),
                          encoding="utf-8")
    assert reported(content_tree, cache=True) == []
    counted.clear()
    code = tmp_path / "code"
    shutil.copytree(check_cache.CODE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(check_cache, "CODE_DIR", code)
    assert reported(content_tree, cache=True) == []
    assert counted == []  # the same code (its bytes, wherever it lies): still warm
    (code / "lint.py").write_text((code / "lint.py").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert reported(content_tree, cache=True) == []
    assert len(counted) == 8  # one byte of code changed: every page again
    counted.clear()
    assert reported(content_tree, cache=True) == []
    assert counted == []


@pytest.mark.parametrize("corrupt", [
    pytest.param(lambda file: file.write_bytes(b"\x00\xff not json"), id="not-json"),
    pytest.param(lambda file: file.write_text(file.read_text(encoding="utf-8")[:200], encoding="utf-8"), id="truncated"),
    pytest.param(lambda file: file.write_text("[1, 2, 3]", encoding="utf-8"), id="wrong-shape"),
    pytest.param(lambda file: file.write_text("[" * 100000 + "]" * 100000, encoding="utf-8"), id="too-deep"),
    pytest.param(lambda file: (file.unlink(), file.mkdir()), id="a-directory"),
    pytest.param(lambda file: file.chmod(0), id="unreadable"),
    pytest.param(lambda file: mangle_entries(file, lambda entry: entry["check"].update(lint="geen lijst")), id="entry-wrong-type"),
    pytest.param(lambda file: mangle_entries(file, lambda entry: entry["check"].update(lines=["m", 0, [["type", "twee", 0]]])),
                 id="entry-bad-lines"),
    pytest.param(lambda file: mangle_entries(file, lambda entry: entry["check"].pop("meta")), id="entry-missing-part"),
])
def test_a_corrupt_cache_is_ignored(content_tree, cache_home, corrupt):
    break_tree(content_tree)
    cold = reported(content_tree, cache=False)
    reported(content_tree, cache=True)
    [file] = cache_files(cache_home)
    corrupt(file)
    assert reported(content_tree, cache=True) == cold
    assert reported(content_tree, cache=True) == cold


def mangle_entries(file: Path, change) -> None:
    stored = json.loads(file.read_text(encoding="utf-8"))
    for entry in stored["pages"].values():
        change(entry)
    file.write_text(json.dumps(stored), encoding="utf-8")


def poison(file: Path) -> None:
    """What a cache someone tampered with could do: claim the page with the phone number has no lint errors."""
    stored = json.loads(file.read_text(encoding="utf-8"))
    stored["pages"][INSTRUMENT]["check"]["lint"] = []
    file.write_text(json.dumps(stored), encoding="utf-8")


def test_under_ci_the_cache_is_neither_read_nor_written(content_tree, cache_home):
    replace(content_tree, INSTRUMENT, "Tekst.\n", "Tekst.\n\nBel 06-12345678.\n")
    for variable in ("CI", "GITHUB_ACTIONS"):
        result = run_check(content_tree, child_env(cache_home, **{variable: "true"}))
        assert result.returncode == 1 and "06-12345678" in result.stderr
        assert cache_files(cache_home) == []
    run_check(content_tree, child_env(cache_home))
    [file] = cache_files(cache_home)
    poison(file)
    # The poisoned entry is read outside CI (so the cache really is read there) …
    assert run_check(content_tree, child_env(cache_home)).returncode == 0
    # … and not under CI, which checks every page itself.
    result = run_check(content_tree, child_env(cache_home, CI="false"))
    assert result.returncode == 1 and "06-12345678" in result.stderr
    assert run_check(content_tree, child_env(cache_home), "--geen-cache").returncode == 1


def test_the_cache_is_never_inside_the_project(content_tree, monkeypatch, counted):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for inside in (content_tree / ".cache", content_tree / "docs" / "x", content_tree):
        monkeypatch.setenv("XDG_CACHE_HOME", str(inside))
        assert reported(content_tree, cache=True) == []
        assert not list(content_tree.rglob("check.json"))
    assert len(counted) == 3 * 8


def test_the_cache_lives_in_the_users_cache_directory(content_tree, cache_home):
    reported(content_tree, cache=True)
    [file] = cache_files(cache_home)
    assert file.parent.parent == cache_home / "kennisbank"
    assert file.parent.stat().st_mode & 0o077 == 0  # only the user
    json.loads(file.read_text(encoding="utf-8"))  # plain JSON


def test_a_page_whose_values_json_cannot_keep_is_always_checked_cold(content_tree, cache_home, counted):
    write_tree(content_tree / "docs", {"over.md": "---\ntitle: Over\nsearch: !!set {a, b}\n---\n\nTekst.\n"})
    first = reported(content_tree, cache=True)
    counted.clear()
    assert reported(content_tree, cache=True) == first
    assert counted == ["over.md"]


def test_without_a_home_directory_the_check_runs_without_cache(content_tree, monkeypatch, counted):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert reported(content_tree, cache=True) == []
    assert reported(content_tree, cache=True) == []
    assert len(counted) == 2 * 8


def test_pages_checked_in_worker_processes_give_exactly_the_same_report(content_tree, cache_home, counted, monkeypatch):
    """Many pages are checked in several processes (`python -m macros check`); the report is the
    hand-written one, cold and then warm from what the workers' results left in the cache."""
    break_tree(content_tree)
    monkeypatch.setattr(index_module, "PARALLEL_PAGES", 2)  # the sample tree has only nine pages
    found = build_index(content_tree / "docs", content_tree / "data", workers=2)
    assert [str(error) for error in sorted(found.errors + found.unfinished, key=lambda e: (e.path, e.line, e.field))] == EXPECTED
    assert 0 < len(counted) < 10  # this process checked its share of the ten pages, a worker the rest
    cold = build_index(content_tree / "docs", content_tree / "data", cache=True, workers=2)
    warm = build_index(content_tree / "docs", content_tree / "data", cache=True, workers=2)
    for result in (cold, warm):
        assert [str(error) for error in sorted(result.errors + result.unfinished, key=lambda e: (e.path, e.line, e.field))] == EXPECTED
    assert sorted(warm.by_slug) == sorted(found.by_slug) and len(found.by_slug) >= 5

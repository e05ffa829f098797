"""Shared fixtures: a real build of the site, and small content trees for error tests."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Every build under test has one fixed date (2026-01-01 UTC), so results never drift with the
# calendar (review dates, overdue notices, the export date). A test may pass its own.
TEST_EPOCH = "1767225600"
BUILD_TIMEOUT = 600  # seconds; the real site builds in well under a minute
# `python -m macros check` keeps a cache in the user's cache directory; the tests' trees keep theirs apart.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="kb-test-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], True)
# No network call in a test may hang: urlopen and friends without their own timeout get this one.
socket.setdefaulttimeout(30)
# `make mutation` runs only the fast unit tests; a test that needs a whole build is skipped there.
UNIT_ONLY = os.environ.get("KB_UNIT_TESTS_ONLY") == "1"

try:
    from hypothesis import HealthCheck, settings

    # Property tests are deterministic everywhere (no example database, derandomized), so a
    # red run can be repeated. The mutation profile uses fewer examples to keep `make mutation` short.
    settings.register_profile("default", max_examples=300, derandomize=True, database=None, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("mutation", max_examples=20, derandomize=True, database=None, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile(os.environ.get("KB_HYPOTHESIS_PROFILE", "default"))
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    pass

# A valid sample of every type; tests copy and break them.
VALID_PAGES = {
    "bronnen/bron-a.md": """
        type: bron
        titel: Bron A
        samenvatting: Een bron.
        uitgever: Provincie Overijssel
        datum: 2019-01-15
        soort: brief
        bestand: a.txt
        laatst_gecontroleerd: 2026-11-23
    """,
    "provincies/overijssel.md": """
        type: provincie
        titel: Overijssel
        provincie: overijssel
        samenvatting: Een provincie.
        aanpak: programmatisch
        inzet: midden
        bronnen: [bron-a]
        laatst_gecontroleerd: 2026-11-23
    """,
    "programmas/overijssel-programma.md": """
        type: programma
        titel: Programma
        samenvatting: Een programma.
        provincies: [overijssel]
        periode: 2017/2019
        onderdelen:
          - naam: Lijn 1
        bronnen: [bron-a]
        laatst_gecontroleerd: 2026-11-23
    """,
    "instrumenten/overijssel-scan.md": """
        type: instrument
        titel: Scan
        samenvatting: Een instrument.
        provincies: [overijssel]
        categorie: subsidie-bestuurskracht
        rollen: [facilitator]
        taken: [bestuurskracht]
        status: actief
        programma: overijssel-programma
        bronnen: [bron-a]
        laatst_gecontroleerd: 2026-11-23
    """,
    "gebeurtenissen/overijssel-2017-bijeenkomst.md": """
        type: gebeurtenis
        titel: Bijeenkomst
        samenvatting: Een bijeenkomst.
        provincies: [overijssel]
        datum: 2017-11-30
        soort: bijeenkomst
        instrument: overijssel-scan
        bronnen: [bron-a]
        laatst_gecontroleerd: 2026-11-23
    """,
    "recept/recept-doen.md": """
        type: ingredient
        titel: Doen
        samenvatting: Een ingrediënt.
        volgorde: 1
        soort: hoofdingredient
        gebeurtenis: overijssel-2017-bijeenkomst
        bronnen: [bron-a]
        laatst_gecontroleerd: 2026-11-23
    """,
    "praktijkvoorbeelden/overijssel-voorbeeld.md": """
        type: praktijkvoorbeeld
        titel: Voorbeeld
        samenvatting: Een voorbeeld.
        provincies: [overijssel]
        gemeenten: [Zwolle]
        instrumenten: [overijssel-scan]
        bronnen: [bron-a]
        laatst_gecontroleerd: 2026-11-23
    """,
    "begrippen/interbestuurlijk-toezicht.md": """
        type: begrip
        titel: Interbestuurlijk toezicht
        afkorting: IBT
        samenvatting: Toezicht van de ene overheid op de andere.
        laatst_gecontroleerd: 2026-11-23
    """,
}


def page_text(front_matter: str, body: str = "Tekst.\n") -> str:
    return "---\n" + textwrap.dedent(front_matter).strip() + "\n---\n\n" + body


def write_tree(docs: Path, pages: dict[str, str]) -> None:
    for rel, text in pages.items():
        file = docs / rel
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")


@pytest.fixture
def content_tree(tmp_path: Path):
    """A docs/ tree with one valid page of every type, plus the real data/ lists."""
    docs = tmp_path / "docs"
    write_tree(docs, {rel: page_text(fm) for rel, fm in VALID_PAGES.items()})
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "doorverwijzingen.yml").unlink()  # its targets are real pages, not these samples
    return tmp_path


# Python warnings are errors in builds and checks run as subprocesses too, as they are in pytest
# itself (pyproject.toml). No third-party warning needs an exception today; add one only as a
# narrow `ignore::Category:module` entry, with a comment saying why.
SUBPROCESS_WARNINGS = "error"


def require_chromium() -> str:
    """Debian's Chromium for a browser test: skipped locally when missing, an error under CI=true."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        if os.environ.get("CI") == "true":
            raise RuntimeError("Chromium is missing: CI must run the browser tests (apt-get install chromium).")
        pytest.skip("browser tests need Debian's Chromium: sudo apt-get install chromium")
    return path


def strict_env(env: dict | None = None) -> dict:
    """The environment for a build or check under test: fixed date, warnings as errors."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TEST_EPOCH, "PYTHONWARNINGS": SUBPROCESS_WARNINGS,
            **(env or {})}


def run_build(config: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (never with -q: that hides warnings from the exit code)."""
    if UNIT_ONLY:
        pytest.skip("site builds are not part of the unit-test run (KB_UNIT_TESTS_ONLY=1)")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, env=strict_env(env), cwd=config.parent, timeout=BUILD_TIMEOUT,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def make_mini_site(root: Path, pages: dict[str, str]) -> Path:
    """A complete project (real mkdocs.yml, macros, templates, data) with the given docs/ pages."""
    for name in ("macros", "overrides"):
        (root / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    if not (root / "data").exists():
        shutil.copytree(ROOT / "data", root / "data")
        (root / "data" / "doorverwijzingen.yml").unlink()  # its targets are real pages, not these samples
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets", dirs_exist_ok=True)
    write_tree(root / "docs", pages)
    if not (root / "docs" / "index.md").exists():
        write_tree(root / "docs", {"index.md": "# Start\n"})
    return root / "mkdocs.yml"

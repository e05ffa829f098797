"""The benchmark's synthetic knowledge base must be valid content: a benchmark of a tree the
check rejects measures error paths, and the check's timing in bench/build.py stops on it.

Fast (no MkDocs build): a small tree is generated and checked as an editor would check it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

PAGES = 150  # the smallest tree the generator makes


def test_generated_site_passes_the_check(tmp_path: Path) -> None:
    project = tmp_path / "synth"
    generate.generate(PAGES, project)
    completed = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--docs", str(project / "docs"), "--data", str(project / "data")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    assert "fout" not in completed.stderr, completed.stderr[-4000:]
    assert completed.stdout.startswith("Inhoud in orde:"), completed.stdout
    assert len(list((project / "docs").rglob("*.md"))) == PAGES


def test_generated_site_exercises_what_production_has(tmp_path: Path) -> None:
    """Planned events, herkomst lines, source addresses and redirects, all valid (the check above)."""
    project = tmp_path / "synth"
    generate.generate(500, project)
    docs = project / "docs"
    events = [path.read_text(encoding="utf-8") for path in (docs / "gebeurtenissen").glob("*.md")]
    assert any("\ngepland_volgens: " in text for text in events)
    assert any("\nherkomst:\n" in path.read_text(encoding="utf-8") for path in (docs / "instrumenten").glob("*.md"))
    assert any("\nurl_betreft: " in path.read_text(encoding="utf-8") for path in (docs / "bronnen").glob("*.md"))
    redirects = [line for line in (project / "data" / "doorverwijzingen.yml").read_text(encoding="utf-8").splitlines()
                 if line and not line.startswith("#")]
    assert redirects and all((docs / line.split(": ")[1]).is_file() for line in redirects)
    assert (project / "CONTRIBUTING.md").is_file() and not (project / "CONTRIBUTING.md").is_symlink()


def test_preview_benchmark_runs_the_command_of_make_serve() -> None:
    """bench/preview.py reads `make serve`'s command from the Makefile; when the recipe changed
    (mkdocs serve → python -m macros serve) it stopped working unnoticed. Hand-written expectation."""
    import preview

    env, args = preview.serve_command()
    assert env == {"KB_GIT_DATES": "false"}
    assert args == ["--dirty"]

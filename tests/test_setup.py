"""A fresh machine installs exactly what this one did: pinned files that name no machine."""

from __future__ import annotations

import re

import pytest
from packaging.requirements import Requirement

from conftest import ROOT

LOCKS = ("requirements.txt", "requirements-dev.txt")


def requirement_lines(text: str) -> list[str]:
    """The requirement lines of a pip-compile lock: continuation lines and comments left out."""
    joined = re.sub(r"\\\n\s*", " ", text)
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("name", LOCKS)
def test_lock_names_no_index_and_no_local_path(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    for line in requirement_lines(text):
        assert not line.startswith("-"), f"{name}: pip option {line.split()[0]} (compile with --no-emit-index-url --no-emit-find-links)"
        assert "file:" not in line and " @ " not in line, f"{name}: a local path or URL: {line[:80]}"


@pytest.mark.parametrize("name", LOCKS)
def test_every_locked_package_has_one_version_and_a_hash(name):
    lines = requirement_lines((ROOT / name).read_text(encoding="utf-8"))
    assert len(lines) > 20, name  # the site's own dependencies alone are more than that
    for line in lines:
        spec, *options = line.split(" --hash=")
        requirement = Requirement(spec.strip())
        assert [s.operator for s in requirement.specifier] == ["=="], line[:80]
        assert options and all(option.startswith("sha256:") for option in options), line[:80]


def test_makefile_installs_one_pinned_pip():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--upgrade pip" not in makefile
    version = re.search(r"^PIP_VERSION := (\S+)$", makefile, re.M)
    assert version and re.fullmatch(r"\d+\.\d+(\.\d+)?", version.group(1)), "PIP_VERSION must be an exact version"
    assert "pip install --quiet pip==$(PIP_VERSION)" in makefile

"""The GitHub workflows and forms are valid and pass the security audit with zero findings.

Both tools come from PyPI and run offline: `check-jsonschema` validates against the
schemas it ships (SchemaStore), and `zizmor --offline` audits for unpinned actions,
excessive permissions, persisted credentials, template injection and the like.
Ignore comments and zizmor configuration are switched off, so a finding cannot be
silenced in a workflow file; it has to be fixed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

BIN = Path(sys.executable).parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
ISSUE_FORMS = sorted(path for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.y*ml") if path.stem != "config")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_there_is_a_workflow_for_pull_requests_and_one_for_publishing():
    names = {path.name for path in WORKFLOWS}
    assert {"pr.yml", "publish.yml"} <= names


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_matches_the_github_schema(workflow):
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("form", ISSUE_FORMS, ids=lambda path: path.name)
def test_issue_form_matches_the_github_schema(form):
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", str(form))
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_template_config_matches_the_github_schema():
    config = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    """Every workflow (and the pre-commit configuration, which zizmor also audits), pedantic persona."""
    result = run(str(BIN / "zizmor"), "--offline", "--no-config", "--no-ignores", "--persona", "pedantic",
                 "--format", "json", str(ROOT))
    findings = json.loads(result.stdout or "null")
    assert findings == [], json.dumps(findings, indent=1)[:4000]
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_job_has_a_timeout_and_its_own_permissions(workflow):
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data["permissions"] == {}, "top-level permissions must be empty; jobs ask for their own"
    assert "group" in data["concurrency"]
    for name, job in data["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), name
        assert "permissions" in job, name
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name

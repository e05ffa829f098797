"""No test may depend on the day it runs: the date-sensitive tests run again with the clock far ahead.

Every build under test has a fixed date (conftest.TEST_EPOCH); a test that compares with
`date.today()` or reads the clock some other way passes today and fails on a later day. This test
finds such a test now, not on the day it starts failing: it re-runs the test files that deal with
dates under libfaketime (Debian's `libfaketime`), which moves the clock of the Python process and
of every build, check and git call it starts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, UNIT_ONLY

LIBFAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
FAR_AHEAD = "2099-06-01"
# The files whose tests deal with dates: review dates and overdue notices, feeds and calendars,
# the check and its cache, fuzzy dates, planned events, security.txt. Browser tests are left out
# (Chromium's own clock is not what the site computes from).
DATE_SENSITIVE = ["tests/test_editors.py", "tests/test_feeds_and_jsonld.py", "tests/test_dates.py",
                  "tests/test_validation.py", "tests/test_check_cache.py",
                  "tests/test_security.py::test_security_txt_follows_rfc_9116"]
INNER_RUN = "KB_CLOCK_GUARD_INNER"


def _faked_env() -> dict:
    if not LIBFAKETIME.exists():
        if os.environ.get("CI") == "true":
            raise RuntimeError("libfaketime is missing: CI must run the clock guard (apt-get install libfaketime).")
        pytest.skip("the clock guard needs Debian's libfaketime: sudo apt-get install libfaketime")
    # '@' starts the clock at that moment and lets it run, so time-outs and timings still work.
    return {**os.environ, "LD_PRELOAD": str(LIBFAKETIME), "FAKETIME": f"@{FAR_AHEAD} 12:00:00",
            "FAKETIME_DONT_RESET": "1", INNER_RUN: "1"}


@pytest.mark.skipif(os.environ.get(INNER_RUN) == "1", reason="already inside the clock guard's run")
@pytest.mark.skipif(UNIT_ONLY, reason="runs builds (KB_UNIT_TESTS_ONLY=1)")
def test_date_sensitive_tests_pass_with_the_clock_far_ahead():
    env = _faked_env()
    seen = subprocess.run([sys.executable, "-c", "import datetime; print(datetime.date.today().isoformat())"],
                          capture_output=True, text=True, env=env, check=True)
    assert seen.stdout.strip() == FAR_AHEAD, "libfaketime did not move the clock: the guard would prove nothing"
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-m", "not browser", "-p", "no:cacheprovider",
                             *DATE_SENSITIVE], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert result.returncode == 0, f"a test depends on today's date (clock set to {FAR_AHEAD}):\n{result.stdout[-4000:]}"
    assert " passed" in result.stdout and " failed" not in result.stdout, result.stdout[-2000:]

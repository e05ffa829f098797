"""Summarise the last `make mutation` run: the share of mutants killed per module, and the survivors.

Reads mutmut 3's result files (mutants/macros/*.py.meta). Only the mutants `make mutation` selects
count: for macros/index.py that is the validation part (the functions in INDEX_VALIDATION), not the
query methods the views use. A timeout counts as killed (the mutant made the tests hang, which
a run notices); "no tests" counts as survived (no unit test reaches that code).

    python bench/mutation_report.py            # table and survivors
    python bench/mutation_report.py --markdown # the table as Markdown, for bench/README.md
"""

from __future__ import annotations

import fnmatch
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants" / "macros"

# The pure modules, and for index.py only its validation functions.
INDEX_VALIDATION = ("format_errors", "_translate", "_validate_page", "_check_references", "_check_consistency",
                    "_load_address_allow_list", "_lint_page", "_check_static_files", "build_index")
SELECTION = [
    "macros.dates.*", "macros.exports.*", "macros.render.*", "macros.lint.*", "macros.loader.*",
    *(f"macros.index.x_{name}__mutmut_*" for name in INDEX_VALIDATION),
]
MODULES = ("dates", "exports", "render", "index", "lint", "loader")

STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout",
          24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", 37: "caught by type check", None: "not checked"}


def results() -> dict[str, dict[str, str]]:
    by_module: dict[str, dict[str, str]] = {}
    for module in MODULES:
        meta = MUTANTS / f"{module}.py.meta"
        if not meta.exists():
            continue
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        by_module[module] = {name: STATUS.get(code, "suspicious") for name, code in codes.items()
                             if any(fnmatch.fnmatch(name, pattern) for pattern in SELECTION)}
    return by_module


def main() -> int:
    by_module = results()
    if not by_module:
        print("Geen resultaten: draai eerst `make mutation`.", file=sys.stderr)
        return 1
    markdown = "--markdown" in sys.argv
    rows = []
    for module, statuses in by_module.items():
        counts = Counter(statuses.values())
        checked = sum(counts.values()) - counts["not checked"] - counts["skipped"]
        caught = counts["killed"] + counts["timeout"] + counts["caught by type check"]
        score = f"{100 * caught / checked:.1f} %" if checked else "–"
        rows.append((f"macros/{module}.py", sum(counts.values()), counts["not checked"], caught,
                     counts["survived"] + counts["no tests"] + counts["suspicious"], score))
    total_checked = sum(r[1] - r[2] for r in rows)
    total_caught = sum(r[3] for r in rows)
    header = ("module", "mutants", "not run", "killed", "survived", "score")
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|---|--:|--:|--:|--:|--:|")
        for row in rows:
            print("| " + " | ".join(str(cell) for cell in row) + " |")
        if total_checked:
            print(f"| **all run** | {total_checked} | | {total_caught} | {total_checked - total_caught} | "
                  f"**{100 * total_caught / total_checked:.1f} %** |")
    else:
        print(f"{'module':22} {'mutants':>8} {'not run':>8} {'killed':>8} {'survived':>9} {'score':>8}")
        for row in rows:
            print(f"{row[0]:22} {row[1]:>8} {row[2]:>8} {row[3]:>8} {row[4]:>9} {row[5]:>8}")
        if total_checked:
            print(f"{'all run':22} {total_checked:>8} {'':>8} {total_caught:>8} {total_checked - total_caught:>9} "
                  f"{100 * total_caught / total_checked:>7.1f}%")
    survivors = sorted(name for statuses in by_module.values() for name, status in statuses.items()
                       if status in ("survived", "no tests", "suspicious"))
    if survivors:
        print("\nSurvivors (inspect with `.venv/bin/mutmut show <name>`):")
        for name in survivors:
            print(f"  {name}  [{next(s[name] for s in by_module.values() if name in s)}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark (issues 9 and 13): build time, memory and output of the real and synthetic
sites, with our layer on and off; the content check; the editor's preview; the page
weight of the real site.

    make bench                                   # everything, sizes 500, 2000 and 5000, 3 pairs each
    .venv/bin/python bench/build.py --sizes 100,300 --pairs 1 --results /tmp/r.md   # a quick try

Every build is `mkdocs build --strict` (never -q: with -q, MkDocs 1.6.1 exits 0 on
warnings) in a project directory under bench/out/ (git-ignored):

* real-on     a snapshot of the real project: mkdocs.yml, docs/, data/ copied; macros/
              and overrides/ symlinked. Built as it is ("on").
* real-off    the same pages with the `macros` plugin (and our hooks in macros/) removed
              from mkdocs.yml and every `{{ … }}` call (and `{% raw %}` marker) stripped
              from the pages, with Material's own `search` plugin: plain Material.
* synth-N-on  bench/generate.py's synthetic knowledge base of N pages ("on"), and
* synth-N-off the same pages, plain Material, as for real-off.

On and off are built in turns, `--pairs` times (default 3), so both meet the same load on
a shared machine; the summary gives medians, and on/off ratios as the median of the
per-pair ratios. Per build: wall time, CPU time (user + system of the build and its
children, GNU time -v), the time MkDocs reports, peak RSS (GNU time -v: the largest
resident set of the build process or any one child), the size of site/, of the search
index and of site/pagefind/. Over the sizes: growth largest/smallest, on against off.
Then the content check alone on the largest synthetic tree (best of 3, cold and warm) and the preview
(bench/preview.py: seconds from saving a title to the served pages showing it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(PROJECT))

import generate  # noqa: E402
import pageweight  # noqa: E402
import preview  # noqa: E402

OUT = HERE / "out"
# Git dates off on both sides, as the issue measured: otherwise one `git log` per page (in both
# builds) adds seconds to "on" and "off" alike and hides what our layer costs.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "KB_GIT_DATES": "false"}
GNU_TIME = shutil.which("time", path="/usr/bin:/bin")
MACRO_CALL = re.compile(r"\{\{.*?\}\}", re.S)
RAW_MARKER = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
GUIDE_CALL = "{{ kb_meewerkgids() }}"

# Targets of issue 13 (on = our layer, off = plain Material on the same pages).
MAX_CPU_RATIO = 1.25  # on the real site and at 2,000 pages
MAX_RSS_RATIO = 2.0  # at 5,000 pages
MAX_CHECK_SECONDS = 1.0  # `python -m macros check`, 5,000 pages
MAX_PREVIEW_SECONDS = 2.0  # bench/preview.py on the real site
PAIRS = 3  # --pairs
TIMEOUT = 3 * 3600.0  # per build; --timeout


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ projects


def snapshot_real(target: Path) -> Path:
    """A consistent copy of the real project (others may edit the tree meanwhile)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy2(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(PROJECT / "docs", target / "docs")
    shutil.copytree(PROJECT / "data", target / "data")
    generate.link_code(target)
    return target


def without_plugin(config_text: str, plugin: str) -> str:
    """mkdocs.yml text with one entry of `plugins:` (and its options) removed."""
    lines = config_text.splitlines(keepends=True)
    out, skipping, indent = [], False, -1
    for line in lines:
        match = re.match(rf"^(\s*)- {re.escape(plugin)}\s*:?\s*$", line)
        if match:
            skipping, indent = True, len(match.group(1))
            continue
        if skipping:
            stripped = line.strip()
            current = len(line) - len(line.lstrip())
            if not stripped or current > indent:
                continue
            skipping = False
        out.append(line)
    return "".join(out)


def without_our_hooks(config_text: str) -> str:
    """mkdocs.yml text without the hooks that live in macros/ (they need the macros plugin's index)."""
    lines = config_text.splitlines(keepends=True)
    out, in_hooks, kept_hooks, header = [], False, 0, None
    for line in lines:
        if re.match(r"^hooks\s*:\s*$", line):
            in_hooks, header = True, len(out)
            out.append(line)
            continue
        if in_hooks:
            item = re.match(r"^\s+-\s*(\S+)", line)
            if item:
                if not item.group(1).strip("'\"").startswith("macros/"):
                    kept_hooks += 1
                    out.append(line)
                continue
            if line.strip() and not line.startswith((" ", "#")):
                in_hooks = False
        out.append(line)
    if header is not None and not kept_hooks:
        del out[header]
    return "".join(out)


def without_feature(config_text: str, feature: str) -> str:
    return re.sub(rf"^\s*- {re.escape(feature)}\s*\n", "", config_text, flags=re.M)


def plugin_names(config_text: str) -> list[str]:
    import yaml

    class Lenient(yaml.SafeLoader):
        pass

    Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    plugins = yaml.load(config_text, Loader=Lenient).get("plugins", [])
    return [next(iter(p)) if isinstance(p, dict) else p for p in plugins]


def make_off(on: Path, off: Path) -> Path:
    """The same project as plain Material: no macros plugin, no macro calls in the pages."""
    if off.exists():
        shutil.rmtree(off)
    off.mkdir(parents=True)
    config = without_our_hooks(without_plugin((on / "mkdocs.yml").read_text(encoding="utf-8"), "macros"))
    assert "macros" not in plugin_names(config), "macros plugin still in the config"
    if "search" not in plugin_names(config):
        # Plain Material comes with its own search; ours (Pagefind) leaves with our hooks.
        config = re.sub(r"^plugins:\s*\n", "plugins:\n  - search\n", config, count=1, flags=re.M)
        assert "search" in plugin_names(config), "could not add Material's search plugin"
    (off / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(on / "data", off / "data")
    generate.link_code(off)  # overrides/ and any hooks that are not ours
    shutil.copytree(on / "docs", off / "docs")
    guide = (generate.CODE_SOURCE / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for file in (off / "docs").rglob("*.md"):
        text = file.read_text(encoding="utf-8").replace(GUIDE_CALL, guide)  # the page is the guide, as with macros on
        if "{{" in text or "{%" in text:
            file.write_text(RAW_MARKER.sub("", MACRO_CALL.sub("", text)), encoding="utf-8")
    return off


def make_variant(on: Path, target: Path, edit) -> Path:
    """A copy of `on` whose mkdocs.yml is changed by `edit` (docs/ shared via copy)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(edit((on / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    for name in ("data", "docs"):
        shutil.copytree(on / name, target / name, symlinks=True)
    generate.link_code(target)
    return target


# ------------------------------------------------------------------ measuring


@dataclass
class Build:
    site: str
    mode: str
    pages: int
    wall: float = 0.0
    cpu: float | None = None  # user + system CPU seconds of the build and its children (GNU time)
    reported: float | None = None
    rss: int = 0
    output: int = 0
    search_index: int | None = None
    pagefind: int | None = None
    pagefind_index: int | None = None
    pagefind_seconds: float | None = None
    pagefind_cpu: float | None = None
    pagefind_rss: int | None = None  # peak RSS of the largest Pagefind run alone (GNU time -v)
    pagefind_parts_count: int | None = None  # Pagefind runs: one per part of the index
    files: int = 0
    ok: bool = True
    note: str = ""
    load: float = 0.0  # 1-minute load average when the build ended (the machine is shared)
    run: int = 1  # pair number: on and off are built in turns, `--pairs` times


def dir_size(path: Path) -> tuple[int, int]:
    total = count = 0
    for file in path.rglob("*"):
        if file.is_file():
            total += file.stat().st_size
            count += 1
    return total, count


def build(project: Path, site: str, mode: str) -> Build:
    project = project.resolve()
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    result = Build(site, mode, pages)
    out_dir = project / "site"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    rss_file = project / "rss.txt"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out_dir)]
    if GNU_TIME:
        command = [GNU_TIME, "-v", "-o", str(rss_file)] + command
    else:  # a child Python that reports its children's peak RSS
        command = [sys.executable, "-c",
                   "import resource,subprocess,sys;r=subprocess.run(sys.argv[2:]).returncode;"
                   "open(sys.argv[1],'w').write('Maximum resident set size (kbytes): %d\\n' % "
                   "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);sys.exit(r)", str(rss_file)] + command
    log(f"build {site} {mode} ({pages} pages) …")
    started = time.perf_counter()
    with open(project / "build.log", "w", encoding="utf-8") as log_file:
        process = subprocess.Popen(command, cwd=project, env=ENV, stdout=log_file, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            returncode = process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)  # the build we started, and its children
            process.wait()
            returncode = "timeout"
        except KeyboardInterrupt:
            os.killpg(process.pid, 9)
            process.wait()
            raise
    result.wall = time.perf_counter() - started
    result.load = os.getloadavg()[0]
    text = (project / "build.log").read_text(encoding="utf-8", errors="replace")
    match = re.search(r"Documentation built in ([\d.]+) seconds", text)
    result.reported = float(match.group(1)) if match else None
    timing = rss_file.read_text() if rss_file.exists() else ""
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing)
    result.rss = int(match.group(1)) * 1024 if match else 0
    user, system = (re.search(rf"{kind} time \(seconds\): ([\d.]+)", timing) for kind in ("User", "System"))
    if user and system:
        result.cpu = float(user.group(1)) + float(system.group(1))
    if returncode != 0:
        result.ok = False
        result.note = (f"stopped after {TIMEOUT:.0f} s" if returncode == "timeout" else f"exit {returncode}") + \
            f"; see {project / 'build.log'}"
        tail = "\n".join(text.splitlines()[-15:])
        log(f"FAILED {site} {mode}:\n{tail}")
        return result
    result.output, result.files = dir_size(out_dir)
    sizes = pageweight.search_sizes(out_dir)
    result.search_index, result.pagefind = sizes["search_index"], sizes["pagefind"]
    if sizes["pagefind_parts"]:
        result.pagefind_index = sizes["pagefind_parts"]["index"]
        # Pagefind runs inside the build (our post-build hook), over slim copies of the pages; run it
        # again on its own, over the same copies (made by the same code), to split it out.
        pagefind_time = project / "pagefind-time.txt"
        with tempfile.TemporaryDirectory(prefix="bench-pagefind-") as scratch:
            copies = slim_copies(out_dir)
            try:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                started = time.perf_counter()
                peaks = []
                for command in copies.plan(Path(scratch)).commands():  # one run per part, as the build does
                    subprocess.run(([GNU_TIME, "-v", "-o", str(pagefind_time)] if GNU_TIME else []) + command,
                                   cwd=project, env=ENV, capture_output=True, timeout=TIMEOUT)
                    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                                      pagefind_time.read_text() if pagefind_time.exists() else "")
                    peaks.append(int(match.group(1)) * 1024 if match else None)
                result.pagefind_seconds = time.perf_counter() - started
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
            finally:
                copies.discard()
        result.pagefind_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        result.pagefind_rss = None if None in peaks else max(peaks)
        result.pagefind_parts_count = len(peaks)
    log(f"  {result.wall:.1f} s ({fmt(result.cpu)} s CPU), {result.rss / 2**20:.0f} MB RSS, {result.output / 2**20:.1f} MB output")
    return result


def slim_copies(site_dir: Path):
    """What the build gives Pagefind: a slim copy of every published page (macros.search_index)."""
    from selectolax.lexbor import LexborHTMLParser

    from macros.search_index import SearchCopies

    copies = SearchCopies()
    copies.start(keep=False)
    for page in site_dir.rglob("*.html"):
        rel = page.relative_to(site_dir).as_posix()
        if not rel.startswith("pagefind/"):
            copies.add(rel, LexborHTMLParser(page.read_text(encoding="utf-8", errors="replace")))
    return copies


def time_check(project: Path, repeats: int = 3, warm: bool = False) -> tuple[float, float]:
    """Best wall time of `python -m macros check` (process incl. start-up), and the best time it reports itself.

    Cold (the default): `--geen-cache`, every page read and checked, as CI does. Warm: the check's
    per-file cache in a fresh directory of its own, filled by one run first; then each timed run
    follows a one-line edit of a different page, as an editor runs it."""
    walls, own = [], []
    # Python keeps its bytecode here, as on an editor's machine after the first run (the builds do
    # not: PYTHONDONTWRITEBYTECODE); the untimed first run writes it. A fresh clone's first check
    # compiles our modules: about 0.07 s more.
    env = {key: value for key, value in ENV.items() if key != "PYTHONDONTWRITEBYTECODE"}
    options = ["--geen-cache"]
    if warm:
        cache_home = Path(tempfile.mkdtemp(prefix="kb-bench-check-cache-"))
        env = {key: value for key, value in env.items() if key not in ("CI", "GITHUB_ACTIONS")} | {"XDG_CACHE_HOME": str(cache_home)}
        options = []
        edited = sorted((project / "docs" / "instrumenten").glob("*.md"))[:repeats]
    command = [sys.executable, "-m", "macros", "check", "--docs", str(project / "docs"), "--data", str(project / "data"), *options]
    try:
        for run in range(-1, repeats):
            if warm and run >= 0:
                edited[run].write_text(edited[run].read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
            started = time.perf_counter()
            completed = subprocess.run(command, cwd=generate.CODE_SOURCE, env=env, capture_output=True, text=True)
            if run < 0:
                continue  # writes the bytecode, and (warm) fills the cache
            walls.append(time.perf_counter() - started)
            if completed.returncode != 0:
                raise SystemExit("content check failed:\n" + completed.stderr[-3000:])
            match = re.search(r"in ([\d.]+) s\.", completed.stdout)
            if match:
                own.append(float(match.group(1)))
    finally:
        if warm:
            shutil.rmtree(cache_home, ignore_errors=True)
    return min(walls), min(own) if own else float("nan")


# ------------------------------------------------------------------ report


def machine_facts() -> list[str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kib / 1024**2:.1f} GiB"
    except (OSError, AttributeError):
        pass
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "—"

    return [
        f"- Date: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Machine: {os.cpu_count()} cores (nproc), {ram} RAM, CPU {cpu}; load average at start {load} (shared machine)",
        f"- Python {platform.python_version()} ({platform.platform()})",
        f"- mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, mkdocs-macros-plugin "
        f"{version('mkdocs-macros-plugin')}, mkdocs-awesome-nav {version('mkdocs-awesome-nav')}, pydantic {version('pydantic')}",
    ]


def mb(n: int) -> str:
    return f"{n / 2**20:,.1f}"


def fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def median(values: list[float]) -> float | None:
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


@dataclass
class Pairs:
    """Medians over the on/off pairs of one site; ratios are medians of the per-pair ratios."""

    site: str
    pages: int
    pairs: int
    on_cpu: float | None
    off_cpu: float | None
    on_wall: float | None
    off_wall: float | None
    on_rss: float | None
    off_rss: float | None
    cpu_ratio: float | None
    cpu_ratio_net: float | None  # without Pagefind's CPU time (timed apart after each "on" build)
    wall_ratio: float | None
    rss_ratio: float | None


def summarise(builds: list[Build]) -> list[Pairs]:
    summaries = []
    for site in dict.fromkeys(b.site for b in builds):
        on = {b.run: b for b in builds if b.site == site and b.mode == "on" and b.ok}
        off = {b.run: b for b in builds if b.site == site and b.mode == "off" and b.ok}
        runs = sorted(set(on) & set(off))

        def ratio(attr: str) -> float | None:
            return median([getattr(on[r], attr) / getattr(off[r], attr) for r in runs
                           if getattr(on[r], attr) and getattr(off[r], attr)])

        net = median([(on[r].cpu - (on[r].pagefind_cpu or 0)) / off[r].cpu for r in runs if on[r].cpu and off[r].cpu])
        pages = next(iter(on.values() or off.values()), None)
        summaries.append(Pairs(
            site, pages.pages if pages else 0, len(runs),
            median([b.cpu for b in on.values()]), median([b.cpu for b in off.values()]),
            median([b.wall for b in on.values()]), median([b.wall for b in off.values()]),
            median([b.rss for b in on.values()]), median([b.rss for b in off.values()]),
            ratio("cpu"), net, ratio("wall"), ratio("rss"),
        ))
    return summaries


def ratio_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def render(builds: list[Build], check: tuple | None, previews: list[dict],
           weight_text: str | None, real_search: int | None, started: float,
           first_visits: list | None = None) -> str:
    out = ["# Benchmark results", "", *machine_facts(), ""]
    summaries = summarise(builds)
    out += ["## Summary: medians of the on/off pairs", "",
            "on = our loader, macros and hooks (Pagefind included); off = plain Material on the same pages "
            "(with its own lunr search). Ratios are medians of the per-pair ratios; on and off are built in turns.", "",
            "| site | pages | pairs | on CPU s | off CPU s | on/off CPU | without Pagefind | on wall s | off wall s | on/off wall "
            "| peak RSS on / off MB | on/off RSS |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for p in summaries:
        rss = f"{(p.on_rss or 0) / 2**20:,.0f} / {(p.off_rss or 0) / 2**20:,.0f}"
        out.append(f"| {p.site} | {p.pages:,} | {p.pairs} | {fmt(p.on_cpu)} | {fmt(p.off_cpu)} | {ratio_text(p.cpu_ratio)} "
                   f"| {ratio_text(p.cpu_ratio_net)} "
                   f"| {fmt(p.on_wall)} | {fmt(p.off_wall)} | {ratio_text(p.wall_ratio)} | {rss} | {ratio_text(p.rss_ratio)} |")
    out.append("")
    verdicts = []
    by_site = {p.site: p for p in summaries}
    for site in ("real", "synthetic 2,000"):
        p = by_site.get(site)
        if p and p.cpu_ratio:
            verdicts.append((f"CPU on/off ≤ {MAX_CPU_RATIO}× ({site}, median of {p.pairs} pairs; without Pagefind "
                             f"{ratio_text(p.cpu_ratio_net)})", ratio_text(p.cpu_ratio),
                             p.cpu_ratio <= MAX_CPU_RATIO))
    synth = sorted((p.pages, p) for p in summaries if p.site.startswith("synthetic") and "without" not in p.site)
    if synth:
        largest = synth[-1][1]
        if largest.rss_ratio:
            verdicts.append((f"Peak memory on/off ≤ {MAX_RSS_RATIO:.0f}× at {largest.pages:,} pages", ratio_text(largest.rss_ratio),
                             largest.rss_ratio <= MAX_RSS_RATIO))
    if len(synth) >= 2:
        small, large = synth[0][1], synth[-1][1]
        out.append(f"Growth {large.pages:,}/{small.pages:,} pages (medians):")
        growth = {}
        for mode in ("on", "off"):
            a_cpu, b_cpu = getattr(small, f"{mode}_cpu"), getattr(large, f"{mode}_cpu")
            a_rss, b_rss = getattr(small, f"{mode}_rss"), getattr(large, f"{mode}_rss")
            if a_cpu and b_cpu:
                growth[mode] = b_cpu / a_cpu
                out.append(f"- {mode}: CPU time {b_cpu / a_cpu:.1f}×, peak RSS {(b_rss or 0) / max(a_rss or 1, 1):.1f}×")
        out.append("")
        if len(growth) == 2:
            verdicts.append((f"Growth {small.pages:,} → {large.pages:,} pages no worse than plain Material "
                             f"(CPU; plain {growth['off']:.1f}×)", f"{growth['on']:.1f}×", growth["on"] <= growth["off"]))
    out += ["## Every build", "",
            "| site | pages | run | macros | wall s | CPU s | MkDocs says s | Pagefind wall / CPU s | peak RSS MB "
            "| Pagefind alone RSS MB | output MB | files | lunr index KB | Pagefind index / total KB | load |",
            "|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for b in builds:
        if not b.ok:
            out.append(f"| {b.site} | {b.pages:,} | {b.run} | {b.mode} | failed ({b.wall:.0f} s) | | | | {mb(b.rss)} | | | | | {b.note} | {b.load:.1f} |")
            continue
        lunr = "—" if b.search_index is None else f"{b.search_index / 1024:,.0f}"
        pagefind = "—" if b.pagefind is None else f"{(b.pagefind_index or 0) / 1024:,.0f} / {b.pagefind / 1024:,.0f}"
        pagefind_time = "—" if b.pagefind_seconds is None else f"{b.pagefind_seconds:.1f} / {fmt(b.pagefind_cpu)}"
        pagefind_rss = "—" if b.pagefind_rss is None else f"{mb(b.pagefind_rss)} ({b.pagefind_parts_count or 1} × run)"
        out.append(f"| {b.site} | {b.pages:,} | {b.run} | {b.mode} | {b.wall:.1f} | {fmt(b.cpu)} | {fmt(b.reported)} | {pagefind_time} "
                   f"| {mb(b.rss)} | {pagefind_rss} | {mb(b.output)} | {b.files:,} | {lunr} | {pagefind} | {b.load:.1f} |")
    out.append("")
    if check:
        wall, own, pages, *warm = check  # older results have no warm figures
        out += ["## Content check alone", "",
                f"`python -m macros check` on the synthetic tree of {pages:,} pages, best of 3, cold (`--geen-cache`, "
                f"as in CI): **{wall:.2f} s** wall time (including Python start-up and imports, with Python's bytecode "
                f"cache in place as after any first run), of which {own:.2f} s reading and validating (as the check "
                "reports it)."]
        verdicts.append((f"`python -m macros check` on {pages:,} pages ≤ {MAX_CHECK_SECONDS:.0f} s (cold)", f"{wall:.2f} s",
                         wall <= MAX_CHECK_SECONDS))
        if warm:
            out.append(f"Warm (an editor's second run: the per-file cache filled, one page edited before each run): "
                       f"**{warm[0]:.2f} s** wall, of which {warm[1]:.2f} s as the check reports it.")
            verdicts.append((f"`python -m macros check` on {pages:,} pages ≤ {MAX_CHECK_SECONDS:.0f} s (warm, one page edited)",
                             f"{warm[0]:.2f} s", warm[0] <= MAX_CHECK_SECONDS))
        out.append("")
    if previews:
        out += ["## Preview (`bench/preview.py`, real site)", "",
                "`mkdocs serve` as `make serve` starts it; seconds from writing an instrument's new title to the "
                "served pages showing it: the instrument page, its province page and the matrix; the server's CPU "
                "seconds for that rebuild; the 1-minute load average.", "",
                "| edit | instrument page s | province page s | matrix s | server CPU s | load |", "|--:|--:|--:|--:|--:|--:|"]
        for number, edit in enumerate(previews, start=1):
            out.append(f"| {number} | {fmt(edit.get('page'), 2)} | {fmt(edit.get('province'), 2)} | {fmt(edit.get('matrix'), 2)} "
                       f"| {fmt(edit.get('cpu'), 2)} | {fmt(edit.get('load'))} |")
        out.append("")
        slowest = [max(edit[name] for name in preview.PAGES) for edit in previews
                   if all(edit.get(name) is not None for name in preview.PAGES)]
        if slowest:
            verdicts.append((f"Preview: change visible on every dependent page ≤ {MAX_PREVIEW_SECONDS:.0f} s (median of {len(slowest)} edits)",
                             f"{median(slowest):.2f} s", median(slowest) <= MAX_PREVIEW_SECONDS))
    if weight_text:
        out += ["## Page weight of the real site (first visit, uncompressed)", "", weight_text, ""]
        # The target is for content pages: the home page, a province page and the heaviest content page.
        content = [(url, total) for url, total in (first_visits or [])
                   if url == "/" or url.split("/")[0] in pageweight.CONTENT_FOLDERS and url.count("/") == 2]
        if content:
            url, total = max(content, key=lambda visit: visit[1])
            verdicts.append(("First visit to a content page ≤ 400 KB, without the search index (heaviest: "
                             f"`{url}`)", f"{total / 1024:,.0f} KB", total <= pageweight.FIRST_VISIT_TARGET))
        if real_search is not None:
            verdicts.append(("Search index of the real site ≤ 1 MB (Pagefind: the index part)", f"{real_search / 1024:,.0f} KB",
                             real_search <= 1024 * 1024))
    if verdicts:
        out += ["## Targets", "", "| target | measured | |", "|---|--:|---|"]
        out += [f"| {goal} | {value} | {'✅ met' if ok else '❌ missed'} |" for goal, value, ok in verdicts]
        out.append("")
    out.append(f"Benchmark duration: {(time.perf_counter() - started) / 60:.1f} min.")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kennisbank benchmark (issue 9).")
    parser.add_argument("--sizes", default="500,2000,5000", help="synthetic sizes in pages, comma-separated (default 500,2000,5000)")
    parser.add_argument("--results", type=Path, default=HERE / "results.md", help="Markdown file to write (default bench/results.md)")
    parser.add_argument("--no-real", action="store_true", help="skip the real site (and page weight, serve, nav variant)")
    parser.add_argument("--no-off", action="store_true", help="only build with macros on")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview measurement (bench/preview.py)")
    parser.add_argument("--pairs", type=int, default=PAIRS, help=f"on/off pairs per site, built in turns (default {PAIRS})")
    parser.add_argument("--no-nav", action="store_true", help="skip the builds without navigation.prune (real site, smallest size)")
    parser.add_argument("--keep", action="store_true", help="keep bench/out/ projects and their site/ after the run")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per build before it is stopped (default 3 h)")
    parser.add_argument("--resume", action="store_true",
                        help="continue an interrupted run: reuse the snapshots in bench/out/ and skip the steps in bench/out/results.json")
    parser.add_argument("--report", action="store_true",
                        help="only write the report again from bench/out/results.json (no builds)")
    args = parser.parse_args(argv)
    if args.report:
        raw = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
        text = render([Build(**b) for b in raw["builds"]], raw["check"], raw.get("previews", []), raw["weight_text"],
                      raw["real_search"], time.perf_counter(), raw.get("first_visits", []))
        args.results.write_text(text, encoding="utf-8")
        print(text)
        return 0
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    globals()["TIMEOUT"] = args.timeout
    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    # One run at a time: two runs would share bench/out/ and the CPUs, and spoil each other's figures.
    lock = open(OUT / ".lock", "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.seek(0)
        print(f"Another benchmark run is in progress ({lock.read().strip() or 'unknown pid'}); wait for it to finish.",
              file=sys.stderr)
        return 3
    lock.seek(0)
    lock.truncate()
    lock.write(f"pid {os.getpid()}, started {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n")
    lock.flush()
    # One consistent copy of the code and of the real project for the whole run; others may
    # edit the working tree meanwhile.
    previous = json.loads((OUT / "results.json").read_text(encoding="utf-8")) if args.resume and (OUT / "results.json").exists() else None
    if previous:  # same snapshots as the interrupted run, so the figures stay comparable
        code, real = OUT / "code", OUT / "real-on"
        generate.CODE_SOURCE = code
    else:
        code = generate.snapshot_code(OUT / "code")
        real = snapshot_real(OUT / "real-on")
    sys.path.insert(0, str(code))  # import macros (for the generator) from the snapshot too
    completed = subprocess.run([sys.executable, "-m", "macros", "check", "--docs", str(real / "docs"),
                                "--data", str(real / "data")], cwd=code, env=ENV, capture_output=True, text=True)
    if completed.returncode != 0:
        print("The real content or code is broken right now (python -m macros check fails); benchmark not started.\n"
              + (completed.stderr or completed.stdout)[-2000:], file=sys.stderr)
        return 2
    generate.CONTENT_SOURCE = real  # synthetic projects copy mkdocs.yml, data/ and overview pages from the snapshot
    builds: list[Build] = []
    previews: list[dict] = []
    weight_text = real_search = check = None
    first_visits: list = []
    if previous:
        builds = [Build(**b) for b in previous["builds"] if b["ok"]]
        previews = previous.get("previews", [])
        weight_text, real_search, check = previous["weight_text"], previous["real_search"], previous["check"]
        first_visits = previous.get("first_visits", [])
        log(f"resuming: {len(builds)} builds done")
    done = {(b.site, b.mode, b.run) for b in builds}

    def save() -> None:  # partial results after every step: a long run that dies still leaves figures
        args.results.write_text(render(builds, check, previews, weight_text, real_search, started, first_visits),
                                encoding="utf-8")
        raw = {"builds": [asdict(b) for b in builds], "check": check, "previews": previews,
               "weight_text": weight_text, "real_search": real_search, "first_visits": first_visits,
               "machine": machine_facts()}
        (OUT / "results.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")

    def both(on: Path, site: str) -> None:
        """`--pairs` times: on, then off (plain Material), so both meet the same load."""
        off = None
        for run in range(1, args.pairs + 1):
            if (site, "on", run) not in done:
                builds.append(replace(build(on, site, "on"), run=run))
                save()
            if not args.no_off and (site, "off", run) not in done:
                off = off or make_off(on, on.with_name(on.name.replace("-on", "-off")))
                builds.append(replace(build(off, site, "off"), run=run))
                save()
        if off and not args.keep:
            shutil.rmtree(off / "site", ignore_errors=True)

    def nav_variant(on: Path, site: str) -> None:
        """The same project (macros on) without navigation.prune: what the setting is worth."""
        if (f"{site} without navigation.prune", "on") in done:
            return
        variant = make_variant(on, on.with_name(on.name.replace("-on", "-noprune")),
                               lambda text: without_feature(text, "navigation.prune"))
        builds.append(build(variant, f"{site} without navigation.prune", "on"))
        save()
        shutil.rmtree(variant, ignore_errors=True)

    if not args.no_real:
        both(real, "real")
        if (real / "site" / "index.html").exists():
            visits, search, weight_text = pageweight.report(real / "site")
            first_visits[:] = [(visit["url"], visit["total"]) for visit in visits]
            real_search = pageweight.search_index_bytes(search)
        if not args.no_nav:
            nav_variant(real, "real")
        if not args.no_serve and not previews:
            previews = preview.measure(real, edits=3)
        save()
    for size in sizes:
        project = OUT / f"synth-{size}-on"
        site = f"synthetic {size:,}"
        if all((site, mode, run) in done for mode in ("on", "off") for run in range(1, args.pairs + 1)) \
                and not (size == max(sizes) and not check):
            continue
        log(f"generate {size} pages …")
        generate.generate(size, project, args.seed)
        time_check(project, repeats=1)  # fail fast, with the check's own messages, on an invalid tree
        both(project, site)
        if size == min(sizes) and not args.no_nav:
            nav_variant(project, site)
        if size == max(sizes):
            log("content check, best of 3, cold and warm …")
            wall, own = time_check(project)
            warm_wall, warm_own = time_check(project, warm=True)
            check = (wall, own, size, warm_wall, warm_own)
        if not args.keep:
            shutil.rmtree(project / "site", ignore_errors=True)
        save()
    text = render(builds, check, previews, weight_text, real_search, started, first_visits)
    args.results.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(b.ok for b in builds) else 1


if __name__ == "__main__":
    sys.exit(main())

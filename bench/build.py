"""Benchmark (issue 9): build time, memory and output of the real and synthetic sites,
with our loader and macros on and off; the content check; an incremental rebuild in
`mkdocs serve`; and the page weight of the real site.

    make bench                                   # everything, sizes 500, 2000 and 5000
    .venv/bin/python bench/build.py --sizes 100,300 --results /tmp/r.md   # a quick try

Every build is `mkdocs build --strict` (never -q: with -q, MkDocs 1.6.1 exits 0 on
warnings) in a project directory under bench/out/ (git-ignored):

* real-on     a snapshot of the real project: mkdocs.yml, docs/, data/ copied; macros/
              and overrides/ symlinked. Built as it is ("on").
* real-off    the same pages with the `macros` plugin (and our hooks in macros/) removed
              from mkdocs.yml and every `{{ … }}` call (and `{% raw %}` marker) stripped
              from the pages: plain Material.
* synth-N-on  bench/generate.py's synthetic knowledge base of N pages ("on"), and
* synth-N-off the same pages, plain Material, as for real-off.

Per build: wall time of the whole `mkdocs build` process, the time MkDocs reports
("Documentation built in"), peak RSS (GNU time -v: the largest resident set of the
build process and its children), the size of site/, of the search index
(site/search/search_index.json) and of site/pagefind/ when present. Per size: on/off
time ratio; over the sizes: growth largest/smallest. Then the content check alone on
the largest synthetic tree (best of 3), `mkdocs serve` on a copy of the real site
(with and without --dirty): time from editing one page to "Documentation built in" and
"Reloading browsers" in the server log, and the real site without navigation.prune.
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
import socket
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(PROJECT))

import generate  # noqa: E402
import pageweight  # noqa: E402

OUT = HERE / "out"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
GNU_TIME = shutil.which("time", path="/usr/bin:/bin")
MACRO_CALL = re.compile(r"\{\{.*?\}\}", re.S)
RAW_MARKER = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")

# Targets of issue 9.
MAX_OVERHEAD = 0.10
MAX_GROWTH = 11.0
MAX_RSS = 2 * 1024**3
MAX_CHECK_SECONDS = 3.0
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
    (off / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(on / "data", off / "data")
    generate.link_code(off)  # overrides/ and any hooks that are not ours
    shutil.copytree(on / "docs", off / "docs")
    for file in (off / "docs").rglob("*.md"):
        text = file.read_text(encoding="utf-8")
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
    files: int = 0
    ok: bool = True
    note: str = ""
    load: float = 0.0  # 1-minute load average when the build ended (the machine is shared)


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
        # Pagefind runs inside the build (our post-build hook); time it again on its own to split it out.
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out_dir)], cwd=project, env=ENV,
                       capture_output=True, timeout=TIMEOUT)
        result.pagefind_seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        result.pagefind_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    log(f"  {result.wall:.1f} s ({fmt(result.cpu)} s CPU), {result.rss / 2**20:.0f} MB RSS, {result.output / 2**20:.1f} MB output")
    return result


def time_check(project: Path, repeats: int = 3) -> tuple[float, float]:
    """Best wall time of `python -m macros check` (process incl. start-up), and the best time it reports itself."""
    walls, own = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        completed = subprocess.run([sys.executable, "-m", "macros", "check", "--docs", str(project / "docs"),
                                    "--data", str(project / "data")], cwd=generate.CODE_SOURCE, env=ENV, capture_output=True, text=True)
        walls.append(time.perf_counter() - started)
        if completed.returncode != 0:
            raise SystemExit("content check failed:\n" + completed.stderr[-3000:])
        match = re.search(r"in ([\d.]+) s\.", completed.stdout)
        if match:
            own.append(float(match.group(1)))
    return min(walls), min(own) if own else float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ServeResult:
    mode: str
    initial: float | None = None
    rebuilds: list[tuple[float | None, float | None]] = field(default_factory=list)  # (built, reloading) after edit
    note: str = ""


def serve_rebuild(project: Path, dirty: bool, edits: int = 2, timeout: float = 900) -> ServeResult:
    """Start `mkdocs serve`, edit one content page `edits` times, time each rebuild from the log."""
    project = project.resolve()
    result = ServeResult("serve --dirty" if dirty else "serve")
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    lines: list[tuple[float, str]] = []
    log(f"{result.mode} on port {port} …")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, bufsize=1, start_new_session=True)

    def reader():
        for line in process.stdout:
            lines.append((time.perf_counter(), line.rstrip()))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()

    def wait_for(pattern: str, after: float) -> float | None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for stamp, line in list(lines):
                if stamp >= after and re.search(pattern, line):
                    return stamp
            if process.poll() is not None:
                return None
            time.sleep(0.05)
        return None

    page = sorted((project / "docs" / "instrumenten").glob("*.md"))[0]
    original = page.read_text(encoding="utf-8")
    try:
        serving = wait_for(r"Serving on", started)
        if serving is None:
            result.note = "server did not start: " + " | ".join(line for _, line in lines[-5:])
            return result
        result.initial = serving - started
        time.sleep(3)  # let the file watcher settle
        for number in range(edits):
            edited = time.perf_counter()
            page.write_text(original + f"\nBenchmark-bewerking {number + 1}.\n", encoding="utf-8")
            built = wait_for(r"Documentation built in", edited)
            reloading = wait_for(r"Reloading browsers", edited)
            result.rebuilds.append((built - edited if built else None, reloading - edited if reloading else None))
            log(f"  edit {number + 1}: built after {result.rebuilds[-1][0]}, reload after {result.rebuilds[-1][1]}")
            time.sleep(2)
    finally:
        page.write_text(original, encoding="utf-8")
        if process.poll() is None:
            os.killpg(process.pid, 2)  # SIGINT to the server we started (its own session)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
        (project / f"{result.mode.replace(' ', '-').replace('--', '')}.log").write_text(
            "\n".join(f"{stamp - started:8.2f} {line}" for stamp, line in lines), encoding="utf-8")
    return result


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


def render(builds: list[Build], check: tuple[float, float, int] | None, serves: list[ServeResult],
           weight_text: str | None, real_search: int | None, started: float,
           first_visits: list | None = None) -> str:
    out = ["# Benchmark results", "", *machine_facts(), ""]
    out += ["## Builds (`mkdocs build --strict`)", "",
            "| site | pages | macros | wall s | CPU s | MkDocs says s | Pagefind wall / CPU s | peak RSS MB | output MB "
            "| files | lunr index KB | Pagefind index / total KB | on/off wall | on/off CPU | on/off CPU without Pagefind | load |",
            "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    by_key = {(b.site, b.mode): b for b in builds}
    for b in builds:
        ratio = ratio_cpu = ratio_net = ""
        off = by_key.get((b.site, "off"))
        if b.mode == "on" and off and off.ok and b.ok:
            ratio = f"{b.wall / off.wall:.2f}×"
            if b.cpu and off.cpu:
                ratio_cpu = f"{b.cpu / off.cpu:.2f}×"
                ratio_net = f"{(b.cpu - (b.pagefind_cpu or 0)) / off.cpu:.2f}×"
        if not b.ok:
            out.append(f"| {b.site} | {b.pages:,} | {b.mode} | failed ({b.wall:.0f} s) | | | | {mb(b.rss)} | | | | | | | {b.note} | {b.load:.1f} |")
            continue
        lunr = "—" if b.search_index is None else f"{b.search_index / 1024:,.0f}"
        pagefind = "—" if b.pagefind is None else f"{(b.pagefind_index or 0) / 1024:,.0f} / {b.pagefind / 1024:,.0f}"
        pagefind_time = "—" if b.pagefind_seconds is None else f"{b.pagefind_seconds:.1f} / {fmt(b.pagefind_cpu)}"
        out.append(f"| {b.site} | {b.pages:,} | {b.mode} | {b.wall:.1f} | {fmt(b.cpu)} | {fmt(b.reported)} | {pagefind_time} "
                   f"| {mb(b.rss)} | {mb(b.output)} | {b.files:,} | {lunr} | {pagefind} | {ratio} | {ratio_cpu} | {ratio_net} | {b.load:.1f} |")
    out.append("")
    synth = sorted({b.pages: b.site for b in builds if b.site.startswith("synthetic") and "without" not in b.site}.items())
    verdicts = []
    if len(synth) >= 2:
        (small_pages, small), (large_pages, large) = synth[0], synth[-1]
        out.append(f"Growth {large_pages:,}/{small_pages:,} pages ({large_pages / small_pages:.0f}× as many):")
        for mode in ("on", "off"):
            a, b = by_key.get((small, mode)), by_key.get((large, mode))
            if a and b and a.ok and b.ok:
                growth = b.wall / a.wall
                growth_cpu = b.cpu / a.cpu if a.cpu and b.cpu else None
                out.append(f"- macros {mode}: wall time {growth:.1f}×, CPU time {fmt(growth_cpu)}×, peak RSS {b.rss / max(a.rss, 1):.1f}×, "
                           f"output {b.output / max(a.output, 1):.1f}×")
                if mode == "on":
                    verdicts.append((f"Build time grows linearly: {large_pages:,} pages ≤ 11× the time of {small_pages:,} (CPU; wall {growth:.1f}×)",
                                     f"{fmt(growth_cpu)}×", (growth_cpu or growth) <= MAX_GROWTH))
        out.append("")
        on, off = by_key.get((large, "on")), by_key.get((large, "off"))
        if on and off and on.ok and off.ok and on.cpu and off.cpu:
            overhead = (on.cpu - (on.pagefind_cpu or 0)) / off.cpu - 1
            whole, wall = on.cpu / off.cpu - 1, on.wall / off.wall - 1
            verdicts.append((f"Loader and macros add ≤ 10% at {large_pages:,} pages (CPU time without Pagefind; "
                             f"with Pagefind +{whole * 100:.0f}%, wall time +{wall * 100:.0f}%)",
                             f"+{overhead * 100:.0f}%", overhead <= MAX_OVERHEAD))
        if on and on.ok:
            verdicts.append((f"Peak memory at {large_pages:,} pages ≤ 2 GiB", f"{on.rss / 2**20:,.0f} MB", on.rss <= MAX_RSS))
    if check:
        wall, own, pages = check
        out += ["## Content check alone", "",
                f"`python -m macros check` on the synthetic tree of {pages:,} pages, best of 3: "
                f"**{wall:.2f} s** wall time (including Python start-up and imports), of which {own:.2f} s reading and "
                "validating (as the check reports it).", ""]
        verdicts.append((f"Content check of {pages:,} pages < 3 s", f"{wall:.2f} s", wall < MAX_CHECK_SECONDS))
    if serves:
        out += ["## Incremental rebuild in `mkdocs serve` (real site)", "",
                "Time from saving one instrument page to the line in the server log; two edits in a row.", "",
                "| mode | start-up until 'Serving on' s | edit | until 'Documentation built in' s | until 'Reloading browsers' s |",
                "|---|--:|--:|--:|--:|"]
        for s in serves:
            if not s.rebuilds:
                out.append(f"| `mkdocs {s.mode}` | {fmt(s.initial)} | — | — | — {s.note} |")
            for number, (built, reloading) in enumerate(s.rebuilds, start=1):
                out.append(f"| `mkdocs {s.mode}` | {fmt(s.initial) if number == 1 else ''} | {number} | {fmt(built)} | {fmt(reloading)} |")
        out.append("")
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
        out += ["## Targets (issue 9)", "", "| target | measured | |", "|---|--:|---|"]
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
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--no-nav", action="store_true", help="skip the builds without navigation.prune (real site, smallest size)")
    parser.add_argument("--keep", action="store_true", help="keep bench/out/ projects and their site/ after the run")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per build before it is stopped (default 3 h)")
    parser.add_argument("--resume", action="store_true",
                        help="continue an interrupted run: reuse the snapshots in bench/out/ and skip the steps in bench/out/results.json")
    args = parser.parse_args(argv)
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
    serves: list[ServeResult] = []
    weight_text = real_search = check = None
    first_visits: list = []
    if previous:
        builds = [Build(**b) for b in previous["builds"] if b["ok"]]
        serves = [ServeResult(**{**s, "rebuilds": [tuple(r) for r in s["rebuilds"]]}) for s in previous["serves"]]
        weight_text, real_search, check = previous["weight_text"], previous["real_search"], previous["check"]
        first_visits = previous.get("first_visits", [])
        log(f"resuming: {len(builds)} builds done")
    done = {(b.site, b.mode) for b in builds}

    def save() -> None:  # partial results after every step: a long run that dies still leaves figures
        args.results.write_text(render(builds, check, serves, weight_text, real_search, started, first_visits),
                                encoding="utf-8")
        raw = {"builds": [asdict(b) for b in builds], "check": check, "serves": [asdict(s) for s in serves],
               "weight_text": weight_text, "real_search": real_search, "first_visits": first_visits,
               "machine": machine_facts()}
        (OUT / "results.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")

    def both(on: Path, site: str) -> None:
        if (site, "on") not in done:
            builds.append(build(on, site, "on"))
            save()
        if not args.no_off and (site, "off") not in done:
            off = make_off(on, on.with_name(on.name.replace("-on", "-off")))
            builds.append(build(off, site, "off"))
            save()
            if not args.keep:
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
        if not args.no_serve and not serves:
            serves = [serve_rebuild(real, dirty=False), serve_rebuild(real, dirty=True)]
        save()
    for size in sizes:
        project = OUT / f"synth-{size}-on"
        site = f"synthetic {size:,}"
        if {(site, "on"), (site, "off")} <= done and not (size == max(sizes) and not check):
            continue
        log(f"generate {size} pages …")
        generate.generate(size, project, args.seed)
        time_check(project, repeats=1)  # fail fast, with the check's own messages, on an invalid tree
        both(project, site)
        if size == min(sizes) and not args.no_nav:
            nav_variant(project, site)
        if size == max(sizes):
            log("content check, best of 3 …")
            wall, own = time_check(project)
            check = (wall, own, size)
        if not args.keep:
            shutil.rmtree(project / "site", ignore_errors=True)
        save()
    text = render(builds, check, serves, weight_text, real_search, started, first_visits)
    args.results.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(b.ok for b in builds) else 1


if __name__ == "__main__":
    sys.exit(main())

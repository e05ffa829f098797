"""The editor's preview, measured: seconds from saving a page to the served site showing it.

    .venv/bin/python bench/preview.py                 # a copy of the real project in a temp folder
    .venv/bin/python bench/preview.py --edits 5 --project bench/out/real-on

Starts `mkdocs serve` with the arguments of `make serve` (read from the Makefile) on a
free port, in a copy of the project (docs/ and data/ copied, code linked), so no file of
the working tree is touched. Then, `--edits` times: changes the title of an instrument of
the category "special" (those are named in the matrix), and polls three served pages
until each shows the new title: the instrument's page, its province page and the matrix.
Reports the seconds from the end of the file write to each page showing it; restores the
page and stops the server at the end. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TIMEOUT = 120.0
POLL = 0.05
PAGES = ("page", "province", "matrix")


def serve_command() -> tuple[dict[str, str], list[str]]:
    """Environment and arguments of the serve command as `make serve` runs it (`python -m macros serve …`)."""
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^serve:.*\n((?:\t.*\n)+)", makefile, re.M)
    line = next(line for line in recipe.group(1).splitlines() if " serve" in line)
    line = re.sub(r"\$\(if \$\(ADRES\),[^)]*\)", "", line.strip().lstrip("@"))  # the optional ADRES=… part
    words = shlex.split(line)
    program = next(i for i, word in enumerate(words) if "=" not in word)
    env = dict(word.split("=", 1) for word in words[:program])
    args = words[words.index("serve") + 1:]
    return env, args


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(target: Path) -> Path:
    """docs/, data/ and mkdocs.yml copied (they get edited), the code linked."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("docs", "data"):
        shutil.copytree(PROJECT / name, target / name)
    generate.link_code(target)
    return target


def pick_instrument(project: Path) -> tuple[Path, str, str]:
    """An instrument of the category 'special' (the matrix names those) and its province's slug."""
    for page in sorted((project / "docs" / "instrumenten").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        if re.search(r"^categorie:\s*special\s*$", text, re.M):
            province = re.search(r"^provincies:\s*\[\s*([a-z-]+)", text, re.M)
            title = re.search(r"^titel:\s*(.+)$", text, re.M)
            if province and title:
                return page, province.group(1), title.group(1).strip()
    raise SystemExit("no instrument of the category 'special' with a one-line title and provinces list")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of one process so far (Linux /proc), for a load-independent figure."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def measure(project: Path, edits: int = 3, log=print) -> list[dict]:
    """`edits` title changes; per edit the seconds until each page shows it (None: not within TIMEOUT)."""
    project = project.resolve()
    env_vars, args = serve_command()
    port = free_port()
    base = f"http://127.0.0.1:{port}/kennisbank/"
    command = [sys.executable, "-m", "macros", "serve", *args, "-a", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **env_vars}
    page, province, title = pick_instrument(project)
    urls = {
        "page": base + page.relative_to(project / "docs").with_suffix("").as_posix() + "/",
        "province": base + f"provincies/{province}/",
        "matrix": base + "overzichten/matrix/",
    }
    original = page.read_text(encoding="utf-8")
    lines: list[str] = []
    log(f"mkdocs serve {' '.join(args)} ({' '.join(f'{k}={v}' for k, v in env_vars.items())}) on port {port} …")
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, bufsize=1, start_new_session=True)
    threading.Thread(target=lambda: lines.extend(line.rstrip() for line in process.stdout), daemon=True).start()
    results: list[dict] = []
    try:
        started = time.perf_counter()
        while title not in fetch(urls["page"]):
            if process.poll() is not None or time.perf_counter() - started > 600:
                raise SystemExit("the server did not start:\n" + "\n".join(lines[-20:]))
            time.sleep(0.5)
        log(f"  serving after {time.perf_counter() - started:.1f} s")
        time.sleep(2)  # let the file watcher settle
        for number in range(1, edits + 1):
            new_title = f"{title} bewerkt {number}"
            text = re.sub(r"^titel:.*$", f"titel: {new_title}", original, count=1, flags=re.M)
            cpu_before = cpu_seconds(process.pid)
            page.write_text(text, encoding="utf-8")
            written = time.perf_counter()
            seen: dict[str, float | None] = {name: None for name in urls}
            while None in seen.values() and time.perf_counter() - written < TIMEOUT:
                for name, url in urls.items():
                    if seen[name] is None and new_title in fetch(url):
                        seen[name] = time.perf_counter() - written
                time.sleep(POLL)
            cpu_after = cpu_seconds(process.pid)
            results.append({**seen, "cpu": None if cpu_before is None or cpu_after is None else cpu_after - cpu_before,
                            "load": os.getloadavg()[0]})
            log(f"  edit {number}: " + ", ".join(f"{name} {'—' if s is None else f'{s:.2f} s'}" for name, s in seen.items())
                + f"; server CPU {results[-1]['cpu']:.2f} s, load {results[-1]['load']:.1f}")
            time.sleep(1.5)
    finally:
        page.write_text(original, encoding="utf-8")
        if process.poll() is None:
            os.killpg(process.pid, 2)  # SIGINT to the server we started (its own session)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
        (project / "preview.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Seconds from saving a page to the served site showing it.")
    parser.add_argument("--project", type=Path, help="a project folder to edit (default: a temp copy of this project)")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    if args.project:
        results = measure(args.project, args.edits)
    else:
        with tempfile.TemporaryDirectory(prefix="preview-") as tmp:
            results = measure(copy_project(Path(tmp) / "project"), args.edits)
    slowest = sorted(max(edit[name] for name in PAGES) for edit in results if all(edit[name] is not None for name in PAGES))
    if len(slowest) != len(results):
        print("Some pages never showed the change (stale).")
        return 1
    print(f"Median over {len(slowest)} edits, until every page shows the change: {slowest[len(slowest) // 2]:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

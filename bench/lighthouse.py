"""Lighthouse (mobile) on five reader pages, served with gzip as GitHub Pages serves them.

    .venv/bin/python bench/lighthouse.py                    # build the site, then measure (3 runs per page)
    .venv/bin/python bench/lighthouse.py --site /tmp/site   # measure an existing build (its root holds kennisbank/)
    .venv/bin/python bench/lighthouse.py --runs 5 --json bench/out/lighthouse.json

Builds the real site into a temporary folder under the path of `site_url` (/kennisbank/), serves
it on 127.0.0.1 with gzip for text files and GitHub Pages' `Cache-Control: max-age=600`, and runs
Lighthouse (pinned in bench/package.json, installed with `npm ci` on first use) in its default
mobile mode (simulated slow 4G and 4× CPU slowdown, Moto G Power screen) with Debian's Chromium
(`CHROME_PATH`, default /usr/bin/chromium). Prints per page the median score of each category
over the runs, the median of the key metrics, and every audit that kept a score below 100, so a
missed target names its cause. A benchmark, not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
BASE = "/kennisbank/"

PAGES = {
    "home": "",
    "province": "provincies/noord-holland/",
    "instrument": "instrumenten/utrecht-visie-en-leidraad-participatie/",
    "overview table": "overzichten/provincies/",
    "search": "zoeken/?q=integriteit",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".wasm", ".ics", ".csv", ".pf_meta", ".pf_index", ".pf_fragment")


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: gzip for text when asked, ten-minute caching."""

    def send_head(self):  # noqa: D102 - same contract as the base class
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash form
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts_gzip or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _BytesFile(body)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - quiet server
        pass


class _BytesFile:
    """What `send_head` returns: something `copyfile` can read and the caller can close."""

    def __init__(self, data: bytes):
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        pass


def build_site(root: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_GIT_DATES="false")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / BASE.strip("/"))],
                            cwd=PROJECT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("mkdocs build failed:\n" + result.stderr)


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(PagesHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{BASE}"


def run_lighthouse(url: str, chrome: str, out: Path) -> dict:
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env=dict(os.environ, CHROME_PATH=chrome), check=True, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def summarise(reports: list[dict]) -> dict:
    scores = {cat: statistics.median(round(r["categories"][cat]["score"] * 100) for r in reports) for cat in CATEGORIES}
    metrics = {name: statistics.median(r["audits"][key]["numericValue"] for r in reports) for key, name in METRICS.items()}
    losses: dict[str, str] = {}
    for report in reports:
        for category in CATEGORIES:
            for ref in report["categories"][category]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    losses[ref["id"]] = f"{category}: {audit['title']} ({audit.get('displayValue') or audit['score']})"
    return {"scores": scores, "metrics": metrics, "losses": losses}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site whose root holds kennisbank/ (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; medians are reported")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--json", type=Path, help="also write the summaries as JSON here")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages (repeatable)")
    args = parser.parse_args()

    ensure_lighthouse()
    with tempfile.TemporaryDirectory(prefix="kb-lighthouse-") as temp:
        root = args.site
        if root is None:
            root = Path(temp) / "site"
            build_site(root)
        server, base_url = serve(root)
        results = {}
        try:
            for name in args.page or PAGES:
                reports = [run_lighthouse(base_url + PAGES[name], args.chrome, Path(temp) / f"{run}.json")
                           for run in range(args.runs)]
                results[name] = summarise(reports)
                shown = " ".join(f"{cat} {score:.0f}" for cat, score in results[name]["scores"].items())
                print(f"{name}: {shown}", file=sys.stderr, flush=True)
        finally:
            server.shutdown()

    print(f"Lighthouse {lighthouse_version()}, mobile, {args.runs} runs per page (medians), gzip\n")
    print("| page | URL | performance | accessibility | best practices | SEO | FCP s | LCP s | TBT ms | CLS | SI s |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for name, result in results.items():
        s, m = result["scores"], result["metrics"]
        print(f"| {name} | `{BASE}{PAGES[name]}` | {s['performance']:.0f} | {s['accessibility']:.0f} | "
              f"{s['best-practices']:.0f} | {s['seo']:.0f} | {m['FCP'] / 1000:.1f} | {m['LCP'] / 1000:.1f} | "
              f"{m['TBT']:.0f} | {m['CLS']:.3f} | {m['SI'] / 1000:.1f} |")
    missed = [f"{name}: {cat} {result['scores'][cat]:.0f} < {target}" for name, result in results.items()
              for cat, target in TARGETS.items() if result["scores"][cat] < target]
    print("\nTargets (performance ≥ 95, the others 100): " + ("all met" if not missed else "missed: " + "; ".join(missed)))
    for name, result in results.items():
        for reason in result["losses"].values():
            print(f"- {name}: {reason}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


def lighthouse_version() -> str:
    package = json.loads((HERE / "node_modules" / "lighthouse" / "package.json").read_text(encoding="utf-8"))
    return package["version"]


if __name__ == "__main__":
    shutil.which("npm") or sys.exit("npm is needed to install Lighthouse (bench/package.json)")
    sys.exit(main())

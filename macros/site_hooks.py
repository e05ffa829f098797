"""MkDocs hooks (registered in mkdocs.yml): add the open-data exports to the site.

Exports are added as generated files in `on_files`, so pages can link to them
and `mkdocs build --strict` checks those links. They are computed from the index
that the macros plugin built in `on_config`; nothing is read again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.structure.files import File

# MkDocs loads this file by path; make the project's `macros` package importable.
PROJECT_DIR = str(Path(__file__).resolve().parent.parent)
if PROJECT_DIR not in sys.path:
    sys.path.insert(0, PROJECT_DIR)

from macros.exports import export_files  # noqa: E402
from macros.index import build_date  # noqa: E402


def on_files(files, config):
    index = config.plugins["macros"].variables["_kennisbank"]["index"]
    site_url = config.site_url or "/"
    for path, content in export_files(index, site_url, build_date()).items():
        files.append(File.generated(config, path, content=content))
    return files

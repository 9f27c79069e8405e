"""The repository's own hygiene: every declared dependency is used by the program, and
the scripts beside it (bench/, sample_data/, tests/, scripts/) run as modules without
editing sys.path."""

from __future__ import annotations

import re
import tomllib

from tests.pty_run import ROOT

# distribution name -> the module it is imported as
IMPORT_NAMES = {"python-calamine": "python_calamine", "python-stdnum": "stdnum", "python-docx": "docx",
                "chinese-calendar": "chinese_calendar", "tomli-w": "tomli_w", "msoffcrypto-tool": "msoffcrypto",
                "pillow": "PIL"}


def _declared(group: list[str]) -> list[str]:
    return [re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].lower() for spec in group]


def _imported_by(folder: str) -> set[str]:
    found: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        for m in re.finditer(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", path.read_text(encoding="utf-8"), re.M):
            found.add(m.group(1))
    return found


def test_every_runtime_dependency_is_imported_by_the_program():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    used = _imported_by("cadre_cli")
    unused = [d for d in _declared(project["dependencies"]) if IMPORT_NAMES.get(d, d.replace("-", "_")) not in used]
    assert unused == [], f"declared but never imported by cadre_cli: {unused}"
    # pandas is only the benchmark's baseline: an extra, not a dependency
    assert "pandas" not in _declared(project["dependencies"])
    assert "pandas" in _declared(project["optional-dependencies"]["bench"])
    assert "ruff" in _declared(project["optional-dependencies"]["dev"])


def test_scripts_do_not_edit_sys_path():
    pattern = re.compile(r"sys\.path\.(insert|append)")
    offenders = [str(p.relative_to(ROOT)) for folder in ("bench", "sample_data", "tests", "scripts")
                 for p in (ROOT / folder).rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == [], f"run these as modules (python -m …) instead: {offenders}"

"""The flagger is plain Python: importing it (and the command) never imports Django."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "crisisdesk" / "review" / "flagger"


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(part for part in parts if part != "__init__"))
    return names


def test_importing_the_flagger_and_its_command_does_not_import_django() -> None:
    script = "\n".join(
        [
            "import importlib, json, sys",
            "sys.modules['django'] = None  # any import of Django now fails",
            f"for name in {_modules()!r} + ['crisisdesk.review.cli']:",
            "    importlib.import_module(name)",
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('django'))))",
        ]
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["django"]  # only the blocker itself


def test_no_flagger_module_mentions_django_even_in_a_function() -> None:
    for path in [*PACKAGE.rglob("*.py"), ROOT / "crisisdesk" / "review" / "cli.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] == "django" for name in names), path

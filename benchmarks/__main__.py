"""Runs every benchmark module in this package (each has a `run()`) and prints its figures.

`python -m benchmarks` runs them all; `python -m benchmarks NAME...` runs the named ones.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(names: list[str]) -> None:
    available = sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if not module.name.startswith("_")
    )
    unknown = sorted(set(names) - set(available))
    if unknown:
        raise SystemExit(
            f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(available)}"
        )
    for name in names or available:
        print(f"== {name}")
        importlib.import_module(f"benchmarks.{name}").run()


if __name__ == "__main__":
    main(sys.argv[1:])

"""Runs every benchmark in this package and prints its figures."""

from __future__ import annotations

from benchmarks import audit_chain


def main() -> None:
    for benchmark in (audit_chain,):
        benchmark.run()


if __name__ == "__main__":
    main()

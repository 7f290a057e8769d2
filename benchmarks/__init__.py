"""Benchmarks: `make bench` runs each and prints its figures."""

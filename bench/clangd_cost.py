#!/usr/bin/env python3
"""The check's cost inside resource-clangd, as clangd itself measures it.

  bench/clangd_cost.py [--clangd PATH] [--runs N] BUILD_DIR:FILE ...

For each file, runs `resource-clangd --check=FILE --check-lines=1
--check-tidy-time=resource-*` with the compilation database of BUILD_DIR:
clangd rebuilds the file's AST with and without the check until the
difference is stable and prints the check's share of the build. Reports the
median of N runs per file, and the budget clangd's own table of fast checks
uses (clang-tools-extra/clangd/TidyFastChecks.py: fast below 8%, slow above
15%). Exit status 1 if a file is over 8%.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FAST_PERCENT = 8


def measure(clangd, build_dir, path):
    env = dict(os.environ, XDG_CONFIG_HOME=tempfile.mkdtemp())
    out = subprocess.run(
        [clangd, f"--compile-commands-dir={build_dir}", f"--check={path}",
         "--check-lines=1", "--check-tidy-time=resource-*"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=env).stdout
    baseline = re.search(r"Baseline = (\d+) ns", out)
    # One share per resource check; together they are the module's cost.
    shares = re.findall(r"resource-[\w-]+ = (-?\d+)%", out)
    if not baseline or not shares:
        sys.exit(f"error: no timing for {path}:\n{out[-2000:]}")
    return int(baseline.group(1)) / 1e6, sum(int(s) for s in shares)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clangd", default=os.path.join(
        HERE, "..", "build", "bin", "resource-clangd"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("files", nargs="+", metavar="BUILD_DIR:FILE")
    args = parser.parse_args()

    print("| file | lines | AST build | check's share | budget |")
    print("| --- | ---: | ---: | ---: | --- |")
    over = False
    for spec in args.files:
        build_dir, path = spec.split(":", 1)
        runs = [measure(args.clangd, build_dir, path) for _ in range(args.runs)]
        build_ms = statistics.median(r[0] for r in runs)
        share = statistics.median(r[1] for r in runs)
        with open(path, errors="replace") as f:
            lines = sum(1 for _ in f)
        ok = share < FAST_PERCENT
        over |= not ok
        # The file relative to the directory above its checkout.
        name = os.path.relpath(path, os.path.dirname(os.path.dirname(
            os.path.abspath(build_dir))))
        print(f"| {name} | {lines} | {build_ms:.0f} ms | {share}% | "
              f"< {FAST_PERCENT}%: {'ok' if ok else 'OVER'} |")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

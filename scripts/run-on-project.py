#!/usr/bin/env python3
"""Runs resource-tidy over every translation unit of a project.

Usage:
  scripts/run-on-project.py --build-dir DIR [--plugin SO] [--clang-tidy BIN]
                            [--jobs N] [--name NAME] [--with-index] CHECKOUT

DIR must hold compile_commands.json (configure the project with
-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or use `bear`). Nothing is downloaded.
Prints one Markdown table row:
  | project | commit | TUs | lines | reports | crashes | seconds |
(reports: distinct locations; a header's report counts once, not once per
translation unit that includes it)
and, with --reports FILE, writes every diagnostic (with notes) to FILE for
triage. Lines are the non-blank lines of the C/C++ sources and headers under
CHECKOUT, outside the build directory.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time

SOURCE_EXT = (".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp", ".hxx")
CRASH = re.compile(r"Stack dump|PLEASE submit a bug report|Segmentation fault")
REPORT = re.compile(r"warning: .*\[(resource-[\w-]+)\]$")


def count_lines(root, exclude):
    total = 0
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git" and
                   os.path.join(directory, d) != exclude]
        for name in files:
            if name.endswith(SOURCE_EXT):
                try:
                    with open(os.path.join(directory, name), "rb") as f:
                        total += sum(1 for line in f if line.strip())
                except OSError:
                    pass
    return total


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("checkout")
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--plugin",
                        default=os.path.join(here, "..", "build", "lib",
                                             "ResourceTidy.so"))
    parser.add_argument("--clang-tidy",
                        default="/usr/lib/llvm-22/bin/clang-tidy")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--name")
    parser.add_argument("--checks", default="resource-*",
                        help="the checks to run (clang-tidy's glob syntax)")
    parser.add_argument("--reports")
    parser.add_argument("--with-index", action="store_true",
                        help="first build the project's summary index with "
                        "`resource-tidy --build-index` (the build's "
                        "bin/resource-tidy), as `resource-tidy -p` does, "
                        "and check with it")
    args = parser.parse_args()

    database = os.path.join(args.build_dir, "compile_commands.json")
    if not os.path.exists(database):
        sys.exit(f"error: no compile_commands.json in {args.build_dir}")
    with open(database) as f:
        files = sorted({os.path.join(e["directory"], e["file"])
                        for e in json.load(f)})

    start = time.time()
    env = None
    if args.with_index:
        tool = os.path.join(os.path.dirname(args.plugin), "..", "bin",
                            "resource-tidy")
        index = subprocess.run(
            [tool, "--build-index", "-p", args.build_dir,
             f"--plugin={args.plugin}", f"--clang-tidy={args.clang_tidy}",
             f"--jobs={args.jobs}"],
            stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
        env = dict(os.environ, RESOURCE_TIDY_SUMMARY_INDEX=index)

    def run(path):
        proc = subprocess.run(
            [args.clang_tidy, f"--load={args.plugin}",
             f"--checks=-*,{args.checks}", "--quiet",
             "-p", args.build_dir, path],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            errors="replace", env=env)
        return path, proc.stdout

    # A report in a header shows up once per TU including it: count each
    # location once.
    reports, crashes, output = set(), 0, []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for path, text in pool.map(run, files):
            for line in text.splitlines():
                if REPORT.search(line):
                    location, _, message = line.partition(": warning: ")
                    reports.add((os.path.realpath(location.rsplit(":", 2)[0]),
                                 tuple(location.rsplit(":", 2)[1:]), message))
            if CRASH.search(text):
                crashes += 1
                output.append(f"CRASH in {path}\n")
            output.append(text)
    elapsed = time.time() - start

    commit = subprocess.run(["git", "-C", args.checkout, "rev-parse",
                             "--short=12", "HEAD"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True).stdout.strip()
    lines = count_lines(os.path.abspath(args.checkout),
                        os.path.abspath(args.build_dir))
    name = args.name or os.path.basename(os.path.abspath(args.checkout))
    if args.reports:
        with open(args.reports, "w") as f:
            f.writelines(output)
    print(f"| {name} | {commit or '-'} | {len(files)} | {lines} | {len(reports)} "
          f"| {crashes} | {elapsed:.0f} |")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())

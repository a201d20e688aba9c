#!/usr/bin/env python3
"""Crash-freedom driver: runs the check on damaged copies of test inputs.

  mutate.py --clang-tidy BIN --plugin SO [--seed N] [--per-file K]
            [--timeout S] [--jobs J] DIR

For every .c/.cpp file under DIR, makes K mutants by deleting 1 to 3 random
tokens (seeded: the same seed gives the same mutants), runs clang-tidy with
--fix-errors on each, and counts crashes (a signal, a stack dump) and hangs
(over the timeout). Compile errors are expected and fine. Ends with
`mutations: N runs, C crashes, H hangs` and exits 1 when C or H is not 0,
after printing how to reproduce each one.
"""
import argparse
import concurrent.futures
import os
import random
import re
import sys
import tempfile

from crashcheck import run_checked

TOKEN = re.compile(r"[A-Za-z_]\w*|\d+|\S")


def mutants(path, text, rng, count):
    tokens = [m.span() for m in TOKEN.finditer(text)]
    # Keep the RUN and CHECK lines' comments out of it: mutate code only.
    code = [span for span in tokens
            if not text[max(0, text.rfind("\n", 0, span[0])):span[0]]
            .lstrip().startswith("//")]
    for index in range(count):
        chosen = sorted(rng.sample(code, min(len(code), rng.randint(1, 3))),
                        reverse=True)
        mutated = text
        for start, end in chosen:
            mutated = mutated[:start] + mutated[end:]
        yield index, [text[s:e] for s, e in sorted(chosen)], mutated


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-file", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("dir")
    args = parser.parse_args()

    inputs = sorted(os.path.join(root, name)
                    for root, _, names in os.walk(args.dir)
                    for name in names
                    if name.endswith((".c", ".cpp")) and "Inputs" not in root)
    libs = os.path.join(args.dir, "Inputs", "libs")
    work = tempfile.mkdtemp(prefix="mutate.")
    jobs = []
    for path in inputs:
        rng = random.Random(f"{args.seed}:{os.path.basename(path)}")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for index, deleted, mutated in mutants(path, text, rng, args.per_file):
            ext = os.path.splitext(path)[1]
            out = os.path.join(
                work, f"{os.path.basename(path)}.{index}{ext}")
            with open(out, "w", encoding="utf-8") as f:
                f.write(mutated)
            flags = ["-isystem", libs, "-isystem",
                     os.path.join(args.dir, "Inputs"), "-D_GNU_SOURCE"]
            if ext == ".cpp":
                flags.append("-std=c++20")
            jobs.append((path, index, deleted, out, flags))

    def run(job):
        path, index, deleted, out, flags = job
        cmd = [args.clang_tidy, f"--load={args.plugin}",
               "--checks=-*,resource-*", "--fix-errors", "--quiet", out,
               "--"] + flags
        return run_checked(cmd, args.timeout)[0], job

    crashes, hangs = [], []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for verdict, job in pool.map(run, jobs):
            if verdict == "crash":
                crashes.append(job)
            elif verdict == "hang":
                hangs.append(job)
    for kind, found in (("crash", crashes), ("hang", hangs)):
        for path, index, deleted, out, _ in found:
            print(f"{kind}: {path} mutant {index} (seed {args.seed}), "
                  f"deleted {deleted}: {out}")
    print(f"mutations: {len(jobs)} runs, {len(crashes)} crashes, "
          f"{len(hangs)} hangs")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Crash-freedom on random programs: csmith output with handle code injected.

  csmith_driver.py --clang-tidy BIN --plugin SO [--seed N] [--count K]
                   [--timeout S] [--jobs J]

Generates K programs with csmith (seeds N..N+K-1), injects socket/close
lifecycles (with reassignments and branches on csmith's own globals) at the
start of every function so the flow analysis runs over csmith's control flow,
and runs the check on each. Ends with
`csmith: K programs, C crashes, H hangs` and exits 1 when C or H is not 0.
Needs Debian's csmith and libcsmith-dev.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

from crashcheck import run_checked

PRELUDE = "#include <sys/socket.h>\n#include <unistd.h>\n"
# Injected after each function's first line of body: a leak on some paths,
# a guarded close, and a loop, driven by a csmith-visible value.
INJECTED = (" int rt_fd = socket(2, 1, 0); if (rt_fd > {n}) close(rt_fd);"
            " for (int rt_i = 0; rt_i < {n}; ++rt_i) {{ if (rt_fd >= 0)"
            " close(rt_fd); rt_fd = socket(2, 1, 0); }}"
            " rt_fd = socket(2, 1, 0); close(rt_fd);")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--csmith", default="csmith")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="csmith.")

    def one(seed):
        # csmith writes platform.info into its working directory: one each,
        # or two runs at once race on it (and csmith fails).
        own = tempfile.mkdtemp(prefix=f"seed{seed}.", dir=work)
        source = subprocess.run(
            [args.csmith, "--seed", str(seed), "--max-funcs", "6",
             "--max-block-depth", "4"], stdout=subprocess.PIPE, text=True,
            check=True, cwd=own).stdout
        counter = iter(range(1, 1 << 30))
        # Function bodies open at column 0 with csmith's block comment.
        source, injected = re.subn(
            r"^\{ /\* block id: \d+ \*/$",
            lambda m: m.group(0) + INJECTED.format(n=next(counter) % 5 + 1),
            source, flags=re.M)
        path = os.path.join(work, f"csmith{seed}.c")
        with open(path, "w") as f:
            f.write(PRELUDE + source)
        cmd = [args.clang_tidy, f"--load={args.plugin}",
               "--checks=-*,resource-*", "--quiet", path, "--",
               "-I/usr/include/csmith", "-w"]
        verdict, output = run_checked(cmd, args.timeout)
        if verdict != "ok":
            return verdict, path
        # Every injected lifecycle leaks on some path: the analysis must
        # have run on each function (a silent run would prove nothing).
        if output.count("warning: 'rt_fd'") < injected:
            return "unanalysed", path
        return "ok", path

    seeds = range(args.seed, args.seed + args.count)
    results = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, seeds))
    crashes = [p for verdict, p in results if verdict == "crash"]
    hangs = [p for verdict, p in results if verdict == "hang"]
    for path in (p for verdict, p in results if verdict == "unanalysed"):
        print(f"not analysed (fewer reports than injected leaks): {path}")
    for path in crashes:
        print(f"crash: {path}")
    for path in hangs:
        print(f"hang: {path}")
    print(f"csmith: {len(results)} programs, {len(crashes)} crashes, "
          f"{len(hangs)} hangs")
    analysed = sum(1 for verdict, _ in results if verdict == "ok")
    print(f"csmith: {analysed} of {len(results)} fully analysed")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())

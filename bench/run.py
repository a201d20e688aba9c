#!/usr/bin/env python3
"""The resource-tidy benchmark: one command, budgets checked.

  bench/run.py [--runs N] [--project CHECKOUT --build-dir DIR] [--max-tus N]
               [--instructions]

Runs clang-tidy with the resource checks (--checks, all of them by default:
they share one analysis per translation unit) and, interleaved on the
same inputs, the same clang-tidy with only a trivial check
(-*,misc-unused-parameters). Reports the median CPU time (user + system)
of N runs, the ratio, and peak memory (max RSS of the clang-tidy process, from wait4) for:
  1. a generated dense file (~25k lines of socket/file/pipe lifecycles);
  2. one generated function of 1k, 10k and 100k statements with 20 handles
     (MaxAnalysisCost raised so the analysis really runs), to show how cost
     grows with function size;
  3. the translation units of a real project, when --project is given;
  4. for those, the summary index: `resource-tidy -p` (one job) from
     nothing, which indexes while it checks, against the same command with
     every shard current; `resource-tidy --build-index` alone; and the
     check with the index.
With --instructions, each real-project row also counts the instructions
of one run of each command under valgrind: CPU time on a virtual machine
moves by tens of percent between runs, an instruction count does not.
Budgets (exit status 1 if one is missed): dense <= 1.5x time, real project
<= 1.05x time with and without the index, time per statement from 1k to
100k statements within 2x, peak memory <= 1.2x, the index from nothing
<= 0.3x the check's time (what `resource-tidy -p` from nothing costs more
than with every shard current).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TRIVIAL = "-*,misc-unused-parameters"


def measure(cmd):
    """CPU seconds (user + system, of cmd and the processes it waited for),
    peak RSS (MiB) and wall seconds of one run of cmd. Budgets are on CPU
    time: what else runs on the machine changes the wall time of a run by
    more than the budgets being measured."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) < 0:
        sys.exit(f"error: crashed: {' '.join(cmd)}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, wall


def instructions(cmd):
    """Instructions cmd executes (valgrind's cachegrind, no cache
    simulation): unlike CPU time on a shared or virtual machine, the same
    count every run, so a change of a few percent shows."""
    proc = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                           "--cachegrind-out-file=/dev/null", *cmd],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    for line in proc.stderr.splitlines():
        if "I" in line and "refs:" in line:
            return int(line.split("refs:")[1].replace(",", "").strip())
    sys.exit(f"error: no instruction count from valgrind: {' '.join(cmd)}")


class Bench:
    def __init__(self, args):
        self.args = args
        self.rows = []
        self.index_rows = []
        self.failures = []

    def tidy(self, checks, files, extra=(), build_dir=None):
        cmd = [self.args.clang_tidy, f"--load={self.args.plugin}",
               f"--checks={checks}", "--quiet", *extra]
        if build_dir:
            cmd += ["-p", build_dir, *files]
        else:
            cmd += [*files, "--"]
        return cmd

    def compare(self, name, make_cmd, runs, time_budget=None,
                memory_budget=1.2, count_instructions=False):
        """Interleaved runs of ours and the trivial check on one input."""
        ours_t, base_t, ours_m, base_m, ours_w, base_w = [], [], [], [], [], []
        for _ in range(runs):
            t, m, w = measure(make_cmd(TRIVIAL))
            base_t.append(t)
            base_m.append(m)
            base_w.append(w)
            t, m, w = measure(make_cmd("-*," + self.args.checks))
            ours_t.append(t)
            ours_m.append(m)
            ours_w.append(w)
        row = {
            "input": name,
            "trivial_s": statistics.median(base_t),
            "ours_s": statistics.median(ours_t),
            "trivial_mib": max(base_m),
            "ours_mib": max(ours_m),
            "wall_ratio": statistics.median(ours_w) / statistics.median(base_w),
        }
        row["ratio"] = row["ours_s"] / row["trivial_s"]
        row["memory_ratio"] = row["ours_mib"] / row["trivial_mib"]
        verdicts = []
        if time_budget:
            ok = row["ratio"] <= time_budget
            verdicts.append(f"time <= {time_budget}x: {'ok' if ok else 'MISSED'}")
            if not ok:
                self.failures.append(f"{name}: time {row['ratio']:.2f}x")
        if memory_budget:
            ok = row["memory_ratio"] <= memory_budget
            verdicts.append(
                f"memory <= {memory_budget}x: {'ok' if ok else 'MISSED'}")
            if not ok:
                self.failures.append(f"{name}: memory {row['memory_ratio']:.2f}x")
        row["budget"] = "; ".join(verdicts) or "-"
        if count_instructions:
            row["trivial_ir"] = instructions(make_cmd(TRIVIAL))
            row["ours_ir"] = instructions(make_cmd("-*," + self.args.checks))
            row["ir_ratio"] = row["ours_ir"] / row["trivial_ir"]
            print(f"  {name}: {row['ours_ir']:,} vs {row['trivial_ir']:,} "
                  f"instructions ({row['ir_ratio']:.3f}x)", flush=True)
        self.rows.append(row)
        print(f"  {name}: {row['ours_s']:.3f}s vs {row['trivial_s']:.3f}s "
              f"CPU ({row['ratio']:.2f}x; wall {row['wall_ratio']:.2f}x), "
              f"{row['ours_mib']:.0f} vs "
              f"{row['trivial_mib']:.0f} MiB ({row['memory_ratio']:.2f}x)",
              flush=True)
        return row

    def index_cost(self, build, files, work, runs):
        """The summary index of `files`: `resource-tidy -p` (one job) from
        nothing, indexing while it checks, against the same command with
        every shard current (the check alone, with the index); and
        `resource-tidy --build-index` on its own (what plain clang-tidy
        users run first). Returns the index's path."""
        with open(os.path.join(build, "compile_commands.json")) as f:
            wanted = set(files)
            entries = [e for e in json.load(f)
                       if os.path.join(e["directory"], e["file"]) in wanted]
        database = os.path.join(work, "index-db")
        os.makedirs(database, exist_ok=True)
        with open(os.path.join(database, "compile_commands.json"), "w") as f:
            json.dump(entries, f)
        tool = os.path.join(os.path.dirname(self.args.plugin), "..", "bin",
                            "resource-tidy")
        common = ["-p", database, "--jobs=1", "--no-fail-on-findings",
                  f"--checks=-*,{self.args.checks}",
                  f"--plugin={self.args.plugin}",
                  f"--clang-tidy={self.args.clang_tidy}"]
        index_dir = os.path.join(database, ".resource-tidy")
        cold, warm, alone = [], [], []
        for _ in range(runs):
            shutil.rmtree(index_dir, ignore_errors=True)
            cold.append(measure([tool, *common])[0])
            warm.append(measure([tool, *common])[0])
            shutil.rmtree(index_dir, ignore_errors=True)
            alone.append(measure([tool, "--build-index", *common])[0])
        # Leave a complete index for the check that uses it.
        measure([tool, *common])
        row = {"cold_s": statistics.median(cold),
               "warm_s": statistics.median(warm),
               "build_index_s": statistics.median(alone)}
        self.index_rows.append(row)
        ratio = (row["cold_s"] - row["warm_s"]) / row["warm_s"]
        verdict = "ok" if ratio <= 0.3 else "MISSED"
        print(f"  resource-tidy -p from nothing: {row['cold_s']:.3f}s, every "
              f"shard current: {row['warm_s']:.3f}s: the index costs "
              f"{ratio:.2f}x the check (budget 0.3x: {verdict}); "
              f"--build-index alone: {row['build_index_s']:.3f}s "
              f"({row['build_index_s'] / row['warm_s']:.2f}x)", flush=True)
        if ratio > 0.3:
            self.failures.append(f"index from nothing costs {ratio:.2f}x "
                                 f"the check")
        return os.path.join(index_dir, "summaries.json")

    def table(self):
        lines = ["| input | trivial check (CPU) | resource-tidy (CPU) | ratio "
                 "| wall ratio | instructions ratio "
                 "| peak MiB (trivial / ours) | memory ratio | budget |",
                 "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                 "| --- |"]
        for r in self.rows:
            ir = f"{r['ir_ratio']:.3f}x" if "ir_ratio" in r else "-"
            lines.append(
                f"| {r['input']} | {r['trivial_s']:.3f} s | {r['ours_s']:.3f} s "
                f"| {r['ratio']:.2f}x | {r['wall_ratio']:.2f}x | {ir} "
                f"| {r['trivial_mib']:.0f} / "
                f"{r['ours_mib']:.0f} | {r['memory_ratio']:.2f}x | "
                f"{r['budget']} |")
        return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project")
    parser.add_argument("--build-dir")
    parser.add_argument("--max-tus", type=int, default=40)
    parser.add_argument("--plugin",
                        default=os.path.join(HERE, "..", "build", "lib",
                                             "ResourceTidy.so"))
    parser.add_argument("--clang-tidy",
                        default="/usr/lib/llvm-22/bin/clang-tidy")
    parser.add_argument("--json")
    parser.add_argument("--checks", default="resource-*",
                        help="the checks measured (clang-tidy's glob syntax)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the instructions of one run of each "
                        "real-project row under valgrind (about 30 times "
                        "slower, the same count every run)")
    args = parser.parse_args()
    if args.instructions and not shutil.which("valgrind"):
        sys.exit("error: --instructions needs valgrind")
    if not os.path.exists(args.plugin):
        sys.exit(f"error: build the plugin first ({args.plugin} is missing)")
    bench = Bench(args)
    generate = [sys.executable, os.path.join(HERE, "generate.py")]

    with tempfile.TemporaryDirectory() as work:
        print("1. dense file", flush=True)
        dense = os.path.join(work, "dense.c")
        subprocess.run(generate + ["dense", dense, "--functions", "340"],
                       check=True)
        # A fifth of a second per run: its median needs more runs to hold
        # still than the real project's.
        bench.compare("dense file (25k lines)",
                      lambda checks: bench.tidy(checks, [dense]),
                      max(args.runs, 15), time_budget=1.5)

        print("2. one long function", flush=True)
        per_statement = {}
        for statements in (1000, 10000, 100000):
            path = os.path.join(work, f"long{statements}.c")
            subprocess.run(generate + ["long", path, "--statements",
                                       str(statements)], check=True)
            # Raise the budget so the analysis runs instead of skipping.
            config = ["--config={CheckOptions: {resource-unclosed-"
                      "reassignment.MaxAnalysisCost: 4000000000}}"]
            row = bench.compare(
                f"one function, {statements} statements",
                lambda checks, p=path: bench.tidy(checks, [p], config),
                max(3, args.runs // 2), memory_budget=None)
            per_statement[statements] = row["ours_s"] / statements
        growth = per_statement[100000] / per_statement[1000]
        verdict = "ok" if growth <= 2.0 else "MISSED"
        print(f"  time per statement, 100k vs 1k: {growth:.2f}x ({verdict})")
        if growth > 2.0:
            bench.failures.append(f"time per statement grows {growth:.2f}x")

        if args.project:
            print("3. real project", flush=True)
            build = args.build_dir or os.path.join(args.project, "build")
            with open(os.path.join(build, "compile_commands.json")) as f:
                files = sorted({os.path.join(e["directory"], e["file"])
                                for e in json.load(f)})[:args.max_tus]
            name = (f"{os.path.basename(os.path.abspath(args.project))} "
                    f"({len(files)} TUs)")
            bench.compare(
                name, lambda checks: bench.tidy(checks, files, build_dir=build),
                max(3, args.runs // 2), time_budget=1.05,
                count_instructions=args.instructions)

            print("4. the summary index of the same files", flush=True)
            index = bench.index_cost(build, files, work,
                                     max(3, args.runs // 2))
            config = ["--config={CheckOptions: {SummaryIndex: '%s'}}" % index]
            bench.compare(
                f"{name}, with the summary index",
                lambda checks: bench.tidy(checks, files, config,
                                          build_dir=build),
                max(3, args.runs // 2), time_budget=1.05,
                count_instructions=args.instructions)

    print()
    print(bench.table())
    print()
    print(f"time per statement, 100k vs 1k statements: {growth:.2f}x "
          f"(budget 2x)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": bench.rows, "index": bench.index_rows,
                       "per_statement_growth": growth}, f,
                      indent=2)
    if bench.failures:
        print("budgets missed: " + "; ".join(bench.failures))
        return 1
    print("all budgets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())

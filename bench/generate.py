#!/usr/bin/env python3
"""Generates C inputs for the resource-tidy benchmark.

  generate.py dense OUT.c [--functions N]
      Hundreds of functions full of socket, file and pipe lifecycles with
      branches, loops, switches, early returns and a few leaks (~25k lines
      with the default 450 functions).
  generate.py long OUT.c --statements N [--handles K]
      One function with about N statements over K handle variables, to show
      how the cost grows with function size.

Output is deterministic (seeded), so runs are comparable.
"""
import argparse
import random

HEADER = """#include <fcntl.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int work(int);
"""


def dense_function(rng, index):
    fd, fp, p = f"fd{index}", f"fp{index}", f"p{index}"
    lines = [f"int session_{index}(int mode, int n, const char *path) {{",
             f"  int {fd} = socket(AF_INET, SOCK_STREAM, 0);",
             f"  FILE *{fp} = NULL;",
             f"  int {p}[2] = {{-1, -1}};",
             f"  if ({fd} < 0)",
             "    return -1;"]
    for step in range(rng.randint(8, 14)):
        kind = rng.randrange(7)
        if kind == 0:
            lines += [f"  if (mode & {1 << (step % 8)}) {{",
                      f"    send({fd}, \"ping\", 4, 0);",
                      f"  }} else if (work(mode) > {step}) {{",
                      f"    close({fd});",
                      f"    {fd} = socket(AF_INET, SOCK_DGRAM, 0);",
                      "  }"]
        elif kind == 1:
            lines += ["  for (int i = 0; i < n; ++i) {",
                      f"    if (work(i) == {step})",
                      "      break;",
                      f"    write({fd}, \"x\", 1);",
                      "  }"]
        elif kind == 2:
            lines += ["  switch (mode % 4) {",
                      "  case 0:",
                      f"    if ({fp})",
                      f"      fclose({fp});",
                      f"    {fp} = fopen(path, \"r\");",
                      "    break;",
                      "  case 1:",
                      f"    fprintf({fp} ? {fp} : stderr, \"%d\\n\", n);",
                      "    break;",
                      "  default:",
                      "    break;",
                      "  }"]
        elif kind == 3:
            lines += [f"  if (pipe({p}) == 0) {{",
                      f"    write({p}[1], \"y\", 1);",
                      f"    close({p}[0]);",
                      f"    close({p}[1]);",
                      "  }"]
        elif kind == 4:
            lines += [f"  while (work(n) > {step}) {{",
                      f"    int client = accept({fd}, 0, 0);",
                      "    if (client < 0)",
                      "      continue;",
                      "    write(client, \"hi\", 2);",
                      "    close(client);",
                      "  }"]
        elif kind == 5:
            # A leak now and then, as real code has.
            lines += [f"  if (work({step}) == 7)",
                      f"    {fd} = socket(AF_INET, SOCK_STREAM, 0);"]
        else:
            lines += [f"  if (mode == {step})",
                      "    goto out;"]
    lines += ["out:",
              f"  if ({fp})",
              f"    fclose({fp});",
              f"  close({fd});",
              "  return 0;",
              "}",
              ""]
    return lines


def long_function(statements, handles):
    lines = ["void long_function(int c, int n) {"]
    lines += [f"  int h{k} = -1;" for k in range(handles)]
    emitted = 0
    i = 0
    while emitted < statements:
        k = i % handles
        block = [f"  if (c > {i}) {{ if (h{k} >= 0) close(h{k}); "
                 f"h{k} = socket(AF_INET, SOCK_STREAM, 0); }}",
                 f"  else if (c == {i}) send(h{k}, \"x\", 1, 0);",
                 f"  for (int k{i} = 0; k{i} < n; ++k{i}) write(h{k}, \"y\", 1);",
                 f"  c = c ^ {i};"]
        lines += block
        emitted += len(block)
        i += 1
    lines += [f"  close(h{k});" for k in range(handles)]
    lines.append("}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kind", choices=["dense", "long"])
    parser.add_argument("output")
    parser.add_argument("--functions", type=int, default=450)
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--handles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lines = HEADER.splitlines()
    if args.kind == "dense":
        for index in range(args.functions):
            lines += dense_function(rng, index)
    else:
        lines += long_function(args.statements, args.handles)
    with open(args.output, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

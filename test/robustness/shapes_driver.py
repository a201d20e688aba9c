#!/usr/bin/env python3
"""Crash-freedom on the shapes real C and C++ are made of.

  shapes_driver.py --clang-tidy BIN --plugin SO --clang CLANG [--seed N]
                   [--count K] [--timeout S] [--jobs J] [--fix]
                   [--clangd RESOURCE_CLANGD] [--keep DIR]

csmith programs are plain C over scalars; real code keeps its descriptors in
structs of structs, arrays of structs, unions, bitfields, field arrays filled
by pipe(), initialises them with designated and brace-elided initialisers and
compound literals, and (in C++) in containers, templates, lambdas, try blocks
and classes whose methods reopen a member. This driver generates K programs
(half C, half C++, seeded: the same seed gives the same programs) that mix
those shapes at random under random control flow (if, loops, switch, goto
into and out of blocks), checks that each one compiles, and runs the check
on each. Every function starts with a leak the check must report, so a run
that skipped a function is noticed.

With --fix it also applies the fix-its to a copy and compiles the result:
a fix that breaks the code counts as a failure. With --clangd it also runs
`resource-clangd --check` on every program.

Ends with `shapes: K programs, C crashes, H hangs, B broken fixes` and
`shapes: A of K fully analysed`, and exits 1 when C, H or B is not 0 or a
generated program does not compile (a driver bug, printed as such).
"""
import argparse
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

from crashcheck import run_checked

C_PRELUDE = """\
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>

struct rt_inner { int fd; int fds[2]; };
union rt_any { int fd; void *p; };
struct rt_conn {
  int fd;
  unsigned flags : 3;
  int fds[2];
  struct rt_inner in;
  union rt_any u;
  FILE *log;
  int port;
};
int rt_gfd = -1;
int rt_gfds[2];
struct rt_conn rt_gconn = {.fd = -1, .fds = {-1, -1}};
struct rt_conn rt_gconns[2] = {[1].fd = -1};
void rt_use(void *p);
int rt_cond(void);
"""

CXX_PRELUDE = """\
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>
#include <cstdio>
#include <cstring>
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

struct RtInner { int fd = -1; int fds[2] = {-1, -1}; };
union RtAny { int fd; void *p; };
struct RtConn {
  int fd = -1;
  unsigned flags : 3;
  int fds[2];
  RtInner in;
  RtAny u;
  std::FILE *log = nullptr;
  int port = 0;
};
struct Endpoint { int fd; int port; };
class RtSocket {
public:
  RtSocket() = default;
  explicit RtSocket(int fd) : fd_(fd) {}
  ~RtSocket() { if (fd_ >= 0) ::close(fd_); }
  void close() { if (fd_ >= 0) ::close(fd_); fd_ = -1; }
  void send(const char *) {}
private:
  int fd_ = -1;
};
template <class T> struct RtHolder {
  T h{};
  int fds[2];
  void open() { h = socket(2, 1, 0); }
  void openPipe() { pipe(fds); }
  void set(T v) { h = v; }
};
int rt_gfd = -1;
int rt_gfds[2];
RtConn rt_gconn{};
RtConn rt_gconns[2] = {};
std::vector<int> rt_gpool;
void rt_use(void *p);
int rt_cond();
void rt_may_throw(int);
"""

# Storage of one descriptor, per language. "{s}" is the local struct.
C_FD_LVALUES = ["s.fd", "s.in.fd", "s.u.fd", "s.fds[0]", "s.fds[1]",
                "s.in.fds[1]", "arr[1].fd", "arr[0].fds[1]", "p.fd",
                "cp->fd", "cp->fds[1]", "cp->in.fd", "rt_gfd", "rt_gfds[0]",
                "rt_gconn.fd", "rt_gconn.in.fd", "rt_gconns[1].fd", "*fdp",
                "fd", "fds[0]", "fds[1]", "u.fd"]
C_FD_ARRAYS = ["s.fds", "s.in.fds", "cp->fds", "rt_gfds", "fds",
               "rt_gconn.fds", "arr[0].fds", "cp->in.fds"]
C_FILE_LVALUES = ["s.log", "cp->log", "f", "rt_gconn.log"]

CXX_FD_LVALUES = C_FD_LVALUES + ["ep.fd", "v[0]", "m[1]", "afds[1]",
                                 "h.h", "c->fd", "fd_"]
CXX_FD_ARRAYS = C_FD_ARRAYS + ["h.fds", "c->fds", "fds_"]
CXX_FILE_LVALUES = ["s.log", "cp->log", "f", "rt_gconn.log"]

C_DECLS = [
    "struct rt_conn s = {0};",
    "struct rt_conn s = {.fd = -1, .port = 80};",
    "struct rt_conn s = {};",
    "struct rt_conn s = {-1, 1, {-1, -1}, {-1, {-1, -1}}, {-1}, 0, 80};",
    "struct rt_conn s = {-1, 1, -1, -1, -1, -1, -1, -1, 0, 80};",
    "struct rt_conn s = {.in.fd = socket(2, 1, 0), .fds[1] = -1};",
    "struct rt_conn s = {.in = {.fd = -1, .fds = {-1, -1}}};",
    "struct rt_conn s = {.u.fd = socket(2, 1, 0)};",
    "struct rt_conn s = (struct rt_conn){.fd = socket(2, 1, 0)};",
    "struct rt_conn s = {.fd = socket(2, 1, 0), .fds = {-1, socket(2, 1, 0)}};",
    "struct rt_conn s;",
    "struct rt_conn s = rt_gconn;",
]
C_ARRAY_DECLS = [
    "struct rt_conn arr[3] = {[1] = {.fd = -1}, [2].fds = {-1, -1}};",
    "struct rt_conn arr[3] = {0};",
    "struct rt_conn arr[3] = {{.fd = socket(2, 1, 0)}, {-1}};",
    "struct rt_conn arr[3];",
]
# Each entry: the ways one extra C++ variable is declared.
CXX_EXTRA_DECLS = [
    ["Endpoint ep{};", "Endpoint ep{socket(2, 1, 0), 80};",
     "Endpoint ep = {.fd = -1, .port = 80};"],
    ["std::vector<int> v{-1, -1};", "std::vector<int> v(2, -1);"],
    ["std::map<int, int> m;"],
    ["std::array<int, 2> afds{};",
     "std::array<int, 2> afds{{socket(2, 1, 0), -1}};"],
    ["RtHolder<int> h;"],
    ["RtConn *c = new RtConn{};", "auto c = std::make_unique<RtConn>();"],
    ["int fds_[2] = {-1, -1};", "int fds_[2];"],
    ["int fd_{socket(2, 1, 0)};", "int fd_ = {-1};"],
    ["std::atomic<int> afd{-1};"],
    ["std::optional<int> ofd;"],
    ["RtSocket *ws = nullptr;", "RtSocket *ws{new RtSocket(socket(2, 1, 0))};"],
]


class Generator:
    """Builds one program from a seeded random generator."""

    def __init__(self, rng, cxx):
        self.rng = rng
        self.cxx = cxx
        self.labels = 0
        self.fd_lvalues = CXX_FD_LVALUES if cxx else C_FD_LVALUES
        self.fd_arrays = CXX_FD_ARRAYS if cxx else C_FD_ARRAYS
        self.file_lvalues = CXX_FILE_LVALUES if cxx else C_FILE_LVALUES

    def pick(self, items):
        return self.rng.choice(items)

    def fd(self):
        return self.pick(self.fd_lvalues)

    def simple(self):
        r = self.rng
        fd, other, arr = self.fd(), self.fd(), self.pick(self.fd_arrays)
        stream = self.pick(self.file_lvalues)
        choices = [
            f"{fd} = socket(2, 1, 0);",
            f"{fd} = accept({other}, 0, 0);",
            f"{fd} = open(\"/dev/null\", O_RDONLY);",
            f"{fd} = dup({fd});",
            f"{fd} = fcntl({fd}, F_DUPFD_CLOEXEC, 3);",
            f"close({fd});",
            f"if ({fd} >= 0) close({fd});",
            f"{fd} = -1;",
            f"{fd} = {other};",
            f"pipe({arr});",
            f"socketpair(1, 1, 0, {arr});",
            f"if (pipe({arr}) != 0) return;",
            f"close({arr}[0]); close({arr}[1]);",
            f"{stream} = fopen(\"/dev/null\", \"r\");",
            f"if ({stream}) fclose({stream});",
            f"{stream} = freopen(\"/dev/null\", \"r\", {stream});",
            f"write({fd}, \"x\", 1);",
            "rt_use(&s);",
            "rt_use(arr);",
            "memset(&s, 0, sizeof s);",
            "s.flags = 1;",
            "s.flags = s.flags + 1;",
            "rt_use(&p);",
            "p.fd = accept(rt_gfd, 0, 0);",
            "if (rt_cond()) return;",
        ]
        if self.cxx:
            choices += [
                "s = RtConn{};",
                "s = rt_gconn;",
                "ep = Endpoint{socket(2, 1, 0), 1};",
                "v.push_back(socket(2, 1, 0));",
                "v[0] = socket(2, 1, 0);",
                "m[1] = socket(2, 1, 0);",
                "rt_gpool.push_back(socket(2, 1, 0));",
                "afds[0] = socket(2, 1, 0);",
                "h.open();",
                "h.openPipe();",
                "h.set(socket(2, 1, 0));",
                f"{{ auto l = [&] {{ {fd} = socket(2, 1, 0); }}; l(); }}",
                f"{{ auto l = [&]() {{ close({fd}); }}; l(); }}",
                f"{{ std::function<void()> cb = [&] {{ {fd} = socket(2, 1, 0);"
                f" }}; cb(); cb(); }}",
                f"{{ int t = {fd}; auto l = [t]() mutable {{ close(t);"
                f" t = -1; }}; l(); }}",
                f"try {{ rt_may_throw({fd}); close({fd}); }} catch (...) {{"
                f" {fd} = -1; }}",
                f"try {{ {fd} = socket(2, 1, 0); rt_may_throw({fd}); }}"
                f" catch (const std::exception &) {{ close({fd}); throw; }}",
                f"if ({fd} < 0) throw std::runtime_error(\"socket\");",
                f"(void)std::exchange({fd}, socket(2, 1, 0));",
                f"close(std::exchange({fd}, -1));",
                f"std::swap({fd}, {other});",
                f"std::tie({fd}, s.port) = std::make_pair(socket(2, 1, 0), 1);",
                "{ auto [a, b] = std::make_pair(socket(2, 1, 0), 1);"
                " close(a); (void)b; }",
                "for (int &e : fds) e = socket(2, 1, 0);",
                "for (int e : v) close(e);",
                "afd = socket(2, 1, 0);",
                "afd.store(socket(2, 1, 0));",
                "ofd = socket(2, 1, 0);",
                "if (ofd) close(*ofd);",
                "ws = new RtSocket(socket(2, 1, 0));",
                "if (ws) ws->close();",
                "delete ws;",
                "ws = nullptr;",
                "{ alignas(RtSocket) unsigned char buf[sizeof(RtSocket)];"
                " RtSocket *pl = new (buf) RtSocket(); pl->~RtSocket(); }",
                "{ std::unique_ptr<RtSocket> up(new RtSocket(1)); up.reset("
                "new RtSocket(2)); }",
                "c->fd = socket(2, 1, 0);",
                "pipe(c->fds);",
                "fd_ = socket(2, 1, 0);",
            ]
        else:
            choices += [
                "s = (struct rt_conn){.fd = socket(2, 1, 0)};",
                "s = (struct rt_conn){0};",
                "s = rt_gconn;",
                "arr[2] = s;",
                "cp->in = (struct rt_inner){.fd = -1};",
                "*cp = (struct rt_conn){.fd = -1};",
                "rt_gconns[0] = (struct rt_conn){.fds = {-1, -1}};",
            ]
        if r.random() < 0.15:
            return self.local_block()
        return self.pick(choices)

    def local_block(self):
        """A nested scope with declarations of its own."""
        inner = self.pick([
            "struct pollfd q = {.fd = -1, .events = POLLIN}; q.fd = "
            "accept(rt_gfd, 0, 0); if (q.fd >= 0) close(q.fd);",
            "int pfds[2] = {-1, -1}; if (pipe(pfds) == 0) { close(pfds[0]); "
            "close(pfds[1]); }",
            "int k = socket(2, 1, 0); k = socket(2, 1, 0); close(k);",
        ] + ([
            "RtInner in{}; pipe(in.fds); rt_use(&in);",
            "auto sp = std::make_shared<RtSocket>(3); sp.reset();",
            "RtSocket local(socket(2, 1, 0)); local.send(\"x\");",
        ] if self.cxx else [
            "struct rt_inner in = {.fds = {-1, -1}}; pipe(in.fds); "
            "rt_use(&in);",
            "struct rt_conn t = {.fd = socket(2, 1, 0), .fds = {-1, -1}}; "
            "rt_use(&t);",
            "struct rt_conn *tp = &(struct rt_conn){.fd = -1}; "
            "tp->fd = socket(2, 1, 0); close(tp->fd);",
        ]))
        if not self.cxx and self.rng.random() < 0.3:
            # goto into a block (allowed in C without variably modified types)
            self.labels += 1
            label = f"rt_into{self.labels}"
            return (f"if (rt_cond()) goto {label}; {{ int g = -1; {label}: "
                    f"g = socket(2, 1, 0); close(g); }}")
        return "{ " + inner + " }"

    def stmt(self, depth):
        r = self.rng
        if depth <= 0 or r.random() < 0.45:
            return self.simple()
        kind = r.randrange(7)
        body = lambda: " ".join(self.stmt(depth - 1)
                                for _ in range(r.randint(1, 3)))
        if kind == 0:
            return f"if (rt_cond()) {{ {body()} }}"
        if kind == 1:
            return f"if (rt_cond()) {{ {body()} }} else {{ {body()} }}"
        if kind == 2:
            return f"for (int i = 0; i < 3; ++i) {{ {body()} }}"
        if kind == 3:
            return f"while (rt_cond()) {{ {body()} if (rt_cond()) break; }}"
        if kind == 4:
            return (f"switch (rt_cond()) {{ case 0: {body()} break; "
                    f"case 1: {body()} /* fallthrough */ default: break; }}")
        if kind == 5:
            return f"do {{ {body()} }} while (rt_cond());"
        return f"if (rt_cond()) goto out; {body()}"

    def decls(self):
        r = self.rng
        out = [self.pick(C_DECLS) if not self.cxx else self.cxx_struct_decl(),
               self.pick(C_ARRAY_DECLS) if not self.cxx else
               "RtConn arr[3] = {};",
               "struct pollfd p = {.fd = -1, .events = POLLIN};",
               self.pick(["int fd = socket(2, 1, 0);", "int fd = -1;"]),
               self.pick(["int fds[2] = {-1, -1};", "int fds[2] = {0};",
                          "int fds[2];"]),
               self.pick(["FILE *f = NULL;",
                          "FILE *f = fopen(\"/dev/null\", \"r\");"]),
               self.pick(["union rt_any u = {.fd = -1};",
                          "union rt_any u = {socket(2, 1, 0)};"])
               if not self.cxx else self.pick(["RtAny u{};", "RtAny u{-1};"])]
        if self.cxx:
            out += [self.pick(variants) for variants in CXX_EXTRA_DECLS]
        r.shuffle(out)
        return out

    def cxx_struct_decl(self):
        return self.pick([
            "RtConn s{};",
            "RtConn s = {};",
            "RtConn s{-1, 1, {-1, -1}, {}, {-1}, nullptr, 80};",
            "RtConn s{.fd = socket(2, 1, 0)};",
            "RtConn s = rt_gconn;",
            "RtConn s;",
        ])

    def function(self, index):
        params = ("struct rt_conn *cp, int *fdp" if not self.cxx else
                  "RtConn *cp, int *fdp")
        lines = [f"void rt_f{index}({params}) {{",
                 "  int rt_sentinel = socket(2, 1, 0);",
                 "  rt_sentinel = socket(2, 1, 0);",
                 "  close(rt_sentinel);"]
        lines += ["  " + d for d in self.decls()]
        for _ in range(self.rng.randint(3, 8)):
            lines.append("  " + self.stmt(3))
        lines += ["out:", "  rt_use(&s); rt_use(arr); rt_use(&p); rt_use(fds);",
                  "  rt_use(f); rt_use(&u);", "  return;", "}"]
        if self.cxx:
            # Names the C++ extras declare: keep them used.
            lines.insert(-2, "  (void)fd;")
        return "\n".join(lines)

    def method_class(self, index):
        """A class whose methods reopen members (C++ only)."""
        body = " ".join(self.pick([
            "pipe(fds);", "fd_ = socket(2, 1, 0);",
            "if (fd_ >= 0) ::close(fd_);", "fd_ = -1;",
            "pipe(in.fds);", "in.fd = dup(in.fd);",
            "pool.push_back(socket(2, 1, 0));",
            "for (int &e : fds) e = -1;",
            "sock = new RtSocket(socket(2, 1, 0));",
            "if (sock) { sock->close(); delete sock; sock = nullptr; }",
        ]) for _ in range(self.rng.randint(2, 5)))
        return (f"struct RtP{index} {{\n"
                f"  int fds[2];\n  int fd_ = -1;\n  RtInner in;\n"
                f"  std::vector<int> pool;\n  RtSocket *sock = nullptr;\n"
                f"  void init() {{ pipe(fds); }}\n"
                f"  void reopen() {{ {body} }}\n"
                f"  void onReconnect() {{ {body} }}\n"
                f"  ~RtP{index}() {{ ::close(fd_); }}\n}};\n"
                f"void rt_drive{index}() {{ RtP{index} o; o.init(); o.reopen();"
                f" o.onReconnect(); RtHolder<long> hl; hl.open(); }}\n")

    def program(self):
        parts = [CXX_PRELUDE if self.cxx else C_PRELUDE]
        functions = self.rng.randint(2, 4)
        for index in range(functions):
            parts.append(self.function(index))
            if self.cxx:
                parts.append(self.method_class(index))
        return "\n".join(parts) + "\n", functions


def crash_site(output):
    """The innermost function of ours on a crash's stack, or ASan's report."""
    for line in output.splitlines():
        if "Sanitizer" in line and "ERROR" in line or "runtime error:" in line:
            return line.strip()
        match = re.search(r"(clang::tidy::resource::[\w:~]+)\(", line)
        if match:
            return "in " + match.group(1)
    return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--clangd")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--fix", action="store_true")
    parser.add_argument("--keep", help="write the programs here")
    args = parser.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="shapes.")
    os.makedirs(work, exist_ok=True)
    # resource-clangd --check reads its flags from here.
    with open(os.path.join(work, "compile_flags.txt"), "w") as f:
        f.write("-D_GNU_SOURCE\n-w\n")

    def one(seed):
        cxx = seed % 2 == 1
        rng = random.Random(seed)
        source, functions = Generator(rng, cxx).program()
        ext = ".cpp" if cxx else ".c"
        path = os.path.join(work, f"shapes{seed}{ext}")
        with open(path, "w") as f:
            f.write(source)
        flags = ["-std=c++20"] if cxx else ["-std=gnu17"]
        flags += ["-w", "-D_GNU_SOURCE"]
        compiled = subprocess.run([args.clang, "-fsyntax-only"] + flags +
                                  [path], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        if compiled.returncode != 0:
            return "invalid", path, compiled.stdout[:2000]
        cmd = [args.clang_tidy, f"--load={args.plugin}",
               "--checks=-*,resource-*", "--quiet", path, "--"] + flags
        verdict, output = run_checked(cmd, args.timeout)
        if verdict != "ok":
            return verdict, path, crash_site(output)
        if output.count("warning: 'rt_sentinel'") < functions:
            return "unanalysed", path, output[-2000:]
        if args.clangd:
            verdict, output = run_checked(
                [args.clangd, f"--check={path}", "--log=error"], args.timeout)
            if verdict != "ok":
                return verdict, path, "resource-clangd " + crash_site(output)
        if args.fix:
            fixed = os.path.join(work, f"shapes{seed}.fixed{ext}")
            shutil.copy(path, fixed)
            verdict, output = run_checked(
                [args.clang_tidy, f"--load={args.plugin}",
                 "--checks=-*,resource-*", "--quiet", "--fix", fixed, "--"]
                + flags, args.timeout)
            if verdict != "ok":
                return verdict, fixed, "--fix " + crash_site(output)
            again = subprocess.run([args.clang, "-fsyntax-only"] + flags +
                                   [fixed], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
            if again.returncode != 0:
                return "broken-fix", fixed, again.stdout[:2000]
        return "ok", path, ""

    seeds = range(args.seed, args.seed + args.count)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, seeds))
    counts = {}
    for verdict, path, detail in results:
        counts[verdict] = counts.get(verdict, 0) + 1
        if verdict != "ok":
            print(f"{verdict}: {path}")
            if detail:
                print("  " + detail.strip().replace("\n", "\n  "))
    print(f"shapes: {len(results)} programs, {counts.get('crash', 0)} crashes,"
          f" {counts.get('hang', 0)} hangs, {counts.get('broken-fix', 0)} "
          f"broken fixes")
    print(f"shapes: {counts.get('ok', 0) + counts.get('unanalysed', 0)} of "
          f"{len(results)} compiled, {counts.get('ok', 0)} fully analysed")
    bad = sum(counts.get(v, 0) for v in ("crash", "hang", "broken-fix",
                                         "invalid"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

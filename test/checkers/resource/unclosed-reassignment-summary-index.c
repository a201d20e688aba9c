// The summary index: what functions defined in other files do with the
// handles their callers give them (Inputs/summary-index/*.c), built by
// `resource-tidy --build-index` from a compilation database and read
// through the SummaryIndex option.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %python -c "import json,sys; inputs = '%/S/Inputs/summary-index'; json.dump([{'directory': d, 'file': f, 'command': 'cc -Wall -Wno-such-warning -Werror=format -Wp,-DINDEXED_WITH_WP -c ' + f + ' -I' + inputs} for d, f in [('%/S', '%/s'), (inputs, 'conn.c'), (inputs, 'relay.c'), (inputs, 'other-program.c')]], open('%/t.dir/compile_commands.json', 'w'))"
// RUN: %resource_tidy --build-index -p %t.dir > %t.dir/index-path 2> %t.dir/index-log
// RUN: %FileCheck %s --check-prefix=INDEXED < %t.dir/index-log
// INDEXED: resource-tidy: summary index {{.*}}summaries.json: 4 of 4 files indexed, 0 failed
//
// The files are parsed without warning options (they never change what a
// function does; an unknown one costs clang a search for the nearest
// name): -Wp, -Wa and -Wl options stay, -w silences the rest.
// RUN: %python -c "import json; print(' '.join(json.load(open('%/t.dir/.resource-tidy/database/compile_commands.json'))[0]['arguments']))" | %FileCheck %s --check-prefix=QUIET
// QUIET: cc -w -Wp,-DINDEXED_WITH_WP -c
//
// What the index says of a field of the caller's struct: closed by
// conn_reset_checked (its assert's failure path never returns), not "only
// used" by conn_adopt, which stores over it.
// RUN: %python -c "import json; print('\n'.join(sorted(f['name'] + ' ' + p.get('field', '-') + ' ' + p['effect'] for f in map(json.loads, open('%/t.dir/.resource-tidy/summaries.json').readlines()[1:]) for p in f.get('parameters', []) if f['name'] in ('conn_reset_checked', 'conn_adopt'))))" | %FileCheck %s --check-prefix=FIELDS
// FIELDS-NOT: conn_adopt fd
// FIELDS: conn_reset_checked fd released
//
// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- \
// RUN:   -config="{CheckOptions: {resource-unclosed-reassignment.SummaryIndex: '%/t.dir/.resource-tidy/summaries.json'}}" \
// RUN:   -- -I%S/Inputs/summary-index
//
// Without the index the same calls are unknown code that may keep the
// handle: nothing is reported.
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-*' %s -- -I%S/Inputs/summary-index \
// RUN:   | %FileCheck %s --allow-empty --check-prefix=NOINDEX
// NOINDEX-NOT: warning:
//
// The environment variable resource-tidy -p sets works as the option does.
// RUN: env RESOURCE_TIDY_SUMMARY_INDEX=%/t.dir/.resource-tidy/summaries.json \
// RUN:   %clang_tidy --load=%plugin --checks='-*,resource-*' %s -- -I%S/Inputs/summary-index \
// RUN:   | %FileCheck %s --check-prefix=ENVIRONMENT
// ENVIRONMENT: warning: 'f' holds an open FILE stream when it is passed to 'conn_sink'
//
// A truncated, older, newer or missing index: said once, and every function
// of another file stays unknown (the findings are those without an index).
// RUN: echo '{"format": "resource-tidy-summaries", "version": 2}' > %t.dir/truncated.json
// RUN: echo '{"usr": "c:@F@conn_sink", "name": "conn_sink", "parameters": [{"ind' >> %t.dir/truncated.json
// RUN: echo '{"format": "resource-tidy-summaries", "version": 7}' > %t.dir/newer.json
// RUN: printf '{"format": "resource-tidy-summaries", "version": 1,\n "functions": []}\n' > %t.dir/older.json
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-unclosed-reassignment' %s \
// RUN:   -config="{CheckOptions: {resource-unclosed-reassignment.SummaryIndex: '%/t.dir/truncated.json'}}" \
// RUN:   -- -I%S/Inputs/summary-index 2>&1 | %FileCheck %s --check-prefix=TRUNCATED
// TRUNCATED: warning: cannot read the summary index '{{.*}}truncated.json' (option 'resource-unclosed-reassignment.SummaryIndex'): line 2: {{.*}}Unterminated string; functions of other files stay unknown [clang-tidy-config]
// TRUNCATED-NOT: warning: '
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-unclosed-reassignment' %s \
// RUN:   -config="{CheckOptions: {resource-unclosed-reassignment.SummaryIndex: '%/t.dir/newer.json'}}" \
// RUN:   -- -I%S/Inputs/summary-index 2>&1 | %FileCheck %s --check-prefix=NEWER
// NEWER: warning: cannot read the summary index '{{.*}}newer.json' (option 'resource-unclosed-reassignment.SummaryIndex'): version 7 of the format; this plugin reads version 2 (rebuild the index); functions of other files stay unknown [clang-tidy-config]
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-unclosed-reassignment' %s \
// RUN:   -config="{CheckOptions: {resource-unclosed-reassignment.SummaryIndex: '%/t.dir/older.json'}}" \
// RUN:   -- -I%S/Inputs/summary-index 2>&1 | %FileCheck %s --check-prefix=OLDER
// OLDER: warning: cannot read the summary index '{{.*}}older.json' (option 'resource-unclosed-reassignment.SummaryIndex'): version 1 of the format; this plugin reads version 2 (rebuild the index); functions of other files stay unknown [clang-tidy-config]
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-unclosed-reassignment' %s \
// RUN:   -config="{CheckOptions: {resource-unclosed-reassignment.SummaryIndex: '%/t.dir/missing.json'}}" \
// RUN:   -- -I%S/Inputs/summary-index 2>&1 | %FileCheck %s --check-prefix=MISSING
// MISSING: warning: cannot read the summary index '{{.*}}missing.json' {{.*}}No such file or directory; functions of other files stay unknown
//
// Entries written by another tool, in another key order, are read when the
// index is loaded; a line in the plugin's own order that is cut short is an
// unknown function (conn_sink here), not an error.
// RUN: echo '{"format": "resource-tidy-summaries", "version": 2}' > %t.dir/handwritten.json
// RUN: echo '{"usr": "c:@F@conn_open", "line": 3, "acquires": {"noun": "socket", "family": "posix-fd"}, "name": "conn_open"}' >> %t.dir/handwritten.json
// RUN: echo '{"parameters": [{"index": 0, "effect": "used-only"}], "usr": "c:@F@conn_log", "name": "conn_log"}' >> %t.dir/handwritten.json
// RUN: echo '{"name":"conn_sink","usr":"c:@F@conn_sink","parameters":[{"eff' >> %t.dir/handwritten.json
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-unclosed-reassignment' %s \
// RUN:   -config="{CheckOptions: {resource-unclosed-reassignment.SummaryIndex: '%/t.dir/handwritten.json'}}" \
// RUN:   -- -I%S/Inputs/summary-index 2>&1 | %FileCheck %s --check-prefix=HANDWRITTEN
// HANDWRITTEN-NOT: cannot read the summary index
// HANDWRITTEN-NOT: passed to 'conn_sink'
// HANDWRITTEN: :[[@LINE+40]]:6: warning: 'fd' is overwritten while it still holds an open socket
//
// A second build reuses the shards of unchanged files.
// RUN: %resource_tidy --build-index -p %t.dir 2>&1 >/dev/null | %FileCheck %s --check-prefix=REUSED
// REUSED: summary index {{.*}}: 0 of 4 files indexed, 0 failed

#include "conn.h"
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

// --- A sink in another file that overwrites the stream it is given. -----

void hand_to_sink(void) {
  FILE *f = fopen("data.txt", "r");
  conn_sink(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'f' holds an open FILE stream when it is passed to 'conn_sink', which overwrites it without closing it (conn.c:10); 'f' is not used after the call, so the stream leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'f' was opened here
}

// Through a function of a third file that passes it on.
void hand_to_relay(void) {
  FILE *f = fopen("data.txt", "r");
  relay_to_sink(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'f' holds an open FILE stream when it is passed to 'relay_to_sink', which passes it on to 'conn_sink', which overwrites it without closing it (conn.c:10); 'f' is not used after the call, so the stream leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'f' was opened here
}

// The caller still closes its stream after the call: no loss.
void hand_to_sink_then_close(void) {
  FILE *f = fopen("data.txt", "r");
  conn_sink(f);
  fclose(f);
}

// --- An acquiring wrapper in another file. ------------------------------

void reconnect_twice(void) {
  int fd = conn_open("db");
  conn_log(fd);
  fd = conn_open("db");
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: 'fd' was opened here
  // CHECK-FIXES: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = conn_open("db");{{$}}
  conn_close(fd);
}

// A close wrapper in another file closes on every path.
void reconnect_after_close(void) {
  int fd = conn_open("db");
  conn_close(fd);
  fd = conn_open("db");
  conn_close(fd);
}

// Closed on some paths only: the index does not say, the call may keep it.
void reconnect_after_close_if(int really) {
  int fd = conn_open("db");
  conn_close_if(fd, really);
  fd = conn_open("db");
  conn_close(fd);
}

// Two different definitions in the database: neither is trusted.
void reconnect_after_twice_defined(void) {
  int fd = conn_open("db");
  twice_defined(fd);
  fd = conn_open("db");
  conn_close(fd);
}

// --- Fields of a struct passed by pointer; globals. ---------------------

void reset_then_connect(struct conn *c) {
  c->fd = conn_open("db");
  conn_reset(c);
  c->fd = conn_open("db");
}

void set_port_then_reopen(void) {
  struct conn c;
  c.fd = conn_open("db");
  conn_set_port(&c, 80);
  c.fd = conn_open("db");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'c.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: 'c.fd' was opened here
  conn_close(c.fd);
}

void relisten(void) {
  close_listener();
  g_listener = socket(AF_INET, SOCK_STREAM, 0);
}

// An out-parameter through a pointer, in another file.
void open_into_twice(void) {
  int fd = -1;
  conn_open_into(&fd);
  conn_open_into(&fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'fd' is overwritten while it still holds an open handle; the previous handle leaks [resource-unclosed-reassignment]
  conn_close(fd);
}

// One option without a check's name configures every resource-* check.
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-*' %s \
// RUN:   -config="{CheckOptions: {Families: 'conn_open -> conn_close [invalid=null]', UseFunctions: conn_send}}" -- 2>&1 \
// RUN:   | %FileCheck %s --implicit-check-not="{{warning|error}}:"
// A check's own setting wins over the shared one, for that check only.
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-*' %s \
// RUN:   -config="{CheckOptions: {Families: 'conn_open -> conn_close [invalid=null]', resource-leaked-handle.BuiltinFamilies: none, resource-leaked-handle.Families: ''}}" -- 2>&1 \
// RUN:   | %FileCheck %s --check-prefix=OWN --implicit-check-not="{{warning|error}}:"

struct conn;
struct conn *conn_open(const char *where);
void conn_close(struct conn *c);
void conn_send(struct conn *c, const char *text);

void twice(void) {
  struct conn *c = conn_open("a");
  c = conn_open("b");
  // CHECK: :[[@LINE-1]]:5: warning: 'c' is overwritten while it still holds an open handle; the previous handle leaks [resource-unclosed-reassignment]
  // OWN: :[[@LINE-2]]:5: warning: 'c' is overwritten while it still holds an open handle; the previous handle leaks [resource-unclosed-reassignment]
  conn_close(c);
}

void forgotten(void) {
  struct conn *c = conn_open("a");
  conn_send(c, "x");
}
// CHECK: :[[@LINE-1]]:1: warning: 'c' goes out of scope while it still holds an open handle; the handle leaks [resource-leaked-handle]

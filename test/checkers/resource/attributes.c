// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A library annotated with clang's handle attributes needs no
// configuration.
typedef int chan_t;
chan_t chan_open(const char *name) __attribute__((acquire_handle("chan")));
int chan_create(int flags, chan_t *out __attribute__((acquire_handle("chan"))));
void chan_close(chan_t c __attribute__((release_handle("chan"))));
int chan_send(chan_t c __attribute__((use_handle("chan"))), const void *buf, int n);

void reopen(void) {
  chan_t c = chan_open("a");
  chan_send(c, "x", 1);
  c = chan_open("b");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c' is overwritten while it still holds an open chan handle; the previous handle leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (c >= 0) chan_close(c);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  c = chan_open("b");{{$}}
  chan_close(c);
}

void out_parameter(void) {
  chan_t c;
  chan_create(0, &c);
  chan_close(c);
  chan_create(0, &c);
  chan_create(1, &c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'c' is overwritten while it still holds an open chan handle
  chan_close(c);
}

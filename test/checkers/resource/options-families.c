// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- \
// RUN:   -config="{CheckOptions: {resource-unclosed-reassignment.BuiltinFamilies: 'stdio-stream', \
// RUN:     resource-unclosed-reassignment.Families: 'widget_open, widget_dup -> widget_close [invalid=null, accepts-invalid, noun=widget]; make_token@1 -> drop_token [invalid=negative]; mq_attach -> mq_detach [invalid=MQ_INVALID]; chan_open -> chan_close [invalid=chan_none(), noun=channel]', \
// RUN:     resource-unclosed-reassignment.UseFunctions: 'widget_draw', \
// RUN:     resource-unclosed-reassignment.SinkFunctions: 'widget_adopt@0; keep_everything'}}"

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct widget widget;
widget *widget_open(const char *name);
widget *widget_dup(widget *w);
void widget_close(widget *w);
void widget_draw(widget *w);
void widget_adopt(widget *w, int flags);
void keep_everything(widget *a, widget *b);
int make_token(int kind, int *out);
void drop_token(int token);
#define MQ_INVALID (-7)
int mq_attach(const char *name);
void mq_detach(int q);

void widgets(void) {
  widget *w = widget_open("a");
  widget_draw(w);
  w = widget_dup(w);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'w' is overwritten while it still holds an open widget; the previous widget leaks [resource-unclosed-reassignment]
  w = widget_open("b");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'w' is overwritten while it still holds an open widget; the previous widget leaks [resource-unclosed-reassignment]
  // accepts-invalid: no guard.
  // CHECK-FIXES: {{^}}  widget_close(w);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  w = widget_open("b");{{$}}
  widget_adopt(w, 0);
  w = widget_open("c");
  keep_everything(0, w);
  w = widget_open("d");
  widget_close(w);
}

void tokens(void) {
  int t = -1;
  make_token(1, &t);
  make_token(2, &t);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 't' is overwritten while it still holds an open handle; the previous handle leaks
  // CHECK-FIXES: {{^}}  if (t >= 0) drop_token(t);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  make_token(2, &t);{{$}}
  drop_token(t);
}

void queues(void) {
  int q = mq_attach("x");
  if (q == MQ_INVALID)
    q = mq_attach("y");
  mq_detach(q);
}

// Only the stdio built-ins are enabled: sockets are not modelled here.
void builtins(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
  FILE *fp = fopen("a", "r");
  fp = fopen("b", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fp' is overwritten while it still holds an open FILE stream
  fclose(fp);
}

// `invalid=chan_none()`: a call yields the invalid value, and guards the
// fix-it's release.
typedef int chan;
chan chan_open(int port);
void chan_close(chan c);
chan chan_none(void);

struct link {
  chan c;
};

// Resets through the function: the next open loses nothing.
static void link_stop(struct link *l) {
  chan_close(l->c);
  l->c = chan_none();
}

void link_restart(struct link *l, int port) {
  l->c = chan_open(port);
  link_stop(l);
  l->c = chan_open(port + 1);
  chan_close(l->c);
}

void channels(int port) {
  chan c = chan_open(port);
  c = chan_open(port + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c' is overwritten while it still holds an open channel; the previous channel leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (c != chan_none()) chan_close(c);{{$}}
  chan_close(c);
}

// Silent: compared equal to the invalid value, it holds no channel.
void channel_retry(int port) {
  chan c = chan_open(port);
  if (c == chan_none())
    c = chan_open(port + 1);
  chan_close(c);
}

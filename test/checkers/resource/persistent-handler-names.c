// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t
// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- \
// RUN:   -config="{CheckOptions: {resource-unclosed-reassignment.RunAgainFunctions: '^([A-Za-z0-9_]*([Rr]eopen|[Rr]etry|[Rr]econnect|[Rr]eload)[A-Za-z0-9_]*|[A-Za-z0-9_]*(_cb|[Cc]allback|[Hh]andler)|handle[A-Z_][A-Za-z0-9_]*|on[A-Z_][A-Za-z0-9_]*)$'}}"

// The default RunAgainFunctions pattern is matched without a regular
// expression engine (RunAgainNames.h); the second run spells the same
// pattern another way, which goes through LLVM's regular expressions. Both
// must read every name below the same way: a function named like a
// handler, a callback or a reconnect routine runs again, so the socket it
// stores into a global may still be open from its previous run.

#include <sys/socket.h>
#include <unistd.h>

static int g1 = -1;
void onConnect(void) {
  g1 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'g1' may still hold an open socket from a previous call
}
void release1(void) { close(g1); }

static int g2 = -1;
void on_message(void) {
  g2 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'g2' may still hold an open socket from a previous call
}
void release2(void) { close(g2); }

static int g3 = -1;
void on_X(void) {
  g3 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'g3' may still hold an open socket from a previous call
}
void release3(void) { close(g3); }

static int g4 = -1;
void handleRead(void) {
  g4 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'g4' may still hold an open socket from a previous call
}
void release4(void) { close(g4); }

static int g5 = -1;
void handle_event(void) {
  g5 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'g5' may still hold an open socket from a previous call
}
void release5(void) { close(g5); }

static int g6 = -1;
void read_cb(void) {
  g6 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'g6' may still hold an open socket from a previous call
}
void release6(void) { close(g6); }

static int g7 = -1;
void sigCallback(void) {
  g7 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'g7' may still hold an open socket from a previous call
}
void release7(void) { close(g7); }

static int g8 = -1;
void timer_callback(void) {
  g8 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'g8' may still hold an open socket from a previous call
}
void release8(void) { close(g8); }

static int g9 = -1;
void eventHandler(void) {
  g9 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'g9' may still hold an open socket from a previous call
}
void release9(void) { close(g9); }

static int g10 = -1;
void data_handler(void) {
  g10 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'g10' may still hold an open socket from a previous call
}
void release10(void) { close(g10); }

static int g11 = -1;
void doReconnect(void) {
  g11 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'g11' may still hold an open socket from a previous call
}
void release11(void) { close(g11); }

static int g12 = -1;
void reloader(void) {
  g12 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'g12' may still hold an open socket from a previous call
}
void release12(void) { close(g12); }

static int g13 = -1;
void reload_all(void) {
  g13 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'g13' may still hold an open socket from a previous call
}
void release13(void) { close(g13); }

static int g14 = -1;
void reopenLog(void) {
  g14 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'g14' may still hold an open socket from a previous call
}
void release14(void) { close(g14); }

static int g15 = -1;
void retry_send(void) {
  g15 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'g15' may still hold an open socket from a previous call
}
void release15(void) { close(g15); }

static int g16 = -1;
void try_Retry_later(void) {
  g16 = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'g16' may still hold an open socket from a previous call
}
void release16(void) { close(g16); }

static int g17 = -1;
void only_once(void) {
  g17 = socket(AF_INET, SOCK_STREAM, 0);
}
void release17(void) { close(g17); }

static int g18 = -1;
void online(void) {
  g18 = socket(AF_INET, SOCK_STREAM, 0);
}
void release18(void) { close(g18); }

static int g19 = -1;
void oncall(void) {
  g19 = socket(AF_INET, SOCK_STREAM, 0);
}
void release19(void) { close(g19); }

static int g20 = -1;
void on(void) {
  g20 = socket(AF_INET, SOCK_STREAM, 0);
}
void release20(void) { close(g20); }

static int g21 = -1;
void handled_event(void) {
  g21 = socket(AF_INET, SOCK_STREAM, 0);
}
void release21(void) { close(g21); }

static int g22 = -1;
void handlers_init(void) {
  g22 = socket(AF_INET, SOCK_STREAM, 0);
}
void release22(void) { close(g22); }

static int g23 = -1;
void handle(void) {
  g23 = socket(AF_INET, SOCK_STREAM, 0);
}
void release23(void) { close(g23); }

static int g24 = -1;
void callback_table(void) {
  g24 = socket(AF_INET, SOCK_STREAM, 0);
}
void release24(void) { close(g24); }

static int g25 = -1;
void cb_init(void) {
  g25 = socket(AF_INET, SOCK_STREAM, 0);
}
void release25(void) { close(g25); }

static int g26 = -1;
void callbacks(void) {
  g26 = socket(AF_INET, SOCK_STREAM, 0);
}
void release26(void) { close(g26); }

static int g27 = -1;
void my_cb_(void) {
  g27 = socket(AF_INET, SOCK_STREAM, 0);
}
void release27(void) { close(g27); }

static int g28 = -1;
void retrieve(void) {
  g28 = socket(AF_INET, SOCK_STREAM, 0);
}
void release28(void) { close(g28); }

static int g29 = -1;
void re_load(void) {
  g29 = socket(AF_INET, SOCK_STREAM, 0);
}
void release29(void) { close(g29); }

static int g30 = -1;
void connect_again(void) {
  g30 = socket(AF_INET, SOCK_STREAM, 0);
}
void release30(void) { close(g30); }

// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A lambda kept in a local and only called there acts on what it captures
// by reference at its calls: a call that stores a new handle into a
// captured variable overwrites it.

#include <functional>
#include <mutex>
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

void reconnect_twice() {
  int fd = -1;
  auto reconnect = [&fd] { fd = socket(AF_INET, SOCK_STREAM, 0); };
  reconnect();
  reconnect();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' is overwritten by the call to 'reconnect' while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-4]]:33: note: 'fd' was opened here
  // CHECK-FIXES: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  reconnect();{{$}}
  close(fd);
}

// Opened by the enclosing function, then again by the lambda.
void open_then_retry() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  auto retry = [&] { fd = socket(AF_INET, SOCK_STREAM, 0); };
  retry();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' is overwritten by the call to 'retry' while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: 'fd' was opened here
  // CHECK-FIXES: {{^}}  auto retry = [&] { fd = socket(AF_INET, SOCK_STREAM, 0); };{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  retry();{{$}}
  close(fd);
}

// Called in a loop: the second iteration loses the first socket.
void retry_in_loop(int attempts) {
  int fd = -1;
  auto attempt = [&] { fd = socket(AF_INET, SOCK_STREAM, 0); };
  for (int i = 0; i < attempts; ++i)
    attempt();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fd' is overwritten by the call to 'attempt' while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: 'fd' was opened here
  // CHECK-FIXES: {{^}}    { if (fd >= 0) close(fd); attempt(); }{{$}}
  close(fd);
}

// Fixed versions: the lambda closes first; called once; closed between.
void reconnect_closes_first() {
  int fd = -1;
  auto reconnect = [&fd] {
    if (fd >= 0)
      close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
  };
  reconnect();
  reconnect();
  close(fd);
}

void connect_once() {
  int fd = -1;
  auto connect_now = [&fd] { fd = socket(AF_INET, SOCK_STREAM, 0); };
  connect_now();
  close(fd);
}

void closed_between_calls() {
  FILE *log = nullptr;
  auto reopen = [&log] { log = fopen("app.log", "a"); };
  reopen();
  if (log)
    fclose(log);
  reopen();
  if (log)
    fclose(log);
}

// A lambda handed elsewhere may run at any time: what it captures by
// reference is not followed.
void register_callback(void (*)(void *), void *);
void trampoline(void *);
void handed_elsewhere() {
  int fd = -1;
  auto reconnect = [&fd] { fd = socket(AF_INET, SOCK_STREAM, 0); };
  reconnect();
  register_callback(trampoline, &reconnect);
  reconnect();
  close(fd);
}

// A reference parameter closed before the new handle is stored: the
// caller's handle is not lost.
static void reopen_into(FILE *&stream) {
  if (stream)
    fclose(stream);
  stream = fopen("next.txt", "r");
}
void reopen_through_reference() {
  FILE *stream = fopen("first.txt", "r");
  reopen_into(stream);
  reopen_into(stream);
  if (stream)
    fclose(stream);
}

// A lambda handed to a registration (a callback, a std::function) may run
// any number of times: a global it sets may still hold the socket of an
// earlier run.
void on_event(std::function<void()> handler);
int g_event_fd = -1;
void register_reconnect() {
  on_event([] { g_event_fd = socket(AF_INET, SOCK_STREAM, 0); });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'g_event_fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-2]]:28: note: close the previous descriptor first if 'g_event_fd' can still hold one here
}

int g_checked_fd = -1;
void register_reconnect_closing() {
  on_event([] {
    if (g_checked_fd >= 0)
      close(g_checked_fd);
    g_checked_fd = socket(AF_INET, SOCK_STREAM, 0);
  });
}

// Given to a run-once registration, it runs once.
std::once_flag g_once;
int g_once_fd = -1;
void open_once() {
  std::call_once(g_once, [] { g_once_fd = socket(AF_INET, SOCK_STREAM, 0); });
}

static pthread_once_t g_pthread_once = PTHREAD_ONCE_INIT;
int g_pthread_fd = -1;
void open_once_pthread() {
  pthread_once(&g_pthread_once,
               [] { g_pthread_fd = socket(AF_INET, SOCK_STREAM, 0); });
}

struct Listener {
  int fd = -1;
  void start() {
    std::call_once(g_once, [this] { fd = socket(AF_INET, SOCK_STREAM, 0); });
  }
  ~Listener() { close(fd); }
};

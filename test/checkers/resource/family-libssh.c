// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

#include <libssh/libssh.h>
#include <libssh2.h>

void libssh_sessions(const char *host) {
  ssh_session s = ssh_new();
  ssh_options_set(s, SSH_OPTIONS_HOST, host);
  ssh_connect(s);
  // Disconnecting does not free the session.
  ssh_disconnect(s);
  s = ssh_new();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 's' is overwritten while it still holds an open SSH session; the previous session leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  ssh_free(s);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  s = ssh_new();{{$}}
  ssh_free(s);
}

void libssh2_sessions(int sock) {
  LIBSSH2_SESSION *session = libssh2_session_init();
  libssh2_session_handshake(session, sock);
  libssh2_session_free(session);
  session = libssh2_session_init();
  session = libssh2_session_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'session' is overwritten while it still holds an open SSH2 session; the previous session leaks
  libssh2_session_free(session);
}

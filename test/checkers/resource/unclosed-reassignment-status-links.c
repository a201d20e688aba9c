// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -D_GNU_SOURCE -isystem %S/Inputs/libs

#include <netdb.h>
#include <sqlite3.h>
#include <stddef.h>
#include <unistd.h>

// Retrying a failed resolution: the failed call allocated nothing.
int resolve_with_fallback(const char *host, struct addrinfo *hints) {
  struct addrinfo *res;
  int rv = getaddrinfo(host, "80", hints, &res);
  if (rv != 0) {
    hints->ai_family = 0;
    rv = getaddrinfo(host, "80", hints, &res);
  }
  if (rv != 0)
    return -1;
  freeaddrinfo(res);
  return 0;
}

// The same with the status in a condition and an assignment inside it.
int resolve_in_condition(const char *host) {
  struct addrinfo *res;
  int rv;
  if ((rv = getaddrinfo(host, "80", NULL, &res)) == 0)
    freeaddrinfo(res);
  else if (getaddrinfo(host, "8080", NULL, &res) == 0)
    freeaddrinfo(res);
  return rv;
}

// Retrying after *success* does leak.
int resolve_twice_on_success(const char *host) {
  struct addrinfo *res;
  int rv = getaddrinfo(host, "80", NULL, &res);
  if (rv == 0)
    rv = getaddrinfo(host, "443", NULL, &res);
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: 'res' is overwritten while it still holds an open address list
  if (rv == 0)
    freeaddrinfo(res);
  return rv;
}

// A status variable reused for something else no longer describes `res`.
int status_reused(const char *host) {
  struct addrinfo *res;
  int rv = getaddrinfo(host, "80", NULL, &res);
  rv = 0;
  if (rv != 0)
    rv = getaddrinfo(host, "443", NULL, &res);
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: 'res' is overwritten while it still holds an open address list
  return rv;
}

void pipe_until_it_works(void) {
  int fds[2];
  while (pipe(fds) != 0) {
  }
  close(fds[0]);
  close(fds[1]);
  if (pipe(fds) < 0)
    pipe(fds);
  close(fds[0]);
  close(fds[1]);
}

// sqlite3_prepare_v2 leaves *ppStmt NULL when it fails.
void prepare_with_fallback(sqlite3 *db) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "SELECT a", -1, &stmt, NULL) != SQLITE_OK)
    sqlite3_prepare_v2(db, "SELECT b", -1, &stmt, NULL);
  sqlite3_finalize(stmt);
}

// sqlite3_open allocates even when it fails: no such link.
void open_with_fallback(const char *path) {
  sqlite3 *db;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    sqlite3_open(":memory:", &db);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'db' is overwritten while it still holds an open SQLite connection
  sqlite3_close(db);
}

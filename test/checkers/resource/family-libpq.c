// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

#include <libpq-fe.h>
#include <stddef.h>

void reconnect_without_finish(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    PQerrorMessage(conn);
  conn = PQconnectdb(info);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'conn' is overwritten while it still holds an open PostgreSQL connection; the previous connection leaks [resource-unclosed-reassignment]
  // PQfinish(NULL) is harmless: no guard.
  // CHECK-FIXES: {{^}}  PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  conn = PQconnectdb(info);{{$}}
  PQfinish(conn);
}

void reconnect_with_finish(const char *info) {
  PGconn *conn = PQconnectStart(info);
  PQfinish(conn);
  conn = PQsetdbLogin("h", "5432", NULL, NULL, "db", "u", "p");
  PQfinish(conn);
  conn = PQconnectdbParams(NULL, NULL, 0);
  PQfinish(conn);
  conn = PQconnectStartParams(NULL, NULL, 0);
  PQfinish(conn);
}

// Query results must be cleared too.
void results(PGconn *conn) {
  PGresult *res = PQexec(conn, "BEGIN");
  if (PQresultStatus(res) != PGRES_COMMAND_OK)
    return;
  res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'res' is overwritten while it still holds an open PostgreSQL result; the previous result leaks
  // CHECK-FIXES: {{^}}  PQclear(res);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  res = PQexec(conn, "SELECT 1");{{$}}
  PQclear(res);
  res = PQexec(conn, "END");
  PQclear(res);
}

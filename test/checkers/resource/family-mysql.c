// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

#include <mysql.h>
#include <stddef.h>

void connections(void) {
  MYSQL *conn = mysql_init(NULL);
  // mysql_real_connect returns its first argument: not an overwrite.
  conn = mysql_real_connect(conn, "h", "u", "p", "db", 0, NULL, 0);
  if (!conn)
    return;
  mysql_query(conn, "SELECT 1");
  conn = mysql_init(NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'conn' is overwritten while it still holds an open MySQL connection; the previous connection leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  mysql_close(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  conn = mysql_init(NULL);{{$}}
  mysql_close(conn);
}

void results(MYSQL *conn) {
  mysql_query(conn, "SELECT 1");
  MYSQL_RES *res = mysql_store_result(conn);
  mysql_free_result(res);
  mysql_query(conn, "SELECT 2");
  res = mysql_store_result(conn);
  mysql_query(conn, "SELECT 3");
  res = mysql_store_result(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'res' is overwritten while it still holds an open MySQL result; the previous result leaks
  mysql_free_result(res);
}

// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

#include <sqlite3.h>
#include <stddef.h>

// sqlite3_open() writes the connection through its second argument.
void reopen_database(const char *path) {
  sqlite3 *db = NULL;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    sqlite3_errmsg(db);
  sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'db' is overwritten while it still holds an open SQLite connection; the previous connection leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'db' was opened here
  // CHECK-FIXES: {{^}}  sqlite3_close(db);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);{{$}}
  sqlite3_close(db);
}

void reopen_after_close(const char *path) {
  sqlite3 *db = NULL;
  sqlite3_open(path, &db);
  sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
  sqlite3_close_v2(db);
  sqlite3_open16(path, &db);
  sqlite3_close(db);
}

void statements(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
  }
  sqlite3_prepare_v2(db, "SELECT 2", -1, &stmt, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'stmt' is overwritten while it still holds an open SQLite statement; the previous statement leaks
  sqlite3_finalize(stmt);
  sqlite3_prepare_v2(db, "SELECT 3", -1, &stmt, NULL);
  sqlite3_finalize(stmt);
}

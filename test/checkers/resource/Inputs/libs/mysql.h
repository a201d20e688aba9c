// Minimal declarations mirroring MySQL/MariaDB's <mysql.h>.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef struct st_mysql MYSQL;
typedef struct st_mysql_res MYSQL_RES;
MYSQL *mysql_init(MYSQL *mysql);
MYSQL *mysql_real_connect(MYSQL *mysql, const char *host, const char *user, const char *passwd, const char *db, unsigned int port, const char *unix_socket, unsigned long clientflag);
int mysql_query(MYSQL *mysql, const char *q);
const char *mysql_error(MYSQL *mysql);
MYSQL_RES *mysql_store_result(MYSQL *mysql);
void mysql_free_result(MYSQL_RES *result);
void mysql_close(MYSQL *sock);
#ifdef __cplusplus
}
#endif

// Minimal declarations mirroring libpq's <libpq-fe.h>.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef enum { CONNECTION_OK, CONNECTION_BAD } ConnStatusType;
typedef enum { PGRES_EMPTY_QUERY = 0, PGRES_COMMAND_OK, PGRES_TUPLES_OK } ExecStatusType;
PGconn *PQconnectdb(const char *conninfo);
PGconn *PQconnectdbParams(const char *const *keywords, const char *const *values, int expand_dbname);
PGconn *PQsetdbLogin(const char *pghost, const char *pgport, const char *pgoptions, const char *pgtty, const char *dbName, const char *login, const char *pwd);
PGconn *PQconnectStart(const char *conninfo);
PGconn *PQconnectStartParams(const char *const *keywords, const char *const *values, int expand_dbname);
void PQfinish(PGconn *conn);
ConnStatusType PQstatus(const PGconn *conn);
char *PQerrorMessage(const PGconn *conn);
PGresult *PQexec(PGconn *conn, const char *query);
ExecStatusType PQresultStatus(const PGresult *res);
int PQntuples(const PGresult *res);
void PQclear(PGresult *res);
#ifdef __cplusplus
}
#endif

// Minimal declarations mirroring <hiredis/hiredis.h>.
#pragma once
#include <sys/time.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef struct redisContext {
  int err;
  char errstr[128];
  int fd;
} redisContext;
typedef struct redisReply {
  int type;
  long long integer;
  char *str;
} redisReply;
redisContext *redisConnect(const char *ip, int port);
redisContext *redisConnectWithTimeout(const char *ip, int port, const struct timeval tv);
redisContext *redisConnectUnix(const char *path);
void redisFree(redisContext *c);
void *redisCommand(redisContext *c, const char *format, ...);
void freeReplyObject(void *reply);
#ifdef __cplusplus
}
#endif

// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

#include <hiredis/hiredis.h>
#include <stddef.h>

void contexts(void) {
  redisContext *c = redisConnect("127.0.0.1", 6379);
  // A context is returned even on error: it still has to be freed.
  if (c == NULL || c->err)
    c = redisConnectUnix("/tmp/redis.sock");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'c' is overwritten while it still holds an open Redis connection; the previous connection leaks [resource-unclosed-reassignment]
  // The path through `c == NULL` holds NULL: the release is guarded.
  // CHECK-FIXES: {{^}}    { if (c) redisFree(c); c = redisConnectUnix("/tmp/redis.sock"); }{{$}}
  redisFree(c);
}

void contexts_freed(void) {
  struct timeval tv = {1, 0};
  redisContext *c = redisConnectWithTimeout("127.0.0.1", 6379, tv);
  if (c && c->err) {
    redisFree(c);
    c = redisConnect("127.0.0.1", 6380);
  }
  redisFree(c);
}

void replies(redisContext *c) {
  redisReply *reply = redisCommand(c, "PING");
  reply = redisCommand(c, "GET %s", "key");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'reply' is overwritten while it still holds an open Redis reply; the previous reply leaks
  freeReplyObject(reply);
  reply = redisCommand(c, "INCR counter");
  freeReplyObject(reply);
}

// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- --fix-notes -- -isystem %S/Inputs/libs

// Connection state kept in a struct passed by pointer: the C way of writing
// methods. Each shape comes with its fixed twin, which must stay silent.

#include <mysql.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int mysql_ping(MYSQL *mysql);

// --- A reconnect routine reaches a connect helper that stores a new socket
// --- into the struct; a loop keeps calling the reconnect routine.

struct broker_link {
  int fd;
  int failures;
};

static int link_open_socket(struct broker_link *l) {
  l->fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'l->fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  return l->fd < 0 ? -1 : 0;
}

static int link_restart(struct broker_link *l) {
  l->failures = 0;
  return link_open_socket(l);
}

void link_run(struct broker_link *l) {
  for (;;)
    if (l->failures > 3)
      link_restart(l);
}

void link_free(struct broker_link *l) { close(l->fd); }

// Fixed: the reconnect routine closes the socket (through a helper) before
// the connect helper opens the next one.
struct peer_link {
  int fd;
  int failures;
};

static int peer_open_socket(struct peer_link *p) {
  p->fd = socket(AF_INET, SOCK_STREAM, 0);
  return p->fd < 0 ? -1 : 0;
}

static void peer_close_socket(struct peer_link *p) {
  if (p->fd >= 0) {
    close(p->fd);
    p->fd = -1;
  }
}

static int peer_restart(struct peer_link *p) {
  p->failures = 0;
  peer_close_socket(p);
  return peer_open_socket(p);
}

void peer_run(struct peer_link *p) {
  for (;;)
    if (p->failures > 3)
      peer_restart(p);
}

void peer_free(struct peer_link *p) { close(p->fd); }

// --- A reopen callback reaches its record through the user-data pointer.

struct rotating_log {
  FILE *stream;
  const char *path;
};

void rotating_log_reopen_cb(void *user_data) {
  struct rotating_log *log = (struct rotating_log *)user_data;
  log->stream = fopen(log->path, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'log->stream' may still hold an open FILE stream from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (log->stream) fclose(log->stream);{{$}}
}

void rotating_log_close_cb(void *user_data) {
  struct rotating_log *log = user_data;
  fclose(log->stream);
}

// Fixed: the callback closes the old stream first.
struct audit_log {
  FILE *stream;
  const char *path;
};

void audit_log_reopen_cb(void *user_data) {
  struct audit_log *log = user_data;
  if (log->stream)
    fclose(log->stream);
  log->stream = fopen(log->path, "a");
}

void audit_log_close_cb(void *user_data) {
  struct audit_log *log = user_data;
  fclose(log->stream);
}

// --- The same, with the address of another field of the record handed to a
// --- library call (`stat(path, &rec->st)`): that field's address does not
// --- repoint the record.

#include <sys/stat.h>

struct watched_log {
  FILE *stream;
  const char *path;
  struct stat st;
};

void watched_log_reopen_cb(void *user_data) {
  struct watched_log *log = (struct watched_log *)user_data;
  log->stream = fopen(log->path, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'log->stream' may still hold an open FILE stream from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (log->stream) fclose(log->stream);{{$}}
  if (log->stream)
    stat(log->path, &log->st);
}

// Fixed: the stream is closed before it is reopened.
void watched_log_reopen_fixed_cb(void *user_data) {
  struct watched_log *log = (struct watched_log *)user_data;
  if (log->stream)
    fclose(log->stream);
  log->stream = fopen(log->path, "a");
  if (log->stream)
    stat(log->path, &log->st);
}

// --- A registered read callback re-creates the database connection after
// --- a failed ping, over the old one.

typedef struct {
  void *data;
} callback_data_t;
typedef int (*read_callback)(callback_data_t *);
int register_read(const char *name, read_callback cb, callback_data_t *ud);

struct stats_db {
  MYSQL *con;
  int alive;
};

static MYSQL *stats_connection(struct stats_db *db) {
  if (db->alive) {
    if (mysql_ping(db->con) == 0)
      return db->con;
    db->alive = 0;
  }
  db->con = mysql_init(NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'db->con' may still hold an open MySQL connection from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  if (!mysql_real_connect(db->con, "localhost", "u", "p", "stats", 0, NULL, 0))
    return NULL;
  db->alive = 1;
  return db->con;
}

static int stats_read(callback_data_t *ud) {
  struct stats_db *db = ud->data;
  MYSQL *con = stats_connection(db);
  return con ? mysql_query(con, "SELECT 1") : -1;
}

int stats_init(callback_data_t *ud) {
  return register_read("stats", stats_read, ud);
}

void stats_free(struct stats_db *db) { mysql_close(db->con); }

// Fixed: the dead connection is closed before a new one is made.
struct jobs_db {
  MYSQL *con;
  int alive;
};

static MYSQL *jobs_connection(struct jobs_db *db) {
  if (db->alive) {
    if (mysql_ping(db->con) == 0)
      return db->con;
    db->alive = 0;
  }
  if (db->con)
    mysql_close(db->con);
  db->con = mysql_init(NULL);
  if (!mysql_real_connect(db->con, "localhost", "u", "p", "jobs", 0, NULL, 0))
    return NULL;
  db->alive = 1;
  return db->con;
}

static int jobs_read(callback_data_t *ud) {
  struct jobs_db *db = ud->data;
  MYSQL *con = jobs_connection(db);
  return con ? mysql_query(con, "SELECT 1") : -1;
}

int jobs_init(callback_data_t *ud) {
  return register_read("jobs", jobs_read, ud);
}

// --- An accept routine, called in a loop on the same server, stores each
// --- accepted socket into the field that still owns the previous one.

struct console_server {
  int listener;
  int client;
};

static void console_accept(struct console_server *s) {
  int fd = accept(s->listener, NULL, NULL);
  if (fd < 0)
    return;
  s->client = fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 's->client' may still hold an open descriptor from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
}

void console_poll(struct console_server *s) {
  for (;;)
    console_accept(s);
}

void console_free(struct console_server *s) { close(s->client); }

// Fixed: the previous client is closed first.
struct shell_server {
  int listener;
  int client;
};

static void shell_accept(struct shell_server *s) {
  int fd = accept(s->listener, NULL, NULL);
  if (fd < 0)
    return;
  if (s->client >= 0)
    close(s->client);
  s->client = fd;
}

void shell_poll(struct shell_server *s) {
  for (;;)
    shell_accept(s);
}

void shell_free(struct shell_server *s) { close(s->client); }

// A setter called from several places, on objects the callers build: not
// reported (no evidence the same object comes back).
struct download {
  FILE *out;
};

static void download_set_output(struct download *d, const char *path) {
  FILE *f = fopen(path, "wb");
  if (!f)
    return;
  d->out = f;
}

void download_one(const char *path) {
  struct download d = {NULL};
  download_set_output(&d, path);
  if (d.out)
    fclose(d.out);
}

void download_two(const char *a, const char *b) {
  struct download d1 = {NULL}, d2 = {NULL};
  download_set_output(&d1, a);
  download_set_output(&d2, b);
  if (d1.out)
    fclose(d1.out);
  if (d2.out)
    fclose(d2.out);
}

// Paired callbacks through user data: one opens, the other closes and
// resets; the framework calls them in turn. Not reported.
struct chunk_sink {
  FILE *out;
};

long on_chunk_begin(const char *name, void *user_data) {
  struct chunk_sink *sink = user_data;
  sink->out = fopen(name, "wb");
  return sink->out ? 0 : 1;
}

long on_chunk_end(void *user_data) {
  struct chunk_sink *sink = user_data;
  if (sink->out) {
    fclose(sink->out);
    sink->out = NULL;
  }
  return 0;
}

// A global pointer re-pointed at a fresh allocation: its fields hold
// nothing from before. The existing object's field is another matter.
struct forward_node {
  int sock;
};
static struct forward_node *g_forward;

static void on_forward_accept(int listener) {
  int sock = accept(listener, NULL, NULL);
  if (sock < 0)
    return;
  if (!g_forward) {
    g_forward = calloc(1, sizeof *g_forward);
    if (!g_forward) {
      close(sock);
      return;
    }
    g_forward->sock = sock;
  } else {
    g_forward->sock = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'g_forward->sock' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    close(sock);
  }
}

void register_acceptor(void (*cb)(int));
void forward_start(void) { register_acceptor(on_forward_accept); }
void forward_stop(void) { close(g_forward->sock); }

// A tool's connect routine, called at start and again after a failed
// ping, creates a new connection over the global one.
static MYSQL *g_db;
static int tool_connect(void) {
  g_db = mysql_init(NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'g_db' may still hold an open MySQL connection from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  return mysql_real_connect(g_db, "localhost", "u", "p", "db", 0, NULL, 0)
             ? 0
             : -1;
}
int tool_query(const char *q) {
  if (mysql_ping(g_db) != 0 && tool_connect() != 0)
    return -1;
  return mysql_query(g_db, q);
}
int tool_main(void) {
  if (tool_connect() != 0)
    return 1;
  tool_query("SELECT 1");
  mysql_close(g_db);
  return 0;
}

// Fixed: the routine closes the old connection first.
static MYSQL *g_store;
static int store_connect(void) {
  if (g_store)
    mysql_close(g_store);
  g_store = mysql_init(NULL);
  return mysql_real_connect(g_store, "localhost", "u", "p", "db", 0, NULL, 0)
             ? 0
             : -1;
}
int store_query(const char *q) {
  if (mysql_ping(g_store) != 0 && store_connect() != 0)
    return -1;
  return mysql_query(g_store, q);
}
int store_main(void) {
  if (store_connect() != 0)
    return 1;
  store_query("SELECT 1");
  mysql_close(g_store);
  return 0;
}

// --- Called from two places, each time on an object of its own: the
// --- in and out channels of every worker, fresh from calloc. Not the same
// --- object twice; the same pointer passed twice is.

struct channel {
  int fd;
};
struct worker {
  struct channel in, out;
};
static struct worker *g_workers;

static void channel_init(struct channel *ch) {
  ch->fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (ch->fd == -1)
    exit(1);
}

void workers_init(int n) {
  g_workers = calloc(n, sizeof(struct worker));
  if (!g_workers)
    exit(1);
  for (int i = 0; i < n; i++) {
    channel_init(&g_workers[i].in);
    channel_init(&g_workers[i].out);
  }
}

static void channel_open(struct channel *ch) {
  ch->fd = socket(AF_UNIX, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'ch->fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (ch->fd >= 0) close(ch->fd);{{$}}
}

void channel_restart(struct channel *ch) {
  channel_open(ch);
  channel_open(ch);
}

// --- Called in a loop with a struct the loop's body declares: a new object
// --- every iteration, filled from defaults and handed on. Declared before
// --- the loop, it is the same object every time.

struct job {
  int fd;
  int id;
};
static const struct job job_defaults = {-1, 0};
void job_submit(struct job *j);

static void job_open(struct job *j) {
  j->fd = socket(AF_INET, SOCK_STREAM, 0);
}

void jobs_run(int n) {
  for (int i = 0; i < n; i++) {
    struct job j = job_defaults;
    j.id = i;
    job_open(&j);
    job_submit(&j);
  }
}

static void task_open(struct job *t) {
  t->fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 't->fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (t->fd >= 0) close(t->fd);{{$}}
}

void tasks_run(int n) {
  struct job t = job_defaults;
  for (int i = 0; i < n; i++)
    task_open(&t);
  close(t.fd);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <libsoup/soup.h>

#include "pb-bench-common.h"

/* The page size the client asks for (api.md: limit=100&offset=…). */
#define PAGE_SIZE 100

/* Memory and CPU */

gint64
pb_bench_read_status_kb (const char *key)
{
  g_autofree char *contents = NULL;
  gsize key_len = strlen (key);

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return -1;

  for (char *line = contents; line != NULL && *line != '\0'; )
    {
      char *next = strchr (line, '\n');

      if (strncmp (line, key, key_len) == 0 && line[key_len] == ':')
        return g_ascii_strtoll (line + key_len + 1, NULL, 10);

      line = next ? next + 1 : NULL;
    }

  return -1;
}

gboolean
pb_bench_reset_peak_rss (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (file == NULL)
    return FALSE;

  ok = fputs ("5", file) >= 0;
  ok = (fclose (file) == 0) && ok;

  return ok;
}

gint64
pb_bench_heap_in_use_kb (void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  struct mallinfo2 info = mallinfo2 ();

  return (gint64) ((info.uordblks + info.hblkhd) / 1024);
#else
  return -1;
#endif
}

gint64
pb_bench_cpu_time_us (clockid_t clock)
{
  struct timespec spec;

  if (clock_gettime (clock, &spec) != 0)
    return -1;

  return spec.tv_sec * G_USEC_PER_SEC + spec.tv_nsec / 1000;
}

double
pb_bench_load_average (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return -1;

  return g_ascii_strtod (contents, NULL);
}

/* The stall timer */

static gboolean
stall_tick_cb (gpointer data)
{
  PbBenchStallTimer *timer = data;
  gint64 now = g_get_monotonic_time ();

  if (timer->last_tick != 0)
    timer->max_stall = MAX (timer->max_stall, now - (timer->last_tick + 1000));
  timer->last_tick = now;
  timer->n_ticks++;

  return G_SOURCE_CONTINUE;
}

void
pb_bench_stall_timer_start (PbBenchStallTimer *timer)
{
  g_return_if_fail (timer->id == 0);

  timer->last_tick = 0;
  timer->max_stall = 0;
  timer->n_ticks = 0;
  timer->id = g_timeout_add (1, stall_tick_cb, timer);
}

void
pb_bench_stall_timer_stop (PbBenchStallTimer *timer)
{
  g_clear_handle_id (&timer->id, g_source_remove);
}

/* The server thread */

struct _PbBenchServer
{
  guint         n;
  guint         latency;
  guint32       seed;
  GThread      *thread;

  GMutex        mutex;
  GCond         cond;
  gboolean      ready;

  /* Set by the server thread before `ready`, constant afterwards. */
  char         *base_url;
  char         *token;
  GError       *error;
  GMainContext *context;
  GMainLoop    *loop;
  gint64        generate_us;
  guint         port;

  /* Used on the server thread only, through server_call(). */
  PbDemoServer *server;
  guint         n_requests;
  gint64        cpu_us;
};

static gpointer
server_thread_func (gpointer data)
{
  PbBenchServer *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(PbDemoServer) server = NULL;
  gint64 start;

  g_main_context_push_thread_default (context);

  server = pb_demo_server_new ();
  start = g_get_monotonic_time ();
  pb_demo_server_generate (server, self->n, self->seed);
  self->generate_us = g_get_monotonic_time () - start;
  pb_demo_server_set_latency (server, self->latency);

  g_mutex_lock (&self->mutex);
  if (pb_demo_server_start (server, self->port, &self->error))
    {
      self->base_url = g_strdup (pb_demo_server_get_base_url (server));
      self->token = g_strdup (pb_demo_server_get_token (server));
      self->context = context;
      self->loop = loop;
      self->server = server;
    }
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (self->error == NULL)
    g_main_loop_run (loop);

  self->server = NULL;
  pb_demo_server_stop (server);
  g_clear_object (&server);

  g_main_context_pop_thread_default (context);

  return NULL;
}

PbBenchServer *
pb_bench_server_start (guint     n_connections,
                       guint     latency,
                       guint32   seed,
                       GError  **error)
{
  return pb_bench_server_start_on_port (n_connections, latency, seed, 0, error);
}

PbBenchServer *
pb_bench_server_start_on_port (guint     n_connections,
                               guint     latency,
                               guint32   seed,
                               guint     port,
                               GError  **error)
{
  PbBenchServer *self = g_new0 (PbBenchServer, 1);

  self->port = port;
  self->n = n_connections;
  self->latency = latency;
  self->seed = seed;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);

  self->thread = g_thread_new ("pb-bench-server", server_thread_func, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      pb_bench_server_free (self);
      return NULL;
    }

  return self;
}

typedef struct
{
  PbBenchServer *self;
  void         (*func) (PbBenchServer *self,
                        gpointer       data);
  gpointer       data;
  gboolean       done;
} ServerCall;

static gboolean
server_call_cb (gpointer data)
{
  ServerCall *call = data;

  call->func (call->self, call->data);

  g_mutex_lock (&call->self->mutex);
  call->done = TRUE;
  g_cond_broadcast (&call->self->cond);
  g_mutex_unlock (&call->self->mutex);

  return G_SOURCE_REMOVE;
}

/* Runs func on the server thread and waits for it. */
static void
server_call (PbBenchServer *self,
             void         (*func) (PbBenchServer *self,
                                   gpointer       data),
             gpointer       data)
{
  ServerCall call = { self, func, data, FALSE };

  g_main_context_invoke (self->context, server_call_cb, &call);

  g_mutex_lock (&self->mutex);
  while (!call.done)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

const char *
pb_bench_server_get_base_url (PbBenchServer *self)
{
  return self->base_url;
}

const char *
pb_bench_server_get_token (PbBenchServer *self)
{
  return self->token;
}

gint64
pb_bench_server_get_generate_us (PbBenchServer *self)
{
  return self->generate_us;
}

static void
read_n_requests (PbBenchServer *self,
                 gpointer       data)
{
  self->n_requests = pb_demo_server_get_n_requests (self->server);
}

guint
pb_bench_server_get_n_requests (PbBenchServer *self)
{
  server_call (self, read_n_requests, NULL);
  return self->n_requests;
}

static void
read_cpu_time (PbBenchServer *self,
               gpointer       data)
{
  self->cpu_us = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID);
}

gint64
pb_bench_server_get_cpu_us (PbBenchServer *self)
{
  server_call (self, read_cpu_time, NULL);
  return self->cpu_us;
}

static void
set_latency (PbBenchServer *self,
             gpointer       data)
{
  pb_demo_server_set_latency (self->server, GPOINTER_TO_UINT (data));
}

void
pb_bench_server_set_latency (PbBenchServer *self,
                             guint          latency)
{
  server_call (self, set_latency, GUINT_TO_POINTER (latency));
}

void
pb_bench_server_free (PbBenchServer *self)
{
  if (self == NULL)
    return;

  if (self->loop != NULL)
    g_main_loop_quit (self->loop);
  g_thread_join (self->thread);

  g_free (self->base_url);
  g_free (self->token);
  g_clear_error (&self->error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

/* Bytes */

gint64
pb_bench_count_json_bytes (const char  *base_url,
                           const char  *token,
                           guint        n_connections,
                           guint       *n_pages,
                           GError     **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  gint64 total = 0;

  *n_pages = 0;
  for (guint offset = 0; ; offset += PAGE_SIZE)
    {
      g_autofree char *uri = g_strdup_printf ("%s/v2/connections?limit=%u&offset=%u",
                                              base_url, PAGE_SIZE, offset);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr(GBytes) body = NULL;
      SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

      soup_message_headers_replace (headers, "Authorization", authorization);
      soup_message_headers_replace (headers, "Accept", "application/json");

      body = soup_session_send_and_read (session, msg, NULL, error);
      if (body == NULL)
        return -1;
      if (soup_message_get_status (msg) != SOUP_STATUS_OK)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP %u at offset %u",
                       soup_message_get_status (msg), offset);
          return -1;
        }

      total += g_bytes_get_size (body);
      (*n_pages)++;

      if (offset + PAGE_SIZE > n_connections)
        break;
    }

  return total;
}

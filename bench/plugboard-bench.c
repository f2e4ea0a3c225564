/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plugboard-bench: how fast Plugboard loads the list of connections.
 *
 * One case per process (so that the peak RSS belongs to that case alone):
 *
 *   plugboard-bench --n 10000 --latency 50
 *
 * starts a PbDemoServer serving n generated connections in a thread of its own (with its own
 * GMainContext, so the server's work is not counted as a stall of the client's main loop),
 * loads the list with PbClient on the main thread into a PbConnectionList, as the window does,
 * and prints one line of key=value pairs (bench/run-bench.sh makes the table of them).
 *
 * The baseline (bench/baseline.py) runs against the standalone plugboard-demo-server with the
 * same data set (--generate N --seed S). */
#define G_LOG_DOMAIN "pb-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libsoup/soup.h>

#include "pb-client.h"
#include "pb-connection-list.h"
#include "pb-demo-server.h"

/* The page size the client asks for (api.md: limit=100&offset=…). */
#define PAGE_SIZE 100

static int      opt_n = 1000;
static int      opt_latency = 0;
static int      opt_seed = 8;

static GOptionEntry entries[] = {
  { "n", 'n', 0, G_OPTION_ARG_INT, &opt_n, "Number of generated connections", "N" },
  { "latency", 'l', 0, G_OPTION_ARG_INT, &opt_latency,
    "Delay of the server before each answer, in ms", "MS" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Seed of the generated data set", "SEED" },
  { NULL }
};

/* Memory, from /proc/self/status */

static gint64
read_status_kb (const char *key)
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

/* Resets VmHWM to the current RSS (Linux >= 4.0), so that the peak is the load's own. */
static gboolean
reset_peak_rss (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (file == NULL)
    return FALSE;

  ok = fputs ("5", file) >= 0;
  ok = (fclose (file) == 0) && ok;

  return ok;
}

/* CPU time in µs: of this thread (CLOCK_THREAD_CPUTIME_ID) or of the whole process
 * (CLOCK_PROCESS_CPUTIME_ID). */
static gint64
cpu_time_us (clockid_t clock)
{
  struct timespec spec;

  if (clock_gettime (clock, &spec) != 0)
    return -1;

  return spec.tv_sec * G_USEC_PER_SEC + spec.tv_nsec / 1000;
}

/* The server, in a thread with its own main context */

typedef struct
{
  guint         n;
  guint         latency;
  guint32       seed;

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

  /* Read and written on the server thread only, through server_thread_call(). */
  PbDemoServer *server;
  guint         n_requests;
  gint64        cpu_us;
} ServerThread;

static gpointer
server_thread_func (gpointer data)
{
  ServerThread *st = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(PbDemoServer) server = NULL;
  gint64 start;

  g_main_context_push_thread_default (context);

  server = pb_demo_server_new ();
  start = g_get_monotonic_time ();
  pb_demo_server_generate (server, st->n, st->seed);
  st->generate_us = g_get_monotonic_time () - start;
  pb_demo_server_set_latency (server, st->latency);

  g_mutex_lock (&st->mutex);
  if (pb_demo_server_start (server, 0, &st->error))
    {
      st->base_url = g_strdup (pb_demo_server_get_base_url (server));
      st->token = g_strdup (pb_demo_server_get_token (server));
      st->context = context;
      st->loop = loop;
      st->server = server;
    }
  st->ready = TRUE;
  g_cond_signal (&st->cond);
  g_mutex_unlock (&st->mutex);

  if (st->error == NULL)
    g_main_loop_run (loop);

  st->n_requests = pb_demo_server_get_n_requests (server);
  st->server = NULL;
  pb_demo_server_stop (server);
  g_clear_object (&server);

  g_main_context_pop_thread_default (context);

  return NULL;
}

static gboolean
server_thread_start (ServerThread  *st,
                     GThread      **thread,
                     GError       **error)
{
  *thread = g_thread_new ("pb-bench-server", server_thread_func, st);

  g_mutex_lock (&st->mutex);
  while (!st->ready)
    g_cond_wait (&st->cond, &st->mutex);
  g_mutex_unlock (&st->mutex);

  if (st->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&st->error));
      g_thread_join (g_steal_pointer (thread));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  ServerThread *st;
  void        (*func) (ServerThread *st);
  gboolean      done;
} ServerCall;

static gboolean
server_call_cb (gpointer data)
{
  ServerCall *call = data;

  call->func (call->st);

  g_mutex_lock (&call->st->mutex);
  call->done = TRUE;
  g_cond_broadcast (&call->st->cond);
  g_mutex_unlock (&call->st->mutex);

  return G_SOURCE_REMOVE;
}

/* Runs func on the server thread and waits for it. */
static void
server_thread_call (ServerThread *st,
                    void        (*func) (ServerThread *st))
{
  ServerCall call = { st, func, FALSE };

  g_main_context_invoke (st->context, server_call_cb, &call);

  g_mutex_lock (&st->mutex);
  while (!call.done)
    g_cond_wait (&st->cond, &st->mutex);
  g_mutex_unlock (&st->mutex);
}

static void
read_n_requests (ServerThread *st)
{
  st->n_requests = pb_demo_server_get_n_requests (st->server);
}

static void
read_cpu_time (ServerThread *st)
{
  st->cpu_us = cpu_time_us (CLOCK_THREAD_CPUTIME_ID);
}

static void
clear_latency (ServerThread *st)
{
  pb_demo_server_set_latency (st->server, 0);
}

/* The load */

/* ── Filtering: reserved for the search issue ─────────────────────────────────────────────
 * Once the window's filter exists, time each keystroke of a filter over the loaded list here
 * (target: <= 16 ms per keystroke over 10,000) and add filter_ms= to the result line.
 * Not measured yet. ──────────────────────────────────────────────────────────────────────── */

typedef struct
{
  GMainLoop        *loop;
  PbConnectionList *list;

  gint64            start;
  gint64            first_page;   /* 0 until the first page_func call */
  gint64            complete;

  /* The stall timer: a 1 ms timeout that records how late it runs. */
  gint64            last_tick;
  gint64            max_stall;
  guint             n_ticks;

  guint             n_pages;
  guint             n_paged_items;
  gint64            append_total;
  gint64            append_max;

  guint             n_items;
  GError           *error;
} Load;

static gboolean
stall_tick_cb (gpointer data)
{
  Load *load = data;
  gint64 now = g_get_monotonic_time ();

  if (load->last_tick != 0)
    load->max_stall = MAX (load->max_stall, now - (load->last_tick + 1000));
  load->last_tick = now;
  load->n_ticks++;

  return G_SOURCE_CONTINUE;
}

static void
page_cb (GPtrArray *connections,
         gpointer   user_data)
{
  Load *load = user_data;
  gint64 before = g_get_monotonic_time ();
  gint64 spent;

  if (load->first_page == 0)
    load->first_page = before;

  pb_connection_list_append (load->list, connections);

  spent = g_get_monotonic_time () - before;
  load->append_total += spent;
  load->append_max = MAX (load->append_max, spent);
  load->n_pages++;
  load->n_paged_items += connections->len;
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(GPtrArray) connections = NULL;

  connections = pb_client_list_connections_finish (PB_CLIENT (object), result, &load->error);
  load->complete = g_get_monotonic_time ();
  if (connections != NULL)
    load->n_items = connections->len;

  g_main_loop_quit (load->loop);
}

/* Body bytes of the pages the client had to ask for (limit=100, from offset 0 on, while a page
 * comes back full), fetched again after the measurement with a plain SoupSession. */
static gint64
count_json_bytes (const char  *base_url,
                  const char  *token,
                  guint        n,
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

      if (offset + PAGE_SIZE > n)
        break;
    }

  return total;
}

static int
run_load (void)
{
  ServerThread st = { 0 };
  g_autoptr(GThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbClient) client = NULL;
  g_autoptr(PbConnectionList) list = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Load load = { 0 };
  gint64 rss_start;
  gint64 rss_empty;
  gint64 rss_after;
  gint64 hwm;
  gint64 json_bytes;
  gint64 main_cpu;
  gint64 process_cpu;
  gint64 server_cpu;
  guint json_pages = 0;
  guint tick_id;
  gboolean peak_reset;

  rss_start = read_status_kb ("VmRSS");

  st.n = opt_n;
  st.latency = opt_latency;
  st.seed = opt_seed;
  g_mutex_init (&st.mutex);
  g_cond_init (&st.cond);

  if (!server_thread_start (&st, &thread, &error))
    {
      g_printerr ("plugboard-bench: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* The empty app: the server's data set is in memory and the client (with its session)
   * exists, but nothing is loaded yet. */
  loop = g_main_loop_new (NULL, FALSE);
  client = pb_client_new (st.base_url);
  pb_client_set_access_token (client, st.token);
  pb_client_set_timeout (client, 120);
  list = pb_connection_list_new ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
  rss_empty = read_status_kb ("VmRSS");
  peak_reset = reset_peak_rss ();

  load.loop = loop;
  load.list = list;

  server_thread_call (&st, read_cpu_time);
  server_cpu = st.cpu_us;
  main_cpu = cpu_time_us (CLOCK_THREAD_CPUTIME_ID);
  process_cpu = cpu_time_us (CLOCK_PROCESS_CPUTIME_ID);
  tick_id = g_timeout_add (1, stall_tick_cb, &load);
  load.start = g_get_monotonic_time ();
  pb_client_list_connections_async (client, page_cb, &load, NULL, NULL, list_done_cb, &load);
  g_main_loop_run (loop);
  g_source_remove (tick_id);
  main_cpu = cpu_time_us (CLOCK_THREAD_CPUTIME_ID) - main_cpu;
  process_cpu = cpu_time_us (CLOCK_PROCESS_CPUTIME_ID) - process_cpu;

  rss_after = read_status_kb ("VmRSS");
  hwm = read_status_kb ("VmHWM");

  if (load.error != NULL)
    {
      g_printerr ("plugboard-bench: loading failed: %s\n", load.error->message);
      g_main_loop_quit (st.loop);
      g_thread_join (g_steal_pointer (&thread));
      return EXIT_FAILURE;
    }

  server_thread_call (&st, read_n_requests);
  server_thread_call (&st, read_cpu_time);
  server_cpu = st.cpu_us - server_cpu;
  server_thread_call (&st, clear_latency);
  json_bytes = count_json_bytes (st.base_url, st.token, st.n, &json_pages, &error);
  if (json_bytes < 0)
    {
      g_printerr ("plugboard-bench: counting the bytes failed: %s\n", error->message);
      g_main_loop_quit (st.loop);
      g_thread_join (g_steal_pointer (&thread));
      return EXIT_FAILURE;
    }

  g_print ("plugboard n=%u latency_ms=%u first_ms=%.1f complete_ms=%.1f max_stall_ms=%.1f"
           " ticks=%u pages=%u items=%u model_items=%u requests=%u"
           " append_ms=%.1f append_max_ms=%.2f main_cpu_ms=%.0f server_cpu_ms=%.0f"
           " process_cpu_ms=%.0f"
           " rss_start_kb=%" G_GINT64_FORMAT " rss_empty_kb=%" G_GINT64_FORMAT
           " rss_after_kb=%" G_GINT64_FORMAT " peak_kb=%" G_GINT64_FORMAT
           " peak_reset=%d json_bytes=%" G_GINT64_FORMAT " json_pages=%u generate_ms=%.0f\n",
           st.n, st.latency,
           load.first_page ? (load.first_page - load.start) / 1000.0 : -1.0,
           (load.complete - load.start) / 1000.0,
           load.max_stall / 1000.0,
           load.n_ticks, load.n_pages, load.n_items,
           g_list_model_get_n_items (G_LIST_MODEL (list)), st.n_requests,
           load.append_total / 1000.0, load.append_max / 1000.0,
           main_cpu / 1000.0, server_cpu / 1000.0, process_cpu / 1000.0,
           rss_start, rss_empty, rss_after, hwm, peak_reset,
           json_bytes, json_pages, st.generate_us / 1000.0);

  g_main_loop_quit (st.loop);
  g_thread_join (g_steal_pointer (&thread));
  g_free (st.base_url);
  g_free (st.token);
  g_mutex_clear (&st.mutex);
  g_cond_clear (&st.cond);

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = g_option_context_new ("— how fast Plugboard loads the list of connections");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("plugboard-bench: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (opt_n < 0 || opt_latency < 0 || opt_latency > 60000)
    {
      g_printerr ("plugboard-bench: --n must be >= 0 and --latency within 0…60000\n");
      return EXIT_FAILURE;
    }

  return run_load ();
}

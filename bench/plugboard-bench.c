/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plugboard-bench: how fast Plugboard loads the list of connections.
 *
 * One case per process (so that the peak RSS belongs to that case alone):
 *
 *   plugboard-bench --n 10000 --latency 50
 *
 * starts a PbDemoServer serving n generated connections in a thread of its own (with its own
 * GMainContext, so the server's work is not counted as a stall of the client's main loop),
 * loads the list with PbClient on the main thread into a PbConnectionList, the most that
 * PbConnectionStore does with it (each page appended in the page callback, where the store
 * gathers pages for up to 250 ms; then replace_all with the complete list, which the store
 * does when it refreshes a list already shown), and prints one line of key=value pairs (bench/run-bench.sh makes the table of them).
 *
 * The baseline (bench/baseline.py) runs against the standalone plugboard-demo-server with the
 * same data set (--generate N --seed S). */
#define G_LOG_DOMAIN "pb-bench"

#include "config.h"

#include <stdlib.h>

#include "pb-bench-common.h"
#include "pb-client.h"
#include "pb-connection-list.h"

static int opt_n = 1000;
static int opt_latency = 0;
static int opt_seed = 8;

static GOptionEntry entries[] = {
  { "n", 'n', 0, G_OPTION_ARG_INT, &opt_n, "Number of generated connections", "N" },
  { "latency", 'l', 0, G_OPTION_ARG_INT, &opt_latency,
    "Delay of the server before each answer, in ms", "MS" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Seed of the generated data set", "SEED" },
  { NULL }
};

/* ── Filtering: reserved for the search issue ─────────────────────────────────────────────
 * Once the window's filter exists, time each keystroke of a filter over the loaded list here
 * (target: <= 16 ms per keystroke over 10,000) and add filter_ms= to the result line.
 * Not measured yet. ──────────────────────────────────────────────────────────────────────── */

typedef struct
{
  GMainLoop        *loop;
  PbConnectionList *list;
  PbBenchStallTimer *timer;
  gint64            stall_pages;  /* the longest stall before the list call's callback */

  gint64            start;
  gint64            first_page;   /* 0 until the first page_func call */
  gint64            complete;

  guint             n_pages;
  gint64            append_total;
  gint64            append_max;
  gint64            replace;

  guint             n_items;
  GError           *error;
} Load;

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
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
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
  load->stall_pages = load->timer->max_stall;

  if (connections != NULL)
    {
      /* What the store does with the complete list on a refresh. */
      load->n_items = connections->len;
      pb_connection_list_replace_all (load->list, connections);
      load->replace = g_get_monotonic_time () - load->complete;
    }

  /* A few more turns, so that the stall timer sees this callback's own work too. */
  g_timeout_add (5, quit_cb, load->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbClient) client = NULL;
  g_autoptr(PbConnectionList) list = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  PbBenchStallTimer timer = { 0 };
  PbBenchServer *server;
  Load load = { 0 };
  double load_average;
  gint64 rss_start, rss_empty, rss_after, hwm;
  gint64 heap_empty, heap_after;
  gint64 main_cpu, server_cpu, process_cpu;
  gint64 json_bytes;
  guint json_pages = 0;
  guint n_requests;
  gboolean peak_reset;

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

  load_average = pb_bench_load_average ();
  rss_start = pb_bench_read_status_kb ("VmRSS");

  server = pb_bench_server_start (opt_n, opt_latency, opt_seed, &error);
  if (server == NULL)
    {
      g_printerr ("plugboard-bench: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* The empty app: the server's data set is in memory and the client (with its session)
   * exists, but nothing is loaded yet. */
  loop = g_main_loop_new (NULL, FALSE);
  client = pb_client_new (pb_bench_server_get_base_url (server));
  pb_client_set_access_token (client, pb_bench_server_get_token (server));
  pb_client_set_timeout (client, 120);
  list = pb_connection_list_new ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
  rss_empty = pb_bench_read_status_kb ("VmRSS");
  heap_empty = pb_bench_heap_in_use_kb ();
  peak_reset = pb_bench_reset_peak_rss ();

  load.loop = loop;
  load.list = list;
  load.timer = &timer;

  server_cpu = pb_bench_server_get_cpu_us (server);
  main_cpu = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID);
  process_cpu = pb_bench_cpu_time_us (CLOCK_PROCESS_CPUTIME_ID);
  pb_bench_stall_timer_start (&timer);
  load.start = g_get_monotonic_time ();

  pb_client_list_connections_async (client, page_cb, &load, NULL, NULL, list_done_cb, &load);
  g_main_loop_run (loop);

  pb_bench_stall_timer_stop (&timer);
  main_cpu = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID) - main_cpu;
  process_cpu = pb_bench_cpu_time_us (CLOCK_PROCESS_CPUTIME_ID) - process_cpu;
  server_cpu = pb_bench_server_get_cpu_us (server) - server_cpu;
  rss_after = pb_bench_read_status_kb ("VmRSS");
  hwm = pb_bench_read_status_kb ("VmHWM");
  heap_after = pb_bench_heap_in_use_kb ();

  if (load.error != NULL)
    {
      g_printerr ("plugboard-bench: loading failed: %s\n", load.error->message);
      g_clear_error (&load.error);
      pb_bench_server_free (server);
      return EXIT_FAILURE;
    }

  /* After the measurement: what the client asked for, and how many bytes that is. */
  n_requests = pb_bench_server_get_n_requests (server);
  pb_bench_server_set_latency (server, 0);
  json_bytes = pb_bench_count_json_bytes (pb_bench_server_get_base_url (server),
                                          pb_bench_server_get_token (server),
                                          opt_n, &json_pages, &error);
  if (json_bytes < 0)
    {
      g_printerr ("plugboard-bench: counting the bytes failed: %s\n", error->message);
      pb_bench_server_free (server);
      return EXIT_FAILURE;
    }

  g_print ("plugboard n=%d latency_ms=%d first_ms=%.1f complete_ms=%.1f max_stall_ms=%.1f"
           " max_stall_pages_ms=%.1f"
           " ticks=%u pages=%u items=%u model_items=%u requests=%u"
           " append_ms=%.1f append_max_ms=%.2f replace_ms=%.1f"
           " main_cpu_ms=%.0f server_cpu_ms=%.0f process_cpu_ms=%.0f"
           " rss_start_kb=%" G_GINT64_FORMAT " rss_empty_kb=%" G_GINT64_FORMAT
           " rss_after_kb=%" G_GINT64_FORMAT " peak_kb=%" G_GINT64_FORMAT
           " heap_empty_kb=%" G_GINT64_FORMAT " heap_after_kb=%" G_GINT64_FORMAT
           " peak_reset=%d json_bytes=%" G_GINT64_FORMAT " json_pages=%u generate_ms=%.0f"
           " load1=%.2f\n",
           opt_n, opt_latency,
           load.first_page ? (load.first_page - load.start) / 1000.0 : -1.0,
           (load.complete - load.start) / 1000.0,
           timer.max_stall / 1000.0, load.stall_pages / 1000.0,
           timer.n_ticks, load.n_pages, load.n_items,
           g_list_model_get_n_items (G_LIST_MODEL (list)), n_requests,
           load.append_total / 1000.0, load.append_max / 1000.0, load.replace / 1000.0,
           main_cpu / 1000.0, server_cpu / 1000.0, process_cpu / 1000.0,
           rss_start, rss_empty, rss_after, hwm, heap_empty, heap_after, peak_reset,
           json_bytes, json_pages, pb_bench_server_get_generate_us (server) / 1000.0,
           load_average);

  pb_bench_server_free (server);

  return EXIT_SUCCESS;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plugboard-bench-ui: the real window loading n generated connections (run it under Xvfb).
 *
 *   plugboard-bench-ui --n 10000 --latency 0
 *
 * Times, from the start of the program (after the server thread has its data ready, the point
 * where the app itself would start): the first frame of the window, the first frame that draws
 * rows, and the first frame after the list is complete. The window gets its client right after
 * it is presented, as at start-up with an account. Prints one line of key=value pairs. */
#define G_LOG_DOMAIN "pb-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>

#include "pb-bench-common.h"
#include "pb-cache.h"
#include "pb-client.h"
#include "pb-sort-filter-model.h"
#include "pb-window.h"

static int opt_n = 10000;
static int opt_latency = 0;
static int opt_seed = 8;
static char *opt_cache_id = NULL;
static gboolean opt_cold_start = FALSE;

static GOptionEntry entries[] = {
  { "n", 'n', 0, G_OPTION_ARG_INT, &opt_n, "Number of generated connections", "N" },
  { "latency", 'l', 0, G_OPTION_ARG_INT, &opt_latency,
    "Delay of the server before each answer, in ms", "MS" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Seed of the generated data set", "SEED" },
  { "cache-id", 0, 0, G_OPTION_ARG_STRING, &opt_cache_id,
    "Keep the offline copy under this id (waits until it is written)", "ID" },
  { "cold-start", 0, 0, G_OPTION_ARG_NONE, &opt_cold_start,
    "Start from the offline copy of --cache-id: time from process start to rows drawn", NULL },
  { NULL }
};

typedef struct
{
  GMainLoop *loop;
  PbWindow  *window;
  GListModel *connections;    /* the window's PbConnectionStore, under its filter and sort */
  GListModel *sorted;         /* the model that sorts and filters it, under the selection */
  GtkFilter  *filter;         /* the filter of the archived ones */
  gboolean   loaded;          /* the load is measured: later changes are the keystrokes' */

  /* Main-thread time spent on the list's changes while loading, from the emission of
   * items-changed on the PbConnectionStore (or changed on the filter) until every view has
   * handled it; wall clock and the main thread's CPU time (which the other processes of a
   * busy machine do not stretch). In the window's sort and filter: from the store's emission
   * to that of `sorted`, which emits once it has done its work. */
  gint64     change_start;
  gint64     change_cpu_start;
  gint64     change_total;
  gint64     change_max;
  gint64     change_cpu_total;
  gint64     change_cpu_max;
  guint      n_changes;
  gint64     filter_total;
  gint64     filter_cpu_total;
  gboolean   filter_seen;

  /* Main-thread time spent in frames (before-paint to after-paint). */
  gint64     frame_start;
  gint64     frame_cpu_start;
  gint64     frame_total;
  gint64     frame_cpu_total;
  gint64     frame_max;

  /* The longest main-thread CPU time between two turns of a 1 ms timer, less the frames drawn
   * in between: a stall of the loop that a quiet machine would have too. */
  guint      stall_id;
  gint64     stall_last_cpu;
  gint64     stall_last_frame_cpu;
  gint64     stall_cpu_max;

  gint64     keystroke_cpu_start;
  gint64     keystroke_filter_cpu;  /* µs of the later keystrokes' CPU time in it */

  gint64     start;
  gint64     client_set;      /* the window got its client: the load starts */
  gint64     first_frame;
  gint64     first_rows;      /* first frame after rows were in the shown model */
  gint64     first_rows_cpu;  /* CPU time then: the main thread's, the process's (µs) */
  gint64     first_rows_process_cpu;
  gint64     load_done;       /* loading went back to FALSE */
  gint64     complete_drawn;  /* first frame after that */
  guint      n_frames;
  gboolean   was_loading;
  gboolean   timed_out;
} Run;

static gboolean
change_emission_hook (GSignalInvocationHint *hint,
                      guint                  n_values,
                      const GValue          *values,
                      gpointer               data)
{
  Run *run = data;
  gpointer instance = g_value_get_object (&values[0]);

  if (run->loaded)
    {
      /* A keystroke: until the window's sort and filter model says what changed. */
      if (instance == run->sorted && run->keystroke_cpu_start != 0)
        {
          run->keystroke_filter_cpu += pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID)
                                       - run->keystroke_cpu_start;
          run->keystroke_cpu_start = 0;
        }
      return TRUE;
    }

  if (instance == run->connections || instance == run->filter)
    {
      run->change_start = g_get_monotonic_time ();
      run->change_cpu_start = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID);
      run->filter_seen = FALSE;
    }
  else if (instance == run->sorted && run->change_start != 0 && !run->filter_seen)
    {
      run->filter_seen = TRUE;
      run->filter_total += g_get_monotonic_time () - run->change_start;
      run->filter_cpu_total += pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID)
                               - run->change_cpu_start;
    }

  return TRUE;
}

static void
change_done (Run *run)
{
  gint64 spent, cpu;

  if (run->change_start == 0 || run->loaded)
    return;

  spent = g_get_monotonic_time () - run->change_start;
  cpu = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID) - run->change_cpu_start;
  run->change_start = 0;
  run->change_total += spent;
  run->change_max = MAX (run->change_max, spent);
  run->change_cpu_total += cpu;
  run->change_cpu_max = MAX (run->change_cpu_max, cpu);
  run->n_changes++;
}

static void
connections_changed_after_cb (GListModel *model,
                              guint       position,
                              guint       removed,
                              guint       added,
                              Run        *run)
{
  change_done (run);
}

static void
filter_changed_after_cb (GtkFilter       *filter,
                         GtkFilterChange  change,
                         Run             *run)
{
  change_done (run);
}

/* Finds the window's store, and the filter under its sorted, filtered model. */
static void
find_models (Run *run)
{
  GListModel *model = pb_window_get_shown_connections (run->window);

  while (model != NULL && run->filter == NULL)
    {
      run->sorted = model;
      if (GTK_IS_FILTER_LIST_MODEL (model))
        run->filter = gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (model));
      else if (PB_IS_SORT_FILTER_MODEL (model))
        run->filter = pb_sort_filter_model_get_filter (PB_SORT_FILTER_MODEL (model));
      else if (GTK_IS_SINGLE_SELECTION (model))
        model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
      else
        break;
    }

  run->connections = G_LIST_MODEL (pb_window_get_store (run->window));
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Run           *run)
{
  run->frame_start = g_get_monotonic_time ();
  run->frame_cpu_start = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID);
}

static gboolean
stall_tick_cb (gpointer data)
{
  Run *run = data;
  gint64 cpu = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID);

  if (run->stall_last_cpu != 0)
    run->stall_cpu_max = MAX (run->stall_cpu_max,
                              (cpu - run->stall_last_cpu)
                              - (run->frame_cpu_total - run->stall_last_frame_cpu));
  run->stall_last_cpu = cpu;
  run->stall_last_frame_cpu = run->frame_cpu_total;

  return G_SOURCE_CONTINUE;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  gint64 now = g_get_monotonic_time ();
  GListModel *shown = pb_window_get_shown_connections (run->window);

  if (run->frame_start != 0)
    {
      run->frame_cpu_total += pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID)
                              - run->frame_cpu_start;
      run->frame_total += now - run->frame_start;
      run->frame_max = MAX (run->frame_max, now - run->frame_start);
      run->frame_start = 0;
    }

  run->n_frames++;
  if (run->first_frame == 0)
    run->first_frame = now;
  /* The frame runs layout and paint at once: rows in the model now were laid out and drawn. */
  if (run->first_rows == 0 && g_list_model_get_n_items (shown) > 0
      && g_strcmp0 (pb_window_get_view (run->window), "connections") == 0)
    {
      run->first_rows = now;
      run->first_rows_cpu = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID);
      run->first_rows_process_cpu = pb_bench_cpu_time_us (CLOCK_PROCESS_CPUTIME_ID);
      /* From the offline copy: that is all (and the live list, empty, must not replace it). */
      if (opt_cold_start)
        g_timeout_add (5, quit_cb, run->loop);
    }
  if (run->load_done != 0 && run->complete_drawn == 0)
    {
      run->complete_drawn = now;
      /* A few more turns, so that the stall timer sees the work of this frame too. */
      g_timeout_add (5, quit_cb, run->loop);
    }
}

static void
notify_loading_cb (PbWindow   *window,
                   GParamSpec *pspec,
                   Run        *run)
{
  if (pb_window_get_loading (window))
    {
      run->was_loading = TRUE;
      return;
    }

  if (run->was_loading && run->load_done == 0)
    {
      run->load_done = g_get_monotonic_time ();
      /* Make sure a frame follows even if nothing else changed on screen. */
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
}

static gboolean
timeout_cb (gpointer data)
{
  Run *run = data;

  run->timed_out = TRUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static double
ms_since (gint64 start,
          gint64 when)
{
  return when != 0 ? (when - start) / 1000.0 : -1.0;
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  gint64 first, avg, max;              /* wall clock, µs */
  gint64 first_cpu, avg_cpu, max_cpu;  /* main thread CPU time, µs */
  gint64 avg_filter_cpu;               /* of which in the window's sort and filter */
} Keystrokes;

/* Types a word into the window's search a letter at a time, then erases it, and times each
 * keystroke from the search changing to the list having taken the change in. The first
 * keystroke (no search before it) is reported apart. */
static void
measure_keystrokes (Run        *run,
                    Keystrokes *k)
{
  static const char *const typed[] = {
    "d", "de", "des", "dest", "desti", "destin", "destina", "destinat", "destinati",
    "destinatio", "destination", "destinatio", "destinat", "desti", "des", "d", "",
    "w", "we", "wea", "weat", "weath", "weather", "",
  };
  GtkWidget *entry = find_search_entry (GTK_WIDGET (run->window));
  gint64 total = 0, total_cpu = 0;
  guint n = 0;

  memset (k, 0, sizeof *k);
  if (entry == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (run->window), "win.search", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      gint64 start, start_cpu, spent, spent_cpu;

      gtk_editable_set_text (GTK_EDITABLE (entry), typed[i]);
      start = g_get_monotonic_time ();
      start_cpu = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID);
      run->keystroke_cpu_start = i > 0 ? start_cpu : 0;
      /* What GtkSearchEntry emits after its typing delay: the window filters, and the models
       * and the list view take the change in. Drawing the next frame is not counted here (it
       * is in frame_ms; with the cairo renderer under Xvfb it costs more than all of this). */
      g_signal_emit_by_name (entry, "search-changed");
      spent = g_get_monotonic_time () - start;
      spent_cpu = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID) - start_cpu;
      while (g_main_context_iteration (NULL, FALSE))
        ;

      if (i == 0)
        {
          k->first = spent;
          k->first_cpu = spent_cpu;
          continue;
        }
      total += spent;
      total_cpu += spent_cpu;
      n++;
      k->max = MAX (k->max, spent);
      k->max_cpu = MAX (k->max_cpu, spent_cpu);
    }

  k->avg = n > 0 ? total / n : 0;
  k->avg_cpu = n > 0 ? total_cpu / n : 0;
  k->avg_filter_cpu = n > 0 ? run->keystroke_filter_cpu / n : 0;
}

/* The base URL the offline copy was saved for: the cold start serves it there (without the
 * list), so that the copy is what the window shows. */
static char *
cache_base_url (const char *cache_id)
{
  g_autofree char *path = pb_cache_get_path (cache_id);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char head[4096] = { 0 };
  const char *start, *end;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head - 1, NULL, NULL, NULL))
    return NULL;
  start = strstr (head, "\"baseUrl\"");
  if (start == NULL || (start = strchr (start + 9, '"')) == NULL ||
      (end = strchr (start + 1, '"')) == NULL)
    return NULL;

  return g_strndup (start + 1, end - start - 1);
}

/* Seconds since the process started (/proc/self/stat, in clock ticks), or -1. */
static double
process_age (void)
{
  g_autofree char *stat = NULL;
  struct timespec now;
  const char *p;
  unsigned long long start_ticks;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (p = strrchr (stat, ')')) == NULL)
    return -1;
  /* Field 22 (starttime); the ')' ends field 2. */
  for (guint field = 2; field < 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL || sscanf (p + 1, "%llu", &start_ticks) != 1)
    return -1;
  clock_gettime (CLOCK_BOOTTIME, &now);

  return now.tv_sec + now.tv_nsec / 1e9 - (double) start_ticks / sysconf (_SC_CLK_TCK);
}

int
main (int   argc,
      char *argv[])
{
  double age_at_main = process_age ();
  gint64 main_start = g_get_monotonic_time ();
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *cache_path = NULL;
  PbBenchStallTimer timer = { 0 };
  PbBenchServer *server;
  GdkFrameClock *clock;
  Run run = { 0 };
  Keystrokes keystrokes;
  double load_average;
  gint64 rss_empty, rss_after, hwm, heap_empty, heap_after, json_bytes = -1;
  guint timeout_id;
  guint n_shown, n_pages;
  gint64 main_cpu;

  context = g_option_context_new ("— the window loading generated connections");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("plugboard-bench-ui: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (opt_n < 0 || opt_latency < 0 || opt_latency > 60000 || (opt_cold_start && !opt_cache_id))
    {
      g_printerr ("plugboard-bench-ui: --n must be >= 0, --latency within 0…60000,"
                  " --cold-start needs --cache-id\n");
      return EXIT_FAILURE;
    }

  load_average = pb_bench_load_average ();
  if (opt_cold_start)
    {
      /* The server of the offline copy's address, with nothing to list and answering too late
       * to matter: the rows drawn are the copy's. */
      g_autoptr(GUri) uri = NULL;

      base_url = cache_base_url (opt_cache_id);
      uri = base_url ? g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL) : NULL;
      if (uri == NULL)
        {
          g_printerr ("plugboard-bench-ui: no offline copy under “%s”\n", opt_cache_id);
          return EXIT_FAILURE;
        }
      server = pb_bench_server_start_on_port (0, 60000, opt_seed, g_uri_get_port (uri), &error);
    }
  else
    server = pb_bench_server_start (opt_n, opt_latency, opt_seed, &error);
  if (server == NULL)
    {
      g_printerr ("plugboard-bench-ui: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Without --cold-start, from here: the server's data set is not the app's start-up. */
  run.start = opt_cold_start ? main_start : g_get_monotonic_time ();
  adw_init ();
  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;

  client = pb_client_new (pb_bench_server_get_base_url (server));
  pb_client_set_access_token (client, pb_bench_server_get_token (server));
  pb_client_set_timeout (client, 120);

  run.window = g_object_ref_sink (g_object_new (PB_TYPE_WINDOW, NULL));
  gtk_window_set_default_size (GTK_WINDOW (run.window), 1100, 700);
  if (opt_cache_id != NULL)
    g_object_set (run.window, "cache-id", opt_cache_id, NULL);
  g_signal_connect (run.window, "notify::loading", G_CALLBACK (notify_loading_cb), &run);
  gtk_window_present (GTK_WINDOW (run.window));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (run.window));
  if (clock == NULL)
    {
      g_printerr ("plugboard-bench-ui: the window has no frame clock (no display?)\n");
      return EXIT_FAILURE;
    }
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &run);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &run);

  find_models (&run);
  g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL), 0,
                              change_emission_hook, &run, NULL);
  g_signal_connect_after (run.connections, "items-changed",
                          G_CALLBACK (connections_changed_after_cb), &run);
  if (run.filter != NULL)
    {
      g_signal_add_emission_hook (g_signal_lookup ("changed", GTK_TYPE_FILTER), 0,
                                  change_emission_hook, &run, NULL);
      g_signal_connect_after (run.filter, "changed",
                              G_CALLBACK (filter_changed_after_cb), &run);
    }

  /* The window drawn once first (its surfaces, fonts and styles are not the list's), unless
   * this is the cold start, which times all of it. */
  while (!opt_cold_start && run.first_frame == 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  rss_empty = pb_bench_read_status_kb ("VmRSS");
  heap_empty = pb_bench_heap_in_use_kb ();
  pb_bench_reset_peak_rss ();
  pb_bench_stall_timer_start (&timer);
  run.stall_id = g_timeout_add (1, stall_tick_cb, &run);
  main_cpu = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID);
  run.client_set = g_get_monotonic_time ();
  pb_window_set_client (run.window, client);

  timeout_id = g_timeout_add_seconds (300, timeout_cb, &run);
  g_main_loop_run (loop);
  g_clear_handle_id (&timeout_id, g_source_remove);
  g_clear_handle_id (&run.stall_id, g_source_remove);
  pb_bench_stall_timer_stop (&timer);
  main_cpu = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID) - main_cpu;
  run.loaded = TRUE;

  if (opt_cold_start)
    {
      g_print ("cold shown=%u first_frame_ms=%.1f first_rows_ms=%.1f main_ms=%.1f"
               " first_rows_main_cpu_ms=%.1f first_rows_process_cpu_ms=%.1f load1=%.2f\n",
               g_list_model_get_n_items (pb_window_get_shown_connections (run.window)),
               age_at_main * 1000 + ms_since (run.start, run.first_frame),
               run.first_rows ? age_at_main * 1000 + ms_since (run.start, run.first_rows) : -1,
               age_at_main * 1000, run.first_rows_cpu / 1000.0,
               run.first_rows_process_cpu / 1000.0, load_average);
      gtk_window_destroy (GTK_WINDOW (run.window));
      g_clear_object (&run.window);
      pb_bench_server_free (server);
      return run.first_rows ? EXIT_SUCCESS : EXIT_FAILURE;
    }

  /* The offline copy (for a --cold-start run) is written after the load, in the background:
   * its memory is the load's too. */
  if (opt_cache_id != NULL)
    {
      cache_path = pb_cache_get_path (opt_cache_id);
      for (guint i = 0; i < 6000 && !g_file_test (cache_path, G_FILE_TEST_EXISTS); i++)
        {
          g_usleep (10000);
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
      /* The writer gives its memory back just after the rename. */
      g_usleep (500000);
    }

  measure_keystrokes (&run, &keystrokes);

  rss_after = pb_bench_read_status_kb ("VmRSS");
  hwm = pb_bench_read_status_kb ("VmHWM");
  heap_after = pb_bench_heap_in_use_kb ();
  n_shown = g_list_model_get_n_items (pb_window_get_shown_connections (run.window));

  if (run.timed_out || g_strcmp0 (pb_window_get_view (run.window), "connections") != 0)
    {
      g_printerr ("plugboard-bench-ui: the list did not load (view “%s”%s)\n",
                  pb_window_get_view (run.window), run.timed_out ? ", timed out" : "");
      pb_bench_server_free (server);
      return EXIT_FAILURE;
    }

  if (opt_n > 0)
    json_bytes = pb_bench_count_json_bytes (pb_bench_server_get_base_url (server),
                                            pb_bench_server_get_token (server), opt_n, &n_pages,
                                            NULL);

  g_print ("ui n=%d latency_ms=%d client_set_ms=%.1f first_frame_ms=%.1f first_rows_ms=%.1f"
           " loaded_ms=%.1f"
           " complete_drawn_ms=%.1f max_stall_ms=%.1f stall_cpu_max_ms=%.1f frames=%u shown=%u"
           " changes=%u change_ms=%.1f change_max_ms=%.1f change_cpu_ms=%.1f"
           " change_cpu_max_ms=%.1f filter_ms=%.1f filter_cpu_ms=%.1f"
           " frame_ms=%.1f frame_max_ms=%.1f main_cpu_ms=%.0f"
           " keystroke_first_ms=%.1f keystroke_avg_ms=%.1f keystroke_max_ms=%.1f"
           " keystroke_first_cpu_ms=%.1f keystroke_avg_cpu_ms=%.1f keystroke_max_cpu_ms=%.1f"
           " keystroke_avg_filter_cpu_ms=%.1f"
           " rss_empty_kb=%" G_GINT64_FORMAT " rss_after_kb=%" G_GINT64_FORMAT
           " peak_kb=%" G_GINT64_FORMAT " heap_empty_kb=%" G_GINT64_FORMAT
           " heap_after_kb=%" G_GINT64_FORMAT
           " json_bytes=%" G_GINT64_FORMAT " load1=%.2f\n",
           opt_n, opt_latency, ms_since (run.start, run.client_set),
           ms_since (run.start, run.first_frame), ms_since (run.start, run.first_rows),
           ms_since (run.start, run.load_done), ms_since (run.start, run.complete_drawn),
           timer.max_stall / 1000.0, run.stall_cpu_max / 1000.0, run.n_frames, n_shown,
           run.n_changes, run.change_total / 1000.0, run.change_max / 1000.0,
           run.change_cpu_total / 1000.0, run.change_cpu_max / 1000.0,
           run.filter_total / 1000.0, run.filter_cpu_total / 1000.0,
           run.frame_total / 1000.0, run.frame_max / 1000.0, main_cpu / 1000.0,
           keystrokes.first / 1000.0, keystrokes.avg / 1000.0, keystrokes.max / 1000.0,
           keystrokes.first_cpu / 1000.0, keystrokes.avg_cpu / 1000.0,
           keystrokes.max_cpu / 1000.0, keystrokes.avg_filter_cpu / 1000.0,
           rss_empty, rss_after, hwm, heap_empty, heap_after, json_bytes, load_average);

  gtk_window_destroy (GTK_WINDOW (run.window));
  g_clear_object (&run.window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  pb_bench_server_free (server);

  return EXIT_SUCCESS;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plugboard-bench-rows: how long the sidebar's rows take to be made and bound (run it under
 * Xvfb).
 *
 *   plugboard-bench-rows --rows 2000
 *
 * A GtkListView as tall as the screen, over a list of the demo connections repeated, gets a new
 * factory again and again: each time it drops every row and makes and binds new ones in the
 * next frame. The main thread's CPU time in those frames (before-paint to after-paint; CPU
 * time, as other processes share the machine), less that of as many frames that only lay the
 * same rows out again, is what making and binding the rows cost. --factory signal makes the same row from a GtkSignalListItemFactory instead of the
 * window's GtkBuilderListItemFactory, to tell the template row's cost from the factory's.
 * Prints one line of key=value pairs. */
#define G_LOG_DOMAIN "pb-bench"

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "pb-bench-common.h"
#include "pb-connection.h"
#include "pb-connection-row.h"

static int opt_rows = 2000;
static char *opt_factory = NULL;

static GOptionEntry entries[] = {
  { "rows", 'r', 0, G_OPTION_ARG_INT, &opt_rows, "Rows to make and bind at least", "N" },
  { "factory", 'f', 0, G_OPTION_ARG_STRING, &opt_factory,
    "“builder”: the window's GtkBuilderListItemFactory (the default); “signal”: a "
    "GtkSignalListItemFactory that makes the same row in C", "KIND" },
  { NULL }
};

typedef struct
{
  gint64   frame_start;
  gint64   frame_time;
  gboolean painted;
} Frames;

static void
before_paint_cb (GdkFrameClock *clock,
                 Frames        *frames)
{
  frames->frame_start = pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  if (frames->frame_start != 0)
    frames->frame_time += pb_bench_cpu_time_us (CLOCK_THREAD_CPUTIME_ID) - frames->frame_start;
  frames->frame_start = 0;
  frames->painted = TRUE;
}

static void
wait_for_frame (GtkWidget *widget,
                Frames    *frames)
{
  frames->painted = FALSE;
  gtk_widget_queue_resize (widget);
  while (!frames->painted)
    g_main_context_iteration (NULL, TRUE);
}

static void
setup_row_cb (GtkListItemFactory *factory,
              GtkListItem        *item)
{
  gtk_list_item_set_child (item, g_object_new (PB_TYPE_CONNECTION_ROW, NULL));
}

static void
bind_row_cb (GtkListItemFactory *factory,
             GtkListItem        *item)
{
  pb_connection_row_set_connection (PB_CONNECTION_ROW (gtk_list_item_get_child (item)),
                                    gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkListItemFactory *factory,
               GtkListItem        *item)
{
  pb_connection_row_set_connection (PB_CONNECTION_ROW (gtk_list_item_get_child (item)), NULL);
}

static GtkListItemFactory *
signal_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);

  return factory;
}

static guint
count_rows (GtkWidget *list_view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) demo = NULL;
  g_autoptr(GListStore) store = NULL;
  GtkListItemFactory *factories[2] = { NULL, NULL };
  GtkWidget *window, *scrolled, *list_view;
  GdkFrameClock *clock;
  Frames frames = { 0 };
  guint rows = 0, rounds = 0;
  gint64 made, laid_out;

  context = g_option_context_new ("— how long the sidebar's rows take to be made and bound");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("plugboard-bench-rows: %s\n", error->message);
      return EXIT_FAILURE;
    }

  adw_init ();

  bytes = g_resources_lookup_data (RESOURCE_BASE "/demo/connections.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    demo = pb_connection_parse_list (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     &error);
  if (demo == NULL)
    {
      g_printerr ("plugboard-bench-rows: %s\n", error->message);
      return EXIT_FAILURE;
    }
  store = g_list_store_new (PB_TYPE_CONNECTION);
  for (guint i = 0; i < 10000; i++)
    g_list_store_append (store, g_ptr_array_index (demo, i % demo->len));

  if (opt_factory == NULL)
    opt_factory = g_strdup ("builder");
  if (!g_str_equal (opt_factory, "builder") && !g_str_equal (opt_factory, "signal"))
    {
      g_printerr ("plugboard-bench-rows: --factory is “builder” or “signal”\n");
      return EXIT_FAILURE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (factories); i++)
    if (g_str_equal (opt_factory, "signal"))
      factories[i] = signal_factory_new ();
    else
      factories[i] = gtk_builder_list_item_factory_new_from_resource (NULL,
                                                                      RESOURCE_BASE "/pb-window-list-item.ui");
  g_type_ensure (PB_TYPE_CONNECTION_ROW);

  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (store)))),
                                 NULL);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 1000);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));

  clock = gtk_widget_get_frame_clock (window);
  if (clock == NULL)
    {
      g_printerr ("plugboard-bench-rows: the window has no frame clock (no display?)\n");
      return EXIT_FAILURE;
    }
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);

  /* Warm up: styles, fonts and the first rows. */
  gtk_list_view_set_factory (GTK_LIST_VIEW (list_view), factories[1]);
  for (guint i = 0; i < 5; i++)
    wait_for_frame (list_view, &frames);

  frames.frame_time = 0;
  while (rows < (guint) opt_rows)
    {
      gtk_list_view_set_factory (GTK_LIST_VIEW (list_view), factories[rounds % 2]);
      wait_for_frame (list_view, &frames);
      rows += count_rows (list_view);
      rounds++;
    }
  made = frames.frame_time;

  frames.frame_time = 0;
  for (guint i = 0; i < rounds; i++)
    wait_for_frame (list_view, &frames);
  laid_out = frames.frame_time;

  g_print ("rows factory=%s rows=%u rounds=%u rows_per_round=%u frames_cpu_ms=%.1f"
           " layout_only_ms=%.1f make_bind_ms=%.1f per_row_us=%.1f\n",
           opt_factory, rows, rounds, rows / MAX (rounds, 1), made / 1000.0, laid_out / 1000.0,
           (made - laid_out) / 1000.0, (double) (made - laid_out) / MAX (rows, 1));

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (factories); i++)
    g_object_unref (factories[i]);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_free (opt_factory);

  return EXIT_SUCCESS;
}

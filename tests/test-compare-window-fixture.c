/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-compare-window"

#include "config.h"

#include "pb-test-ui.h"
#include "test-compare-window-fixture.h"

gboolean
window_compares (gpointer data)
{
  return g_strcmp0 (pb_compare_window_get_view (data), "compare") == 0;
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint n_started;
  g_autofree char *id = g_strdup_printf ("%s.CompareTest%u", APP_ID, ++n_started);
  g_autoptr(GError) error = NULL;

  fixture->app = pb_application_new ();
  /* Each test an instance of its own, without asking the bus for the name. */
  g_application_set_application_id (G_APPLICATION (fixture->app), id);
  g_application_set_flags (G_APPLICATION (fixture->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pb_application_start_demo (fixture->app, &error));
  g_assert_no_error (error);

  fixture->window = PB_COMPARE_WINDOW (pb_compare_window_new (fixture->app));
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  pb_test_wait_until (window_compares, fixture->window, "both accounts compared");
  pb_test_spin (50);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  pb_test_assert_finalized (g_steal_pointer (&fixture->window));
  g_application_quit (G_APPLICATION (fixture->app));
  g_clear_object (&fixture->app);
}

/* The count the sidebar shows next to a group. */
const char *
count_shown (Fixture    *fixture,
             const char *group)
{
  g_autofree char *name = g_strdup_printf ("count-%s", group);
  GtkWidget *label = pb_test_find_by_name (GTK_WIDGET (fixture->window), name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

PbDemoServer *
production_server (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PbDemoServer *server = pb_application_get_demo_server (fixture->app,
                                                         PB_DEMO_DATA_SET_PRODUCTION, &error);

  g_assert_no_error (error);
  return server;
}

PbConnection *
find_in_list (GListModel *list,
              const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (list, i);

      if (g_strcmp0 (pb_connection_get_name (connection), name) == 0)
        return connection;
    }
  return NULL;
}

void
select_pair (Fixture        *fixture,
             PbCompareGroup  group,
             const char     *name)
{
  pb_compare_window_select_group (fixture->window, group);
  g_assert_true (pb_compare_window_select_pair (fixture->window, name));
  pb_test_spin (50);
  g_assert_nonnull (pb_compare_window_get_pair (fixture->window));
  g_assert_cmpstr (pb_compare_pair_get_name (pb_compare_window_get_pair (fixture->window)), ==,
                   name);
}

gboolean
compare_idle (gpointer data)
{
  PbCompare *compare = pb_compare_window_get_compare (data);

  return compare != NULL && !pb_compare_get_busy (compare);
}

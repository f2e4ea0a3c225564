/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window against the demo server: what a person sees in the list, the content side,
 * the error pages and the way back from them. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pb-cache.h"
#include "pb-connection.h"
#include "pb-connection-filter.h"
#include "pb-connection-page.h"
#include "pb-connection-sorter.h"
#include "pb-demo-server.h"
#include "pb-test-dialog.h"
#include "pb-test-ui.h"
#include "pb-window.h"
#include "test-window-fixture.h"

/* The built-in demo data set, as PbConnection. */
static GPtrArray *
demo_connections (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *all;

  bytes = g_resources_lookup_data ("/io/github/plugboard/Plugboard/demo/connections.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  all = pb_connection_parse_list (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  &error);
  g_assert_no_error (error);

  return all;
}

static guint
count_demo_connections (gboolean with_archived)
{
  g_autoptr(GPtrArray) all = demo_connections ();
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    if (with_archived || !pb_connection_get_archived (g_ptr_array_index (all, i)))
      n++;

  return n;
}

static PbConnection *
find_shown (PbWindow   *window,
            const char *ref,
            guint      *position)
{
  GListModel *shown = pb_window_get_shown_connections (window);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (shown, i);

      if (g_strcmp0 (pb_connection_get_ref (connection), ref) == 0)
        {
          if (position != NULL)
            *position = i;
          return connection;
        }
    }

  return NULL;
}

static void
test_welcome_without_client (Fixture       *fixture,
                             gconstpointer  data)
{
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "welcome");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), "Welcome to Plugboard", TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), "_Explore Demo Data", TRUE) ||
                 pb_test_shows_text (GTK_WIDGET (fixture->window), "Explore Demo Data", TRUE));
}

static void
test_lists_demo_connections (Fixture       *fixture,
                             gconstpointer  data)
{
  GListModel *shown;
  g_autoptr(PbConnection) first = NULL;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);

  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "connections");
  shown = pb_window_get_shown_connections (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_demo_connections (FALSE));
  g_assert_cmpuint (count_demo_connections (FALSE), <, count_demo_connections (TRUE));

  /* Sorted by name, as a person reads a list. */
  for (guint i = 1; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PbConnection) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(PbConnection) b = g_list_model_get_item (shown, i);
      g_autofree char *ka = g_utf8_casefold (pb_connection_get_name (a), -1);
      g_autofree char *kb = g_utf8_casefold (pb_connection_get_name (b), -1);

      g_assert_cmpint (g_utf8_collate (ka, kb), <=, 0);
    }

  /* The first row is on screen with its name. */
  first = g_list_model_get_item (shown, 0);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     pb_connection_get_name (first), TRUE));

  /* Archived ones appear when asked for. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-archived", NULL);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_demo_connections (TRUE));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-archived", NULL);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_demo_connections (FALSE));
}

static void
test_selection_shows_connection (Fixture       *fixture,
                                 gconstpointer  data)
{
  GListModel *shown;
  g_autoptr(PbConnection) connection = NULL;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);

  shown = pb_window_get_shown_connections (fixture->window);
  connection = g_list_model_get_item (shown, 3);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 3);
  pb_test_wait_until_idle (fixture->window, 100);

  /* Its name shows twice (list and page); its reference shows on the page. */
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     pb_connection_get_ref (connection), TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     pb_connection_get_name (connection), TRUE));
}

static void
test_error_page_and_retry (Fixture       *fixture,
                           gconstpointer  data)
{
  pb_demo_server_fail_next (fixture->server, 500, NULL, 1);
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);

  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "error");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "The Server Has a Problem", TRUE));

  /* Retry is the way out. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "connections");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_shown_connections (fixture->window)),
                    ==, count_demo_connections (FALSE));
}

static void
test_sign_in_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  pb_client_set_access_token (fixture->client, "not-the-token");
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);

  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "error");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), "Sign-In Refused", TRUE));
}

static void
test_failed_refresh_keeps_rows (Fixture       *fixture,
                                gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  guint n;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  n = g_list_model_get_n_items (shown);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 1);

  pb_demo_server_fail_next (fixture->server, 503, NULL, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  pb_test_wait_until_idle (fixture->window, 100);

  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "connections");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (shown)), ==, 1);
}

static void
test_refresh_cancels_load_in_flight (Fixture       *fixture,
                                     gconstpointer  data)
{
  guint n_requests;

  pb_demo_server_set_latency (fixture->server, 300);
  pb_window_set_client (fixture->window, fixture->client);
  g_main_context_iteration (NULL, FALSE);
  g_assert_true (pb_window_get_loading (fixture->window));
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "loading");

  /* Three refreshes in a row: only the last one finishes, once. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  pb_test_wait_until_idle (fixture->window, 100);

  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "connections");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_shown_connections (fixture->window)),
                    ==, count_demo_connections (FALSE));
  n_requests = pb_demo_server_get_n_requests (fixture->server);
  g_assert_cmpuint (n_requests, >=, 1);
}

static void
test_refresh_keeps_selection (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  g_autoptr(PbConnection) before = NULL;
  PbConnection *after;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 2);
  before = g_object_ref (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown)));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  pb_test_wait_until_idle (fixture->window, 100);

  after = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown));
  g_assert_true (after == before);
}

static void
test_reload_connection_in_place (Fixture       *fixture,
                                 gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  g_autoptr(PbConnection) selected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *ref = NULL;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);
  selected = g_object_ref (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown)));
  ref = g_strdup (pb_connection_get_ref (selected));

  changed = g_strdup_printf ("{\"ref\": \"%s\", \"name\": \"Aardvark Renamed Service\", "
                             "\"systemType\": \"DESTINATION\", \"archived\": false, "
                             "\"auth\": {\"authType\": \"NONE\"}, "
                             "\"request\": {\"requestType\": \"GET\", "
                             "\"connectionUrl\": \"https://example.com/renamed\"}}", ref);
  g_assert_true (pb_demo_server_put_connection (fixture->server, changed, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reload-connection", NULL);
  pb_test_wait_until_idle (fixture->window, 100);

  /* The same object, changed in place: the row and the page show the new name. */
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown)) == selected);
  g_assert_cmpstr (pb_connection_get_name (selected), ==, "Aardvark Renamed Service");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "Aardvark Renamed Service", TRUE));
  g_assert_nonnull (find_shown (fixture->window, ref, NULL));
}

static void
test_reload_gone_connection (Fixture       *fixture,
                             gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  PbConnection *selected;
  g_autofree char *ref = NULL;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);
  selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown));
  ref = g_strdup (pb_connection_get_ref (selected));

  g_assert_true (pb_demo_server_remove_connection (fixture->server, ref));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reload-connection", NULL);
  pb_test_wait_until_idle (fixture->window, 100);

  /* It says so and keeps what it showed; refreshing the list then drops it. */
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "This connection no longer exists on the server.", TRUE));
  g_assert_nonnull (find_shown (fixture->window, ref, NULL));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_null (find_shown (fixture->window, ref, NULL));
}

static guint
wait_for_filter (PbWindow *window)
{
  /* Filtering and sorting run a slice at a time: let them finish. */
  pb_test_wait_until_idle (window, 100);
  return g_list_model_get_n_items (pb_window_get_shown_connections (window));
}

static void
type_search (PbWindow   *window,
             const char *text)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  /* The entry is the focused widget once search is on. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_window_get_focus (GTK_WINDOW (window))), text);
  /* search-changed is emitted after a short delay. */
  for (guint i = 0; i < 40; i++)
    {
      g_usleep (10 * 1000);
      pb_test_wait_until_idle (window, 100);
    }
}

static void
test_search_filters_and_highlights (Fixture       *fixture,
                                    gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  g_autoptr(PbConnection) first = NULL;
  g_autofree char *sought = NULL;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);

  /* Case and accents do not matter: "OSTERREICH" finds "Österreich". */
  type_search (fixture->window, "OSTERREICH");
  g_assert_cmpuint (wait_for_filter (fixture->window), ==, 1);
  first = g_list_model_get_item (shown, 0);
  g_assert_true (g_str_has_prefix (pb_connection_get_name (first), "Treuepunkte gutschreiben"));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "1 of 24 connections match “OSTERREICH”", TRUE));
  g_clear_object (&first);

  /* The matching part is in bold in the row. */
  {
    gboolean found_markup = FALSE;
    GtkWidget *stack[64];
    guint depth = 0;

    stack[depth++] = GTK_WIDGET (fixture->window);
    while (depth > 0 && !found_markup)
      {
        GtkWidget *w = stack[--depth];

        if (GTK_IS_LABEL (w) && gtk_label_get_use_markup (GTK_LABEL (w)) &&
            strstr (gtk_label_get_label (GTK_LABEL (w)), "<b>Österreich</b>") != NULL)
          found_markup = TRUE;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c && depth < 64; c = gtk_widget_get_next_sibling (c))
          stack[depth++] = c;
      }
    g_assert_true (found_markup);
  }

  /* The words people read for a type are searched too. */
  type_search (fixture->window, "destination");
  g_assert_cmpuint (wait_for_filter (fixture->window), ==, 6);

  /* And the reference. */
  type_search (fixture->window, "");
  wait_for_filter (fixture->window);
  first = g_list_model_get_item (shown, 5);
  sought = g_strndup (pb_connection_get_ref (first), 13);
  type_search (fixture->window, sought);
  g_assert_cmpuint (wait_for_filter (fixture->window), >=, 1);
  g_assert_nonnull (find_shown (fixture->window, pb_connection_get_ref (first), NULL));

  /* Nothing found says so. */
  type_search (fixture->window, "no such thing anywhere");
  g_assert_cmpuint (wait_for_filter (fixture->window), ==, 0);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "No connections match “no such thing anywhere”", TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "0 of 24 connections match “no such thing anywhere”", TRUE));
}

static void
test_filters_and_sort (Fixture       *fixture,
                       gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  GActionGroup *actions = G_ACTION_GROUP (fixture->window);

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "20 of 24 connections, 4 archived hidden", TRUE));

  g_action_group_activate_action (actions, "filter-system", g_variant_new_string ("DESTINATION"));
  g_assert_cmpuint (wait_for_filter (fixture->window), ==, 6);
  g_action_group_activate_action (actions, "filter-auth", g_variant_new_string ("OAUTH"));
  g_assert_cmpuint (wait_for_filter (fixture->window), ==, 3);
  g_action_group_activate_action (actions, "filter-method", g_variant_new_string ("PUT"));
  g_assert_cmpuint (wait_for_filter (fixture->window), ==, 2);
  g_action_group_activate_action (actions, "filter-system", g_variant_new_string ("all"));
  g_action_group_activate_action (actions, "filter-auth", g_variant_new_string ("all"));
  g_action_group_activate_action (actions, "filter-method", g_variant_new_string ("all"));
  g_assert_cmpuint (wait_for_filter (fixture->window), ==, 20);

  /* Newest first. */
  g_action_group_activate_action (actions, "sort-order", g_variant_new_string ("modified"));
  wait_for_filter (fixture->window);
  for (guint i = 1; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PbConnection) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(PbConnection) b = g_list_model_get_item (shown, i);

      g_assert_cmpint (g_date_time_compare (pb_connection_get_modified_at (a),
                                            pb_connection_get_modified_at (b)), >=, 0);
    }

  /* By system type: data systems first, then destinations. */
  g_action_group_activate_action (actions, "sort-order", g_variant_new_string ("system-type"));
  wait_for_filter (fixture->window);
  {
    g_autoptr(PbConnection) first = g_list_model_get_item (shown, 0);
    g_autoptr(PbConnection) last = g_list_model_get_item (shown, g_list_model_get_n_items (shown) - 1);

    g_assert_cmpstr (pb_connection_get_system_type (first), ==, "DATA_SYSTEM");
    g_assert_cmpstr (pb_connection_get_system_type (last), ==, "DESTINATION");
  }
}

static void
test_filter_ten_thousand (Fixture       *fixture,
                          gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  guint n_shown, n_expected = 0;

  pb_demo_server_generate (fixture->server, 10000, 42);
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  n_shown = wait_for_filter (fixture->window);
  g_assert_cmpuint (n_shown, >, 5000);

  type_search (fixture->window, "destination");
  wait_for_filter (fixture->window);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PbConnection) c = g_list_model_get_item (shown, i);

      g_assert_cmpstr (pb_connection_get_system_type (c), ==, "DESTINATION");
      n_expected++;
    }
  g_assert_cmpuint (n_expected, >, 0);
  g_assert_cmpuint (n_expected, <, n_shown);
}

static void
test_narrow_window_folds (Fixture       *fixture,
                          gconstpointer  data)
{
  AdwLeaflet *leaflet;
  GtkListView *list;
  g_autoptr(PbConnection) connection = NULL;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 700);
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);

  leaflet = ADW_LEAFLET (pb_test_find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);

  /* Activating a row goes to its page; Back (Alt+Left) returns to the list. */
  list = GTK_LIST_VIEW (pb_test_find_by_type (adw_leaflet_get_visible_child (leaflet),
                                             GTK_TYPE_LIST_VIEW));
  connection = g_list_model_get_item (pb_window_get_shown_connections (fixture->window), 2);
  gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 2);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_nonnull (pb_test_find_by_type (adw_leaflet_get_visible_child (leaflet),
                                         PB_TYPE_CONNECTION_PAGE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     pb_connection_get_ref (connection), TRUE));
  /* The keyboard goes on from the page's heading, the connection's name. */
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));

    g_assert_true (GTK_IS_LABEL (focus));
    g_assert_nonnull (gtk_widget_get_ancestor (focus, PB_TYPE_CONNECTION_PAGE));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (focus)), ==,
                     pb_connection_get_name (connection));
  }

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_nonnull (pb_test_find_by_type (adw_leaflet_get_visible_child (leaflet),
                                         GTK_TYPE_LIST_VIEW));
}

/* Tab through the window from the start; returns the widgets that got focus, in order. */
static GPtrArray *
walk_focus (PbWindow *window)
{
  GPtrArray *visited = g_ptr_array_new ();

  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  for (guint i = 0; i < 300; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        break;
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      if (focus == NULL || g_ptr_array_find (visited, focus, NULL))
        break;
      g_ptr_array_add (visited, focus);
    }

  return visited;
}

static gboolean
visited_button_labelled (GPtrArray  *visited,
                         const char *label)
{
  for (guint i = 0; i < visited->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (visited, i);

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
        return TRUE;
    }

  return FALSE;
}

#if GTK_CHECK_VERSION (4, 12, 0)
static guint
count_visited_inside (GPtrArray *visited,
                      GtkWidget *ancestor)
{
  guint n = 0;

  for (guint i = 0; i < visited->len; i++)
    if (gtk_widget_is_ancestor (g_ptr_array_index (visited, i), ancestor))
      n++;

  return n;
}
#endif

static GtkWidget *
visited_inside (GPtrArray *visited,
                GType      ancestor_type)
{
  for (guint i = 0; i < visited->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (visited, i);

      if (gtk_widget_get_ancestor (w, ancestor_type) != NULL)
        return w;
    }

  return NULL;
}

static void
count_activation (guint *counter)
{
  (*counter)++;
}

static void
test_keyboard_only (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) welcome = NULL;
  g_autoptr(GPtrArray) browse = NULL;
  GtkWidget *row;
  guint before;
  GtkSingleSelection *selection;

  /* The welcome page: both ways on are reachable with Tab, and do what they say. */
  g_autoptr(GSimpleActionGroup) app_actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) demo = g_simple_action_new ("demo", NULL);
  g_autoptr(GSimpleAction) preferences = g_simple_action_new ("preferences", NULL);
  guint n_demo = 0;

  g_signal_connect_swapped (demo, "activate", G_CALLBACK (count_activation), &n_demo);
  g_action_map_add_action (G_ACTION_MAP (app_actions), G_ACTION (demo));
  g_action_map_add_action (G_ACTION_MAP (app_actions), G_ACTION (preferences));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "app", G_ACTION_GROUP (app_actions));

  pb_test_wait_until_idle (fixture->window, 100);
  welcome = walk_focus (fixture->window);
  g_assert_true (visited_button_labelled (welcome, "_Set Up Account…"));
  g_assert_true (visited_button_labelled (welcome, "_Explore Demo Data"));
  for (guint i = 0; i < welcome->len; i++)
    if (GTK_IS_BUTTON (g_ptr_array_index (welcome, i)) &&
        g_strcmp0 (gtk_button_get_label (g_ptr_array_index (welcome, i)), "_Explore Demo Data") == 0)
      gtk_widget_activate (g_ptr_array_index (welcome, i));
  /* A button activated by the keyboard shows itself pressed for a moment first. */
  for (guint i = 0; i < 5 && n_demo == 0; i++)
    pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpuint (n_demo, ==, 1);

  /* The list and the page: rows, the search, the menus and the page's buttons. */
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  browse = walk_focus (fixture->window);
  row = visited_inside (browse, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (row);
#if GTK_CHECK_VERSION (4, 12, 0)
  /* One Tab stop for the list, not one per row (GTK 4.12's default for list views). */
  g_assert_cmpuint (count_visited_inside (browse, gtk_widget_get_ancestor (row, GTK_TYPE_LIST_VIEW)),
                    ==, 1);
#endif
  /* Nothing on the way claims the focus without taking it (on GTK 4.18 a selectable label
   * that was not focusable did, and Tab never reached the page). */
  g_assert_nonnull (visited_inside (browse, PB_TYPE_CONNECTION_PAGE));
  g_assert_nonnull (visited_inside (browse, ADW_TYPE_HEADER_BAR));

  /* Down moves to the next row; Enter (the row's activate signal) opens it. */
  selection = GTK_SINGLE_SELECTION (pb_window_get_shown_connections (fixture->window));
  before = gtk_single_selection_get_selected (selection);
  gtk_widget_grab_focus (row);
  g_assert_true (gtk_widget_child_focus (gtk_widget_get_ancestor (row, GTK_TYPE_LIST_VIEW),
                                         GTK_DIR_DOWN));
  row = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_true (gtk_widget_activate (row));
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), !=, before);
  /* Wide, the page shows beside the list, and the keyboard stays in the list. */
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                             GTK_TYPE_LIST_VIEW));
  {
    PbConnection *shown = gtk_single_selection_get_selected_item (selection);

    g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                       pb_connection_get_ref (shown), TRUE));
  }

  /* Ctrl+F (win.search) puts the focus in the search entry. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                             GTK_TYPE_SEARCH_ENTRY));
}

static void
test_offline_copy (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(PbClient) dead = NULL;
  g_autofree char *dead_url = NULL;
  GListModel *shown = pb_window_get_shown_connections (fixture->window);

  g_object_set (fixture->window, "cache-id", "test-account", NULL);
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_demo_connections (FALSE));

  /* Written after the load, with nothing secret in it. */
  path = pb_cache_get_path ("test-account");
  for (guint i = 0; i < 50 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    pb_test_wait_until_idle (fixture->window, 100);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_null (strstr (saved, pb_demo_server_get_token (fixture->server)));

  /* The server is gone: the copy is shown at once, and the banner says so. */
  dead_url = g_strdup (pb_demo_server_get_base_url (fixture->server));
  pb_demo_server_stop (fixture->server);
  dead = pb_client_new (dead_url);
  pb_client_set_access_token (dead, "some-token");
  pb_window_set_client (fixture->window, dead);
  pb_test_wait_until_idle (fixture->window, 100);

  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "connections");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_demo_connections (FALSE));
  {
    GtkWidget *box = pb_test_find_by_css_class (GTK_WIDGET (fixture->window), "pb-banner");
    GtkRevealer *banner = GTK_REVEALER (gtk_widget_get_parent (box));
    GtkWidget *label = pb_test_find_by_type (box, GTK_TYPE_LABEL);

    g_assert_true (gtk_revealer_get_reveal_child (banner));
    /* A server that refuses is not "offline" (the network is up): the banner says what
     * happened, naming the server. */
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)),
                                     "Cannot Reach the Server — showing connections from "));
    /* In a line or two; the whole sentence, naming the server, in its tooltip. */
    g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (label),
                                     "The server “127.0.0.1:"));
  }
  pb_window_set_client (fixture->window, NULL);
}

static void
test_copy_actions (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  PbConnection *selected;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));
  GdkContentProvider *content;
  GValue value = G_VALUE_INIT;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 1);
  selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-ref", NULL);
  content = gdk_clipboard_get_content (clipboard);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, pb_connection_get_ref (selected));
  g_value_unset (&value);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-curl", NULL);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, NULL));
  g_assert_true (g_str_has_prefix (g_value_get_string (&value), "curl"));
  g_assert_null (strstr (g_value_get_string (&value), pb_demo_server_get_token (fixture->server)));
  g_value_unset (&value);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-json", NULL);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, NULL));
  g_assert_nonnull (strstr (g_value_get_string (&value), pb_connection_get_ref (selected)));
  g_value_unset (&value);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), "Copied to clipboard", TRUE));
}

static void
test_test_button_opens_dialog (Fixture       *fixture,
                               gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  PbTestDialog *dialog;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);

  dialog = fixture_run_test_dialog (fixture);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_true (pb_test_dialog_get_connection (dialog) ==
                 gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown)));

  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), "Test Connection", TRUE));

  fixture_close_test_dialog (fixture, dialog);
}

/* How many of `all` the filter lets through. */
static guint
count_matches (GtkFilter *filter,
               GPtrArray *all)
{
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    if (gtk_filter_match (filter, g_ptr_array_index (all, i)))
      n++;

  return n;
}

static void
record_change (GtkFilter       *filter,
               GtkFilterChange  change,
               GtkFilterChange *last)
{
  *last = change;
}

static void
test_connection_filter (void)
{
  g_autoptr(PbConnectionFilter) filter = pb_connection_filter_new ();
  g_autoptr(GPtrArray) all = demo_connections ();
  GtkFilter *as_filter = GTK_FILTER (filter);
  GtkFilterChange last = -1;
  guint n_destinations = 0, n_oauth = 0;

  for (guint i = 0; i < all->len; i++)
    {
      PbConnection *connection = g_ptr_array_index (all, i);

      if (pb_connection_get_archived (connection))
        continue;
      n_destinations += g_strcmp0 (pb_connection_get_system_type (connection), "DESTINATION") == 0;
      n_oauth += g_strcmp0 (pb_connection_get_auth_type (connection), "OAUTH") == 0;
    }
  g_signal_connect (filter, "changed", G_CALLBACK (record_change), &last);

  /* Archived ones only when asked for; with nothing else asked, every one. */
  g_assert_cmpuint (count_matches (as_filter, all), ==, count_demo_connections (FALSE));
  g_object_set (filter, "show-archived", TRUE, NULL);
  g_assert_cmpint (last, ==, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpint (gtk_filter_get_strictness (as_filter), ==, GTK_FILTER_MATCH_ALL);
  g_assert_cmpuint (count_matches (as_filter, all), ==, all->len);
  pb_connection_filter_set_show_archived (filter, FALSE);
  g_assert_cmpint (last, ==, GTK_FILTER_CHANGE_MORE_STRICT);

  /* Typing on narrows, taking letters back widens; case and accents do not matter. */
  pb_connection_filter_set_search (filter, "OSTER");
  g_assert_cmpint (last, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  pb_connection_filter_set_search (filter, "OSTERREICH");
  g_assert_cmpint (last, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpstr (pb_connection_filter_get_search (filter), ==, "OSTERREICH");
  g_assert_cmpstr (pb_connection_filter_get_search_key (filter), ==, "osterreich");
  g_assert_cmpuint (count_matches (as_filter, all), ==, 1);
  pb_connection_filter_set_search (filter, "OSTER");
  g_assert_cmpint (last, ==, GTK_FILTER_CHANGE_LESS_STRICT);
  pb_connection_filter_set_search (filter, "destination");
  g_assert_cmpint (last, ==, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (count_matches (as_filter, all), ==, n_destinations);
  /* The words people read for a type: "OAuth 2.0". */
  pb_connection_filter_set_search (filter, "oauth 2");
  g_assert_cmpuint (count_matches (as_filter, all), ==, n_oauth);
  pb_connection_filter_set_search (filter, "");
  g_assert_cmpint (last, ==, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_null (pb_connection_filter_get_search_key (filter));

  /* Kinds, compared ignoring case; NULL is any. */
  g_assert_false (pb_connection_filter_get_has_kinds (filter));
  g_object_set (filter, "system-type", "destination", NULL);
  g_assert_cmpint (last, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (pb_connection_filter_get_has_kinds (filter));
  g_assert_cmpuint (count_matches (as_filter, all), ==, n_destinations);
  pb_connection_filter_set_auth_type (filter, "OAUTH");
  pb_connection_filter_set_request_type (filter, "PUT");
  g_assert_cmpuint (count_matches (as_filter, all), ==, 2);
  pb_connection_filter_set_system_type (filter, NULL);
  g_assert_cmpint (last, ==, GTK_FILTER_CHANGE_LESS_STRICT);
  pb_connection_filter_set_auth_type (filter, NULL);
  pb_connection_filter_set_request_type (filter, NULL);
  g_assert_false (pb_connection_filter_get_has_kinds (filter));
  g_assert_cmpuint (count_matches (as_filter, all), ==, count_demo_connections (FALSE));
}

static void
test_connection_sorter (void)
{
  g_autoptr(PbConnectionSorter) sorter = pb_connection_sorter_new ();
  g_autoptr(GPtrArray) all = demo_connections ();
  g_autoptr(GListStore) store = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autofree char *order = NULL;
  guint n;

  for (guint i = 0; i < all->len; i++)
    g_list_store_append (store, g_ptr_array_index (all, i));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                    g_object_ref (GTK_SORTER (sorter)));
  n = g_list_model_get_n_items (G_LIST_MODEL (sorted));

  /* By name, ignoring case. */
  g_assert_cmpstr (pb_connection_sorter_get_order (sorter), ==, "name");
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(PbConnection) a = g_list_model_get_item (G_LIST_MODEL (sorted), i - 1);
      g_autoptr(PbConnection) b = g_list_model_get_item (G_LIST_MODEL (sorted), i);
      g_autofree char *ka = g_utf8_casefold (pb_connection_get_name (a), -1);
      g_autofree char *kb = g_utf8_casefold (pb_connection_get_name (b), -1);

      g_assert_cmpint (g_utf8_collate (ka, kb), <=, 0);
    }

  /* Newest first; then data systems before destinations, by name where they tie. */
  g_object_set (sorter, "order", "modified", NULL);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(PbConnection) a = g_list_model_get_item (G_LIST_MODEL (sorted), i - 1);
      g_autoptr(PbConnection) b = g_list_model_get_item (G_LIST_MODEL (sorted), i);

      if (pb_connection_get_modified_at (b) != NULL)
        g_assert_cmpint (g_date_time_compare (pb_connection_get_modified_at (a),
                                              pb_connection_get_modified_at (b)), >=, 0);
    }
  pb_connection_sorter_set_order (sorter, "system-type");
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(PbConnection) a = g_list_model_get_item (G_LIST_MODEL (sorted), i - 1);
      g_autoptr(PbConnection) b = g_list_model_get_item (G_LIST_MODEL (sorted), i);

      g_assert_cmpint (g_strcmp0 (pb_connection_get_system_type (a),
                                  pb_connection_get_system_type (b)), <=, 0);
    }

  /* An order it does not know is by name. */
  pb_connection_sorter_set_order (sorter, "colour");
  g_object_get (sorter, "order", &order, NULL);
  g_assert_cmpstr (order, ==, "name");
}

int
main (int   argc,
      char *argv[])
{
  /* Each test its own XDG folders: the offline copy is written under the cache folder. */
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/window/welcome-without-client", test_welcome_without_client);
  ADD ("/window/lists-demo-connections", test_lists_demo_connections);
  ADD ("/window/selection-shows-connection", test_selection_shows_connection);
  ADD ("/window/error-page-and-retry", test_error_page_and_retry);
  ADD ("/window/sign-in-refused", test_sign_in_refused);
  ADD ("/window/failed-refresh-keeps-rows", test_failed_refresh_keeps_rows);
  ADD ("/window/refresh-cancels-load-in-flight", test_refresh_cancels_load_in_flight);
  ADD ("/window/refresh-keeps-selection", test_refresh_keeps_selection);
  ADD ("/window/reload-connection-in-place", test_reload_connection_in_place);
  ADD ("/window/reload-gone-connection", test_reload_gone_connection);
  ADD ("/window/search-filters-and-highlights", test_search_filters_and_highlights);
  ADD ("/window/filters-and-sort", test_filters_and_sort);
  ADD ("/window/filter-ten-thousand", test_filter_ten_thousand);
  ADD ("/window/narrow-window-folds", test_narrow_window_folds);
  ADD ("/window/keyboard-only", test_keyboard_only);
  ADD ("/window/offline-copy", test_offline_copy);
  ADD ("/window/copy-actions", test_copy_actions);
  ADD ("/window/test-button-opens-dialog", test_test_button_opens_dialog);
  g_test_add_func ("/window/connection-filter", test_connection_filter);
  g_test_add_func ("/window/connection-sorter", test_connection_sorter);

#undef ADD

  return g_test_run ();
}

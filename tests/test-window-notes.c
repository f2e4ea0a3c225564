/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the window points out: connections with fields Plugboard cannot read (a warning icon on
 * their row, a note under the list, a note on their page) and placeholders without an input
 * mapping (notes on the page). */
#define G_LOG_DOMAIN "test-window-notes"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pb-connection-page.h"
#include "pb-connection-row.h"
#include "pb-test-ui.h"
#include "pb-window.h"
#include "test-window-fixture.h"

#define ROW_WARNING "Plugboard cannot read some fields of this connection"

/* Alpha is plain; Odd has a revision of 2^64 and a timeout of 1.5 milliseconds (the demo
 * server passes its data through json-glib: see test_unreadable_fields()); Templated
 * has a placeholder without a mapping and a mapping no placeholder uses. */
static const char odd_list[] =
  "{\"items\": ["
  "{\"ref\": \"00000000-0000-4000-8000-000000000001\", \"name\": \"Alpha\","
  " \"systemType\": \"DATA_SYSTEM\", \"auth\": {\"authType\": \"NONE\"},"
  " \"request\": {\"requestType\": \"GET\", \"connectionUrl\": \"https://a.example/${id}\"},"
  " \"inputMappings\": [{\"label\": \"Id\", \"key\": \"id\", \"type\": \"string\"}]},"
  "{\"ref\": \"00000000-0000-4000-8000-000000000002\", \"name\": \"Odd\","
  " \"revision\": 18446744073709551616, \"socketTimeout\": 1.5,"
  " \"systemType\": \"DATA_SYSTEM\", \"auth\": {\"authType\": \"NONE\"},"
  " \"request\": {\"requestType\": \"GET\", \"connectionUrl\": \"https://odd.example/\"}},"
  "{\"ref\": \"00000000-0000-4000-8000-000000000003\", \"name\": \"Templated\","
  " \"systemType\": \"DESTINATION\", \"auth\": {\"authType\": \"NONE\"},"
  " \"request\": {\"requestType\": \"POST\", \"connectionUrl\": \"https://t.example/${city}\","
  "   \"requestBody\": \"{\\\"lang\\\": \\\"${lang}\\\"}\"},"
  " \"inputMappings\": [{\"label\": \"City\", \"key\": \"city\", \"type\": \"string\"},"
  "                     {\"label\": \"Zip\", \"key\": \"zip\", \"type\": \"string\"}]}"
  "]}";

static gboolean
is_warning_icon (GtkWidget     *widget,
                 gconstpointer  data)
{
  return g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "dialog-warning-symbolic") == 0;
}

/* The row of the sidebar that shows the connection called `name`. */
static GtkWidget *
find_row (PbWindow   *window,
          const char *name)
{
  g_autoptr(GPtrArray) rows = pb_test_find_all (GTK_WIDGET (window), PB_TYPE_CONNECTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      PbConnection *connection = pb_connection_row_get_connection (rows->pdata[i]);

      if (connection != NULL && g_strcmp0 (pb_connection_get_name (connection), name) == 0)
        return rows->pdata[i];
    }

  g_assert_not_reached ();
}

static void
select_connection (PbWindow   *window,
                   const char *name)
{
  GListModel *shown = pb_window_get_shown_connections (window);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (shown, i);

      if (g_strcmp0 (pb_connection_get_name (connection), name) == 0)
        {
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), i);
          pb_test_wait_until_idle (window, 100);
          return;
        }
    }

  g_assert_not_reached ();
}

/* The title of the mapped note row (an AdwActionRow with a warning icon) whose title holds
 * `text`, or NULL. */
static const char *
find_note (GtkWidget  *root,
           const char *text)
{
  g_autoptr(GPtrArray) rows = pb_test_find_all (root, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      if (gtk_widget_get_mapped (row) && strstr (title, text) != NULL
          && pb_test_find_widget (row, GTK_TYPE_IMAGE, is_warning_icon, NULL) != NULL)
        return title;
    }

  return NULL;
}

static void
test_unreadable_fields (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  GtkWidget *page = pb_test_find_by_type (GTK_WIDGET (fixture->window), PB_TYPE_CONNECTION_PAGE);
  GtkWidget *odd_row, *alpha_row, *icon;
  const char *note;

  g_assert_true (pb_demo_server_load_data (fixture->server, odd_list, -1, &error));
  g_assert_no_error (error);
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 300);

  /* The rest of the list shows. */
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "connections");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);

  /* The odd row has the icon, with a tooltip, and says so to a screen reader; the others not. */
  odd_row = find_row (fixture->window, "Odd");
  icon = pb_test_find_widget (odd_row, GTK_TYPE_IMAGE, is_warning_icon, NULL);
  g_assert_nonnull (icon);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==, ROW_WARNING);
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (gtk_widget_get_parent (odd_row)),
                                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                     ROW_WARNING));
  alpha_row = find_row (fixture->window, "Alpha");
  g_assert_null (pb_test_find_widget (alpha_row, GTK_TYPE_IMAGE, is_warning_icon, NULL));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (gtk_widget_get_parent (alpha_row)),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  g_assert_null (pb_test_find_widget (find_row (fixture->window, "Templated"), GTK_TYPE_IMAGE,
                                      is_warning_icon, NULL));

  /* The window says how many, and keeps saying it. */
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "1 connection has fields Plugboard cannot read", TRUE));

  /* The page of the odd connection names the fields and what was done with them. */
  select_connection (fixture->window, "Odd");
  /* The demo server passes its data through json-glib, which serves a revision of 2^64 as -1
   * (1.6, as odd) or as 2^63 - 1 (1.10, readable): only the timeout of 1.5 is odd on every
   * stack. */
  note = find_note (page, "Plugboard cannot read th");
  g_assert_nonnull (note);
  /* Each with the row that shows it as not set, where the row has another name. */
  g_assert_true (g_str_has_suffix (note, "socketTimeout (Read Timeout)"));
  g_assert_true (g_str_equal (note, "Plugboard cannot read these fields: revision, socketTimeout "
                                    "(Read Timeout)")
                 || g_str_equal (note, "Plugboard cannot read this field: socketTimeout "
                                       "(Read Timeout)"));
  g_assert_true (pb_test_shows_text (page, "as received and shows", FALSE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "1 connection has fields Plugboard cannot read", TRUE));

  /* Another connection's page has no such note. */
  select_connection (fixture->window, "Alpha");
  g_assert_null (find_note (page, "Plugboard cannot read"));
  g_assert_false (pb_test_shows_text (page, "kept as received", FALSE));

  /* A list without odd connections has no note. */
  pb_window_set_client (fixture->window, NULL);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_false (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                      "fields Plugboard cannot read", FALSE));
}

static void
test_placeholders (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page = pb_test_find_by_type (GTK_WIDGET (fixture->window), PB_TYPE_CONNECTION_PAGE);

  g_assert_true (pb_demo_server_load_data (fixture->server, odd_list, -1, &error));
  g_assert_no_error (error);
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 300);

  select_connection (fixture->window, "Templated");
  g_assert_cmpstr (find_note (page, "Placeholder"), ==, "Placeholder ${lang} has no input mapping");
  g_assert_cmpstr (find_note (page, "Input mapping"), ==, "Input mapping “zip” is not used");

  /* Where each placeholder has its mapping, nothing is pointed out. */
  select_connection (fixture->window, "Alpha");
  g_assert_null (find_note (page, "Placeholder"));
  g_assert_null (find_note (page, "Input mapping"));

  pb_window_set_client (fixture->window, NULL);
}

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  fixture_add ("/window-notes/unreadable-fields", test_unreadable_fields);
  fixture_add ("/window-notes/placeholders", test_placeholders);

  return g_test_run ();
}

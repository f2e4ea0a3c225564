/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection-page"

#include "config.h"

#include <string.h>

#include "pb-mapping-table.h"
#include "pb-test-ui.h"
#include "test-connection-page-fixture.h"

/* JSON and connections */

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
try_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

char *
node_to_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

PbConnection *
connection_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  PbConnection *connection = pb_connection_new_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (PB_IS_CONNECTION (connection));

  return connection;
}

/* The window */

static void
on_reload (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  Fixture *fixture = user_data;

  fixture->reloads++;
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSimpleAction) reload = g_simple_action_new ("reload-connection", NULL);
  g_autoptr(GSimpleAction) include_secrets = NULL;

  fixture->window = g_object_new (ADW_TYPE_APPLICATION_WINDOW,
                                  "default-width", 1100,
                                  "default-height", 800,
                                  NULL);
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  /* The window's switch of secrets, which the page follows and turns. */
  include_secrets = g_simple_action_new_stateful ("include-secrets", NULL,
                                                  g_variant_new_boolean (FALSE));
  g_action_map_add_action (G_ACTION_MAP (fixture->window), G_ACTION (include_secrets));
  fixture->page = PB_CONNECTION_PAGE (pb_connection_page_new ());
  adw_toast_overlay_set_child (fixture->overlay, GTK_WIDGET (fixture->page));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (fixture->window),
                                      GTK_WIDGET (fixture->overlay));

  g_signal_connect (reload, "activate", G_CALLBACK (on_reload), fixture);
  g_action_map_add_action (G_ACTION_MAP (fixture->window), G_ACTION (reload));

  gtk_window_present (fixture->window);
}

/* Destroys the window and checks that the page and the connection shown are freed. */
void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer page = fixture->page;
  gpointer connection = fixture->connection;

  g_object_add_weak_pointer (G_OBJECT (page), &page);
  if (connection != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (connection), &connection);
      g_clear_object (&fixture->connection);
    }

  gtk_window_destroy (fixture->window);
  pb_test_wait_until (pb_test_is_null, &page, "the page to be finalized");
  pb_test_wait_until (pb_test_is_null, &connection, "the connection to be finalized");
}

void
fixture_show (Fixture      *fixture,
              PbConnection *connection)
{
  g_autoptr(PbConnection) previous = g_steal_pointer (&fixture->connection);

  fixture->connection = connection;
  pb_connection_page_set_connection (fixture->page, connection);
  g_assert_true (pb_connection_page_get_connection (fixture->page) == connection);
  pb_test_wait_until (page_is_ready, fixture, "the page to be drawn");
}

void
fixture_show_text (Fixture    *fixture,
                   const char *text)
{
  fixture_show (fixture, connection_from_text (text));
}

void
fixture_release (Fixture *fixture)
{
  gpointer weak = fixture->connection;

  g_assert_nonnull (weak);
  g_object_add_weak_pointer (G_OBJECT (weak), &weak);
  pb_connection_page_set_connection (fixture->page, NULL);
  g_clear_object (&fixture->connection);
  pb_test_wait_until (pb_test_is_null, &weak, "the connection to be finalized");
}

/* Text on screen */

void
collect_texts (GtkWidget *widget,
               GPtrArray *texts,
               gboolean   tooltips)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      g_ptr_array_add (texts, gtk_text_buffer_get_text (buffer, &start, &end, TRUE));
      g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (widget)));
    }
  if (tooltips && gtk_widget_get_tooltip_text (widget) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_widget_get_tooltip_text (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts, tooltips);
}

GPtrArray *
page_texts (Fixture  *fixture,
            gboolean  tooltips)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (GTK_WIDGET (fixture->page), texts, tooltips);
  return texts;
}

gboolean
texts_contain (GPtrArray  *texts,
               const char *needle)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

gboolean
texts_have (GPtrArray  *texts,
            const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;
  return FALSE;
}

static guint
count_labels (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = pb_test_find_all (widget, GTK_TYPE_LABEL);

  return labels->len;
}

gboolean
page_is_ready (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GPtrArray) tables = NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (fixture->page)))
    return FALSE;

  views = pb_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW);
  for (guint i = 0; i < views->len; i++)
    {
      GtkColumnView *view = g_ptr_array_index (views, i);
      GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
      GListModel *columns = gtk_column_view_get_columns (view);
      guint n_items = model ? g_list_model_get_n_items (model) : 0;
      guint n_columns = g_list_model_get_n_items (columns);

      if (!gtk_widget_get_mapped (GTK_WIDGET (view)))
        continue;
      /* Column titles, then one label per cell. */
      if (count_labels (GTK_WIDGET (view)) < n_columns + n_items * n_columns)
        return FALSE;
    }

  /* Each mapping table with rows shows them, in columns or stacked. */
  tables = pb_test_find_all (GTK_WIDGET (fixture->page), PB_TYPE_MAPPING_TABLE);
  for (guint i = 0; i < tables->len; i++)
    {
      GtkWidget *table = g_ptr_array_index (tables, i);
      GListModel *model = pb_mapping_table_get_model (PB_MAPPING_TABLE (table));
      GtkWidget *view = pb_test_find_by_type (table, GTK_TYPE_COLUMN_VIEW);
      GtkWidget *list = pb_test_find_by_css_class (table, "pb-stacked-table");

      if (model == NULL || g_list_model_get_n_items (model) == 0
          || !gtk_widget_get_mapped (table))
        continue;
      if (!gtk_widget_get_mapped (view)
          && !(gtk_widget_get_mapped (list)
               && gtk_list_box_get_row_at_index (GTK_LIST_BOX (list),
                                                 g_list_model_get_n_items (model) - 1)))
        return FALSE;
    }

  /* Not "until nothing is pending": a slow machine may always have a frame to draw. */
  return gtk_widget_get_height (GTK_WIDGET (fixture->page)) > 0;
}

PbPageProperty *
find_row (Fixture    *fixture,
          const char *title)
{
  g_autoptr(GPtrArray) rows = pb_test_find_all (GTK_WIDGET (fixture->page), PB_TYPE_PAGE_PROPERTY);

  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (row), title) == 0
          && gtk_widget_get_mapped (GTK_WIDGET (row)))
        return PB_PAGE_PROPERTY (row);
    }

  g_error ("No row “%s” on the page", title);
  return NULL;
}

GtkWidget *
find_button (Fixture    *fixture,
             const char *action_name)
{
  g_autoptr(GPtrArray) buttons = pb_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   action_name) == 0)
      return g_ptr_array_index (buttons, i);

  g_error ("No button for %s", action_name);
  return NULL;
}

void
click_copy_of_row (Fixture    *fixture,
                   const char *title)
{
  g_autoptr(GPtrArray) buttons = pb_test_find_all (GTK_WIDGET (find_row (fixture, title)),
                                                   GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)),
                     "property.copy") == 0 && gtk_widget_get_mapped (button))
        {
          pb_test_click (button);
          return;
        }
    }

  g_error ("No copy button in the row “%s”", title);
}

GPtrArray *
row_texts (Fixture    *fixture,
           const char *title)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (GTK_WIDGET (find_row (fixture, title)), texts, FALSE);
  return texts;
}

void
assert_row_shows_json (Fixture    *fixture,
                       const char *title,
                       JsonNode   *expected)
{
  g_autoptr(GPtrArray) texts = row_texts (fixture, title);

  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(JsonNode) shown = try_parse_json (g_ptr_array_index (texts, i));

      if (shown != NULL && json_node_get_node_type (shown) == json_node_get_node_type (expected)
          && json_node_equal (shown, expected))
        return;
    }

  g_error ("The row “%s” does not show the JSON expected", title);
}

/* The clipboard */

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
on_clipboard_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

char *
read_clipboard (Fixture *fixture)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->page)), NULL,
                                 on_clipboard_read, &read);
  pb_test_wait_until (is_done, &read, "the clipboard");
  return read.text;
}

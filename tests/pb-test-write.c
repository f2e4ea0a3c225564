/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-test-write"

#include "config.h"

#include <json-glib/json-glib.h>
#include <unistd.h>

#include "pb-private-file.h"
#include "pb-save-preview.h"
#include "pb-test-write.h"

gpointer
pb_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (toplevel))
        return toplevel;
    }

  return NULL;
}

static gboolean
toplevel_shown (gpointer data)
{
  return pb_test_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
toplevel_gone (gpointer data)
{
  return pb_test_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

gpointer
pb_test_wait_for_toplevel (GType type)
{
  pb_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (type), g_type_name (type));
  /* Laid out and drawn once. */
  pb_test_spin (50);

  return pb_test_find_toplevel (type);
}

void
pb_test_wait_for_no_toplevel (GType type)
{
  pb_test_wait_until (toplevel_gone, GSIZE_TO_POINTER (type), "a window to close");
}

#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#endif

static gpointer
find_guard (GtkWidget *window)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return pb_test_find_by_type (window, ADW_TYPE_ALERT_DIALOG);
#else
  return pb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
#endif
}

static gboolean
guard_shown (gpointer data)
{
  return find_guard (data) != NULL;
}

static gboolean
guard_gone (gpointer data)
{
  GtkWidget **guard = data;

  return *guard == NULL || !gtk_widget_get_mapped (*guard);
}

GtkWidget *
pb_test_wait_for_question (GtkWidget *window)
{
  pb_test_wait_until (guard_shown, window, "a question");
  pb_test_spin (50);

  return find_guard (window);
}

void
pb_test_guard_type (GtkWidget  *guard,
                    const char *text)
{
  GtkWidget *entry = pb_test_find_by_type (guard, GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

gboolean
pb_test_guard_can_confirm (GtkWidget *guard)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return adw_alert_dialog_get_response_enabled (ADW_ALERT_DIALOG (guard), "confirm");
#else
  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (guard), "confirm");
#endif
}

void
pb_test_question_respond (GtkWidget  *guard,
                       const char *response)
{
  g_assert_true (!g_str_equal (response, "confirm") || pb_test_guard_can_confirm (guard));
  g_object_add_weak_pointer (G_OBJECT (guard), (gpointer *) &guard);
#if ADW_CHECK_VERSION (1, 5, 0)
  g_signal_emit_by_name (guard, "response", response);
  adw_dialog_close (ADW_DIALOG (guard));
#else
  /* As its button does: the response, then it closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (guard), response);
  gtk_window_close (GTK_WINDOW (guard));
#endif
  /* Gone, so that the next guard found is a new one. */
  pb_test_wait_until (guard_gone, &guard, "the question to close");
  if (guard != NULL)
    g_object_remove_weak_pointer (G_OBJECT (guard), (gpointer *) &guard);
}

#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_END_IGNORE_DEPRECATIONS
#endif

void
pb_test_server_change (PbDemoServer *server,
                       PbConnection *connection,
                       const char   *member,
                       const char   *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *modified_text = NULL;
  g_autofree char *json = NULL;
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, pb_connection_get_json (connection), -1,
                                             &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));

  if (g_str_equal (member, "request.connectionUrl"))
    json_object_set_string_member (json_object_get_object_member (object, "request"),
                                   "connectionUrl", value);
  else
    json_object_set_string_member (object, member, value);

  json_object_set_int_member (object, "revision", pb_connection_get_revision (connection) + 1);
  modified = pb_connection_get_modified_at (connection) != NULL
             ? g_date_time_ref (pb_connection_get_modified_at (connection))
             : g_date_time_new_now_utc ();
  later = g_date_time_add_minutes (modified, 1);
  modified_text = g_date_time_format_iso8601 (later);
  json_object_set_string_member (object, "modifiedAt", modified_text);
  json_object_set_string_member (object, "modifiedByRef", "someone-else");

  json = json_to_string (json_parser_get_root (parser), FALSE);
  g_assert_true (pb_demo_server_put_connection (server, json, &error));
  g_assert_no_error (error);
}

PbConnection *
pb_test_window_select (PbWindow   *window,
                       PbClient   *client,
                       const char *name)
{
  g_autofree char *cache_id = g_strdup_printf ("test-%s-%d", g_get_prgname (), (int) getpid ());
  GListModel *shown = pb_window_get_shown_connections (window);
  GListModel *all = G_LIST_MODEL (pb_window_get_store (window));

  if (pb_window_get_client (window) != client)
    {
      g_object_set (window, "cache-id", cache_id, NULL);
      pb_window_set_client (window, client);
    }
  pb_test_wait_until_idle (window, 100);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (all, i);

      g_autoptr(GVariant) showing = g_action_group_get_action_state (G_ACTION_GROUP (window),
                                                                     "show-archived");

      if (g_strcmp0 (pb_connection_get_name (connection), name) == 0
          && pb_connection_get_archived (connection) && !g_variant_get_boolean (showing))
        {
          g_action_group_activate_action (G_ACTION_GROUP (window), "show-archived", NULL);
          pb_test_wait_until_idle (window, 100);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (shown, i);

      if (g_strcmp0 (pb_connection_get_name (connection), name) == 0)
        {
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), i);
          pb_test_wait_until_idle (window, 50);
          return connection;
        }
    }

  g_error ("No connection “%s” in the list", name);
}

PbConnection *
pb_test_window_find (PbWindow   *window,
                     const char *ref)
{
  GListModel *all = G_LIST_MODEL (pb_window_get_store (window));

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (all, i);

      if (g_strcmp0 (pb_connection_get_ref (connection), ref) == 0)
        return connection;
    }

  return NULL;
}

char *
pb_test_window_history_path (PbWindow *window)
{
  const char *account_id = pb_connection_store_get_cache_id (pb_window_get_store (window));
  g_autofree char *safe = NULL;
  g_autofree char *name = NULL;

  g_assert_nonnull (account_id);
  safe = pb_private_file_reduce_id (account_id);
  name = g_strconcat ("history-", safe, NULL);

  return g_build_filename (g_get_user_data_dir (), "plugboard", name, NULL);
}

PbConnection *
pb_test_run_flow (PbWindow          *window,
                  PbConnectionDraft *draft,
                  PbSaveKind         kind,
                  const char        *action,
                  GError           **error)
{
  g_auto(PbTestWaiter) waiter = { 0 };
  GtkWidget *preview;

  pb_save_flow_run_async (GTK_WIDGET (window), pb_window_get_store (window),
                          pb_window_get_production (window), draft, kind, NULL,
                          pb_test_waiter_cb, &waiter);
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_click_label (preview, action);

  return pb_save_flow_run_finish (pb_test_waiter_wait (&waiter), error);
}

PbConnectionEditor *
pb_test_find_editor (PbWindow *window)
{
  return (PbConnectionEditor *) pb_test_find_widget (GTK_WIDGET (window),
                                                     PB_TYPE_CONNECTION_EDITOR, NULL, NULL);
}

static gboolean
editor_gone (gpointer data)
{
  return pb_test_find_editor (data) == NULL;
}

void
pb_test_wait_for_no_editor (PbWindow *window)
{
  pb_test_wait_until (editor_gone, window, "the edit form to close");
}

static gboolean
row_title_is (GtkWidget     *widget,
              gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

GtkWidget *
pb_test_editor_row (PbConnectionEditor *editor,
                    GType               type,
                    const char         *title)
{
  GtkWidget *row = pb_test_find_widget (GTK_WIDGET (editor), type, row_title_is, title);

  if (row == NULL)
    g_error ("No row “%s” in the form", title);

  return row;
}

void
pb_test_editor_type (PbConnectionEditor *editor,
                     const char         *title,
                     const char         *text)
{
  GtkWidget *row = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, title);

  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

GPtrArray *
pb_test_editor_table_rows (PbConnectionEditor *editor,
                           const char         *table)
{
  g_autoptr(GPtrArray) groups = pb_test_find_all (GTK_WIDGET (editor),
                                                  ADW_TYPE_PREFERENCES_GROUP);
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; i < groups->len; i++)
    {
      AdwPreferencesGroup *group = g_ptr_array_index (groups, i);

      if (g_strcmp0 (adw_preferences_group_get_title (group), table) == 0)
        {
          g_autoptr(GPtrArray) expanders = pb_test_find_all (GTK_WIDGET (group),
                                                             ADW_TYPE_EXPANDER_ROW);

          g_ptr_array_extend (rows, expanders, NULL, NULL);
        }
    }

  return rows;
}

void
pb_test_editor_type_in_table (PbConnectionEditor *editor,
                              const char         *table,
                              const char         *row,
                              const char         *column,
                              const char         *text)
{
  g_autoptr(GPtrArray) rows = pb_test_editor_table_rows (editor, table);
  GtkWidget *expander = NULL;
  GtkWidget *entry;

  for (guint i = 0; i < rows->len && expander == NULL; i++)
    if (row_title_is (g_ptr_array_index (rows, i), row))
      expander = g_ptr_array_index (rows, i);
  if (expander == NULL)
    g_error ("No row “%s” in the table “%s” of the form", row, table);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  /* Laid out, and its entries mapped. */
  pb_test_spin (50);
  entry = pb_test_find_widget (expander, ADW_TYPE_ENTRY_ROW, row_title_is, column);
  if (entry == NULL)
    g_error ("No column “%s” in the row “%s” of the form", column, row);
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

const char *
pb_test_editor_said_under (GtkWidget *row)
{
  GtkWidget *next = gtk_widget_get_next_sibling (row);

  g_assert_nonnull (next);
  g_assert_true (gtk_widget_has_css_class (next, "pb-problem"));
  if (!gtk_widget_get_visible (next))
    return NULL;

  return gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (next))));
}

gboolean
pb_test_editor_in_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  /* The text of a text row scrolls in a scroller of its own: the form's is around it. */
  while (scroller != NULL &&
         gtk_widget_get_ancestor (gtk_widget_get_parent (scroller), GTK_TYPE_SCROLLED_WINDOW) != NULL)
    scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (scroller), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  if (!gtk_widget_compute_bounds (widget, scroller, &bounds))
    return FALSE;

  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

const char *
pb_test_editor_get_error (PbConnectionEditor *editor)
{
  GtkWidget *box = pb_test_find_by_css_class (GTK_WIDGET (editor), "pb-editor-error");

  g_assert_nonnull (box);
  if (!gtk_widget_get_visible (box))
    return NULL;

  return gtk_label_get_text (GTK_LABEL (pb_test_find_by_type (box, GTK_TYPE_LABEL)));
}

PbSavePreview *
pb_test_editor_click_save (PbConnectionEditor *editor,
                           const char         *label)
{
  GtkWidget *button;

  /* What a pause in the typing would have done. */
  pb_connection_editor_check (editor);
  pb_test_spin (50);
  button = pb_test_find_button (GTK_WIDGET (editor), label);
  if (button == NULL)
    g_error ("No button “%s” in the form", label);
  pb_test_click (button);

  return pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-window-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-connection-row.h"
#include "pb-export.h"
#include "pb-export-file.h"
#include "pb-format.h"
#include "pb-outbound-request.h"
#include "pb-test-dialog.h"
#include "pb-window-private.h"

/* What the window's actions do: refresh and reload, copy and export, test, search, the
 * filters and the way back. */

static void
pb_window_refresh (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  _pb_window_load (PB_WINDOW (widget));
}

static void
pb_window_cancel_load (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  _pb_window_cancel_load (PB_WINDOW (widget));
}

static void
pb_window_reload_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = pb_connection_store_reload_finish (PB_CONNECTION_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->reload_cancellable);

  if (g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NOT_FOUND))
    {
      AdwToast *toast = adw_toast_new (_("This connection no longer exists on the server."));

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("_Refresh List"));
      adw_toast_set_action_name (toast, "win.refresh");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  if (error != NULL)
    _pb_window_show_error (self, error);
}

static void
pb_window_reload_connection (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbConnection *selected = _pb_window_get_selected (self);

  if (selected == NULL || pb_connection_store_get_client (self->store) == NULL ||
      self->reload_cancellable != NULL)
    return;

  self->reload_cancellable = g_cancellable_new ();
  pb_connection_store_reload_async (self->store, pb_connection_get_ref (selected),
                                    self->reload_cancellable,
                                    pb_window_reload_cb, g_object_ref (self));
}

static void
pb_window_copy_text (PbWindow   *self,
                     const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Copied to clipboard")));
}

static void
pb_window_copy_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbConnection *selected = _pb_window_get_selected (self);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (selected == NULL)
    return;

  if (g_str_equal (action_name, "win.copy-ref"))
    text = g_strdup (pb_connection_get_ref (selected));
  else if (g_str_equal (action_name, "win.copy-curl"))
    text = pb_connection_to_curl (selected, pb_window_get_include_secrets (self));
  else if (g_str_equal (action_name, "win.copy-curl-filled"))
    {
      g_autoptr(GHashTable) examples = pb_connection_dup_example_values (selected);

      text = pb_connection_to_curl_with_values (selected, examples,
                                                pb_window_get_include_secrets (self));
    }
  else
    text = pb_export_connection (selected, pb_window_get_include_secrets (self), &error);

  if (text == NULL)
    {
      pb_window_show_message (self, error ? error->message : _("There is nothing to copy"));
      return;
    }

  pb_window_copy_text (self, text);
}

typedef struct
{
  PbWindow *window;
  GBytes   *contents;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->window);
  g_clear_pointer (&data->contents, g_bytes_unref);
  g_free (data);
}

static void
pb_window_export_written_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!pb_export_file_write_finish (G_FILE (object), result, &error))
    {
      /* Translators: %s says why */
      text = g_strdup_printf (_("The file could not be saved: %s"), error->message);
      pb_window_show_message (self, text);
      return;
    }

  name = g_file_get_basename (G_FILE (object));
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Exported to “%s”"), name);
  pb_window_show_message (self, text);
}

static void
pb_window_export_chosen_cb (GtkNativeDialog *chooser,
                            int              response,
                            ExportData      *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      pb_export_file_write_async (file, data->contents, NULL, pb_window_export_written_cb,
                                  g_object_ref (data->window));
    }

  export_data_free (data);
  g_object_unref (chooser);
}

static void
pb_window_export_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  gboolean all = g_str_equal (action_name, "win.export-all");
  PbConnection *selected = _pb_window_get_selected (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  ExportData *data;

  if (all)
    {
      GListModel *shown = G_LIST_MODEL (self->filter_model);
      g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
        g_ptr_array_add (connections, g_list_model_get_item (shown, i));
      text = pb_export_connections (connections, pb_window_get_include_secrets (self), &error);
      suggested = g_strdup (_("connections.json"));
    }
  else if (selected != NULL)
    {
      g_autofree char *name = pb_format_for_display (pb_connection_get_name (selected) ?:
                                                     _("connection"), 100);

      g_strdelimit (name, "/\\:*?\"<>|", '-');
      text = pb_export_connection (selected, pb_window_get_include_secrets (self), &error);
      suggested = g_strdup_printf ("%s.json", name);
    }
  else
    return;

  if (text == NULL)
    {
      pb_window_show_message (self, error->message);
      return;
    }

  chooser = gtk_file_chooser_native_new (all ? _("Export the Shown Connections")
                                             : _("Export the Connection"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  data = g_new0 (ExportData, 1);
  data->window = g_object_ref (self);
  data->contents = g_bytes_new_take (text, strlen (text));
  text = NULL;
  g_signal_connect (chooser, "response", G_CALLBACK (pb_window_export_chosen_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
pb_window_test_connection (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbConnection *selected = _pb_window_get_selected (self);
  GtkWidget *dialog;

  if (selected == NULL || pb_connection_store_get_client (self->store) == NULL)
    return;

  /* Modal: while it runs, the window's Test cannot start a second one. */
  dialog = pb_test_dialog_new (GTK_WINDOW (self), pb_connection_store_get_client (self->store),
                               selected);
  /* Secret values are shown as the window's Include Secrets has them. */
  g_object_set (dialog, "reveal-secrets", pb_window_get_include_secrets (self), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pb_window_back (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
pb_window_search_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
pb_window_clear_filter_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  _pb_window_clear_filter (PB_WINDOW (widget));
}

static void
pb_window_filter_changed (GSimpleAction *action,
                          GVariant      *value,
                          gpointer       user_data)
{
  PbWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  const char *kind = g_variant_get_string (value, NULL);

  if (g_str_equal (kind, "all"))
    kind = NULL;

  g_simple_action_set_state (action, value);
  if (g_str_equal (name, "filter-system"))
    pb_connection_filter_set_system_type (self->filter, kind);
  else if (g_str_equal (name, "filter-auth"))
    pb_connection_filter_set_auth_type (self->filter, kind);
  else
    pb_connection_filter_set_request_type (self->filter, kind);
}

/* {{{ The context menu of a row */

/* The row of the list at or around `widget` (a label of it, the list item's own widget). */
static PbConnectionRow *
find_row (GtkWidget *widget)
{
  GtkWidget *row;

  if (widget == NULL)
    return NULL;
  row = gtk_widget_get_ancestor (widget, PB_TYPE_CONNECTION_ROW);
  if (row == NULL && PB_IS_CONNECTION_ROW (gtk_widget_get_first_child (widget)))
    row = gtk_widget_get_first_child (widget);

  /* A row of the list's spares shows no connection. */
  if (row == NULL || pb_connection_row_get_connection (PB_CONNECTION_ROW (row)) == NULL)
    return NULL;

  return PB_CONNECTION_ROW (row);
}

/* A click (or a tap) on a row shows its connection, in a narrow window too. The list does
 * not activate on a single click: that would also select whatever row the pointer passes. */
static void
row_clicked_cb (GtkGesture *gesture,
                int         n_press,
                double      x,
                double      y,
                PbWindow   *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  PbConnectionRow *row = find_row (picked);
  guint position;

  if (row == NULL || n_press != 1)
    return;
  position = _pb_window_find_shown (self, pb_connection_row_get_connection (row), NULL);
  if (position != GTK_INVALID_LIST_POSITION)
    _pb_window_activate_position (self, position);
}

/* Selects the row's connection (the menu's actions act on the selection) and opens the menu
 * pointing at `area` of the list view. */
static void
pb_window_popup_row_menu (PbWindow              *self,
                          PbConnectionRow       *row,
                          const graphene_rect_t *area)
{
  guint position = _pb_window_find_shown (self, pb_connection_row_get_connection (row), NULL);
  double x = 0, y = 0;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_single_selection_set_selected (self->selection, position);

  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->list_view), self->sidebar,
                                         area->origin.x, area->origin.y, &x, &y))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu),
                               &(GdkRectangle) { (int) x, (int) y,
                                                 MAX (1, (int) area->size.width),
                                                 MAX (1, (int) area->size.height) });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static void
row_pressed_cb (GtkGesture *gesture,
                int         n_press,
                double      x,
                double      y,
                PbWindow   *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  PbConnectionRow *row = find_row (picked);

  if (row == NULL)
    return;
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  pb_window_popup_row_menu (self, row, &GRAPHENE_RECT_INIT ((float) x, (float) y, 1, 1));
}

static void
row_long_pressed_cb (GtkGestureLongPress *gesture,
                     double               x,
                     double               y,
                     PbWindow            *self)
{
  row_pressed_cb (GTK_GESTURE (gesture), 1, x, y, self);
}

/* The row showing the selected connection, if it is drawn. */
static PbConnectionRow *
find_selected_row (PbWindow *self)
{
  gpointer selected = gtk_single_selection_get_selected_item (self->selection);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL && selected != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PbConnectionRow *row = find_row (child);

      if (row != NULL && pb_connection_row_get_connection (row) == selected)
        return row;
    }

  return NULL;
}

/* win.row-menu (Menu or Shift+F10 in the list): the menu of the focused row, or else of the
 * selected one. */
static void
pb_window_row_menu_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  PbConnectionRow *row = find_row (gtk_root_get_focus (GTK_ROOT (self)));
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_is_ancestor (GTK_WIDGET (row), GTK_WIDGET (self->list_view)))
    row = find_selected_row (self);
  if (row == NULL
      || !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->list_view), &bounds))
    return;
  pb_window_popup_row_menu (self, row, &bounds);
}

static void
pb_window_add_row_menu (PbWindow   *self,
                        GMenuModel *model)
{
  GtkGesture *primary = gtk_gesture_click_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkShortcut *shortcut;

  self->row_menu = gtk_popover_menu_new_from_model (model);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
  gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
  /* The sidebar box lays out no popover, and unparents it when it goes. */
  gtk_widget_set_parent (self->row_menu, self->sidebar);

  /* Before the row's own gesture, which takes the click for itself. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (primary), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (primary), GTK_PHASE_CAPTURE);
  g_signal_connect_object (primary, "pressed", G_CALLBACK (row_clicked_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (primary));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (row_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (row_long_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (long_press));
  shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>F10|Menu"),
                               gtk_named_action_new ("win.row-menu"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
}

/* }}} */

void
_pb_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.row-menu", NULL,
                                   pb_window_row_menu_action);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, welcome_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, loading_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, connection_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, filter_button);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, pb_window_refresh);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL,
                                   pb_window_cancel_load);
  gtk_widget_class_install_action (widget_class, "win.reload-connection", NULL,
                                   pb_window_reload_connection);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, pb_window_back);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, pb_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filter", NULL,
                                   pb_window_clear_filter_action);
  gtk_widget_class_install_action (widget_class, "win.copy-json", NULL, pb_window_copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-ref", NULL, pb_window_copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-curl", NULL, pb_window_copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-curl-filled", NULL,
                                   pb_window_copy_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, pb_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL,
                                   pb_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.test-connection", NULL,
                                   pb_window_test_connection);
  /* Not in the window's GActionMap: that one is exported on the session bus. */
  gtk_widget_class_install_property_action (widget_class, "win.include-secrets",
                                            "include-secrets");

  _pb_window_class_add_write_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);

  _pb_window_class_add_edit_actions (widget_class);
}

/* The menus live in a file of their own (pb-window-menus.ui); the window keeps them (and
 * the accounts section it fills) as long as it lives. */
static void
pb_window_add_menus (PbWindow *self)
{
  GtkBuilder *builder = gtk_builder_new_from_resource (RESOURCE_BASE "/pb-window-menus.ui");
  GMenuModel *primary = G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu"));
  GtkMenuButton *primary_buttons[] = {
    self->welcome_menu_button, self->loading_menu_button, self->error_menu_button,
    self->sidebar_menu_button,
  };

  g_object_set_data_full (G_OBJECT (self), "pb-window-menus", builder, g_object_unref);
  self->accounts_section = G_MENU (gtk_builder_get_object (builder, "accounts_section"));
  for (guint i = 0; i < G_N_ELEMENTS (primary_buttons); i++)
    gtk_menu_button_set_menu_model (primary_buttons[i], primary);
  gtk_menu_button_set_menu_model (self->filter_button,
                                  G_MENU_MODEL (gtk_builder_get_object (builder, "filter_menu")));
  gtk_menu_button_set_menu_model (self->connection_menu_button,
                                  G_MENU_MODEL (gtk_builder_get_object (builder,
                                                                        "connection_menu")));
  pb_window_add_row_menu (self, G_MENU_MODEL (gtk_builder_get_object (builder, "row_menu")));
}

void
_pb_window_add_actions (PbWindow *self)
{
  static const GActionEntry filter_actions[] = {
    { "filter-system", NULL, "s", "'all'", pb_window_filter_changed },
    { "filter-auth", NULL, "s", "'all'", pb_window_filter_changed },
    { "filter-method", NULL, "s", "'all'", pb_window_filter_changed },
  };
  static const char * const settings_actions[] = { "show-archived", "sort-order" };

  pb_window_add_menus (self);

  for (guint i = 0; i < G_N_ELEMENTS (settings_actions); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, settings_actions[i]);

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
  g_action_map_add_action_entries (G_ACTION_MAP (self), filter_actions,
                                   G_N_ELEMENTS (filter_actions), self);
  _pb_window_init_edit (self);
  _pb_window_init_write (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-window-write"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection-draft.h"
#include "pb-format.h"
#include "pb-history-dialog.h"
#include "pb-save-flow.h"
#include "pb-window-private.h"

/* The window's writes of the selected connection: Archive, Unarchive (each through the save
 * flow: preview, production guard, conflict check) and History with its Restore. Writing
 * waits for the list from the server: the offline copy is masked, and may be out of date. */

static void
update_write_actions (PbWindow *self)
{
  PbConnection *selected = _pb_window_get_selected (self);
  gboolean can_write = selected != NULL && !self->writing
                       && pb_connection_store_get_client (self->store) != NULL
                       && !pb_connection_store_get_offline_copy (self->store);
  gboolean archived = selected != NULL && pb_connection_get_archived (selected);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.archive", can_write && !archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unarchive", can_write && archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history",
                                 selected != NULL
                                 && pb_connection_store_get_cache_id (self->store) != NULL);
}

/* The connection's name, as a toast shows it. */
static char *
dup_shown_name (PbConnection *connection)
{
  return pb_format_for_display (pb_connection_get_name (connection), PB_FORMAT_TITLE_CHARS);
}

static void
archived_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  connection = pb_save_flow_run_finish (result, &error);
  self->writing = FALSE;
  update_write_actions (self);

  if (connection != NULL)
    {
      name = dup_shown_name (connection);
      if (pb_connection_get_archived (connection))
        /* Translators: %s is a connection's name */
        text = g_strdup_printf (_("“%s” archived"), name);
      else
        /* Translators: %s is a connection's name */
        text = g_strdup_printf (_("“%s” unarchived"), name);
      pb_window_show_message (self, text);
      return;
    }

  /* Cancelled: nothing was sent. An unknown outcome: the flow said so, with Reload. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_UNCERTAIN))
    return;

  /* Translators: %s says why */
  text = g_strdup_printf (_("Nothing was changed: %s"), error->message);
  pb_window_show_message (self, text);
}

static void
pb_window_archive_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbConnection *selected = _pb_window_get_selected (self);
  gboolean archive = g_str_equal (action_name, "win.archive");
  g_autoptr(PbConnectionDraft) draft = NULL;

  if (selected == NULL || self->writing)
    return;

  draft = pb_connection_draft_new_for_connection (selected);
  pb_connection_draft_set_archived (draft, archive);

  self->writing = TRUE;
  update_write_actions (self);
  pb_save_flow_run_async (widget, self->store, pb_window_get_production (self), draft,
                          archive ? PB_SAVE_ARCHIVE : PB_SAVE_UNARCHIVE, NULL,
                          archived_cb, g_object_ref (self));
}

static void
restored_cb (PbWindow     *self,
             PbConnection *connection)
{
  g_autofree char *name = dup_shown_name (connection);
  /* Translators: %s is a connection's name */
  g_autofree char *text = g_strdup_printf (_("“%s” restored"), name);

  pb_window_show_message (self, text);
}

static void
pb_window_history_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbConnection *selected = _pb_window_get_selected (self);
  PbHistoryDialog *dialog;

  if (selected == NULL)
    return;

  dialog = pb_history_dialog_new (GTK_WINDOW (self), self->store, selected,
                                  pb_window_get_production (self));
  g_signal_connect_object (dialog, "restored", G_CALLBACK (restored_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_pb_window_class_add_write_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.archive", NULL, pb_window_archive_action);
  gtk_widget_class_install_action (widget_class, "win.unarchive", NULL,
                                   pb_window_archive_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, pb_window_history_action);
}

void
_pb_window_init_write (PbWindow *self)
{
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (update_write_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::offline-copy",
                           G_CALLBACK (update_write_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "values-changed",
                           G_CALLBACK (update_write_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (update_write_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::client",
                           G_CALLBACK (update_write_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::cache-id",
                           G_CALLBACK (update_write_actions), self, G_CONNECT_SWAPPED);
  update_write_actions (self);
}

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
  /* Edit is off on an archived connection: the banner says why, and offers the way out. */
  gtk_widget_set_visible (self->archived_banner,
                          archived && gtk_widget_get_visible (GTK_WIDGET (self->connection_page)));
}

/* The connection of the store with `ref`, or NULL. */
static PbConnection *
find_ref (PbWindow   *self,
          const char *ref)
{
  GListModel *all = G_LIST_MODEL (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (all, i);

      if (g_strcmp0 (pb_connection_get_ref (connection), ref) == 0)
        return connection;
    }

  return NULL;
}

/* The connection's name, as a toast shows it. */
static char *
dup_shown_name (PbConnection *connection)
{
  return pb_format_for_display (pb_connection_get_name (connection), PB_FORMAT_TITLE_CHARS);
}

/* The archived connection went from the list (archived ones hidden): rather than no page at
 * all, the one that took its place, or the one before when it was last. */
static void
select_near (PbWindow *self,
             guint     position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (gtk_single_selection_get_selected_item (self->selection) != NULL || n == 0 ||
      position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_single_selection_set_selected (self->selection, MIN (position, n - 1));
}

/* An archive under way: the window, and where the connection was in the list. */
typedef struct
{
  PbWindow *window;
  guint     position;
} Archiving;

static void
archiving_free (Archiving *archiving)
{
  g_object_unref (archiving->window);
  g_free (archiving);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Archiving, archiving_free)

static void
archived_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Archiving) archiving = user_data;
  PbWindow *self = archiving->window;
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
        {
          AdwToast *toast;

          /* Translators: %s is a connection's name */
          text = g_strdup_printf (_("“%s” archived"), name);
          /* Undo unarchives it through the same steps (preview, production guard). */
          toast = _pb_window_toast_new (text);
          adw_toast_set_button_label (toast, _("_Undo"));
          adw_toast_set_action_name (toast, "win.undo-archive");
          adw_toast_set_action_target_value (toast,
                                             g_variant_new_string (pb_connection_get_ref (connection)));
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
          select_near (self, archiving->position);
        }
      else
        {
          /* Translators: %s is a connection's name */
          text = g_strdup_printf (_("“%s” unarchived"), name);
          pb_window_show_message (self, text);
          /* After Undo, the page goes back to it. */
          _pb_window_select_ref (self, pb_connection_get_ref (connection), FALSE);
        }
      return;
    }

  /* Nothing to say when cancelled (nothing was sent) or when the outcome is unknown (the
   * flow said so, with Reload). */
  text = pb_save_flow_describe_failure (error, PB_SAVE_ARCHIVE);
  if (text == NULL)
    return;
  pb_window_show_message (self, text);
}

/* Archives or unarchives `connection` through the save flow. */
static void
pb_window_start_archive (PbWindow     *self,
                         PbConnection *connection,
                         gboolean      archive)
{
  g_autoptr(PbConnectionDraft) draft = NULL;
  Archiving *archiving;

  if (connection == NULL || self->writing || pb_connection_store_get_client (self->store) == NULL
      || pb_connection_store_get_offline_copy (self->store)
      || pb_connection_get_archived (connection) == archive)
    return;

  draft = pb_connection_draft_new_for_connection (connection);
  pb_connection_draft_set_archived (draft, archive);
  archiving = g_new0 (Archiving, 1);
  archiving->window = g_object_ref (self);
  archiving->position = gtk_single_selection_get_selected (self->selection);

  self->writing = TRUE;
  update_write_actions (self);
  pb_save_flow_run_async (GTK_WIDGET (self), self->store, pb_window_get_production (self), draft,
                          archive ? PB_SAVE_ARCHIVE : PB_SAVE_UNARCHIVE, NULL,
                          archived_cb, archiving);
}

static void
pb_window_archive_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  pb_window_start_archive (self, _pb_window_get_selected (self),
                           g_str_equal (action_name, "win.archive"));
}

/* The Undo of the toast of an archive: the connection by its ref, wherever the list is now. */
static void
pb_window_undo_archive_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  pb_window_start_archive (self, find_ref (self, g_variant_get_string (param, NULL)), FALSE);
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
  gtk_widget_class_install_action (widget_class, "win.undo-archive", "s",
                                   pb_window_undo_archive_action);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, archived_banner);
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
  /* The form takes the page's place, and the banner's. */
  g_signal_connect_object (self->connection_page, "notify::visible",
                           G_CALLBACK (update_write_actions), self, G_CONNECT_SWAPPED);
  update_write_actions (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-accessible.h"
#include "pb-connection.h"
#include "pb-connection-draft.h"
#include "pb-diff.h"
#include "pb-diff-view.h"
#include "pb-format.h"
#include "pb-history.h"
#include "pb-history-dialog.h"
#include "pb-save-flow.h"

struct _PbHistoryDialog
{
  AdwWindow          parent_instance;

  PbConnectionStore *store;
  PbConnection      *connection;
  gboolean           production;
  GListModel        *entries;
  GCancellable      *cancellable; /* of the reading or the restore under way */
  gboolean           busy;

  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkStack          *stack;
  GtkSpinner        *spinner;
  AdwStatusPage     *error_page;
  GtkListBox        *versions_list;
  AdwPreferencesGroup *changes_group;
  PbDiffView        *diff_view;
  GtkWidget         *restore_button;
};

G_DEFINE_FINAL_TYPE (PbHistoryDialog, pb_history_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
reason_word (PbHistoryReason reason)
{
  switch (reason)
    {
    case PB_HISTORY_ARCHIVE:
      /* Translators: why a version was replaced */
      return _("Archived");
    case PB_HISTORY_UNARCHIVE:
      /* Translators: why a version was replaced */
      return _("Unarchived");
    case PB_HISTORY_RESTORE:
      /* Translators: why a version was replaced */
      return _("Restored");
    case PB_HISTORY_OVERWRITE:
      /* Translators: why a version was replaced: saved over a newer version after a conflict */
      return _("Overwritten");
    case PB_HISTORY_PROMOTE:
      /* Translators: why a version was replaced: by a copy from another account */
      return _("Copied from another account");
    case PB_HISTORY_EDIT:
    default:
      /* Translators: why a version was replaced */
      return _("Edited");
    }
}

static void
set_busy (PbHistoryDialog *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.retry", !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_restore (PbHistoryDialog *self)
{
  gboolean offline;

  /* Not once the dialog is going (its list says its rows went). */
  if (self->store == NULL)
    return;

  offline = pb_connection_store_get_offline_copy (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore",
                                 !self->busy && !offline
                                 && gtk_list_box_get_selected_row (self->versions_list) != NULL);
  gtk_widget_set_tooltip_text (self->restore_button,
                               offline ? _("Restoring waits for the list from the server")
                                       : NULL);
}

/* {{{ The versions */

static GtkWidget *
create_version_row (gpointer item,
                    gpointer user_data)
{
  PbHistoryEntry *entry = item;
  g_autofree char *when = pb_format_date_time (pb_history_entry_get_replaced_at (entry));
  g_autofree char *subtitle = NULL;
  gint64 revision = pb_history_entry_get_revision (entry);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, revision);
  GtkWidget *row = adw_action_row_new ();

  g_autofree char *title = NULL;

  /* The row is the version (its revision); the time is when it was replaced, not when it was
   * made, and the reason is what replaced it. */
  if (revision >= 0)
    /* Translators: a version of a connection kept in History; %s is its revision number */
    title = g_strdup_printf (_("Revision %s"), number);
  else
    /* Translators: a version of a connection kept in History, of an unknown revision */
    title = g_strdup (_("Earlier Version"));
  /* Translators: the first %s is a date and time, the second why the version was replaced
   * ("Edited", "Restored") */
  subtitle = g_strdup_printf (_("Replaced on %s · %s"), when,
                              reason_word (pb_history_entry_get_reason (entry)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

/* The version that replaced entry `position`: the one before it in the list (newest first),
 * or for the newest, the connection as it is now. */
static const char *
get_next_json (PbHistoryDialog *self,
               guint            position)
{
  g_autoptr(PbHistoryEntry) next = NULL;

  if (position == 0)
    return pb_connection_get_json (self->connection);

  next = g_list_model_get_item (self->entries, position - 1);
  /* The list holds the entry: its text outlives this reference. */
  return pb_history_entry_get_json (next);
}

static void
version_selected_cb (PbHistoryDialog *self,
                     GtkListBoxRow   *row)
{
  g_autoptr(PbHistoryEntry) entry = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  /* Not once the dialog is going (its list says its rows went). */
  if (self->diff_view == NULL || self->connection == NULL)
    return;

  update_restore (self);
  if (row == NULL || self->entries == NULL)
    {
      pb_diff_view_set_entries (self->diff_view, NULL);
      return;
    }

  position = gtk_list_box_row_get_index (row);
  entry = g_list_model_get_item (self->entries, position);
  changes = pb_diff_connections (pb_history_entry_get_json (entry),
                                 get_next_json (self, position),
                                 PB_DIFF_IGNORE_SERVER_FIELDS, &error);
  if (changes == NULL)
    pb_diff_view_set_placeholder (self->diff_view, error->message);
  else
    pb_diff_view_set_placeholder (self->diff_view,
                                  _("Nothing changed but what the server keeps itself"));
  pb_diff_view_set_entries (self->diff_view, changes);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PbHistoryDialog) self = user_data;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;

  entries = pb_history_list_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (entries == NULL)
    {
      g_debug ("The history could not be read: %s", error->message);
      /* The description is Pango markup (libadwaita 1.2). */
      escaped = g_markup_escape_text (error->message, -1);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_set_object (&self->entries, entries);
  gtk_list_box_bind_model (self->versions_list, entries, create_version_row, self, NULL);
  if (g_list_model_get_n_items (entries) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_list_box_select_row (self->versions_list,
                           gtk_list_box_get_row_at_index (self->versions_list, 0));
}

static void
load (PbHistoryDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  update_restore (self);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  pb_history_list_async (pb_connection_store_get_cache_id (self->store),
                         pb_connection_get_ref (self->connection), self->cancellable,
                         listed_cb, g_object_ref (self));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  load (PB_HISTORY_DIALOG (widget));
}

/* }}} */
/* {{{ Restore */

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PbHistoryDialog) self = user_data;
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *escaped = NULL;

  connection = pb_save_flow_run_finish (result, &error);
  if (connection == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && self->cancellable == NULL)
    return;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  update_restore (self);

  if (connection != NULL)
    {
      g_signal_emit (self, signals[RESTORED], 0, connection);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* Nothing to say when cancelled (nothing was sent, the history stays as it is) or when the
   * outcome is unknown (the flow said so). */
  text = pb_save_flow_describe_failure (error, PB_SAVE_RESTORE);
  if (text == NULL)
    return;
  shown = pb_format_for_display (text, PB_FORMAT_MESSAGE_CHARS);
  escaped = g_markup_escape_text (shown, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PbHistoryDialog *self = PB_HISTORY_DIALOG (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->versions_list);
  g_autoptr(PbHistoryEntry) entry = NULL;
  g_autoptr(PbConnectionDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  if (row == NULL || self->busy || self->entries == NULL)
    return;

  entry = g_list_model_get_item (self->entries, gtk_list_box_row_get_index (row));
  /* The connection as it is now, with the content of the version: the write replaces the
   * version on the server, whatever revision it has. */
  draft = pb_connection_draft_new_for_connection (self->connection);
  if (!pb_connection_draft_replace_content (draft, pb_history_entry_get_json (entry), &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  update_restore (self);
  pb_save_flow_run_async (GTK_WIDGET (self), self->store, self->production, draft,
                          PB_SAVE_RESTORE, self->cancellable, restored_cb,
                          g_object_ref (self));
}

/* }}} */

GListModel *
pb_history_dialog_get_entries (PbHistoryDialog *self)
{
  g_return_val_if_fail (PB_IS_HISTORY_DIALOG (self), NULL);

  return self->entries;
}

gboolean
pb_history_dialog_get_busy (PbHistoryDialog *self)
{
  g_return_val_if_fail (PB_IS_HISTORY_DIALOG (self), FALSE);

  return self->busy;
}

static void
pb_history_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PbHistoryDialog *self = PB_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_history_dialog_dispose (GObject *object)
{
  PbHistoryDialog *self = PB_HISTORY_DIALOG (object);

  /* The reading stops; a restore under way has its own windows, and ends with them. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_HISTORY_DIALOG);
  g_clear_object (&self->entries);
  g_clear_object (&self->connection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pb_history_dialog_parent_class)->dispose (object);
}

static void
pb_history_dialog_class_init (PbHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pb_history_dialog_get_property;
  object_class->dispose = pb_history_dialog_dispose;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A version was restored: the connection as the server now has it. */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, PB_TYPE_CONNECTION);

  g_type_ensure (PB_TYPE_DIFF_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, versions_list);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, changes_group);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, diff_view);
  gtk_widget_class_bind_template_child (widget_class, PbHistoryDialog, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, version_selected_cb);

  gtk_widget_class_install_action (widget_class, "history.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "history.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pb_history_dialog_init (PbHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_text_buttons (GTK_WIDGET (self));
}

PbHistoryDialog *
pb_history_dialog_new (GtkWindow         *parent,
                       PbConnectionStore *store,
                       PbConnection      *connection,
                       gboolean           production)
{
  PbHistoryDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PB_IS_CONNECTION_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);

  self = g_object_new (PB_TYPE_HISTORY_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->connection = g_object_ref (connection);
  self->production = production;
  g_signal_connect_object (store, "notify::offline-copy", G_CALLBACK (update_restore), self,
                           G_CONNECT_SWAPPED);

  name = pb_format_for_display (pb_connection_get_name (connection), PB_FORMAT_TITLE_CHARS);
  adw_window_title_set_subtitle (self->window_title, name);
  load (self);

  return self;
}

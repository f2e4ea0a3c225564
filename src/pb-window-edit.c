/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-window-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-accessible.h"
#include "pb-alert.h"
#include "pb-application.h"
#include "pb-connection-editor.h"
#include "pb-format.h"
#include "pb-save-flow.h"
#include "pb-test-dialog.h"
#include "pb-window-private.h"

/* Editing in the window: Edit (Ctrl+E), New Connection (Ctrl+N) and Duplicate open the edit
 * form in place of the connection page; Cancel leaves it (asking first when something
 * changed, as closing the window does), Test tests the edited object, Save hands the draft
 * to the save flow (pb-save-flow.h) and, once saved, shows the connection as the server now
 * has it. */

typedef enum
{
  AFTER_DISCARD_CLOSE_EDITOR,
  AFTER_DISCARD_CLOSE_WINDOW,
} AfterDiscard;

/* Questions */

typedef void (*AnswerFunc) (PbWindow   *self,
                            const char *response,
                            gpointer    data);

typedef struct
{
  /* Weak: a dialog that closes animated may outlive the window it was inside. */
  GWeakRef    window;
  AnswerFunc  func;
  gpointer    data;
  gboolean    answered;
} Question;

static void
question_free (gpointer  data,
               GClosure *closure)
{
  Question *question = data;

  g_weak_ref_clear (&question->window);
  g_free (question);
}

static void
question_response_cb (GObject    *dialog,
                      const char *response,
                      Question   *question)
{
  g_autoptr(PbWindow) window = g_weak_ref_get (&question->window);

  /* One answer: closing the dialog after it may say "close" again. */
  if (question->answered || window == NULL)
    return;

  question->answered = TRUE;
  question->func (window, response, question->data);
}

/* Presents `alert` (pb-alert.h); its answer goes to `func`. */
static void
pb_window_ask (PbWindow   *self,
               GtkWidget  *alert,
               AnswerFunc  func,
               gpointer    data)
{
  Question *question = g_new0 (Question, 1);

  g_weak_ref_init (&question->window, self);
  question->func = func;
  question->data = data;
  g_signal_connect_data (alert, "response", G_CALLBACK (question_response_cb), question,
                         question_free, 0);
  pb_alert_present (alert, GTK_WIDGET (self));
}

/* The actions */

gboolean
_pb_window_is_editing (PbWindow *self)
{
  return self->editor != NULL;
}

void
_pb_window_update_edit_actions (PbWindow *self)
{
  PbConnection *selected = _pb_window_get_selected (self);
  gboolean offline = pb_connection_store_get_offline_copy (self->store);
  gboolean archived = selected != NULL && pb_connection_get_archived (selected);
  gboolean can_write = pb_connection_store_get_client (self->store) != NULL && !offline &&
                       self->editor == NULL;
  const char *tooltip;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit",
                                 can_write && selected != NULL && !archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate",
                                 can_write && selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-connection", can_write);

  /* The offline copy is stored masked: nothing of it may be sent back. An archived
   * connection is not editable until unarchived, as in the web app. */
  if (offline)
    tooltip = _("Editing waits for the list from the server");
  else if (archived)
    tooltip = _("Archived connections cannot be edited: unarchive it first");
  else
    tooltip = _("Edit Connection (Ctrl+E)");
  gtk_widget_set_tooltip_text (self->edit_button, tooltip);
}

/* Whether leaving the editor loses anything the user did. */
static gboolean
pb_window_editor_has_changes (PbWindow *self)
{
  PbConnectionDraft *draft;

  if (self->editor == NULL)
    return FALSE;

  draft = pb_connection_editor_get_draft (self->editor);
  /* A new connection differs from nothing from the start: it counts once the user typed. */
  if (pb_connection_draft_is_new (draft))
    return self->editor_touched;

  return pb_connection_draft_is_modified (draft);
}

static void
editor_draft_changed_cb (PbWindow *self)
{
  self->editor_touched = TRUE;
}

static void
pb_window_close_editor (PbWindow *self)
{
  GtkWidget *editor = GTK_WIDGET (g_steal_pointer (&self->editor));

  if (editor == NULL)
    return;

  g_cancellable_cancel (self->edit_cancellable);
  g_clear_object (&self->edit_cancellable);
  g_signal_handlers_disconnect_by_data (editor, self);
  g_signal_handlers_disconnect_by_func (pb_connection_editor_get_draft (PB_CONNECTION_EDITOR (editor)),
                                        editor_draft_changed_cb, self);
  gtk_box_remove (GTK_BOX (self->content), editor);

  gtk_widget_set_visible (self->content_header, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->connection_page), TRUE);
  gtk_widget_set_sensitive (self->sidebar, TRUE);
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", TRUE);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  _pb_window_update_edit_actions (self);

  /* The keyboard goes back to the page, or to the list when nothing is selected. */
  if (_pb_window_get_selected (self) == NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  else if (gtk_widget_is_sensitive (self->edit_button))
    gtk_widget_grab_focus (self->edit_button);
  else
    pb_accessible_focus_heading (GTK_WIDGET (self->connection_page));
}

static void
pb_window_discard_answer (PbWindow   *self,
                          const char *response,
                          gpointer    data)
{
  if (!g_str_equal (response, "discard"))
    {
      if (self->editor != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->editor));
      return;
    }

  pb_window_close_editor (self);
  if (GPOINTER_TO_INT (data) == AFTER_DISCARD_CLOSE_WINDOW)
    gtk_window_close (GTK_WINDOW (self));
}

static void
pb_window_ask_discard (PbWindow     *self,
                       AfterDiscard  after)
{
  GtkWidget *alert;

  alert = pb_alert_new (GTK_WIDGET (self), _("Discard Changes?"),
                        _("What you changed in the form is not saved and will be lost."),
                        "keep", _("_Keep Editing"));
  pb_alert_add_response (alert, "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE);
  pb_window_ask (self, alert, pb_window_discard_answer, GINT_TO_POINTER (after));
}

static void
editor_cancel_cb (PbConnectionEditor *editor,
                  PbWindow           *self)
{
  if (pb_window_editor_has_changes (self))
    pb_window_ask_discard (self, AFTER_DISCARD_CLOSE_EDITOR);
  else
    pb_window_close_editor (self);
}

static void
editor_test_cb (PbConnectionEditor *editor,
                PbWindow           *self)
{
  PbClient *client = pb_connection_store_get_client (self->store);
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (client == NULL)
    return;

  /* The edited object as it is now, saved or not. */
  connection = pb_connection_draft_to_connection (pb_connection_editor_get_draft (editor),
                                                  &error);
  if (connection == NULL)
    {
      pb_connection_editor_show_error (editor, error->message);
      return;
    }

  dialog = pb_test_dialog_new (GTK_WINDOW (self), client, connection);
  g_object_set (dialog, "reveal-secrets", pb_window_get_include_secrets (self), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A refused sign-in or permission is mended in the account's settings: they are offered
 * beside the form's own Retry. */
static void
pb_window_offer_preferences (PbWindow     *self,
                             const GError *error)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  AdwToast *toast;

  if (!g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED) &&
      !g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_FORBIDDEN))
    return;
  /* The demo's account has no settings to mend. */
  if (app == NULL || !g_action_group_has_action (G_ACTION_GROUP (app), "preferences") ||
      (PB_IS_APPLICATION (app) && pb_application_get_demo (PB_APPLICATION (app))))
    return;

  toast = _pb_window_toast_new (_("The account’s settings may need a look"));
  adw_toast_set_button_label (toast, _("Open _Preferences"));
  adw_toast_set_action_name (toast, "app.preferences");
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
pb_window_save_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  gboolean created;

  connection = pb_save_flow_run_finish (result, &error);
  /* The editor was left, or the window closed, while it ran. */
  if (self->editor == NULL || self->edit_cancellable == NULL)
    return;

  g_clear_object (&self->edit_cancellable);
  pb_connection_editor_set_busy (self->editor, FALSE);

  if (connection == NULL)
    {
      /* Nothing to say when cancelled (nothing was sent) or when the outcome is unknown
       * (the flow said so, with Reload): the form stays as it was either way. */
      PbConnectionDraft *draft = pb_connection_editor_get_draft (self->editor);
      g_autofree char *sentence =
        pb_save_flow_describe_failure (error, pb_connection_draft_is_new (draft) ? PB_SAVE_CREATE
                                                                                 : PB_SAVE_EDIT);

      if (sentence != NULL)
        {
          pb_connection_editor_show_error (self->editor, sentence);
          pb_window_offer_preferences (self, error);
        }
      return;
    }

  created = pb_connection_draft_is_new (pb_connection_editor_get_draft (self->editor));
  pb_window_close_editor (self);
  /* The saved connection and its page, a filter that hides it cleared. */
  if (_pb_window_select_ref (self, pb_connection_get_ref (connection), TRUE))
    adw_leaflet_set_visible_child (self->leaflet, self->content);

  name = pb_format_for_display (pb_connection_get_name (connection), PB_FORMAT_TITLE_CHARS);
  if (created)
    /* Translators: %s is the name of a connection (a new one, or a duplicate) */
    text = g_strdup_printf (_("Created “%s”"), name);
  else
    /* Translators: %s is the name of a connection */
    text = g_strdup_printf (_("Saved “%s”"), name);
  pb_window_show_message (self, text);
}

static void
editor_save_cb (PbConnectionEditor *editor,
                PbWindow           *self)
{
  PbConnectionDraft *draft = pb_connection_editor_get_draft (editor);

  if (self->edit_cancellable != NULL)
    return;

  self->edit_cancellable = g_cancellable_new ();
  pb_connection_editor_show_error (editor, NULL);
  pb_connection_editor_set_busy (editor, TRUE);
  pb_save_flow_run_async (GTK_WIDGET (self), self->store, pb_window_get_production (self),
                          draft, pb_connection_draft_is_new (draft) ? PB_SAVE_CREATE
                                                                     : PB_SAVE_EDIT,
                          self->edit_cancellable, pb_window_save_cb, g_object_ref (self));
}

static gboolean
editor_focus_idle (gpointer data)
{
  GtkWidget *editor = data;
  GtkRoot *root = gtk_widget_get_root (editor);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (root != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, editor)))
    pb_connection_editor_focus_first (PB_CONNECTION_EDITOR (editor));

  return G_SOURCE_REMOVE;
}

static void
pb_window_open_editor (PbWindow          *self,
                       PbConnectionDraft *draft,
                       PbEditorMode       mode)
{
  g_assert (self->editor == NULL);

  self->editor = PB_CONNECTION_EDITOR (pb_connection_editor_new (draft, mode));
  self->editor_touched = FALSE;
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
  g_object_bind_property (self->leaflet, "folded", self->editor, "narrow", G_BINDING_SYNC_CREATE);
  g_signal_connect (self->editor, "cancel", G_CALLBACK (editor_cancel_cb), self);
  g_signal_connect (self->editor, "test", G_CALLBACK (editor_test_cb), self);
  g_signal_connect (self->editor, "save", G_CALLBACK (editor_save_cb), self);
  g_signal_connect_object (draft, "changed", G_CALLBACK (editor_draft_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* In place of the page and its header; the list waits until the form is left (its
   * selection is what the form was opened on), and typing goes into the form. */
  gtk_widget_set_visible (self->content_header, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->connection_page), FALSE);
  gtk_box_append (GTK_BOX (self->content), GTK_WIDGET (self->editor));
  gtk_widget_set_sensitive (self->sidebar, FALSE);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  adw_leaflet_set_can_navigate_back (self->leaflet, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", FALSE);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  _pb_window_update_edit_actions (self);

  pb_connection_editor_focus_first (self->editor);
  /* Opened from a menu, the menu's popover gives the focus back to its button as it closes
   * (a button the form hides): take it again after that. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, editor_focus_idle, g_object_ref (self->editor),
                   g_object_unref);
}

static void
pb_window_edit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbConnection *selected = _pb_window_get_selected (self);
  g_autoptr(PbConnectionDraft) draft = NULL;

  if (selected == NULL || self->editor != NULL ||
      pb_connection_store_get_offline_copy (self->store))
    return;

  if (g_str_equal (action_name, "win.duplicate"))
    {
      draft = pb_connection_draft_new_duplicate (selected);
      pb_window_open_editor (self, draft, PB_EDITOR_MODE_DUPLICATE);
    }
  else if (!pb_connection_get_archived (selected))
    {
      draft = pb_connection_draft_new_for_connection (selected);
      pb_window_open_editor (self, draft, PB_EDITOR_MODE_EDIT);
    }
}

static void
pb_window_new_kind_answer (PbWindow   *self,
                           const char *response,
                           gpointer    data)
{
  g_autoptr(PbConnectionDraft) draft = NULL;

  if (g_str_equal (response, "cancel") || self->editor != NULL)
    return;

  draft = pb_connection_draft_new (response);
  pb_window_open_editor (self, draft, PB_EDITOR_MODE_NEW);
}

static void
pb_window_new_connection_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkWidget *alert;

  if (self->editor != NULL)
    return;

  /* What it is decides the defaults of the form (the method, the headers). */
  alert = pb_alert_new (GTK_WIDGET (self), _("New Connection"),
                        _("A data system brings data into decisions; a destination receives "
                          "what experiences send."),
                        "cancel", _("_Cancel"));
  /* The default last: on the right, or on top where the buttons stack. */
  pb_alert_add_response (alert, "DESTINATION", _("D_estination"), ADW_RESPONSE_DEFAULT);
  pb_alert_add_response (alert, "DATA_SYSTEM", _("D_ata System"), ADW_RESPONSE_SUGGESTED);
  pb_alert_set_default_response (alert, "DATA_SYSTEM");
  pb_window_ask (self, alert, pb_window_new_kind_answer, NULL);
}

gboolean
pb_window_get_has_unsaved_edits (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);

  return pb_window_editor_has_changes (self);
}

/* Ctrl+W, the close button: unsaved edits are not lost without asking. */
static gboolean
pb_window_edit_close_request (GtkWindow *window,
                              PbWindow  *self)
{
  if (!pb_window_editor_has_changes (self))
    return FALSE;

  pb_window_ask_discard (self, AFTER_DISCARD_CLOSE_WINDOW);
  return TRUE;
}

/* Another account: the form was of the one before, and nothing of it may be sent here. */
static void
pb_window_edit_client_changed (PbWindow *self)
{
  if (self->editor == NULL)
    return;

  pb_window_close_editor (self);
  pb_window_show_message (self, _("Editing stopped: the account changed"));
}

void
_pb_window_class_add_edit_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PbWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, edit_button);

  gtk_widget_class_install_action (widget_class, "win.edit", NULL, pb_window_edit_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, pb_window_edit_action);
  gtk_widget_class_install_action (widget_class, "win.new-connection", NULL,
                                   pb_window_new_connection_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-connection", NULL);
}

/* The selection changed under the open form (a refresh, a filter): the form stays in view,
 * where the window would show the list for an empty selection. */
static void
pb_window_edit_selection_changed (PbWindow *self)
{
  if (self->editor != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  _pb_window_update_edit_actions (self);
}

static void
pb_window_edit_destroy (PbWindow *self)
{
  /* The save flow gives its reference to the window back once stopped. */
  g_cancellable_cancel (self->edit_cancellable);
  g_clear_object (&self->edit_cancellable);
  self->editor = NULL;
}

void
_pb_window_init_edit (PbWindow *self)
{
  g_signal_connect (self, "close-request", G_CALLBACK (pb_window_edit_close_request), self);
  g_signal_connect (self, "destroy", G_CALLBACK (pb_window_edit_destroy), NULL);
  g_signal_connect (self, "notify::client", G_CALLBACK (pb_window_edit_client_changed), NULL);
  /* After the window's own handler. */
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (pb_window_edit_selection_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->store, "notify::offline-copy",
                           G_CALLBACK (_pb_window_update_edit_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "values-changed",
                           G_CALLBACK (_pb_window_update_edit_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (_pb_window_update_edit_actions), self, G_CONNECT_SWAPPED);
  _pb_window_update_edit_actions (self);
}

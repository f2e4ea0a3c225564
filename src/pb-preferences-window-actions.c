/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-alert.h"
#include "pb-cache.h"
#include "pb-client.h"
#include "pb-preferences-window-private.h"

/* What the buttons under the form do. Each cancels what was in flight before it starts. */

/* The account as the form describes it, when it can be used: then what was in flight is
 * cancelled, `cancellable` is the new one, and `doing` is shown. Otherwise NULL, and what to
 * fix is shown. */
static PbAccount *
begin_with_form_account (PbPreferencesWindow  *self,
                         const char           *doing,
                         GCancellable        **cancellable)
{
  g_autoptr(PbAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = _pb_preferences_window_build_account (self);
  if (!pb_account_validate (account, &error))
    {
      _pb_preferences_window_set_status (self, PB_PREFERENCES_STATUS_ERROR, error->message);
      return NULL;
    }

  *cancellable = _pb_preferences_window_restart_cancellable (self);
  _pb_preferences_window_set_busy (self, TRUE);
  _pb_preferences_window_set_status (self, PB_PREFERENCES_STATUS_INFO, doing);

  return g_steal_pointer (&account);
}

/* Check Sign-In */

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Superseded by another action, or the window is gone. */
  if (!pb_client_check_sign_in_finish (PB_CLIENT (object), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _pb_preferences_window_set_busy (self, FALSE);

  if (error != NULL)
    _pb_preferences_window_set_status (self, PB_PREFERENCES_STATUS_ERROR, error->message);
  else
    _pb_preferences_window_set_status (self, PB_PREFERENCES_STATUS_SUCCESS,
                                       _("Signed in. The API answered."));
}

static void
check_clicked_cb (PbPreferencesWindow *self)
{
  g_autoptr(PbAccount) account = NULL;
  g_autoptr(PbClient) client = NULL;
  GCancellable *cancellable = NULL;

  g_assert (PB_IS_PREFERENCES_WINDOW (self));

  account = begin_with_form_account (self, _("Signing in…"), &cancellable);
  if (account == NULL)
    return;

  /* One small request: enough to know that the server answers and takes the credentials. */
  client = pb_client_new (pb_account_get_base_url (account));
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (account));
  pb_client_check_sign_in_async (client, cancellable, check_done_cb, g_object_ref (self));
}

/* Save */

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  PbAccount *account;

  account = pb_account_store_save_finish (PB_ACCOUNT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _pb_preferences_window_set_busy (self, FALSE);

  if (account == NULL)
    {
      /* The window stays, with what to fix. */
      self->close_after_save = FALSE;
      _pb_preferences_window_set_status (self, PB_PREFERENCES_STATUS_ERROR, error->message);
      return;
    }

  _pb_preferences_window_show_saved (self, account);
  _pb_preferences_window_set_status (self, PB_PREFERENCES_STATUS_SUCCESS, _("Saved."));
  /* The line under the buttons may be below the fold. */
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Account saved")));

  if (self->close_after_save)
    gtk_window_close (GTK_WINDOW (self));
}

static void
save_clicked_cb (PbPreferencesWindow *self)
{
  g_autoptr(PbAccount) account = NULL;
  GCancellable *cancellable = NULL;

  g_assert (PB_IS_PREFERENCES_WINDOW (self));

  self->close_after_save = FALSE;
  account = begin_with_form_account (self, _("Saving…"), &cancellable);
  if (account == NULL)
    return;
  pb_account_store_save_async (self->store, account, cancellable, save_done_cb,
                               g_object_ref (self));
}

/* Remove the account */

static void
remove_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_account_store_remove_finish (PB_ACCOUNT_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      _pb_preferences_window_set_busy (self, FALSE);
      _pb_preferences_window_set_status (self, PB_PREFERENCES_STATUS_ERROR, error->message);
      return;
    }

  _pb_preferences_window_set_busy (self, FALSE);
  _pb_preferences_window_set_account (self, pb_account_store_get_active (self->store));
  _pb_preferences_window_set_status (self, PB_PREFERENCES_STATUS_SUCCESS,
                                     _("Account removed, with its credentials and its "
                                       "offline list."));
}

static void
sign_out_response_cb (PbPreferencesWindow *self,
                      const char          *response,
                      GObject             *dialog)
{
  PbAccount *account;
  GCancellable *cancellable;

  g_assert (PB_IS_PREFERENCES_WINDOW (self));

  if (g_strcmp0 (response, "remove") != 0)
    return;

  account = g_object_get_data (dialog, "pb-account");
  if (account == NULL || account != self->account)
    return;

  cancellable = _pb_preferences_window_restart_cancellable (self);
  _pb_preferences_window_set_busy (self, TRUE);
  pb_account_store_remove_async (self->store, account, cancellable, remove_done_cb,
                                 g_object_ref (self));
}

static void
sign_out_clicked_cb (PbPreferencesWindow *self)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_assert (PB_IS_PREFERENCES_WINDOW (self));

  if (!pb_account_get_saved (self->account))
    return;

  /* The name goes in the body, which wraps: a heading does not, and a long one would ask the
   * dialog for more width than it has. */
  body = g_strdup_printf (_("“%s” and its credentials are removed from the keyring, with its "
                            "offline list. To use it again, you need its API key or a new "
                            "access token."),
                          pb_account_get_name (self->account));
  dialog = pb_alert_new (GTK_WIDGET (self), _("Remove Account?"), body, "cancel",
                         _("_Cancel"));
  pb_alert_add_response (dialog, "remove", _("_Remove"), ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "pb-account", g_object_ref (self->account),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb), self,
                           G_CONNECT_SWAPPED);
  pb_alert_present (dialog, GTK_WIDGET (self));
}

/* Closing with unsaved changes */

static gboolean
close_discarding_cb (gpointer user_data)
{
  PbPreferencesWindow *self = user_data;

  self->discard_changes = TRUE;
  gtk_window_close (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
close_response_cb (PbPreferencesWindow *self,
                   const char          *response)
{
  g_assert (PB_IS_PREFERENCES_WINDOW (self));

  /* Closed once the dialog has finished with its answer and gone. */
  if (g_strcmp0 (response, "discard") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_discarding_cb, g_object_ref (self),
                     g_object_unref);
  else if (g_strcmp0 (response, "save") == 0)
    {
      save_clicked_cb (self);
      /* Closed when the save succeeds; a form that cannot be saved says what to fix. */
      self->close_after_save = self->busy;
    }
}

void
_pb_preferences_window_ask_to_close (PbPreferencesWindow *self)
{
  GtkWidget *dialog;

  g_return_if_fail (PB_IS_PREFERENCES_WINDOW (self));

  dialog = pb_alert_new (GTK_WIDGET (self), _("Save Changes?"),
                         _("The account has changes that are not saved. Discarded changes are "
                           "lost."),
                         "cancel", _("_Cancel"));
  pb_alert_add_response (dialog, "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE);
  pb_alert_add_response (dialog, "save", _("_Save"), ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self,
                           G_CONNECT_SWAPPED);
  pb_alert_present (dialog, GTK_WIDGET (self));
}

/* Clear the stored lists */

static void
clear_cache_clicked_cb (PbPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!pb_cache_clear_all (&error))
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("The stored lists could not be removed: %s"),
                                               error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
      return;
    }

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Stored lists removed")));
}


void
_pb_preferences_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_cache_clicked_cb);
}

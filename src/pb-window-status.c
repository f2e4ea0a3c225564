/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-window-status"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-format.h"
#include "pb-window-private.h"

/* What the window says about loading: the error pages, the toasts over a list that stays, the
 * banner over the offline copy, and the note on connections with fields it cannot read. */

/* Toast titles and status page descriptions are Pango markup in libadwaita 1.2: a sentence
 * from a server ("Upstream <b>down</b> & out") must be shown as it is. */
AdwToast *
_pb_window_toast_new (const char *text)
{
  g_autofree char *shown = pb_format_for_display (text, PB_FORMAT_MESSAGE_CHARS);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);

  return adw_toast_new (escaped);
}

static void
pb_window_set_description (AdwStatusPage *page,
                           const char    *text)
{
  g_autofree char *shown = pb_format_for_display (text, PB_FORMAT_MESSAGE_CHARS);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);

  adw_status_page_set_description (page, escaped);
}

static const char *
pb_window_error_title (const GError *error)
{
  if (error->domain != PB_CLIENT_ERROR)
    return _("Could Not Load Connections");

  switch ((PbClientError) error->code)
    {
    case PB_CLIENT_ERROR_UNAUTHORIZED:
      return _("Sign-In Refused");
    case PB_CLIENT_ERROR_FORBIDDEN:
      return _("Access Denied");
    case PB_CLIENT_ERROR_RATE_LIMITED:
      return _("Too Many Requests");
    case PB_CLIENT_ERROR_SERVER:
      return _("The Server Has a Problem");
    case PB_CLIENT_ERROR_NETWORK:
      return _("Cannot Reach the Server");
    case PB_CLIENT_ERROR_TIMEOUT:
      return _("The Server Did Not Answer");
    case PB_CLIENT_ERROR_TLS:
      return _("Untrusted Connection");
    case PB_CLIENT_ERROR_BAD_RESPONSE:
      return _("Unexpected Answer");
    case PB_CLIENT_ERROR_NOT_FOUND:
    case PB_CLIENT_ERROR_REJECTED:
    default:
      return _("Could Not Load Connections");
    }
}

static gboolean
pb_window_error_wants_preferences (const GError *error)
{
  return g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_FORBIDDEN);
}

static const char *
pb_window_error_icon (const GError *error)
{
  if (pb_window_error_wants_preferences (error))
    return "dialog-password-symbolic";
  if (g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK) ||
      g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT))
    return "network-offline-symbolic";
  return "dialog-warning-symbolic";
}

static gboolean
pb_window_preferences_available (PbWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL &&
         g_action_group_has_action (G_ACTION_GROUP (app), "preferences") &&
         !pb_application_get_demo (PB_APPLICATION (app));
}

void
_pb_window_show_error (PbWindow     *self,
                       const GError *error)
{
  gboolean wants_preferences = pb_window_error_wants_preferences (error) &&
                               pb_window_preferences_available (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    {
      /* Keep what is shown; say what happened. */
      AdwToast *toast = _pb_window_toast_new (error->message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
      if (wants_preferences)
        {
          adw_toast_set_button_label (toast, _("_Preferences"));
          adw_toast_set_action_name (toast, "app.preferences");
        }
      else
        {
          adw_toast_set_button_label (toast, _("_Retry"));
          adw_toast_set_action_name (toast, "win.refresh");
        }
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  adw_status_page_set_title (self->error_page, pb_window_error_title (error));
  pb_window_set_description (self->error_page, error->message);
  adw_status_page_set_icon_name (self->error_page, pb_window_error_icon (error));
  gtk_widget_set_visible (self->error_preferences_button, wants_preferences);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_retry_button), "win.refresh");
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

void
_pb_window_show_keyring_error (PbWindow     *self,
                              const GError *error)
{
  if (g_error_matches (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_KEYRING_LOCKED))
    adw_status_page_set_title (self->error_page, _("The Keyring Is Locked"));
  else if (g_error_matches (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_NO_KEYRING))
    adw_status_page_set_title (self->error_page, _("No Keyring Available"));
  else
    adw_status_page_set_title (self->error_page, _("Could Not Read the Keyring"));

  pb_window_set_description (self->error_page, error->message);
  adw_status_page_set_icon_name (self->error_page, "dialog-password-symbolic");
  gtk_widget_set_visible (self->error_preferences_button, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_retry_button),
                                  "app.reload-accounts");
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

/* When the offline copy shown was saved, as people read it. */
static char *
pb_window_format_cached_at (PbWindow *self)
{
  GDateTime *cached_at = pb_connection_store_get_cached_at (self->store);
  g_autoptr(GDateTime) local = g_date_time_to_local (cached_at);

  return g_date_time_format (local, "%x %X");
}

/* The banner shows while the offline copy does (pb-window.ui binds it to the store's
 * "offline-copy"); this says what it says. */
static void
pb_window_show_banner (PbWindow   *self,
                       const char *text,
                       gboolean    with_retry)
{
  g_autofree char *shown = pb_format_for_display (text, PB_FORMAT_MESSAGE_CHARS);
  /* Why the menu's Include Secrets and the Test button are off while the copy shows. */
  g_autofree char *full = g_strdup_printf ("%s %s", shown,
                                           _("Secrets are hidden and Test is off until the "
                                             "list from the server arrives."));

  gtk_label_set_text (self->banner_label, full);
  gtk_widget_set_visible (self->banner_button, with_retry);
}

void
_pb_window_update_banner (PbWindow *self)
{
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (!pb_connection_store_get_offline_copy (self->store))
    return;

  when = pb_window_format_cached_at (self);
  /* Translators: %s is a date and time */
  text = g_strdup_printf (_("Showing connections from %s; refreshing…"), when);
  pb_window_show_banner (self, text, FALSE);
}

/* The count is the core's; it stays in the sidebar, under the list, while it is not 0. */
void
_pb_window_update_unreadable_note (PbWindow *self)
{
  guint n = pb_connection_store_count_unreadable (self->store);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->unreadable_note, n > 0);
  if (n == 0)
    return;

  text = pb_connection_describe_unreadable (n);
  gtk_label_set_text (self->unreadable_label, text);
}

void
pb_window_show_message (PbWindow   *self,
                        const char *message)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, _pb_window_toast_new (message));
}

void
_pb_window_show_load_error (PbWindow     *self,
                            const GError *error)
{
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (!pb_connection_store_get_offline_copy (self->store))
    {
      _pb_window_show_error (self, error);
      return;
    }

  when = pb_window_format_cached_at (self);
  if (g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK) ||
      g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT))
    /* Translators: %s is a date and time */
    text = g_strdup_printf (_("Offline — showing connections from %s"), when);
  else
    /* Translators: the first %s says what went wrong, the second is a date and time */
    text = g_strdup_printf (_("%s Showing connections from %s."), error->message, when);
  pb_window_show_banner (self, text, TRUE);
}

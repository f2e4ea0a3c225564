/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-window-status"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-format.h"
#include "pb-http.h"
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
    case PB_CLIENT_ERROR_OFFLINE:
      return _("Offline");
    case PB_CLIENT_ERROR_REDIRECTED:
      return _("The Server Sent Plugboard Elsewhere");
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

/* Errors whose sentence says to check something in Preferences (the server address, the
 * certificate's server): Preferences is offered beside Retry. */
static gboolean
pb_window_error_mentions_preferences (const GError *error)
{
  return g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK) ||
         g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NOT_FOUND) ||
         g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REDIRECTED) ||
         g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TLS);
}

static const char *
pb_window_error_icon (const GError *error)
{
  if (pb_window_error_wants_preferences (error))
    return "dialog-password-symbolic";
  /* "Offline" only when this computer has no network; a server that refuses or does not
   * answer is a problem of the network between. */
  if (g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_OFFLINE))
    return "network-offline-symbolic";
  if (g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK) ||
      g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT))
    return "network-error-symbolic";
  return "dialog-warning-symbolic";
}

/* The main way out is a pill with the suggested-action style, first; the other one plain. */
static void
pb_window_set_main_button (PbWindow  *self,
                           GtkWidget *main_button,
                           GtkWidget *other_button)
{
  GtkWidget *box = gtk_widget_get_parent (main_button);

  gtk_box_reorder_child_after (GTK_BOX (box), main_button, NULL);
  gtk_widget_add_css_class (main_button, "suggested-action");
  gtk_widget_remove_css_class (other_button, "suggested-action");
}

/* The list takes the keyboard unless the user is in it, in the search or in the page
 * already: a button of a header bar (where GTK puts the focus when the page that had it goes)
 * does not count. */
static gboolean
pb_window_wants_list_focus (PbWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus == NULL || !gtk_widget_get_mapped (focus)
         || !(gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view))
              || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar))
              || gtk_widget_is_ancestor (focus, self->content));
}

/* The list could not take the focus while empty: it does when its first rows come. */
static void
pb_window_list_filled (PbWindow *self)
{
  if (!self->focus_list_pending || !gtk_widget_get_mapped (GTK_WIDGET (self->list_view))
      || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  self->focus_list_pending = FALSE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "connections") == 0
      && pb_window_wants_list_focus (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

void
_pb_window_focus_main_button (PbWindow *self)
{
  const char *view = gtk_stack_get_visible_child_name (self->main_stack);
  GtkWidget *button = NULL;

  if (g_strcmp0 (view, "welcome") == 0)
    button = self->welcome_button;
  else if (g_strcmp0 (view, "error") == 0)
    button = gtk_widget_has_css_class (self->error_preferences_button, "suggested-action")
             ? self->error_preferences_button : self->error_retry_button;
  else if (g_strcmp0 (view, "connections") == 0 && pb_window_wants_list_focus (self))
    {
      /* The list, where the arrow keys choose a connection. */
      if (!self->focus_list_connected)
        g_signal_connect_object (self->selection, "items-changed",
                                 G_CALLBACK (pb_window_list_filled), self, G_CONNECT_SWAPPED);
      self->focus_list_connected = TRUE;
      self->focus_list_pending = TRUE;
      pb_window_list_filled (self);
      return;
    }

  /* Enter does what the page offers first, not what the header bar's menu does. */
  if (button != NULL && gtk_widget_get_visible (button))
    gtk_widget_grab_focus (button);
}

/* {{{ Details of an answer that does not parse */

/* A value from the server as it can be shown, or NULL when there is none. */
static char *
pb_window_clean_detail (const char *value)
{
  if (value == NULL || *value == '\0')
    return NULL;

  return pb_format_for_display (value, PB_FORMAT_MESSAGE_CHARS);
}

/* Adds a line (taken) when there is one. */
static void
pb_window_append_line (GString *text,
                       char    *line)
{
  if (line == NULL)
    return;

  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
  g_free (line);
}

static void
pb_window_show_details (PbWindow     *self,
                        const GError *error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE))
    {
      guint status = pb_client_error_get_status (error);
      g_autofree char *problem = pb_window_clean_detail (pb_client_error_get_parse_message (error));
      g_autofree char *type = pb_window_clean_detail (pb_client_error_get_content_type (error));
      g_autofree char *start = pb_window_clean_detail (pb_client_error_get_body_start (error));
      g_autofree char *status_text = status != 0 ? pb_http_status_text (status) : NULL;

      /* Translators: what was wrong with the server's answer, e.g. "The data is not valid
       * JSON: …" */
      pb_window_append_line (text, problem ? g_strdup_printf (_("Problem: %s"), problem) : NULL);
      /* Translators: %s is an HTTP status such as "200 OK" */
      pb_window_append_line (text, status_text ? g_strdup_printf (_("Status: %s"), status_text)
                                               : NULL);
      /* Translators: %s is a content type such as "text/html" */
      pb_window_append_line (text, type ? g_strdup_printf (_("Content type: %s"), type) : NULL);
      /* Translators: %s is the first characters of the server's answer */
      pb_window_append_line (text, start ? g_strdup_printf (_("Start of the answer: %s"), start)
                                         : NULL);
    }

  gtk_label_set_text (self->error_details_label, text->str);
  gtk_expander_set_expanded (GTK_EXPANDER (self->error_details), FALSE);
  gtk_widget_set_visible (self->error_details, text->len > 0);
}

/* }}} */
/* {{{ Countdown to the next try */

static void
pb_window_show_countdown (PbWindow     *self,
                          const char   *server_message,
                          gint64        seconds)
{
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (seconds > 90)
    {
      gint64 minutes = (seconds + 59) / 60;

      when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Plugboard will try again in %d minute.",
                                           "Plugboard will try again in %d minutes.",
                                           (gulong) minutes),
                              (int) minutes);
    }
  else
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Plugboard will try again in %d second.",
                                         "Plugboard will try again in %d seconds.",
                                         (gulong) seconds),
                            (int) seconds);

  if (server_message != NULL)
    text = g_strconcat (server_message, " ", when, NULL);
  else
    text = g_strconcat (_("The server is receiving too many requests."), " ", when, NULL);
  pb_window_set_description (self->error_page, text);
}

static gboolean
pb_window_countdown_tick (gpointer user_data)
{
  PbWindow *self = user_data;
  gint64 left = (self->retry_at - g_get_monotonic_time () + G_USEC_PER_SEC - 1) /
                G_USEC_PER_SEC;
  const GError *error = pb_connection_store_get_error (self->store);

  if (left <= 0)
    {
      self->retry_source_id = 0;
      _pb_window_load (self);
      return G_SOURCE_REMOVE;
    }

  pb_window_show_countdown (self, pb_client_error_get_server_message (error), left);
  return G_SOURCE_CONTINUE;
}

void
_pb_window_stop_waiting (PbWindow *self)
{
  g_clear_handle_id (&self->retry_source_id, g_source_remove);
  g_clear_signal_handler (&self->network_changed_id, self->network_monitor);
  g_clear_object (&self->network_monitor);
}

static void
pb_window_network_changed (PbWindow *self,
                           gboolean  available)
{
  if (available && g_network_monitor_get_network_available (self->network_monitor))
    _pb_window_load (self);
}

/* Offline: Plugboard tries again once the network is back. */
static void
pb_window_wait_for_network (PbWindow *self)
{
  self->network_monitor = g_object_ref (pb_http_get_network_monitor ());
  self->network_changed_id = g_signal_connect_swapped (self->network_monitor, "network-changed",
                                                       G_CALLBACK (pb_window_network_changed),
                                                       self);
}

/* The server said when to ask again: the page counts down, and Plugboard asks again at zero,
 * as the server invited it to (Retry stays there for the impatient). */
static void
pb_window_start_countdown (PbWindow     *self,
                           const GError *error)
{
  gint64 seconds = pb_client_error_get_retry_after (error);

  if (seconds <= 0)
    return;

  self->retry_at = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  pb_window_show_countdown (self, pb_client_error_get_server_message (error), seconds);
  self->retry_source_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1,
                                                      pb_window_countdown_tick, self, NULL);
}

/* }}} */

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

  _pb_window_stop_waiting (self);
  adw_status_page_set_title (self->error_page, pb_window_error_title (error));
  pb_window_set_description (self->error_page, error->message);
  adw_status_page_set_icon_name (self->error_page, pb_window_error_icon (error));
  /* A refused sign-in is mended in Preferences: that is the way out; Retry is beside it. */
  if (wants_preferences)
    pb_window_set_main_button (self, self->error_preferences_button, self->error_retry_button);
  else
    pb_window_set_main_button (self, self->error_retry_button, self->error_preferences_button);
  gtk_widget_set_visible (self->error_preferences_button,
                          (wants_preferences || pb_window_error_mentions_preferences (error)) &&
                          pb_window_preferences_available (self));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_retry_button), "win.refresh");
  pb_window_show_details (self, error);
  if (g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_RATE_LIMITED))
    pb_window_start_countdown (self, error);
  else if (g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_OFFLINE))
    pb_window_wait_for_network (self);
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

  _pb_window_stop_waiting (self);
  pb_window_set_description (self->error_page, error->message);
  adw_status_page_set_icon_name (self->error_page, "dialog-password-symbolic");
  pb_window_set_main_button (self, self->error_retry_button, self->error_preferences_button);
  gtk_widget_set_visible (self->error_preferences_button, FALSE);
  gtk_widget_set_visible (self->error_details, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_retry_button),
                                  "app.reload-accounts");
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

/* When the offline copy shown was saved, as people read it. */
static char *
pb_window_format_cached_at (PbWindow *self)
{
  return pb_format_date_time (pb_connection_store_get_cached_at (self->store));
}

/* The banner shows while the offline copy does (pb-window.ui binds it to the store's
 * "offline-copy"); this says what it says: `text` in a line or two, `details` (why, and what is
 * off meanwhile) in its tooltip and to a screen reader. */
static void
pb_window_show_banner (PbWindow   *self,
                       const char *text,
                       const char *details,
                       gboolean    with_retry)
{
  g_autofree char *shown = pb_format_for_display (text, PB_FORMAT_TITLE_CHARS);
  g_autofree char *shown_details = details != NULL
                                   ? pb_format_for_display (details, PB_FORMAT_MESSAGE_CHARS)
                                   : NULL;
  /* Why the menu's Include Secrets and the Test button are off while the copy shows. */
  g_autofree char *full = g_strdup_printf ("%s%s%s", shown_details ?: "",
                                           shown_details != NULL ? " " : "",
                                           _("Until the list from the server arrives, secrets "
                                             "stay hidden and connections cannot be tested."));

  gtk_label_set_text (self->banner_label, shown);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->banner_label), full);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->banner_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, full, -1);
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
  pb_window_show_banner (self, text, NULL, FALSE);
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
  if (g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_OFFLINE))
    /* Translators: %s is a date and time */
    text = g_strdup_printf (_("Offline — showing connections from %s"), when);
  else
    /* Translators: the first %s is what went wrong, as an error page's title ("Cannot Reach
     * the Server"), the second a date and time */
    text = g_strdup_printf (_("%s — showing connections from %s"), pb_window_error_title (error),
                            when);
  pb_window_show_banner (self, text, error->message, TRUE);
}

void
_pb_window_cancel_load (PbWindow *self)
{
  const char *before = self->view_before_loading;
  gboolean on_loading_page;

  g_assert (PB_IS_WINDOW (self));

  on_loading_page = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                               "loading") == 0;
  pb_connection_store_cancel (self->store);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               _pb_window_toast_new (_("Loading was cancelled")));
  if (!on_loading_page)
    return;

  /* Back to what was there; when nothing was, a page that says so, with Retry. */
  if (before != NULL && g_strcmp0 (before, "loading") != 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, before);
      return;
    }

  _pb_window_stop_waiting (self);
  adw_status_page_set_title (self->error_page, _("Loading Cancelled"));
  adw_status_page_set_description (self->error_page,
                                   _("The connections were not loaded. Retry loads them."));
  adw_status_page_set_icon_name (self->error_page, "process-stop-symbolic");
  pb_window_set_main_button (self, self->error_retry_button, self->error_preferences_button);
  gtk_widget_set_visible (self->error_preferences_button, FALSE);
  gtk_widget_set_visible (self->error_details, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_retry_button), "win.refresh");
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

gboolean
pb_window_get_production (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);

  return self->production;
}

void
pb_window_set_production (PbWindow *self,
                          gboolean  production)
{
  g_return_if_fail (PB_IS_WINDOW (self));

  /* Beside the account's name wherever a header bar shows it. */
  self->production = !!production;
  pb_window_title_set_production (self->sidebar_title, self->production);
  pb_window_title_set_production (self->loading_title, self->production);
  pb_window_title_set_production (self->error_title, self->production);
}

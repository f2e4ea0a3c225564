/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-cache.h"
#include "pb-connection-list.h"
#include "pb-export.h"
#include "pb-connection-page.h"
#include "pb-connection-row.h"
#include "pb-format.h"
#include "pb-search.h"
#include "pb-test-dialog.h"
#include "pb-window.h"

struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  AdwWindowTitle       *loading_title;
  AdwStatusPage        *error_page;
  AdwWindowTitle       *error_title;
  GtkWidget            *error_preferences_button;
  GtkWidget            *error_retry_button;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  AdwWindowTitle       *sidebar_title;
  GtkStack             *refresh_stack;
  GtkSpinner           *refresh_spinner;
  GtkStack             *sidebar_stack;
  GtkListView          *list_view;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *count_label;
  GtkRevealer          *banner;
  GtkLabel             *banner_label;
  AdwStatusPage        *empty_page;
  GtkWidget            *content;
  AdwWindowTitle       *content_title;
  PbConnectionPage     *connection_page;
  GMenu                *accounts_section;

  PbClient             *client;
  char                 *subtitle;
  GSettings            *settings;

  PbConnectionList     *connections;
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filter_model;
  GtkSortListModel     *sort_model;
  GtkSingleSelection   *selection;
  GBinding             *title_binding;

  /* What the list shows: folded search text, and the kinds chosen in the filter menu
   * (NULL: all). */
  char                 *search;
  char                 *filter_system;
  char                 *filter_auth;
  char                 *filter_method;
  gboolean              type_words_match[4];  /* see pb_window_match_type_words() */
  gboolean              show_archived;

  /* The offline copy of the source's list (see pb-cache.h): the account id, or NULL. */
  char                 *cache_id;
  GDateTime            *cached_at;        /* when the rows shown now were saved, or NULL */

  /* Pages that came while loading, added to the list a few times a second: each addition
   * makes the sorted list view rebuild, so adding every page at once would cost more. */
  GPtrArray            *pending;
  guint                 flush_source;

  GCancellable         *load_cancellable;
  GCancellable         *reload_cancellable;
  guint                 show_pages_as_they_come : 1;
};

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SUBTITLE,
  PROP_CACHE_ID,
  PROP_LOADING,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void pb_window_load               (PbWindow     *self);
static void pb_window_show_keyring_error (PbWindow     *self,
                                          const GError *error);

/* Toast titles and status page descriptions are Pango markup in libadwaita 1.2: a sentence
 * from a server ("Upstream <b>down</b> & out") must be shown as it is. */
static AdwToast *
pb_window_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

static void
pb_window_set_description (AdwStatusPage *page,
                           const char    *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_status_page_set_description (page, escaped);
}

static PbApplication *
pb_window_get_app (PbWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return PB_IS_APPLICATION (app) ? PB_APPLICATION (app) : NULL;
}

static void
pb_window_update_accounts_menu (PbWindow *self)
{
  PbApplication *app = pb_window_get_app (self);
  GListModel *accounts;

  g_menu_remove_all (self->accounts_section);
  if (app == NULL || (accounts = G_LIST_MODEL (pb_application_get_accounts (app))) == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(PbAccount) account = g_list_model_get_item (accounts, i);
      g_autoptr(GMenuItem) item = NULL;

      g_signal_handlers_disconnect_by_func (account, pb_window_update_accounts_menu, self);
      g_signal_connect_object (account, "notify::name",
                               G_CALLBACK (pb_window_update_accounts_menu), self,
                               G_CONNECT_SWAPPED);

      item = g_menu_item_new (pb_account_get_name (account), NULL);
      g_menu_item_set_action_and_target_value (item, "app.account",
                                               g_variant_new_string (pb_account_get_id (account)));
      g_menu_append_item (self->accounts_section, item);
    }
}

PbWindow *
pb_window_new (PbApplication *application)
{
  PbWindow *self;

  g_return_val_if_fail (PB_IS_APPLICATION (application), NULL);

  self = g_object_new (PB_TYPE_WINDOW,
                       "application", application,
                       NULL);
  g_object_bind_property (application, "source-id", self, "cache-id", G_BINDING_SYNC_CREATE);
  g_object_bind_property (application, "client", self, "client", G_BINDING_SYNC_CREATE);
  g_object_bind_property (application, "source-title", self, "subtitle", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (application, "notify::accounts-loading",
                           G_CALLBACK (pb_window_load), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::accounts-error",
                           G_CALLBACK (pb_window_load), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pb_application_get_accounts (application), "items-changed",
                           G_CALLBACK (pb_window_update_accounts_menu), self, G_CONNECT_SWAPPED);
  pb_window_update_accounts_menu (self);
  if (self->client == NULL)
    pb_window_load (self);

  return self;
}

static PbConnection *
pb_window_get_selected (PbWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
pb_window_update_actions (PbWindow *self)
{
  static const char * const on_selection[] = {
    "win.copy-json", "win.copy-ref", "win.copy-curl", "win.export",
  };
  gboolean has_client = self->client != NULL;
  PbConnection *selected = pb_window_get_selected (self);
  const char *href = selected ? pb_connection_get_href (selected) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", has_client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-connection",
                                 has_client && selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.test-connection",
                                 has_client && selected != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (on_selection); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), on_selection[i], selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-in-browser",
                                 href != NULL && g_str_has_prefix (href, "http"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all",
                                 g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0);
}

gboolean
pb_window_get_loading (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);

  return self->load_cancellable != NULL || self->reload_cancellable != NULL;
}

static void
pb_window_update_loading (PbWindow *self)
{
  gboolean loading = pb_window_get_loading (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  gtk_stack_set_visible_child_name (self->refresh_stack, loading ? "spinner" : "button");
  gtk_spinner_set_spinning (self->refresh_spinner, loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
}

/* The list, or the page that says why it is empty; and the count under it. */
static void
pb_window_update_sidebar (PbWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  gboolean empty = shown == 0;
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->connections));
  g_autofree char *count = NULL;

  if (shown == total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connection", "%u connections",
                                          total),
                             total);
  else
    /* Translators: "12 of 40 connections" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u connection",
                                          "%u of %u connections", total),
                             shown, total);
  gtk_label_set_text (self->count_label, count);

  if (empty)
    {
      guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->connections));
      const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

      adw_status_page_set_title (self->empty_page, _("No Connections"));
      if (self->search != NULL && *typed != '\0')
        {
          g_autofree char *title = g_strdup_printf (_("No connections match “%s”"), typed);

          adw_status_page_set_title (self->empty_page, title);
          adw_status_page_set_description (self->empty_page,
                                           _("Try other words, or change the filters."));
        }
      else if (self->filter_system || self->filter_auth || self->filter_method)
        adw_status_page_set_description (self->empty_page,
                                         _("No connection is of the kinds chosen in the filters."));
      else if (n_all > 0)
        adw_status_page_set_description (self->empty_page,
                                         _("Every connection of this account is archived. "
                                           "Choose “Show Archived” in the main menu to see them."));
      else
        adw_status_page_set_description (self->empty_page,
                                         _("This account has no connections yet. Connections "
                                           "are created in Sitecore Personalize."));
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack, empty ? "empty" : "list");
  pb_window_update_actions (self);
}

static void
pb_window_show_connections (PbWindow *self)
{
  pb_window_update_sidebar (self);
  gtk_stack_set_visible_child_name (self->main_stack, "connections");
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

/* Values of the connections or the filters changed. */
static void
pb_window_refilter (PbWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
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

static void
pb_window_show_error (PbWindow     *self,
                      const GError *error)
{
  gboolean wants_preferences = pb_window_error_wants_preferences (error) &&
                               pb_window_preferences_available (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->connections)) > 0)
    {
      /* Keep what is shown; say what happened. */
      AdwToast *toast = pb_window_toast_new (error->message);

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

static void
pb_window_show_keyring_error (PbWindow     *self,
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

static char *
pb_window_format_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  return g_date_time_format (local, "%x %X");
}

static void
pb_window_show_banner (PbWindow   *self,
                       const char *text,
                       gboolean    with_retry)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_widget_set_visible (gtk_widget_get_next_sibling (GTK_WIDGET (self->banner_label)), with_retry);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
}

static void
pb_window_hide_banner (PbWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner, FALSE);
}

static void
pb_window_cache_loaded_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GDateTime) saved_at = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  connections = pb_cache_load_finish (result, &saved_at, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("The offline copy could not be read: %s", error->message);
      return;
    }

  /* Only while nothing newer is shown and the list is still loading. */
  if (self->load_cancellable == NULL || !self->show_pages_as_they_come ||
      g_list_model_get_n_items (G_LIST_MODEL (self->connections)) > 0 ||
      connections->len == 0)
    return;

  self->show_pages_as_they_come = FALSE;
  self->cached_at = g_date_time_ref (saved_at);
  pb_connection_list_append (self->connections, connections);
  pb_window_show_connections (self);

  when = pb_window_format_time (saved_at);
  /* Translators: %s is a date and time */
  text = g_strdup_printf (_("Showing connections from %s; refreshing…"), when);
  pb_window_show_banner (self, text, FALSE);
}

#define PB_WINDOW_FLUSH_INTERVAL_MS 250

static void
pb_window_flush_pending (PbWindow *self)
{
  g_clear_handle_id (&self->flush_source, g_source_remove);

  if (self->pending->len == 0)
    return;

  pb_connection_list_append (self->connections, self->pending);
  g_ptr_array_set_size (self->pending, 0);
  pb_window_show_connections (self);
}

static gboolean
pb_window_flush_timeout (gpointer user_data)
{
  PbWindow *self = user_data;

  self->flush_source = 0;
  pb_window_flush_pending (self);

  return G_SOURCE_REMOVE;
}

static void
pb_window_drop_pending (PbWindow *self)
{
  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (self->pending != NULL)
    g_ptr_array_set_size (self->pending, 0);
}

static void
pb_window_page_cb (GPtrArray *page,
                   gpointer   user_data)
{
  PbWindow *self = user_data;

  g_assert (PB_IS_WINDOW (self));

  if (!self->show_pages_as_they_come || page->len == 0)
    return;

  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (self->pending, g_object_ref (g_ptr_array_index (page, i)));

  /* The first rows at once; the rest a few times a second. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->connections)) == 0)
    pb_window_flush_pending (self);
  else if (self->flush_source == 0)
    self->flush_source = g_timeout_add (PB_WINDOW_FLUSH_INTERVAL_MS, pb_window_flush_timeout, self);
}

static void
pb_window_list_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GError) error = NULL;
  gboolean shown_as_they_came;

  connections = pb_client_list_connections_finish (PB_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  shown_as_they_came = self->show_pages_as_they_come;
  self->show_pages_as_they_come = FALSE;
  /* What came before a failure stays shown, too. */
  pb_window_flush_pending (self);
  pb_window_update_loading (self);

  if (error != NULL)
    {
      g_debug ("Loading the connections failed: %s", error->message);
      if (self->cached_at != NULL)
        {
          g_autofree char *when = pb_window_format_time (self->cached_at);
          g_autofree char *text = NULL;

          if (g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK) ||
              g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT))
            /* Translators: %s is a date and time */
            text = g_strdup_printf (_("Offline — showing connections from %s"), when);
          else
            /* Translators: the first %s says what went wrong, the second is a date and time */
            text = g_strdup_printf (_("%s Showing connections from %s."), error->message, when);
          pb_window_show_banner (self, text, TRUE);
          return;
        }
      pb_window_show_error (self, error);
      return;
    }

  g_clear_pointer (&self->cached_at, g_date_time_unref);
  pb_window_hide_banner (self);
  if (self->cache_id != NULL && self->client != NULL)
    pb_cache_save_async (self->cache_id, pb_client_get_base_url (self->client), connections,
                         NULL, NULL, NULL);

  /* Pages shown as they came are already the whole list: merging it again would only cost
   * time (a quarter of a second for 50,000). */
  if (!shown_as_they_came)
    {
      pb_connection_list_replace_all (self->connections, connections);
      /* Values of kept objects may have changed. */
      pb_window_refilter (self);
    }
  pb_window_show_connections (self);

  /* Side by side, an empty page beside a full list helps nobody: show the first one. */
  if (pb_window_get_selected (self) == NULL &&
      !adw_leaflet_get_folded (self->leaflet) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);

  pb_window_update_actions (self);
}

static void
pb_window_load (PbWindow *self)
{
  g_assert (PB_IS_WINDOW (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  pb_window_drop_pending (self);

  if (self->client == NULL)
    {
      PbApplication *app = pb_window_get_app (self);
      const GError *accounts_error = app ? pb_application_get_accounts_error (app) : NULL;

      pb_window_update_loading (self);
      if (app != NULL && pb_application_get_accounts_loading (app))
        gtk_stack_set_visible_child_name (self->main_stack, "loading");
      else if (accounts_error != NULL)
        pb_window_show_keyring_error (self, accounts_error);
      else
        gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  self->show_pages_as_they_come = g_list_model_get_n_items (G_LIST_MODEL (self->connections)) == 0;
  pb_window_update_loading (self);

  if (self->show_pages_as_they_come)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      if (self->cache_id != NULL)
        pb_cache_load_async (self->cache_id, pb_client_get_base_url (self->client),
                             self->load_cancellable, pb_window_cache_loaded_cb,
                             g_object_ref (self));
    }

  pb_client_list_connections_async (self->client,
                                    pb_window_page_cb, g_object_ref (self), g_object_unref,
                                    self->load_cancellable,
                                    pb_window_list_cb, g_object_ref (self));
}

static void
pb_window_reload_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = pb_client_get_connection_finish (PB_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->reload_cancellable);
  pb_window_update_loading (self);

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
    {
      pb_window_show_error (self, error);
      return;
    }

  pb_connection_list_update (self->connections, connection);
  pb_window_refilter (self);
}

static void
pb_window_reload_connection (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbConnection *selected = pb_window_get_selected (self);

  if (selected == NULL || self->client == NULL || self->reload_cancellable != NULL)
    return;

  self->reload_cancellable = g_cancellable_new ();
  pb_window_update_loading (self);
  pb_client_get_connection_async (self->client, pb_connection_get_ref (selected),
                                  self->reload_cancellable,
                                  pb_window_reload_cb, g_object_ref (self));
}

static void
pb_window_refresh (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  pb_window_load (PB_WINDOW (widget));
}

static gboolean
pb_window_include_secrets (PbWindow *self)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self),
                                                                "include-secrets");

  return state != NULL && g_variant_get_boolean (state);
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
  PbConnection *selected = pb_window_get_selected (self);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (selected == NULL)
    return;

  if (g_str_equal (action_name, "win.copy-ref"))
    text = g_strdup (pb_connection_get_ref (selected));
  else if (g_str_equal (action_name, "win.copy-curl"))
    text = pb_connection_to_curl (selected, pb_window_include_secrets (self));
  else
    text = pb_export_connection (selected, pb_window_include_secrets (self), &error);

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

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
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
      g_file_replace_contents_bytes_async (file, data->contents, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                           pb_window_export_written_cb,
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
  PbConnection *selected = pb_window_get_selected (self);
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
      text = pb_export_connections (connections, pb_window_include_secrets (self), &error);
      suggested = g_strdup (_("connections.json"));
    }
  else if (selected != NULL)
    {
      g_autofree char *name = g_strdup (pb_connection_get_name (selected) ?: _("connection"));

      g_strdelimit (name, "/\\:*?\"<>|", '-');
      text = pb_export_connection (selected, pb_window_include_secrets (self), &error);
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
  PbConnection *selected = pb_window_get_selected (self);

  if (selected == NULL || self->client == NULL)
    return;

  /* Modal: while it runs, the window's Test cannot start a second one. */
  gtk_window_present (GTK_WINDOW (pb_test_dialog_new (GTK_WINDOW (self), self->client, selected)));
}

static void
pb_window_open_in_browser (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbConnection *selected = pb_window_get_selected (self);

  if (selected == NULL || pb_connection_get_href (selected) == NULL ||
      *pb_connection_get_href (selected) == '\0')
    return;

  gtk_show_uri (GTK_WINDOW (self), pb_connection_get_href (selected), GDK_CURRENT_TIME);
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
list_activate_cb (PbWindow *self,
                  guint     position)
{
  g_assert (PB_IS_WINDOW (self));

  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
pb_window_selection_changed (PbWindow *self)
{
  PbConnection *selected = pb_window_get_selected (self);

  g_clear_pointer (&self->title_binding, g_binding_unbind);

  pb_connection_page_set_connection (self->connection_page, selected);
  if (selected != NULL)
    {
      self->title_binding = g_object_bind_property (selected, "name",
                                                    self->content_title, "title",
                                                    G_BINDING_SYNC_CREATE);
    }
  else
    {
      adw_window_title_set_title (self->content_title, "");
      adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
    }

  pb_window_update_actions (self);
}

/* Whether the search finds the words people read for a known type ("Data system",
 * "OAuth 2.0"), worked out once per search; other types are searched as they came. */
static void
pb_window_match_type_words (PbWindow *self)
{
  static const struct {
    const char *code;
    gboolean    system;
  } known[] = {
    { "DATA_SYSTEM", TRUE }, { "DESTINATION", TRUE }, { "NONE", FALSE }, { "OAUTH", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      const char *words = known[i].system ? pb_format_system_type (known[i].code)
                                          : pb_format_auth_type (known[i].code);
      g_autofree char *folded = pb_search_fold (words);

      self->type_words_match[i] = self->search != NULL && strstr (folded, self->search) != NULL;
    }
}

static gboolean
pb_window_filter_func (gpointer item,
                       gpointer user_data)
{
  PbWindow *self = user_data;
  PbConnection *connection = item;

  if (pb_connection_get_archived (connection) && !self->show_archived)
    return FALSE;

  if (self->filter_system != NULL &&
      g_ascii_strcasecmp (self->filter_system, pb_connection_get_system_type (connection) ?: "") != 0)
    return FALSE;
  if (self->filter_auth != NULL &&
      g_ascii_strcasecmp (self->filter_auth, pb_connection_get_auth_type (connection) ?: "") != 0)
    return FALSE;
  if (self->filter_method != NULL &&
      g_ascii_strcasecmp (self->filter_method, pb_connection_get_request_type (connection) ?: "") != 0)
    return FALSE;

  if (self->search == NULL)
    return TRUE;

  if (pb_search_match_connection (connection, self->search))
    return TRUE;

  switch (pb_connection_get_system_kind (connection))
    {
    case PB_SYSTEM_KIND_DATA_SYSTEM:
      if (self->type_words_match[0])
        return TRUE;
      break;
    case PB_SYSTEM_KIND_DESTINATION:
      if (self->type_words_match[1])
        return TRUE;
      break;
    case PB_SYSTEM_KIND_OTHER:
    default:
      break;
    }

  switch (pb_connection_get_auth_kind (connection))
    {
    case PB_AUTH_KIND_NONE:
      return self->type_words_match[2];
    case PB_AUTH_KIND_OAUTH:
      return self->type_words_match[3];
    case PB_AUTH_KIND_OTHER:
    default:
      return FALSE;
    }
}

static void
pb_window_set_search (PbWindow   *self,
                      const char *text)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change;

  folded = pb_search_fold (text);
  if (*folded == '\0')
    g_clear_pointer (&folded, g_free);

  if (g_strcmp0 (folded, self->search) == 0)
    return;

  /* Typing on narrows what is shown: the filter only looks at what it showed. */
  if (self->search == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (folded == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (folded, self->search) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->search, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  pb_window_match_type_words (self);
  gtk_filter_changed (GTK_FILTER (self->filter), change);

  pb_window_update_sidebar (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

static void
search_changed_cb (PbWindow       *self,
                   GtkSearchEntry *entry)
{
  pb_window_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
search_activate_cb (PbWindow       *self,
                    GtkSearchEntry *entry)
{
  /* Enter opens the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    list_activate_cb (self, 0);
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
pb_window_filter_changed (GSimpleAction *action,
                          GVariant      *value,
                          gpointer       user_data)
{
  PbWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  const char *kind = g_variant_get_string (value, NULL);
  char **field;

  if (g_str_equal (name, "filter-system"))
    field = &self->filter_system;
  else if (g_str_equal (name, "filter-auth"))
    field = &self->filter_auth;
  else
    field = &self->filter_method;

  g_free (*field);
  *field = g_str_equal (kind, "all") ? NULL : g_strdup (kind);
  g_simple_action_set_state (action, value);

  pb_window_refilter (self);
  pb_window_update_sidebar (self);
}

static gint64
pb_window_modified_key (PbConnection *connection,
                        gpointer      user_data)
{
  GDateTime *modified;

  if (connection == NULL || (modified = pb_connection_get_modified_at (connection)) == NULL)
    return G_MININT64;

  return g_date_time_to_unix (modified) * 1000 + g_date_time_get_microsecond (modified) / 1000;
}

static void
pb_window_update_sorter (PbWindow *self)
{
  g_autofree char *order = g_settings_get_string (self->settings, "sort-order");
  GtkStringSorter *by_name;
  GtkMultiSorter *sorter = gtk_multi_sorter_new ();

  by_name = gtk_string_sorter_new (gtk_property_expression_new (PB_TYPE_CONNECTION, NULL, "name"));
  gtk_string_sorter_set_ignore_case (by_name, TRUE);

  if (g_str_equal (order, "modified"))
    {
      GtkNumericSorter *newest_first;

      newest_first = gtk_numeric_sorter_new (
        gtk_cclosure_expression_new (G_TYPE_INT64, NULL, 0, NULL,
                                     G_CALLBACK (pb_window_modified_key), NULL, NULL));
      gtk_numeric_sorter_set_sort_order (newest_first, GTK_SORT_DESCENDING);
      gtk_multi_sorter_append (sorter, GTK_SORTER (newest_first));
    }
  else if (g_str_equal (order, "system-type"))
    {
      GtkStringSorter *by_type =
        gtk_string_sorter_new (gtk_property_expression_new (PB_TYPE_CONNECTION, NULL, "system-type"));

      gtk_multi_sorter_append (sorter, GTK_SORTER (by_type));
    }

  gtk_multi_sorter_append (sorter, GTK_SORTER (by_name));
  gtk_sort_list_model_set_sorter (self->sort_model, GTK_SORTER (sorter));
  g_object_unref (sorter);
}

static void
pb_window_setup_row (GtkListItemFactory *factory,
                     GtkListItem        *item,
                     PbWindow           *self)
{
  GtkWidget *row = g_object_new (PB_TYPE_CONNECTION_ROW, NULL);

  g_object_bind_property (self, "search", row, "search", G_BINDING_SYNC_CREATE);
  gtk_list_item_set_child (item, row);
}

static void
pb_window_bind_row (GtkListItemFactory *factory,
                    GtkListItem        *item,
                    PbWindow           *self)
{
  pb_connection_row_set_connection (PB_CONNECTION_ROW (gtk_list_item_get_child (item)),
                                    gtk_list_item_get_item (item));
}

static void
pb_window_unbind_row (GtkListItemFactory *factory,
                      GtkListItem        *item,
                      PbWindow           *self)
{
  pb_connection_row_set_connection (PB_CONNECTION_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
pb_window_show_archived_changed (PbWindow *self)
{
  self->show_archived = g_settings_get_boolean (self->settings, "show-archived");
  pb_window_refilter (self);
  pb_window_update_sidebar (self);
}

PbClient *
pb_window_get_client (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return self->client;
}

void
pb_window_set_client (PbWindow *self,
                      PbClient *client)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (!client || PB_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  /* Another source: nothing of the old one may stay on screen. */
  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  pb_connection_list_clear (self->connections);
  g_clear_pointer (&self->cached_at, g_date_time_unref);
  pb_window_hide_banner (self);
  pb_window_update_actions (self);
  pb_window_load (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

void
pb_window_set_subtitle (PbWindow   *self,
                        const char *subtitle)
{
  g_return_if_fail (PB_IS_WINDOW (self));

  if (g_strcmp0 (subtitle, self->subtitle) == 0)
    return;

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
  adw_window_title_set_subtitle (self->loading_title, subtitle);
  adw_window_title_set_subtitle (self->error_title, subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

void
pb_window_show_message (PbWindow   *self,
                        const char *message)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, pb_window_toast_new (message));
}

const char *
pb_window_get_view (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

GListModel *
pb_window_get_shown_connections (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

static void
pb_window_realize (GtkWidget *widget)
{
  GdkSurface *surface;
  GdkMonitor *monitor;
  GdkRectangle area;
  int width, height;

  GTK_WIDGET_CLASS (pb_window_parent_class)->realize (widget);

  /* A size remembered on a larger screen must not put the window beyond this one. */
  surface = gtk_native_get_surface (GTK_NATIVE (widget));
  monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (widget), surface);
  if (monitor == NULL)
    return;

  gdk_monitor_get_geometry (monitor, &area);
  gtk_window_get_default_size (GTK_WINDOW (widget), &width, &height);
  if (width > area.width || height > area.height)
    gtk_window_set_default_size (GTK_WINDOW (widget),
                                 MIN (width, area.width), MIN (height, area.height));
}

static void
pb_window_dispose (GObject *object)
{
  PbWindow *self = (PbWindow *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  pb_window_drop_pending (self);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  g_clear_pointer (&self->title_binding, g_binding_unbind);

  if (self->list_view != NULL)
    {
      gtk_list_view_set_model (self->list_view, NULL);
      gtk_list_view_set_factory (self->list_view, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->filter_system, g_free);
  g_clear_pointer (&self->filter_auth, g_free);
  g_clear_pointer (&self->filter_method, g_free);
  g_clear_object (&self->connections);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->cache_id, g_free);
  g_clear_pointer (&self->cached_at, g_date_time_unref);

  G_OBJECT_CLASS (pb_window_parent_class)->dispose (object);
}

static void
pb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbWindow *self = PB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_CACHE_ID:
      g_value_set_string (value, self->cache_id);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, pb_window_get_loading (self));
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PbWindow *self = PB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      pb_window_set_client (self, g_value_get_object (value));
      break;

    case PROP_SUBTITLE:
      pb_window_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_CACHE_ID:
      g_free (self->cache_id);
      self->cache_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_class_init (PbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_window_dispose;
  object_class->get_property = pb_window_get_property;
  object_class->set_property = pb_window_set_property;

  widget_class->realize = pb_window_realize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PB_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The offline copy of the list to show while loading, and to keep (see pb-cache.h). */
  properties[PROP_CACHE_ID] =
    g_param_spec_string ("cache-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PB_TYPE_CONNECTION);
  g_type_ensure (PB_TYPE_CONNECTION_PAGE);
  g_type_ensure (PB_TYPE_CONNECTION_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, loading_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_preferences_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_retry_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, accounts_section);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, content);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, connection_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, banner_label);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, pb_window_refresh);
  gtk_widget_class_install_action (widget_class, "win.reload-connection", NULL,
                                   pb_window_reload_connection);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, pb_window_back);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, pb_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.copy-json", NULL, pb_window_copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-ref", NULL, pb_window_copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-curl", NULL, pb_window_copy_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, pb_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL,
                                   pb_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.open-in-browser", NULL,
                                   pb_window_open_in_browser);
  gtk_widget_class_install_action (widget_class, "win.test-connection", NULL,
                                   pb_window_test_connection);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
}

static void
pb_window_init (PbWindow *self)
{
  static const GActionEntry filter_actions[] = {
    { "filter-system", NULL, "s", "'all'", pb_window_filter_changed },
    { "filter-auth", NULL, "s", "'all'", pb_window_filter_changed },
    { "filter-method", NULL, "s", "'all'", pb_window_filter_changed },
    /* Off unless asked for each time the window opens: copies do not carry secrets by chance. */
    { "include-secrets", NULL, NULL, "false", NULL },
  };
  g_autoptr(GAction) show_archived = NULL;
  g_autoptr(GAction) sort_order = NULL;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  show_archived = g_settings_create_action (self->settings, "show-archived");
  g_action_map_add_action (G_ACTION_MAP (self), show_archived);
  g_signal_connect_object (self->settings, "changed::show-archived",
                           G_CALLBACK (pb_window_show_archived_changed), self,
                           G_CONNECT_SWAPPED);
  self->show_archived = g_settings_get_boolean (self->settings, "show-archived");

  sort_order = g_settings_create_action (self->settings, "sort-order");
  g_action_map_add_action (G_ACTION_MAP (self), sort_order);
  g_signal_connect_object (self->settings, "changed::sort-order",
                           G_CALLBACK (pb_window_update_sorter), self, G_CONNECT_SWAPPED);
  g_action_map_add_action_entries (G_ACTION_MAP (self), filter_actions,
                                   G_N_ELEMENTS (filter_actions), self);

  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->connections = pb_connection_list_new ();
  /* Sorted first, then filtered: a keystroke only hides and shows rows of a list sorted
   * once, instead of sorting what is left again each time. */
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->connections)),
                                              NULL);
  pb_window_update_sorter (self);
  self->filter = gtk_custom_filter_new (pb_window_filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  /* Not incremental: with the folded text kept with each connection, filtering 10,000 takes a
   * few milliseconds (see bench/), and rows that come and go while a person reads are worse. */
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (pb_window_update_sidebar), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connections, "items-changed",
                           G_CALLBACK (pb_window_update_sidebar), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (pb_window_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (pb_window_setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (pb_window_bind_row), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (pb_window_unbind_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  /* Typing anywhere in the window starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  pb_window_update_sidebar (self);

  pb_window_update_actions (self);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}
